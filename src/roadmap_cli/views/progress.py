"""The progress state: where the person stands on their saved plan. Pure: ``today`` is passed in.

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

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Literal

from roadmap_cli.dates import monday_of
from roadmap_cli.progress.models import ItemRecord, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan
from roadmap_cli.record import Record
from roadmap_cli.render.units import hours_text

#: done: ticked. skipped: marked as known. overdue: planned to end before today, not done.
#: in_progress: study time logged, not done, not yet due. planned: scheduled, not done, not yet due.
#: unscheduled: not done and not in the schedule (settled when the plan was made, then unticked):
#: `roadmap replan` puts it back.
ItemStatus = Literal["done", "skipped", "overdue", "in_progress", "planned", "unscheduled"]
ITEM_STATES: tuple[ItemStatus, ...] = ("done", "skipped", "overdue", "in_progress", "planned", "unscheduled")
#: How far back the pace is measured, and how much activity a forecast needs.
PACE_DAYS = 28
FORECAST_AFTER_DAYS = 14
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


def find_orphans(tracked: Iterable[str], plan: SavedPlan | None, content_ids: set[str]) -> list[str]:
    """Ids with progress that neither the plan (its items and certifications) nor the content has:
    the one definition of an orphan."""
    return sorted(set(tracked) - (plan.known_ids() if plan else set()) - content_ids)


def counts_here(item: PlanItem, record: ItemRecord, stack: str) -> bool:
    """Whether a tick counts in a plan for ``stack``: always, unless the item is worded per stack and
    the tick was made in a plan for another (a tick from before ticks knew their stack counts)."""
    return not item.stack_specific or record.ticked_stack in (None, stack)


def done_for(state: ProgressState, stack: str, worded_per_stack: Callable[[str], bool]) -> set[str]:
    """The ids done or skipped for a plan in ``stack``: what a new plan or a re-plan leaves out. A tick
    on an item worded per stack, made in another stack's plan, does not count."""
    return {
        item_id
        for item_id, record in state.items.items()
        if record.skipped
        or (record.ticked and (record.ticked_stack in (None, stack) or not worded_per_stack(item_id)))
    }


def logged_credit(state: ProgressState) -> dict[str, int]:
    """The minutes logged on each item: what a new plan or a replan takes off its estimate (the
    planner keeps it within the estimate), so the learner starts the new plan on plan."""
    return {item_id: r.logged_minutes for item_id, r in state.items.items() if r.logged_minutes > 0}


def item_state(item: PlanItem, record: ItemRecord, today: date, stack: str) -> ItemStatus:
    if record.ticked and counts_here(item, record, stack):
        return "done"
    if record.skipped:
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
    stack = plan.request.lang
    states = {
        i.id: ItemProgress(
            item=i,
            state=item_state(i, record := state.get(i.id), today, stack),
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
            PassedCert(c.id, c.name, _local_day(record.ticked_at))
            for c in plan.certifications
            if (record := state.get(c.id)).ticked and record.ticked_at
        ),
        logs=tuple((entry.on, entry.item_id, entry.minutes) for entry in state.logs),
    )


# -- pace and forecast ----------------------------------------------------------------------------


class PassedCert(Record):
    id: str
    name: str
    on: date


class Forecast(Record):
    """When the plan will really end: the work left, done at the learner's real pace.

    The pace is the work done (the standing's measure) in each of the last four weeks. Its mean,
    less and plus its spread (the standard deviation of the four weeks), as shares of the plan's
    weekly time, are laid on the plan's own calendar from tomorrow (its study days, breaks and
    holidays): the range is where the work left runs out at those paces. A steady pace gives a narrow
    range, an uneven one a wide one. When the learner is not behind and keeps at least the plan's
    pace, the range ends no later than the planned end. An end is None when the pace is nothing.
    """

    pace_minutes_per_week: float
    source: Literal["logged", "ticks", "both"]
    left_minutes: int
    end_earliest: date | None
    end_latest: date | None
    window_days: int = PACE_DAYS
    spread_minutes_per_week: float = 0.0
    plan_minutes_per_week: float = 0.0

    @property
    def slower_than_plan(self) -> bool:
        return self.pace_minutes_per_week < self.plan_minutes_per_week


class Calibration(Record):
    """How logged time compares with the estimates, on finished items with time logged."""

    items: int
    logged_minutes: int
    estimated_minutes: int

    @property
    def ratio(self) -> float:
        return self.logged_minutes / self.estimated_minutes if self.estimated_minutes else 0.0


