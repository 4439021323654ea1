"""The plan as CSV, one row per item, for spreadsheets."""

from __future__ import annotations

import csv
import io

from roadmap_cli.views.export import ExportPlan

#: ``hours`` are the project's estimates (no guide gives them); ``hours_are`` says so on every row.
COLUMNS = (
    *("id", "title", "kind", "phase", "priority", "start", "end", "hours", "status", "evidence"),
    "hours_are",
)


def render_csv(plan: ExportPlan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in plan.items:
        writer.writerow(
            [
                item.id,
                item.title,
                item.kind,
                item.phase,
                item.priority,
                item.start.isoformat() if item.start else "",
                item.end.isoformat() if item.end else "",
                f"{item.hours:g}",
                item.status,
                " ".join(item.evidence),
                "estimates",
            ]
        )
    return buffer.getvalue()
