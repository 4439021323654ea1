"""What travels between devices through a sync folder: one JSON line per event or plan made.

A line is ``{"v": 1, "uid", "device", "lamport", "kind", "created_at", ...}``: an event adds its
``item_id`` and ``value``, a plan made (``"kind": "plan"``) its saved plan as ``"plan"``, in the
form the backup keeps it. Every device folds the same lines in one total order, (``lamport``,
``device``, ``uid``), whatever its clock says, and so comes to the same state.

A line from another device is someone else's input: it is checked as a backup's event or plan is
(:mod:`roadmap_cli.progress.backup`), and one that cannot be read is named and left out, never
obeyed. A line from a newer roadmap (a higher ``v``, a kind this one does not know) is left to be
read again once roadmap is upgraded.
"""

from __future__ import annotations

import json
import re
from typing import Any

from roadmap_cli.progress.models import EVENT_KINDS
from roadmap_cli.record import Record

#: The format of a line; up when a key is removed or changes meaning, never when one is added.
FORMAT = 1
PLAN = "plan"  #: the kind of a line that carries a plan made
USE = "use"  #: the kind of a line that makes an earlier plan the active one again (its uid in "plan")
MAX_LINE = 16 * 1024 * 1024  #: a plan made for a year is about 50 kB; one for decades fits too
MAX_COUNTER = 2**62  #: a Lamport counter that SQLite's integers and every device can hold
DEVICE = re.compile(r"[a-z0-9]{8,64}")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _zoned(text: str) -> bool:
    from datetime import datetime

    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


class Travelling(Record):
    """An event or a plan made, as it travels: ``snapshot`` is a plan's stored form (``saved.dumps``)."""

    uid: str
    device: str
    lamport: int
    kind: str  # an event kind, or PLAN
    created_at: str
    item_id: str = ""
    value: str | None = None
    snapshot: str | None = None


class Later(ValueError):
    """A line this roadmap cannot read yet (a newer format, a new kind): read it again after an upgrade."""


def to_line(t: Travelling) -> str:
    """The line that carries ``t``, with its newline; a plan's keys in the order its stored form has them
    (the order of a stack's tools is part of the plan)."""
    doc: dict[str, Any] = {
        "v": FORMAT,
        "uid": t.uid,
        "device": t.device,
        "lamport": t.lamport,
        "kind": t.kind,
        "created_at": t.created_at,
    }
    if t.kind == PLAN:
        doc["plan"] = json.loads(t.snapshot or "null")
    elif t.kind == USE:
        doc["plan"] = t.value
    else:
        doc["item_id"], doc["value"] = t.item_id, t.value
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def from_line(raw: bytes) -> Travelling:
    """The record a line carries; ``Later`` for one from a newer roadmap, ``ValueError`` saying what
    is wrong for anything else it cannot be. A line is usually in the file of the device that wrote
    it, but need not be: a machine that finds another writing as itself goes on under a new device,
    and sends what it wrote before under the old one from there."""
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.progress.backup import event_from, parse_backup, plan_from

    if len(raw) > MAX_LINE:
        raise ValueError(f"longer than {MAX_LINE:,} bytes")
    try:
        doc = parse_backup(raw, "the line")
    except RoadmapError as exc:
        raise ValueError(exc.message.removeprefix("the line is not a roadmap progress backup: ")) from None
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    version = doc.get("v")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError('its "v" (the format) is not a whole number from 1')
    if version > FORMAT:
        raise Later(f"written in format {version} by a newer roadmap; this one reads format {FORMAT}")
    kind = doc.get("kind")
    if kind not in (PLAN, USE) and kind not in EVENT_KINDS:
        if isinstance(kind, str) and re.fullmatch(r"[a-z_]{1,32}", kind):
            raise Later(f"an event of kind {kind!r}, which a newer roadmap writes")
        raise ValueError('its "kind" is not a kind of event')
    device = doc.get("device")
    if not isinstance(device, str) or not DEVICE.fullmatch(device):
        raise ValueError('its "device" is not a device id (8 to 64 lowercase letters and digits)')
    lamport = doc.get("lamport")
    if not isinstance(lamport, int) or isinstance(lamport, bool) or not 1 <= lamport < MAX_COUNTER:
        raise ValueError(f'its "lamport" is not a whole number from 1 to {MAX_COUNTER - 1:,}')
    # A key this roadmap does not know was added by a newer one in the same format, which means it
    # changes nothing for this one (the format goes up when a key is removed or changes meaning).
    if kind in (PLAN, USE):
        uid = doc.get("uid")
        if not isinstance(uid, str) or not _ID.fullmatch(uid):
            raise ValueError('its "uid" is not an id of letters, digits, - and _')
    if kind == USE:
        chosen, created_at = doc.get("plan"), doc.get("created_at")
        if not isinstance(chosen, str) or not _ID.fullmatch(chosen):
            raise ValueError('its "plan" is not the id of a plan')
        if not isinstance(created_at, str) or len(created_at) > 64 or not _zoned(created_at):
            raise ValueError('its "created_at" is not an ISO 8601 time with a time zone')
        return Travelling(str(uid), device, lamport, USE, created_at, value=chosen)
    if kind == PLAN:
        plan, problems = plan_from({"created_at": doc.get("created_at"), "snapshot": doc.get("plan")})
        if plan is None:
            raise ValueError("; ".join(problems) or "not a plan")
        from roadmap_cli.progress.saved import dumps

        return Travelling(str(uid), device, lamport, PLAN, plan[0], snapshot=dumps(plan[1]))
    fields = {k: v for k, v in doc.items() if k in ("uid", "item_id", "kind", "value", "created_at")}
    event, problems = event_from(fields)
    if event is None:
        raise ValueError("; ".join(problems) or "not an event")
    return Travelling(event.uid, device, lamport, event.kind, event.created_at, event.item_id, event.value)


class SyncReport(Record):
    """What one ``roadmap sync`` did: what came in, from how many devices, and what went out."""

    remote: str
    device: str
    events_in: int
    plans_in: int
    devices_in: int  # the other devices whose events or plans came in
    events_out: int
    plans_out: int
    skipped: list[str]  # each line or file left out: file:line and why
    created: bool = False  # ``sync init`` made the repository (a path that was not there)
    #: This device's id before this sync, when another machine was found writing as it (a copied
    #: database): this one goes on under a new id.
    renamed_from: str | None = None


class DeviceSeen(Record):
    device: str
    events: int
    last_event: str | None  # by that device's own clock
    this: bool


class SyncStatus(Record):
    """``roadmap sync status``: where this home syncs, when it last did, and the devices seen."""

    set_up: bool
    remote: str | None
    folder: str
    device: str
    last_sync: str | None
    devices: list[DeviceSeen]
