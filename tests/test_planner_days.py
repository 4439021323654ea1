"""The planner by the day, on small catalogs, every minute placed worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from roadmap_cli.errors import UsageError
from roadmap_cli.planner import Day, PlanRequest, hours_to_fit, make_plan, merge_slices, pack_days, weeks_of
from roadmap_cli.progress.reflow import reflow, replan_request
from roadmap_cli.progress.saved import from_planner
from roadmap_cli.studytime import Break, Holiday, StudyCalendar, every_day
from test_planner_rules import MONDAY, catalog, item

SCHEDULE = StudyCalendar((60, 0, 60, 0, 0, 240, 0), given_as="schedule")  # Mon 1 h, Wed 1 h, Sat 4 h


def days_of(days: list[Day]) -> list[tuple[date, int, list[tuple[str, int]]]]:
    return [(d.day, d.capacity, d.slices) for d in days]


def test_work_takes_the_study_days_in_order() -> None:
    spans, days = pack_days([("a", 90, None), ("b", 300, None)], MONDAY, SCHEDULE)
    assert days_of(days) == [
        (MONDAY, 60, [("a", 60)]),
        (MONDAY + timedelta(days=2), 60, [("a", 30), ("b", 30)]),
        (MONDAY + timedelta(days=5), 240, [("b", 240)]),
        (MONDAY + timedelta(days=7), 60, [("b", 30)]),
    ]
    assert spans == {
        "a": (MONDAY, MONDAY + timedelta(days=2)),
        "b": (MONDAY + timedelta(days=2), MONDAY + timedelta(days=7)),
    }


def test_work_of_no_minutes_spans_the_day_the_next_would_start() -> None:
    spans, days = pack_days([("a", 60, None), ("done", 0, None), ("b", 60, None)], MONDAY, SCHEDULE)
    assert spans["done"] == (MONDAY + timedelta(days=2),) * 2
    assert spans["b"] == (MONDAY + timedelta(days=2),) * 2
    assert [d.day for d in days] == [MONDAY, MONDAY + timedelta(days=2)]
    assert pack_days([], MONDAY, SCHEDULE) == ({}, [])


def test_breaks_and_holidays_have_no_work_and_a_start_on_one_moves_to_the_next_study_day() -> None:
    calendar = StudyCalendar(
        (60,) * 7,
        breaks=(Break(MONDAY, MONDAY + timedelta(days=1)),),
        holidays=(Holiday(MONDAY + timedelta(days=3), "H"),),
    )
    spans, days = pack_days([("a", 180, None)], MONDAY, calendar)
    assert [d.day for d in days] == [MONDAY + timedelta(days=n) for n in (2, 4, 5)]
    assert spans["a"] == (MONDAY + timedelta(days=2), MONDAY + timedelta(days=5))


def test_weekly_practice_takes_its_share_of_each_day_by_the_weeks_time() -> None:
    # 2 h a week of practice over a week of Mon 1 h, Wed 1 h, Sat 4 h (6 h): by Monday night it has had
    # 1/6 of 120 = 20 min, by Wednesday 2/6 = 40, by Saturday all 120; the rest of each day is a's
    spans, days = pack_days([("p", 150, 120), ("a", 600, None)], MONDAY, SCHEDULE)
    assert days_of(days)[:4] == [
        (MONDAY, 60, [("p", 20), ("a", 40)]),
        (MONDAY + timedelta(days=2), 60, [("p", 20), ("a", 40)]),
        (MONDAY + timedelta(days=5), 240, [("p", 80), ("a", 160)]),
        (MONDAY + timedelta(days=7), 60, [("p", 20), ("a", 40)]),
    ]
    assert spans["p"] == (MONDAY, MONDAY + timedelta(days=9))  # 120 + 20 + the last 10 on Wednesday
    assert [s for d in days for s in d.slices if s[0] == "p"][-1] == ("p", 10)
    weeks = weeks_of(days, MONDAY, SCHEDULE)
    assert [(w.start, w.capacity, w.slices) for w in weeks][:2] == [
        (MONDAY, 360, [("p", 120), ("a", 240)]),
        (MONDAY + timedelta(days=7), 360, [("p", 30), ("a", 330)]),
    ]


def test_practice_that_outlasts_the_work_runs_on_alone() -> None:
    spans, days = pack_days([("p", 60, 60), ("a", 60, None)], MONDAY, every_day(7))
    # 1 h a week over seven days of an hour: about 9 minutes a day until its hour is in
    assert sum(m for d in days for i, m in d.slices if i == "p") == 60
    assert spans["p"][1] == days[-1].day
    assert all(d.used <= d.capacity for d in days)


def test_a_plan_starting_mid_week_shares_practice_over_the_days_it_has() -> None:
    wednesday = MONDAY + timedelta(days=2)
    _, days = pack_days([("p", 600, 120), ("a", 600, None)], wednesday, every_day(7))
    # from Wednesday the week has five days: each gives practice 120/5 = 24 minutes
    assert [dict(d.slices)["p"] for d in days[:5]] == [24, 24, 24, 24, 24]


def test_the_planner_stops_a_calendar_that_never_has_time() -> None:
    off = StudyCalendar(
        (60,) * 7,
        breaks=tuple(
            Break(MONDAY + timedelta(days=366 * n), MONDAY + timedelta(days=366 * n + 366))
            for n in range(101)
        ),
    )
    with pytest.raises(UsageError, match="too little study time"):
        pack_days([("a", 60, None)], MONDAY, off)


def test_merging_slices_adds_each_items_minutes_in_first_order() -> None:
    assert merge_slices([("a", 10), ("b", 5), ("a", 20)]) == [("a", 30), ("b", 5)]
    assert merge_slices([]) == []


def test_a_week_with_no_study_day_is_kept_empty_in_the_weeks() -> None:
    calendar = StudyCalendar(
        (60,) * 7, breaks=(Break(MONDAY + timedelta(days=7), MONDAY + timedelta(days=13)),)
    )
    _, days = pack_days([("a", 600, None)], MONDAY, calendar)
    weeks = weeks_of(days, MONDAY, calendar)
    assert [(w.index, w.start, w.capacity, w.slices) for w in weeks] == [
        (0, MONDAY, 420, [("a", 420)]),
        (1, MONDAY + timedelta(days=7), 0, []),
        (2, MONDAY + timedelta(days=14), 420, [("a", 180)]),  # the calendar's week, as the saved plan's
    ]
    assert weeks_of([], MONDAY, calendar) == []
    # the planner's weeks and the saved plan's are the same weeks
    from roadmap_cli.progress.saved import PlanDay, weeks_of_days

    saved = weeks_of_days([PlanDay(d.day, d.capacity, tuple(d.slices)) for d in days], MONDAY, calendar)
    assert [(w.index, w.start, w.capacity, list(w.slices)) for w in saved] == [
        (w.index, w.start, w.capacity, w.slices) for w in weeks
    ]


# -- whole plans --------------------------------------------------------------------------------------


def plan(cat: Any, calendar: StudyCalendar, **extra: Any) -> Any:
    return make_plan(
        cat,
        PlanRequest(
            stack="py", hours_per_week=calendar.weekly_minutes / 60, start=MONDAY, calendar=calendar, **extra
        ),
    )


def test_a_deadline_is_the_window_and_its_warning_names_the_days() -> None:
    cat = catalog(item("a", 30), item("b", 10, priority="optional", rank=1))
    tight = plan(
        cat, StudyCalendar(SCHEDULE.weekdays, deadline=MONDAY + timedelta(days=27), given_as="schedule")
    )
    assert tight.window_end == MONDAY + timedelta(days=27)
    assert not tight.fits
    assert [i["id"] for i in tight.left_out] == ["b"]
    # 30 h at 6 h a week: four weeks, then Mon, Wed and the Saturday of the fifth. By the 4th Sunday
    # on the same days in the same proportions: 8 h a week (4 weeks x 8 = 32)
    assert tight.warnings == [
        "At 6 h/week the core alone takes 1.1 months, until 2027-02-06: past your deadline of 2027-01-31. "
        "To finish by then you would need about 8 h/week on the same days, or set a later --by."
    ]
    roomy = plan(
        cat, StudyCalendar(SCHEDULE.weekdays, deadline=MONDAY + timedelta(days=70), given_as="schedule")
    )
    assert roomy.fits
    assert not roomy.ends_early  # a deadline is an end to meet, not a window to fill
    assert [s.item["id"] for s in roomy.items] == ["a", "b"]
    assert roomy.warnings == []


def test_hours_to_fit_by_a_calendar_keeps_its_days() -> None:
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=27), 30 * 60, SCHEDULE) == 8
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=27), 32 * 60 + 1, SCHEDULE) == 9
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=6), 10 * 60) == 10
    assert hours_to_fit(MONDAY, MONDAY, 2000 * 60) == 7 * 24  # never fits: the most a week holds


def test_credited_minutes_come_off_and_are_kept_on_each_item() -> None:
    cat = catalog(item("a", 10), item("b", 5))
    made = plan(cat, every_day(7), credited={"a": 240, "b": 999})
    a, b = made.items
    assert (a.minutes, a.credited, a.planned) == (600, 240, 360)
    assert (b.minutes, b.credited, b.planned) == (300, 300, 0)
    assert sum(d.used for d in made.days) == 360
    saved = from_planner(made, cat)
    assert [(i.id, i.credited, i.planned) for i in saved.items] == [("a", 240, 360), ("b", 300, 0)]


def test_a_break_reflows_only_what_comes_after_it() -> None:
    cat = catalog(item("a", 10), item("b", 10), certs=("c1",), cert_fields={"c1": {"phase": "p1"}})
    saved = from_planner(plan(cat, every_day(7)), cat)
    first_break = MONDAY + timedelta(days=12)  # a ends on the 10th day; b starts then
    moved = reflow(
        saved, first_break, saved.calendar.with_breaks([Break(first_break, first_break + timedelta(days=4))])
    )
    assert [d for d in moved.days if d.day < first_break] == [d for d in saved.days if d.day < first_break]
    assert moved.end == saved.end + timedelta(days=5)
    a, b = moved.items
    assert (a.start, a.end) == (saved.items[0].start, saved.items[0].end)  # done before the break
    assert b.start == saved.items[1].start  # begun before the break: it keeps its first day
    assert saved.items[1].end is not None
    assert b.end == saved.items[1].end + timedelta(days=5)
    assert moved.fits_window == (moved.end <= moved.window_end)
    assert moved.journey_start == saved.journey_start
    assert sum(d.used for d in moved.days) == sum(d.used for d in saved.days)
    before_all = reflow(
        saved, MONDAY - timedelta(days=30), saved.calendar.with_breaks([Break(MONDAY, MONDAY)])
    )
    assert before_all.items[0].start == MONDAY + timedelta(days=1)  # nothing before the break: moved whole


def test_a_replan_request_keeps_the_plan_and_takes_what_changes() -> None:
    cat = catalog(item("a", 10), item("b", 10))
    saved = from_planner(plan(cat, SCHEDULE), cat)
    request = replan_request(saved, {"a"}, MONDAY + timedelta(days=14), credited={"b": 60})
    assert (request.stack, request.start, request.done, request.credited) == (
        "py",
        MONDAY + timedelta(days=14),
        frozenset({"a"}),
        {"b": 60},
    )
    assert request.calendar == saved.calendar
    assert request.only == frozenset({"a", "b"})
    faster = replan_request(saved, set(), MONDAY, 12)
    assert faster.calendar is not None
    assert faster.calendar.weekdays == (120, 0, 120, 0, 0, 480, 0)  # the same days, twice the time
    assert faster.hours_per_week == 12
    other = replan_request(saved, set(), MONDAY, 3, calendar=every_day(14))
    assert other.calendar == every_day(14)  # a calendar given wins over the hours
