"""``roadmap progress export|import``: a complete backup of plans and progress, and merging one back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Back up your progress and merge a backup back in.\n\nExample:  roadmap progress export backup.json",
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

    with open_store(readonly=True) as store:
        if store.active_plan() is None:
            raise NoPlanError()
        backup, skipped = make_backup(store.plans(), store.events())
    write_document(dumps(backup), file, force=force)
    for line in skipped:
        sys.stderr.write(f"warning: left out of the backup: {line}\n")


@app.command("import", help=IMPORT_HELP)
def import_progress(
    file: Annotated[Path, typer.Argument(help="A backup made by `roadmap progress export`.")],
) -> None:
    import json
    import sys

    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.progress.backup import read_backup
    from roadmap_cli.progress.store import open_store

    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
        doc = json.loads(text)
    except FileNotFoundError:
        raise RoadmapError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RoadmapError(f"{file}: cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    except json.JSONDecodeError as exc:
        raise RoadmapError(
            f"{file} is not a roadmap progress backup: not JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    plans, events = read_backup(doc, str(file))
    with open_store(readonly=False, create=True) as store:
        added_plans, added_events = store.import_backup(plans, events)
    skipped = len(events) - added_events
    sys.stderr.write(
        f"Imported {added_events} event{'s' if added_events != 1 else ''} and "
        f"{added_plans} plan{'s' if added_plans != 1 else ''} from {file}"
        + (f" ({skipped} events were already here)" if skipped else "")
        + ".\n"
    )


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="progress")
