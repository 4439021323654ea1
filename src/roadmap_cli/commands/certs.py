"""``roadmap certs``: certifications, who issues them, and when in the plan to study for each."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_cli.commands.options import JsonOption, PackOption, complete_lang

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog

HELP = """List certifications worth having, their issuers, and when in the plan to study for each, and why.

`roadmap plan` marks the month each one's phase starts.

Example:  roadmap certs --lang java
"""


def certs(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Only those meant for this stack (others are for every stack).",
            autocompletion=complete_lang,
        ),
    ] = None,
    json_out: JsonOption = False,
    packs: PackOption = None,
) -> None:
    from roadmap_cli.commands.career import show
    from roadmap_cli.render import jsonout
    from roadmap_cli.views.career import certifications

    def rows(catalog: Catalog) -> list[dict[str, Any]]:
        return certifications(catalog, catalog.resolve_stack(lang)["id"] if lang is not None else None)

    show(packs, json_out, rows, jsonout.certs_document, "print_certs")


def register(app: typer.Typer) -> None:
    app.command("certs", help=HELP)(certs)
