"""A complete, versioned backup of progress: every saved plan and every event, as one JSON document.

Importing merges: plans already here are recognised by when they were made and what they hold,
events by their uid, so importing the same backup twice changes nothing.

The backup is the store's own format, not a view of it: the code that writes and reads it lives
here, its shape beside it in :mod:`roadmap_cli.progress.backup_shape` (apart because declaring it
imports ``typing_extensions``) and its format version in :mod:`roadmap_cli.progress.models` (which
every ``--json`` command has loaded already).
``roadmap schema backup`` publishes the shape with the other documents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from roadmap_cli.errors import RoadmapError
from roadmap_cli.limits import DATE_RANGE, FIRST_DAY, LAST_END, end_in_range, in_range
from roadmap_cli.progress.models import BACKUP_KIND as BACKUP_KIND
from roadmap_cli.progress.models import BACKUP_VERSION as BACKUP_VERSION
from roadmap_cli.progress.models import EVENT_KINDS, MAX_ID, MAX_VALUE, Event, event_problem
from roadmap_cli.progress.saved import SavedPlan, SavedPlanError, parse, to_json
from roadmap_cli.safetext import is_text, safe

if TYPE_CHECKING:
    from roadmap_cli.progress.backup_shape import BackupDoc
    from roadmap_cli.progress.store import StoredPlan


#: Limits on what a backup may hold, far above what years of use make (a year of daily ticks and
#: notes is a few thousand events, well under a megabyte); past them it is refused whole. The size
#: leaves room for the most events a backup may hold (a million take about 160 MB).
MAX_BACKUP_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 32
MAX_PLANS = 10_000
MAX_EVENTS = 1_000_000
MAX_UID = 64
MAX_TIME = 64
#: How many problems a refusal lists.
MAX_LISTED = 10


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_UID = re.compile(r"[A-Za-z0-9_-]+")


def make_backup(stored: list[StoredPlan], events: list[Event]) -> tuple[BackupDoc, list[str]]:
    """The backup of what can be read, and a line for each plan or event that could not be (a damaged
    store still backs up everything else)."""
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


def backup_document(plans: Iterable[tuple[str, bool, dict[str, Any]]], events: Iterable[Event]) -> BackupDoc:
    """``roadmap progress export``: (when made, active, stored form) of each plan, and the events."""
    from roadmap_cli import __version__

    return {
        "kind": BACKUP_KIND,
        "version": BACKUP_VERSION,
        "roadmap": __version__,
        "plans": [{"created_at": made, "active": active, "snapshot": form} for made, active, form in plans],
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


def parse_backup(raw: bytes, source: str) -> object:
    """The JSON document in ``raw``: UTF-8, no NaN or Infinity, not nested past what Python parses."""
    if len(raw) > MAX_BACKUP_BYTES:
        raise _bad(source, f"it is larger than the {MAX_BACKUP_BYTES:,}-byte limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _bad(source, f"not UTF-8 text (byte {exc.start + 1:,})") from None

    def no_constant(name: str) -> object:
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        return json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise _bad(source, f"not JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise _bad(source, f"it is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError as exc:
        raise _bad(source, f"not JSON ({exc})") from None


def _too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest deeper than ``limit`` in ``value`` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _not_text(value: object, path: str) -> str | None:
    """The place of the first text (or key) in ``value`` that is not Unicode text: JSON's
    ``\\ud800`` escape makes a lone surrogate, which no file, database or terminal can hold."""
    stack: list[tuple[object, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            if not is_text(node):
                return where
        elif isinstance(node, dict):
            for key, child in node.items():
                if isinstance(key, str) and not is_text(key):
                    return where
                stack.append((child, f"{where}.{safe(str(key))}"))
        elif isinstance(node, list):
            stack.extend((child, f"{where}[{n}]") for n, child in enumerate(node))
    return None


class _Problems:
    """Problems found so far, each as ``json.path: what is wrong``; the first MAX_LISTED are kept."""

    def __init__(self) -> None:
        self.listed: list[str] = []
        self.count = 0

    def add(self, path: str, message: str) -> None:
        self.count += 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(f"{path}: {message}")

    @property
    def full(self) -> bool:
        """Enough to tell the person: stop looking (a million bad events need not all be named)."""
        return self.count >= 1000


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _text(problems: _Problems, path: str, value: object, limit: int) -> bool:
    if not isinstance(value, str):
        problems.add(path, f"expected text, found {_kind(value)}")
        return False
    if len(value) > limit:
        problems.add(path, f"longer than {limit:,} characters")
        return False
    return True


def _time(problems: _Problems, path: str, value: object, *, zoned: bool = False) -> None:
    if not _text(problems, path, value, MAX_TIME):
        return
    try:
        stamp = datetime.fromisoformat(str(value))
    except ValueError:
        problems.add(path, "not an ISO 8601 time")
        return
    if zoned and stamp.tzinfo is None:
        problems.add(path, "an ISO 8601 time without a time zone")


def _check_plan(problems: _Problems, path: str, plan: object) -> tuple[str, SavedPlan] | None:
    """A plan's envelope, then its saved plan as the saved-plan model reads it."""
    if not isinstance(plan, dict):
        problems.add(path, f"expected an object, found {_kind(plan)}")
        return None
    created_at = plan.get("created_at")
    _time(problems, f"{path}.created_at", created_at)
    if "active" in plan and not isinstance(plan["active"], bool):
        problems.add(f"{path}.active", f"expected true or false, found {_kind(plan['active'])}")
    packs = plan.get("packs", [])  # in backups made before the saved plan kept its packs itself
    if not isinstance(packs, list) or not all(isinstance(p, str) for p in packs):
        problems.add(f"{path}.packs", "expected a list of file names")
    snapshot = plan.get("snapshot")
    if not isinstance(snapshot, dict):
        problems.add(f"{path}.snapshot", f"expected an object, found {_kind(snapshot)}")
        return None
    if _too_deep(snapshot):
        problems.add(f"{path}.snapshot", f"nested more than {MAX_DEPTH} levels deep")
        return None
    surrogate = _not_text(snapshot, f"{path}.snapshot")
    if surrogate is not None:
        problems.add(surrogate, "holds a lone surrogate (\\ud800 to \\udfff), which is not text")
        return None
    try:
        saved = parse(snapshot, f"{path}.snapshot")
    except SavedPlanError as exc:
        first = exc.problem.split(" ", 1)[0]
        if first.endswith(":"):  # "request.hours: not a number ...": one path, joined
            problems.add(f"{exc.where}.{first[:-1]}", exc.problem.split(" ", 1)[1])
        else:
            problems.add(exc.where, exc.problem)
        return None
    for where, day in (("request.start", saved.request.start), ("start", saved.start)):
        if not in_range(day):
            problems.add(f"{path}.snapshot.{where}", f"out of range; roadmap takes dates {DATE_RANGE}")
            return None
    if not end_in_range(saved.end):  # a plan started late in 2999 ends in the next century
        problems.add(
            f"{path}.snapshot.end",
            f"out of range; a plan ends from {FIRST_DAY.isoformat()} to {LAST_END.isoformat()}",
        )
        return None
    return (str(created_at), saved) if isinstance(created_at, str) else None


