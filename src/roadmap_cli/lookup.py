"""Reading progress for a command: the active plan and its state, and ids as the person types them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_cli.errors import UsageError, unknown_item
from roadmap_cli.progress.models import ProgressState
from roadmap_cli.progress.saved import SavedPlan

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.progress.store import Store
    from roadmap_cli.views.state import Progress


def content_ids(packs: Sequence[str] = ()) -> set[str]:
    """Every item id the content has now: built-in packs, user packs and the plan's own --pack files.

    Read from the catalog cache, so this is cheap on a warm run. A --pack file that has since gone
    away is left out rather than failing a read command.
    """
    from roadmap_cli.catalog.registry import load_catalog

    present = [Path(p) for p in packs if _is_file(p)]
    return catalog_ids(load_catalog(present))


def catalog_ids(catalog: Catalog) -> set[str]:
    """The ids the content has: its items and its certifications."""
    return set(catalog.by_id) | {c["id"] for c in catalog.certifications}


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL: not a file that is there
        return False


def orphans(plan: SavedPlan, state: ProgressState) -> list[str]:
    """Ids with progress that neither the plan nor the content has (the content is read only when
    some id with progress is outside the plan)."""
    from roadmap_cli.progress.counting import find_orphans

    tracked = state.tracked()
    outside = tracked - plan.known_ids()
    return find_orphans(tracked, plan, content_ids(plan.request.packs) if outside else set())


def warn_ignored(state: ProgressState) -> None:
    """One line on stderr when some events are left out of the counts (they are kept, not lost):
    events that could not be understood, or events in the history that roadmap did not write."""
    import sys

    if state.left_out:
        count = state.left_out
        sys.stderr.write(
            f"warning: {count} event{'s' if count != 1 else ''} in your progress could not be understood "
            "and were left out; `roadmap doctor` lists them\n"
        )
    if state.unapplied:
        count = state.unapplied
        events = f"{count} event{'s are' if count != 1 else ' is'}"
        sys.stderr.write(
            f"warning: {events} in your history not counted yet (written by something other than roadmap); "
            "`roadmap doctor --repair` counts them\n"
        )


def read_progress(store: Store, today: date, state: ProgressState | None = None) -> Progress:
    """The active plan and the progress on it, as every command shows it: from ``state`` when the
    command has read it already (``store.state(notes=False)`` for the views that show no note)."""
    from roadmap_cli.views.state import compute_progress

    plan = store.require_plan()
    if state is None:
        state = store.state()
    warn_ignored(state)
    return compute_progress(plan, state, today, orphans=orphans(plan, state))


def resolve_ids(given: Iterable[str], plan: SavedPlan, state: ProgressState) -> list[str]:
    """The ids asked for, in order and without repeats; an unknown or empty one is a usage error.

    Known ids are those of the plan, of the content (an item left out of the plan may still be
    done), and any id with history (so an orphan can still be unticked).
    """
    asked = list(given)
    if any(not g.strip() for g in asked):
        raise UsageError(
            "an item id is empty", hint="`roadmap next` and `roadmap status` show the ids of your plan"
        )
    wanted = list(dict.fromkeys(g.strip().lower() for g in asked))
    known = plan.known_ids() | set(state.items)
    if any(i not in known for i in wanted):
        known |= content_ids(plan.request.packs)
    for item_id in wanted:
        if item_id not in known:
            raise unknown_item(item_id, known)
    return wanted


def replan_end(plan: SavedPlan, state: ProgressState, today: date) -> date | None:
    """Where `roadmap replan` from ``today`` would put the end: the planner run as replan runs it.

    Only asked for when the person is far behind, so the planner and the catalog are loaded only
    then. None when the plan's own packs are gone (replan would refuse) or the plan is done.
    """
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.planner import make_plan
    from roadmap_cli.progress.counting import assessment_for, done_for, logged_credit, with_cut
    from roadmap_cli.progress.reflow import replan_request

    packs = [Path(p) for p in plan.request.packs]
    if any(not p.is_file() for p in packs):
        return None
    try:
        catalog = load_catalog(packs)
        known, cut = assessment_for(state, catalog, plan.request.lang)
        done = done_for(state, plan.request.lang, plan.worded_per_stack) | known
        asked = replan_request(plan, done, today, credited=with_cut(logged_credit(state), cut))
        made = make_plan(catalog, asked)
    except RoadmapError:
        return None
    return made.end if made.items else None
