"""JSON documents: stable keys, a ``version`` field, ISO dates, hours as numbers."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from roadmap_cli.planner import Plan
    from roadmap_cli.progress.models import PlannedItem
    from roadmap_cli.views.status import Status, WeekView

if TYPE_CHECKING:
    from roadmap_cli.views.salary import SalaryView

#: Bump when a key is removed or changes meaning; adding keys keeps the version.
PLAN_JSON_VERSION = 1
STATUS_JSON_VERSION = 1
NEXT_JSON_VERSION = 1


def hours(minutes: int) -> float | int:
    value = round(minutes / 60, 2)
    return int(value) if value == int(value) else value


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as documented in the README's "JSON output" section."""
    req = plan.request
    titles = {s.item["id"]: s.title for s in plan.items}
    by_id = {s.item["id"]: s.item for s in plan.items}
    return {
        "version": PLAN_JSON_VERSION,
        "request": plan.describe_request(),
        "summary": {
            "stack": plan.stack["name"],
            "framework": plan.framework["name"],
            "tools": plan.tools,
            "hours_per_week": req.hours_per_week,
            "start": req.start.isoformat(),
            "end": plan.end.isoformat(),
            "months": plan.months,
            "weeks": len(plan.weeks),
            "total_hours": hours(plan.total_minutes),
            "window": {"months": list(req.months), "end": plan.window_end.isoformat()},
            "fits_window": plan.fits,
            "ends_early": plan.ends_early,
            "warnings": plan.warnings,
            "left_out": [i["id"] for i in plan.left_out],
        },
        "weeks": [
            {
                "week": week.index + 1,
                "start": week.start.isoformat(),
                "capacity": hours(week.capacity),
                "hours": hours(week.used),
                "items": [
                    {
                        "id": item_id,
                        "title": titles[item_id],
                        "kind": by_id[item_id]["kind"],
                        "phase": by_id[item_id]["phase"],
                        "hours": hours(minutes),
                    }
                    for item_id, minutes in week.slices
                ],
            }
            for week in plan.weeks
        ],
        "items": [
            {
                "id": s.item["id"],
                "title": s.title,
                "kind": s.item["kind"],
                "phase": s.item["phase"],
                "priority": s.item["priority"],
                "track": s.item["track"],
                "hours": hours(s.minutes),
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "depends_on": s.item["depends_on"],
                "sources": s.item["sources"],
            }
            for s in plan.items
        ],
        "certifications": [
            {"id": c.id, "name": c.name, "issuer": c.issuer, "phase": c.phase, "start": c.start.isoformat()}
            for c in plan.certifications
        ],
    }


def _item(item: PlannedItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "phase": item.phase,
        "hours": hours(item.minutes),
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat() if item.end else None,
    }


def _percent(done: int, total: int) -> float:
    return round(100 * done / total, 1) if total else 0.0


def status_document(status: Status, stack: str, framework: str) -> dict[str, Any]:
    """`roadmap status --json`, as documented in the README."""
    current = status.current_phase.id if status.current_phase else None
    return {
        "version": STATUS_JSON_VERSION,
        "today": status.today.isoformat(),
        "plan": {
            "stack": stack,
            "framework": framework,
            "hours_per_week": status.hours_per_week,
            "start": status.start.isoformat(),
            "end": status.end.isoformat(),
            "days_left": status.days_left,
        },
        "standing": status.standing,
        "ahead_hours": hours(status.delta_minutes),
        "ahead_days": status.delta_days,
        "due_hours": hours(status.due_minutes),
        "done_scheduled_hours": hours(status.done_scheduled_minutes),
        "progress": {
            "done_items": status.done_items,
            "total_items": status.total_items,
            "done_hours": hours(status.done_minutes),
            "total_hours": hours(status.total_minutes),
            "percent": _percent(status.done_minutes, status.total_minutes),
        },
        "phases": [
            {
                "id": p.id,
                "title": p.title,
                "done_items": p.done_items,
                "total_items": p.total_items,
                "done_hours": hours(p.done_minutes),
                "total_hours": hours(p.total_minutes),
                "percent": _percent(p.done_minutes, p.total_minutes),
                "current": p.id == current,
            }
            for p in status.phases
        ],
        "current_phase": current,
        "overdue": [_item(i) for i in status.overdue],
        "next": [_item(i) for i in status.next_items],
        "streak_weeks": status.streak_weeks,
        "orphans": list(status.orphans),
        "unscheduled": [i.id for i in status.unscheduled],
    }


def next_document(view: WeekView) -> dict[str, Any]:
    """`roadmap next --json`, as documented in the README."""
    week = None
    if view.week_number is not None:
        week = {
            "number": view.week_number,
            "start": view.first_day.isoformat(),
            "end": view.last_day.isoformat(),
            "planned_hours": hours(view.planned_minutes),
            "hours_left": hours(view.left_minutes),
        }
    return {
        "version": NEXT_JSON_VERSION,
        "today": view.today.isoformat(),
        "standing": view.standing,
        "week": week,
        "items": [{**_item(w.item), "hours_this_week": hours(w.minutes), "done": w.done} for w in view.items],
        "overdue": [_item(i) for i in view.overdue],
    }


def emit(document: Any) -> None:
    from roadmap_cli.guard import can_show_marks
    from roadmap_cli.safetext import safe_json

    # Where stdout's encoding cannot hold every character, \u escapes keep the JSON exact.
    ascii_only = not can_show_marks(sys.stdout)
    sys.stdout.write(safe_json(json.dumps(document, indent=2, ensure_ascii=ascii_only)) + "\n")


#: The version of every career document (salary, levels, certs, skills, stacks).
CAREER_JSON_VERSION = 1


def salary_document(view: SalaryView) -> dict[str, Any]:
    """``roadmap salary --json``: the figures, one span per level/place/currency, the sources."""
    from roadmap_cli.views.salary import figure_text

    return {
        "version": CAREER_JSON_VERSION,
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


def levels_document(levels: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "version": CAREER_JSON_VERSION,
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
            }
            for lv in levels
        ],
    }


def certs_document(certs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": CAREER_JSON_VERSION, "certifications": certs}


def skills_document(skills: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("demand", "salary_impact", "months", "note")
    return {
        "version": CAREER_JSON_VERSION,
        "skills": [
            {"id": s["id"], "name": s["name"], **{k: s.get(k) for k in keys}, "sources": s["sources"]}
            for s in skills
        ],
    }


def stacks_document(stacks: list[dict[str, Any]]) -> dict[str, Any]:
    tools = ("orm", "test_tool", "job_queue", "package_manager")
    return {
        "version": CAREER_JSON_VERSION,
        "stacks": [
            {
                "id": s["id"],
                "name": s["name"],
                "aliases": s.get("aliases", []),
                "frameworks": [
                    {"id": f["id"], "name": f["name"], "why": f.get("why")} for f in s["frameworks"]
                ],
                **{k: s[k] for k in tools},
                "use_cases": s.get("use_cases"),
                "why": s.get("why"),
                "sources": s["sources"],
            }
            for s in stacks
        ],
    }
