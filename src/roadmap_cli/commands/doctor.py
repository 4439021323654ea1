"""``roadmap doctor``: check the packs, the catalog cache and the progress database, and say what is wrong."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption, PackOption

HELP = help_text(
    "doctor",
    """Checks the built-in packs, your own packs (and any --pack files), the catalog cache, the progress
database, your saved plans, and that the progress kept for every item is what your history adds up
to. Only reads, unless you ask for --repair, which works the kept progress out again from the
history (the history itself is never changed). Exit status 0 when all is well, 65 when a pack is
not valid, 1 when another check fails.

Example:  roadmap doctor --json
""",
)


def doctor(
    json_out: JsonOption = False,
    packs: PackOption = None,
    repair: Annotated[
        bool, typer.Option("--repair", help="Work the kept progress out again from the history first.")
    ] = False,
) -> None:
    from roadmap_cli.catalog.registry import check_pack_paths
    from roadmap_cli.doctor import Context, exit_code, run_checks

    if repair:
        import sys

        from roadmap_cli.progress.store import open_store

        with open_store(readonly=False) as store:
            state = store.rebuild()
        sys.stderr.write(
            f"Worked out the progress of {len(state.items)} item{'' if len(state.items) == 1 else 's'} again "
            "from your history.\n"
        )

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
