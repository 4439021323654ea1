"""Ticking, skipping, noting, status, next, replan and where, as a person runs them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app
from roadmap_cli.progress.store import open_store

START = "2027-01-04"  # a Monday


def run(runner: CliRunner, *args: str, today: str | None = None) -> tuple[int, str, str]:
    env = {"ROADMAP_TODAY": today} if today else {}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def planned(runner: CliRunner) -> Any:
    """An active plan: Python, 12 h/week from 2027-01-04; returns its JSON."""
    code, out, err = run(runner, "plan", "--lang", "python", "--hours", "12", "--start", START, "--json")
    assert code == 0, err
    return json.loads(out)


def ids_of(doc: Any) -> list[str]:
    return [i["id"] for i in doc["items"]]


def status_json(runner: CliRunner, today: str = "2027-02-10") -> Any:
    code, out, err = run(runner, "status", "--json", today=today)
    assert code == 0, err
    return json.loads(out)


# -- no plan yet --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["next"],
        ["status", "--json"],
        ["check", "x"],
        ["skip", "x"],
        ["note", "x", "y"],
        ["replan"],
    ],
)
def test_no_plan_says_how_to_make_one_and_creates_nothing(
    runner: CliRunner, roadmap_home: Path, args: list[str]
) -> None:
    code, out, err = run(runner, *args)
    assert code == 1
    assert out == ""
    assert "no plan yet" in err
    assert "roadmap plan --lang" in err
    assert not (roadmap_home / "data").exists()  # read commands never create the database


def test_dry_run_saves_nothing(runner: CliRunner, roadmap_home: Path) -> None:
    code, out, err = run(runner, "plan", "-l", "go", "-H", "10", "--dry-run")
    assert code == 0
    assert "Backend study plan" in out
    assert err == ""
    assert not (roadmap_home / "data").exists()


def test_plan_saves_request_and_keeps_history(runner: CliRunner, planned: Any) -> None:
    run(runner, "plan", "-l", "go", "-H", "10", "--start", "2027-02-01", "--core-only", "--months", "9-11")
    with open_store(readonly=True) as store:
        plans = store.plans()
        active = store.active_plan()
    assert len(plans) == 2
    assert [p.active for p in plans] == [False, True]
    assert active is not None
    request = active.plan().request
    assert (request.lang, request.hours, request.start, request.months, request.core_only, request.packs) == (
        "go",
        10.0,
        date(2027, 2, 1),
        (9, 11),
        True,
        (),
    )
    assert request.certs == ("aws-solutions-architect-associate",)


# -- check, skip, note ------------------------------------------------------------------------------


def test_check_ticks_and_undo_unticks(runner: CliRunner, planned: Any) -> None:
    first, second = ids_of(planned)[:2]
    code, out, err = run(runner, "check", first, second)
    assert code == 0, err
    assert re.search(rf"✓ {first} .*?\bticked\n", out, re.S)
    assert f"2 of {len(ids_of(planned))} items done" in out
    assert status_json(runner)["progress"]["done_items"] == 2

    code, out, _ = run(runner, "check", first)
    assert code == 0
    assert "already ticked" in out

    code, out, _ = run(runner, "check", "--undo", first)
    assert code == 0
    assert re.search(rf"↺ {first} .*?\bunticked\n", out, re.S)
    assert status_json(runner)["progress"]["done_items"] == 1
    with open_store(readonly=True) as store:
        kinds = [e.kind for e in store.events()]
    assert kinds == ["tick", "tick", "untick"]  # the repeated tick wrote nothing


def test_unknown_id_exits_2_with_the_closest(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "check", "crud-cli-tol")
    assert code == 2
    assert out == ""
    assert "unknown item id 'crud-cli-tol'" in err
    assert "did you mean 'crud-cli-tool'" in err
    with open_store(readonly=True) as store:
        assert store.events() == []  # nothing half-done: the good ids were not ticked either


def test_unknown_id_among_good_ones_writes_nothing(runner: CliRunner, planned: Any) -> None:
    code, _, _ = run(runner, "check", ids_of(planned)[0], "nope-nothing")
    assert code == 2
    with open_store(readonly=True) as store:
        assert store.events() == []


def test_check_without_ids_off_a_terminal_exits_2(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "check")
    assert code == 2
    assert out == ""
    assert "not a terminal" in err
    assert "roadmap check ID" in err


def test_evidence_on_a_project(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(
        runner, "check", "bookmark-manager-api", "--evidence", "https://example.org/me/bookmarks"
    )
    assert code == 0, err
    assert "evidence" in out
    with open_store(readonly=True) as store:
        item = store.state().get("bookmark-manager-api")
    assert item.ticked
    assert item.evidence == "https://example.org/me/bookmarks"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "a", "b", "--evidence", "u"], "exactly one item id"),
        (["check", "a", "--undo", "--evidence", "u"], "--evidence cannot go with --undo"),
        (["check", "a", "--evidence", " "], "--evidence needs a value"),
        (["check", "--undo"], "--undo needs the ids"),
        (["skip"], "give the ids"),
        (["note", "explain-analyze"], "give the note's text"),
        (["note", "explain-analyze", "   "], "give the note's text"),
        (["note", "--undo", "explain-analyze", "text"], "needs no text"),
    ],
)
def test_bad_usage_exits_2(runner: CliRunner, planned: Any, args: list[str], message: str) -> None:
    code, _, err = run(runner, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_skip_counts_as_done_and_replanning_leaves_it_out(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "skip", "learn-language-core", "programming-fundamentals")
    assert code == 0, err
    assert re.search(r"» learn-language-core .*?\bskipped\n", out, re.S)
    assert status_json(runner)["progress"]["done_items"] == 2
    code, out, _ = run(runner, "plan", "--lang", "python", "--hours", "12", "--start", START, "--json")
    new_ids = ids_of(json.loads(out))
    assert "learn-language-core" not in new_ids
    assert "programming-fundamentals" not in new_ids
    # the new plan still counts them as done in its totals
    doc = status_json(runner)
    assert doc["progress"]["done_items"] == 2
    assert doc["progress"]["total_items"] == 2 + len(new_ids)

    code, out, _ = run(runner, "skip", "--undo", "learn-language-core")
    assert code == 0
    assert "unskipped" in out
    doc = status_json(runner)
    assert doc["unscheduled"] == ["learn-language-core"]
    code, out, _ = run(runner, "status", today="2027-02-10")
    assert "roadmap replan" in out


def test_notes_are_kept_and_undoable(runner: CliRunner, planned: Any) -> None:
    assert run(runner, "note", "explain-analyze", "first")[0] == 0
    assert run(runner, "note", "explain-analyze", "second")[0] == 0
    code, out, _ = run(runner, "note", "--undo", "explain-analyze")
    assert code == 0
    assert "note taken back" in out
    with open_store(readonly=True) as store:
        assert store.state().get("explain-analyze").notes == ["first"]
    # a new plan keeps notes, ticks and skips
    run(runner, "check", "sql-fundamentals")
    run(runner, "plan", "--lang", "python", "--hours", "6")
    with open_store(readonly=True) as store:
        state = store.state()
    assert state.get("explain-analyze").notes == ["first"]
    assert state.get("sql-fundamentals").ticked


# -- status and next ----------------------------------------------------------------------------------


def test_status_json_contract(runner: CliRunner, planned: Any) -> None:
    run(runner, "check", "learn-language-core")
    doc = status_json(runner, today="2027-02-10")
    assert doc["version"] == 1
    assert set(doc) == {
        "version",
        "today",
        "hours_are",
        "plan",
        "standing",
        "ahead_hours",
        "ahead_minutes",
        "ahead_days",
        "planned_today_hours",
        "due_hours",
        "done_scheduled_hours",
        "progress",
        "phases",
        "current_phase",
        "overdue",
        "next",
        "streak_weeks",
        "orphans",
        "unscheduled",
        "forecast",
        "calibration",
        "certifications_passed",
        "advice",
        "reviews",
    }
    assert doc["reviews"]["cards"] == 1  # the milestone ticked comes up for review
    assert doc["today"] == "2027-02-10"
    assert doc["plan"] == {
        "stack": "Python",
        "framework": "FastAPI",
        "hours_per_week": 12.0,
        "start": START,
        "end": planned["summary"]["end"],
        "days_left": doc["plan"]["days_left"],
    }
    assert doc["standing"] == "behind"
    assert doc["ahead_hours"] < 0
    assert doc["ahead_days"] < 0
    assert doc["current_phase"] in [p["id"] for p in doc["phases"]]
    for phase in doc["phases"]:
        assert set(phase) == {
            "id", "title", "done_items", "total_items", "done_hours", "total_hours", "percent", "current",
            "start", "end", "logged_hours",
        }  # fmt: skip
    for item in [*doc["overdue"], *doc["next"]]:
        assert set(item) == {"id", "title", "kind", "phase", "hours", "start", "end"}
    assert "learn-language-core" not in [i["id"] for i in doc["overdue"]]
    assert doc["progress"]["done_items"] == 1


def test_status_human_view(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "status", today="2026-12-30")
    assert code == 0, err
    assert "Your plan starts on Mon 2027-01-04, in 5 days." in out
    assert "Phases" in out
    assert "Overall" in out
    code, out, _ = run(runner, "status", today="2027-03-01")
    assert "Behind plan by" in out
    assert "Overdue" in out
    assert "current phase:" in out


def test_next_lists_this_week_with_hours_left(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "next", "--json", today="2027-02-03")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["standing"] == "in_plan"
    # week 5, the first with several items: learning the language fills weeks 1-3 (36 h)
    assert doc["week"]["number"] == 5
    assert doc["week"]["start"] == "2027-02-01"
    assert doc["week"]["end"] == "2027-02-07"
    assert doc["week"]["planned_hours"] == 12
    week_ids = [i["id"] for i in doc["items"]]
    assert len(week_ids) > 1
    for item in doc["items"]:
        assert set(item) == {
            "id",
            "title",
            "kind",
            "phase",
            "hours",
            "start",
            "end",
            "hours_this_week",
            "done",
            "state",
            "logged_hours_this_week",
        }
    run(runner, "check", week_ids[0])
    doc = json.loads(run(runner, "next", "--json", today="2027-02-03")[1])
    assert doc["items"][0]["done"] is True
    assert doc["week"]["hours_left"] == 12 - doc["items"][0]["hours_this_week"]

    code, out, _ = run(runner, "next", today="2027-02-03")
    assert "Week 5 · Mon 2027-02-01 → Sun 2027-02-07" in out
    assert "roadmap check" in out


def test_next_before_the_start_and_after_the_end(runner: CliRunner, planned: Any) -> None:
    doc = json.loads(run(runner, "next", "--json", today="2026-12-01")[1])
    assert doc["standing"] == "before_start"
    assert doc["week"]["number"] == 1
    doc = json.loads(run(runner, "next", "--json", today="2029-01-01")[1])
    assert doc["standing"] == "after_end"
    assert doc["week"] is None
    assert len(doc["overdue"]) == len(ids_of(planned))


def test_streak_counts_weeks_in_a_row_with_a_tick(runner: CliRunner, planned: Any) -> None:
    ids = ids_of(planned)
    for day, item in [("2027-01-05", ids[0]), ("2027-01-12", ids[1]), ("2027-01-26", ids[2])]:
        assert run(runner, "check", item, today=day)[0] == 0
    assert status_json(runner, today="2027-01-27")["streak_weeks"] == 1  # the gap on the week of the 19th
    assert run(runner, "check", ids[3], today="2027-01-20")[0] == 0
    assert status_json(runner, today="2027-01-27")["streak_weeks"] == 4
    assert status_json(runner, today="2027-02-03")["streak_weeks"] == 4  # a new week without a tick yet
    assert status_json(runner, today="2027-02-08")["streak_weeks"] == 0  # a whole week without one
    _, out, _ = run(runner, "status", today="2027-01-27")
    assert "Streak: 4 weeks in a row with study logged or an item ticked." in out


def test_bad_roadmap_today_is_a_usage_error(runner: CliRunner, planned: Any) -> None:
    code, _, err = run(runner, "status", today="tomorrow")
    assert code == 2
    assert "ROADMAP_TODAY" in err


# -- orphans ---------------------------------------------------------------------------------------------

EXTRA_PACK = """\
milestones:
  - id: write-a-compiler
    phase: foundations
    title: Write a tiny compiler
    hours: 10
    priority: core
    sources: [whatmatters-2026]
