"""``roadmap skills``: skills with their demand, salary impact and when to learn them."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import JsonOption, PackOption

HELP = """List skills with the demand and salary impact the sources give, and the month to learn each.

Example:  roadmap skills
"""


def skills(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.catalog.registry import load_catalog

    catalog = load_catalog(packs or ())
    if json_out:
        from roadmap_cli.render.jsonout import emit, skills_document

        emit(skills_document(catalog.skills))
    else:
        from roadmap_cli.render.console import print_skills

        print_skills(catalog.skills)


def register(app: typer.Typer) -> None:
    app.command("skills", help=HELP)(skills)
