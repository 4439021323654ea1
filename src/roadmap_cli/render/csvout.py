"""The plan as CSV, one row per item, for spreadsheets."""

from __future__ import annotations

import csv
import io

from roadmap_cli.render.units import hours
from roadmap_cli.safetext import safe
from roadmap_cli.views.state import Progress

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


#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"), the full-width
#: forms some spreadsheets read the same way, and the controls that can hide one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cell(text: str) -> str:
    """Text as a cell a spreadsheet shows and never runs: a leading ' when it could start a formula,
    and every control, escape and reordering character as a visible escape (``\\x1b``), as the
    terminal views show them: the export often goes to a terminal first."""
    if text.startswith(FORMULA_STARTS):
        return "'" + safe(text)
    return safe(text)


def render_csv(progress: Progress) -> str:
    """One row per item of the plan with its state; done hours over all hours is the percent done."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in progress.items:
        item = entry.item
        writer.writerow(
            [
                cell(item.id),
                cell(item.title),
                cell(item.kind),
                cell(item.phase),
                cell(item.priority),
                item.start.isoformat() if item.start else "",
                item.end.isoformat() if item.end else "",
                f"{hours(item.minutes):g}",
                cell(entry.state),
                cell(entry.evidence or ""),
                "estimates",
            ]
        )
    return buffer.getvalue()
