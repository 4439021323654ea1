"""``roadmap skills``: skills with their demand, salary impact and when to learn them."""

from __future__ import annotations

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption

HELP = help_text(
    "skills",
    """With an active plan, the month is the one your plan teaches it in.

Example:  roadmap skills
""",
)


def skills(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.commands.career import active_plan, show
    from roadmap_cli.render import jsonout
    from roadmap_cli.views.career import skills as skill_rows

    plan = active_plan()
    show(packs, json_out, lambda catalog: skill_rows(catalog, plan), jsonout.skills_document, "print_skills")


def register(app: typer.Typer) -> None:
    app.command("skills", help=HELP)(skills)
