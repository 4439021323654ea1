"""``roadmap status``: where you stand against your plan."""

from __future__ import annotations

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption

HELP = help_text(
    "status",
    """Progress overall and per phase, ahead or behind, the current phase, overdue items, your streak
of weeks with a tick, and what is next.

"Ahead" or "behind" compares the hours of the items you have done with the hours of the items
your plan had due before today, and turns the difference into days at your pace. Only reads: it
never changes your progress.

Example:  roadmap status
""",
)


def status(json_out: JsonOption = False) -> None:
    from roadmap_cli import track

    track.status(json_out)


def register(app: typer.Typer) -> None:
    app.command("status", help=HELP)(status)
