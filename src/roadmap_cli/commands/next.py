"""``roadmap next``: what to do this week."""

from __future__ import annotations

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption

HELP = help_text(
    "next",
    """This week's items and the hours left of the week, plus anything overdue. Only reads: it never
changes your progress.

Example:  roadmap next
""",
)


def next_week(json_out: JsonOption = False) -> None:
    from roadmap_cli import track

    track.next_week(json_out)


def register(app: typer.Typer) -> None:
    app.command("next", help=HELP)(next_week)
