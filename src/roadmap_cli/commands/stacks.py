"""``roadmap stacks``: the supported stacks with their frameworks and tools."""

from __future__ import annotations

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption

HELP = help_text(
    "stacks",
    """Example:  roadmap stacks
""",
)


def stacks(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.commands.career import show
    from roadmap_cli.render import jsonout

    show(
        packs,
        json_out,
        lambda catalog: list(catalog.stacks.values()),
        jsonout.stacks_document,
        "print_stacks",
    )


def register(app: typer.Typer) -> None:
    app.command("stacks", help=HELP)(stacks)
