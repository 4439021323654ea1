"""What the progress store holds, as plain typed values: events and the state they add up to.

Nothing here touches the database or imports anything heavy, so the views can use these types freely.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

EventKind = Literal["tick", "untick", "skip", "unskip", "note", "evidence"]
EVENT_KINDS: tuple[EventKind, ...] = ("tick", "untick", "skip", "unskip", "note", "evidence")


@dataclass(frozen=True)
class Event:
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


@dataclass
class ItemRecord:
    """What the history says of one item; :mod:`roadmap_cli.views.progress` turns it into a state."""

    ticked: bool = False
    skipped: bool = False
    notes: list[str] = field(default_factory=list)
    evidence: str | None = None
    ticked_at: str | None = None  # UTC time of the tick that holds now

    @property
    def done(self) -> bool:
        """Ticked or skipped: both count as done, and re-planning leaves the item out."""
        return self.ticked or self.skipped

    @property
    def empty(self) -> bool:
        return not (self.ticked or self.skipped or self.notes or self.evidence)


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
    try:
        stamp = datetime.fromisoformat(event.created_at)
    except (TypeError, ValueError):
        return "its time is not an ISO 8601 time"
    if stamp.tzinfo is None:
        return "its time has no time zone"
    return None


@dataclass
class ProgressState:
    """The current state of every item that has events, derived by replaying them in order.

    An event that cannot be understood is set aside in ``ignored`` (uid, why) and changes nothing:
    the other events still count, and ``roadmap doctor`` names it.
    """

    items: dict[str, ItemRecord] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def replay(cls, events: Iterable[Event]) -> ProgressState:
        state = cls()
        for event in events:
            problem = event_problem(event)
            if problem is None:
                state.apply(event)
            else:
                state.ignored.append((str(event.uid), problem))
        return state

    def apply(self, event: Event) -> None:
        item = self.items.setdefault(event.item_id, ItemRecord())
        if event.kind == "tick":
            item.ticked, item.ticked_at = True, event.created_at
        elif event.kind == "untick":
            item.ticked, item.ticked_at = False, None
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
