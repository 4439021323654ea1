"""What the progress store holds, as plain typed values: events and the state they add up to.

Nothing here touches the database or imports anything heavy, so the views can use these types freely.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

from roadmap_cli.record import Record, field
from roadmap_cli.safetext import is_text

EventKind = Literal["tick", "untick", "skip", "unskip", "note", "evidence", "log", "unlog"]
EVENT_KINDS: tuple[EventKind, ...] = ("tick", "untick", "skip", "unskip", "note", "evidence", "log", "unlog")
MAX_LOG_MINUTES = 24 * 60  # one entry of study time: at most a day

#: The backup of all of this (``roadmap progress export``, see :mod:`roadmap_cli.progress.backup`):
#: what it says it is, and its format, up when a key is removed or changes meaning, never when one is
#: added. Here, not in that module, so that the ``--json`` commands can name the version without
#: loading the backup's code.
BACKUP_KIND: Literal["roadmap-progress"] = "roadmap-progress"
BACKUP_VERSION = 1


class Event(Record):
    """One thing the person did, never changed once written.

    ``uid`` is a stable identity (a UUID) so an exported history can be merged back without
    duplicates. ``created_at`` is UTC, ISO 8601 with microseconds. A ``note`` with ``value=None``
    withdraws the latest note; an ``evidence`` with ``value=None`` clears the evidence.
    """

    uid: str
    item_id: str
    kind: EventKind
    value: str | None
    created_at: str
    row: int = 0  # its place in this database's history (0 until written)

    def __init__(
        self, uid: str, item_id: str, kind: EventKind, value: str | None, created_at: str, row: int = 0
    ) -> None:
        # Written out rather than Record's general ``__init__`` (which reads the fields in a loop):
        # an import or a replay makes up to a million events, and this takes a fifth of the time
        # (0.23 µs against 1.2). The same fields, in the same order, as the class declares them.
        values = self.__dict__
        values["uid"] = uid
        values["item_id"] = item_id
        values["kind"] = kind
        values["value"] = value
        values["created_at"] = created_at
        values["row"] = row


class LogEntry(Record):
    """Study time recorded with ``roadmap log``: a ``log`` event's value, read."""

    uid: str
    item_id: str
    on: date  # the day studied
    minutes: int
    note: str | None = None
    seq: int = 0  # the event's place in the history: entries are taken back latest first

    def value(self) -> str:
        return log_value(self.on, self.minutes, self.note)


def log_value(on: date, minutes: int, note: str | None) -> str:
    """The value of a ``log`` event."""
    return json.dumps({"minutes": minutes, "on": on.isoformat(), "note": note})


def read_log(event: Event) -> LogEntry:
    """The study time a ``log`` event holds; ValueError if its value is not one."""
    doc = json.loads(event.value or "")
    minutes, on, note = doc["minutes"], doc["on"], doc.get("note")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_LOG_MINUTES:
        raise ValueError(f"minutes must be 1 to {MAX_LOG_MINUTES}")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_VALUE or not is_text(note)):
        raise ValueError("a note is text")
    return LogEntry(event.uid, event.item_id, date.fromisoformat(on), minutes, note, event.row)


