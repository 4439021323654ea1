"""The write side of progress: tick, skip and note, each one transaction, nothing written twice."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from roadmap_cli.progress.models import Event, EventKind, ProgressState
from roadmap_cli.progress.store import Store
from roadmap_cli.record import Record


def changes_state(state: ProgressState, item_id: str, kind: EventKind, _value: str | None) -> bool:
    """Whether an event would change anything: a tick of a ticked item would not."""
    item = state.get(item_id)
    if kind == "tick":
        return not item.ticked or (_value is not None and item.ticked_stack != _value)
    if kind == "untick":
        return item.ticked
    if kind == "skip":
        return not item.skipped
    if kind == "unskip":
        return item.skipped
    if kind == "note" and _value is None:
        return bool(item.notes)
    return True


class Outcome(Record):
    asked: list[tuple[str, EventKind, str | None]]
    written: list[Event]
    state: ProgressState  # after the change


def apply(
    store: Store, entries: Sequence[tuple[str, EventKind, str | None]], at: datetime | None = None
) -> Outcome:
    written = store.record(entries, at=at, keep=changes_state)
    return Outcome(list(entries), written, store.state())
