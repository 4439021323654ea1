from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.catalog.registry import build_catalog_data, builtin_files

#: Examples per property test: 60 as CI runs them; the mutation run (see pyproject.toml) asks for
#: fewer, since it runs the tests once per mutant.
EXAMPLES = int(os.environ.get("ROADMAP_TEST_EXAMPLES", "60"))
settings.register_profile("roadmap", max_examples=EXAMPLES)
settings.load_profile("roadmap")


@pytest.fixture(autouse=True)
def roadmap_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own ROADMAP_HOME: no test reads or writes the real home directory."""
    home = tmp_path / "roadmap-home"
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    # git, which `roadmap sync` runs: no configuration of the machine's, no network, no prompt
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_ALLOW_PROTOCOL", "file")
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    return home


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The built-in packs only, read straight from content/ (no cache, no user packs)."""
    files = builtin_files()
    return Catalog(build_catalog_data(files, builtin=set(files)))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """git's HOME too in the test's folder (``roadmap_home`` keeps the machine's git configuration
    out of every test), and a fixed author for its commits."""
    home = tmp_path / "git-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.delenv(name, raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test Person")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "test@example.org")
    return home


def raw_controls(text: str, *, tab: bool = True) -> list[str]:
    """Characters a terminal may act on that made it into output: controls (newline aside, and tab
    unless ``tab=False``), C1, the bidirectional marks, overrides and isolates, and lone surrogates."""
    return sorted(
        {
            c
            for c in text
            if (ord(c) < 32 and c != "\n" and not (tab and c == "\t"))
            or 0x7F <= ord(c) < 0xA0
            or c in "\u061c\u200e\u200f\u2028\u2029"
            or 0x202A <= ord(c) <= 0x202E
            or 0x2066 <= ord(c) <= 0x2069
            or 0xD800 <= ord(c) <= 0xDFFF
        }
    )


def fuzzing(examples: int) -> settings:
    """Hypothesis settings for a fuzz test: no deadline or example database, and the same examples in
    every run (a find is a failure to reproduce, not a flake); how long a run takes is for the
    benchmark to say, and a hang is bounded by each process's timeout."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
