"""``roadmap break``: plan time off; what was planned for those days moves after them."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, UndoOption

HELP = help_text(
    "break",
    """What your plan had from the break's first day on moves to the study days after it, in the same
order; the days before it stay as they are, and so does everything you did. A break for days
already gone takes their work off what is due. --list shows your breaks, --undo takes the last
one back.

Example:  roadmap break 2027-08-02..2027-08-15 --note "summer holiday"
""",
)


def break_(
    span: Annotated[
        str | None,
        typer.Argument(
            metavar="FROM..TO",
            help="The days off, YYYY-MM-DD..YYYY-MM-DD (both included), or one date for one day.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What the break is for.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List your breaks.")] = False,
    undo: UndoOption = False,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli import breaks

    breaks.run(span, note, list_, undo, json_out)


def register(app: typer.Typer) -> None:
    app.command("break", help=HELP)(break_)
