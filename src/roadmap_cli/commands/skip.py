"""``roadmap skip``: mark items you already know; they count as done and leave the schedule."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import ItemIds, UndoOption
from roadmap_cli.errors import UsageError

HELP = """Mark items you already know: they count as done.

Re-planning leaves skipped items out. --undo takes a skip back. `roadmap replan` then re-flows the
rest of your plan.

Example:  roadmap skip learn-language-core programming-fundamentals
"""


def skip(ids: ItemIds = None, undo: UndoOption = False) -> None:
    from roadmap_cli.commands.changes import change_ids
    from roadmap_cli.progress.models import EventKind

    if not ids:
        raise UsageError("give the ids of the items to skip, e.g. roadmap skip ID [ID...]")
    kind: EventKind = "unskip" if undo else "skip"
    change_ids(ids, lambda _plan, wanted: [(i, kind, None) for i in wanted])


def register(app: typer.Typer) -> None:
    app.command("skip", help=HELP)(skip)
