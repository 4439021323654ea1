"""Item ids as the person types them, checked against the active plan and the content."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from roadmap_cli.errors import UsageError, closest, shorten
from roadmap_cli.progress.models import ProgressState, Snapshot


def content_ids(packs: Sequence[str] = ()) -> set[str]:
    """Every item id the content has now: built-in packs, user packs and the plan's own --pack files.

    Read from the catalog cache, so this is cheap on a warm run. A --pack file that has since gone
    away is left out rather than failing a read command.
    """
    from roadmap_cli.catalog.registry import load_catalog

    present = [Path(p) for p in packs if _is_file(p)]
    return set(load_catalog(present).by_id)


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL: not a file that is there
        return False


def resolve_ids(
    given: Iterable[str], snapshot: Snapshot, state: ProgressState, packs: Sequence[str] = ()
) -> list[str]:
    """The ids asked for, in order and without repeats; an unknown one is a usage error with suggestions.

    Known ids are those of the plan, of the content (an item left out of the plan may still be
    done), and any id with history (so an orphan can still be unticked).
    """
    given = list(given)
    if any(not g.strip() for g in given):
        raise UsageError(
            "an item id cannot be empty",
            hint="`roadmap next` and `roadmap status` show the ids of your plan",
        )
    wanted = list(dict.fromkeys(g.strip().lower() for g in given))
    known = snapshot.ids() | set(state.items)
    if any(i not in known for i in wanted):
        known |= content_ids(packs)
    for item_id in wanted:
        if item_id not in known:
            near = closest(item_id, known)
            hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
            raise UsageError(
                f"unknown item id {shorten(item_id)!r}",
                hint=hint + "`roadmap next` and `roadmap status` show the ids of your plan",
            )
    return wanted


def orphans(snapshot: Snapshot, state: ProgressState, packs: Sequence[str] = ()) -> list[str]:
    """Ids with a tick, skip, note or evidence that the content no longer has."""
    outside = state.tracked() - snapshot.ids()
    if not outside:
        return []
    return sorted(outside - content_ids(packs))


def tick_days(state: ProgressState) -> list[date]:
    """The local day of every tick that still holds."""
    return [
        datetime.fromisoformat(s.ticked_at).astimezone().date() for s in state.items.values() if s.ticked_at
    ]
