"""Time by the day: the calendar of study time, the plan by the day, and a standing that can be trusted
every day of a year.

The simulated learners run the real commands (in process, with ``ROADMAP_TODAY``) and check the
numbers a person would check by hand: a learner who does what ``today`` says is on plan every day;
one who does less falls behind each night by exactly what they skipped; a replan brings them to 0.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.cli import app
from roadmap_cli.planner import PlanRequest, make_plan
from roadmap_cli.progress.saved import SavedPlan, dumps, loads, to_json
from roadmap_cli.progress.store import open_store
from roadmap_cli.studytime import (
    Break,
    CalendarError,
    Holiday,
    StudyCalendar,
    parse_days,
    parse_schedule,
    parse_span,
    spread,
)

START = date(2027, 1, 4)  # a Monday


def run(runner: CliRunner, *args: str, today: date | str = START) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"ROADMAP_TODAY": str(today)})
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: str, today: date | str = START) -> str:
    code, out, err = run(runner, *args, today=today)
    assert code == 0, f"roadmap {' '.join(args)}: {err}"
    return out


def js(runner: CliRunner, *args: str, today: date | str = START) -> Any:
    return json.loads(ok(runner, *args, "--json", today=today))


def active_plan() -> SavedPlan:
    with open_store(readonly=True) as store:
        return store.require_plan()


# -- the calendar -------------------------------------------------------------------------------------


def test_a_schedule_gives_each_weekday_its_minutes() -> None:
    assert parse_schedule("mon-fri 1h, sat 4h") == (60, 60, 60, 60, 60, 240, 0)
    assert parse_schedule("Sun 90m; wed 1.5h") == (0, 0, 90, 0, 0, 0, 90)
    assert parse_days("mon,wed,sat") == (0, 2, 5)
    assert parse_days("tue-thu") == (1, 2, 3)
    assert spread(600, (0, 2, 5)) == (200, 0, 200, 0, 0, 200, 0)
    assert spread(720) == (103, 103, 103, 103, 103, 103, 102)  # 12 h: the odd minutes go first
    assert parse_span("2027-08-02..2027-08-15") == (date(2027, 8, 2), date(2027, 8, 15))
    assert parse_span("2027-08-02") == (date(2027, 8, 2), date(2027, 8, 2))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mon-fri", 'is not "DAY HOURS"'),
        ("fri-mon 1h", "runs backwards"),
        ("mon 1h, mon 2h", "mon is given twice"),
        ("mon 17h", "a day holds 0 to 16 hours"),
        ("mon 0h", "no study time"),
        ("", "the schedule is empty"),
    ],
)
def test_a_schedule_that_cannot_be_read_says_what_is_allowed(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        parse_schedule(text)


def test_minutes_on_a_day_leave_out_breaks_holidays_and_other_days() -> None:
    calendar = StudyCalendar(
        (60, 0, 60, 0, 0, 240, 0),
        breaks=(Break(date(2027, 8, 2), date(2027, 8, 15), "summer"),),
        holidays=(Holiday(date(2027, 1, 6), "Epiphany"),),
    )
    assert calendar.minutes_on(date(2027, 1, 4)) == 60  # Monday
    assert calendar.minutes_on(date(2027, 1, 5)) == 0  # Tuesday: not a study day
    assert calendar.minutes_on(date(2027, 1, 6)) == 0  # a Wednesday, but a holiday
    assert calendar.minutes_on(date(2027, 1, 9)) == 240  # Saturday
    assert calendar.minutes_on(date(2027, 8, 7)) == 0  # a Saturday in the break
    assert calendar.minutes_between(date(2027, 1, 4), date(2027, 1, 10)) == 300
    assert calendar.weekly_minutes == 360


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "mon,funday", "--hours", "6"], "'funday' is not a day of the week"),
        (["--days", "mon,wed"], "--days needs --hours"),
        (["--schedule", "mon 1h", "--hours", "6"], "leave out --hours"),
        (["--schedule", "mon 1 hour"], 'is not "DAY HOURS"'),
        (["--hours", "6", "--holidays", "XX"], "'XX' is not a country"),
        (["--hours", "6", "--holidays", "DE-ZZ"], "'DE-ZZ' is not a region of DE"),
        (["--hours", "6", "--by", "2026-01-01"], "is not after the plan's first day"),
        ([], "give --hours"),
    ],
)
def test_plan_refuses_a_week_it_cannot_read(runner: CliRunner, args: list[str], message: str) -> None:
    code, out, err = run(runner, "plan", "--lang", "python", "--start", str(START), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_a_schedule_plan_says_its_week_and_takes_holidays_off(runner: CliRunner) -> None:
    out = ok(
        runner, "plan", "-l", "python", "--schedule", "mon-fri 1h, sat 4h", "--holidays", "GB",
        "--start", str(START),
    )  # fmt: skip
    assert "Mon-Fri 1 h, Sat 4 h (9 h/week)" in out
    assert "public holidays of GB" in out
    plan = active_plan()
    assert plan.calendar.region == "GB"
    christmas = date(2027, 12, 27)  # the Christmas Day holiday, moved to a Monday
    assert plan.calendar.holiday_on(christmas) is not None
    assert plan.planned_on(christmas) == 0
    assert plan.planned_on(date(2027, 1, 9)) == 240  # a Saturday
    assert plan.planned_on(date(2027, 1, 10)) == 0  # a Sunday
    today = js(runner, "today", today=christmas)
    assert today["hours"] == 0
    assert today["items"] == []
    assert today["off"].startswith("a public holiday")


def test_a_deadline_ends_the_plan_by_it_or_says_the_hours_it_needs(runner: CliRunner) -> None:
    far = js(
        runner, "plan", "-l", "go", "--hours", "20", "--by", "2028-06-30", "--start", str(START), "--dry-run"
    )
    assert far["summary"]["end"] <= "2028-06-30"
    near = " ".join(
        js(runner, "plan", "-l", "go", "--days", "sat,sun", "--hours", "10", "--by", "2027-06-30",
           "--start", str(START), "--dry-run")["summary"]["warnings"]
    )  # fmt: skip
    assert "past your deadline of 2027-06-30" in near
    assert "h/week on the same days" in near


# -- the planner, over random calendars ------------------------------------------------------------

weekdays = st.lists(st.sampled_from([0, 0, 30, 45, 60, 90, 120, 240]), min_size=7, max_size=7).filter(any)
breaks = st.lists(
    st.tuples(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=20)), max_size=3
)
holidays = st.lists(st.integers(min_value=0, max_value=400), max_size=12, unique=True)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    week=weekdays,
    offs=breaks,
    free=holidays,
    stack=st.sampled_from(["python", "go", "java", "rust"]),
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    deadline=st.none() | st.integers(min_value=60, max_value=500),
)
def test_a_plan_by_the_day_keeps_every_rule_of_the_calendar(
    catalog: Catalog,
    week: list[int],
    offs: list[tuple[int, int]],
    free: list[int],
    stack: str,
    start: date,
    deadline: int | None,
) -> None:
    calendar = StudyCalendar(
        (week[0], week[1], week[2], week[3], week[4], week[5], week[6]),
        breaks=tuple(Break(start + timedelta(days=a), start + timedelta(days=a + n), "off") for a, n in offs),
        holidays=tuple(Holiday(start + timedelta(days=d), "holiday") for d in sorted(free)),
        deadline=start + timedelta(days=deadline) if deadline else None,
        given_as="schedule",
    )
    request = PlanRequest(
        stack=stack, hours_per_week=calendar.weekly_minutes / 60, start=start, calendar=calendar
    )
    plan = make_plan(catalog, request)
    for day in plan.days:
        assert 0 < day.used <= calendar.minutes_on(day.day)  # never more than the day's time
        assert day.capacity == calendar.minutes_on(day.day)
        assert calendar.break_on(day.day) is None
        assert calendar.holiday_on(day.day) is None
    assert [d.day for d in plan.days] == sorted({d.day for d in plan.days})
    assert sum(d.used for d in plan.days) == sum(s.planned for s in plan.items)
    ends = {s.item["id"]: s for s in plan.items}
    for sched in plan.items:
        placed = [d.day for d in plan.days for i, _ in d.slices if i == sched.item["id"]]
        if placed:
            assert (placed[0], placed[-1]) == (sched.start, sched.end)
        for dep in sched.item["depends_on"]:
            if dep in ends and not ends[dep].item["weekly"]:
                assert ends[dep].end <= sched.start  # prerequisites end before dependants start
    assert make_plan(catalog, request) == plan  # deterministic
    if calendar.deadline is not None:
        assert plan.end <= calendar.deadline or (plan.warnings and "h/week" in plan.warnings[0])


# -- a year, lived ------------------------------------------------------------------------------------

SCHEDULE = "mon-fri 1h, sat 4h"
BREAK = "2027-08-02..2027-08-15"


def standing(runner: CliRunner, day: date) -> int:
    doc = js(runner, "status", today=day)
    minutes: int = doc["ahead_minutes"]
    return minutes


def follow_today(runner: CliRunner, day: date, share: float = 1.0) -> int:
    """Do what `today` says (``share`` of each item's minutes), ticking an item once its logged time
    reaches its estimate, as a learner following the tool would. Returns the minutes logged."""
    logged = 0
    for entry in js(runner, "today", today=day)["items"]:
        minutes = int(entry["minutes"] * share)
        if minutes <= 0:
            continue
        ok(runner, "log", entry["id"], f"{minutes}m", today=day)
        logged += minutes
        shown = js(runner, "show", entry["id"], today=day)
        if shown["logged_hours"] >= shown["hours"]:
            ok(runner, "check", entry["id"], today=day)
    return logged


def states_agree(runner: CliRunner, day: date) -> None:
    """today, next, status, show and the exports give every item the same state on the same day."""
    shown = js(runner, "show", today=day)
    states = {i["id"]: i["state"] for i in [*shown["items"], *shown["settled"]]}
    for entry in js(runner, "today", today=day)["items"]:
        assert entry["state"] == states[entry["id"]], entry
    for entry in js(runner, "next", today=day)["items"]:
        assert entry["state"] == states[entry["id"]], entry
    status = js(runner, "status", today=day)
    assert {i["id"] for i in status["overdue"]} == {i for i, s in states.items() if s == "overdue"}
    exported = json.loads(ok(runner, "export", "--format", "json", today=day))
    assert {i["id"]: i["state"] for i in [*exported["items"], *exported["settled"]]} == states
    rows = list(csv.DictReader(io.StringIO(ok(runner, "export", "--format", "csv", today=day))))
    if rows and "state" in rows[0]:
        assert {r["id"]: r["state"] for r in rows if r["id"] in states} == {
            r["id"]: states[r["id"]] for r in rows if r["id"] in states
        }


def make_year_plan(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--schedule", SCHEDULE, "--holidays", "GB", "--start", str(START),
       today=START)  # fmt: skip
    ok(runner, "break", BREAK, "--note", "summer", today=START)


@pytest.mark.slow
def test_the_faithful_learner_is_on_plan_every_day_of_a_year(runner: CliRunner) -> None:
    make_year_plan(runner)
    end = active_plan().end
    day, worst = START, 0
    while day <= end:
        follow_today(runner, day)
        worst = max(worst, abs(standing(runner, day + timedelta(days=1))))
        if day.toordinal() % 29 == 0:
            states_agree(runner, day)
        day += timedelta(days=1)
    assert worst <= 3, f"the standing strayed {worst} minutes from the plan"
    assert js(runner, "status", today=day)["standing"] == "finished"


def test_a_learner_who_does_less_falls_behind_by_exactly_what_they_skipped(runner: CliRunner) -> None:
    make_year_plan(runner)
    plan = active_plan()
    day = START
    before = standing(runner, day)
    for _ in range(70):
        logged = follow_today(runner, day, share=0.7)
        after = standing(runner, day + timedelta(days=1))
        assert after - before == logged - plan.planned_on(day), day
        before = after
        day += timedelta(days=1)
    assert before < 0


def test_a_learner_who_stops_for_a_month_then_replans_starts_again_at_zero(runner: CliRunner) -> None:
    make_year_plan(runner)
    day = START
    for _ in range(42):
        follow_today(runner, day)
        day += timedelta(days=1)
    assert standing(runner, day) == 0
    plan = active_plan()
    expected = 0
    for _ in range(30):  # a month without study: behind by each day's planned minutes
        expected -= plan.planned_on(day)
        day += timedelta(days=1)
        assert standing(runner, day) == expected
    logged_before = {i["id"]: i["logged_hours"] for i in js(runner, "show", today=day)["items"]}
    ok(runner, "replan", today=day)
    assert standing(runner, day) == 0
    assert js(runner, "next", today=day)["week"]["number"] == (day - START).days // 7 + 1
    replanned = active_plan()
    for item in replanned.items:  # what was logged comes off each estimate
        assert item.credited == min(item.minutes, round(logged_before.get(item.id, 0) * 60))
    for _ in range(35):
        follow_today(runner, day)
        day += timedelta(days=1)
        assert standing(runner, day) == 0
    forecast = js(runner, "status", today=day)["forecast"]
    ok(runner, "replan", today=day)
    end = active_plan().end.isoformat()
    assert forecast["end_earliest"] <= end <= forecast["end_latest"]


def test_a_break_moves_the_work_after_it_and_keeps_the_days_before(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--hours", "12", "--start", str(START), today=START)
    before = active_plan()
    code, out, err = run(runner, "break", "2027-03-01..2027-03-14", "--note", "exams")
    assert code == 0, err
    assert "2027-03-01 to 2027-03-14 (exams), 14 days, 14 of them study days" in out
    after = active_plan()
    assert [d for d in after.days if d.day < date(2027, 3, 1)] == [
        d for d in before.days if d.day < date(2027, 3, 1)
    ]
    assert all(not (date(2027, 3, 1) <= d.day <= date(2027, 3, 14)) for d in after.days)
    assert after.end == before.end + timedelta(days=14)
    assert sum(d.used for d in after.days) == sum(d.used for d in before.days)
    assert "break 2027-03-01 to 2027-03-14 (exams)" in ok(runner, "show", today=START)
    listed = js(runner, "break", "--list")
    assert listed["breaks"] == [{"from": "2027-03-01", "to": "2027-03-14", "note": "exams", "study_days": 14}]
    ok(runner, "break", "--undo")
    assert active_plan().days == before.days
    code, _, err = run(runner, "break", "--undo")
    assert code == 2
    assert "no break to take back" in err


def test_a_break_for_days_gone_takes_their_work_off_what_is_due(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--hours", "7", "--start", str(START), today=START)
    sick = START + timedelta(days=9)
    assert standing(runner, sick) == -9 * 60  # nine days of an hour, none done
    ok(
        runner,
        "break",
        f"{START + timedelta(days=5)}..{START + timedelta(days=8)}",
        "--note",
        "ill",
        today=sick,
    )
    assert standing(runner, sick) == -5 * 60  # the four days off are not due


def test_today_gives_the_days_time_less_what_is_logged(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--schedule", SCHEDULE, "--start", str(START))
    saturday = date(2027, 1, 9)
    doc = js(runner, "today", today=saturday)
    assert doc["hours"] == 4
    first = doc["items"][0]["id"]
    ok(runner, "log", first, "90m", today=saturday)
    doc = js(runner, "today", today=saturday)
    assert (doc["logged_hours"], doc["left_hours"]) == (1.5, 2.5)
    assert sum(i["minutes"] for i in doc["items"]) == 150
    ok(runner, "log", first, "150m", today=saturday)
    text = ok(runner, "today", today=saturday)
    assert "Today's study time is used up" in text
    assert "For more, the next item is" in text


def test_next_subtracts_the_time_logged_this_week(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--hours", "15", "--start", str(START))
    week = js(runner, "next", today=START)["week"]
    assert week["planned_hours"] == 15
    first = js(runner, "today", today=START)["items"][0]["id"]
    ok(runner, "log", first, "2h", today=START)
    later = js(runner, "next", today=START + timedelta(days=2))
    assert later["week"]["hours_left"] == 13
    assert later["items"][0]["state"] == "in_progress"
    assert later["items"][0]["logged_hours_this_week"] == 2


def test_week_numbers_count_from_the_first_day_across_replans(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "go", "--hours", "10", "--start", str(START))
    day = START + timedelta(days=50)
    ok(runner, "replan", today=day)
    assert js(runner, "next", today=day)["week"]["number"] == 8
    plan = active_plan()
    assert plan.first_day == START
    assert plan.replans == (day,)


# -- plans saved before the calendar --------------------------------------------------------------


def test_a_plan_saved_by_the_week_opens_with_every_day_holding_a_seventh_of_the_week(
    catalog: Catalog, runner: CliRunner
) -> None:
    ok(runner, "plan", "-l", "python", "--hours", "14", "--start", str(START))
    now = to_json(active_plan())
    old = {k: v for k, v in now.items() if k not in ("days", "calendar", "journey_start", "replans")}
    old["format"] = 2
    old["weeks"] = [
        {
            "start": w.start.isoformat(),
            "first_day": w.first_day.isoformat(),
            "capacity_minutes": w.capacity,
            "slices": [list(s) for s in w.slices],
        }
        for w in active_plan().weeks
    ]
    for item in old["items"]:
        item.pop("credited")
    read = loads(json.dumps(old))
    assert read.calendar.weekly_minutes == 14 * 60
    assert {d.capacity for d in read.days} == {120}
    assert read.planned_through(START + timedelta(days=6)) == 14 * 60
    assert [w.slices for w in read.weeks] == [w.slices for w in active_plan().weeks]
    with open_store(readonly=False) as store:
        store._db.execute("UPDATE plans SET snapshot = ? WHERE active = 1", (json.dumps(old),))
        store._db.commit()
    assert js(runner, "status", today=START + timedelta(days=3))["ahead_minutes"] == -3 * 120
    ok(runner, "replan", today=START + timedelta(days=3))
    assert js(runner, "status", today=START + timedelta(days=3))["ahead_minutes"] == 0
    assert loads(dumps(active_plan())) == active_plan()


# -- the calendar export follows the calendar -----------------------------------------------------


def _events(ics: str) -> list[dict[str, Any]]:
    from icalendar import Calendar

    found = []
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        found.append(
            {
                "uid": str(event["uid"]),
                "start": event.decoded("dtstart"),
                "end": event.decoded("dtend"),
                "alarms": [a.decoded("trigger") for a in event.walk("VALARM")],
            }
        )
    return found


def test_ics_sessions_follow_the_study_days_with_their_hours(runner: CliRunner) -> None:
    from datetime import datetime

    ok(runner, "plan", "-l", "python", "--schedule", SCHEDULE, "--holidays", "GB", "--start", str(START))
    ok(runner, "break", BREAK)
    ics = ok(
        runner, "export", "--format", "ics", "--at", "mon-fri 19:00, sat 10:00", "--alarm", "10m",
        "--tz", "Europe/London",
    )  # fmt: skip
    plan = active_plan()
    sessions = [e for e in _events(ics) if "-day-" in e["uid"]]
    assert len(sessions) == len(plan.days)
    by_day = {e["start"].date(): e for e in sessions}
    for plan_day in plan.days:
        event = by_day[plan_day.day]
        assert event["end"] - event["start"] == timedelta(minutes=plan_day.used)
        assert event["start"].time() == (
            datetime.strptime("10:00", "%H:%M").time()
            if plan_day.day.weekday() == 5
            else datetime.strptime("19:00", "%H:%M").time()
        )
        assert event["alarms"] == [-timedelta(minutes=10)]
    assert not any(date(2027, 8, 2) <= d <= date(2027, 8, 15) for d in by_day)  # the break
    assert date(2027, 12, 27) not in by_day  # a public holiday
    assert not any(d.weekday() == 6 for d in by_day)  # no Sunday study


def test_ics_sessions_that_book_too_little_say_so(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--hours", "12", "--start", str(START))
    code, _, err = run(runner, "export", "--format", "ics", "--sessions", "sat 10:00-12:00")
    assert code == 0
    assert "your sessions book 2 h a week" in err
    code, _, err = run(runner, "export", "--format", "ics", "--sessions", "mon-sun 08:00-10:00")
    assert code == 0
    assert err == ""
    code, _, err = run(runner, "export", "--format", "ics", "--alarm", "10m")
    assert code == 2
    assert "give --at or --sessions" in err
    code, _, err = run(runner, "export", "--format", "ics", "--at", "mon 25:00")
    assert code == 2
    assert "--at 'mon 25:00': '25:00' is not a time" in err
    assert "VALARM" not in ok(runner, "export", "--format", "ics", "--at", "19:00")  # no reminder by default


def test_a_breaks_note_is_shown_as_text_and_bounded(runner: CliRunner) -> None:
    ok(runner, "plan", "-l", "python", "--hours", "7", "--start", str(START))
    code, _, err = run(runner, "break", "2027-03-01", "--note", "x" * 201)
    assert code == 2
    assert "is not a note of up to 200 characters" in err
    assert active_plan().calendar.breaks == ()  # nothing written
    ok(runner, "break", "2027-03-01", "--note", "\x1b]0;title\x07ill")
    for args in (["break", "--list"], ["status"], ["show"], ["break", "--undo"]):
        shown = ok(runner, *args, today=date(2027, 2, 1))
        assert "\x1b" not in shown, args
        assert "\x07" not in shown, args
    ok(runner, "break", "2027-03-01", "--note", "夏休み")
    assert "2027-03-01 to 2027-03-01  1 study day  夏休み" in ok(runner, "break", "--list")
