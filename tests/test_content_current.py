"""The built-in content names current tools: nothing retired, and each stack's tools in its plan.

RETIRED is a short list of tools, versions, certifications and links known to be retired or
superseded, each with its date and reason. A name on it may still appear in `content/` only in a
text that also gives that date: that is how the content says "the guide names X; X ended on DATE"
without sending a learner to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from typer.testing import CliRunner

from roadmap_cli.catalog.catalog import Catalog, item_title, tools_of
from roadmap_cli.catalog.registry import builtin_files
from roadmap_cli.cli import app


class Retired(NamedTuple):
    pattern: str  # a regular expression, matched case-sensitively
    date: str  # when it was retired or superseded
    reason: str


RETIRED = [
    Retired(r"\.NET 8\b", "2026-11-10", ".NET 8 left support; .NET 10 is the long-term-support release"),
    Retired(r"\.NET [67]\b", "2024-11-12", ".NET 6 and 7 are out of support"),
    Retired(r"JUnit 5\b|junit\.org/junit5", "2025-09-30", "JUnit 6 is the current major release"),
    Retired(r"docs\.sqlalchemy\.org/en/(1\d|20)/", "2026-12", "a link pinned to an old release of the docs"),
    Retired(r"Node(\.js)? (1[0-8])\b", "2025-04-30", "Node.js 18 and older are out of support"),
    Retired(r"Python 3\.[0-9]\b", "2025-10-31", "Python 3.9 and older are out of support"),
    Retired(
        r"\bdocker-compose\b(?!\.ya?ml)", "2023-07", "Compose V1 stopped; the command is `docker compose`"
    ),
    Retired(r"Heroku free", "2022-11-28", "Heroku's free dynos ended"),
    Retired(r"Spring Boot 2\b", "2023-11-24", "open-source support for Spring Boot 2 ended"),
    Retired(r"CentOS( Linux)? [78]\b", "2024-06-30", "CentOS Linux ended"),
    Retired(r"\bTSLint\b", "2019-12", "TSLint is deprecated in favour of ESLint"),
]

#: Retired issuers: the certification and who runs it now.
RETIRED_ISSUERS = {
    # Docker sold its enterprise business, exams included, to Mirantis in November 2019.
    ("docker-certified-associate", "Docker"): ("2019-11", "the exam is run by Mirantis"),
}

#: Each stack's tools, as the plan's titles must name them (package manager, ORM or query layer,
#: migrations, tests, job queue): a stack whose tools change must change here too, on purpose.
STACK_TOOLS = {
    ("python", "fastapi"): ["uv (or pip)", "SQLAlchemy", "Alembic", "pytest", "Celery"],
    ("python", "django"): ["uv (or pip)", "the Django ORM", "Django's migrations", "pytest", "Celery"],
    ("typescript", "express"): ["npm", "Prisma", "Prisma Migrate", "Vitest (or Jest)", "BullMQ"],
    ("go", "chi"): ["Go modules", "sqlc", "goose", "go test", "Asynq"],
    ("java", "spring-boot"): ["Maven", "Hibernate (JPA)", "Flyway (or Liquibase)", "JUnit 6", "JobRunr"],
    ("rust", "axum"): ["Cargo", "SQLx", "SQLx migrations", "cargo test", "apalis"],
    ("csharp", "aspnet-core"): [
        "dotnet CLI",
        "Entity Framework Core",
        "EF Core migrations",
        "xUnit",
        "Hangfire",
    ],
    ("php", "laravel"): ["Composer", "Eloquent", "Laravel migrations", "PHPUnit (or Pest)", "Laravel queues"],
}


def strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, f"{where}[{i}]")


def content_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for path in builtin_files():
        found += strings(yaml.safe_load(Path(path).read_text(encoding="utf-8")), Path(path).name)
    return found


def test_the_retired_list_catches_what_it_lists() -> None:
    for text in ("Learn C# on .NET 8", "JUnit 5 user guide", "https://docs.sqlalchemy.org/en/20/"):
        assert any(re.search(r.pattern, text) for r in RETIRED), text
    for text in (
        "Learn C# on .NET 10",
        "JUnit 6",
        "https://docs.sqlalchemy.org/en/latest/",
        "docker compose",
    ):
        assert not any(re.search(r.pattern, text) for r in RETIRED), text
    assert all(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", r.date) and r.reason for r in RETIRED)


@pytest.mark.parametrize("retired", RETIRED, ids=lambda r: r.pattern)
def test_no_retired_tool_version_or_link_is_named_without_its_date(retired: Retired) -> None:
    for where, text in content_strings():
        if re.search(retired.pattern, text):
            assert retired.date in text, (
                f"{where} names {retired.pattern!r}: {retired.reason} ({retired.date})"
            )


def test_no_certification_names_a_retired_issuer(catalog: Catalog) -> None:
    for cert in catalog.certifications:
        gone = RETIRED_ISSUERS.get((cert["id"], cert["issuer"]))
        assert gone is None, f"{cert['id']}: issuer {cert['issuer']!r} since {gone[0]}: {gone[1]}"


def test_dotnet_8_is_named_only_with_its_end_and_the_release_that_replaces_it() -> None:
    named = [text for _, text in content_strings() if ".NET 8" in text]
    assert named  # the guide's advice is kept, with its date
    assert all("2026-11-10" in text and ".NET 10" in text for text in named)


@pytest.mark.parametrize(("stack", "framework"), list(STACK_TOOLS), ids=lambda v: str(v))
def test_every_stack_names_its_tools_in_its_plan_titles(
    runner: CliRunner, stack: str, framework: str
) -> None:
    args = ["plan", "-l", stack, "-f", framework, "-H", "12", "--start", "2027-01-04", "--dry-run", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    titles = "\n".join(i["title"] for i in json.loads(result.stdout)["items"])
    for tool in STACK_TOOLS[(stack, framework)]:
        assert tool in titles, (stack, framework, tool)


def test_the_table_covers_every_stack(catalog: Catalog) -> None:
    assert {s for s, _ in STACK_TOOLS} == set(catalog.stacks)


#: Facts of the guides a careful reader would miss if they went: (where, words that must be there).
GUIDE_FACTS = [
    ("crud-api-with-auth", "90% of backend APIs"),  # what-matters: REST
    ("serverless-functions", "from 200 ms to 20 ms"),  # what-matters: edge
    ("learn-language-core", "first 3 years"),  # what-matters: depth over breadth
    ("learn-language-core", "Python first, TypeScript second, Go third"),  # what-matters: order
    ("free-tier-deploy", "Supabase"),  # what-matters: managed PostgreSQL
    ("free-tier-deploy", "Neon"),
    ("sql-fundamentals", "TimescaleDB"),  # what-matters: extensions
    ("sql-fundamentals", "PostGIS"),
    ("sql-fundamentals", "pgvector"),
    ("observability-dashboard", "Datadog"),  # career-path: observability tools
    ("observability-dashboard", "Honeycomb"),
    ("orm-migrations", "CREATE INDEX CONCURRENTLY"),  # career-path: online indexing
    ("ci-github-actions", "Jenkins"),  # SkillExchange: CI tools
    ("ci-github-actions", "GitLab CI"),
    ("nosql-document-store", "DynamoDB"),  # SkillExchange: NoSQL
    ("aws-core-services", "Azure"),  # career-path, SkillExchange: cloud choices
    ("portfolio-showcase", "12 curated 2026 projects"),  # career-path
]


@pytest.mark.parametrize(("item_id", "words"), GUIDE_FACTS, ids=lambda v: str(v))
def test_the_guides_facts_are_in_the_content(catalog: Catalog, item_id: str, words: str) -> None:
    item = catalog.by_id[item_id]
    assert words in " ".join([item["description"], item["title"], *item["titles"].values()])


def test_pydantic_is_named_for_python(catalog: Catalog) -> None:
    python = catalog.stacks["python"]
    title = item_title(
        catalog.by_id["learn-language-core"], "python", tools_of(python, python["frameworks"][0])
    )
    assert "pydantic" in title


def test_the_job_growth_figure_is_not_mixed(catalog: Catalog) -> None:
    """The guide's 17% (2023-2033) is kept with its caveat; the openings go with the Bureau's 15%."""
    figures = {f["id"]: f for f in catalog.market}
    guide = figures["bls-developer-growth"]
    assert guide["value"] == "17%"
    assert "2023-2033" in guide["note"]
    assert "15%" in guide["note"]
    bureau = figures["bls-developer-growth-2024-2034"]
    assert (bureau["value"], bureau["source"], bureau["as_of"]) == ("15%", "bls-ooh", "2026-12")
    assert catalog.sources["bls-ooh"]["url"].startswith("https://www.bls.gov/ooh/")
    openings = figures["bls-openings-per-year"]
    assert "2024 to 2034" in openings["title"]


def test_skills_levels_and_stacks_carry_the_date_of_their_figures(catalog: Catalog) -> None:
    for entry in [*catalog.levels, *catalog.skills, *catalog.stacks.values()]:
        assert re.fullmatch(r"\d{4}(-\d{2})?", entry.get("as_of", "")), entry["id"]
    # the Stack Overflow figures are 2025's, whatever the date of the guide that quotes them
    for stack in ("python", "typescript", "rust"):
        assert "2025" in catalog.stacks[stack]["why"]
        assert catalog.stacks[stack]["as_of"] == "2025"


def test_staff_and_lead_are_one_rung(runner: CliRunner, catalog: Catalog) -> None:
    order = {lv["id"]: lv["order"] for lv in catalog.levels}
    assert order["staff"] == order["lead"] == order["senior"] + 1
    assert order["principal"] == order["staff"] + 1
    result = runner.invoke(app, ["levels"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "4 (same rung). Staff engineer" in result.stdout
    assert "4 (same rung). Lead backend engineer" in result.stdout
    assert "5. Principal" in result.stdout
    assert "as of 2026" in result.stdout


def test_the_aws_developer_exam_comes_after_the_solutions_architect_exam(runner: CliRunner) -> None:
    args = ["plan", "-l", "python", "-H", "12", "--start", "2027-01-04", "--dry-run", "--json"]
    args += ["--cert", "aws-solutions-architect-associate", "--cert", "aws-developer-associate"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    assert items["aws-saa-exam"]["end"] <= items["aws-developer-exam-prep"]["start"]