def _local_day(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone().date()


def activity(state: ProgressState, items: Sequence[ItemProgress]) -> list[tuple[date, int]]:
    """(day, minutes) of study: the time logged, and each item ticked with no time logged on it, at
    its estimate on the day of the tick."""
    logged = [(entry.on, entry.minutes) for entry in state.logs]
    ticked = [
        (_local_day(i.ticked_at), i.item.minutes)
        for i in items
        if i.state == "done" and i.ticked_at and not i.logged_minutes
    ]
    return logged + ticked


def pace(days: Sequence[tuple[date, int]], today: date, span: int, end_offset: int = 0) -> float:
    """Minutes a week over the ``span`` days ending ``end_offset`` days before today (today included)."""
    last = today - timedelta(days=end_offset)
    first = last - timedelta(days=span - 1)
    return sum(m for d, m in days if first <= d <= last) * 7 / span


def _end_at(plan: SavedPlan, share: float, left: int, today: date) -> date | None:
    """The day the work ``left`` is done at ``share`` of the plan's study time on each day after today."""
    if left <= 0:
        return today
    if share <= 0:
        return None
    calendar = plan.calendar
    need = left / share
    day, total = today, 0
    limit = today + timedelta(days=100 * 366)
    while total < need:
        day += timedelta(days=1)
        if day > limit:
            return None
        total += calendar.minutes_on(day)
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
    weekly = [pace(days, today, 7, end_offset=7 * n) for n in range(PACE_DAYS // 7)]
    mean = sum(weekly) / len(weekly)
    spread = math.sqrt(sum((w - mean) ** 2 for w in weekly) / len(weekly))
    plan_week = plan.calendar.weekly_minutes
    left = max(0, sum(i.planned for i in plan.items) - done)
    early = _end_at(plan, (mean + spread) / plan_week, left, today)
    late = _end_at(plan, (mean - spread) / plan_week, left, today)
    if delta >= 0 and mean >= plan_week and early is not None and late is not None:
        early, late = min(early, plan.end), min(late, plan.end)
    return Forecast(
        pace_minutes_per_week=mean,
        source=_source(state, items),
        left_minutes=left,
        end_earliest=early,
        end_latest=late,
        spread_minutes_per_week=spread,
        plan_minutes_per_week=plan_week,
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


# -- this week ------------------------------------------------------------------------------------


class WeekItem(Record):
    item: PlanItem
    minutes: int  # planned for this week
    done: bool
    logged_minutes: int = 0  # logged on it this week, up to ``minutes``
    state: ItemStatus = "planned"  # the item's state, as every view shows it

    @property
    def left_minutes(self) -> int:
        return 0 if self.done else max(0, self.minutes - self.logged_minutes)


class WeekView(Record):
    today: date
    standing: Literal["before_start", "in_plan", "after_end"]
    week_number: int | None  # 1-based, None after the plan's end
    first_day: date  # of the week shown (the plan's start in its first week)
    last_day: date  # the Sunday
    items: tuple[WeekItem, ...]
    overdue: tuple[PlanItem, ...]  # due before this week and not done
    advice: Advice | None = None
    up_next: tuple[PlanItem, ...] = ()  # when the week is done: what to start next

    @property
    def planned_minutes(self) -> int:
        return sum(w.minutes for w in self.items)

    @property
    def left_minutes(self) -> int:
        """This week's planned minutes less what is done or logged on them this week."""
        return sum(w.left_minutes for w in self.items)

    @property
    def checklist(self) -> list[tuple[PlanItem, bool]]:
        """This week's items and the overdue ones, each with whether it is done: what `check` offers."""
        rows = [(w.item, w.done) for w in self.items]
        seen = {i.id for i, _ in rows}
        return [(i, False) for i in self.overdue if i.id not in seen] + rows


def this_week(progress: Progress, replan_end: date | None = None) -> WeekView:
    """The week holding today (or the plan's first week, before it starts), with overdue items."""
    plan, today = progress.plan, progress.today
    done = {i.item.id for i in progress.items if i.done}
    monday = monday_of(today)
    if not plan.weeks:
        return WeekView(
            today, "after_end", None, today, monday + timedelta(days=6), (), (), advice(progress, replan_end)
        )
    standing: Literal["before_start", "in_plan", "after_end"]
    week = plan.weeks[0] if today < plan.weeks[0].first_day else plan.week_of(today)
    if week is None:
        standing = "after_end"
    else:
        standing = "before_start" if today < plan.weeks[0].first_day else "in_plan"
    if week is None:
        return WeekView(
            today,
            standing,
            None,
            monday,
            monday + timedelta(days=6),
            (),
            _overdue(progress, today),
            advice(progress, replan_end),
        )
    minutes: dict[str, int] = {}
    for item_id, m in week.slices:
        minutes[item_id] = minutes.get(item_id, 0) + m
    logged = progress.logged_by_item(week.start, week.start + timedelta(days=6))
    rows = []
    for item_id, m in minutes.items():
        item = plan.item(item_id)
        entry = progress.of(item_id)
        if item is not None and entry is not None:
            rows.append(WeekItem(item, m, item_id in done, min(m, logged.get(item_id, 0)), entry.state))
    cutoff = min(today, week.start)
    overdue = _overdue(progress, cutoff)
    up_next: tuple[PlanItem, ...] = ()
    if not overdue and all(r.done for r in rows):
        up_next = tuple(e.item for e, reason in todo_order(progress, strict=True) if reason == "ahead")[:1]
    return WeekView(
        today,
        standing,
        plan.week_number(week.start),
        week.first_day,
        week.start + timedelta(days=6),
        tuple(rows),
        overdue,
        advice(progress, replan_end),
        up_next,
    )


def _overdue(progress: Progress, before: date) -> tuple[PlanItem, ...]:
    return tuple(i for i in progress.overdue if i.end is not None and i.end < before)


# -- what to do now -------------------------------------------------------------------------------

Reason = Literal["overdue", "in_progress", "this_week", "ahead"]


class Advice(Record):
    """One piece of advice on the pace, the same in ``today``, ``next`` and ``status``."""

    kind: Literal["behind", "ahead", "finished"]
    text: str
    command: str | None = None  # what to run about it
    replan_end: date | None = None  # where `roadmap replan` would put the end


def needs_replan(progress: Progress) -> bool:
    """Behind by more than a week's hours: the point at which re-planning is the advice."""
    return progress.standing == "behind" and -progress.delta_minutes > round(
        progress.plan.hours_per_week * 60
    )


def advice(progress: Progress, replan_end: date | None = None) -> Advice | None:
    """Behind by more than a week's hours: say so, with the replan that would fix the dates (its end
    worked out by the caller, who has the planner). Ahead: say what to do with the time."""
    if progress.standing == "finished":
        return Advice("finished", "Every item of your plan is done.")
    behind = -progress.delta_minutes
    if needs_replan(progress):
        where = f"; it would end on {replan_end.isoformat()}" if replan_end else ""
        return Advice(
            "behind",
            f"You are {hours_text(behind)} behind, more than a week of study. "
            f"`roadmap replan` re-flows what is left from today{where}.",
            command="roadmap replan",
            replan_end=replan_end,
        )
    if progress.standing == "ahead" and not progress.overdue:
        return Advice(
            "ahead",
            f"You are {hours_text(progress.delta_minutes)} ahead: the next items of your plan come forward.",
        )
    return None


def todo_order(
    progress: Progress, *, ahead: bool = True, strict: bool = False
) -> list[tuple[ItemProgress, Reason]]:
    """What to work on, in order: overdue work (in schedule order, which keeps every prerequisite
    first), then what is in progress, then this week's, then (``ahead``) the later items. An item
    whose prerequisites are neither done nor listed before it is left for later; with ``strict``, an
    item whose prerequisites are not all done is."""
    plan = progress.plan
    by_id = {i.item.id: i for i in progress.items}
    week = plan.week_of(progress.today) or (
        plan.weeks[0] if plan.weeks and progress.today < plan.start else None
    )
    this_week = {item_id for item_id, _ in week.slices} if week else set()
    ranked: list[tuple[int, ItemProgress, Reason]] = []
    for position, item in enumerate(plan.items):
        entry = by_id[item.id]
        if entry.done:
            continue
        if entry.state == "overdue":
            ranked.append((position, entry, "overdue"))
        elif entry.state == "in_progress":
            ranked.append((1 * len(plan.items) + position, entry, "in_progress"))
        elif item.id in this_week:
            ranked.append((2 * len(plan.items) + position, entry, "this_week"))
        elif ahead:
            ranked.append((3 * len(plan.items) + position, entry, "ahead"))
    listed: set[str] = set()
    ordered: list[tuple[ItemProgress, Reason]] = []
    for _, entry, reason in sorted(ranked, key=lambda r: r[0]):
        prerequisites = [d for d in entry.item.depends_on if d in by_id and not by_id[d].done]
        if not prerequisites or (not strict and all(d in listed for d in prerequisites)):
            ordered.append((entry, reason))
            listed.add(entry.item.id)
    return ordered


class TodayItem(Record):
    item: PlanItem
    minutes: int  # to spend today
    reason: Reason
    why: str  # the reason in words
    state: ItemStatus = "planned"  # the item's state, as every view shows it


class TodayView(Record):
    """What to study today. ``minutes`` is the day's study time (the calendar's, or ``today --hours``),
    ``logged_minutes`` what is logged today already; the items fill what is left of the day with the
    work the plan asks for by the end of today, overdue work first. When none is asked for, today's
    time is used up, and ``more`` says what comes next for a learner who wants to go on."""

    today: date
    minutes: int  # the study time today has
    items: tuple[TodayItem, ...]
    advice: Advice | None
    logged_minutes: int = 0
    off: str | None = None  # why today has no study time: a break or a holiday
    more: tuple[PlanItem, ...] = ()

    @property
    def planned_minutes(self) -> int:
        return sum(i.minutes for i in self.items)

    @property
    def left_minutes(self) -> int:
        """Today's study time less what is logged today."""
        return max(0, self.minutes - self.logged_minutes)

    @property
    def used_up(self) -> bool:
        return not self.items


def _why(entry: ItemProgress, reason: Reason) -> str:
    item = entry.item
    if reason == "overdue":
        return f"overdue: planned to end {item.end.isoformat() if item.end else ''}"
    if reason == "in_progress":
        return f"in progress: {hours_text(entry.logged_minutes)} of {hours_text(item.minutes)} logged"
    if reason == "this_week":
        return "planned for today"
    return f"ahead of plan: planned from {item.start.isoformat() if item.start else ''}"


def day_off(plan: SavedPlan, day: date) -> str | None:
    """Why ``day`` has no study time in the plan's calendar, or None."""
    calendar = plan.calendar
    taken = calendar.break_on(day)
    if taken is not None:
        note = f" ({taken.note})" if taken.note else ""
        return f"a break{note}, {taken.start.isoformat()} to {taken.end.isoformat()}"
    holiday = calendar.holiday_on(day)
    if holiday is not None and calendar.weekdays[day.weekday()]:
        return f"a public holiday: {holiday.name}"
    if not calendar.weekdays[day.weekday()]:
        return "not one of your study days"
    return None


def owed_today(progress: Progress) -> list[tuple[ItemProgress, int]]:
    """Each item not done, in schedule order, with the minutes the plan asks of it by the end of today
    that are not done yet: its planned minutes through today less its work done on this plan."""
    plan, today = progress.plan, progress.today
    through = plan.item_planned_through(today)
    by_id = {i.item.id: i for i in progress.items}
    owed = []
    for item in plan.items:
        entry = by_id[item.id]
        if entry.done:
            continue
        need = through.get(item.id, 0) - plan_credit(entry)
        if need > 0:
            owed.append((entry, need))
    return owed


def plan_today(progress: Progress, minutes: int | None = None, replan_end: date | None = None) -> TodayView:
    """What to do today: the work the plan asks for by the end of today and not done yet, in schedule
    order (so overdue work and prerequisites come first), within what is left of today's study time
    (``minutes``: the calendar's for today unless given). When it asks for nothing more, today's
    time is used up, and the next item is offered for a learner who wants more."""
    plan, today = progress.plan, progress.today
    available = plan.calendar.minutes_on(today) if minutes is None else minutes
    logged = progress.logged_on(today)
    left = max(0, available - logged) if minutes is None else available
    chosen: list[TodayItem] = []
    if today >= plan.start:
        for entry, need in owed_today(progress):
            if left <= 0:
                break
            take = min(need, left)
            reason: Reason
            if entry.item.end is not None and entry.item.end < today:
                reason = "overdue"
            elif entry.state == "in_progress":
                reason = "in_progress"
            else:
                reason = "this_week"
            chosen.append(TodayItem(entry.item, take, reason, _why(entry, reason), entry.state))
            left -= take
    if minutes is not None and left > 0:
        # The learner said how much time they have today: what the plan asks of today comes first,
        # then the next items, brought forward, fill the rest.
        listed = {c.item.id for c in chosen}
        for entry, _ in todo_order(progress, strict=True):
            if left <= 0:
                break
            if entry.item.id in listed:
                continue
            need = entry.left_minutes
            if entry.item.weekly:
                need = min(need, max(15, entry.item.weekly * 60 // 7))
            if need <= 0:
                continue
            take = min(need, left)
            chosen.append(TodayItem(entry.item, take, "ahead", _why(entry, "ahead"), entry.state))
            left -= take
    more: tuple[PlanItem, ...] = ()
    if not chosen:
        more = tuple(e.item for e, _ in todo_order(progress, strict=True))[:1]
    return TodayView(
        today,
        available,
        tuple(chosen),
        advice(progress, replan_end),
        logged,
        day_off(plan, today) if minutes is None and not available else None,
        more,
    )
