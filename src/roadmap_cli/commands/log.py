"""``roadmap log``: record study time on an item."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import UndoOption, check_on, complete_item_ids
from roadmap_cli.inputs import DURATION_FORMS

HELP = help_text(
    "log",
    f"""Logged time counts toward an item until you tick it (up to its estimate), and `roadmap status` turns
the last four weeks of it into your pace and a forecast of your real end date. DURATION is
{DURATION_FORMS}. --undo takes back the latest entry (of ID, if given).

Example:  roadmap log sql-fundamentals 1h30m --note "joins, window functions"
""",
)


def log(
    item_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID", help="The item's id.", show_default=False, autocompletion=complete_item_ids
        ),
    ] = None,
    duration: Annotated[
        str | None,
        typer.Argument(metavar="DURATION", help=f"How long: {DURATION_FORMS}.", show_default=False),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The day you studied, YYYY-MM-DD (default: today).", callback=check_on),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What you did, in a few words.")] = None,
    undo: UndoOption = False,
) -> None:
    from roadmap_cli import track

    track.log(item_id, duration, on, note, undo)


def register(app: typer.Typer) -> None:
    app.command("log", help=HELP, no_args_is_help=True)(log)
