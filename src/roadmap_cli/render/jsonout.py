"""JSON documents: stable keys, a ``version`` field, ISO dates, hours as numbers."""

from __future__ import annotations

import json
import sys
from typing import Any

from roadmap_cli.planner import Plan

#: Bump when a key is removed or changes meaning; adding keys keeps the version.
PLAN_JSON_VERSION = 1


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
        "request": {
            "lang": plan.stack["id"],
            "framework": plan.framework["id"],
            "hours": req.hours_per_week,
            "start": req.start.isoformat(),
            "months": list(req.months),
            "core_only": req.core_only,
        },
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


def emit(document: Any) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
