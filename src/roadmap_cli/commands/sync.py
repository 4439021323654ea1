"""``roadmap sync``, ``sync init`` and ``sync status``: progress on every machine through git."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import JsonOption

if TYPE_CHECKING:
    from roadmap_cli.progress.travel import SyncReport

HELP = help_text(
    "sync",
    """Pulls, reads what your other devices wrote, writes this device's new ticks, skips, notes, study
time and plans, commits and pushes. Each device writes only its own files, so git never has a
conflict for you to solve. It uses your own git, with your keys; set it up once with
`roadmap sync init`.

Example:  roadmap sync
""",
)

INIT_HELP = """Set up syncing with your git repository.

Clones it (or makes a bare repository at a new path), then syncs. URL-or-PATH is any remote your
git reaches (git@github.com:you/roadmap-sync.git, an https URL), or a path: a bare repository on a
USB stick or a server's mount, made there if nothing is there yet. Use a private repository: your
notes travel with your ticks.

Example:  roadmap sync init git@github.com:you/roadmap-sync.git
"""

STATUS_HELP = """Show the remote, the last sync and the devices.

Where this home syncs, when it last did, and every device whose events are here. It reads only
what is kept here: no git, no network.

Example:  roadmap sync status
"""

app = typer.Typer(help=HELP, invoke_without_command=True)


@app.callback()
def sync(ctx: typer.Context, json_out: JsonOption = False) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from roadmap_cli import sync as syncing
    from roadmap_cli.render.progress_display import progress_display

    with progress_display(4) as shown:
        report = syncing.sync(shown)
    _show(report, json_out)


@app.command("init", help=INIT_HELP)
def init(
    target: Annotated[
        str, typer.Argument(metavar="URL-or-PATH", help="Your git repository, or a path to make one at.")
    ],
    json_out: JsonOption = False,
) -> None:
    from roadmap_cli import sync as syncing
    from roadmap_cli.errors import UsageError

    if not target.strip() or "\x00" in target or target.startswith("-"):
        raise UsageError(
            f"{target!r} is not a git URL or a path",
            hint="give the URL of a repository you own, or a path (a new one makes a bare repository)",
        )
    _show(syncing.init(target), json_out)


@app.command("status", help=STATUS_HELP)
def status(json_out: JsonOption = False) -> None:
    from roadmap_cli import sync as syncing

    found = syncing.status()
    if json_out:
        from roadmap_cli.render.jsonout import emit, sync_status_document

        emit(sync_status_document(found))
        return
    from roadmap_cli.render.term import write
    from roadmap_cli.render.text import sync_status_lines

    write(sync_status_lines(found))


def _show(report: SyncReport, json_out: bool) -> None:
    import sys

    from roadmap_cli.sync import MAX_NAMED

    if report.renamed_from:
        sys.stderr.write(
            f"warning: another machine writes as this one ({report.renamed_from[:8]}): was this home's "
            f"database copied from it? This machine now writes as {report.device[:8]}; nothing is lost.\n"
        )
    for line in report.skipped[:MAX_NAMED]:
        sys.stderr.write(f"warning: {line}\n")
    if len(report.skipped) > MAX_NAMED:
        sys.stderr.write(f"warning: ... and {len(report.skipped) - MAX_NAMED} more left out\n")
    if json_out:
        from roadmap_cli.render.jsonout import emit, sync_document

        emit(sync_document(report))
        return
    from roadmap_cli.render.term import write
    from roadmap_cli.render.text import sync_lines

    write(sync_lines(report))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="sync")
