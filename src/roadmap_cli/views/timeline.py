"""A Gantt-like picture of the plan: one bar per phase over the months, today marked. Pure text.

How the axis reads:

* every month is labelled when each has room for its three letters and a space; otherwise every
  second, third or sixth month, counted from January (so the labels stay the same months whatever
  the start); for long plans, every year, or every 2, 5, 10, 20 or 50 years; and the plan's
  first month, unless it is too short for its label before the next one (a plan from
  22 November starts its axis at Dec);
* a second line gives the year under the first labelled month and under every January (moved
  right by a column or two when the one before it is still being written, left out when that is
  not enough). When only Januaries would be labelled, the month line is left out and the years
  say it all;
* the legend says how far apart the labels are when not every month has one;
* today is a ``│`` down every bar, when it falls inside the plan;
* the done part of a phase is drawn from its start and never to the right of today: work done is
  in the past, even when a re-plan has moved the phase later.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from roadmap_cli.cells import cell_len, fit, ljust
from roadmap_cli.record import Record

if TYPE_CHECKING:
    from roadmap_cli.views.state import PhaseProgress

FULL, DONE, EMPTY, TODAY = "━", "█", "·", "│"
#: Months between labels, tried in order until labels no longer touch.
STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600)
LABEL_ROOM = 4  # "Jan" and a space
YEAR_ROOM = 5  # "2027" and a space: what a yearly label needs


def _on_step(month: date, step: int) -> bool:
    """Whether ``month`` gets a label at ``step`` months between labels, counted from January."""
    return (month.year * 12 + month.month - 1) % step == 0


class Span(Record):
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


class Timeline(Record):
    axis: str  # the month labels
    years: str  # the year under the first month and under each January
    rows: list[tuple[str, str]]  # (label, bar)
    today_column: int | None  # in the bar
    step: int  # months between month labels
    labelled: tuple[date, ...]  # the first day of each month that has a label

    @property
    def lines(self) -> list[str]:
        return [self.axis, self.years, *(f"{label} {bar}" for label, bar in self.rows)]


def _months(start: date, end: date) -> list[date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _short(label: str, width: int) -> str:
    """``label`` cut between words to ``width`` terminal cells, with an ellipsis when cut."""
    if cell_len(label) <= width:
        return label
    words, kept = label.split(), ""
    for word in words:
        candidate = f"{kept} {word}".strip()
        if cell_len(candidate) > width - 1:
            break
        kept = candidate
    return kept + "…" if kept else fit(label, width)


def timeline(
    spans: list[Span], start: date, end: date, today: date | None, width: int = 48, label_width: int = 28
) -> Timeline:
    """Bars over ``width`` columns from ``start`` to ``end``, labels at most ``label_width`` wide
    (cut between words; under 12, only the phase numbers)."""
    days = max(1, (end - start).days + 1)
    width = max(8, min(width, days))

    def column(day: date) -> int:
        return min(width - 1, max(0, (day - start).days * width // days))

    months = _months(start, end)
    cols = [0, *(column(m) for m in months[1:])]
    step = STEPS[-1]
    for candidate in STEPS:
        marks = [c for m, c in zip(months[1:], cols[1:], strict=True) if _on_step(m, candidate)]
        room = LABEL_ROOM if candidate < 12 else YEAR_ROOM
        if all(b - a >= room for a, b in pairwise(marks)):
            step = candidate
            break
    chosen = [(m, c) for n, (m, c) in enumerate(zip(months, cols, strict=True)) if not n or _on_step(m, step)]
    room = LABEL_ROOM if step < 12 else YEAR_ROOM
    if len(chosen) > 1 and chosen[1][1] - chosen[0][1] < room:
        chosen = chosen[1:]  # a first month too short for its label: the next one starts the axis
    axis = [" "] * width
    labelled: list[date] = []
    for month, col in chosen:
        text = f"{month:%b}"
        if col + len(text) > width:
            continue
        axis[col : col + len(text)] = text
        labelled.append(month)
    years = [" "] * width
    last_end = -1
    for n, (month, col) in enumerate(chosen):
        if n and month.month != 1:
            continue
        text = str(month.year)
        at = max(col, last_end + 1)
        if at + len(text) > width or at > col + 2:
            continue
        years[at : at + len(text)] = text
        last_end = at + len(text)

    today_column = column(today) if today is not None and start <= today <= end else None
    if today is not None and today > end:
        past = width  # every column is in the past
    elif today_column is not None:
        past = today_column
    else:
        past = 0
    longest = max((cell_len(s.label) for s in spans), default=0)
    numbers_only = label_width < min(12, longest)
    if numbers_only:  # too narrow for names: the phase numbers, which every view gives with the names
        spans = [Span(s.label.split(" ")[0], s.start, s.end, s.done) for s in spans]
        longest = max((cell_len(s.label) for s in spans), default=0)
    label_width = min(label_width, longest)
    rows = []
    for span in spans:
        first, last = column(span.start), column(span.end)
        filled = last - first + 1
        done_cols = min(round(filled * min(1.0, max(0.0, span.done))), max(0, past - first))
        bar = [EMPTY] * width
        for c in range(first, last + 1):
            bar[c] = DONE if c - first < done_cols else FULL
        if today_column is not None:
            bar[today_column] = TODAY
        rows.append((ljust(_short(span.label, label_width), label_width), "".join(bar)))
    pad = " " * (label_width + 1)
    return Timeline(
        "" if step >= 12 else pad + "".join(axis).rstrip(),  # every label a January: the years say it
        pad + "".join(years).rstrip(),
        rows,
        today_column,
        step,
        tuple(labelled),
    )
