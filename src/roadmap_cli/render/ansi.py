"""Plain terminal text: ANSI colour only on a terminal and never with NO_COLOR, wrapping to its width.

The views people run many times a day (`plan`, `status`, `next`, `check`) draw with this instead of
Rich: it costs nothing to import.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING

from roadmap_cli.safetext import safe

if TYPE_CHECKING:
    from datetime import date

    from roadmap_cli.views.timeline import Span

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "magenta": "35",
    "cyan": "36",
}


def colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def paint(text: str, *styles: str) -> str:
    if not styles or not text or not colour():
        return text
    return f"\033[{';'.join(_CODES[s] for s in styles)}m{text}\033[0m"


#: Wider than any terminal: a larger COLUMNS is a mistake (or an attack on memory), not a screen.
MAX_WIDTH = 1000


def width() -> int:
    """The terminal's width (or COLUMNS), 80 when there is no terminal, from 40 to MAX_WIDTH."""
    return min(MAX_WIDTH, max(40, shutil.get_terminal_size((80, 24)).columns))


def wrap(text: str, size: int) -> list[str]:
    return textwrap.wrap(text, max(10, size), break_on_hyphens=False) or [""]


def timeline_lines(spans: list[Span], start: date, end: date, today: date | None, columns: int) -> list[str]:
    """The phase timeline, painted: done in green, planned in cyan, today in bold magenta."""
    from roadmap_cli.views.timeline import DONE, FULL, TODAY, timeline  # only `status` draws one

    picture = timeline(spans, start, end, today, width=max(16, min(60, columns - 32)))
    styles = {DONE: ("green",), FULL: ("cyan",), TODAY: ("bold", "magenta")}
    lines = [paint(picture.axis, "dim")]
    for label, bar in picture.rows:
        lines.append(safe(label) + " " + "".join(paint(c, *styles.get(c, ("dim",))) for c in bar))
    lines.append(paint(picture.legend, "dim"))
    return lines
