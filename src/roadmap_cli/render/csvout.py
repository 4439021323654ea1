"""The plan as CSV, one row per item, for spreadsheets."""

from __future__ import annotations

import csv
import io

from roadmap_cli.render.units import hours
from roadmap_cli.views.progress import Progress

#: ``hours`` are the project's estimates (no guide gives them); ``hours_are`` says so on every row.
COLUMNS = (
    "id",
    "title",
    "kind",
    "phase",
    "priority",
    "start",
    "end",
    "hours",
    "state",
    "evidence",
    "hours_are",
)


def render_csv(progress: Progress) -> str:
    """One row per item of the plan with its state; done hours over all hours is the percent done."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in progress.items:
        item = entry.item
        writer.writerow(
            [
                item.id,
                item.title,
                item.kind,
                item.phase,
                item.priority,
                item.start.isoformat() if item.start else "",
                item.end.isoformat() if item.end else "",
                f"{hours(item.minutes):g}",
                entry.state,
                entry.evidence or "",
                "estimates",
            ]
        )
    return buffer.getvalue()
