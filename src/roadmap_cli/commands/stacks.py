"""``roadmap stacks``: the supported stacks with their frameworks and tools."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import JsonOption, PackOption

HELP = """List the stacks `roadmap plan --lang` takes, with their frameworks and tools.

Example:  roadmap stacks
"""


def stacks(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.catalog.registry import load_catalog

    catalog = load_catalog(packs or ())
    rows = list(catalog.stacks.values())
    if json_out:
        from roadmap_cli.render.jsonout import emit, stacks_document

        emit(stacks_document(rows))
    else:
        from roadmap_cli.render.console import print_stacks

        print_stacks(rows)


def register(app: typer.Typer) -> None:
    app.command("stacks", help=HELP)(stacks)
