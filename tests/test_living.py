"""Living with a plan for a year: show, log, today, the forecast, plans kept, ticks that know their stack."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.cli import app
from roadmap_cli.commands.options import parse_duration
from roadmap_cli.errors import UsageError
from roadmap_cli.planner import PlanRequest, make_plan
from roadmap_cli.progress.models import Event, ProgressState, log_value
from roadmap_cli.progress.saved import SavedPlan, from_planner
from roadmap_cli.render.words import advice_text
from roadmap_cli.views.forecast import FORECAST_AFTER_DAYS, PACE_DAYS
from roadmap_cli.views.state import compute_progress
from roadmap_cli.views.today import plan_today

START = "2027-01-04"
STACKS = ["python", "typescript", "go", "java", "rust", "csharp", "php"]


def run(runner: CliRunner, *args: str, today: str = "2027-02-10") -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"ROADMAP_TODAY": today})
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: str, today: str = "2027-02-10") -> str:
    code, out, err = run(runner, *args, today=today)
    assert code == 0, f"roadmap {' '.join(args)}: {err}"
    return out


@pytest.fixture
def planned(runner: CliRunner) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        ok(runner, "plan", "-l", "python", "-H", "12", "--start", START, "--json", today=START)
    )
    return doc


# -- log ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90m", 90),
        ("1h30m", 90),
        ("1.5h", 90),
        ("2h", 120),
        ("1:30", 90),
        ("45min", 45),
        (" 2H ", 120),
        ("24h", 1440),
        ("1h 30m", 90),
        ("1m", 1),
    ],
)
def test_durations_people_write(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text", ["", "0m", "25h", "1.5h30m", "ninety", "-1h", "1h-30m", "1.234h", "2:75", "h", "m"]
)
def test_durations_that_are_not(text: str) -> None:
    with pytest.raises(UsageError, match="is not a study time"):
        parse_duration(text)


def test_a_bad_duration_exits_2_with_the_forms(runner: CliRunner, planned: dict[str, Any]) -> None:
    code, out, err = run(runner, "log", "sql-fundamentals", "a while")
    assert code == 2
    assert out == ""
    assert "30m, 90min, 1h, 1h30m, 1.5h, 2 hours or 1:30" in err
    assert "Traceback" not in err
    assert run(runner, "log", "sql-fundamentals", "1h", "--on", "2030-01-01")[0] == 2  # the future
    assert run(runner, "log", "no-such-item", "1h")[0] == 2
    assert run(runner, "log", "sql-fundamentals")[0] == 2


def test_logged_time_is_partial_progress_and_can_be_taken_back(
    runner: CliRunner, planned: dict[str, Any]
) -> None:
    before = json.loads(ok(runner, "status", "--json"))["progress"]
    out = ok(runner, "log", "sql-fundamentals", "2h", "--note", "joins")
    assert re.search(r"⏱ sql-fundamentals +Write raw SQL against PostgreSQL +logged", out)
    assert "2 h on 2027-02-10" in out
    ok(runner, "log", "sql-fundamentals", "90m", "--on", "2027-02-09")
    after = json.loads(ok(runner, "status", "--json"))["progress"]
    assert after["logged_hours"] == 3.5
    assert after["done_hours"] == before["done_hours"] + 3.5
    assert after["done_items"] == before["done_items"]
    item = json.loads(ok(runner, "show", "sql-fundamentals", "--json"))
    assert item["logged_hours"] == 3.5
    assert [(e["on"], e["hours"], e["note"]) for e in item["logs"]] == [
        ("2027-02-10", 2, "joins"),
        ("2027-02-09", 1.5, None),
    ]
    # logged time beyond the estimate counts only up to it
    hours = item["hours"]
    ok(runner, "log", "sql-fundamentals", "24h", "--on", "2027-02-01")
    capped = json.loads(ok(runner, "status", "--json"))["progress"]
    assert capped["done_hours"] == before["done_hours"] + hours
    # undo takes back the latest entry only
    assert "taken back" in ok(runner, "log", "--undo")
    assert json.loads(ok(runner, "status", "--json"))["progress"]["logged_hours"] == 3.5
    ok(runner, "log", "--undo", "sql-fundamentals")
    assert json.loads(ok(runner, "status", "--json"))["progress"]["logged_hours"] == 2
    ok(runner, "log", "--undo")
    assert run(runner, "log", "--undo")[0] == 2  # nothing left to take back
    assert json.loads(ok(runner, "status", "--json"))["progress"] == before | {"logged_hours": 0}


def test_an_item_with_time_logged_is_in_progress_until_ticked(
    runner: CliRunner, planned: dict[str, Any]
) -> None:
    later = next(i for i in planned["items"] if i["start"] > "2027-03-01")
    ok(runner, "log", later["id"], "1h")
    item = json.loads(ok(runner, "show", later["id"], "--json"))
    assert item["state"] == "in_progress"
    ok(runner, "check", later["id"])
    assert json.loads(ok(runner, "show", later["id"], "--json"))["state"] == "done"


# -- show -----------------------------------------------------------------------------------------


def _without_marks(text: str) -> str:
    """The view less what is meant to move: each item's state mark, and the timeline's today line."""
    kept = [line for line in text.splitlines() if "│" not in line]
    return re.sub(r"^  [✓»!◐○?] ", "    ", "\n".join(kept), flags=re.MULTILINE)


def test_show_is_the_saved_plan_whatever_the_day(runner: CliRunner, planned: dict[str, Any]) -> None:
    first = ok(runner, "show", today="2027-01-10")
    assert ok(runner, "show", today="2027-01-10") == first
    later = ok(runner, "show", today="2027-06-01")
    assert later != first  # items are overdue by then, and today has moved
    assert _without_marks(later) == _without_marks(first)
    ok(runner, "check", "learn-language-core", today="2027-01-10")
    ok(runner, "log", "sql-fundamentals", "1h", today="2027-01-10")
    ticked = ok(runner, "show", today="2027-01-10")
    assert ticked != first
    assert _without_marks(ticked) == _without_marks(first)  # only the marks moved
    doc = json.loads(ok(runner, "show", "--json", today="2027-03-01"))
    assert [i["id"] for i in doc["items"]] == [i["id"] for i in planned["items"]]
    assert [(i["start"], i["end"]) for i in doc["items"]] == [
        (i["start"], i["end"]) for i in planned["items"]
    ]
    states = {i["id"]: i["state"] for i in doc["items"]}
    assert states["learn-language-core"] == "done"
    assert states["sql-fundamentals"] == "overdue"


def test_show_never_replans_the_way_plan_does(runner: CliRunner, planned: dict[str, Any]) -> None:
    weeks_before = ok(runner, "show", "--weeks", "--json")
    ok(runner, "show", "--weeks", today="2027-08-19")
    assert ok(runner, "show", "--weeks", "--json") == weeks_before
    assert json.loads(ok(runner, "status", "--json"))["plan"]["start"] == START


@pytest.mark.parametrize("stack", STACKS)
def test_show_id_for_every_item_of_every_stack(runner: CliRunner, stack: str) -> None:
    plan = json.loads(ok(runner, "plan", "-l", stack, "-H", "12", "--start", START, "--json"))
    for item in plan["items"]:
        shown = json.loads(ok(runner, "show", item["id"], "--json"))
        assert shown["id"] == item["id"]
        assert shown["title"] == item["title"]
        assert (shown["start"], shown["end"], shown["hours"]) == (item["start"], item["end"], item["hours"])
        assert shown["description"]
        assert [d["id"] for d in shown["depends_on"]] == item["depends_on"]
        assert all(s["as_of"] for s in shown["sources"])
        assert {s["id"] for s in shown["sources"]} == set(item["sources"])
    text = ok(runner, "show", plan["items"][-1]["id"])
    assert plan["items"][-1]["title"] in text
    assert "estimates" in text


def test_show_of_an_unknown_id_or_a_certification(runner: CliRunner, planned: dict[str, Any]) -> None:
    code, _, err = run(runner, "show", "sql-fundamentalz")
    assert code == 2
    assert "did you mean 'sql-fundamentals'" in err
    cert = planned["certifications"][0]["id"]
    code, _, err = run(runner, "show", cert)
    assert code == 2
    assert "is a certification" in err


# -- plans kept, never replaced silently ----------------------------------------------------------


def test_a_new_plan_says_what_it_replaces_and_the_old_one_comes_back(
    runner: CliRunner, planned: dict[str, Any]
) -> None:
    code, _, err = run(runner, "plan", "-l", "go", "-H", "8", "--start", "2027-03-01", today="2027-03-01")
    assert code == 0
    assert "It replaces plan 1" in err
    assert "start 2027-01-04 → 2027-03-01" in err
    assert "12 → 8 h/week" in err
    assert "`roadmap plans use 1` brings it back" in " ".join(err.split())
    listed = json.loads(ok(runner, "plans", "--json"))["plans"]
    assert [(p["id"], p["active"]) for p in listed] == [(1, False), (2, True)]
    assert "Go" in ok(runner, "plans")
    code, _, err = run(runner, "plans", "use", "1")
    assert code == 0
    assert "Plan 1 is your active plan again" in err
    status = json.loads(ok(runner, "status", "--json"))
    assert (status["plan"]["stack"], status["plan"]["start"]) == ("Python", START)
    assert run(runner, "plans", "use", "9")[0] == 2


# -- dates ----------------------------------------------------------------------------------------


def test_replan_from_before_the_plan_is_refused_and_a_past_start_warns(
    runner: CliRunner, planned: dict[str, Any]
) -> None:
    code, _, err = run(runner, "replan", "--from", "2020-01-01")
    assert code == 2
    assert "before your plan starts (2027-01-04)" in err
    code, _, err = run(runner, "replan", "--from", "2027-01-20", today="2027-02-10")
    assert code == 0
    assert "before today" in err
    assert "overdue at once" in err
    code, _, err = run(runner, "replan", today="2027-02-10")
    assert code == 0
    assert "before today" not in err


# -- certifications and stacks --------------------------------------------------------------------


def test_a_certification_is_ticked_as_passed(runner: CliRunner, planned: dict[str, Any]) -> None:
    cert = planned["certifications"][0]
    out = ok(runner, "check", cert["id"], today="2027-09-01")
    assert re.search(r"★ aws-solutions-architect-associate .*\bpassed\n", out, re.S)
    status = json.loads(ok(runner, "status", "--json"))
    assert status["certifications_passed"] == [{"id": cert["id"], "name": cert["name"], "on": "2027-09-01"}]
    assert status["orphans"] == []
    assert cert["name"] in ok(runner, "status")


def test_a_tick_worded_for_one_stack_does_not_count_in_another(
    runner: CliRunner, planned: dict[str, Any]
) -> None:
    ok(runner, "check", "learn-language-core", "sql-fundamentals")
    ok(runner, "plan", "-l", "go", "-H", "12", "--start", START)
    doc = json.loads(ok(runner, "show", "--json"))
    states = {i["id"]: i for i in [*doc["items"], *doc["settled"]]}
    assert states["learn-language-core"]["state"] != "done"  # "Learn Python" is not "Learn Go"
    assert states["learn-language-core"]["done_in"] == "python"
    assert states["learn-language-core"]["start"] is not None  # so it is in the Go schedule
    assert states["sql-fundamentals"]["state"] == "done"  # SQL is SQL in any stack
    assert "done in a python plan" in ok(runner, "show", "learn-language-core")
    out = ok(runner, "check", "--carry")
    assert "learn-language-core" in out
    assert json.loads(ok(runner, "show", "learn-language-core", "--json"))["state"] == "done"
    assert "Nothing to carry over" in ok(runner, "check", "--carry")


# -- today and next ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(catalog: Catalog) -> SavedPlan:
    return from_planner(
        make_plan(catalog, PlanRequest(stack="python", hours_per_week=10, start=date(2027, 1, 4))), catalog
    )


Entry = tuple[str, str, "str | None", date]


def _state(events: list[Entry]) -> ProgressState:
    return ProgressState.replay(
        Event(f"e{n}", item_id, kind, value, f"{on.isoformat()}T12:00:00+00:00")  # type: ignore[arg-type]
        for n, (item_id, kind, value, on) in enumerate(events)
    )


SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(
    days=st.integers(min_value=-20, max_value=420),
    done_share=st.floats(min_value=0, max_value=1),
    hours=st.integers(min_value=15, max_value=600),
    logged=st.lists(st.integers(min_value=0, max_value=60), max_size=8),
)
def test_today_orders_work_and_fits_the_time(
    saved: SavedPlan, days: int, done_share: float, hours: int, logged: list[int]
) -> None:
    today = saved.start + timedelta(days=days)
    ids = [i.id for i in saved.items]
    done = ids[: round(len(ids) * done_share)]
    events: list[Entry] = [(i, "tick", None, saved.start) for i in done]
    events += [(ids[n % len(ids)], "log", log_value(today, m + 1, None), today) for n, m in enumerate(logged)]
    progress = compute_progress(saved, _state(events), today)
    view = plan_today(progress, hours, replan_end=date(2099, 1, 1))
    assert view.planned_minutes <= hours
    assert all(i.minutes > 0 for i in view.items)
    listed: set[str] = set()
    states = {i.item.id: i for i in progress.items}
    for entry in view.items:
        for dep in entry.item.depends_on:
            assert dep not in states or states[dep].done or dep in listed
        assert not states[entry.item.id].done
        assert entry.minutes <= states[entry.item.id].left_minutes
        assert entry.state == states[entry.item.id].state  # one state per item, in every view
        listed.add(entry.item.id)
    # what the plan asks of today comes first, in schedule order (overdue work first by its dates);
    # the time left is filled with items brought forward
    asked = [i for i in view.items if i.reason != "ahead"]
    assert view.items[: len(asked)] == tuple(asked)
    position = {item.id: n for n, item in enumerate(saved.items)}
    assert [position[i.item.id] for i in asked] == sorted(position[i.item.id] for i in asked)
    for entry in view.items:
        overdue = entry.item.end is not None and entry.item.end < today
        assert (entry.reason == "overdue") == (overdue and entry.reason != "ahead")
    if progress.standing == "behind" and -progress.delta_minutes > 600:
        assert view.advice is not None
        assert view.advice.kind == "behind"
        assert view.advice.replan_end == date(2099, 1, 1)
        assert "roadmap replan" in advice_text(view.advice)


def test_ahead_brings_later_items_forward(runner: CliRunner, planned: dict[str, Any]) -> None:
    first_week = [i["id"] for i in planned["weeks"][0]["items"]]
    ok(runner, "check", *first_week, today="2027-01-05")
    doc = json.loads(ok(runner, "today", "--json", "--hours", "3", today="2027-01-05"))
    assert doc["items"]
    assert {i["reason"] for i in doc["items"]} <= {"this_week", "ahead"}
    assert doc["advice"]["kind"] == "ahead"
    later = {i["id"] for w in planned["weeks"][1:] for i in w["items"]}
    assert any(i["id"] in later for i in doc["items"])


def test_far_behind_today_and_next_give_the_same_replan(runner: CliRunner, planned: dict[str, Any]) -> None:
    day = "2027-04-01"
    today_doc = json.loads(ok(runner, "today", "--json", today=day))
    next_doc = json.loads(ok(runner, "next", "--json", today=day))
    status_doc = json.loads(ok(runner, "status", "--json", today=day))
    assert today_doc["advice"] == next_doc["advice"] == status_doc["advice"]
    advice = today_doc["advice"]
    assert advice["kind"] == "behind"
    assert advice["command"] == "roadmap replan"
    ok(runner, "replan", today=day)
    replanned = json.loads(ok(runner, "status", "--json", today=day))
    assert replanned["plan"]["end"] == advice["replan_end"]
    assert json.loads(ok(runner, "today", "--json", today=day))["advice"] is None
    assert today_doc["items"][0]["reason"] == "overdue"
    assert [i["id"] for i in today_doc["items"]][:1] == [next_doc["overdue"][0]["id"]]


def test_next_names_what_to_start_when_the_week_is_done(runner: CliRunner, planned: dict[str, Any]) -> None:
    ok(runner, "check", *[i["id"] for i in planned["weeks"][0]["items"]], today="2027-01-05")
    out = ok(runner, "next", today="2027-01-05")
    assert "Everything planned for this week is done." in out
    assert "Start the next one now:" in out


# -- the forecast ----------------------------------------------------------------------------------


@SETTINGS
@given(
    days=st.integers(min_value=0, max_value=400),
    logs=st.lists(st.tuples(st.integers(min_value=0, max_value=400), st.integers(1, 600)), max_size=25),
    ticks=st.integers(min_value=0, max_value=20),
)
def test_forecast_properties(saved: SavedPlan, days: int, logs: list[tuple[int, int]], ticks: int) -> None:
    today = saved.start + timedelta(days=days)
    ids = [i.id for i in saved.items]
    events: list[Entry] = [
        (ids[n], "tick", None, saved.start + timedelta(days=min(days, n * 7))) for n in range(ticks)
    ]
    entries = [(saved.start + timedelta(days=d), m) for d, m in logs if d <= days]
    events += [(ids[-1], "log", log_value(on, m, None), on) for on, m in entries]
    state = _state(events)
    progress = compute_progress(saved, state, today)
    forecast = progress.forecast
    activity_days = [on for on, _ in entries] + [
        saved.start + timedelta(days=min(days, n * 7)) for n in range(ticks)
    ]
    if not activity_days or (today - min(activity_days)).days < FORECAST_AFTER_DAYS:
        assert forecast is None
        return
    assert forecast is not None
    # the four whole weeks before today
    window = [m for on, m in entries if 1 <= (today - on).days <= PACE_DAYS]
    ticked = [
        saved.items[n].minutes
        for n in range(ticks)
        if 1 <= (today - (saved.start + timedelta(days=min(days, n * 7)))).days <= PACE_DAYS
    ]
    assert forecast.pace_minutes_per_week == pytest.approx((sum(window) + sum(ticked)) * 7 / PACE_DAYS)
    for end in (forecast.end_earliest, forecast.end_latest):
        assert end is None or end >= today
    if forecast.end_earliest is not None and forecast.end_latest is not None:
        assert forecast.end_earliest <= forecast.end_latest
    if forecast.pace_minutes_per_week == 0 and forecast.left_minutes > 0:
        assert forecast.end_earliest is None


def test_status_explains_the_forecast_in_one_line(runner: CliRunner, planned: dict[str, Any]) -> None:
    assert "A forecast from your real pace comes after two weeks" in ok(runner, "status", today="2027-01-10")
    for n, day in enumerate(["2027-01-05", "2027-01-12", "2027-01-19", "2027-01-26", "2027-02-02"]):
        ok(runner, "log", planned["items"][n]["id"], "8h30m", "--on", day, today=day)
    out = ok(runner, "status", today="2027-02-02")
    assert any(ln.startswith("Forecast:") for ln in out.splitlines())
    line = " ".join(out[out.index("Forecast:") :].split("\n\n")[0].split())
    # four of the five entries are in the last 28 days (6 January to 2 February): 34 h over four weeks
    assert "at your last four weeks' 8.5 h/week logged" in line
    doc = json.loads(ok(runner, "status", "--json", today="2027-02-02"))
    assert doc["forecast"]["pace_hours_per_week"] == 8.5
    assert doc["forecast"]["source"] == "logged"
    assert doc["forecast"]["end_earliest"] >= "2027-02-02"
    assert doc["forecast"]["end_earliest"] <= doc["forecast"]["end_latest"]


# -- a year ---------------------------------------------------------------------------------------


def test_a_simulated_year_of_falling_behind_replanning_and_catching_up(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Every day for a year the views agree: status, today and show tell one story."""
    ok(runner, "plan", "-l", "go", "-H", "10", "--start", START, today=START)
    day = date.fromisoformat(START)
    replanned = False
    for n in range(0, 365, 3):
        today = (day + timedelta(days=n)).isoformat()
        status = json.loads(ok(runner, "status", "--json", today=today))
        if status["standing"] == "finished":
            break
        plan_today = json.loads(ok(runner, "today", "--json", today=today))
        shown = json.loads(ok(runner, "show", "--json", today=today))
        states = {i["id"]: i["state"] for i in [*shown["items"], *shown["settled"]]}
        assert shown["progress"]["percent"] == status["progress"]["percent"]
        assert sorted(i["id"] for i in status["overdue"]) == sorted(
            i for i, s in states.items() if s == "overdue"
        )
        for item in plan_today["items"]:
            assert states[item["id"]] not in ("done", "skipped")
            if item["reason"] == "overdue":
                assert states[item["id"]] == "overdue"
        if (plan_today["advice"] or {}).get("kind") == "behind":
            assert status["advice"] == plan_today["advice"]
        # the learner: slow for four months (one tick every 12 days, while the first items are long:
        # learning the language alone is 36 h), then replans once and works through today's list
        if n < 120:
            if n % 12 == 0 and plan_today["items"]:
                ok(runner, "check", plan_today["items"][0]["id"], today=today)
        else:
            if not replanned and status["standing"] == "behind":
                ok(runner, "replan", today=today)
                replanned = True
                continue
            for item in plan_today["items"]:
                ok(runner, "log", item["id"], f"{item['minutes']}m", today=today)
            ids = [i["id"] for i in plan_today["items"]][:2]
            if ids:
                ok(runner, "check", *ids, today=today)
    assert replanned
    final = json.loads(ok(runner, "status", "--json", today=today))
    assert final["standing"] in ("ahead", "on_time", "finished"), (today, final["standing"])
    assert final["forecast"] is not None
