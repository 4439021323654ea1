"""A complete, versioned backup of progress: every saved plan and every event, as one JSON document.

Importing merges: plans already here are recognised by when they were made and what they hold,
events by their uid, so importing the same backup twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from roadmap_cli import __version__
from roadmap_cli.errors import RoadmapError
from roadmap_cli.progress.models import EVENT_KINDS, Event, SavedPlan

BACKUP_KIND = "roadmap-progress"
BACKUP_VERSION = 1


def make_backup(plans: list[SavedPlan], events: list[Event]) -> dict[str, Any]:
    return {
        "kind": BACKUP_KIND,
        "version": BACKUP_VERSION,
        "roadmap": __version__,
        "plans": [
            {
                "created_at": p.created_at,
                "active": p.active,
                "packs": list(p.packs),
                "snapshot": p.snapshot_json,
            }
            for p in plans
        ],
        "events": [
            {"uid": e.uid, "item_id": e.item_id, "kind": e.kind, "value": e.value, "created_at": e.created_at}
            for e in events
        ],
    }


def _bad(source: str, detail: str) -> RoadmapError:
    return RoadmapError(
        f"{source} is not a roadmap progress backup: {detail}",
        hint="make one with `roadmap progress export FILE`",
    )


def read_backup(doc: object, source: str) -> tuple[list[SavedPlan], list[Event]]:
    """Check a parsed backup and turn it into plans and events; nothing is written here."""
    if not isinstance(doc, dict) or doc.get("kind") != BACKUP_KIND:
        raise _bad(source, f'it has no "kind": "{BACKUP_KIND}"')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad(source, 'its "version" is missing')
    if version > BACKUP_VERSION:
        raise RoadmapError(
            f"{source} is a backup of format {version}, made by a newer roadmap "
            f"({doc.get('roadmap', 'unknown version')}); this one reads format {BACKUP_VERSION} and older",
            hint="upgrade roadmap-cli to import it",
        )
    raw_plans, raw_events = doc.get("plans"), doc.get("events")
    if not isinstance(raw_plans, list) or not isinstance(raw_events, list):
        raise _bad(source, 'it needs "plans" and "events" lists')
    plans: list[SavedPlan] = []
    for n, p in enumerate(raw_plans):
        try:
            snapshot = p["snapshot"]
            request = snapshot["request"]
            if not isinstance(p["created_at"], str) or not isinstance(request["lang"], str):
                raise TypeError
            for key in ("start", "end", "items", "weeks", "phases", "settled"):
                snapshot[key]
            plans.append(
                SavedPlan(0, p["created_at"], bool(p.get("active")), list(p.get("packs", [])), snapshot)
            )
        except (KeyError, TypeError, IndexError):
            raise _bad(source, f"plan {n + 1} is incomplete") from None
    events: list[Event] = []
    for n, e in enumerate(raw_events):
        try:
            fields = [e["uid"], e["item_id"], e["kind"], e["value"], e["created_at"]]
        except (KeyError, TypeError):
            raise _bad(source, f"event {n + 1} is incomplete") from None
        uid, item_id, kind, value, created_at = fields
        if kind not in EVENT_KINDS or not all(isinstance(v, str) for v in (uid, item_id, created_at)):
            raise _bad(source, f"event {n + 1} is not one roadmap writes ({kind!r})")
        if value is not None and not isinstance(value, str):
            raise _bad(source, f"event {n + 1} has a value that is not text")
        events.append(Event(uid, item_id, kind, value, created_at))
    return plans, events
