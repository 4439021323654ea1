"""``roadmap review``: go through the reviews due, or record one."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, UndoOption

HELP = help_text(
    "review",
    """Each milestone you tick comes back for review at growing intervals (FSRS, the scheduler of
Anki and others), sooner when you forget it. In a terminal, the reviews due come one by one,
most forgotten first: answer the prompt out loud or on paper, then say how well you recalled it
(again, hard, good, easy). `roadmap today` keeps a share of each study day for them (see `plan
--review`). --list shows what is due, --undo takes the last review back.

Example:  roadmap review
          roadmap review joins-and-indexes --rating good
""",
)


def review(
    item_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID", help="The milestone you reviewed (default: every review due).", show_default=False
        ),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating",
            "-r",
            metavar="RATING",
            help="How well you recalled it: again, hard, good or easy (for scripts; no question is asked).",
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the reviews due, most forgotten first.")
    ] = False,
    undo: UndoOption = False,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli import reviewing

    reviewing.run(item_id, rating, undo, list_, json_out)


def register(app: typer.Typer) -> None:
    app.command("review", help=HELP)(review)
