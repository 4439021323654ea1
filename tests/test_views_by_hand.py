"""The daily numbers, worked out by hand on a plan small enough to check on paper.

The plan: an hour of study every day from Monday 2027-01-04, no breaks.
  a   7 h  Mon 2027-01-04 .. Sun 2027-01-10
  b   7 h  Mon 2027-01-11 .. Sun 2027-01-17   (needs a)
  c  14 h  Mon 2027-01-18 .. Sun 2027-01-31   (needs b)
The planned-work curve is one hour a day: 7 h by the first Sunday, 28 h by the last.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from roadmap_cli.dates import local_day
from roadmap_cli.progress.models import Event, ProgressState, log_value
from roadmap_cli.progress.saved import SavedPlan, parse
from roadmap_cli.render.words import advice_text, off_text, why_text
from roadmap_cli.views.forecast import FORECAST_AFTER_DAYS, activity, pace
from roadmap_cli.views.state import Progress, compute_progress, percent, plan_credit, streak, work_due
from roadmap_cli.views.today import advice, day_off, needs_replan, owed_today, plan_today, todo_order
from roadmap_cli.views.week import this_week

MONDAY = date(2027, 1, 4)


def _item(item_id: str, hours: int, start: str, end: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "title": f"Item {item_id}",
        "kind": "milestone",
        "phase": "p1",
        "priority": "core",
        "minutes": hours * 60,
        "start": start,
        "end": end,
        **extra,
    }


def _days(item_id: str, first: date, count: int, minutes: int = 60) -> list[list[Any]]:
    return [[(first + timedelta(days=n)).isoformat(), 60, [[item_id, minutes]]] for n in range(count)]


def make_plan(**calendar: Any) -> SavedPlan:
    return parse(
        {
            "format": 3,
            "request": {
                "lang": "python",
                "framework": "fastapi",
                "hours": 7,
                "start": "2027-01-04",
                "months": [10, 12],
                "core_only": False,
            },
            "stack": "Python",
            "framework": "FastAPI",
            "start": "2027-01-04",
            "end": "2027-01-31",
            "window_end": "2027-12-03",
            "phases": [{"id": "p1", "title": "One"}],
            "items": [
                _item("a", 7, "2027-01-04", "2027-01-10"),
                _item("b", 7, "2027-01-11", "2027-01-17", depends_on=["a"]),
                _item("c", 14, "2027-01-18", "2027-01-31", depends_on=["b"]),
            ],
            "settled": [],
            "calendar": {"weekdays": [60] * 7, **calendar},
            "days": _days("a", MONDAY, 7)
            + _days("b", MONDAY + timedelta(7), 7)
            + _days("c", MONDAY + timedelta(14), 14),
        }
    )


PLAN = make_plan()


def state(*events: tuple[str, str, date, int]) -> ProgressState:
    """Events as (item, kind, day, minutes): ``log`` minutes on a day, or a ``tick``/``skip`` that day."""
    return ProgressState.replay(
        Event(
            f"e{n}",
            item_id,
            kind,  # type: ignore[arg-type]
            log_value(on, minutes, None) if kind == "log" else None,
            f"{on.isoformat()}T12:00:00+00:00",
        )
        for n, (item_id, kind, on, minutes) in enumerate(events)
    )


def at(day: date, *events: tuple[str, str, date, int]) -> Progress:
    return compute_progress(PLAN, state(*events), day)


def log(item_id: str, day: date, minutes: int) -> tuple[str, str, date, int]:
    return (item_id, "log", day, minutes)


def tick(item_id: str, day: date) -> tuple[str, str, date, int]:
    return (item_id, "tick", day, 0)


# -- the curve and the standing ------------------------------------------------------------------


def test_the_curve_is_the_minutes_planned_through_each_day() -> None:
    assert PLAN.planned_through(MONDAY - timedelta(days=1)) == 0
    assert PLAN.planned_through(MONDAY) == 60
    assert PLAN.planned_through(MONDAY + timedelta(days=6)) == 7 * 60
    assert PLAN.planned_through(date(2027, 3, 1)) == 28 * 60
    assert PLAN.planned_on(MONDAY + timedelta(days=3)) == 60
    assert PLAN.planned_on(date(2027, 2, 1)) == 0
    assert PLAN.item_planned_through(MONDAY + timedelta(days=8)) == {"a": 420, "b": 120}
    assert PLAN.week_number(MONDAY) == 1
    assert PLAN.week_number(MONDAY + timedelta(days=7)) == 2
    assert PLAN.week_number(MONDAY - timedelta(days=1)) == 0


@pytest.mark.parametrize(
    ("done", "day", "due"),
    [
        (0, MONDAY, 0),  # today's hour is due only as it is done
        (30, MONDAY, 30),
        (60, MONDAY, 60),
        (90, MONDAY, 60),  # beyond today's hour: ahead
        (0, MONDAY + timedelta(days=1), 60),  # yesterday's hour is due
        (100, MONDAY + timedelta(days=1), 100),
        (200, MONDAY + timedelta(days=1), 120),
        (0, date(2027, 3, 1), 28 * 60),
    ],
)
def test_work_due_counts_yesterday_whole_and_today_as_it_is_done(done: int, day: date, due: int) -> None:
    assert work_due(PLAN, done, day) == due


def test_the_standing_moves_only_by_the_days_work_never_at_an_items_end() -> None:
    # nothing done: behind by one hour more each morning, also across a's end on the 10th
    for n in range(1, 20):
        assert at(MONDAY + timedelta(days=n)).delta_minutes == -60 * n
    # the faithful learner: one hour a day, ticked when an item's hours are in
    events: list[tuple[str, str, date, int]] = []
    for n in range(28):
        day = MONDAY + timedelta(days=n)
        item = "a" if n < 7 else "b" if n < 14 else "c"
        events.append(log(item, day, 60))
        if n in (6, 13, 27):
            events.append(tick(item, day))
        now = at(day, *events)
        assert now.delta_minutes == 0, day
        assert now.standing == ("finished" if n == 27 else "on_time")
        assert at(day + timedelta(days=1), *events).delta_minutes == 0 or n == 27


def test_ahead_and_behind_in_hours_and_days() -> None:
    wednesday = MONDAY + timedelta(days=2)
    ahead = at(wednesday, tick("a", MONDAY))
    assert (ahead.standing, ahead.delta_minutes, ahead.delta_days) == ("ahead", 420 - 180, 4)
    behind = at(wednesday, log("a", MONDAY, 30))
    assert (behind.standing, behind.delta_minutes, behind.delta_days) == ("behind", -90, -2)
    assert behind.due_minutes == 120
    assert behind.done_scheduled_minutes == 30
    assert behind.planned_today == 60


def test_an_item_is_overdue_the_day_after_its_end_and_in_progress_once_logged() -> None:
    sunday = MONDAY + timedelta(days=6)
    assert at(sunday).of("a").state == "planned"  # type: ignore[union-attr]
    assert at(sunday + timedelta(days=1)).of("a").state == "overdue"  # type: ignore[union-attr]
    assert at(sunday, log("a", MONDAY, 5)).of("a").state == "in_progress"  # type: ignore[union-attr]
    assert at(sunday + timedelta(days=1), log("a", MONDAY, 5)).of("a").state == "overdue"  # type: ignore[union-attr]
    assert at(sunday, tick("a", MONDAY)).of("a").state == "done"  # type: ignore[union-attr]
    assert [i.id for i in at(date(2027, 1, 20)).overdue] == ["a", "b"]


def test_credit_on_the_plan_leaves_out_what_was_done_before_it() -> None:
    replanned = parse(
        {
            **_raw(),
            "items": [
                _item("a", 7, "2027-01-04", "2027-01-07", credited=180),
                _item("b", 7, "2027-01-08", "2027-01-14"),
            ],
            "days": _days("a", MONDAY, 4) + _days("b", MONDAY + timedelta(4), 7),
            "end": "2027-01-14",
        }
    )
    earlier = state(log("a", MONDAY - timedelta(days=30), 180))
    progress = compute_progress(replanned, earlier, MONDAY)
    assert progress.delta_minutes == 0  # a replan starts at zero
    entry = progress.of("a")
    assert entry is not None
    assert plan_credit(entry) == 0
    more = state(log("a", MONDAY - timedelta(days=30), 180), log("a", MONDAY, 60))
    assert compute_progress(replanned, more, MONDAY).delta_minutes == 0
    assert compute_progress(replanned, more, MONDAY + timedelta(days=1)).delta_minutes == 0
    full = state(log("a", MONDAY - timedelta(days=30), 600))  # more than the estimate: capped
    assert plan_credit(compute_progress(replanned, full, MONDAY).of("a")) == 240  # type: ignore[arg-type]


def _raw() -> dict[str, Any]:
    from roadmap_cli.progress.saved import to_json

    return to_json(PLAN)


# -- the advice ------------------------------------------------------------------------------------


def test_replanning_is_the_advice_past_a_week_behind() -> None:
    week = 7 * 60
    exactly = at(MONDAY + timedelta(days=7))  # 7 h due, none done: a week behind, not more
    assert exactly.delta_minutes == -week
    assert not needs_replan(exactly)
    assert advice(exactly) is None
    past = at(MONDAY + timedelta(days=8))
    assert needs_replan(past)
    said = advice(past, date(2027, 3, 1))
    assert said is not None
    assert (said.kind, said.minutes, said.command, said.replan_end) == (
        "behind",
        480,
        "roadmap replan",
        date(2027, 3, 1),
    )
    assert advice_text(said) == (
        "You are 8 h behind, more than a week of study. `roadmap replan` re-flows what is left from today; "
        "it would end on 2027-03-01."
    )
    ahead = advice(at(MONDAY + timedelta(days=1), tick("a", MONDAY)))
    assert ahead is not None
    assert (ahead.kind, ahead.minutes) == ("ahead", 420 - 120)  # Monday's hour and Tuesday's, done
    assert advice_text(ahead) == "You are 5 h ahead: the next items of your plan come forward."
    done = advice(at(MONDAY, tick("a", MONDAY), tick("b", MONDAY), tick("c", MONDAY)))
    assert done is not None
    assert done.kind == "finished"
    assert advice_text(done) == "Every item of your plan is done."
    assert advice(at(MONDAY)) is None  # on time: nothing to say
    # ahead, but with overdue work: no "ahead" advice
    assert advice(at(date(2027, 1, 12), tick("b", MONDAY), log("a", MONDAY, 60))) is None


# -- today -------------------------------------------------------------------------------------------


def test_today_asks_what_the_plan_has_by_tonight_less_what_is_done() -> None:
    tuesday = MONDAY + timedelta(days=1)
    view = plan_today(at(tuesday))
    assert [(i.item.id, i.minutes, i.reason) for i in view.items] == [("a", 60, "this_week")]
    assert view.minutes == 60  # the day's time: the hour owed from Monday does not fit in it
    view = plan_today(at(tuesday), 180)  # three hours given: more of a (b needs a done)
    assert [(i.item.id, i.minutes, i.reason) for i in view.items] == [("a", 180, "this_week")]
    view = plan_today(at(tuesday), 600)
    assert [(i.item.id, i.minutes, i.reason) for i in view.items] == [("a", 420, "this_week")]
    logged = plan_today(at(tuesday, log("a", tuesday, 45)))
    assert (logged.logged_minutes, logged.left_minutes) == (45, 15)
    assert [(i.item.id, i.minutes, i.reason, i.state) for i in logged.items] == [
        ("a", 15, "in_progress", "in_progress")
    ]
    assert why_text(logged.items[0]) == "in progress: 0.75 h of 7 h logged"
    used = plan_today(at(tuesday, log("a", MONDAY, 60), log("a", tuesday, 60)))
    assert used.items == ()
    assert used.used_up
    assert [i.id for i in used.more] == ["a"]


def test_today_puts_overdue_work_first_and_says_why() -> None:
    day = date(2027, 1, 12)  # a ended on the 10th; b runs
    view = plan_today(at(day), 600)  # b cannot come forward before a is done
    assert [(i.item.id, i.minutes, i.reason) for i in view.items] == [
        ("a", 420, "overdue"),
        ("b", 120, "this_week"),
    ]
    assert why_text(view.items[0]) == "overdue: planned to end 2027-01-10"
    assert why_text(view.items[1]) == "planned for today"
    assert view.planned_minutes == 540
    early = plan_today(at(MONDAY + timedelta(days=1), tick("a", MONDAY)), 120)
    assert [(i.item.id, i.minutes, i.reason) for i in early.items] == [("b", 120, "ahead")]
    assert why_text(early.items[0]) == "ahead of plan: planned from 2027-01-11"


def test_owed_today_is_each_items_plan_through_today_less_its_done_work() -> None:
    day = MONDAY + timedelta(days=8)  # a: 7 h through today, b: 2 h
    owed = [(e.item.id, need) for e, need in owed_today(at(day, log("a", MONDAY, 300), log("b", MONDAY, 30)))]
    assert owed == [("a", 120), ("b", 90)]
    assert [(e.item.id, n) for e, n in owed_today(at(day, tick("a", MONDAY)))] == [("b", 120)]


def test_a_day_off_says_why() -> None:
    plan = make_plan(
        breaks=[{"from": "2027-01-05", "to": "2027-01-06", "note": "ill"}],
        holidays=[["2027-01-07", "A holiday"]],
    )
    assert day_off(plan, MONDAY) is None
    off = day_off(plan, MONDAY + timedelta(days=1))
    assert off is not None
    assert off_text(off) == "a break (ill), 2027-01-05 to 2027-01-06"
    holiday = day_off(plan, MONDAY + timedelta(days=3))
    assert holiday is not None
    assert off_text(holiday) == "a public holiday: A holiday"
    weekdays = make_plan(weekdays=[60, 60, 60, 60, 60, 60, 0])
    rest = day_off(weekdays, MONDAY + timedelta(days=6))
    assert rest is not None
    assert off_text(rest) == "not one of your study days"
    assert rest.kind == "rest"


def test_the_next_item_needs_its_prerequisites_done() -> None:
    half = at(MONDAY + timedelta(days=2), log("a", MONDAY, 200))
    assert [(e.item.id, reason) for e, reason in todo_order(half)] == [("a", "in_progress")]
    done = at(MONDAY + timedelta(days=2), tick("a", MONDAY))
    assert [(e.item.id, reason) for e, reason in todo_order(done)] == [("b", "ahead")]
    late = at(date(2027, 1, 12))  # a overdue, nothing else can start
    assert [(e.item.id, reason) for e, reason in todo_order(late)] == [("a", "overdue")]
    on_time = at(MONDAY + timedelta(days=8), tick("a", MONDAY))
    assert [(e.item.id, reason) for e, reason in todo_order(on_time)] == [("b", "this_week")]


# -- this week ---------------------------------------------------------------------------------------


def test_the_week_subtracts_what_is_logged_in_it() -> None:
    wednesday = MONDAY + timedelta(days=9)  # week 2: b, 7 h
    view = this_week(at(wednesday, tick("a", MONDAY), log("b", MONDAY + timedelta(days=7), 90)))
    assert view.week_number == 2
    assert (view.planned_minutes, view.left_minutes) == (420, 330)
    assert [(w.item.id, w.minutes, w.logged_minutes, w.state) for w in view.items] == [
        ("b", 420, 90, "in_progress")
    ]
    last_week = this_week(at(wednesday, tick("a", MONDAY), log("b", MONDAY, 90)))
    assert last_week.left_minutes == 420  # logged in another week: not this week's


# -- the streak and the forecast ---------------------------------------------------------------------


def test_the_streak_counts_weeks_with_study_or_a_tick() -> None:
    days = [MONDAY, MONDAY + timedelta(days=8), MONDAY + timedelta(days=15)]
    assert streak(days, MONDAY + timedelta(days=16)) == 3
    assert streak(days, MONDAY + timedelta(days=21)) == 3  # this week not over yet
    assert streak(days, MONDAY + timedelta(days=27)) == 3  # the Sunday of a week with none yet
    assert streak(days, MONDAY + timedelta(days=28)) == 0  # a whole week missed
    assert (
        at(MONDAY + timedelta(days=8), log("a", MONDAY, 30), log("a", MONDAY + timedelta(7), 30)).streak_weeks
        == 2
    )


def test_pace_is_minutes_a_week_over_a_span() -> None:
    days = [(MONDAY, 60), (MONDAY + timedelta(days=6), 60), (MONDAY + timedelta(days=7), 120)]
    assert pace(days, MONDAY + timedelta(days=6), 7) == 120
    assert pace(days, MONDAY + timedelta(days=13), 7) == 120
    assert pace(days, MONDAY + timedelta(days=13), 14) == 120
    assert pace(days, MONDAY + timedelta(days=13), 7, end_offset=7) == 120
    assert pace(days, MONDAY + timedelta(days=13), 7, end_offset=1) == 180


def test_the_forecast_comes_after_two_weeks_and_lays_the_pace_on_the_calendar() -> None:
    plan = make_plan()
    # half an hour a day: a week of work every two weeks
    events = [log("a" if n < 14 else "b", MONDAY + timedelta(days=n), 30) for n in range(28)]
    too_soon = compute_progress(plan, state(*events[:14]), MONDAY + timedelta(days=FORECAST_AFTER_DAYS - 1))
    assert too_soon.forecast is None
    progress = compute_progress(plan, state(*events), MONDAY + timedelta(days=28))
    forecast = progress.forecast
    assert forecast is not None
    assert forecast.pace_minutes_per_week == 210  # the four weeks before today
    assert forecast.spread_minutes_per_week == 0
    assert forecast.plan_minutes_per_week == 420
    assert forecast.left_minutes == 28 * 60 - 14 * 60  # 14 h logged, all credited
    # at half the plan's hour a day, 14 h take 28 days from today
    assert forecast.end_earliest == forecast.end_latest == MONDAY + timedelta(days=28 + 27)
    assert forecast.slower_than_plan
    assert forecast.share == 0.5
    uneven = [log("a", MONDAY + timedelta(days=n), 120) for n in range(0, 28, 14)]
    spread = compute_progress(plan, state(*uneven), MONDAY + timedelta(days=27)).forecast
    assert spread is not None
    assert spread.pace_minutes_per_week == 60  # 120 in two of the four weeks
    assert spread.spread_minutes_per_week == 60
    assert spread.end_latest is None  # at the slow end, nothing at all
    # 24 h left at 2/7 of the calendar's hour a day: 84 days of study time, today's hour the first
    assert spread.end_earliest == MONDAY + timedelta(days=27 + 83)
    assert spread.share == pytest.approx(1 / 7)


def test_activity_is_the_time_logged_and_the_ticks_without_logs() -> None:
    progress = at(MONDAY + timedelta(days=3), log("a", MONDAY, 30), tick("b", MONDAY + timedelta(days=1)))
    found = activity(state(log("a", MONDAY, 30), tick("b", MONDAY + timedelta(days=1))), progress.items)
    assert sorted(found) == [(MONDAY, 30), (MONDAY + timedelta(days=1), 420)]
    assert local_day("2027-01-05T12:00:00+00:00") == MONDAY + timedelta(days=1)


def test_the_week_before_the_start_after_the_end_and_with_nothing_left() -> None:
    before = this_week(at(MONDAY - timedelta(days=3)))
    assert (before.standing, before.week_number, before.first_day, before.last_day) == (
        "before_start",
        1,
        MONDAY,
        MONDAY + timedelta(days=6),
    )
    assert [(w.item.id, w.minutes) for w in before.items] == [("a", 420)]
    first = this_week(at(MONDAY))
    assert (first.standing, first.week_number) == ("in_plan", 1)
    after = this_week(at(date(2027, 2, 10)), replan_end=date(2027, 5, 1))
    assert (after.standing, after.week_number, after.first_day, after.last_day) == (
        "after_end",
        None,
        date(2027, 2, 8),
        date(2027, 2, 14),
    )
    assert after.items == ()
    assert [i.id for i in after.overdue] == ["a", "b", "c"]
    assert after.advice is not None
    assert after.advice.replan_end == date(2027, 5, 1)
    empty = compute_progress(parse({**_raw(), "items": [], "days": [], "end": "2027-01-04"}), state(), MONDAY)
    nothing = this_week(empty)
    assert (nothing.standing, nothing.week_number, nothing.first_day, nothing.last_day) == (
        "after_end",
        None,
        MONDAY,
        MONDAY + timedelta(days=6),
    )
    assert (nothing.items, nothing.overdue) == ((), ())
    assert nothing.advice is not None
    assert nothing.advice.kind == "finished"


def test_the_week_offers_the_next_item_only_when_its_own_is_done_and_nothing_is_overdue() -> None:
    tuesday = MONDAY + timedelta(days=8)
    done = this_week(at(tuesday, tick("a", MONDAY), tick("b", MONDAY)))
    assert [i.id for i in done.up_next] == ["c"]
    assert done.left_minutes == 0
    open_week = this_week(at(tuesday, tick("a", MONDAY)))
    assert open_week.up_next == ()
    overdue = this_week(at(tuesday, tick("b", MONDAY)))
    assert [i.id for i in overdue.overdue] == ["a"]
    assert overdue.up_next == ()
    assert [(i.id, done) for i, done in overdue.checklist] == [("a", False), ("b", True)]
    behind = this_week(at(date(2027, 1, 20)), replan_end=date(2027, 4, 1))
    assert behind.advice is not None
    assert (behind.advice.kind, behind.advice.replan_end) == ("behind", date(2027, 4, 1))


def test_the_week_counts_logs_from_its_monday_to_its_sunday() -> None:
    week2 = MONDAY + timedelta(days=7)
    sunday_log = this_week(at(week2 + timedelta(days=6), log("b", week2 + timedelta(days=6), 60)))
    assert sunday_log.left_minutes == 360
    next_monday = this_week(at(week2 + timedelta(days=6), log("b", week2 + timedelta(days=7), 60)))
    assert next_monday.left_minutes == 420
    sunday_before = this_week(at(week2 + timedelta(days=6), log("b", week2 - timedelta(days=1), 60)))
    assert sunday_before.left_minutes == 420


def test_phases_in_the_plans_order_with_their_dates_and_totals() -> None:
    raw = _raw()
    raw["phases"] = [{"id": "p1", "title": "One"}, {"id": "p2", "title": "Two"}]
    raw["items"][2]["phase"] = "p2"
    raw["settled"] = [_item("s", 3, "", "", phase="p0") | {"start": None, "end": None}]
    progress = compute_progress(parse(raw), state(tick("a", MONDAY), log("c", MONDAY, 30)), MONDAY)
    assert [(p.number, p.id, p.title, p.start, p.end) for p in progress.phases] == [
        (1, "p1", "One", MONDAY, date(2027, 1, 17)),
        (2, "p2", "Two", date(2027, 1, 18), date(2027, 1, 31)),
        (3, "p0", "p0", None, None),  # a phase the content no longer has: named by its id
    ]
    assert [
        (p.totals.done_minutes, p.totals.total_minutes, p.totals.done_items) for p in progress.phases
    ] == [
        (420, 840, 1),
        (30, 840, 0),
        (0, 180, 0),
    ]
    assert progress.overall.percent == round(100 * 450 / 1860, 1)
    assert progress.overall.logged_minutes == 30


def test_a_tick_in_another_stacks_plan_counts_there_only() -> None:
    raw = _raw()
    raw["items"][0]["stack_specific"] = True
    plan = parse(raw)
    elsewhere = ProgressState.replay(
        [Event("t", "a", "tick", "go", "2027-01-04T12:00:00+00:00")]  # ticked in a Go plan
    )
    entry = compute_progress(plan, elsewhere, MONDAY).of("a")
    assert entry is not None
    assert (entry.state, entry.done_in) == ("planned", "go")
    here = ProgressState.replay([Event("t", "a", "tick", "python", "2027-01-04T12:00:00+00:00")])
    mine = compute_progress(plan, here, MONDAY).of("a")
    assert mine is not None
    assert (mine.state, mine.done_in) == ("done", None)
    plain = compute_progress(PLAN, elsewhere, MONDAY).of("a")  # not worded per stack: counts anywhere
    assert plain is not None
    assert (plain.state, plain.done_in) == ("done", None)


def test_a_minute_ahead_is_ahead_and_a_minute_of_study_keeps_the_streak() -> None:
    progress = at(MONDAY, log("a", MONDAY, 61))
    assert (progress.standing, progress.delta_minutes) == ("ahead", 1)
    assert at(MONDAY + timedelta(days=7), log("a", MONDAY, 1)).streak_weeks == 1


def test_a_passed_certification_and_the_calibration_are_kept() -> None:
    raw = _raw()
    raw["certifications"] = [
        {"id": "cert-x", "name": "Cert X", "issuer": "Issuer", "phase": "p1", "start": "2027-01-04"}
    ]
    plan = parse(raw)
    events = state(tick("cert-x", MONDAY + timedelta(days=2)), log("a", MONDAY, 500), tick("a", MONDAY))
    progress = compute_progress(plan, events, MONDAY + timedelta(days=3))
    assert [(c.id, c.name, c.on) for c in progress.passed] == [
        ("cert-x", "Cert X", MONDAY + timedelta(days=2))
    ]
    assert progress.calibration is not None
    assert (progress.calibration.items, progress.calibration.logged_minutes) == (1, 500)
    assert progress.calibration.estimated_minutes == 420


def _plan_with(items: list[dict[str, Any]], days: list[list[Any]], end: str, **more: Any) -> SavedPlan:
    return parse({**_raw(), "items": items, "days": days, "end": end, **more})


# Two four-week items, an hour a day: a in January, b in February.
LONG = _plan_with(
    [_item("a", 28, "2027-01-04", "2027-01-31"), _item("b", 28, "2027-02-01", "2027-02-28")],
    _days("a", MONDAY, 28) + _days("b", MONDAY + timedelta(days=28), 28),
    "2027-02-28",
)


def test_today_when_the_learner_gives_the_time() -> None:
    tuesday = MONDAY + timedelta(days=1)
    assert [(i.item.id, i.minutes) for i in plan_today(at(tuesday), 121).items] == [("a", 121)]
    logged = plan_today(at(tuesday, log("a", tuesday, 30)), 60)  # the time given, whatever is logged
    assert [(i.item.id, i.minutes, i.state, i.logged_minutes) for i in logged.items] == [
        ("a", 60, "in_progress", 30)
    ]
    assert logged.off is None
    forward = plan_today(at(tuesday, tick("a", MONDAY)), 600)  # all of b, and c must wait for it
    assert [(i.item.id, i.minutes, i.reason, i.state) for i in forward.items] == [
        ("b", 420, "ahead", "planned")
    ]
    on_a_break = make_plan(breaks=[{"from": "2027-01-05", "to": "2027-01-05", "note": ""}])
    given = plan_today(compute_progress(on_a_break, state(), tuesday), 30)
    assert given.off is None  # the learner gave time: no "day off" to report
    assert [(i.item.id, i.minutes) for i in given.items] == [("a", 30)]
    rest = plan_today(compute_progress(on_a_break, state(), tuesday))
    assert rest.off is not None
    assert rest.off.kind == "break"
    assert plan_today(at(MONDAY, log("a", MONDAY, 59))).items[0].minutes == 1  # a minute owed is listed
    behind = plan_today(at(date(2027, 1, 20)), None, date(2027, 4, 1))
    assert behind.advice is not None
    assert behind.advice.replan_end == date(2027, 4, 1)
    assert [(i.item.id, i.reason) for i in plan_today(at(MONDAY + timedelta(days=6))).items] == [
        ("a", "this_week")  # the day an item is planned to end, it is not yet overdue
    ]


def test_today_brings_weekly_practice_forward_by_a_days_share_only() -> None:
    plan = _plan_with(
        [_item("a", 7, "2027-01-04", "2027-01-10"), _item("w", 6, "2027-01-11", "2027-01-31", weekly=2)],
        _days("a", MONDAY, 7) + _days("w", MONDAY + timedelta(days=7), 3),
        "2027-01-31",
    )
    day = MONDAY + timedelta(days=1)
    view = plan_today(compute_progress(plan, state(tick("a", MONDAY)), day), 600)
    assert [(i.item.id, i.minutes, i.reason) for i in view.items] == [("w", 17, "ahead")]  # 2 h / 7 days
    more = plan_today(compute_progress(plan, state(tick("a", MONDAY)), day))
    assert more.used_up
    assert [i.id for i in more.more] == ["w"]


def test_more_offers_one_item_and_the_week_one_next() -> None:
    free = _plan_with(
        [
            _item("a", 7, "2027-01-04", "2027-01-10"),
            _item("b", 7, "2027-01-11", "2027-01-17"),
            _item("c", 14, "2027-01-18", "2027-01-31"),
        ],
        _days("a", MONDAY, 7) + _days("b", MONDAY + timedelta(7), 7) + _days("c", MONDAY + timedelta(14), 14),
        "2027-01-31",
    )
    progress = compute_progress(free, state(tick("a", MONDAY)), MONDAY + timedelta(days=1))
    assert [i.id for i in this_week(progress).up_next] == ["b"]
    assert [i.id for i in plan_today(progress).more] == ["b"]
    after = compute_progress(free, state(), date(2027, 2, 10))  # no week: every item is overdue
    assert [(e.item.id, reason) for e, reason in todo_order(after)] == [
        ("a", "overdue"),
        ("b", "overdue"),
        ("c", "overdue"),
    ]


def test_an_item_ending_on_this_weeks_monday_is_in_the_week_not_in_the_overdue_list() -> None:
    plan = _plan_with(
        [_item("a", 8, "2027-01-04", "2027-01-11"), _item("b", 6, "2027-01-12", "2027-01-17")],
        _days("a", MONDAY, 8) + _days("b", MONDAY + timedelta(days=8), 6),
        "2027-01-17",
    )
    view = this_week(compute_progress(plan, state(), date(2027, 1, 13)))
    assert view.overdue == ()
    assert [(w.item.id, w.minutes, w.state) for w in view.items] == [
        ("a", 60, "overdue"),
        ("b", 360, "planned"),
    ]


def test_small_rules_of_the_state() -> None:
    assert percent(0, 0) == 0.0
    assert percent(1, 3) == 33.3
    progress = at(
        MONDAY + timedelta(days=8),
        log("b", MONDAY + timedelta(days=7), 90),
        log("b", MONDAY + timedelta(days=8), 30),
    )
    assert progress.logged_by_item(MONDAY + timedelta(days=7), MONDAY + timedelta(days=13)) == {"b": 120}
    assert progress.logged_on(MONDAY + timedelta(days=8)) == 30
    assert progress.of("no-such-item") is None
    assert at(MONDAY, log("a", MONDAY, 30)).streak_weeks == 1  # today's study counts
    noted = ProgressState.replay(
        [
            Event("n", "a", "note", "read the docs", "2027-01-04T12:00:00+00:00"),
            Event("e", "a", "evidence", "https://example.org/a", "2027-01-04T12:00:00+00:00"),
        ]
    )
    entry = compute_progress(PLAN, noted, MONDAY).of("a")
    assert entry is not None
    assert (entry.notes, entry.evidence) == (("read the docs",), "https://example.org/a")
    raw = _raw()
    raw["phases"] = [
        {"id": "p1", "title": "One"},
        {"id": "px", "title": "Empty"},
        {"id": "p2", "title": "Two"},
    ]
    raw["items"][2]["phase"] = "p2"
    numbered = compute_progress(parse(raw), state(), MONDAY)
    assert [(p.number, p.id) for p in numbered.phases] == [
        (1, "p1"),
        (3, "p2"),
    ]  # numbered as the plan has them
    behind = at(MONDAY + timedelta(days=8), log("a", MONDAY, 59))  # 480 due, 59 done: 421 behind
    assert behind.delta_minutes == -421
    assert needs_replan(behind)


def test_where_the_forecasts_pace_comes_from() -> None:
    ticks = state(tick("a", MONDAY), tick("b", MONDAY + timedelta(days=14)))
    logs = state(log("a", MONDAY, 60), log("a", MONDAY + timedelta(days=14), 60))
    both = state(log("a", MONDAY, 60), tick("b", MONDAY + timedelta(days=14)))
    logged_then_ticked = state(log("a", MONDAY, 60), tick("a", MONDAY + timedelta(days=14)))
    day = MONDAY + timedelta(days=14)
    sources = [compute_progress(PLAN, s, day).forecast for s in (ticks, logs, both, logged_then_ticked)]
    assert [f.source if f else None for f in sources] == ["ticks", "logged", "both", "logged"]
    found = activity(logged_then_ticked, compute_progress(PLAN, logged_then_ticked, day).items)
    assert found == [(MONDAY, 60)]  # a ticked item with time logged counts its time, not its estimate
    assert compute_progress(PLAN, state(log("a", MONDAY, 60)), day).calibration is None  # not finished


def test_a_learner_on_pace_but_uneven_is_not_forecast_past_the_planned_end() -> None:
    week = [0] * 7 + [120] * 7 + [60] * 14  # share 1 over four weeks, very uneven
    events = [log("a", MONDAY + timedelta(days=n), m) for n, m in enumerate(week) if m]
    progress = compute_progress(LONG, state(*events), MONDAY + timedelta(days=28))
    assert progress.delta_minutes == 0
    forecast = progress.forecast
    assert forecast is not None
    assert forecast.share == 1.0
    assert forecast.end_latest == LONG.end  # at the slow end it would be later: the pace says no
    assert forecast.end_earliest == MONDAY + timedelta(days=28 + 16)  # 28 h at 1.71 of an hour a day
    assert not forecast.slower_than_plan
    exactly = [log("a", MONDAY + timedelta(days=n), 60) for n in range(0, FORECAST_AFTER_DAYS + 1, 14)]
    assert compute_progress(LONG, state(*exactly), MONDAY + timedelta(days=FORECAST_AFTER_DAYS)).forecast
    done = state(log("a", MONDAY, 60), tick("a", MONDAY), tick("b", MONDAY + timedelta(days=14)))
    finished = compute_progress(LONG, done, MONDAY + timedelta(days=20)).forecast
    assert finished is not None
    assert (finished.left_minutes, finished.end_earliest) == (0, MONDAY + timedelta(days=20))


def test_a_learner_on_plan_is_on_pace_all_day_long() -> None:
    """Four weeks of the plan's hour every day: in the morning, before today's hour, and in the
    evening, after it, the pace is the plan's and the forecast is the planned end."""
    events = [log("a" if n < 7 else "b", MONDAY + timedelta(days=n), 60) for n in range(28)]
    morning = compute_progress(LONG, state(*events), MONDAY + timedelta(days=28))
    evening = compute_progress(
        LONG, state(*events, log("b", MONDAY + timedelta(days=28), 60)), MONDAY + timedelta(days=28)
    )
    for progress in (morning, evening):
        assert progress.delta_minutes == 0
        assert progress.forecast is not None
        assert progress.forecast.share == 1.0
        assert not progress.forecast.slower_than_plan
        assert progress.forecast.end_latest == LONG.end


def test_the_end_at_a_pace_starts_with_what_is_left_of_today() -> None:
    from roadmap_cli.views.forecast import _end_at

    assert _end_at(PLAN, 1.0, 1, MONDAY, 60) == MONDAY + timedelta(days=1)  # today's hour is used
    assert _end_at(PLAN, 1.0, 1, MONDAY, 0) == MONDAY
    assert _end_at(PLAN, 0.5, 60, MONDAY, 0) == MONDAY + timedelta(days=1)
    assert _end_at(PLAN, 0.0, 60, MONDAY, 0) is None
    assert _end_at(PLAN, 1.0, 0, MONDAY, 0) == MONDAY
