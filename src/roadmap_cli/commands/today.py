"""``roadmap today``: what to study today, in the time there is."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands.options import JsonOption, parse_hours_today, today

HELP = """Say what to study today, in the time you have.

Overdue work first (never an item before what it depends on), then what is in progress, then this
week's items; ahead of plan, the next items come forward. Behind by more than a week's hours, it
says so and gives the `roadmap replan` that would fix the dates, with the end it would give. The
time defaults to your weekly hours over seven days. Only reads.

Example:  roadmap today --hours 2
"""


def today_command(
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            "-H",
            help="Hours you have today (default: a seventh of your week).",
            callback=parse_hours_today,
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli.progress.lookup import read_progress, replan_end
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.views.progress import needs_replan, plan_today

    with open_store(readonly=True) as store:
        progress = read_progress(store, today())
        end = replan_end(progress.plan, store.state(), progress.today) if needs_replan(progress) else None
    minutes = round((hours if hours is not None else progress.plan.hours_per_week / 7) * 60)
    view = plan_today(progress, minutes, end)
    if json_out:
        from roadmap_cli.render.jsonout import emit, today_document

        emit(today_document(view))
    else:
        from roadmap_cli.render.text import today_text, write

        write(today_text(view))


def register(app: typer.Typer) -> None:
    app.command("today", help=HELP)(today_command)
