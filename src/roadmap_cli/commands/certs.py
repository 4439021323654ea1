"""``roadmap certs``: certifications, who issues them, and when in the plan to study for each."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands.options import JsonOption, PackOption, complete_lang

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
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.views.career import certifications

    catalog = load_catalog(packs or ())
    stack = catalog.resolve_stack(lang)["id"] if lang is not None else None
    rows = certifications(catalog, stack)
    if json_out:
        from roadmap_cli.render.jsonout import certs_document, emit

        emit(certs_document(rows))
    else:
        from roadmap_cli.render.console import print_certs

        print_certs(rows)


def register(app: typer.Typer) -> None:
    app.command("certs", help=HELP)(certs)
