"""``roadmap show``: the saved plan with the state of each item, or one item whole."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, WeeksOption, complete_item_ids

HELP = help_text(
    "show",
    """Never re-plans: the dates are those of the plan you made (`roadmap replan` changes them). With ID,
everything about one item: its phase, description, deliverables, what it depends on and what waits
for it (with their states), its dates, its estimated and logged hours, your notes and evidence,
its official documentation and its sources with their dates. An item that is not in your plan
(another stack's, one the plan left out, or any item before you make a plan) is shown from the
content, with a line that says so; `roadmap check` takes the same ids.

Example:  roadmap show sql-fundamentals
""",
)


def show(
    item_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="An item of your plan, or of the content.",
            show_default=False,
            autocompletion=complete_item_ids,
        ),
    ] = None,
    weeks: WeeksOption = False,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli import track

    track.show(item_id, weeks, json_out)


def register(app: typer.Typer) -> None:
    app.command("show", help=HELP)(show)
