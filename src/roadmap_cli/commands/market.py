"""``roadmap market``: the job-market figures the guides give, each with its source and date."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption

HELP = help_text(
    "market",
    """Every figure is shown as its guide gives it, with the guide's id, whom the guide cites for it and
the date it is as of.

Example:  roadmap market --topic jobs
""",
)


def market(
    topic: Annotated[
        str | None,
        typer.Option("--topic", "-t", help="Only one topic: jobs, languages, serverless, databases or path."),
    ] = None,
    json_out: JsonOption = False,
    packs: PackOption = None,
) -> None:
    from roadmap_cli.commands.career import show
    from roadmap_cli.render import jsonout
    from roadmap_cli.views.career import market_figures

    show(
        packs,
        json_out,
        lambda catalog: market_figures(catalog, topic),
        lambda figures: jsonout.market_document(figures, topic),
        "print_market",
    )


def register(app: typer.Typer) -> None:
    app.command("market", help=HELP)(market)
