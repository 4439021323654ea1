"""How wide text is on a terminal, in cells, and how to cut it there: the one place that knows.

A terminal draws most characters in one cell, East Asian wide characters (``東``) and most emoji in
two, and combining marks (the accent of ``é`` written as ``e`` + U+0301), zero-width joiners and
variation selectors in none; an emoji sequence (``👩‍💻``, a flag) is one picture two cells wide.
Counting characters makes CJK and emoji lines wider than the terminal and pushes columns out of
line, and combining marks pull them in. :func:`cell_len` counts cells instead.

**Why Rich here, and only here.** The project keeps Rich out of the layout (see
:mod:`roadmap_cli.render.term`) and ruff bans ``import rich`` elsewhere: it costs tens of
milliseconds to import, on commands that run in a few. But its cell measurement
(``rich.cells``: East Asian width, emoji sequences, combining marks, kept up to date with Unicode)
is the well-kept table a layout needs, and Rich is already a dependency. So this module imports
``rich.cells`` alone (``pyproject.toml`` lifts the ban for this file), and only for text that needs
it: ASCII, Latin text and roadmap's own marks are measured by ``len`` without importing anything.

Measured with ``python -X importtime``: ``import rich.cells`` costs about 12 ms in a bare
interpreter (most of it ``typing``, which the rich package's ``__init__`` imports), and 2.5 to
4.5 ms inside ``roadmap status`` (which has loaded ``typing`` already). The daily commands over
the built-in content never pay it, as every character they draw is in the fast set below;
``tests/test_startup.py`` keeps Rich off their start-up.
"""

from __future__ import annotations

import re

from roadmap_cli.guard import ASCII_MARKS

#: Characters from U+0300 on that are one cell wide and that roadmap itself draws (its marks, bars,
#: arrows, dashes and quotes), so that the views over the built-in content never import Rich.
_ONE_CELL = "".join(sorted({c for c in (*ASCII_MARKS, *"✓»◐!◆○?★▸✗━·█░│▏▕─") if c >= "\u0300"}))
#: A character that may not be one cell: from U+0300 on (where combining marks start), less the
#: above. Searched for at C speed: most text roadmap draws has none.
_NOT_SIMPLE = re.compile(f"[^\x00-\u02ff{re.escape(_ONE_CELL)}]")


def simple(text: str) -> bool:
    """True when every character of ``text`` is one cell wide, known without a table."""
    return text.isascii() or _NOT_SIMPLE.search(text) is None


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes (it holds no control characters: ``safe()`` saw to
    that)."""
    if simple(text):
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def is_wide(text: str) -> bool:
    """True when ``text`` takes more cells than it has characters: a word of CJK or emoji, which
    may be broken between its characters (there are no spaces to break at)."""
    return not simple(text) and cell_len(text) > len(text)


def chop(text: str, width: int) -> list[str]:
    """``text`` in pieces of at most ``width`` cells, never inside a character's cells, an emoji
    sequence or a letter and its combining marks."""
    if simple(text):
        return [text[i : i + width] for i in range(0, len(text), max(1, width))] or [""]
    from rich.cells import chop_cells

    return chop_cells(text, max(1, width)) or [""]


def ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` cells (as ``str.ljust`` does for characters)."""
    return text + " " * (width - cell_len(text))


def rjust(text: str, width: int) -> str:
    return " " * (width - cell_len(text)) + text


def fit(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``width`` cells, ``ellipsis`` at the end when it was cut."""
    if cell_len(text) <= width:
        return text
    room = max(0, width - cell_len(ellipsis))
    return (chop(text, room)[0] if room else "") + ellipsis
