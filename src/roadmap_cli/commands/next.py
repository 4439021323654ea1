"""``roadmap next``: what to do this week."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import JsonOption, today

HELP = """Show what to do this week, with the ids to tick.

This week's items and the hours left of the week, plus anything overdue. Only reads: it never
changes your progress.

Example:  roadmap next
"""


def next_week(json_out: JsonOption = False) -> None:
    from roadmap_cli.progress.lookup import read_progress, replan_end
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.views.progress import needs_replan, this_week

    with open_store(readonly=True) as store:
        progress = read_progress(store, today())
        end = replan_end(progress.plan, store.state(), progress.today) if needs_replan(progress) else None
        view = this_week(progress, end)
    if json_out:
        from roadmap_cli.render.jsonout import emit, next_document

        emit(next_document(view))
    else:
        from roadmap_cli.render.text import week_text, write

        write(week_text(view))


def register(app: typer.Typer) -> None:
    app.command("next", help=HELP)(next_week)
