"""``roadmap packs``: list the content packs in use, check a pack, print its schema, start a new one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption, complete_pack_files

packs_app = typer.Typer(
    name="packs",
    no_args_is_help=True,
    help=help_text("packs", "Example:  roadmap packs validate my-team.yaml"),
)


@packs_app.command(
    "list",
    help=(
        "List the content packs in use: the built-in pack and your own, with versions and item counts.\n\n"
        "Your packs are the .yaml and .yml files in the user packs folder (shown below the list).\n\n"
        "Example:  roadmap packs list --json"
    ),
)
def list_packs(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli import paths
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.views.packs import pack_list

    catalog = load_catalog(packs or ())
    view = pack_list(catalog, str(paths.user_packs_dir()))
    if catalog.warnings:
        from roadmap_cli.safetext import safe_lines

        typer.echo("".join(f"warning: {safe_lines(w)}\n" for w in catalog.warnings), err=True, nl=False)
    if json_out:
        from roadmap_cli.render.jsonout import emit, packs_document

        emit(packs_document(view))
    else:
        from roadmap_cli.render.console import print_packs

        print_packs(view)


@packs_app.command(
    "validate",
    no_args_is_help=True,
    help=(
        "Check pack files, together with the built-in packs, and list every problem.\n\n"
        "Each problem names file:line:column, the field, what was expected and what was found. "
        "Exit status 0 when every file is valid, 65 when one is not, 2 when a path is not a file.\n\n"
        "Example:  roadmap packs validate my-team.yaml"
    ),
)
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Pack files to check.",
            show_default=False,
            metavar="FILE...",
            autocompletion=complete_pack_files,
        ),
    ],
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli.catalog.registry import check_pack_paths
    from roadmap_cli.errors import ContentError
    from roadmap_cli.views.packs import validate_packs

    report = validate_packs(check_pack_paths(files, what="pack"))
    if json_out:
        from roadmap_cli.render.jsonout import emit, validation_document

        emit(validation_document(report))
    else:
        from roadmap_cli.render.console import print_validation

        print_validation(report)
    if not report.valid:
        raise ContentError(report.problems, more=report.unlisted)


@packs_app.command(
    "schema",
    help=(
        "Print the JSON Schema of a pack file, for editors that check YAML as you type.\n\n"
        "Save it next to your pack and add the modeline "
        "`# yaml-language-server: $schema=roadmap-pack.schema.json` at the top of the pack.\n\n"
        "Example:  roadmap packs schema > roadmap-pack.schema.json"
    ),
)
def schema() -> None:
    from roadmap_cli.render.jsonout import emit
    from roadmap_cli.views.packs import pack_json_schema

    emit(pack_json_schema())


@packs_app.command(
    "new",
    no_args_is_help=True,
    help=(
        "Write a commented starter pack NAME.yaml that validates as it is.\n\n"
        "It goes into your user packs folder, so every command reads it at once, unless --output "
        "says where. An existing file is never overwritten.\n\n"
        "Example:  roadmap packs new my-team"
    ),
)
def new(
    name: Annotated[
        str, typer.Argument(help="The pack id: lowercase letters, digits and dashes.", metavar="NAME")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the pack here instead of the user packs folder."),
    ] = None,
) -> None:
    from roadmap_cli import paths
    from roadmap_cli.errors import RoadmapError, UsageError
    from roadmap_cli.views.packs import MAX_NAME, NAME_PATTERN, starter_pack

    if not NAME_PATTERN.match(name) or len(name) > MAX_NAME:
        raise UsageError(
            f"{name!r} is not a pack name; use up to {MAX_NAME} lowercase letters, digits and single "
            "dashes, e.g. my-team"
        )
    target = output if output is not None else paths.user_packs_dir() / f"{name}.yaml"
    if target.is_dir():
        raise UsageError(f"--output {target}: is a directory; give a file name such as {target / name}.yaml")
    try:
        import os

        from roadmap_cli.files import PRIVATE_FILE, private_folder

        private_folder(target.parent)  # the config and packs folders, made owner-only
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(starter_pack(name))
    except FileExistsError:
        raise RoadmapError(
            f"{target} already exists; not overwriting it",
            hint="choose another NAME, or --output another path",
        ) from None
    except OSError as exc:
        raise RoadmapError(f"cannot write {target}: {exc.strerror or exc}") from None
    from roadmap_cli.safetext import safe

    shown = safe(str(target))
    typer.echo(f"Wrote {shown}")
    typer.echo(f"Check it with:  roadmap packs validate {shown}")


def register(app: typer.Typer) -> None:
    app.add_typer(packs_app, name="packs")
