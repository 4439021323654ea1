"""What to do now: the advice on the pace, the order of the work, and today's list. Pure: ``today``
comes with the progress. Nothing here is worded: the renderers say it (:mod:`roadmap_cli.render.words`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from roadmap_cli.progress.saved import PlanItem, SavedPlan
from roadmap_cli.record import Record
from roadmap_cli.views.reviews import ReviewLoad
from roadmap_cli.views.state import ItemProgress, ItemStatus, Progress, plan_credit

Reason = Literal["overdue", "in_progress", "this_week", "ahead"]


class Advice(Record):
    """One piece of advice on the pace, the same in ``today``, ``next`` and ``status``; the renderers
    word it (:func:`roadmap_cli.render.words.advice_text`)."""

    kind: Literal["behind", "ahead", "finished"]
    minutes: int = 0  # how far behind or ahead
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
        return Advice("finished")
    if needs_replan(progress):
        return Advice("behind", -progress.delta_minutes, command="roadmap replan", replan_end=replan_end)
    if progress.standing == "ahead" and not progress.overdue:
        return Advice("ahead", progress.delta_minutes)
    return None


def todo_order(progress: Progress) -> list[tuple[ItemProgress, Reason]]:
    """What can be worked on now, in schedule order (overdue work comes first by its dates): every
    item not done whose prerequisites are all done, with why it is there: overdue, in progress,
    in this week's plan, or ahead of plan."""
    plan = progress.plan
    by_id = {i.item.id: i for i in progress.items}
    week = plan.week_of(progress.today)
    this_week = {item_id for item_id, _ in week.slices} if week else set()
    ordered: list[tuple[ItemProgress, Reason]] = []
    for item in plan.items:
        entry = by_id[item.id]
        if entry.done or any(d in by_id and not by_id[d].done for d in item.depends_on):
            continue
        reason: Reason
        if entry.state == "overdue":
            reason = "overdue"
        elif entry.state == "in_progress":
            reason = "in_progress"
        elif item.id in this_week:
            reason = "this_week"
        else:
            reason = "ahead"
        ordered.append((entry, reason))
    return ordered


class TodayItem(Record):
    item: PlanItem
    minutes: int  # to spend today
    reason: Reason
    state: ItemStatus = "planned"  # the item's state, as every view shows it
    logged_minutes: int = 0  # logged on it so far


class DayOff(Record):
    """Why a day has no study time: a break, a public holiday, or not one of the study days."""

    kind: Literal["break", "holiday", "rest"]
    name: str = ""  # the break's note or the holiday's name
    start: date | None = None  # the break's days
    end: date | None = None


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
    off: DayOff | None = None  # why today has no study time
    more: tuple[PlanItem, ...] = ()
    reviews: ReviewLoad | None = None  # the reviews due, within the day's share kept for them

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


def day_off(plan: SavedPlan, day: date) -> DayOff | None:
    """Why ``day`` has no study time in the plan's calendar, or None."""
    calendar = plan.calendar
    taken = calendar.break_on(day)
    if taken is not None:
        return DayOff("break", taken.note, taken.start, taken.end)
    holiday = calendar.holiday_on(day)
    if holiday is not None and calendar.weekdays[day.weekday()]:
        return DayOff("holiday", holiday.name)
    if not calendar.weekdays[day.weekday()]:
        return DayOff("rest")
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


def plan_today(
    progress: Progress,
    minutes: int | None = None,
    replan_end: date | None = None,
    reviews: ReviewLoad | None = None,
) -> TodayView:
    """What to do today: the work the plan asks for by the end of today and not done yet, in schedule
    order (so overdue work and prerequisites come first), within what is left of today's study time
    (``minutes``: the calendar's for today unless given). When it asks for nothing more, today's
    time is used up, and the next item is offered for a learner who wants more. The share of the
    day kept for review (``plan --review``) is left to the reviews."""
    plan, today = progress.plan, progress.today
    available = plan.calendar.minutes_on(today) if minutes is None else minutes
    logged = progress.logged_on(today)
    left = max(0, plan.calendar.work_minutes_on(today) - logged) if minutes is None else available
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
            chosen.append(TodayItem(entry.item, take, reason, entry.state, entry.logged_minutes))
            left -= take
    if minutes is not None and left > 0:
        # The learner said how much time they have today: what the plan asks of today comes first,
        # then more of the same items and the next ones, brought forward, fill the rest. Weekly
        # practice is not brought forward by more than a day's share of its week.
        listed = {c.item.id: n for n, c in enumerate(chosen)}
        for entry, _ in todo_order(progress):
            if left <= 0:
                break
            given = chosen[listed[entry.item.id]].minutes if entry.item.id in listed else 0
            need = entry.left_minutes - given
            if entry.item.weekly:
                need = min(need, max(15, entry.item.weekly * 60 // 7) - given)
            if need <= 0:
                continue
            take = min(need, left)
            if entry.item.id in listed:
                first = chosen[listed[entry.item.id]]
                chosen[listed[entry.item.id]] = TodayItem(
                    first.item, first.minutes + take, first.reason, first.state, first.logged_minutes
                )
            else:
                chosen.append(TodayItem(entry.item, take, "ahead", entry.state, entry.logged_minutes))
            left -= take
    more: tuple[PlanItem, ...] = ()
    if not chosen:
        more = tuple(e.item for e, _ in todo_order(progress))[:1]
    return TodayView(
        today,
        available,
        tuple(chosen),
        advice(progress, replan_end),
        logged,
        day_off(plan, today) if minutes is None and not available else None,
        more,
        reviews,
    )
