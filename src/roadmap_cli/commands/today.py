"""``roadmap today``: what to study today, in the time there is."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, hours_today, parse_hours_today

HELP = help_text(
    "today",
    """Overdue work first (never an item before what it depends on), then what is in progress, then this
week's items; ahead of plan, the next items come forward. Behind by more than a week's hours, it
says so and gives the `roadmap replan` that would fix the dates, with the end it would give. The
time defaults to your weekly hours over seven days. Only reads.

Example:  roadmap today --hours 2
""",
)


def today_command(
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            "-H",
            help="Hours you have today (default: a seventh of your week).",
            callback=parse_hours_today,
            parser=hours_today,
            metavar="HOURS",
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli import track

    track.today_plan(hours, json_out)


def register(app: typer.Typer) -> None:
    app.command("today", help=HELP)(today_command)
