"""``roadmap salary``: what the job pays, by level and place, each figure with its source."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption

HELP = help_text(
    "salary",
    """The sources disagree, so every figure is shown as its source gives it (range, average or median;
base salary, total comp, or basis not stated), with a span per kind of pay from the lowest to the
highest figure that says how many sources it joins. With --level and --city: every figure for that
level there. Only --level: every place. Only --city: every level. Neither: a compact table of spans.

Places: london (uk, gb: London is the only UK place with figures), berlin (germany, de),
san-francisco (sf, "san francisco"), us (usa, "united states": figures a guide gives for the US),
usd-no-country (usd: dollar figures from guides that name no country), india. Levels: junior
(jr), mid (intermediate), senior (sr), staff, lead, principal, and all (figures over every level).

Example:  roadmap salary --level senior --city london
""",
)


def _complete(kind: str, incomplete: str) -> list[str]:
    """Level or place ids that have figures, for shell completion, from the cached catalog."""
    try:
        from roadmap_cli.catalog.registry import load_catalog
        from roadmap_cli.views.salary import level_order, place_order

        catalog = load_catalog()
        if kind == "level":
            names = level_order(catalog)
        else:
            # A place whose figures carry a warning (usd-no-country: dollar figures that name no
            # country or city) is no place to live in: --city takes it, TAB does not offer it.
            names = [p for p in place_order(catalog) if not catalog.places[p].get("flag")]
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [n for n in names if n.startswith(incomplete.lower())]


def complete_level(incomplete: str) -> list[str]:
    return _complete("level", incomplete)


def complete_place(incomplete: str) -> list[str]:
    return _complete("place", incomplete)


def salary(
    level: Annotated[
        str | None,
        typer.Option(
            "--level",
            "-L",
            help="junior, mid, senior, staff, lead, principal, or all (jr, sr...).",
            autocompletion=complete_level,
        ),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option(
            "--city",
            "--place",
            "-c",
            help="london, berlin, san-francisco, us, usd or india (sf, uk...).",
            autocompletion=complete_place,
        ),
    ] = None,
    json_out: JsonOption = False,
    packs: PackOption = None,
) -> None:
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.views.salary import salary_view

    catalog = load_catalog(packs or ())
    view = salary_view(catalog, level=level, place=city)
    if json_out:
        from roadmap_cli.render.jsonout import emit, salary_document

        emit(salary_document(view))
    else:
        from roadmap_cli.render.console import print_salary

        print_salary(view, catalog)


def register(app: typer.Typer) -> None:
    app.command("salary", help=HELP)(salary)
