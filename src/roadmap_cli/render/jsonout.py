"""Every JSON document roadmap prints, built here from typed results, and nowhere else.

Version policy, one for all documents: each carries ``version``; it goes up when a key is removed or
changes meaning, never when a key is added. ``VERSIONS`` holds them all. The shapes are declared in
:mod:`roadmap_cli.render.shapes`; ``roadmap schema NAME`` prints each one's JSON Schema.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from roadmap_cli.progress.models import BACKUP_VERSION
from roadmap_cli.render.units import ESTIMATE_NOTE, hours
from roadmap_cli.render.words import advice_text, calendar_text, off_text, why_text

#: The tools a framework may name in place of its stack's.
TOOL_KEYS = ("orm", "test_tool", "job_queue", "package_manager")

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import PackRecord
    from roadmap_cli.progress.models import CardState
    from roadmap_cli.progress.saved import PlanItem, SavedPlan
    from roadmap_cli.progress.travel import SyncReport, SyncStatus
    from roadmap_cli.render import shapes
    from roadmap_cli.views.detail import ItemDetail, Link, PlanRow
    from roadmap_cli.views.doctor import CheckResult
    from roadmap_cli.views.forecast import Calibration, Forecast
    from roadmap_cli.views.packs import PackList, Problem, ValidationReport
    from roadmap_cli.views.reviews import Card, ReviewLoad, ReviewSlot
    from roadmap_cli.views.salary import SalaryView
    from roadmap_cli.views.state import ItemProgress, Progress, Totals
    from roadmap_cli.views.today import Advice, TodayView
    from roadmap_cli.views.week import WeekView

VERSIONS = {
    "plan": 1,
    "replan": 1,
    "status": 1,
    "next": 1,
    "today": 1,
    "review": 1,
    "assess": 1,
    "show": 2,  # the same document as export
    "item": 1,
    "plans": 1,
    "export": 2,  # 2: the plan in the shape of `plan --json`, each item with its state
    "backup": BACKUP_VERSION,  # the store's own format: see roadmap_cli.progress.backup
    "salary": 1,
    "levels": 1,
    "certs": 1,
    "skills": 1,
    "stacks": 1,
    "market": 1,
    "packs": 1,
    "validation": 1,
    "doctor": 1,
    "where": 1,
    "sync": 1,
    "sync-status": 1,
}

#: How percent done is measured, said with every document that carries it.
MEASURE = (
    "share of the plan's hours done; skipped items count as done, and logged time on an unfinished "
    "item counts up to its estimate"
)


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of document ``name``, from its shape in :mod:`roadmap_cli.render.shapes`."""
    from pydantic import TypeAdapter

    from roadmap_cli.render.shapes import DOCUMENTS

    shape, command = DOCUMENTS[name]
    schema: dict[str, Any] = TypeAdapter(shape).json_schema()
    _closed(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"roadmap-cli/{name}-v{VERSIONS[name]}.schema.json",
        "description": f"What `{command}` prints (document version {VERSIONS[name]}).",
        **schema,
    }


