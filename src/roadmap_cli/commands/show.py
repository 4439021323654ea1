"""``roadmap show``: the saved plan with the state of each item, or one item whole."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands.options import JsonOption, WeeksOption, today

HELP = """Show your active plan as it was saved, each item with its state, or one item whole.

Never re-plans: the dates are those of the plan you made (`roadmap replan` changes them). With ID,
everything about one item: its phase, description, deliverables, what it depends on and what waits
for it (with their states), its dates, its estimated and logged hours, your notes and evidence,
its official documentation and its sources with their dates.

Example:  roadmap show sql-fundamentals
"""


def show(
    item_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="An item of your plan.", show_default=False)
    ] = None,
    weeks: WeeksOption = False,
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli.progress.lookup import read_progress
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=True) as store:
        progress = read_progress(store, today())
        state = store.state() if item_id is not None else None
    if item_id is None:
        if json_out:
            from roadmap_cli.render.jsonout import emit, show_document

            emit(show_document(progress))
        else:
            from roadmap_cli.render.plantext import plan_text
            from roadmap_cli.render.term import write as page

            states = {i.item.id: i.state for i in progress.items}
            page(plan_text(progress.plan, by_week=weeks, today=progress.today, states=states), pager=True)
        return
    from pathlib import Path

    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.views.detail import item_detail

    assert state is not None
    packs = [Path(p) for p in progress.plan.request.packs if Path(p).is_file()]
    detail = item_detail(progress, state, load_catalog(packs), item_id.strip().lower())
    if json_out:
        from roadmap_cli.render.jsonout import emit, item_document

        emit(item_document(detail))
    else:
        from roadmap_cli.render.text import item_text, write

        write(item_text(detail), pager=True)


def register(app: typer.Typer) -> None:
    app.command("show", help=HELP)(show)
