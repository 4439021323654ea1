"""The built-in pack is shipped content: a broken file is a bug, caught here and not by a user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadmap_cli.catalog.catalog import PLACEHOLDERS, Catalog, placeholders_in
from roadmap_cli.catalog.loader import load_pack_file
from roadmap_cli.catalog.registry import builtin_files

FILES = builtin_files()


def test_builtin_files_exist() -> None:
    names = {p.name for p in FILES}
    assert {"pack.yaml", "stacks.yaml", "phases.yaml", "milestones.yaml", "projects.yaml"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_builtin_file_validates(path: Path) -> None:
    _, pack = load_pack_file(path)
    assert pack


def test_catalog_holds_together(catalog: Catalog) -> None:
    assert [p["order"] for p in catalog.phases] == sorted({p["order"] for p in catalog.phases})
    assert len(catalog.phases) == 5
    assert set(catalog.stacks) == {"python", "typescript", "go", "java", "rust", "csharp"}
    for stack in catalog.stacks.values():
        assert stack["frameworks"]
    for phase in catalog.phases:
        assert phase.get("capstone"), f"phase {phase['id']} has no capstone"
    tracks = {i["track"] for i in catalog.items if i["track"]}
    assert tracks == set(catalog.tracks)


def test_every_item_and_fact_names_a_source(catalog: Catalog) -> None:
    for item in catalog.items:
        assert item["sources"], item["id"]
        assert set(item["sources"]) <= set(catalog.sources)
    for source in catalog.sources.values():
        assert re.fullmatch(r"\d{4}(-\d{2})?(-\d{2})?", source["as_of"])


def test_titles_use_only_known_placeholders(catalog: Catalog) -> None:
    for item in catalog.items:
        for text in [item["title"], *item["titles"].values()]:
            assert set(placeholders_in(text)) <= set(PLACEHOLDERS), item["id"]


def test_core_path_is_about_ten_months_at_twelve_hours(catalog: Catalog) -> None:
    # 001: ~10 months at 12 h/week; 000 plans 12 months, so the optional items fill the rest.
    for stack in catalog.stacks:
        core = sum(
            i["hours"]
            for i in catalog.items
            if i["priority"] == "core" and (not i["stacks"] or stack in i["stacks"])
        )
        assert 480 <= core <= 540, (stack, core)


def test_capstones_are_the_five_portfolio_projects(catalog: Catalog) -> None:
    capstones = [catalog.by_id[p["capstone"]]["title"].lower() for p in catalog.phases]
    for word in ("bookmark", "bookmark", "url shortener", "notification", "chat"):
        assert any(word in title for title in capstones), word
