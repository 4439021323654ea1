"""The built-in pack is shipped content: a broken file is a bug, caught here and not by a user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadmap_cli.catalog.catalog import (
    PLACEHOLDERS,
    Catalog,
    applies_to,
    item_hours,
    item_resources,
    placeholders_in,
    tools_of,
)
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
    assert set(catalog.stacks) == {"python", "typescript", "go", "java", "rust", "csharp", "php"}
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


def core_hours(catalog: Catalog, stack: str) -> int:
    """Core hours of a stack with the default certifications, as milestones.yaml adds them up."""
    certs = set(catalog.default_certs())
    return sum(
        item_hours(i, stack)
        for i in catalog.items
        if i["priority"] == "core" and applies_to(i, stack) and (i["cert"] is None or i["cert"] in certs)
    )


def test_core_path_fits_ten_to_twelve_months_at_twelve_hours(catalog: Catalog) -> None:
    # 12 h/week is about 52 h a month: 10 months ~ 522 h, 12 months ~ 626 h. The arithmetic in
    # milestones.yaml's header states the same sums; keep the two in step.
    for stack in catalog.stacks:
        if stack != "rust":  # Rust's language estimate takes it past 12 months: the plan says so
            assert 530 <= core_hours(catalog, stack) <= 626, (stack, core_hours(catalog, stack))
    assert core_hours(catalog, "python") == 620
    assert core_hours(catalog, "java") == core_hours(catalog, "csharp") == 624
    assert core_hours(catalog, "rust") == 640
    header = (Path(FILES[0]).parent / "milestones.yaml").read_text(encoding="utf-8")
    assert "total 620 h" in header
    assert "640 h" in header


def test_language_estimates_follow_the_stack(catalog: Catalog) -> None:
    learn = catalog.by_id["learn-language-core"]
    easy = {s: item_hours(learn, s) for s in ("python", "go", "typescript")}
    hard = {s: item_hours(learn, s) for s in ("rust", "java", "csharp")}
    assert max(easy.values()) < min(hard.values())
    assert hard["rust"] == max(hard.values())


def test_the_guides_core_is_core(catalog: Catalog) -> None:
    for item_id in ("serverless-functions", "terraform-infrastructure", "aws-saa-study", "aws-saa-exam"):
        assert catalog.by_id[item_id]["priority"] == "core", item_id
    assert catalog.by_id["aws-saa-study"]["phase"] == "cloud-and-scale"
    assert catalog.by_id["aws-saa-exam"]["phase"] == "portfolio-and-interviews"
    assert catalog.default_certs() == ["aws-solutions-architect-associate"]
    # every certification has study hours in the pack, and every market figure a source and a date
    assert {i["cert"] for i in catalog.items if i["cert"]} == set(catalog.cert_by_id)
    for figure in catalog.market:
        assert figure["source"] in catalog.sources
        assert figure["as_of"]


def test_weekly_practice_is_what_the_guides_call_weekly(catalog: Catalog) -> None:
    weekly = {i["id"]: i["weekly"] for i in catalog.items if i["weekly"]}
    assert weekly == {"system-design-weekly": 2, "coding-interview-practice": 3}


def test_capstones_are_the_five_portfolio_projects(catalog: Catalog) -> None:
    capstones = [catalog.by_id[p["capstone"]]["title"].lower() for p in catalog.phases]
    for word in ("bookmark", "bookmark", "url shortener", "notification", "chat"):
        assert any(word in title for title in capstones), word


def test_every_item_has_a_documentation_link_in_every_stack(catalog: Catalog) -> None:
    missing = [
        (item["id"], stack)
        for item in catalog.items
        for stack in catalog.stacks
        if applies_to(item, stack) and not item_resources(item, stack)
    ]
    assert missing == []


#: The documentation of each stack's job queue, linked where the plan asks for background workers.
QUEUE_DOCS = {
    "python": "https://docs.celeryq.dev/",
    "typescript": "https://docs.bullmq.io/",
    "go": "https://pkg.go.dev/github.com/hibiken/asynq",
    "java": "https://www.jobrunr.io/",
    "rust": "https://docs.rs/apalis/",
    "csharp": "https://docs.hangfire.io/",
    "php": "https://laravel.com/docs/queues",
}


def test_every_stack_links_its_job_queue_where_the_plan_uses_it(catalog: Catalog) -> None:
    assert set(QUEUE_DOCS) == set(catalog.stacks)
    workers = catalog.by_id["bookmark-manager-extended"]
    assert "{job_queue}" in workers["title"]
    for stack, prefix in QUEUE_DOCS.items():
        queue = tools_of(catalog.stacks[stack], catalog.stacks[stack]["frameworks"][0])["job_queue"]
        links = item_resources(workers, stack)
        assert any(r["url"].startswith(prefix) for r in links), (stack, queue)
        assert any(queue.split()[0] in r["title"] for r in links), (stack, queue)


def test_every_certification_links_its_exam_page(catalog: Catalog) -> None:
    """The issuer's page for the exam itself, not only docs of the tool it certifies."""
    for cert in catalog.certifications:
        links = [r for i in catalog.items if i["cert"] == cert["id"] for r in i["resources"]]
        pages = [r for r in links if re.search(r"exam|certification|Certified", r["title"])]
        assert pages, cert["id"]


def test_a_plan_saved_before_stacks_named_migrations_still_titles_its_items(catalog: Catalog) -> None:
    """Tools saved with an older plan have no {migrations}: the title reads "versioned migrations"."""
    from roadmap_cli.catalog.catalog import NO_MIGRATIONS_TOOL, item_title

    python = catalog.stacks["python"]
    old_tools = {k: v for k, v in tools_of(python, python["frameworks"][0]).items() if k != "migrations"}
    title = item_title(catalog.by_id["orm-migrations"], "python", old_tools)
    assert title.endswith(NO_MIGRATIONS_TOOL)
    assert "SQLAlchemy" in title
    user_stack = {k: v for k, v in python.items() if k != "migrations"}
    assert tools_of(user_stack, {"id": "x", "name": "X"})["migrations"] == NO_MIGRATIONS_TOOL
