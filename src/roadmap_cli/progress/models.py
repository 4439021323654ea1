"""What the progress store holds, as plain typed values: events, the derived state, saved plans.

Nothing here touches the database or imports anything heavy, so the views can use these types freely.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

EventKind = Literal["tick", "untick", "skip", "unskip", "note", "evidence"]
EVENT_KINDS: tuple[EventKind, ...] = ("tick", "untick", "skip", "unskip", "note", "evidence")

#: Bump when the plan snapshot changes shape in a way old readers cannot follow.
SNAPSHOT_FORMAT = 1


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
class ItemState:
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


@dataclass
class ProgressState:
    """The current state of every item that has events, derived by replaying them in order."""

    items: dict[str, ItemState] = field(default_factory=dict)

    @classmethod
    def replay(cls, events: Iterable[Event]) -> ProgressState:
        state = cls()
        for event in events:
            state.apply(event)
        return state

    def apply(self, event: Event) -> None:
        item = self.items.setdefault(event.item_id, ItemState())
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

    def get(self, item_id: str) -> ItemState:
        return self.items.get(item_id) or ItemState()

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


@dataclass(frozen=True)
class PlannedItem:
    id: str
    title: str
    kind: str
    phase: str
    priority: str
    minutes: int
    start: date | None  # None for an item already done when the plan was made
    end: date | None


@dataclass(frozen=True)
class PlannedWeek:
    start: date  # the Monday
    first_day: date  # the plan's first day in its first week, else the Monday
    capacity: int  # minutes
    slices: tuple[tuple[str, int], ...]  # (item id, minutes)


@dataclass(frozen=True)
class Snapshot:
    """The scheduled plan as saved: enough for status and next without rebuilding it."""

    request: dict[str, Any]
    stack_name: str
    framework_name: str
    hours_per_week: float
    start: date
    end: date
    phases: tuple[tuple[str, str], ...]  # (id, title) in order
    items: tuple[PlannedItem, ...]  # scheduled, in plan order
    settled: tuple[PlannedItem, ...]  # done or skipped when the plan was made, so left out
    weeks: tuple[PlannedWeek, ...]

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Snapshot:
        def item(raw: dict[str, Any]) -> PlannedItem:
            return PlannedItem(
                id=raw["id"],
                title=raw["title"],
                kind=raw["kind"],
                phase=raw["phase"],
                priority=raw["priority"],
                minutes=int(raw["minutes"]),
                start=date.fromisoformat(raw["start"]) if raw.get("start") else None,
                end=date.fromisoformat(raw["end"]) if raw.get("end") else None,
            )

        return cls(
            request=doc["request"],
            stack_name=doc["stack"],
            framework_name=doc["framework"],
            hours_per_week=float(doc["request"]["hours"]),
            start=date.fromisoformat(doc["start"]),
            end=date.fromisoformat(doc["end"]),
            phases=tuple((p["id"], p["title"]) for p in doc["phases"]),
            items=tuple(item(i) for i in doc["items"]),
            settled=tuple(item(i) for i in doc["settled"]),
            weeks=tuple(
                PlannedWeek(
                    start=date.fromisoformat(w["start"]),
                    first_day=date.fromisoformat(w["first_day"]),
                    capacity=int(w["capacity_minutes"]),
                    slices=tuple((s[0], int(s[1])) for s in w["slices"]),
                )
                for w in doc["weeks"]
            ),
        )

    def ids(self) -> set[str]:
        return {i.id for i in self.items} | {i.id for i in self.settled}

    def by_id(self) -> dict[str, PlannedItem]:
        return {i.id: i for i in (*self.settled, *self.items)}


@dataclass(frozen=True)
class SavedPlan:
    id: int
    created_at: str
    active: bool
    packs: Sequence[str]
    snapshot_json: dict[str, Any]

    @property
    def request(self) -> dict[str, Any]:
        request: dict[str, Any] = self.snapshot_json["request"]
        return request

    def snapshot(self) -> Snapshot:
        return Snapshot.from_json(self.snapshot_json)
