"""Where the person stands against their plan, and what this week holds. Pure: ``today`` is passed in.

How "where you should be" is measured: an item is *due* once the day it was planned to end has
passed. The hours of done (ticked or skipped) scheduled items, less the hours of due items, say how
far ahead (positive) or behind (negative) the person is; hours become days at the plan's pace
(hours a week / 7 a day). Exactly the due hours done is on time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from roadmap_cli.dates import monday_of
from roadmap_cli.progress.models import PlannedItem, ProgressState, Snapshot

Standing = Literal["before_start", "ahead", "on_time", "behind", "finished"]
NEXT_COUNT = 5


@dataclass(frozen=True)
class PhaseProgress:
    id: str
    title: str
    done_minutes: int
    total_minutes: int
    done_items: int
    total_items: int


@dataclass(frozen=True)
class Status:
    today: date
    start: date
    end: date
    hours_per_week: float
    standing: Standing
    delta_minutes: int  # done minus due: positive is ahead
    delta_days: int  # the same at the plan's pace, rounded to whole days
    due_minutes: int
    done_scheduled_minutes: int
    done_minutes: int  # all done work, including items done before the plan was made
    total_minutes: int
    done_items: int
    total_items: int
    phases: tuple[PhaseProgress, ...]
    current_phase: PhaseProgress | None
    overdue: tuple[PlannedItem, ...]
    next_items: tuple[PlannedItem, ...]
    streak_weeks: int
    orphans: tuple[str, ...]  # ids with progress that the content no longer has
    unscheduled: tuple[PlannedItem, ...]  # un-ticked since the plan was made, so not in its schedule

    @property
    def days_to_start(self) -> int:
        return max(0, (self.start - self.today).days)

    @property
    def days_left(self) -> int:
        return max(0, (self.end - self.today).days)


def minutes_per_day(hours_per_week: float) -> float:
    return hours_per_week * 60 / 7


def streak(tick_days: Iterable[date], today: date) -> int:
    """Weeks in a row, up to this one, with at least one tick.

    A week without a tick yet does not break the streak until it is over: on a Monday the streak
    of last week still stands.
    """
    weeks = {monday_of(d) for d in tick_days if d <= today}
    week = monday_of(today)
    if week not in weeks:
        week -= timedelta(days=7)
    count = 0
    while week in weeks:
        count += 1
        week -= timedelta(days=7)
    return count


def compute_status(
    snapshot: Snapshot,
    state: ProgressState,
    today: date,
    *,
    tick_days: Sequence[date] = (),
    orphans: Sequence[str] = (),
    next_count: int = NEXT_COUNT,
) -> Status:
    done_ids = state.done
    scheduled = snapshot.items
    settled_still = [i for i in snapshot.settled if i.id in done_ids]
    unscheduled = tuple(i for i in snapshot.settled if i.id not in done_ids)
    everything = [*snapshot.settled, *scheduled]

    due = [i for i in scheduled if i.end is not None and i.end < today]
    due_minutes = sum(i.minutes for i in due)
    done_scheduled = sum(i.minutes for i in scheduled if i.id in done_ids)
    delta = done_scheduled - due_minutes
    delta_days = round(delta / minutes_per_day(snapshot.hours_per_week))

    left = [i for i in scheduled if i.id not in done_ids]
    standing: Standing
    if not left:
        standing = "finished"
    elif today < snapshot.start:
        standing = "before_start"
    elif delta > 0:
        standing = "ahead"
    elif delta < 0:
        standing = "behind"
    else:
        standing = "on_time"

    phases = []
    for phase_id, title in snapshot.phases:
        mine = [i for i in everything if i.phase == phase_id]
        if not mine:
            continue
        done = [i for i in mine if i.id in done_ids]
        phases.append(
            PhaseProgress(
                phase_id,
                title,
                sum(i.minutes for i in done),
                sum(i.minutes for i in mine),
                len(done),
                len(mine),
            )
        )
    current = None
    if left:
        current = next((p for p in phases if p.id == left[0].phase), None)

    return Status(
        today=today,
        start=snapshot.start,
        end=snapshot.end,
        hours_per_week=snapshot.hours_per_week,
        standing=standing,
        delta_minutes=delta,
        delta_days=delta_days,
        due_minutes=due_minutes,
        done_scheduled_minutes=done_scheduled,
        done_minutes=done_scheduled + sum(i.minutes for i in settled_still),
        total_minutes=sum(i.minutes for i in everything),
        done_items=sum(1 for i in everything if i.id in done_ids),
        total_items=len(everything),
        phases=tuple(phases),
        current_phase=current,
        overdue=tuple(i for i in due if i.id not in done_ids),
        next_items=tuple(i for i in left if i not in due)[:next_count],
        streak_weeks=streak(tick_days, today),
        orphans=tuple(orphans),
        unscheduled=unscheduled,
    )


# -- this week ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekItem:
    item: PlannedItem
    minutes: int  # planned for this week
    done: bool


@dataclass(frozen=True)
class WeekView:
    today: date
    standing: Literal["before_start", "in_plan", "after_end"]
    week_number: int | None  # 1-based, None after the plan's end
    first_day: date  # of the week shown (the plan's start in its first week)
    last_day: date  # the Sunday
    items: tuple[WeekItem, ...]
    overdue: tuple[PlannedItem, ...]  # due before this week and not done

    @property
    def planned_minutes(self) -> int:
        return sum(w.minutes for w in self.items)

    @property
    def left_minutes(self) -> int:
        return sum(w.minutes for w in self.items if not w.done)

    @property
    def checklist(self) -> list[tuple[PlannedItem, bool]]:
        """This week's items and the overdue ones, each with whether it is done: what `check` offers."""
        rows = [(w.item, w.done) for w in self.items]
        seen = {i.id for i, _ in rows}
        return [(i, False) for i in self.overdue if i.id not in seen] + rows


def this_week(snapshot: Snapshot, state: ProgressState, today: date) -> WeekView:
    """The week holding ``today`` (or the plan's first week, before it starts), with overdue items."""
    done_ids = state.done
    by_id = {i.id: i for i in snapshot.items}
    monday = monday_of(today)
    weeks = list(snapshot.weeks)
    if not weeks:
        return WeekView(today, "after_end", None, today, monday + timedelta(days=6), (), ())
    standing: Literal["before_start", "in_plan", "after_end"]
    if today < weeks[0].first_day:
        number, standing = 0, "before_start"
    else:
        number = next((n for n, w in enumerate(weeks) if w.start == monday), -1)
        standing = "in_plan" if number >= 0 else "after_end"
    if number < 0:
        week_items: tuple[WeekItem, ...] = ()
        first_day, last_day = monday, monday + timedelta(days=6)
        week_number = None
        cutoff = today
    else:
        week = weeks[number]
        minutes: dict[str, int] = {}
        for item_id, m in week.slices:
            minutes[item_id] = minutes.get(item_id, 0) + m
        week_items = tuple(WeekItem(by_id[i], m, i in done_ids) for i, m in minutes.items())
        first_day, last_day = week.first_day, week.start + timedelta(days=6)
        week_number = number + 1
        cutoff = week.start
    overdue = tuple(
        i for i in snapshot.items if i.end is not None and i.end < min(today, cutoff) and i.id not in done_ids
    )
    return WeekView(today, standing, week_number, first_day, last_day, week_items, overdue)
