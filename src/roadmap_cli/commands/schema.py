"""``roadmap schema``: the JSON Schema of each JSON document roadmap prints."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text

HELP = help_text(
    "schema",
    """Without NAME, lists the documents and the command that prints each. Every document carries a
"version" that goes up only when a key is removed or changes meaning.

Example:  roadmap schema status
""",
)


def complete_document(incomplete: str) -> list[str]:
    from roadmap_cli.render.shapes import DOCUMENTS

    return [name for name in DOCUMENTS if name.startswith(incomplete)]


def schema(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="plan, status, next, export, backup, salary...",
            autocompletion=complete_document,
        ),
    ] = None,
) -> None:
    import sys

    from roadmap_cli.errors import unknown_name
    from roadmap_cli.render.shapes import DOCUMENTS

    if name is None:
        width = max(len(n) for n in DOCUMENTS)
        for doc_name, (_, command) in DOCUMENTS.items():
            sys.stdout.write(f"{doc_name:<{width}}  {command}\n")
        return
    if name not in DOCUMENTS:
        raise unknown_name("document", name, DOCUMENTS)
    from roadmap_cli.render.jsonout import emit, json_schema

    emit(json_schema(name))


def register(app: typer.Typer) -> None:
    app.command("schema", help=HELP)(schema)
