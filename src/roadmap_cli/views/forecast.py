"""The forecast: when the plan will really end, at the learner's real pace, and how logged time
compares with the estimates. Pure: ``today`` is passed in."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from roadmap_cli.dates import local_day
from roadmap_cli.progress.models import ProgressState
from roadmap_cli.record import Record

if TYPE_CHECKING:
    from roadmap_cli.progress.saved import SavedPlan
    from roadmap_cli.views.state import ItemProgress

#: How far back the pace is measured, and how much activity a forecast needs.
PACE_DAYS = 28
FORECAST_AFTER_DAYS = 14


class PassedCert(Record):
    id: str
    name: str
    on: date


class Forecast(Record):
    """When the plan will really end: the work left, done at the learner's real pace.

    The pace is measured against the learner's own calendar: the work done in the four weeks before
    today (today is not over) over the study time those weeks had (so a week with a holiday or a
    break does not look slow), and the same share week by week. That share, less and plus its
    spread (the standard deviation of the four weeks'), is laid on the plan's calendar from what is
    left of today: the range is where the work left runs out at those paces. A steady pace gives a
    narrow range, an uneven one a wide one; a learner who does exactly what the plan asks ends where
    a replan would put the end.
    When the learner is not behind and keeps at least the plan's pace, the range ends no later than
    the planned end. An end is None when the pace is nothing. ``pace_minutes_per_week`` is the work
    done a week, ``spread_minutes_per_week`` the spread in the same unit.
    """

    pace_minutes_per_week: float
    source: Literal["logged", "ticks", "both"]
    left_minutes: int
    end_earliest: date | None
    end_latest: date | None
    window_days: int = PACE_DAYS
    spread_minutes_per_week: float = 0.0
    plan_minutes_per_week: float = 0.0

    share: float = 0.0  # the work done over the study time the calendar had, in the last four weeks

    @property
    def slower_than_plan(self) -> bool:
        return self.share < 1


class Calibration(Record):
    """How logged time compares with the estimates, on finished items with time logged."""

    items: int
    logged_minutes: int
    estimated_minutes: int

    @property
    def ratio(self) -> float:
        return self.logged_minutes / self.estimated_minutes if self.estimated_minutes else 0.0


def activity(state: ProgressState, items: Sequence[ItemProgress]) -> list[tuple[date, int]]:
    """(day, minutes) of study: the time logged, and each item ticked with no time logged on it, at
    its estimate on the day of the tick."""
    logged = [(entry.on, entry.minutes) for entry in state.logs]
    ticked = [
        (local_day(i.ticked_at), i.item.minutes)
        for i in items
        if i.state == "done" and i.ticked_at and not i.logged_minutes
    ]
    return logged + ticked


def pace(days: Sequence[tuple[date, int]], today: date, span: int, end_offset: int = 0) -> float:
    """Minutes a week over the ``span`` days ending ``end_offset`` days before today (today included)."""
    last = today - timedelta(days=end_offset)
    first = last - timedelta(days=span - 1)
    return sum(m for d, m in days if first <= d <= last) * 7 / span


def _end_at(plan: SavedPlan, share: float, left: int, today: date, done_today: int) -> date | None:
    """The day the work ``left`` is done at ``share`` of the plan's study time on each day: what is
    left of today's (its time less the work done today), then the days after it."""
    if left <= 0:
        return today
    if share <= 0:
        return None
    calendar = plan.calendar
    need = left / share
    day, total = today, max(0, calendar.work_minutes_on(today) - done_today)
    limit = today + timedelta(days=100 * 366)
    while total < need:
        day += timedelta(days=1)
        if day > limit:
            return None
        total += calendar.work_minutes_on(day)
    return day


def forecast(
    state: ProgressState,
    items: Sequence[ItemProgress],
    plan: SavedPlan,
    done: int,
    delta: int,
    today: date,
) -> Forecast | None:
    """None until there are two weeks of activity; see :class:`Forecast`."""
    days = activity(state, items)
    past = [d for d, _ in days if d <= today]
    if not past or (today - min(past)).days < FORECAST_AFTER_DAYS:
        return None
    calendar = plan.calendar
    weeks = PACE_DAYS // 7
    # The four whole weeks before today: today is not over, and its time counted before its work
    # is done would make a learner on pace look slow every morning.
    worked = [pace(days, today, 7, end_offset=7 * n + 1) for n in range(weeks)]  # minutes a week
    had = [
        calendar.work_minutes_between(today - timedelta(days=7 * n + 7), today - timedelta(days=7 * n + 1))
        for n in range(weeks)
    ]
    if not sum(had):  # four weeks of breaks: nothing to measure a pace against
        return None
    share = sum(worked) / sum(had)
    shares = [w / h for w, h in zip(worked, had, strict=True) if h]
    spread = math.sqrt(sum((s - share) ** 2 for s in shares) / len(shares))
    plan_week = calendar.weekly_minutes
    left = max(0, sum(i.planned for i in plan.items) - done)
    done_today = sum(m for d, m in days if d == today)
    early = _end_at(plan, share + spread, left, today, done_today)
    late = _end_at(plan, share - spread, left, today, done_today)
    if delta >= 0 and share >= 1 and early is not None and late is not None:
        early, late = min(early, plan.end), min(late, plan.end)
    return Forecast(
        pace_minutes_per_week=sum(worked) / weeks,
        source=_source(state, items),
        left_minutes=left,
        end_earliest=early,
        end_latest=late,
        spread_minutes_per_week=spread * plan_week,
        plan_minutes_per_week=plan_week,
        share=share,
    )


def _source(state: ProgressState, items: Sequence[ItemProgress]) -> Literal["logged", "ticks", "both"]:
    ticks = any(i.state == "done" and i.ticked_at and not i.logged_minutes for i in items)
    if state.logs:
        return "both" if ticks else "logged"
    return "ticks"


def calibrate(items: Sequence[ItemProgress]) -> Calibration | None:
    finished = [i for i in items if i.state == "done" and i.logged_minutes]
    if not finished:
        return None
    return Calibration(
        len(finished), sum(i.logged_minutes for i in finished), sum(i.item.minutes for i in finished)
    )
