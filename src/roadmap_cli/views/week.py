"""This week: what the plan puts in the week holding today, what is left of it, and what is overdue.
Pure: ``today`` comes with the progress."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from roadmap_cli.dates import monday_of
from roadmap_cli.progress.saved import PlanItem
from roadmap_cli.record import Record
from roadmap_cli.views.state import ItemStatus, Progress
from roadmap_cli.views.today import Advice, advice, todo_order


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
        up_next = tuple(e.item for e, reason in todo_order(progress) if reason == "ahead")[:1]
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
