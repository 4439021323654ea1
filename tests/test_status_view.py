"""The status and week arithmetic, with a fixed "today", on a small plan worked out by hand.

The plan: 7 h a week (one hour a day) from Monday 2027-01-04.
  a  7 h  week 1  ends Sun 2027-01-10
  b  7 h  week 2  ends Sun 2027-01-17
  c 14 h  weeks 3-4  ends Sun 2027-01-31
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from roadmap_cli.progress.models import Event, EventKind, ProgressState
from roadmap_cli.progress.saved import parse
from roadmap_cli.views.state import Progress, compute_progress, streak
from roadmap_cli.views.week import WeekView
from roadmap_cli.views.week import this_week as week_of_progress


def _item(item_id: str, hours: int, start: str, end: str, phase: str = "p1") -> dict[str, Any]:
    return {
        "id": item_id,
        "title": f"Item {item_id}",
        "kind": "milestone",
        "phase": phase,
        "priority": "core",
        "minutes": hours * 60,
        "start": start,
        "end": end,
    }


def _week(start: str, slices: list[tuple[str, int]]) -> dict[str, Any]:
    return {"start": start, "first_day": start, "capacity_minutes": 420, "slices": [list(s) for s in slices]}


# In the stored form of format 1, as roadmap 0.1 saved it: read (and upgraded) like any saved plan.
SNAPSHOT = parse(
    {
        "format": 1,
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
        "phases": [{"id": "p1", "title": "One"}, {"id": "p2", "title": "Two"}],
        "items": [
            _item("a", 7, "2027-01-04", "2027-01-10"),
            _item("b", 7, "2027-01-11", "2027-01-17"),
            _item("c", 14, "2027-01-18", "2027-01-31", phase="p2"),
        ],
        "settled": [],
        "weeks": [
            _week("2027-01-04", [("a", 420)]),
            _week("2027-01-11", [("b", 420)]),
            _week("2027-01-18", [("c", 420)]),
            _week("2027-01-25", [("c", 420)]),
        ],
    }
)


def compute_status(plan: object, state: ProgressState, today: date) -> Progress:
    assert plan is SNAPSHOT
    return compute_progress(SNAPSHOT, state, today)


def this_week(plan: object, state: ProgressState, today: date) -> WeekView:
    return week_of_progress(compute_status(plan, state, today))


def state_of(*pairs: tuple[str, EventKind]) -> ProgressState:
    return ProgressState.replay(
        Event(str(n), item_id, kind, None, f"2027-01-01T00:00:{n:02d}+00:00")
        for n, (item_id, kind) in enumerate(pairs)
    )


@pytest.mark.parametrize(
    ("today", "done", "standing", "delta_hours", "delta_days"),
    [
        # The work due is the hours planned through yesterday (one a day from Monday 2027-01-04), and
        # today's hour as far as it is done: it never jumps when an item's end passes.
        ("2027-01-01", [], "before_start", 0, 0),
        ("2027-01-01", ["a"], "before_start", 7, 7),
        ("2027-01-04", [], "on_time", 0, 0),  # today's hour is due only once done, or tomorrow
        ("2027-01-10", [], "behind", -6, -6),  # six days gone, nothing done
        ("2027-01-12", ["a"], "behind", -1, -1),  # 8 h due through Monday the 11th, 7 done
        ("2027-01-12", ["a", "b"], "ahead", 5, 5),  # 14 h done: 8 h, and today's 1 h, due
        ("2027-01-20", ["a"], "behind", -9, -9),  # 16 h due through the 19th
        ("2027-01-20", [], "behind", -16, -16),
        ("2027-02-10", ["a"], "behind", -21, -21),  # after the end: all 28 h due
        ("2027-02-10", ["a", "b", "c"], "finished", 0, 0),
        ("2027-01-05", ["a", "b", "c"], "finished", 26, 26),  # 28 h done, 2 h due
    ],
)
def test_standing(today: str, done: list[str], standing: str, delta_hours: int, delta_days: int) -> None:
    status = compute_status(SNAPSHOT, state_of(*((d, "tick") for d in done)), date.fromisoformat(today))
    assert status.standing == standing
    assert status.delta_minutes == delta_hours * 60
    assert status.delta_days == delta_days


def test_before_start_counts_days_to_start() -> None:
    status = compute_status(SNAPSHOT, ProgressState(), date(2027, 1, 1))
    assert status.days_to_start == 3
    assert status.days_left == 30
    assert status.overdue == ()
    assert [i.id for i in status.next_items] == ["a", "b", "c"]


def test_after_end_everything_left_is_overdue() -> None:
    status = compute_status(SNAPSHOT, state_of(("a", "tick")), date(2027, 2, 10))
    assert [i.id for i in status.overdue] == ["b", "c"]
    assert status.next_items == ()
    assert status.days_left == 0
    assert status.current_phase is not None
    assert status.current_phase.id == "p1"


def test_progress_bars_per_phase_and_skips_count_as_done() -> None:
    status = compute_status(SNAPSHOT, state_of(("a", "tick"), ("c", "skip")), date(2027, 1, 12))
    overall = status.overall
    assert (overall.done_minutes, overall.total_minutes) == (21 * 60, 28 * 60)
    assert (overall.done_items, overall.total_items) == (2, 3)
    assert overall.percent == 75.0
    p1, p2 = status.phases
    t1 = p1.totals
    assert (t1.done_minutes, t1.total_minutes, t1.done_items, t1.total_items) == (420, 840, 1, 2)
    assert (p2.totals.done_minutes, p2.totals.total_minutes) == (840, 840)
    states = {i.item.id: i.state for i in status.items}
    assert states == {"a": "done", "b": "planned", "c": "skipped"}
    assert status.current_phase == p1


def test_untick_and_unskip_undo() -> None:
    state = state_of(("a", "tick"), ("a", "untick"), ("b", "skip"), ("b", "unskip"))
    assert state.done == set()
    status = compute_status(SNAPSHOT, state, date(2027, 1, 20))
    assert status.standing == "behind"


def test_streak_weeks_in_a_row() -> None:
    today = date(2027, 1, 20)  # a Wednesday
    assert streak([], today) == 0
    assert streak([date(2027, 1, 19)], today) == 1
    # this week has no tick yet: last week's streak still stands
    assert streak([date(2027, 1, 12), date(2027, 1, 5)], today) == 2
    assert streak([date(2027, 1, 19), date(2027, 1, 12), date(2027, 1, 5)], today) == 3
    assert streak([date(2027, 1, 19), date(2027, 1, 5)], today) == 1  # a gap breaks it
    assert streak([date(2026, 12, 29)], today) == 0  # long ago
    assert streak([date(2027, 1, 25)], today) == 0  # in the future


def test_week_view_in_the_plan_before_and_after() -> None:
    view = this_week(SNAPSHOT, state_of(("a", "tick")), date(2027, 1, 20))
    assert view.standing == "in_plan"
    assert view.week_number == 3
    assert [(w.item.id, w.minutes, w.done) for w in view.items] == [("c", 420, False)]
    assert [i.id for i in view.overdue] == ["b"]
    assert (view.planned_minutes, view.left_minutes) == (420, 420)
    assert [(i.id, done) for i, done in view.checklist] == [("b", False), ("c", False)]

    before = this_week(SNAPSHOT, ProgressState(), date(2026, 12, 30))
    assert before.standing == "before_start"
    assert before.week_number == 1
    assert [w.item.id for w in before.items] == ["a"]

    after = this_week(SNAPSHOT, state_of(("a", "tick")), date(2027, 3, 1))
    assert after.standing == "after_end"
    assert after.week_number is None
    assert [i.id for i in after.overdue] == ["b", "c"]

    done_week = this_week(SNAPSHOT, state_of(("b", "tick")), date(2027, 1, 13))
    assert done_week.left_minutes == 0
    assert [i.id for i in done_week.overdue] == ["a"]