def _closed(node: Any) -> None:
    """Every object in the schema lists all its keys: a key the shape does not declare is an error."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _closed(value)
    elif isinstance(node, list):
        for value in node:
            _closed(value)


def dumps(document: Any, *, ascii_only: bool = False) -> str:
    """The document as JSON text. C1 and bidirectional control characters are written as \\u escapes
    (the same data, but a terminal that shows the text cannot act on them)."""
    from roadmap_cli.safetext import safe_json

    return safe_json(json.dumps(document, indent=2, ensure_ascii=ascii_only)) + "\n"


def emit(document: Any) -> None:
    from roadmap_cli.guard import can_show_marks

    # Where stdout's encoding cannot hold every character, \u escapes keep the JSON exact.
    sys.stdout.write(dumps(document, ascii_only=not can_show_marks(sys.stdout)))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


# -- plans ---------------------------------------------------------------------------------------


def _plan_item(item: PlanItem) -> shapes.PlanItemDoc:
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "phase": item.phase,
        "priority": item.priority,
        "track": item.track,
        "hours": hours(item.minutes),
        "start": _day(item.start),
        "end": _day(item.end),
        "weekly_hours": item.weekly,
        "cert": item.cert,
        "depends_on": list(item.depends_on),
        "resources": _resources(item),
        "sources": list(item.sources),
    }


def _resources(item: PlanItem) -> list[shapes.ResourceDoc]:
    return [{"title": r["title"], "url": r["url"], "kind": r["kind"]} for r in item.resources]


def _tracked_item(state: ItemProgress) -> shapes.TrackedItemDoc:
    return {
        **_plan_item(state.item),
        "state": state.state,
        "notes": list(state.notes),
        "evidence": [state.evidence] if state.evidence else [],
        "ticked_at": state.ticked_at,
        "logged_hours": hours(state.logged_minutes),
        "done_in": state.done_in,
    }


def _request(plan: SavedPlan) -> shapes.RequestDoc:
    req = plan.request
    return {
        "lang": req.lang,
        "framework": req.framework,
        "hours": req.hours,
        "start": req.start.isoformat(),
        "months": list(req.months),
        "core_only": req.core_only,
        "packs": list(req.packs),
        "certs": list(req.certs) if req.certs is not None else [c.id for c in plan.certifications],
    }


def _summary(plan: SavedPlan) -> shapes.SummaryDoc:
    return {
        "stack": plan.stack,
        "framework": plan.framework,
        "tools": dict(plan.tools),
        "hours_per_week": plan.hours_per_week,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "months": plan.months,
        "weeks": len(plan.weeks),
        "total_hours": hours(plan.total_minutes),
        "hours_are": "estimates",
        "hours_note": ESTIMATE_NOTE,
        "window": {"months": list(plan.request.months), "end": plan.window_end.isoformat()},
        "fits_window": plan.fits_window,
        "ends_early": plan.ends_early,
        "warnings": list(plan.warnings),
        "left_out": list(plan.left_out),
        "calendar": _calendar(plan),
        "guides": [
            {"what": what, "how_long": long, "source": source, "as_of": as_of}
            for what, long, source, as_of in plan.guides
        ],
    }


def _calendar(plan: SavedPlan) -> shapes.CalendarDoc:
    calendar = plan.calendar
    given_as: Literal["hours", "days", "schedule"] = (
        "days" if calendar.given_as == "days" else "schedule" if calendar.given_as == "schedule" else "hours"
    )
    return {
        "described": calendar_text(calendar),
        "weekday_minutes": list(calendar.weekdays),
        "given_as": given_as,
        "breaks": [
            {"start": b.start.isoformat(), "end": b.end.isoformat(), "note": b.note or None}
            for b in calendar.breaks
        ],
        "holidays_region": calendar.region,
        "holidays": [
            {"date": h.day.isoformat(), "name": h.name}
            for h in calendar.holidays
            if plan.start <= h.day <= plan.end
        ],
        "deadline": calendar.deadline.isoformat() if calendar.deadline else None,
        "first_day": plan.first_day.isoformat(),
        "replans": [d.isoformat() for d in plan.replans],
    }


def _weeks(plan: SavedPlan) -> list[shapes.WeekDoc]:
    weeks: list[shapes.WeekDoc] = []
    for week in plan.weeks:
        items: list[shapes.WeekItemDoc] = []
        for item_id, minutes in week.slices:
            item = plan.item(item_id)
            if item is not None:
                items.append(
                    {
                        "id": item.id,
                        "title": item.title,
                        "kind": item.kind,
                        "phase": item.phase,
                        "hours": hours(minutes),
                    }
                )
        weeks.append(
            {
                "week": week.index + 1,
                "start": week.start.isoformat(),
                "capacity": hours(week.capacity),
                "hours": hours(week.used),
                "items": items,
            }
        )
    return weeks


def _certs(plan: SavedPlan) -> list[shapes.CertDoc]:
    return [
        {
            "id": c.id,
            "name": c.name,
            "issuer": c.issuer,
            "phase": c.phase,
            "start": c.start.isoformat(),
            "hours": hours(c.minutes),
            "items": list(c.items),
        }
        for c in plan.certifications
    ]


def plan_document(plan: SavedPlan) -> shapes.PlanDoc:
    """``roadmap plan --json``."""
    return {
        "version": VERSIONS["plan"],
        "request": _request(plan),
        "summary": _summary(plan),
        "weeks": _weeks(plan),
        "items": [_plan_item(i) for i in plan.items],
        "settled": [_plan_item(i) for i in plan.settled],
        "certifications": _certs(plan),
    }


def replan_document(new: SavedPlan, old: SavedPlan, first_day: date) -> shapes.ReplanDoc:
    """``roadmap replan --json``: the new plan in the shape of ``plan --json``, and what moved."""
    return {
        **plan_document(new),
        "version": VERSIONS["replan"],
        "replan": {
            "from": first_day.isoformat(),
            "old_end": old.end.isoformat(),
            "new_end": new.end.isoformat(),
            "days_moved": (new.end - old.end).days,
            "kept_done": len(new.settled),
        },
    }


# -- progress ------------------------------------------------------------------------------------


def _totals(totals: Totals) -> shapes.TotalsDoc:
    return {
        "done_items": totals.done_items,
        "total_items": totals.total_items,
        "done_hours": hours(totals.done_minutes),
        "total_hours": hours(totals.total_minutes),
        "logged_hours": hours(totals.logged_minutes),
        "percent": totals.percent,
    }


def _phases(progress: Progress) -> list[shapes.PhaseDoc]:
    current = progress.current_phase
    return [
        {
            "id": p.id,
            "title": p.title,
            **_totals(p.totals),
            "start": _day(p.start),
            "end": _day(p.end),
            "current": current is not None and p.id == current.id,
        }
        for p in progress.phases
    ]


def show_document(progress: Progress) -> shapes.ExportDoc:
    """``roadmap show --json``: the same document as the JSON export."""
    return {**export_document(progress), "version": VERSIONS["show"]}


def export_document(progress: Progress) -> shapes.ExportDoc:
    """``roadmap export --format json``: the plan as ``plan --json`` shows it, each item with its state
    (settled items too), and the progress. Never the stored internals."""
    plan = progress.plan
    states = {i.item.id: i for i in progress.items}
    return {
        "version": VERSIONS["export"],
        "request": _request(plan),
        "summary": _summary(plan),
        "weeks": _weeks(plan),
        "items": [_tracked_item(states[i.id]) for i in plan.items],
        "settled": [_tracked_item(states[i.id]) for i in plan.settled],
        "certifications": _certs(plan),
        "progress": {
            **_totals(progress.overall),
            "measure": MEASURE,
            "today": progress.today.isoformat(),
            "phases": _phases(progress),
        },
    }


def _brief(item: PlanItem) -> shapes.BriefItemDoc:
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "phase": item.phase,
        "hours": hours(item.minutes),
        "start": _day(item.start),
        "end": _day(item.end),
    }


def reviews_part(load: ReviewLoad | None) -> shapes.ReviewsDoc | None:
    """The reviews as of today, as ``today``, ``status`` and ``review`` give them."""
    if load is None:
        return None
    return {
        "share_percent": load.share,
        "cards": load.cards,
        "due": len(load.due),
        "planned": [_review_slot(s) for s in load.planned],
        "waiting": load.waiting,
        "done_today": load.done_today,
        "done_this_week": load.done_this_week,
        "remembered": None if load.remembered is None else round(load.remembered, 3),
        "next_due": load.next_due.isoformat() if load.next_due else None,
    }


def _review_slot(slot: ReviewSlot) -> shapes.ReviewDueDoc:
    card = slot.card
    return {
        "id": card.id,
        "title": card.title,
        "prompt": card.prompt,
        "minutes": slot.minutes,
        "due": card.due.isoformat(),
        "retrievability": round(slot.retrievability, 3),
        "reviews": card.reviews,
    }


def review_document(
    load: ReviewLoad,
    done: Sequence[tuple[Card, str, CardState]],
    undone: tuple[str, date, str] | None = None,
) -> shapes.ReviewDoc:
    """``roadmap review --json``."""
    reviews = reviews_part(load)
    assert reviews is not None
    return {
        "version": VERSIONS["review"],
        "date": load.today.isoformat(),
        "recorded": [
            {
                "id": card.id,
                "rating": rating,  # type: ignore[typeddict-item]
                "next_review": state.due.isoformat(),
                "stability": round(state.stability, 4),
                "difficulty": round(state.difficulty, 4),
            }
            for card, rating, state in done
        ],
        "undone": None
        if undone is None
        else {"id": undone[0], "on": undone[1].isoformat(), "rating": undone[2]},
        "due": [_review_slot(s) for s in load.due],
        "reviews": reviews,
    }


def assess_document(
    plan: SavedPlan,
    skills: Sequence[Mapping[str, Any]],
    ratings: Mapping[str, int],
    *,
    old: SavedPlan | None = None,
    given: Mapping[str, int] | None = None,
    undone: tuple[str, int] | None = None,
) -> shapes.AssessDoc:
    """``roadmap assess --json``."""
    ids = plan.ids()
    return {
        "version": VERSIONS["assess"],
        "recorded": [{"skill": s, "rating": r} for s, r in (given or {}).items()],
        "undone": None if undone is None else {"skill": undone[0], "rating": undone[1]},
        "skills": [
            {
                "id": str(s["id"]),
                "name": str(s["name"]),
                "rating": ratings.get(str(s["id"])),
                "items": [i for i in s["items"] if i in ids],
            }
            for s in skills
        ],
        "plan": None
        if old is None
        else {
            "old_end": old.end.isoformat(),
            "end": plan.end.isoformat(),
            "old_hours": hours(old.planned_minutes),
            "hours": hours(plan.planned_minutes),
            "saved_hours": hours(old.planned_minutes - plan.planned_minutes),
            "days_sooner": (old.end - plan.end).days,
        },
    }


def status_document(
    progress: Progress, advice: Advice | None = None, reviews: ReviewLoad | None = None
) -> shapes.StatusDoc:
    """``roadmap status --json``."""
    plan = progress.plan
    current = progress.current_phase
    return {
        "version": VERSIONS["status"],
        "today": progress.today.isoformat(),
        "hours_are": "estimates",
        "plan": {
            "stack": plan.stack,
            "framework": plan.framework,
            "hours_per_week": plan.hours_per_week,
            "start": plan.start.isoformat(),
            "end": plan.end.isoformat(),
            "days_left": progress.days_left,
        },
        "standing": progress.standing,
        "ahead_hours": hours(progress.delta_minutes),
        "ahead_minutes": progress.delta_minutes,
        "ahead_days": progress.delta_days,
        "planned_today_hours": hours(progress.planned_today),
        "due_hours": hours(progress.due_minutes),
        "done_scheduled_hours": hours(progress.done_scheduled_minutes),
        "progress": _totals(progress.overall),
        "phases": _phases(progress),
        "current_phase": current.id if current else None,
        "overdue": [_brief(i) for i in progress.overdue],
        "next": [_brief(i) for i in progress.next_items],
        "streak_weeks": progress.streak_weeks,
        "orphans": list(progress.orphans),
        "unscheduled": [i.id for i in progress.unscheduled],
        "forecast": _forecast(progress.forecast),
        "calibration": _calibration(progress.calibration),
        "certifications_passed": [
            {"id": c.id, "name": c.name, "on": c.on.isoformat()} for c in progress.passed
        ],
        "advice": _advice(advice),
        "reviews": reviews_part(reviews),
    }


def _forecast(forecast: Forecast | None) -> shapes.ForecastDoc | None:
    if forecast is None:
        return None
    return {
        "pace_hours_per_week": round(forecast.pace_minutes_per_week / 60, 2),
        "spread_hours_per_week": round(forecast.spread_minutes_per_week / 60, 2),
        "plan_hours_per_week": round(forecast.plan_minutes_per_week / 60, 2),
        "source": forecast.source,
        "hours_left": hours(forecast.left_minutes),
        "end_earliest": _day(forecast.end_earliest),
        "end_latest": _day(forecast.end_latest),
    }


def _calibration(calibration: Calibration | None) -> shapes.CalibrationDoc | None:
    if calibration is None:
        return None
    return {
        "items": calibration.items,
        "logged_hours": hours(calibration.logged_minutes),
        "estimated_hours": hours(calibration.estimated_minutes),
        "ratio": round(calibration.ratio, 2),
    }


def _advice(advice: Advice | None) -> shapes.AdviceDoc | None:
    if advice is None:
        return None
    return {
        "kind": advice.kind,
        "text": advice_text(advice),
        "command": advice.command,
        "replan_end": _day(advice.replan_end),
    }


def today_document(view: TodayView) -> shapes.TodayDoc:
    """``roadmap today --json``."""
    return {
        "version": VERSIONS["today"],
        "date": view.today.isoformat(),
        "hours": hours(view.minutes),
        "logged_hours": hours(view.logged_minutes),
        "left_hours": hours(view.left_minutes),
        "off": off_text(view.off) if view.off else None,
        "items": [
            {
                "id": i.item.id,
                "title": i.item.title,
                "minutes": i.minutes,
                "reason": i.reason,
                "why": why_text(i),
                "state": i.state,
            }
            for i in view.items
        ],
        "more": [i.id for i in view.more],
        "advice": _advice(view.advice),
        "reviews": reviews_part(view.reviews),
    }


def _link(link: Link) -> shapes.LinkDoc:
    return {"id": link.id, "title": link.title, "state": link.state}


def item_document(detail: ItemDetail) -> shapes.ShowItemDoc:
    """``roadmap show ID --json``."""
    entry, item = detail.entry, detail.entry.item
    return {
        "version": VERSIONS["item"],
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "phase": item.phase,
        "phase_title": detail.phase_title,
        "description": detail.description,
        "deliverables": list(detail.deliverables),
        "state": entry.state,
        "in_plan": detail.outside is None,
        "done_in": entry.done_in,
        "hours": hours(item.minutes),
        "logged_hours": hours(entry.logged_minutes),
        "start": _day(item.start),
        "end": _day(item.end),
        "depends_on": [_link(link) for link in detail.depends_on],
        "needed_by": [_link(link) for link in detail.needed_by],
        "notes": list(entry.notes),
        "evidence": [entry.evidence] if entry.evidence else [],
        "logs": [{"on": e.on.isoformat(), "hours": hours(e.minutes), "note": e.note} for e in detail.logs],
        "resources": _resources(item),
        "sources": [
            {"id": s.id, "title": s.title, "publisher": s.publisher, "as_of": s.as_of} for s in detail.sources
        ],
    }


def plans_document(rows: list[PlanRow]) -> shapes.PlansDoc:
    """``roadmap plans --json``."""
    return {
        "version": VERSIONS["plans"],
        "plans": [
            {
                "id": r.id,
                "created_at": r.created_at,
                "active": r.active,
                "stack": r.plan.title if r.plan else None,
                "hours_per_week": r.plan.hours_per_week if r.plan else None,
                "start": r.plan.start.isoformat() if r.plan else None,
                "end": r.plan.end.isoformat() if r.plan else None,
                "items": len(r.plan.all_items()) if r.plan else None,
                "problem": r.problem,
            }
            for r in rows
        ],
    }


def next_document(view: WeekView) -> shapes.NextDoc:
    """``roadmap next --json``."""
    week: shapes.NextWeekDoc | None = None
    if view.week_number is not None:
        week = {
            "number": view.week_number,
            "start": view.first_day.isoformat(),
            "end": view.last_day.isoformat(),
            "planned_hours": hours(view.planned_minutes),
            "hours_left": hours(view.left_minutes),
        }
    return {
        "version": VERSIONS["next"],
        "today": view.today.isoformat(),
        "hours_are": "estimates",
        "standing": view.standing,
        "week": week,
        "items": [
            {
                **_brief(w.item),
                "hours_this_week": hours(w.minutes),
                "done": w.done,
                "state": w.state,
                "logged_hours_this_week": hours(w.logged_minutes),
            }
            for w in view.items
        ],
        "overdue": [_brief(i) for i in view.overdue],
        "advice": _advice(view.advice),
    }


# -- career --------------------------------------------------------------------------------------


def salary_document(view: SalaryView) -> shapes.SalaryDoc:
    """``roadmap salary --json``: the figures, one span per level/place/currency, the sources."""
    from roadmap_cli.views.salary import figure_text

    return {
        "version": VERSIONS["salary"],
        "filter": {"level": view.level, "place": view.place},
        "figures": [
            {
                "id": r["id"],
                "level": r["level"],
                "place": r["place"],
                "currency": r["currency"],
                "basis": r["basis"],
                "stat": r["stat"],
                "value": r.get("value"),
                "low": r.get("low"),
                "high": r.get("high"),
                "open_ended": r.get("open_ended", False),
                "text": figure_text(r),
                "source": r["source"],
                "as_of": r["as_of"],
                "note": r.get("note"),
            }
            for r in view.rows
        ],
        "spans": [
            {
                "level": s.level,
                "place": s.place,
                "currency": s.currency,
                "basis": s.basis,
                "low": s.low,
                "high": s.high,
                "open_ended": s.open_ended,
                "text": s.text,
                "figures": len(s.rows),
                "sources": s.sources,
            }
            for s in view.spans
        ],
        "sources": [
            {"id": sid, "title": s["title"], "publisher": s["publisher"], "as_of": s["as_of"]}
            for sid, s in view.sources.items()
        ],
    }


def levels_document(levels: list[dict[str, Any]]) -> shapes.LevelsDoc:
    return {
        "version": VERSIONS["levels"],
        "levels": [
            {
                "id": lv["id"],
                "order": lv["order"],
                "title": lv["title"],
                "years": lv["years"],
                "aliases": lv.get("aliases", []),
                "summary": lv["summary"],
                "expects": lv.get("expects", []),
                "promoted_by": lv.get("promoted_by", []),
                "note": lv.get("note"),
                "sources": lv["sources"],
                "as_of": lv.get("as_of"),
            }
            for lv in levels
        ],
    }


def certs_document(certs: list[dict[str, Any]]) -> shapes.CertsDoc:
    keys = (
        "id",
        "name",
        "issuer",
        "phase",
        "phase_title",
        "phase_order",
        "months",
        "when",
        "default",
        "study_hours",
        "study_items",
        "stacks",
        "your_stack",
        "your_plan",
        "why",
        "recommended_by",
        "sources",
        "as_of",
    )
    return {
        "version": VERSIONS["certs"],
        "certifications": [
            {k: _your_plan(c[k]) if k == "your_plan" else c[k] for k in keys}  # type: ignore[misc]
            for c in certs
        ],
    }


def _your_plan(found: dict[str, Any] | None) -> shapes.YourPlanDoc | None:
    if found is None:
        return None
    return {
        "in_plan": found["in_plan"],
        "start": _day(found["start"]),
        "end": _day(found["end"]),
        "phase_start": _day(found["phase_start"]),
        "phase_end": _day(found["phase_end"]),
    }


def skills_document(skills: list[dict[str, Any]]) -> shapes.SkillsDoc:
    return {
        "version": VERSIONS["skills"],
        "skills": [
            {
                "id": s["id"],
                "name": s["name"],
                "demand": s.get("demand"),
                "salary_impact": s.get("salary_impact"),
                "months": s.get("months"),
                "note": s.get("note"),
                "items": s.get("items", []),
                "your_plan": _your_plan(s.get("your_plan")),
                "sources": s["sources"],
                "as_of": s.get("as_of"),
            }
            for s in skills
        ],
    }


def stacks_document(stacks: list[dict[str, Any]]) -> shapes.StacksDoc:
    return {
        "version": VERSIONS["stacks"],
        "stacks": [
            {
                "id": s["id"],
                "name": s["name"],
                "aliases": s.get("aliases", []),
                "frameworks": [
                    {
                        "id": f["id"],
                        "name": f["name"],
                        "why": f.get("why"),
                        "tools": {k: f[k] for k in TOOL_KEYS if k in f} or None,
                    }
                    for f in s["frameworks"]
                ],
                "orm": s["orm"],
                "test_tool": s["test_tool"],
                "job_queue": s["job_queue"],
                "package_manager": s["package_manager"],
                "migrations": s.get("migrations"),
                "note": s.get("note"),
                "use_cases": s.get("use_cases"),
                "why": s.get("why"),
                "sources": s["sources"],
                "as_of": s.get("as_of"),
            }
            for s in stacks
        ],
    }


def market_document(figures: list[dict[str, Any]], topic: str | None) -> shapes.MarketDoc:
    """``roadmap market --json``: each figure with its source id, whom it cites, and its date."""
    return {
        "version": VERSIONS["market"],
        "filter": {"topic": topic},
        "figures": [
            {
                "id": f["id"],
                "topic": f["topic"],
                "title": f["title"],
                "value": f["value"],
                "note": f["note"],
                "source": f["source"],
                "source_title": f["source_title"],
                "cited": f["cited"],
                "as_of": f["as_of"],
            }
            for f in figures
        ],
    }


# -- setup ---------------------------------------------------------------------------------------


def _pack(record: PackRecord) -> shapes.PackDoc:
    return {
        "id": record["id"],
        "title": record["title"],
        "version": record["version"],
        "description": record["description"],
        "builtin": record["builtin"],
        "files": record["files"],
        "counts": record["counts"],
        "replaces": record["replaces"],
    }


def packs_document(view: PackList) -> shapes.PacksDoc:
    """``roadmap packs list --json``: the packs in use, built-in first."""
    return {
        "version": VERSIONS["packs"],
        "user_packs_dir": view.folder,
        "packs": [_pack(p) for p in view.packs],
    }


def _problem(problem: Problem) -> shapes.ProblemDoc:
    return {"file": problem.file, "line": problem.line, "column": problem.column, "message": problem.message}


def validation_document(report: ValidationReport) -> shapes.ValidationDoc:
    """``roadmap packs validate --json``."""
    return {
        "version": VERSIONS["validation"],
        "valid": report.valid,
        "files": [
            {
                "path": f.path,
                "valid": f.valid,
                "pack": _pack(f.pack) if f.pack else None,
                "problems": [_problem(p) for p in f.problems],
                "unlisted": f.unlisted,
            }
            for f in report.files
        ],
        "problems": [_problem(p) for p in report.other],
    }


def doctor_document(results: list[CheckResult], healthy: bool) -> shapes.DoctorDoc:
    return {
        "version": VERSIONS["doctor"],
        "healthy": healthy,
        "checks": [{"name": r.name, "status": r.status, "detail": r.detail} for r in results],
    }


def where_document(home: str | None, found: dict[str, tuple[str, bool]]) -> shapes.WhereDoc:
    """``roadmap where --json``: ``found`` maps database, config, packs, cache and sync to (path, exists)."""
    return {
        "version": VERSIONS["where"],
        "home": home,
        "database": found["database"][0],
        "config": found["config"][0],
        "packs": found["packs"][0],
        "cache": found["cache"][0],
        "sync": found["sync"][0],
        "exists": {
            "database": found["database"][1],
            "config": found["config"][1],
            "packs": found["packs"][1],
            "cache": found["cache"][1],
            "sync": found["sync"][1],
        },
    }


def sync_document(report: SyncReport) -> shapes.SyncDoc:
    """``roadmap sync --json`` and ``roadmap sync init --json``."""
    return {
        "version": VERSIONS["sync"],
        "remote": report.remote,
        "device": report.device,
        "created": report.created,
        "came_in": {"events": report.events_in, "plans": report.plans_in, "devices": report.devices_in},
        "went_out": {"events": report.events_out, "plans": report.plans_out, "devices": 0},
        "skipped": list(report.skipped),
        "renamed_from": report.renamed_from,
    }


def sync_status_document(found: SyncStatus) -> shapes.SyncStatusDoc:
    """``roadmap sync status --json``."""
    return {
        "version": VERSIONS["sync-status"],
        "set_up": found.set_up,
        "remote": found.remote,
        "folder": found.folder,
        "device": found.device,
        "last_sync": found.last_sync,
        "devices": [
            {"device": d.device, "events": d.events, "last_event": d.last_event, "this": d.this}
            for d in found.devices
        ],
    }
