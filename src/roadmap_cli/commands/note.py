"""``roadmap note``: keep a note on an item."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands.options import UndoOption
from roadmap_cli.errors import UsageError

HELP = """Keep a note on an item.

What you read, what was hard, what to revisit. Notes are kept with the item for good, across new
plans. --undo takes the latest note back.

Example:  roadmap note explain-analyze "seq scan until I added the composite index"
"""


def note(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="The item's id.", show_default=False)],
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="The note (leave out with --undo).", show_default=False),
    ] = None,
    undo: UndoOption = False,
) -> None:
    from roadmap_cli.commands.changes import change_ids

    if not item_id.strip():
        raise UsageError('give the item\'s id, e.g. roadmap note ID "what I learned"')
    if undo and text is not None:
        raise UsageError("--undo takes the latest note back and needs no text: roadmap note --undo ID")
    if not undo and (text is None or not text.strip()):
        raise UsageError('give the note\'s text, e.g. roadmap note ID "what I learned"')
    value = None if undo else (text or "").strip()
    from roadmap_cli.progress.models import MAX_VALUE as MAX_TEXT

    if value is not None and len(value) > MAX_TEXT:
        # Longer would make a backup that no roadmap imports.
        raise UsageError(f"a note may be up to {MAX_TEXT:,} characters; this one has {len(value):,}")
    change_ids([item_id], lambda _plan, wanted: [(wanted[0], "note", value)])


def register(app: typer.Typer) -> None:
    app.command("note", help=HELP, no_args_is_help=True)(note)
