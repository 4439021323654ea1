"""The plan as CSV, one row per item, for spreadsheets."""

from __future__ import annotations

import csv
import io

from roadmap_cli.views.export import ExportPlan

COLUMNS = ("id", "title", "kind", "phase", "priority", "start", "end", "hours", "status", "evidence")


#: What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"), the full-width
#: forms some spreadsheets read the same way, and the controls that can hide one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def cell(text: str) -> str:
    """Text as a cell a spreadsheet shows and never runs: a leading ' when it could start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_csv(plan: ExportPlan) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in plan.items:
        writer.writerow(
            [
                cell(item.id),
                cell(item.title),
                cell(item.kind),
                cell(item.phase),
                cell(item.priority),
                item.start.isoformat() if item.start else "",
                item.end.isoformat() if item.end else "",
                f"{item.hours:g}",
                cell(item.status),
                cell(" ".join(item.evidence)),
            ]
        )
    return buffer.getvalue()
