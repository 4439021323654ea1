"""``roadmap where``: where roadmap keeps its files."""

from __future__ import annotations

import os

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption

HELP = help_text(
    "where",
    """The progress database, the config folder, the folder for your own content packs, the cache and
the clone `roadmap sync` keeps. Set ROADMAP_HOME to keep all of them under one folder.

Example:  roadmap where
""",
)


def where(json_out: JsonOption = False) -> None:
    from roadmap_cli import paths
    from roadmap_cli.progress.store import database_path

    found = {
        "database": database_path(),
        "config": paths.config_dir(),
        "packs": paths.user_packs_dir(),
        "cache": paths.cache_dir(),
        "sync": paths.sync_dir(),
    }
    if json_out:
        from roadmap_cli.render.jsonout import emit, where_document

        home = os.environ.get(paths.HOME_ENV) or None
        emit(where_document(home, {name: (str(path), path.exists()) for name, path in found.items()}))
        return
    from roadmap_cli.render.term import fields, write

    write(
        fields(
            [(n, f"{p}" + ("" if p.exists() else "  (not there yet)")) for n, p in found.items()], indent=0
        )
    )


def register(app: typer.Typer) -> None:
    app.command("where", help=HELP)(where)
