"""``roadmap levels``: the career ladder, from junior to principal."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import JsonOption, PackOption

HELP = """Show the career ladder: years at each level, what is expected and what gets you promoted.

Example:  roadmap levels
"""


def levels(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.catalog.registry import load_catalog

    catalog = load_catalog(packs or ())
    if json_out:
        from roadmap_cli.render.jsonout import emit, levels_document

        emit(levels_document(catalog.levels))
    else:
        from roadmap_cli.render.console import print_levels

        print_levels(catalog.levels)


def register(app: typer.Typer) -> None:
    app.command("levels", help=HELP)(levels)
