"""A Gantt-like picture of the plan: one bar per phase over the months, today marked. Pure text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap_cli.views.progress import PhaseProgress

FULL, DONE, EMPTY, TODAY = "━", "█", "·", "│"


@dataclass(frozen=True)
class Span:
    label: str
    start: date
    end: date
    done: float = 0.0  # the share of the phase's hours already done, 0..1


def phase_spans(phases: Iterable[PhaseProgress]) -> list[Span]:
    """One span per phase with planned dates, labelled by its number and short title, done share filled."""
    return [
        Span(f"{p.number}. {p.title.split(':')[0]}", p.start, p.end, p.totals.share)
        for p in phases
        if p.start is not None and p.end is not None
    ]


@dataclass(frozen=True)
class Timeline:
    axis: str
    rows: list[tuple[str, str]]  # (label, bar)
    today_column: int | None
    legend: str


def timeline(spans: list[Span], start: date, end: date, today: date | None, width: int = 48) -> Timeline:
    """Bars over ``width`` columns from ``start`` to ``end``; ``today`` is marked when inside."""
    days = max(1, (end - start).days + 1)
    width = max(8, min(width, days))

    def column(day: date) -> int:
        return min(width - 1, max(0, (day - start).days * width // days))

    def day_of(col: int) -> date:
        return start + timedelta(days=col * days // width)

    axis = [" "] * width
    col = 0
    while col < width:
        here = day_of(col)
        if col == 0 or here.month != day_of(col - 1).month:
            label = f"{here:%b}"
            if col + len(label) <= width and all(c == " " for c in axis[max(0, col - 1) : col + len(label)]):
                axis[col : col + len(label)] = label
                col += len(label)
                continue
        col += 1
    today_column = column(today) if today is not None and start <= today <= end else None
    label_width = min(28, max((len(s.label) for s in spans), default=0))
    rows = []
    for span in spans:
        first, last = column(span.start), column(span.end)
        filled = last - first + 1
        done_cols = round(filled * min(1.0, max(0.0, span.done)))
        bar = [EMPTY] * width
        for c in range(first, last + 1):
            bar[c] = DONE if c - first < done_cols else FULL
        if today_column is not None:
            bar[today_column] = TODAY
        label = span.label if len(span.label) <= label_width else span.label[: label_width - 1] + "…"
        rows.append((label.ljust(label_width), "".join(bar)))
    legend = f"{DONE} done  {FULL} planned"
    if today_column is not None and today is not None:
        legend += f"  {TODAY} today ({today.isoformat()})"
    return Timeline(" " * label_width + " " + "".join(axis), rows, today_column, legend)
