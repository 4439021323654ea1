"""The progress state: where the person stands on their saved plan. Pure: ``today`` is passed in.

:func:`compute_progress` is the one place that turns (saved plan, events, content) into what every
command shows: each item's state, the totals per phase and overall, ahead or behind, the streak and
the orphans. ``status``, ``next``, ``check``, ``skip``, ``note``, the exports and ``doctor`` read it;
none of them counts anything again.

How progress is measured, once for everything:

* **Percent done** is the share of the plan's hours that is done. Skipped items count as done (the
  person already knows them). The plan's hours are those of every item in it: the scheduled ones and
  the ones already done or skipped when it was made (*settled*).
* An item is **due** once the day it was planned to end has passed. The hours of done scheduled
  items, less the hours of due ones, say how far **ahead** (positive) or **behind** (negative) the
  person is; hours become days at the plan's pace (hours a week / 7 a day).
* An **orphan** is an id with a tick, skip, note or evidence that neither the plan nor the content
  has any more. Its history is kept; it counts nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from roadmap_cli.dates import monday_of
from roadmap_cli.progress.models import ItemRecord, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan

#: done: ticked. skipped: marked as known. overdue: planned to end before today, not done.
#: planned: scheduled, not done, not yet due. unscheduled: not done and not in the schedule
#: (settled when the plan was made, then unticked): `roadmap replan` puts it back.
ItemStatus = Literal["done", "skipped", "overdue", "planned", "unscheduled"]
ITEM_STATES: tuple[ItemStatus, ...] = ("done", "skipped", "overdue", "planned", "unscheduled")
Standing = Literal["before_start", "ahead", "on_time", "behind", "finished"]
NEXT_COUNT = 5


def percent(done: int, total: int) -> float:
    """The one way a share is shown as a percent: to a tenth."""
    return round(100 * done / total, 1) if total else 0.0


@dataclass(frozen=True)
class Totals:
    done_minutes: int
    total_minutes: int
    done_items: int
    total_items: int

    @property
    def percent(self) -> float:
        return percent(self.done_minutes, self.total_minutes)

    @property
    def share(self) -> float:
        return self.done_minutes / self.total_minutes if self.total_minutes else 0.0

    @classmethod
    def of(cls, items: Iterable[ItemProgress]) -> Totals:
        listed = list(items)
        done = [i for i in listed if i.done]
        return cls(
            sum(i.item.minutes for i in done), sum(i.item.minutes for i in listed), len(done), len(listed)
        )


@dataclass(frozen=True)
class ItemProgress:
    item: PlanItem
    state: ItemStatus
    notes: tuple[str, ...] = ()
    evidence: str | None = None
    ticked_at: str | None = None  # UTC time of the tick that holds now

    @property
    def done(self) -> bool:
        """Ticked or skipped: both count as done."""
        return self.state in ("done", "skipped")


@dataclass(frozen=True)
class PhaseProgress:
    id: str
    number: int  # 1-based, in the plan's phase order
    title: str
    totals: Totals
    start: date | None  # planned: its first scheduled item's start
    end: date | None


@dataclass(frozen=True)
class Progress:
    plan: SavedPlan
    today: date
    items: tuple[ItemProgress, ...]  # every item of the plan: by phase, settled first, then scheduled
    phases: tuple[PhaseProgress, ...]  # phases that hold items
    overall: Totals
    standing: Standing
    delta_minutes: int  # done minus due: positive is ahead
    delta_days: int  # the same at the plan's pace, rounded to whole days
    due_minutes: int
    done_scheduled_minutes: int
    streak_weeks: int
    orphans: tuple[str, ...]

    def of(self, item_id: str) -> ItemProgress | None:
        return next((i for i in self.items if i.item.id == item_id), None)

    def in_state(self, *states: ItemStatus) -> tuple[ItemProgress, ...]:
        return tuple(i for i in self.items if i.state in states)

    @property
    def overdue(self) -> tuple[PlanItem, ...]:
        """Due and not done, in schedule order."""
        return tuple(i for i in self.plan.items if self._state[i.id] == "overdue")

    @property
    def unscheduled(self) -> tuple[PlanItem, ...]:
        return tuple(i.item for i in self.in_state("unscheduled"))

    @property
    def left(self) -> tuple[PlanItem, ...]:
        """Scheduled and not done, in schedule order."""
        return tuple(i for i in self.plan.items if self._state[i.id] in ("overdue", "planned"))

    @property
    def next_items(self) -> tuple[PlanItem, ...]:
        return tuple(i for i in self.plan.items if self._state[i.id] == "planned")[:NEXT_COUNT]

    @property
    def current_phase(self) -> PhaseProgress | None:
        left = self.left
        return next((p for p in self.phases if p.id == left[0].phase), None) if left else None

    @property
    def days_to_start(self) -> int:
        return max(0, (self.plan.start - self.today).days)

    @property
    def days_left(self) -> int:
        return max(0, (self.plan.end - self.today).days)

    @property
    def _state(self) -> dict[str, ItemStatus]:
        return {i.item.id: i.state for i in self.items}


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


def tick_days(state: ProgressState) -> list[date]:
    """The local day of every tick that still holds."""
    return [
        datetime.fromisoformat(r.ticked_at).astimezone().date() for r in state.items.values() if r.ticked_at
    ]


def find_orphans(tracked: Iterable[str], plan_ids: set[str], content_ids: set[str]) -> list[str]:
    """Ids with progress that neither the plan nor the content has: the one definition of an orphan."""
    return sorted(set(tracked) - plan_ids - content_ids)


def item_state(item: PlanItem, record: ItemRecord, today: date) -> ItemStatus:
    if record.ticked:
        return "done"
    if record.skipped:
        return "skipped"
    if item.end is None:
        return "unscheduled"
    return "overdue" if item.end < today else "planned"


def compute_progress(
    plan: SavedPlan, state: ProgressState, today: date, *, orphans: Sequence[str] = ()
) -> Progress:
    states = {
        i.id: ItemProgress(
            item=i,
            state=item_state(i, record := state.get(i.id), today),
            notes=tuple(record.notes),
            evidence=record.evidence,
            ticked_at=record.ticked_at,
        )
        for i in plan.all_items()
    }
    phase_ids = [p.id for p in plan.phases]
    phase_ids += sorted({i.phase for i in plan.all_items()} - set(phase_ids))  # a phase since removed
    titles = {p.id: p.title for p in plan.phases}
    ordered: list[ItemProgress] = []
    phases: list[PhaseProgress] = []
    for number, phase_id in enumerate(phase_ids, 1):
        mine = [states[i.id] for i in plan.all_items() if i.phase == phase_id]
        if not mine:
            continue
        ordered += mine
        dated = [i.item for i in mine if i.item.start is not None]
        phases.append(
            PhaseProgress(
                id=phase_id,
                number=number,
                title=titles.get(phase_id, phase_id),
                totals=Totals.of(mine),
                start=min((i.start for i in dated if i.start), default=None),
                end=max((i.end for i in dated if i.end), default=None),
            )
        )

    due_minutes = sum(i.minutes for i in plan.items if i.end is not None and i.end < today)
    done_scheduled = sum(i.minutes for i in plan.items if states[i.id].done)
    delta = done_scheduled - due_minutes
    left = any(not states[i.id].done for i in plan.items)
    standing: Standing
    if not left:
        standing = "finished"
    elif today < plan.start:
        standing = "before_start"
    elif delta > 0:
        standing = "ahead"
    elif delta < 0:
        standing = "behind"
    else:
        standing = "on_time"
    return Progress(
        plan=plan,
        today=today,
        items=tuple(ordered),
        phases=tuple(phases),
        overall=Totals.of(ordered),
        standing=standing,
        delta_minutes=delta,
        delta_days=round(delta / minutes_per_day(plan.hours_per_week)),
        due_minutes=due_minutes,
        done_scheduled_minutes=done_scheduled,
        streak_weeks=streak(tick_days(state), today),
        orphans=tuple(orphans),
    )


# -- this week ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekItem:
    item: PlanItem
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
    overdue: tuple[PlanItem, ...]  # due before this week and not done

    @property
    def planned_minutes(self) -> int:
        return sum(w.minutes for w in self.items)

    @property
    def left_minutes(self) -> int:
        return sum(w.minutes for w in self.items if not w.done)

    @property
    def checklist(self) -> list[tuple[PlanItem, bool]]:
        """This week's items and the overdue ones, each with whether it is done: what `check` offers."""
        rows = [(w.item, w.done) for w in self.items]
        seen = {i.id for i, _ in rows}
        return [(i, False) for i in self.overdue if i.id not in seen] + rows


