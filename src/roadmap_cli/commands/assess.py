"""``roadmap assess``: rate yourself on the skills of your plan; what you know leaves the plan."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, UndoOption

HELP = help_text(
    "assess",
    """0: new to you. 1: you have seen it. 2: you have done it, with notes: the hours of the items that
teach it are cut by half, and they come up for review. 3: you can do it cold: those items count
as done, as `roadmap skip` does, and come up for review. In a terminal, each skill comes with a
few yes/no self-checks that suggest a rating. Ratings are kept by skill, so they count in every
stack's plan. The plan re-flows from today and says what the assessment saved; --undo takes the
last rating back, --list shows them.

Example:  roadmap assess
          roadmap assess --rate sql=3 docker=2
""",
)


def assess(
    ratings: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SKILL=RATING]...", help="More ratings, as --rate takes them.", show_default=False
        ),
    ] = None,
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate",
            metavar="SKILL=RATING",
            help="A skill and your rating of it, 0-3, e.g. sql=3 (repeatable; `roadmap assess --list` "
            "lists the skills).",
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the skills of your plan and your ratings.")
    ] = False,
    undo: UndoOption = False,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli import assessing

    assessing.run([*(rate or ()), *(ratings or ())], undo, list_, json_out)


def register(app: typer.Typer) -> None:
    app.command("assess", help=HELP)(assess)
