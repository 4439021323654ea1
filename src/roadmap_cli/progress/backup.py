"""A complete, versioned backup of progress: every saved plan and every event, as one JSON document.

Importing merges: plans already here are recognised by when they were made and what they hold,
events by their uid, so importing the same backup twice changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap_cli.errors import RoadmapError
from roadmap_cli.progress.models import Event, event_problem
from roadmap_cli.progress.saved import SavedPlan, SavedPlanError, parse, to_json
from roadmap_cli.render.jsonout import VERSIONS

if TYPE_CHECKING:
    from roadmap_cli.progress.store import StoredPlan
    from roadmap_cli.render.shapes import BackupDoc

BACKUP_KIND = "roadmap-progress"


def make_backup(stored: list[StoredPlan], events: list[Event]) -> tuple[BackupDoc, list[str]]:
    """The backup of what can be read, and a line for each plan or event that could not be (a damaged
    store still backs up everything else)."""
    from roadmap_cli.render.jsonout import backup_document

    plans: list[tuple[str, bool, dict[str, Any]]] = []
    skipped: list[str] = []
    for row in stored:
        try:
            plans.append((row.created_at, row.active, to_json(row.plan())))
        except SavedPlanError as exc:
            skipped.append(exc.message)
    kept = []
    for e in events:
        problem = event_problem(e)
        if problem is None:
            kept.append(e)
        else:
            skipped.append(f"event {e.uid}: {problem}")
    return backup_document(plans, kept), skipped


def _bad(source: str, detail: str) -> RoadmapError:
    return RoadmapError(
        f"{source} is not a roadmap progress backup: {detail}",
        hint="make one with `roadmap progress export FILE`",
    )


def read_backup(doc: object, source: str) -> tuple[list[tuple[str, SavedPlan]], list[Event]]:
    """Check a parsed backup and turn it into plans and events; nothing is written here."""
    if not isinstance(doc, dict) or doc.get("kind") != BACKUP_KIND:
        raise _bad(source, f'it has no "kind": "{BACKUP_KIND}"')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad(source, 'its "version" is missing')
    if version > VERSIONS["backup"]:
        raise RoadmapError(
            f"{source} is a backup of format {version}, made by a newer roadmap "
            f"({doc.get('roadmap', 'unknown version')}); "
            f"this one reads format {VERSIONS['backup']} and older",
            hint="upgrade roadmap-cli to import it",
        )
    raw_plans, raw_events = doc.get("plans"), doc.get("events")
    if not isinstance(raw_plans, list) or not isinstance(raw_events, list):
        raise _bad(source, 'it needs "plans" and "events" lists')
    plans: list[tuple[str, SavedPlan]] = []
    for n, p in enumerate(raw_plans):
        if not isinstance(p, dict) or not isinstance(p.get("created_at"), str):
            raise _bad(source, f"plans[{n}] has no created_at")
        try:
            plans.append((p["created_at"], parse(p.get("snapshot"), f"plans[{n}].snapshot")))
        except SavedPlanError as exc:
            raise _bad(source, exc.message) from None
    events: list[Event] = []
    for n, e in enumerate(raw_events):
        try:
            fields = [e["uid"], e["item_id"], e["kind"], e["value"], e["created_at"]]
        except (KeyError, TypeError):
            raise _bad(source, f"event {n + 1} is incomplete") from None
        event = Event(*fields)
        problem = event_problem(event)
        if problem is not None:
            raise _bad(source, f"events[{n}]: {problem}")
        events.append(event)
    return plans, events