_EVENT_KEYS = frozenset({"uid", "item_id", "kind", "value", "created_at"})


def _sound_event(event: object) -> Event | None:
    """The event, if it is sound; None if anything about it is off. A backup holds up to a million
    events, nearly always sound: each passes this one quick test, and only the others are looked at
    field by field (``_check_event``) to say what is wrong."""
    if isinstance(event, dict) and event.keys() <= _EVENT_KEYS:
        uid, item_id, created_at = event.get("uid"), event.get("item_id"), event.get("created_at")
        if (
            isinstance(uid, str)
            and len(uid) <= MAX_UID
            and _UID.fullmatch(uid)
            and isinstance(item_id, str)
            and len(item_id) <= MAX_ID
            and _SLUG.fullmatch(item_id)
            and isinstance(created_at, str)
            and len(created_at) <= MAX_TIME
        ):
            found = Event(uid, item_id, event.get("kind"), event.get("value"), created_at)  # type: ignore[arg-type]
            if event_problem(found) is None:
                return found
    return None


def _check_event(problems: _Problems, path: str, event: object) -> Event | None:
    """An event looked at field by field: the event, or None with each of its problems listed."""
    if not isinstance(event, dict):
        problems.add(path, f"expected an object, found {_kind(event)}")
        return None
    before = problems.count
    unknown = sorted(set(event) - {"uid", "item_id", "kind", "value", "created_at"})
    if unknown:
        problems.add(path, f"unknown field {unknown[0]!r}")
    uid = event.get("uid")
    if _text(problems, f"{path}.uid", uid, MAX_UID) and not _UID.fullmatch(str(uid)):
        problems.add(f"{path}.uid", "expected an id of letters, digits, - and _")
    item_id = event.get("item_id")
    if _text(problems, f"{path}.item_id", item_id, MAX_ID) and not _SLUG.fullmatch(str(item_id)):
        problems.add(f"{path}.item_id", "expected an id of lowercase letters, digits and single dashes")
    kind = event.get("kind")
    if kind not in EVENT_KINDS:
        problems.add(f"{path}.kind", f"expected one of {', '.join(EVENT_KINDS)}")
    value = event.get("value")
    if value is not None:
        _text(problems, f"{path}.value", value, MAX_VALUE)
    _time(problems, f"{path}.created_at", event.get("created_at"), zoned=True)
    if problems.count > before:
        return None
    found = Event(
        str(uid), str(item_id), EVENT_KINDS[EVENT_KINDS.index(kind)], value, str(event["created_at"])
    )
    problem = event_problem(found)  # the model's own word, should it ask more than the above
    if problem is not None:
        problems.add(path, problem)
        return None
    return found