class ItemRecord(Record, frozen=False):
    """What the history says of one item; :mod:`roadmap_cli.views.state` turns it into a state."""

    ticked: bool = False
    skipped: bool = False
    notes: list[str] = field(default_factory=list)
    evidence: str | None = None
    ticked_at: str | None = None  # UTC time of the tick that holds now
    ticked_stack: str | None = None  # the stack the tick was made in, for items worded per stack
    logs: list[LogEntry] = field(default_factory=list)  # study time, in the order recorded
    #: Read without its notes (``Store.state(notes=False)``): how many there are, left unread.
    unread_notes: int = 0

    @property
    def logged_minutes(self) -> int:
        return sum(entry.minutes for entry in self.logs)

    @property
    def done(self) -> bool:
        """Ticked or skipped: both count as done, and re-planning leaves the item out."""
        return self.ticked or self.skipped

    def to_json(self) -> str:
        """The record as the store keeps it, so commands read it instead of replaying the history;
        its notes apart (``notes_json``), since they are the one part that grows without bound."""
        if self.unread_notes:
            raise ValueError("a record read without its notes cannot be kept")
        return json.dumps(
            {
                "ticked": self.ticked,
                "ticked_at": self.ticked_at,
                "ticked_stack": self.ticked_stack,
                "skipped": self.skipped,
                "evidence": self.evidence,
                "logs": [[e.uid, e.on.isoformat(), e.minutes, e.note, e.seq] for e in self.logs],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def notes_json(self) -> str:
        return json.dumps(self.notes, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, item_id: str, text: str, notes_text: str | None = None, unread: int = 0) -> ItemRecord:
        """The record ``to_json`` kept, with the notes ``notes_json`` kept (None: the notes are in
        the record, as schema 4 kept them); ``unread`` notes when they were left unread."""
        doc = json.loads(text)
        notes = doc["notes"] if notes_text is None else json.loads(notes_text)
        # Every note is text, as written: kept as it is when a test at C speed says so. An item
        # noted for years holds thousands, which every read of the state would copy one by one.
        if type(notes) is not list or not set(map(type, notes)) <= {str}:
            notes = [str(n) for n in notes]
        return cls(
            ticked=bool(doc["ticked"]),
            skipped=bool(doc["skipped"]),
            notes=notes,
            evidence=doc["evidence"],
            ticked_at=doc["ticked_at"],
            ticked_stack=doc["ticked_stack"],
            logs=[
                LogEntry(str(uid), item_id, date.fromisoformat(on), int(minutes), note, int(seq))
                for uid, on, minutes, note, seq in doc["logs"]
            ],
            unread_notes=unread,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.ticked or self.skipped or self.notes or self.unread_notes or self.evidence or self.logs
        )


MAX_VALUE = 10_000  # characters of a note or evidence
MAX_ID = 200


def event_problem(event: Event) -> str | None:
    """Why an event cannot be understood (a damaged database or a hand-made backup), or None."""
    if not isinstance(event.uid, str) or not 1 <= len(event.uid) <= 64:
        return "its uid is not 1 to 64 characters"
    item_id = event.item_id
    if not isinstance(item_id, str) or not 1 <= len(item_id) <= MAX_ID or not item_id.isprintable():
        return f"its item id is not 1 to {MAX_ID} printable characters"
    if event.kind not in EVENT_KINDS:
        return f"{event.kind!r} is not a kind of event roadmap writes"
    if event.value is not None and (not isinstance(event.value, str) or len(event.value) > MAX_VALUE):
        return f"its value is not a text of at most {MAX_VALUE:,} characters"
    if event.value is not None and not is_text(event.value):
        return "its value holds a lone surrogate (\\ud800 to \\udfff), which is not text"
    try:
        stamp = datetime.fromisoformat(event.created_at)
    except (TypeError, ValueError):
        return "its time is not an ISO 8601 time"
    if stamp.tzinfo is None:
        return "its time has no time zone"
    if event.kind == "log":
        try:
            read_log(event)
        except (ValueError, TypeError, KeyError):
            return "its study time is not {minutes, on, note}"
    if event.kind == "unlog" and not event.value:
        return "it does not name the study time it takes back"
    return None


class ProgressState(Record, frozen=False):
    """The current state of every item that has events, derived by replaying them in order.

    An event that cannot be understood is set aside in ``ignored`` (uid, why) and changes nothing:
    the other events still count, and ``roadmap doctor`` names it.
    """

    items: dict[str, ItemRecord] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    logs: list[LogEntry] = field(default_factory=list)  # every study time that holds, in order
    unapplied: int = 0  # events in the history not counted here yet (see the store)
    left_out: int = 0  # events that could not be understood, in the whole history

    @classmethod
    def replay(cls, events: Iterable[Event]) -> ProgressState:
        state = cls()
        for event in events:
            state.replay_one(event)
        return state

    def replay_one(self, event: Event) -> None:
        """Apply one event of the history, or set it aside if it cannot be understood."""
        problem = event_problem(event)
        if problem is None:
            self.apply(event)
        else:
            self.ignored.append((str(event.uid), problem))
            self.left_out += 1

    def apply(self, event: Event) -> None:
        item = self.items.get(event.item_id)
        if item is None:  # not ``setdefault``: that would make a record for every event replayed
            item = self.items[event.item_id] = ItemRecord()
        if event.kind == "tick":
            item.ticked, item.ticked_at, item.ticked_stack = True, event.created_at, event.value
        elif event.kind == "untick":
            item.ticked, item.ticked_at, item.ticked_stack = False, None, None
        elif event.kind == "skip":
            item.skipped = True
        elif event.kind == "unskip":
            item.skipped = False
        elif event.kind == "note":
            if event.value is None:
                if item.notes:
                    item.notes.pop()
            else:
                item.notes.append(event.value)
        elif event.kind == "evidence":
            item.evidence = event.value
        elif event.kind == "log":
            entry = read_log(event)
            item.logs.append(entry)
            self.logs.append(entry)
        elif event.kind == "unlog":
            item.logs = [e for e in item.logs if e.uid != event.value]
            self.logs = [e for e in self.logs if e.uid != event.value]

    @classmethod
    def of_records(cls, records: dict[str, ItemRecord]) -> ProgressState:
        """The state from stored records (what the history adds up to, kept as it is written)."""
        state = cls(items=records)
        state.logs = sorted((e for r in records.values() for e in r.logs), key=lambda e: e.seq)
        return state

    def get(self, item_id: str) -> ItemRecord:
        return self.items.get(item_id) or ItemRecord()

    @property
    def ticked(self) -> set[str]:
        return {i for i, s in self.items.items() if s.ticked}

    @property
    def skipped(self) -> set[str]:
        return {i for i, s in self.items.items() if s.skipped}

    @property
    def done(self) -> set[str]:
        return {i for i, s in self.items.items() if s.done}

    def tracked(self) -> set[str]:
        """Ids with anything worth keeping: a tick, a skip, a note or evidence."""
        return {i for i, s in self.items.items() if not s.empty}