def this_week(progress: Progress) -> WeekView:
    """The week holding today (or the plan's first week, before it starts), with overdue items."""
    plan, today = progress.plan, progress.today
    done = {i.item.id for i in progress.items if i.done}
    monday = monday_of(today)
    if not plan.weeks:
        return WeekView(today, "after_end", None, today, monday + timedelta(days=6), (), ())
    standing: Literal["before_start", "in_plan", "after_end"]
    week = plan.weeks[0] if today < plan.weeks[0].first_day else plan.week_of(today)
    if week is None:
        standing = "after_end"
    else:
        standing = "before_start" if today < plan.weeks[0].first_day else "in_plan"
    if week is None:
        return WeekView(
            today, standing, None, monday, monday + timedelta(days=6), (), _overdue(progress, today)
        )
    minutes: dict[str, int] = {}
    for item_id, m in week.slices:
        minutes[item_id] = minutes.get(item_id, 0) + m
    rows = []
    for item_id, m in minutes.items():
        item = plan.item(item_id)
        if item is not None:
            rows.append(WeekItem(item, m, item_id in done))
    cutoff = min(today, week.start)
    return WeekView(
        today,
        standing,
        week.index + 1,
        week.first_day,
        week.start + timedelta(days=6),
        tuple(rows),
        _overdue(progress, cutoff),
    )


def _overdue(progress: Progress, before: date) -> tuple[PlanItem, ...]:
    return tuple(i for i in progress.overdue if i.end is not None and i.end < before)