"""


def test_a_tick_the_content_no_longer_has_is_kept_and_shown(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "extra.yaml"
    pack.write_text(EXTRA_PACK, encoding="utf-8")
    code, _, err = run(runner, "plan", "-l", "python", "-H", "12", "--start", START, "--pack", str(pack))
    assert code == 0, err
    assert run(runner, "check", "write-a-compiler")[0] == 0
    # a new plan without the pack: the content no longer has the item
    assert run(runner, "plan", "-l", "python", "-H", "12", "--start", START)[0] == 0
    doc = status_json(runner)
    assert doc["orphans"] == ["write-a-compiler"]
    code, out, _ = run(runner, "status", today="2027-02-10")
    assert "write-a-compiler" in out
    assert "no longer has" in out
    with open_store(readonly=True) as store:
        assert store.state().get("write-a-compiler").ticked  # the tick is kept
    # doctor finds the same orphan, the same way
    code, out, _ = run(runner, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["progress on removed items"]["status"] == "warn"
    assert "write-a-compiler" in checks["progress on removed items"]["detail"]
    # and can still be unticked
    assert run(runner, "check", "--undo", "write-a-compiler")[0] == 0


# -- replan -----------------------------------------------------------------------------------------------


def test_replan_reflows_the_rest_and_shows_both_ends(runner: CliRunner, planned: Any) -> None:
    first_ids = ids_of(planned)[:4]
    run(runner, "check", *first_ids)
    code, out, err = run(runner, "replan", "--hours", "6", "--from", "2027-03-01", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["replan"]["old_end"] == planned["summary"]["end"]
    assert doc["replan"]["from"] == "2027-03-01"
    assert doc["replan"]["new_end"] > doc["replan"]["old_end"]  # half the hours: later
    assert doc["replan"]["kept_done"] == 4
    assert doc["request"]["hours"] == 6
    new_ids = ids_of(doc)
    assert not set(first_ids) & set(new_ids)
    assert set(new_ids) <= set(ids_of(planned))  # the plan's own items, nothing new
    status = status_json(runner, today="2027-03-01")
    assert status["progress"]["done_items"] == 4
    assert status["plan"]["start"] == "2027-03-01"

    code, out, _ = run(runner, "replan", today="2027-03-01")
    assert code == 0
    assert "Re-planned from 2027-03-01: the end moves from" in out


def test_replan_bad_input(runner: CliRunner, planned: Any) -> None:
    code, _, err = run(runner, "replan", "--hours", "0")
    assert code == 2
    code, _, err = run(runner, "replan", "--from", "someday")
    assert code == 2
    assert "YYYY-MM-DD" in err


# -- where -------------------------------------------------------------------------------------------------


def test_where_prints_the_paths(runner: CliRunner, roadmap_home: Path) -> None:
    code, out, _ = run(runner, "where")
    assert code == 0
    assert str(roadmap_home / "data" / "progress.sqlite3") in out
    assert "(not there yet)" in out
    code, out, _ = run(runner, "where", "--json")
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["database"] == str(roadmap_home / "data" / "progress.sqlite3")
    assert doc["config"] == str(roadmap_home / "config")
    assert doc["packs"] == str(roadmap_home / "config" / "packs")
    assert doc["exists"]["database"] is False
    assert not (roadmap_home / "data").exists()
