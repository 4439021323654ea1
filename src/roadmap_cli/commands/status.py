"""``roadmap status``: where you stand against your plan."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import JsonOption, today

HELP = """Show where you stand against your plan.

Progress overall and per phase, ahead or behind, the current phase, overdue items, your streak
of weeks with a tick, and what is next.

"Ahead" or "behind" compares the hours of the items you have done with the hours of the items
your plan had due before today, and turns the difference into days at your pace. Only reads: it
never changes your progress.

Example:  roadmap status
"""


def status(json_out: JsonOption = False) -> None:
    from roadmap_cli.progress.lookup import read_progress, replan_end
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.views.progress import advice, needs_replan

    with open_store(readonly=True) as store:
        progress = read_progress(store, today())
        end = replan_end(progress.plan, store.state(), progress.today) if needs_replan(progress) else None
    said = advice(progress, end)
    if json_out:
        from roadmap_cli.render.jsonout import emit, status_document

        emit(status_document(progress, said))
    else:
        from roadmap_cli.render.text import status_text, write

        write(status_text(progress, said))


def register(app: typer.Typer) -> None:
    app.command("status", help=HELP)(status)
