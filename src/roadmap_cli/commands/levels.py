"""``roadmap levels``: the career ladder, from junior to principal."""

from __future__ import annotations

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption

HELP = help_text(
    "levels",
    """Example:  roadmap levels
""",
)


def levels(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.commands.career import show
    from roadmap_cli.render import jsonout

    show(packs, json_out, lambda catalog: catalog.levels, jsonout.levels_document, "print_levels")


def register(app: typer.Typer) -> None:
    app.command("levels", help=HELP)(levels)
