"""``roadmap export``: the active plan and its progress as Markdown, JSON, CSV or a calendar."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

HELP = """Export your plan and progress as Markdown, JSON, CSV or a calendar (.ics).

md: a GitHub task list per phase and week, ticked as you tick. json: the whole plan with progress.
csv: one row per item, for spreadsheets. ics: an all-day event per milestone and project, and with
--sessions timed study sessions each week saying what to study. Importing a new .ics of the same
plan updates the events instead of adding copies.

Example:  roadmap export --format ics --sessions "mon,wed 19:00-21:00" --output plan.ics
"""

#: Bump when a key of `roadmap export --format json` is removed or changes meaning.
EXPORT_JSON_VERSION = 1


class Format(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    ics = "ics"


def export_document(snapshot: dict[str, Any], progress: dict[str, Any], items: list[Any]) -> dict[str, Any]:
    return {
        "version": EXPORT_JSON_VERSION,
        "plan": snapshot,
        "items": [
            {
                "id": i.id,
                "title": i.title,
                "kind": i.kind,
                "phase": i.phase,
                "priority": i.priority,
                "hours": i.hours,
                "start": i.start.isoformat() if i.start else None,
                "end": i.end.isoformat() if i.end else None,
                "status": i.status,
                "notes": list(i.notes),
                "evidence": list(i.evidence),
            }
            for i in items
        ],
        "progress": progress,
    }


def export(
    fmt: Annotated[
        Format, typer.Option("--format", "-F", help="md, json, csv or ics.", case_sensitive=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of stdout.", dir_okay=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
    sessions: Annotated[
        str | None,
        typer.Option(
            "--sessions",
            help='ics only: weekly study sessions, e.g. "mon,wed 19:00-21:00; sat 10:00-12:30".',
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option("--tz", help="ics only: time zone of the sessions (default: this machine's)."),
    ] = None,
) -> None:
    from datetime import datetime

    from roadmap_cli.errors import UsageError
    from roadmap_cli.output import write_document
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.views.export import build_export, progress_of

    if fmt is not Format.ics and (sessions is not None or tz is not None):
        raise UsageError("--sessions and --tz go with --format ics")
    with open_store(readonly=True) as store:
        saved = store.require_plan()
        state = store.state()
    plan = build_export(saved.snapshot_json, progress_of(state))
    data: str | bytes
    if fmt is Format.md:
        from roadmap_cli.render.markdown import render_markdown

        data = render_markdown(plan)
    elif fmt is Format.csv:
        from roadmap_cli.render.csvout import render_csv

        data = render_csv(plan)
    elif fmt is Format.json:
        import json

        progress = {
            item_id: {
                "ticked": s.ticked,
                "skipped": s.skipped,
                "ticked_at": s.ticked_at,
                "notes": s.notes,
                "evidence": s.evidence,
            }
            for item_id, s in sorted(state.items.items())
        }
        from roadmap_cli.safetext import safe_json

        data = safe_json(
            json.dumps(
                export_document(saved.snapshot_json, progress, plan.items), indent=2, ensure_ascii=False
            )
        )
        data += "\n"
    else:
        from roadmap_cli.render.ical import parse_sessions, render_ics

        chosen = parse_sessions(sessions) if sessions is not None else None
        stamp = datetime.fromisoformat(saved.created_at)
        data = render_ics(plan, sessions=chosen, tz=tz, stamp=stamp)
    write_document(data, output, force=force)


def register(app: typer.Typer) -> None:
    app.command("export", help=HELP)(export)
