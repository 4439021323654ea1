"""The progress state: where the person stands on their saved plan. Pure: ``today`` is passed in.

This module holds each item's state and the standing; the forecast, the week and today are views
built on it (:mod:`.forecast`, :mod:`.week`, :mod:`.today`).

:func:`compute_progress` is the one place that turns (saved plan, events, content) into what every
command shows: each item's state, the totals per phase and overall, ahead or behind, the streak and
the orphans. ``status``, ``next``, ``check``, ``skip``, ``note``, the exports and ``doctor`` read it;
none of them counts anything again.

How progress is measured, once for everything:

* **Percent done** is the share of the plan's hours that is done. Skipped items count as done (the
  person already knows them). Study time logged on an item not yet ticked counts too, up to the
  item's estimate. The plan's hours are those of every item in it: the scheduled ones and the ones
  already done or skipped when it was made (*settled*).
* A tick on an item worded for one stack (its language, framework or tools) counts only in plans for
  that stack; elsewhere the item shows as done in the other stack, and ``roadmap check --carry``
  brings such ticks over.
* **The standing** is one measure: the work done on the plan (ticks at their estimates, skips as done,
  logged time up to each estimate, less what was already done when the plan was made) against the
  plan's *planned-work curve*, the minutes planned on its days. The work due is the curve through
  yesterday, and today's planned minutes as far as they are done: so a learner who does today's
  work is on plan all day, one who skips it is behind tomorrow morning by exactly its minutes, and
  the standing never jumps when an item's end date passes. Right after a plan or a replan it is 0.
  Hours become days at the plan's pace (hours a week / 7 a day).
* An item is **overdue** once the day it was planned to end has passed and it is not done.
* An **orphan** is an id with a tick, skip, note or evidence that neither the plan nor the content
  has any more. Its history is kept; it counts nowhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from roadmap_cli.dates import local_day, monday_of
from roadmap_cli.progress.counting import counts_here, known_by_rating
from roadmap_cli.progress.models import ItemRecord, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan
from roadmap_cli.record import Record

if TYPE_CHECKING:
    from roadmap_cli.views.forecast import Calibration, Forecast, PassedCert

#: done: ticked. skipped: marked as known. overdue: planned to end before today, not done.
#: in_progress: study time logged, not done, not yet due. planned: scheduled, not done, not yet due.
#: unscheduled: not done and not in the schedule (settled when the plan was made, then unticked):
#: `roadmap replan` puts it back.
ItemStatus = Literal["done", "skipped", "overdue", "in_progress", "planned", "unscheduled"]
ITEM_STATES: tuple[ItemStatus, ...] = ("done", "skipped", "overdue", "in_progress", "planned", "unscheduled")
Standing = Literal["before_start", "ahead", "on_time", "behind", "finished"]
NEXT_COUNT = 5


def percent(done: int, total: int) -> float:
    """The one way a share is shown as a percent: to a tenth."""
    return round(100 * done / total, 1) if total else 0.0


class Totals(Record):
    done_minutes: int  # done and skipped items, and logged time on the rest up to their estimates
    total_minutes: int
    done_items: int
    total_items: int
    logged_minutes: int = 0

    @property
    def percent(self) -> float:
        return percent(self.done_minutes, self.total_minutes)

    @property
    def share(self) -> float:
        return self.done_minutes / self.total_minutes if self.total_minutes else 0.0

    @classmethod
    def of(cls, items: Iterable[ItemProgress]) -> Totals:
        listed = list(items)
        return cls(
            sum(i.credit_minutes for i in listed),
            sum(i.item.minutes for i in listed),
            sum(1 for i in listed if i.done),
            len(listed),
            sum(i.logged_minutes for i in listed),
        )


class ItemProgress(Record):
    item: PlanItem
    state: ItemStatus
    notes: tuple[str, ...] = ()
    evidence: str | None = None
    ticked_at: str | None = None  # UTC time of the tick that holds now
    logged_minutes: int = 0
    done_in: str | None = None  # ticked in a plan for this other stack, so not done here

    @property
    def done(self) -> bool:
        """Ticked or skipped: both count as done."""
        return self.state in ("done", "skipped")

    @property
    def credit_minutes(self) -> int:
        """Its part of the minutes done: all once done, else the time logged, up to its estimate."""
        return self.item.minutes if self.done else min(self.logged_minutes, self.item.minutes)

    @property
    def left_minutes(self) -> int:
        return self.item.minutes - self.credit_minutes


class PhaseProgress(Record):
    id: str
    number: int  # 1-based, in the plan's phase order
    title: str
    totals: Totals
    start: date | None  # planned: its first scheduled item's start
    end: date | None


class Progress(Record):
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
    forecast: Forecast | None = None
    calibration: Calibration | None = None
    passed: tuple[PassedCert, ...] = ()
    logs: tuple[tuple[date, str, int], ...] = ()  # (day, item id, minutes) of every log

    def logged_by_item(self, first: date, last: date) -> dict[str, int]:
        """Minutes logged on each item from ``first`` to ``last``, both included."""
        found: dict[str, int] = {}
        for day, item_id, minutes in self.logs:
            if first <= day <= last:
                found[item_id] = found.get(item_id, 0) + minutes
        return found

    def logged_on(self, day: date) -> int:
        return sum(minutes for on, _, minutes in self.logs if on == day)

    @property
    def planned_today(self) -> int:
        return self.plan.planned_on(self.today)

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
        upcoming = ("in_progress", "planned")
        return tuple(i for i in self.plan.items if self._state[i.id] in upcoming)[:NEXT_COUNT]

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

    @cached_property
    def _state(self) -> dict[str, ItemStatus]:
        # Worked out once: the views ask for it item by item.
        return {i.item.id: i.state for i in self.items}


def minutes_per_day(hours_per_week: float) -> float:
    return hours_per_week * 60 / 7


def streak(tick_days: Iterable[date], today: date) -> int:
    """Weeks in a row, up to this one, with study logged or an item ticked on some day of it.

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


