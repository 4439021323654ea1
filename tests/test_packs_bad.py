"""Malformed and hostile packs: each gives a clear message at the right line, exit 65 (2 for a bad
path), and never a traceback. The corpus is tests/packs/bad/, its expectations in EXPECTED.yaml."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roadmap_cli.catalog.loader import MAX_FILE_BYTES, load_pack_file
from roadmap_cli.cli import app
from roadmap_cli.errors import ContentError

BAD = Path(__file__).parent / "packs" / "bad"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((BAD / "EXPECTED.yaml").read_text(encoding="utf-8"))


def validate(runner: CliRunner, *paths: Path | str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["packs", "validate", *map(str, paths)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def problem_lines(stderr: str, path: Path) -> list[tuple[int, str]]:
    """(line, message) of every problem the error lists for ``path``."""
    pattern = re.compile(rf"^  {re.escape(str(path))}:(\d+):\d+: (.*)$", re.MULTILINE)
    return [(int(m[1]), m[2]) for m in pattern.finditer(stderr)]


def test_the_corpus_is_complete() -> None:
    files = {p.name for p in BAD.glob("*.yaml")} - {"EXPECTED.yaml"}
    assert files == set(EXPECTED)
    assert len(files) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_pack_is_reported_at_its_line(runner: CliRunner, name: str) -> None:
    expected = EXPECTED[name]
    path = BAD / name
    code, out, err = validate(runner, path)
    assert code == 65, err
    assert "Traceback" not in err
    assert err.startswith("error: ")
    found = problem_lines(err, path)
    assert found, err
    matching = [line for line, message in found if str(expected["message"]) in message]
    assert matching, f"no problem says {expected['message']!r}:\n{err}"
    assert matching[0] == expected["line"], err
    assert f"✗ {path}" in out


def test_several_problems_in_one_file_are_reported_together(runner: CliRunner) -> None:
    path = BAD / "several-problems.yaml"
    code, _, err = validate(runner, path)
    assert code == 65
    assert err.startswith("error: 4 problems in content packs:")
    assert [line for line, _ in problem_lines(err, path)] == [5, 7, 9, 16]


def test_a_bad_pack_given_to_plan_is_exit_65(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "-l", "go", "-H", "10", "--pack", str(BAD / "yaml11-no.yaml")])
    assert result.exit_code == 65
    assert "yaml11-no.yaml:4:12:" in result.stderr
    assert "hint: `roadmap packs validate FILE`" in result.stderr


def test_a_bad_user_pack_stops_every_content_command(runner: CliRunner, roadmap_home: Path) -> None:
    folder = roadmap_home / "config" / "packs"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_bytes((BAD / "unknown-field.yaml").read_bytes())
    result = runner.invoke(app, ["plan", "-l", "go", "-H", "10"])
    assert result.exit_code == 65
    assert f"{folder / 'mine.yaml'}:5:5: milestones[0].hourz: unknown field" in result.stderr


def test_too_large_a_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1), encoding="utf-8")
    code, _, err = validate(runner, path)
    assert code == 65
    assert f"{path}: {path.stat().st_size:,} bytes is larger than the {MAX_FILE_BYTES:,}-byte limit" in err


@pytest.mark.parametrize("command", [["packs", "validate"], ["plan", "-l", "go", "-H", "9", "--pack"]])
def test_a_missing_path_is_a_usage_error(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr
    assert "no such file" in result.stderr or "does not exist" in result.stderr


@pytest.mark.parametrize("command", [["packs", "validate"], ["plan", "-l", "go", "-H", "9", "--pack"]])
def test_a_directory_is_a_usage_error(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    result = runner.invoke(app, [*command, str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = validate(runner, "/dev/null")
    assert code == 2
    assert "/dev/null: is not a regular file" in err


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "roadmap_cli", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_hostile_files_in_a_real_process(roadmap_home: Path, tmp_path: Path) -> None:
    """libyaml's composer recurses: a deep enough file used to crash the process outright."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 300_000 + "]" * 300_000 + "\n", encoding="utf-8")
    for path, message in [
        (deep, "nested deeper than 32 levels"),
        (BAD / "billion-laughs.yaml", "expands to more than 50,000 values"),
    ]:
        done = _run(roadmap_home, "packs", "validate", str(path))
        assert done.returncode == 65, done.stderr
        assert message in done.stderr
        assert "Traceback" not in done.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\" \n\t#012.noy")), max_size=80))
def test_any_text_is_a_pack_or_a_content_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[str] = []
    try:
        load_pack_file(path)
    except ContentError as exc:
        problems = exc.problems or ["<none>"]
    assert all(p.startswith(str(path)) for p in problems)


def test_a_very_broken_file_lists_the_first_problems_and_counts_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "milestones:\n" + "".join(f"  - {{id: m{i}, title: x}}\n" for i in range(1000)), encoding="utf-8"
    )
    code, out, err = validate(runner, path)
    assert code == 65
    assert err.startswith("error: 3,000 problems in content packs:\n")
    assert len(problem_lines(err, path)) == 50
    assert "  ... and 2,950 more\n" in err
    assert f"✗ {path}: 3,000 problems" in " ".join(out.split())
    result = runner.invoke(app, ["packs", "validate", "--json", str(path)])
    report = json.loads(result.stdout)["files"][0]
    assert (len(report["problems"]), report["unlisted"]) == (50, 2950)
