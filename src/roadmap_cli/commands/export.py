"""``roadmap export``: the active plan and its progress as Markdown, JSON, CSV or a calendar."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import complete_tz

HELP = help_text(
    "export",
    """md: a GitHub task list per phase and week, ticked as you tick. json: the whole plan with progress.
csv: one row per item, for spreadsheets. ics: an all-day event per milestone and project; with
--at 19:00 a session on every study day of the plan, as long as that day's planned time (never on a
break or a holiday); or with --sessions your own weekly sessions, each saying what to study. --alarm
10m adds a reminder. Importing a new .ics of the same plan updates the events instead of adding
copies.

Example:  roadmap export --format ics --at "mon-fri 19:00, sat 10:00" --alarm 10m --output plan.ics
""",
)


class Format(str, Enum):
    md = "md"
    json = "json"
    csv = "csv"
    ics = "ics"


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
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="TIME",
            help='ics only: start each study day\'s session then, e.g. 19:00 or "mon-fri 19:00, sat 10:00".',
        ),
    ] = None,
    alarm: Annotated[
        str | None,
        typer.Option("--alarm", metavar="BEFORE", help="ics only: a reminder before each session, e.g. 10m."),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            help="ics only: time zone of the sessions (default: this machine's).",
            autocompletion=complete_tz,
        ),
    ] = None,
) -> None:
    from datetime import datetime

    from roadmap_cli.commands.options import today
    from roadmap_cli.errors import UsageError
    from roadmap_cli.lookup import read_progress
    from roadmap_cli.output import write_document
    from roadmap_cli.progress.store import NoPlanError, open_store

    if fmt is not Format.ics and any(o is not None for o in (sessions, tz, at, alarm)):
        raise UsageError("--sessions, --at, --alarm and --tz go with --format ics")
    if sessions is not None and at is not None:
        raise UsageError("give --sessions (your own weekly times) or --at (the plan's days), not both")
    if alarm is not None and sessions is None and at is None:
        raise UsageError("--alarm reminds you of timed sessions: give --at or --sessions too")
    with open_store(readonly=True) as store:
        stored = store.active_plan()
        if stored is None:
            raise NoPlanError()
        progress = read_progress(store, today())
    data: str | bytes
    if fmt is Format.md:
        from roadmap_cli.render.markdown import render_markdown

        data = render_markdown(progress)
    elif fmt is Format.csv:
        from roadmap_cli.render.csvout import render_csv

        data = render_csv(progress)
    elif fmt is Format.json:
        from roadmap_cli.render.jsonout import dumps, export_document

        data = dumps(export_document(progress))
    else:
        import sys

        from roadmap_cli.render.ical import booked_short, parse_alarm, parse_at, parse_sessions, render_ics

        chosen = parse_sessions(sessions) if sessions is not None else None
        starts = parse_at(at) if at is not None else None
        before = parse_alarm(alarm) if alarm is not None else None
        data = render_ics(
            progress,
            sessions=chosen,
            tz=tz,
            stamp=datetime.fromisoformat(stored.created_at),
            at=starts,
            alarm=before,
        )
        short = booked_short(progress.plan, chosen) if chosen else None
        if short:
            sys.stderr.write(short)
    write_document(data, output, force=force)


def register(app: typer.Typer) -> None:
    app.command("export", help=HELP)(export)
