"""A cold load parses each pack file once, and what the single pass builds is what a pack means:
anchors and aliases give copies, every value keeps the line it came from."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_cli.catalog import loader, reader
from roadmap_cli.catalog.registry import catalog_files, load_catalog
from roadmap_cli.cli import app

ALIASED = """\
milestones:
  - id: first-of-two
    phase: foundations
    title: "Read the {language} tutorial"
    hours: 3
    sources: &sources [whatmatters-2026]
  - id: second-of-two
    phase: foundations
    title: "Read it again"
    hours: 2
    sources: *sources
"""


def test_a_cold_load_parses_each_file_once(roadmap_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    parser = reader._Loader

    def counting(text: str) -> object:
        made.append(text)
        return parser(text)

    monkeypatch.setattr(reader, "_Loader", counting)
    load_catalog(use_cache=False)
    assert len(made) == len(catalog_files())


def test_an_alias_is_read_as_a_copy_of_its_anchor(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "aliased.yaml"
    path.write_text(ALIASED, encoding="utf-8")
    doc = loader.read_document(path)
    first, second = doc.data["milestones"]
    assert first["sources"] == second["sources"] == ["whatmatters-2026"]
    assert first["sources"] is not second["sources"]
    assert doc.marks[("milestones", 1, "sources")].line == 6  # where the anchored text stands
    result = runner.invoke(app, ["packs", "validate", str(path)])
    assert result.exit_code == 0, result.stderr


def test_a_problem_in_an_aliased_value_names_the_anchored_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "aliased.yaml"
    path.write_text(ALIASED.replace("[whatmatters-2026]", "[no-such-source]"), encoding="utf-8")
    result = runner.invoke(app, ["packs", "validate", str(path)])
    assert result.exit_code == 65
    assert f"{path}:6:" in result.stderr
    assert "unknown source 'no-such-source'" in result.stderr
