"""``roadmap skip``: mark items you already know; they count as done and leave the schedule."""

from __future__ import annotations

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import SkipIds, UndoOption

HELP = help_text(
    "skip",
    """Re-planning leaves skipped items out. --undo takes a skip back. `roadmap replan` then re-flows the
rest of your plan.

Example:  roadmap skip learn-language-core programming-fundamentals
""",
)


def skip(ids: SkipIds = None, undo: UndoOption = False) -> None:
    from roadmap_cli import track

    track.skip(ids, undo)


def register(app: typer.Typer) -> None:
    app.command("skip", help=HELP)(skip)
