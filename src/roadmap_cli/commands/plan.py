"""``roadmap plan``: build a dated week-by-week schedule for a stack and a weekly budget."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from roadmap_cli.commands.options import (
    JsonOption,
    PackOption,
    complete_lang,
    parse_date,
    parse_hours,
    parse_months,
)

HELP = """Make a dated, week-by-week study plan that fits the hours you have.

Core milestones always go in; optional ones are added while the plan still ends inside the
window (10-12 months unless --months says otherwise). If your hours are too few, or so many that
the plan ends early, it says so and by how much.

Example:  roadmap plan --lang python --hours 12 --start 2027-01-04
"""


def plan(
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            help="Your stack: python, typescript, go, java, rust, csharp (or py, ts, node, golang, c#...).",
            autocompletion=complete_lang,
        ),
    ],
    hours: Annotated[
        float,
        typer.Option("--hours", "-H", help="Hours a week you can really study (1-80).", callback=parse_hours),
    ],
    framework: Annotated[
        str | None,
        typer.Option("--framework", "-f", help="One of the stack's frameworks (default: the stack's first)."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day of the plan, YYYY-MM-DD (default: today)."),
    ] = None,
    months: Annotated[
        str,
        typer.Option("--months", "-m", help="Months the plan should end within: 9, or a range like 8-10."),
    ] = "10-12",
    core_only: Annotated[bool, typer.Option("--core-only", help="Leave out every optional item.")] = False,
    weeks: Annotated[
        bool, typer.Option("--weeks", "-w", help="Show every week instead of every month.")
    ] = False,
    json_out: JsonOption = False,
    packs: PackOption = None,
) -> None:
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.planner import PlanRequest, make_plan

    window = parse_months(months)
    first_day = parse_date(start) if start is not None else date.today()
    catalog = load_catalog(packs or ())
    stack = catalog.resolve_stack(lang)
    request = PlanRequest(
        stack=stack["id"],
        hours_per_week=hours,
        start=first_day,
        framework=catalog.resolve_framework(stack, framework)["id"],
        months=window,
        core_only=core_only,
    )
    result = make_plan(catalog, request)
    if json_out:
        from roadmap_cli.render.jsonout import emit, plan_document

        emit(plan_document(result))
    else:
        from roadmap_cli.render.console import print_plan

        print_plan(result, catalog, by_week=weeks, today=date.today())


def register(app: typer.Typer) -> None:
    app.command("plan", help=HELP, no_args_is_help=True)(plan)
