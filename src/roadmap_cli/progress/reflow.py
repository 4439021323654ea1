"""Re-flow a saved plan: the request that re-plans it from a day (:func:`replan_request`), and a
re-flow from a day on with a new calendar that keeps everything before that day (:func:`reflow`).

A break (``roadmap break``) changes the study time of some days: the plan's days before the break
stay as they are, and the work that was planned from the break's first day on is placed again on
the study days from there, in the same order and with the same weekly practice rules as the
planner's. Nothing else changes: the items, the choices, the journey and the done work, so the
standing moves only by the planned work the break takes off past days (a break taken after the
fact, for days already gone, takes their work off what is due).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from roadmap_cli.dates import months_between
from roadmap_cli.planner import PlanRequest, pack_days, week_minutes
from roadmap_cli.progress.saved import PlanCert, PlanDay, PlanItem, SavedPlan, weeks_of_days
from roadmap_cli.studytime import StudyCalendar


def replan_request(
    saved: SavedPlan,
    done: Iterable[str],
    start: date,
    hours_per_week: float | None = None,
    *,
    calendar: StudyCalendar | None = None,
    credited: Mapping[str, int] | None = None,
) -> PlanRequest:
    """The request that re-flows a saved plan from ``start``: the same stack, framework, window,
    calendar and items (those scheduled, and any settled item since unticked), less what is done or
    skipped now, and less the time logged on each item (``credited``). New content comes in only
    through a new ``roadmap plan``."""
    req = saved.request
    kept = calendar if calendar is not None else saved.calendar
    if hours_per_week is not None and calendar is None:
        kept = kept.scaled(week_minutes(hours_per_week))
    return PlanRequest(
        stack=req.lang,
        hours_per_week=kept.weekly_minutes / 60,
        start=start,
        framework=req.framework,
        months=req.months,
        core_only=req.core_only,
        done=frozenset(done),
        only=frozenset(saved.ids()),
        certs=None if req.certs is None else frozenset(req.certs),
        calendar=kept,
        credited=dict(credited or {}),
    )


def reflow(plan: SavedPlan, from_day: date, calendar: StudyCalendar) -> SavedPlan:
    """``plan`` with its work from ``from_day`` on placed again by ``calendar``."""
    first = max(from_day, plan.start)
    kept_days = [d for d in plan.days if d.day < first]
    placed: dict[str, int] = {}
    for plan_day in kept_days:
        for item_id, minutes in plan_day.slices:
            placed[item_id] = placed.get(item_id, 0) + minutes
    work = [
        (i.id, i.planned - placed.get(i.id, 0), i.weekly * 60 if i.weekly else None)
        for i in plan.items
        if i.planned - placed.get(i.id, 0) > 0
    ]
    spans, new_days = pack_days(work, first, calendar)
    items: list[PlanItem] = []
    for item in plan.items:
        if item.id not in spans:
            items.append(item)
            continue
        begins, ends = spans[item.id]
        start = item.start if placed.get(item.id) and item.start is not None else begins
        items.append(
            PlanItem(
                item.id,
                item.title,
                item.kind,
                item.phase,
                item.priority,
                item.minutes,
                start,
                ends,
                item.track,
                item.depends_on,
                item.sources,
                item.weekly,
                item.cert,
                item.resources,
                item.stack_specific,
                item.credited,
                item.prompts,
                item.skills,
            )
        )
    days = (*kept_days, *(PlanDay(d.day, d.capacity, tuple(d.slices)) for d in new_days))
    starts = {i.id: i.start for i in items}
    certifications = tuple(
        PlanCert(
            c.id,
            c.name,
            c.issuer,
            c.phase,
            min((s for i in c.items if (s := starts.get(i))), default=c.start),
            c.minutes,
            c.items,
        )
        for c in plan.certifications
    )
    end = max((i.end for i in items if i.end is not None), default=plan.start)
    return SavedPlan(
        request=plan.request,
        stack=plan.stack,
        framework=plan.framework,
        tools=plan.tools,
        start=plan.start,
        end=end,
        window_end=plan.window_end,
        months=months_between(plan.start, end),
        fits_window=end <= plan.window_end,
        ends_early=plan.ends_early and end <= plan.end,
        warnings=plan.warnings,
        left_out=plan.left_out,
        phases=plan.phases,
        items=tuple(items),
        settled=plan.settled,
        weeks=weeks_of_days(days, plan.start, calendar),
        certifications=certifications,
        days=days,
        study_calendar=calendar,
        journey_start=plan.journey_start,
        replans=plan.replans,
        guides=plan.guides,
    )