def event_from(doc: object) -> tuple[Event | None, list[str]]:
    """One event checked as a backup's are (a line of a sync file): the event, or None and what is
    wrong with it."""
    event = _sound_event(doc)
    if event is not None:
        return event, []
    problems = _Problems()
    return _check_event(problems, "event", doc), problems.listed


def plan_from(doc: object) -> tuple[tuple[str, SavedPlan] | None, list[str]]:
    """One plan ({created_at, snapshot}) checked as a backup's are: (when made, the plan), or None
    and what is wrong with it."""
    problems = _Problems()
    return _check_plan(problems, "plan", doc), problems.listed


def read_backup(doc: object, source: str) -> tuple[list[tuple[str, SavedPlan]], list[Event]]:
    """Check a parsed backup whole and turn it into plans and events; nothing is written here.

    Every problem is found before anything is kept: a backup is imported whole or not at all, and
    the refusal names the first problems by their place in the file (``events[3].created_at``).
    """
    if not isinstance(doc, dict) or doc.get("kind") != BACKUP_KIND:
        raise _bad(source, f'it has no "kind": "{BACKUP_KIND}"')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad(source, 'its "version" is missing')
    if version > BACKUP_VERSION:
        raise RoadmapError(
            f"{source} is a backup of format {version}, made by a newer roadmap "
            f"({safe(str(doc.get('roadmap', 'unknown version')))[:40]}); "
            f"this one reads format {BACKUP_VERSION} and older",
            hint="upgrade roadmap-cli to import it",
        )
    raw_plans, raw_events = doc.get("plans"), doc.get("events")
    if not isinstance(raw_plans, list) or not isinstance(raw_events, list):
        raise _bad(source, 'it needs "plans" and "events" lists')
    problems = _Problems()
    if len(raw_plans) > MAX_PLANS:
        problems.add("plans", f"more than {MAX_PLANS:,} plans")
    if len(raw_events) > MAX_EVENTS:
        problems.add("events", f"more than {MAX_EVENTS:,} events")
    plans: list[tuple[str, SavedPlan]] = []
    events: list[Event] = []
    if not problems.count:
        for n, raw_plan in enumerate(raw_plans):
            plan = _check_plan(problems, f"plans[{n}]", raw_plan)
            if plan is not None:
                plans.append(plan)
            if problems.full:
                break
        for n, raw_event in enumerate(raw_events):
            event = _sound_event(raw_event)
            if event is None:
                if problems.full:
                    break
                event = _check_event(problems, f"events[{n}]", raw_event)
            if event is not None:
                events.append(event)
    if problems.count:
        more = problems.count - len(problems.listed)
        lines = [f"  {safe(line)}" for line in problems.listed]
        if more:
            lines.append(f"  ... and {more:,}{'+' if problems.full else ''} more")
        raise RoadmapError(
            f"{source} cannot be imported; nothing was imported:\n" + "\n".join(lines),
            hint="a backup made by `roadmap progress export` imports as it is; "
            "was this one edited or damaged?",
        )
    return plans, events
