"""The plan as the store keeps it: a JSON snapshot that status and next read without re-planning."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from roadmap_cli.progress.models import SNAPSHOT_FORMAT

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.planner import Plan


def settled_entry(
    item_id: str, title: str, kind: str, phase: str, priority: str, minutes: int
) -> dict[str, Any]:
    """An item left out of the schedule because it was already done or skipped."""
    return {
        "id": item_id,
        "title": title,
        "kind": kind,
        "phase": phase,
        "priority": priority,
        "minutes": minutes,
        "hours": round(minutes / 60, 2),
        "start": None,
        "end": None,
    }


def settled_from_catalog(plan: Plan, catalog: Catalog, done: Iterable[str]) -> list[dict[str, Any]]:
    """The done or skipped items of the plan's stack, in catalog order."""
    from roadmap_cli.catalog.catalog import applies_to, item_hours, item_title

    done = set(done)
    stack_id = str(plan.stack["id"])
    return [
        settled_entry(
            item["id"],
            item_title(item, stack_id, plan.tools),
            item["kind"],
            item["phase"],
            item["priority"],
            item_hours(item, stack_id) * 60,
        )
        for item in catalog.items
        if item["id"] in done and applies_to(item, stack_id)
    ]


def make_snapshot(
    plan: Plan, catalog: Catalog, settled: list[dict[str, Any]], packs: Iterable[str] = ()
) -> dict[str, Any]:
    from roadmap_cli.catalog.catalog import item_resources

    req = plan.request
    stack_id = str(plan.stack["id"])
    return {
        "format": SNAPSHOT_FORMAT,
        "request": {**plan.describe_request(), "packs": [str(p) for p in packs]},
        "stack": plan.stack["name"],
        "framework": plan.framework["name"],
        "start": req.start.isoformat(),
        "end": plan.end.isoformat(),
        "window_end": plan.window_end.isoformat(),
        "warnings": list(plan.warnings),
        "phases": [{"id": p["id"], "title": p["title"]} for p in catalog.phases],
        "items": [
            {
                "id": s.item["id"],
                "title": s.title,
                "kind": s.item["kind"],
                "phase": s.item["phase"],
                "priority": s.item["priority"],
                "minutes": s.minutes,
                "hours": round(s.minutes / 60, 2),
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "resources": item_resources(s.item, stack_id),
            }
            for s in plan.items
        ],
        "settled": settled,
        "weeks": [
            {
                "start": w.start.isoformat(),
                "first_day": (req.start if w.index == 0 else w.start).isoformat(),
                "capacity_minutes": w.capacity,
                "hours": round(w.used / 60, 2),
                "slices": [[item_id, minutes] for item_id, minutes in w.slices],
            }
            for w in plan.weeks
        ],
    }
