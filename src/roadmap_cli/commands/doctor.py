"""``roadmap doctor``: check the packs, the catalog cache and the progress database, and say what is wrong."""

from __future__ import annotations

import typer

from roadmap_cli.commands.options import JsonOption, PackOption

HELP = """Check that roadmap's content and files are healthy, and say what to do about what is not.

Checks the built-in packs, your own packs (and any --pack files), the catalog cache and the
progress database (opened read-only; nothing is changed). Exit status 0 when all is well, 65 when
a pack is not valid, 1 when another check fails.

Example:  roadmap doctor --json
"""


def doctor(json_out: JsonOption = False, packs: PackOption = None) -> None:
    from roadmap_cli.catalog.registry import check_pack_paths
    from roadmap_cli.doctor import Context, exit_code, run_checks

    results = run_checks(Context(extra_packs=tuple(check_pack_paths(packs or ()))))
    code = exit_code(results)
    if json_out:
        from roadmap_cli.render.jsonout import doctor_document, emit

        emit(doctor_document(results, healthy=not code))
    else:
        from roadmap_cli.render.console import print_doctor

        print_doctor(results)
    if code:
        raise typer.Exit(int(code))


def register(app: typer.Typer) -> None:
    app.command("doctor", help=HELP)(doctor)