def item_state(
    item: PlanItem, record: ItemRecord, today: date, stack: str, ratings: Mapping[str, int] | None = None
) -> ItemStatus:
    if record.ticked and counts_here(item, record, stack):
        return "done"
    if record.skipped or (ratings and known_by_rating(item.skills, ratings)):
        return "skipped"
    if item.end is None:
        return "unscheduled"
    if item.end < today:
        return "overdue"
    return "in_progress" if record.logs else "planned"


def plan_credit(entry: ItemProgress) -> int:
    """An item's work done on this plan: its credit, less what was done before the plan was made,
    within what the plan schedules for it."""
    return max(0, min(entry.item.planned, entry.credit_minutes - entry.item.credited))


def work_due(plan: SavedPlan, done: int, today: date) -> int:
    """The planned work due on ``today``: the curve through yesterday, and as much of today's planned
    minutes as ``done`` covers (today's work is due as it is done, and in full tomorrow)."""
    yesterday = plan.planned_through(today - timedelta(days=1))
    return yesterday + min(plan.planned_on(today), max(0, done - yesterday))


def compute_progress(
    plan: SavedPlan, state: ProgressState, today: date, *, orphans: Sequence[str] = ()
) -> Progress:
    from roadmap_cli.views.forecast import PassedCert, calibrate, forecast

    stack = plan.request.lang
    ratings = state.ratings()
    states = {
        i.id: ItemProgress(
            item=i,
            state=item_state(i, record := state.get(i.id), today, stack, ratings),
            notes=tuple(record.notes),
            evidence=record.evidence,
            ticked_at=record.ticked_at,
            logged_minutes=record.logged_minutes,
            done_in=record.ticked_stack if record.ticked and not counts_here(i, record, stack) else None,
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

    done_scheduled = sum(plan_credit(states[i.id]) for i in plan.items)
    due_minutes = work_due(plan, done_scheduled, today)
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
    overall = Totals.of(ordered)
    return Progress(
        plan=plan,
        today=today,
        items=tuple(ordered),
        phases=tuple(phases),
        overall=overall,
        standing=standing,
        delta_minutes=delta,
        delta_days=round(delta / minutes_per_day(plan.hours_per_week)),
        due_minutes=due_minutes,
        done_scheduled_minutes=done_scheduled,
        streak_weeks=streak(
            [*tick_days(state), *(entry.on for entry in state.logs if entry.minutes > 0)], today
        ),
        orphans=tuple(orphans),
        forecast=forecast(state, ordered, plan, done_scheduled, delta, today),
        calibration=calibrate(ordered),
        passed=tuple(
            PassedCert(c.id, c.name, local_day(record.ticked_at))
            for c in plan.certifications
            if (record := state.get(c.id)).ticked and record.ticked_at
        ),
        logs=tuple((entry.on, entry.item_id, entry.minutes) for entry in state.logs),
    )
