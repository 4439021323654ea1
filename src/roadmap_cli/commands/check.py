"""``roadmap check``: tick items off, from a checklist on a terminal or by id."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import CheckIds, UndoOption

HELP = help_text(
    "check",
    """On a terminal with no ids, shows this week's items and any overdue ones as a checklist: arrow keys
to move, space to tick or untick, enter to save. With ids, ticks them; --undo unticks them.
--evidence records where a project lives (a repository or a demo URL). Ticking a certification's id
records that you passed it, and when.

A tick on an item worded for your stack (its language, framework or tools) counts only in plans for
that stack; --carry brings the ticks you made in a plan for another stack over to this one.

Example:  roadmap check crud-cli-tool sql-fundamentals
""",
)


def check(
    ids: CheckIds = None,
    undo: UndoOption = False,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", "-e", help="Where the work lives, e.g. a repository URL (one id only)."),
    ] = None,
    carry: Annotated[
        bool,
        typer.Option(
            "--carry", help="Count here what you ticked in a plan for another stack (all, or the ids)."
        ),
    ] = False,
) -> None:
    from roadmap_cli import track

    track.check(ids, undo, evidence, carry)


def register(app: typer.Typer) -> None:
    app.command("check", help=HELP)(check)
