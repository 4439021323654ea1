"""A complete, versioned backup of progress: every saved plan and every event, as one JSON document.

Importing merges: plans already here are recognised by when they were made and what they hold,
events by their uid, so importing the same backup twice changes nothing.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from roadmap_cli import __version__
from roadmap_cli.errors import RoadmapError
from roadmap_cli.limits import DATE_RANGE, MAX_TEXT, in_range
from roadmap_cli.progress.models import EVENT_KINDS, Event, SavedPlan
from roadmap_cli.safetext import safe

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


#: Limits on what a backup may hold, far above what years of use make (a year of daily ticks and
#: notes is a few thousand events, well under a megabyte); past them it is refused whole.
MAX_BACKUP_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_PLANS = 10_000
MAX_EVENTS = 1_000_000
MAX_PACKS = 200
MAX_ID = 64
MAX_VALUE = MAX_TEXT
MAX_TIME = 64
#: How many problems a refusal lists.
MAX_LISTED = 10

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_UID = re.compile(r"[A-Za-z0-9_-]+")
_SNAPSHOT_KEYS = ("request", "start", "end", "items", "weeks", "phases", "settled")


def _bad(source: str, detail: str) -> RoadmapError:
    return RoadmapError(
        f"{source} is not a roadmap progress backup: {detail}",
        hint="make one with `roadmap progress export FILE`",
    )


def parse_backup(raw: bytes, source: str) -> object:
    """The JSON document in ``raw``: UTF-8, no NaN or Infinity, nested at most MAX_DEPTH deep."""
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


def _is_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _text(problems: _Problems, path: str, value: object, limit: int) -> bool:
    if not isinstance(value, str):
        problems.add(path, f"expected text, found {_kind(value)}")
        return False
    if len(value) > limit:
        problems.add(path, f"longer than {limit:,} characters")
        return False
    return True


def _time(problems: _Problems, path: str, value: object) -> None:
    if _text(problems, path, value, MAX_TIME) and not _is_time(str(value)):
        problems.add(path, "not an ISO 8601 time")


def _check_request(problems: _Problems, path: str, request: object) -> None:
    """The saved request's fields that the store files each plan under."""
    if not isinstance(request, dict):
        problems.add(path, f"expected an object, found {_kind(request)}")
        return
    _text(problems, f"{path}.lang", request.get("lang"), MAX_ID)
    framework = request.get("framework")
    if framework is not None:
        _text(problems, f"{path}.framework", framework, MAX_ID)
    hours = request.get("hours")
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not 0 < hours <= 168:
        problems.add(f"{path}.hours", "expected a number of hours a week from 1 to 168")
    start = request.get("start")
    if _text(problems, f"{path}.start", start, MAX_TIME):
        try:
            if not in_range(date.fromisoformat(str(start))):
                problems.add(f"{path}.start", f"out of range; roadmap takes dates {DATE_RANGE}")
        except ValueError:
            problems.add(f"{path}.start", "not an ISO 8601 date")
    months = request.get("months")
    if (
        not isinstance(months, list)
        or len(months) != 2
        or not all(isinstance(m, int) and not isinstance(m, bool) and 0 < m <= 1200 for m in months)
    ):
        problems.add(f"{path}.months", "expected two month counts, e.g. [10, 12]")
    if not isinstance(request.get("core_only"), bool):
        problems.add(f"{path}.core_only", "expected true or false")


def _check_plan(problems: _Problems, path: str, plan: object) -> None:
    """A plan's envelope; what its snapshot says is checked by the saved-plan model."""
    if not isinstance(plan, dict):
        problems.add(path, f"expected an object, found {_kind(plan)}")
        return
    _time(problems, f"{path}.created_at", plan.get("created_at"))
    if "active" in plan and not isinstance(plan["active"], bool):
        problems.add(f"{path}.active", f"expected true or false, found {_kind(plan['active'])}")
    packs = plan.get("packs", [])
    if not isinstance(packs, list):
        problems.add(f"{path}.packs", f"expected a list, found {_kind(packs)}")
    elif len(packs) > MAX_PACKS:
        problems.add(f"{path}.packs", f"more than {MAX_PACKS} packs")
    else:
        for n, pack in enumerate(packs):
            if _text(problems, f"{path}.packs[{n}]", pack, 1024) and "\x00" in str(pack):
                problems.add(f"{path}.packs[{n}]", "a file name cannot hold a NUL character")
    snapshot = plan.get("snapshot")
    if not isinstance(snapshot, dict):
        problems.add(f"{path}.snapshot", f"expected an object, found {_kind(snapshot)}")
        return
    if _too_deep(snapshot):
        problems.add(f"{path}.snapshot", f"nested more than {MAX_DEPTH} levels deep")
        return
    missing = [key for key in _SNAPSHOT_KEYS if key not in snapshot]
    if missing:
        problems.add(f"{path}.snapshot", f"missing {', '.join(missing)}")
    if "request" in snapshot:
        _check_request(problems, f"{path}.snapshot.request", snapshot["request"])


def _check_event(problems: _Problems, path: str, event: object) -> None:
    if not isinstance(event, dict):
        problems.add(path, f"expected an object, found {_kind(event)}")
        return
    unknown = sorted(set(event) - {"uid", "item_id", "kind", "value", "created_at"})
    if unknown:
        problems.add(path, f"unknown field {unknown[0]!r}")
    uid = event.get("uid")
    if _text(problems, f"{path}.uid", uid, MAX_ID) and not _UID.fullmatch(str(uid)):
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
    _time(problems, f"{path}.created_at", event.get("created_at"))


def read_backup(doc: object, source: str) -> tuple[list[SavedPlan], list[Event]]:
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
    if not problems.count:
        for n, plan in enumerate(raw_plans):
            _check_plan(problems, f"plans[{n}]", plan)
            if problems.full:
                break
        for n, event in enumerate(raw_events):
            if problems.full:
                break
            _check_event(problems, f"events[{n}]", event)
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
    plans = [
        SavedPlan(0, p["created_at"], bool(p.get("active")), list(p.get("packs", [])), p["snapshot"])
        for p in raw_plans
    ]
    events = [Event(e["uid"], e["item_id"], e["kind"], e.get("value"), e["created_at"]) for e in raw_events]
    return plans, events
