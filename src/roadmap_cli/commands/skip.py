"""``roadmap skip``: mark items you already know; they count as done and leave the schedule."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import ItemIds, UndoOption, event_time
from roadmap_cli.errors import UsageError

HELP = """Mark items you already know: they count as done.

Re-planning leaves skipped items out. --undo takes a skip back. `roadmap replan` then re-flows the
rest of your plan.

Example:  roadmap skip learn-language-core programming-fundamentals
"""


def skip(ids: ItemIds = None, undo: UndoOption = False) -> None:
    from roadmap_cli.progress.actions import apply
    from roadmap_cli.progress.lookup import resolve_ids
    from roadmap_cli.progress.models import EventKind
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.text import change_report, write

    if not ids:
        raise UsageError("give the ids of the items to skip, e.g. roadmap skip ID [ID...]")
    with open_store(readonly=False) as store:
        saved = store.require_plan()
        snapshot = saved.snapshot()
        wanted = resolve_ids(ids, snapshot, store.state(), saved.packs)
        kind: EventKind = "unskip" if undo else "skip"
        outcome = apply(store, [(i, kind, None) for i in wanted], event_time())
    write(change_report(outcome, snapshot))


def register(app: typer.Typer) -> None:
    app.command("skip", help=HELP)(skip)
