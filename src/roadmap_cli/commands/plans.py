"""``roadmap plans``: every plan you made, and making an earlier one active again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from roadmap_cli.progress.store import StoredPlan
    from roadmap_cli.views.detail import PlanRow

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption

app = typer.Typer(
    help=help_text(
        "plans",
        "Every plan you make is kept. Ticks, skips, notes and study time belong to the items, not to "
        "a plan, so they count in whichever plan is active.\n\n"
        "Example:  roadmap plans use 3",
    ),
    invoke_without_command=True,
)


@app.callback()
def plans(ctx: typer.Context, json_out: JsonOption = False) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=True) as store:
        rows = _rows(store.plans())
    if not rows:
        from roadmap_cli.progress.store import NoPlanError

        raise NoPlanError()
    if json_out:
        from roadmap_cli.render.jsonout import emit, plans_document

        emit(plans_document(rows))
    else:
        from roadmap_cli.render.text import plans_text, write

        write(plans_text(rows))


@app.command(
    "use",
    help="Make a plan you made before your active plan again, as it was saved.\n\n"
    "Example:  roadmap plans use 3",
    no_args_is_help=True,
)
def use(
    plan_id: Annotated[
        int, typer.Argument(metavar="ID", help="The plan's number, as `roadmap plans` lists it.")
    ],
) -> None:
    import sys

    from roadmap_cli.errors import UsageError
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=False) as store:
        rows = {r.id: r for r in store.plans()}
        if plan_id not in rows:
            raise UsageError(
                f"there is no plan {plan_id}; your plans are {', '.join(str(i) for i in rows) or 'none'}",
                hint="`roadmap plans` lists them",
            )
        plan = rows[plan_id].plan()  # a plan that cannot be read is not made active
        store.activate(plan_id)
    sys.stderr.write(
        f"Plan {plan_id} is your active plan again: {plan.title}, {plan.hours_per_week:g} h/week, "
        f"{plan.start.isoformat()} → {plan.end.isoformat()}.\n"
    )


def _rows(stored: list[StoredPlan]) -> list[PlanRow]:
    from roadmap_cli.progress.saved import SavedPlanError
    from roadmap_cli.views.detail import PlanRow

    rows = []
    for row in stored:
        try:
            rows.append(PlanRow(row.id, row.created_at, row.active, row.plan()))
        except SavedPlanError as exc:
            rows.append(PlanRow(row.id, row.created_at, row.active, None, exc.problem))
    return rows


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="plans")
