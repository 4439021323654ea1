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

EventKind = Literal[
    "tick",
    "untick",
    "skip",
    "unskip",
    "note",
    "evidence",
    "log",
    "unlog",
    "review",
    "unreview",
    "assess",
    "unassess",
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "tick", "untick", "skip", "unskip", "note", "evidence", "log", "unlog", "review", "unreview", "assess",
    "unassess",
)  # fmt: skip
#: The ratings of a review, as FSRS names them (1 to 4 there).
RATINGS = ("again", "hard", "good", "easy")
#: The ratings of a self-assessment: 0 new to it, 1 seen it, 2 can do it with notes, 3 can do it cold.
SKILL_LEVELS = (0, 1, 2, 3)
#: An assessment is kept under the skill's id with this before it, apart from the items' ids.
SKILL_PREFIX = "skill:"
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


class CardState(Record):
    """A review card's memory state as FSRS left it after its last review, kept as plain JSON in
    the ``review`` event (and in the kept state) so that the daily commands read it without FSRS.
    Days, not times: a review counts on the learner's day, and the intervals are whole days."""

    due: date
    last_review: date
    stability: float
    difficulty: float
    state: int = 2  # FSRS's State: 2 is Review
    reps: int = 1  # reviews so far

    def to_dict(self) -> dict[str, object]:
        return {
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat(),
            "stability": self.stability,
            "difficulty": self.difficulty,
            "state": self.state,
            "reps": self.reps,
        }

    @classmethod
    def of(cls, doc: object) -> CardState:
        """The card a review's JSON holds; ValueError if it is not one."""
        if not isinstance(doc, dict):
            raise ValueError("a card is an object")
        stability, difficulty = doc["stability"], doc["difficulty"]
        state, reps = doc.get("state", 2), doc.get("reps", 1)
        numbers = (stability, difficulty)
        if any(isinstance(n, bool) or not isinstance(n, (int, float)) for n in numbers):
            raise ValueError("stability and difficulty are numbers")
        if not 0 < stability <= 1e6 or not 0 <= difficulty <= 100:
            raise ValueError("stability or difficulty out of range")
        if type(state) is not int or type(reps) is not int or not 1 <= state <= 3 or not 1 <= reps <= 10**6:
            raise ValueError("state and reps are whole numbers")
        return cls(
            date.fromisoformat(doc["due"]),
            date.fromisoformat(doc["last_review"]),
            float(stability),
            float(difficulty),
            state,
            reps,
        )


class ReviewEntry(Record):
    """A review (``roadmap review``): the day, how well it was recalled, and the card it left."""

    uid: str
    on: date
    rating: str  # one of RATINGS
    card: CardState
    seq: int = 0

    def to_list(self) -> list[object]:
        return [self.uid, self.on.isoformat(), self.rating, self.card.to_dict(), self.seq]


class RatingEntry(Record):
    """A self-assessment of one skill (``roadmap assess``): 0 to 3, on a day."""

    uid: str
    on: date
    rating: int
    seq: int = 0


def review_value(on: date, rating: str, card: CardState) -> str:
    """The value of a ``review`` event."""
    return json.dumps({"on": on.isoformat(), "rating": rating, "card": card.to_dict()}, separators=(",", ":"))


def read_review(event: Event) -> ReviewEntry:
    doc = json.loads(event.value or "")
    if doc["rating"] not in RATINGS:
        raise ValueError(f"a rating is one of {', '.join(RATINGS)}")
    return ReviewEntry(
        event.uid, date.fromisoformat(doc["on"]), doc["rating"], CardState.of(doc["card"]), event.row
    )


def assess_value(on: date, rating: int) -> str:
    """The value of an ``assess`` event."""
    return json.dumps({"on": on.isoformat(), "rating": rating}, separators=(",", ":"))


def read_assess(event: Event) -> RatingEntry:
    doc = json.loads(event.value or "")
    rating = doc["rating"]
    if type(rating) is not int or rating not in SKILL_LEVELS:
        raise ValueError("a skill's rating is 0 to 3")
    if not event.item_id.startswith(SKILL_PREFIX):
        raise ValueError("an assessment names a skill")
    return RatingEntry(event.uid, date.fromisoformat(doc["on"]), rating, event.row)


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
    reviews: list[ReviewEntry] = field(default_factory=list)  # in the order recorded
    ratings: list[RatingEntry] = field(default_factory=list)  # a skill's self-assessments, in order

    @property
    def card(self) -> CardState | None:
        """The review card as its last review left it; None before the first review."""
        return self.reviews[-1].card if self.reviews else None

    @property
    def rating(self) -> int | None:
        """A skill's rating that holds now: its latest self-assessment."""
        return self.ratings[-1].rating if self.ratings else None

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
                "reviews": [r.to_list() for r in self.reviews],
                "ratings": [[r.uid, r.on.isoformat(), r.rating, r.seq] for r in self.ratings],
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
            reviews=[
                ReviewEntry(str(uid), date.fromisoformat(on), str(rating), CardState.of(card), int(seq))
                for uid, on, rating, card, seq in doc.get("reviews", ())
            ],
            ratings=[
                RatingEntry(str(uid), date.fromisoformat(on), int(rating), int(seq))
                for uid, on, rating, seq in doc.get("ratings", ())
            ],
        )

    @property
    def empty(self) -> bool:
        """Nothing an item keeps (a skill's ratings are not an item's: they make no orphan)."""
        return not (
            self.ticked
            or self.skipped
            or self.notes
            or self.unread_notes
            or self.evidence
            or self.logs
            or self.reviews
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
    if event.kind in ("unlog", "unreview", "unassess") and not event.value:
        return "it does not name what it takes back"
    if event.kind == "review":
        try:
            read_review(event)
        except (ValueError, TypeError, KeyError):
            return "its review is not {on, rating, card}"
    if event.kind == "assess":
        try:
            read_assess(event)
        except (ValueError, TypeError, KeyError):
            return "its assessment is not {on, rating} of a skill"
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
        elif event.kind == "review":
            item.reviews.append(read_review(event))
        elif event.kind == "unreview":
            item.reviews = [r for r in item.reviews if r.uid != event.value]
        elif event.kind == "assess":
            item.ratings.append(read_assess(event))
        elif event.kind == "unassess":
            item.ratings = [r for r in item.ratings if r.uid != event.value]

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

    def ratings(self) -> dict[str, int]:
        """Each assessed skill's rating that holds now, by the skill's id."""
        return {
            i.removeprefix(SKILL_PREFIX): r.rating
            for i, r in self.items.items()
            if r.rating is not None and i.startswith(SKILL_PREFIX)
        }

    def rating_entries(self) -> list[tuple[str, RatingEntry]]:
        """Every self-assessment that holds, (skill id, entry), in the order recorded."""
        found = [
            (i.removeprefix(SKILL_PREFIX), e)
            for i, r in self.items.items()
            if i.startswith(SKILL_PREFIX)
            for e in r.ratings
        ]
        return sorted(found, key=lambda pair: pair[1].seq)

    def tracked(self) -> set[str]:
        """Ids with anything worth keeping: a tick, a skip, a note or evidence."""
        return {i for i, s in self.items.items() if not s.empty}
