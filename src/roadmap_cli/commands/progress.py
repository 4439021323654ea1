"""``roadmap progress export|import``: a complete backup of plans and progress, and merging one back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_cli.commands import help_text

if TYPE_CHECKING:
    from roadmap_cli.render.progress_display import Shown

app = typer.Typer(
    help=help_text("progress", "Example:  roadmap progress export backup.json"),
    no_args_is_help=True,
)

EXPORT_HELP = """Write a complete backup: every plan you made, every tick, skip, note and evidence.

Without FILE (or with -) the backup goes to stdout.

Example:  roadmap progress export ~/roadmap-backup.json
"""

IMPORT_HELP = """Merge a backup into your progress: nothing here is lost or duplicated.

Plans and events already here are recognised and skipped, so importing the same backup twice
changes nothing. The newest plan becomes your active plan.

Example:  roadmap progress import ~/roadmap-backup.json
"""


@app.command("export", help=EXPORT_HELP)
def export_progress(
    file: Annotated[Path | None, typer.Argument(help="Where to write the backup (default: stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    import sys

    from roadmap_cli.output import write_document
    from roadmap_cli.progress.backup import make_backup
    from roadmap_cli.progress.store import NoPlanError, open_store
    from roadmap_cli.render.jsonout import dumps
    from roadmap_cli.safetext import safe

    with open_store(readonly=True) as store:
        if store.active_plan() is None:
            raise NoPlanError()
        backup, skipped = make_backup(store.plans(), store.events())
    write_document(dumps(backup), file, force=force, private=True)
    for line in skipped:
        sys.stderr.write(f"warning: left out of the backup: {safe(line)}\n")


@app.command("import", help=IMPORT_HELP)
def import_progress(
    file: Annotated[Path, typer.Argument(help="A backup made by `roadmap progress export`.")],
) -> None:
    import sys

    from roadmap_cli.render.progress_display import progress_display
    from roadmap_cli.safetext import safe
    from roadmap_cli.speed import gc_paused

    source = "stdin" if str(file) == "-" else str(file)
    # A large backup takes seconds: on a terminal, stderr shows how far it has got.
    with progress_display(3) as shown:
        shown.step("Reading the backup")
        raw = _read(file, source)
        # A large backup makes millions of objects that all live until the import ends and refer to
        # no one in a cycle: the garbage collector would walk them again and again (a fifth of the
        # time of a million-event import) and free nothing. It rests for the import, and they are
        # freed (when ``_merge`` returns) before it is back.
        with gc_paused():
            added_plans, added_events, skipped = _merge(raw, source, shown)
    sys.stderr.write(
        f"Imported {added_events} event{'s' if added_events != 1 else ''} and "
        f"{added_plans} plan{'s' if added_plans != 1 else ''} from {safe(source)}"
        + (f" ({skipped} event{' was' if skipped == 1 else 's were'} already here)" if skipped else "")
        + ".\n"
    )


def _read(file: Path, source: str) -> bytes:
    """Only a regular file (or stdin), looked at before it is read and read no further than the
    limit: a FIFO, /dev/zero or a symlink loop is refused, never waited on."""
    import sys

    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.files import NotRegular, TooLarge, read_bounded, read_regular
    from roadmap_cli.progress.backup import MAX_BACKUP_BYTES

    try:
        if str(file) == "-":
            return read_bounded(sys.stdin.buffer, MAX_BACKUP_BYTES)
        return read_regular(file, MAX_BACKUP_BYTES)
    except FileNotFoundError:
        raise RoadmapError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise RoadmapError(f"{source} is a folder; give a backup file") from None
    except (NotRegular, TooLarge) as exc:
        raise RoadmapError(f"{source} {exc}" if isinstance(exc, NotRegular) else f"{source}: {exc}") from None
    except OSError as exc:
        raise RoadmapError(f"{source}: cannot be read: {exc.strerror or exc}") from None


def _merge(raw: bytes, source: str, shown: Shown) -> tuple[int, int, int]:
    """Check a backup whole, then merge it: plans added, events added, events already here."""
    from roadmap_cli.progress.backup import parse_backup, read_backup
    from roadmap_cli.progress.store import open_store

    shown.step("Checking the backup")
    plans, events = read_backup(parse_backup(raw, source), source)
    shown.step(f"Merging {len(events):,} events into your progress")
    with open_store(readonly=False, create=True) as store:
        added_plans, added_events = store.import_backup(plans, events)
    return added_plans, added_events, len(events) - added_events


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="progress")
