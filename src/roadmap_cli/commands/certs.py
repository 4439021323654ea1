"""``roadmap certs``: certifications, who issues them, and when in the plan to study for each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption, complete_lang

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog

HELP = help_text(
    "certs",
    """Those for your stack (your active plan's, or --lang) come first, other stacks' after. With an
active plan, each says when your plan studies for it, or when its phase is, if your plan does not
hold it (`roadmap replan --cert ID` changes that); `roadmap plan` marks the month its study starts.

Example:  roadmap certs --lang java
""",
)


def certs(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Your stack: its certifications first (default: your active plan's).",
            autocompletion=complete_lang,
        ),
    ] = None,
    json_out: JsonOption = False,
    packs: PackOption = None,
) -> None:
    from roadmap_cli.commands.career import active_plan, show
    from roadmap_cli.render import jsonout
    from roadmap_cli.views.career import certifications

    def rows(catalog: Catalog) -> list[dict[str, Any]]:
        stack = catalog.resolve_stack(lang)["id"] if lang is not None else None
        return certifications(catalog, stack, active_plan())

    show(packs, json_out, rows, jsonout.certs_document, "print_certs")


def register(app: typer.Typer) -> None:
    app.command("certs", help=HELP)(certs)
