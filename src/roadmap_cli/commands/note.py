"""``roadmap note``: keep a note on an item."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import UndoOption, complete_item_ids

HELP = help_text(
    "note",
    """What you read, what was hard, what to revisit. Notes are kept with the item for good, across new
plans. --undo takes the latest note back.

Example:  roadmap note explain-analyze "seq scan until I added the composite index"
""",
)


def note(
    item_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The item's id.", show_default=False, autocompletion=complete_item_ids
        ),
    ],
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="The note (leave out with --undo).", show_default=False),
    ] = None,
    undo: UndoOption = False,
) -> None:
    from roadmap_cli import track

    track.note(item_id, text, undo)


def register(app: typer.Typer) -> None:
    app.command("note", help=HELP, no_args_is_help=True)(note)
