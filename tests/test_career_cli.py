"""`roadmap levels`, `certs`, `skills`, `stacks`, and the certifications `roadmap plan` shows."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.cli import app
from roadmap_cli.views.salary import figure_text, money

START = "2027-01-04"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def as_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = run(runner, *args, "--json")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    assert doc["version"] == 1
    return doc


def test_every_salary_row_has_a_source_and_a_date(catalog: Catalog) -> None:
    assert len(catalog.salaries) >= 30
    for row in catalog.salaries:
        assert row["source"] in catalog.sources, row["id"]
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", row["as_of"]), row["id"]
        assert row["place"] in catalog.places
        assert row["currency"] == catalog.places[row["place"]]["currency"], row["id"]
        assert row["level"] == "all" or row["level"] in {lv["id"] for lv in catalog.levels}
    glassdoor = [r for r in catalog.salaries if "Glassdoor" in r.get("note", "")]
    assert len(glassdoor) == 4
    assert {r["as_of"] for r in glassdoor} == {"2026-02"}


def test_every_source_with_salaries_is_used(catalog: Catalog) -> None:
    # every guide gives salaries; the Bureau's handbook is there to check a job-growth figure
    assert {r["source"] for r in catalog.salaries} == set(catalog.sources) - {"bls-ooh"}


def test_levels_and_skills_name_sources(catalog: Catalog) -> None:
    for entry in [*catalog.levels, *catalog.skills]:
        assert entry["sources"]
        assert set(entry["sources"]) <= set(catalog.sources)


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (85_000, "GBP", "£85k"),
        (55_000, "EUR", "€55k"),
        (174_678, "USD", "$174,678"),
        (2_600_000, "INR", "₹26L"),
        (2_650_000, "INR", "₹26.5L"),
        (0, "USD", "$0"),
    ],
)
def test_money_notation(amount: int, currency: str, text: str) -> None:
    assert money(amount, currency) == text


def test_lower_bounds_stay_lower_bounds() -> None:
    row = {"currency": "USD", "stat": "range", "low": 140_000, "open_ended": True}
    assert figure_text(row) == "$140k+"
    single = {"currency": "USD", "stat": "figure", "value": 130_000}
    assert figure_text(single) == "$130k"


def test_levels(runner: CliRunner) -> None:
    code, out, err = run(runner, "levels")
    assert code == 0, err
    for text in ("Junior backend engineer", "0-2 years", "Gets you promoted", "Staff engineer", "12+ years"):
        assert text in out
    doc = as_json(runner, "levels")
    assert [lv["id"] for lv in doc["levels"]] == ["junior", "mid", "senior", "staff", "lead", "principal"]
    keys = {
        "id",
        "order",
        "title",
        "years",
        "aliases",
        "summary",
        "expects",
        "promoted_by",
        "note",
        "sources",
        "as_of",
    }
    for level in doc["levels"]:
        assert set(level) == keys
        assert level["as_of"]  # every rung carries the date of its guides
    assert doc["levels"][0]["promoted_by"]


def test_certs(runner: CliRunner) -> None:
    code, out, err = run(runner, "certs")
    assert code == 0, err
    assert "AWS Certified Solutions Architect - Associate" in out
    assert "Amazon Web Services" in out
    assert "months 5-7" in out
    doc = as_json(runner, "certs")
    keys = {
        "id",
        "name",
        "issuer",
        "phase",
        "phase_title",
        "phase_order",
        "months",
        "when",
        "default",
        "study_hours",
        "study_items",
        "stacks",
        "your_stack",
        "your_plan",
        "why",
        "recommended_by",
        "sources",
        "as_of",
    }
    assert len(doc["certifications"]) == 6
    for cert in doc["certifications"]:
        assert set(cert) == keys
        # every certification says who recommends it, as of when, and when to study it
        assert cert["when"]
        assert cert["as_of"]
        assert cert["sources"]
        assert [r["id"] for r in cert["recommended_by"]] == cert["sources"]
        assert all(r["title"] and r["as_of"] for r in cert["recommended_by"])
        assert cert["study_hours"] > 0
        assert cert["study_items"]
        assert cert["id"] in out
    saa = next(c for c in doc["certifications"] if c["id"] == "aws-solutions-architect-associate")
    assert (saa["phase"], saa["months"]) == ("cloud-and-scale", "5-7")
    assert [c["id"] for c in doc["certifications"] if c["default"]] == [saa["id"]]
    assert saa["study_items"] == ["aws-saa-study", "aws-saa-exam"]
    assert "Named by" in out
    assert "2026" in out
    orders = [c["phase_order"] for c in doc["certifications"]]
    assert orders == sorted(orders)


def test_certs_for_a_stack(runner: CliRunner) -> None:
    """--lang puts the stack's certifications first, other stacks' after."""
    python = as_json(runner, "certs", "--lang", "py")["certifications"]
    java = as_json(runner, "certs", "--lang", "java")["certifications"]
    yours = {c["id"] for c in python if c["your_stack"]}
    assert "oracle-java-se-17-developer" not in yours
    assert {c["id"] for c in java if c["your_stack"]} - yours == {"oracle-java-se-17-developer"}
    assert python[-1]["id"] == "oracle-java-se-17-developer"  # other stacks' last
    assert [c["your_stack"] for c in python] == sorted((c["your_stack"] for c in python), reverse=True)
    code, out, err = run(runner, "certs", "--lang", "cobol")
    assert code == 2
    assert out == ""
    assert "unknown --lang 'cobol'" in err


def test_skills(runner: CliRunner) -> None:
    code, out, err = run(runner, "skills")
    assert code == 0, err
    for text in ("Go", "Very high", "Highest premium", "Kubernetes", "8-10"):
        assert text in out
    doc = as_json(runner, "skills")
    for skill in doc["skills"]:
        assert set(skill) == {
            "id",
            "name",
            "demand",
            "salary_impact",
            "months",
            "note",
            "items",
            "your_plan",
            "sources",
            "as_of",
        }
        assert skill["your_plan"] is None  # no plan yet
        assert skill["as_of"]
    rust = next(s for s in doc["skills"] if s["id"] == "rust")
    assert (rust["demand"], rust["salary_impact"]) == ("Growing", "Highest premium (niche)")


def test_stacks(runner: CliRunner) -> None:
    code, out, err = run(runner, "stacks")
    assert code == 0, err
    for text in ("python", "fastapi", "SQLAlchemy", "pytest", "golang", "Hibernate"):
        assert text in out
    doc = as_json(runner, "stacks")
    ids = [s["id"] for s in doc["stacks"]]
    assert ids == ["python", "typescript", "go", "java", "rust", "csharp", "php"]
    keys = {"id", "name", "aliases", "frameworks", "orm", "test_tool", "job_queue", "package_manager"}
    for stack in doc["stacks"]:
        assert keys | {"use_cases", "why", "note", "sources", "migrations", "as_of"} == set(stack)
        assert stack["migrations"]  # every stack names its schema migration tool
        assert all(set(f) == {"id", "name", "why", "tools"} for f in stack["frameworks"])
    django = next(f for f in doc["stacks"][0]["frameworks"] if f["id"] == "django")
    assert django["tools"] == {"orm": "the Django ORM"}
    php = doc["stacks"][-1]
    assert (php["orm"], php["job_queue"], php["package_manager"]) == (
        "Eloquent",
        "Laravel queues",
        "Composer",
    )
    assert "our picks" in php["note"]
    assert "Laravel" in out


def test_plan_json_places_certifications_where_their_study_starts(runner: CliRunner) -> None:
    doc = as_json(runner, "plan", "--lang", "python", "--hours", "12", "--start", START)
    (saa,) = doc["certifications"]  # by default only the one the what-matters guide ranks first
    assert set(saa) == {"id", "name", "issuer", "phase", "start", "hours", "items"}
    assert saa["id"] == "aws-solutions-architect-associate"
    items = {i["id"]: i for i in doc["items"]}
    assert saa["items"] == ["aws-saa-study", "aws-saa-exam"]
    assert saa["start"] == items["aws-saa-study"]["start"]
    assert saa["hours"] == items["aws-saa-study"]["hours"] + items["aws-saa-exam"]["hours"]
    # study in phase 3, the exam in phase 5
    assert (items["aws-saa-study"]["phase"], items["aws-saa-exam"]["phase"]) == (
        "cloud-and-scale",
        "portfolio-and-interviews",
    )
    assert not {i["id"] for i in doc["items"]} & {"cka-exam-prep", "oracle-java-se-study"}
    java = as_json(
        runner,
        "plan",
        "--lang",
        "java",
        "--hours",
        "12",
        "--start",
        START,
        "--cert",
        "oracle-java-se-17-developer",
        "--cert",
        "certified-kubernetes-administrator",
    )
    ids = [c["id"] for c in java["certifications"]]
    assert ids == ["oracle-java-se-17-developer", "certified-kubernetes-administrator"]
    java_items = {i["id"]: i for i in java["items"]}
    assert {"oracle-java-se-study", "cka-exam-prep"} <= set(java_items)
    assert "aws-saa-study" not in java_items
    assert java["request"]["certs"] == sorted(ids)
    for cert in java["certifications"]:
        assert cert["hours"] == sum(java_items[i]["hours"] for i in cert["items"]) > 0
    none = as_json(runner, "plan", "--lang", "go", "--hours", "12", "--start", START, "--cert", "none")
    assert none["certifications"] == []
    assert none["request"]["certs"] == []
    assert not [i for i in none["items"] if i["cert"]]


def test_plan_refuses_an_unknown_or_wrong_stack_certification(runner: CliRunner) -> None:
    code, out, err = run(runner, "plan", "-l", "python", "-H", "12", "--cert", "aws-wizard", "--dry-run")
    assert (code, out) == (2, "")
    assert "unknown certification 'aws-wizard'" in err
    for cert_id in ("aws-solutions-architect-associate", "oracle-java-se-17-developer", "none"):
        assert cert_id in err
    code, out, err = run(
        runner, "plan", "-l", "python", "-H", "12", "--cert", "oracle-java-se-17-developer", "--dry-run"
    )
    assert (code, out) == (2, "")
    assert "meant for the java stack" in err
    assert "Traceback" not in err


def test_plan_month_view_shows_the_certification_in_its_month(runner: CliRunner) -> None:
    doc = as_json(runner, "plan", "--lang", "python", "--hours", "12", "--start", START)
    saa = next(c for c in doc["certifications"] if c["id"] == "aws-solutions-architect-associate")
    code, out, _ = run(runner, "plan", "--lang", "python", "--hours", "12", "--start", START)
    assert code == 0
    months = re.split(r"\n(?=[A-Z][a-z]{2} \d{4} )", out)
    month_name = f"{saa['start'][:7]}"
    from datetime import date

    heading = f"{date.fromisoformat(month_name + '-01'):%b %Y}"
    [block] = [m for m in months if m.startswith(heading)]
    # An id longer than the id column stands on its own line, its text below.
    assert re.search(r"★ aws-solutions-architect-associate\s+Certification: start studying for", block)
    assert saa["id"] in block
    assert sum(saa["id"] in m for m in months) == 1
    assert len(re.findall(r"★ \S+\s+Certification", out)) == len(doc["certifications"])


def test_plan_week_view_marks_certifications(runner: CliRunner) -> None:
    code, out, _ = run(runner, "plan", "--lang", "go", "--hours", "12", "--start", START, "--weeks")
    assert code == 0
    assert "start studying for" in out
