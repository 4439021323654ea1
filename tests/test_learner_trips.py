"""Small things a learner tripped on, each as they met it on the command line."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app

START = "2027-01-04"  # a Monday


def run(runner: CliRunner, *args: str, today: str | None = START) -> tuple[int, str, str]:
    env = {"ROADMAP_TODAY": today} if today else {}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: str, today: str | None = START) -> str:
    code, out, err = run(runner, *args, today=today)
    assert code == 0, err
    return out


@pytest.fixture
def planned(runner: CliRunner) -> Any:
    """An active plan: Python, 12 h/week from 2027-01-04; returns its JSON."""
    return json.loads(ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START, "--json"))


# -- words for numbers and times ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["plan", "--lang", "python", "--hours", "twelve"], "a week; give one from 1 to 80, e.g. --hours 12"),
        (["replan", "--hours=twelve"], "a week; give one from 1 to 80, e.g. --hours 12"),
        (["today", "--hours", "two"], "in a day; give one from 0.25 to 24, e.g. --hours 2"),
    ],
)
def test_hours_in_words_say_what_is_allowed(
    runner: CliRunner, planned: Any, args: list[str], allowed: str
) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert out == ""
    word = args[-1].partition("=")[2] or args[-1]
    assert f"'{word}' is not a number of hours {allowed}" in " ".join(err.split())
    assert "valid float" not in err
    assert "Traceback" not in err


def test_a_time_without_its_unit_says_so_and_shows_the_forms(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "log", "sql-fundamentals", "90")
    assert code == 2
    assert out == ""
    assert "'90' has no unit: 90m for minutes or 90h for hours?" in err
    assert "30m, 90min, 1h, 1h30m" in err
    assert "1 minute to 24 hours" not in err
    code, _, err = run(runner, "log", "sql-fundamentals", "90 secs")
    assert code == 2
    assert "'secs' is not a unit of time" in err


@pytest.mark.parametrize(("text", "hours"), [("90 minutes", 1.5), ("1 hour", 1.0), ("2 hours", 2.0)])
def test_times_written_out_in_words_are_taken(
    runner: CliRunner, planned: Any, text: str, hours: float
) -> None:
    ok(runner, "log", "sql-fundamentals", text)
    status = json.loads(ok(runner, "status", "--json"))
    assert status["progress"]["logged_hours"] == hours


def test_a_date_option_points_to_on(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "log", "sql-fundamentals", "2h", "--date", "2027-01-03")
    assert code == 2
    assert out == ""
    assert "no such option: --date" in err
    assert "did you mean --on" in err
    assert "--note" not in err


# -- show and check: one rule for an id ------------------------------------------------------------


def test_show_before_any_plan_shows_the_item_from_the_content(runner: CliRunner, roadmap_home: Any) -> None:
    out = ok(runner, "show", "crud-api-with-auth")
    assert out.startswith("Build a CRUD REST API with your framework, with sign-up and login\n")
    assert "Foundations: language, SQL and a first API" in out
    assert "not in a plan yet" in out
    assert "18 h estimated" in out
    assert "sql-fundamentals" in out  # what it depends on
    assert "State" not in out
    assert "Planned" not in out
    assert "logged" not in out
    doc = json.loads(ok(runner, "show", "crud-api-with-auth", "--json"))
    assert doc["in_plan"] is False
    assert doc["state"] == "unscheduled"
    assert (doc["start"], doc["end"], doc["hours"]) == (None, None, 18)
    assert [d["id"] for d in doc["depends_on"]] == ["learn-language-core", "sql-fundamentals"]
    assert not (roadmap_home / "data").exists()  # still read-only
    # An item for one stack is worded for it; an id the content lacks is a usage error.
    assert "Depends on" in ok(runner, "show", "typescript-trpc")
    code, out, err = run(runner, "show", "crud-api-with-atuh")
    assert (code, out) == (2, "")
    assert "unknown item id 'crud-api-with-atuh'" in err
    assert "'crud-api-with-auth'" in err


def test_show_and_check_take_the_same_ids(runner: CliRunner, planned: Any) -> None:
    assert "typescript-trpc" not in [i["id"] for i in planned["items"]]
    out = ok(runner, "show", "typescript-trpc")
    assert "not in your plan: it is for the TypeScript stack" in out
    assert json.loads(ok(runner, "show", "typescript-trpc", "--json"))["in_plan"] is False
    assert "not in your plan" in ok(runner, "check", "typescript-trpc")
    doc = json.loads(ok(runner, "show", "typescript-trpc", "--json"))
    assert (doc["state"], doc["in_plan"]) == ("done", False)
    # In the plan: no such line, and the item's own state.
    doc = json.loads(ok(runner, "show", "sql-fundamentals", "--json"))
    assert (doc["state"], doc["in_plan"]) == ("planned", True)
    assert "not in your plan" not in ok(runner, "show", "sql-fundamentals")
    # An id that is nowhere: both refuse it the same way.
    show = run(runner, "show", "no-such-item")
    check = run(runner, "check", "no-such-item")
    assert show[0] == check[0] == 2
    assert show[2] == check[2]
    assert "unknown item id 'no-such-item'" in show[2]
