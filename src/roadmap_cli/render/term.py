"""The one layer every human (non-JSON) view goes through: the terminal, its marks, its layout.

**What it decides, once per run** (:func:`term`):

* *colour*: off with ``NO_COLOR``, on with ``FORCE_COLOR``, off for ``TERM=dumb``, else on only when
  stdout is a terminal;
* *width*: the terminal's (or ``COLUMNS``), 80 when there is none, never under 40;
* *marks*: Unicode, or ASCII stand-ins when stdout's encoding cannot show them, with ``--ascii`` or
  with ``ROADMAP_ASCII=1``. The test and the stand-ins are the process guard's
  (:mod:`roadmap_cli.guard`), which gives the same ones to anything else written.

Text that did not come from roadmap (pack titles, notes, file names) passes
:func:`roadmap_cli.safetext.safe` on its way through the layout, so it is shown, never obeyed.

**How it lays out**: views build plain strings; this module wraps them between words (never at
a hyphen, so an id is never cut; a run of CJK or emoji, which has no spaces, between its
characters), measures them in terminal cells (:mod:`roadmap_cli.cells`: a CJK character
or an emoji takes two, a combining mark none), aligns columns, and paints *after* layout, so
colour codes never count as width. Tables that cannot fit with every column at least as wide as
its longest word (or that would squeeze a column thin) are drawn as one record per row instead.
No line is wider than the width, with one exception: a single word wider than the whole line (a
long file path) runs past it rather than being cut, so it can still be copied whole.

**Why not Rich here.** Rich is the project's library for terminal output, and a first version drew
half the views with it. It costs about 35 ms to import (the daily commands take about 70 ms in
all), and its tables fold words in narrow columns, which the layout promise forbids. Two renderers
meant two colour decisions and two ideas of width, so every human view now goes through this one
module: one layout, from one piece of code, for the daily commands and the reference tables alike.
It imports only the standard library.

Colours: bold, green, red, cyan and magenta carry meaning; yellow and dim never carry it alone
(each warning also has a ``!`` mark or a word), so a light background loses nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from functools import cache

from roadmap_cli.cells import cell_len, chop, is_wide, ljust, rjust, simple
from roadmap_cli.guard import ASCII_MARKS, can_show_marks
from roadmap_cli.record import Record
from roadmap_cli.safetext import safe

NBSP = "\xa0"
MIN_WIDTH = 40
#: Wider than any terminal: a larger COLUMNS is a mistake, not a screen.
MAX_WIDTH = 1000
#: Prose (paragraphs, notes) stops here even on a wider terminal: long lines are hard to read.
PROSE_WIDTH = 100

ASCII_ENV = "ROADMAP_ASCII"

#: The vocabulary of marks: the same meaning in every view, with its ASCII stand-in. Each is one
#: column wide either way, so columns line up in both.
MARKS: dict[str, tuple[str, str]] = {
    "done": ("✓", "x"),
    "skipped": ("»", "/"),
    "progress": ("◐", "~"),
    "overdue": ("!", "!"),
    "ends": ("◆", "+"),
    "todo": ("○", "o"),
    "unscheduled": ("?", "?"),
    "cert": ("★", "*"),
    "current": ("▸", ">"),
    "pointer": ("❯", ">"),  # the cursor of a checklist
    "failed": ("✗", "X"),
    "warn": ("!", "!"),
}
#: What each mark means, for the legends at the top of the long views.
MEANING = {
    "done": "done",
    "skipped": "skipped",
    "progress": "in progress",
    "overdue": "overdue",
    "ends": "ends this month",
    "todo": "to do",
    "unscheduled": "not in the schedule",
    "cert": "certification study starts",
}

#: Every other character: the stand-ins the process guard gives any ASCII-only output, so a
#: view and a message say the same thing (the marks above first: they keep one column each).
ASCII_TEXT = {**ASCII_MARKS, **dict(MARKS.values())}

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "magenta": "35", "cyan": "36"}


def _flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


class Term(Record):
    width: int
    colour: bool
    ascii: bool

    @property
    def prose(self) -> int:
        return min(self.width, PROSE_WIDTH)

    def mark(self, name: str) -> str:
        unicode, ascii = MARKS[name]
        return ascii if self.ascii else unicode

    def paint(self, text: str, *styles: str) -> str:
        if not styles or not text or not self.colour:
            return text
        return f"\033[{';'.join(_CODES[s] for s in styles)}m{text}\033[0m"

    def legend(self, *names: str) -> str:
        return "  ".join(f"{self.mark(n)} {MEANING[n]}" for n in names)

    def plain(self, text: str) -> str:
        """``text`` as the output can show it: ASCII stand-ins when it must, accents dropped."""
        if not self.ascii or text.isascii():
            return text
        import unicodedata

        out = []
        for char in text:
            if char.isascii():
                out.append(char)
            elif char in ASCII_TEXT:
                out.append(ASCII_TEXT[char])
            else:
                out.append(unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?")
        return "".join(out)


#: What the command line asked for (``--ascii``, ``--no-pager``), on top of the environment.
_ASKED: dict[str, bool] = {}


def configure(*, ascii_marks: bool = False, no_pager: bool = False) -> None:
    """Take the global options of this run; the terminal is decided again on first use."""
    _ASKED.clear()
    _ASKED.update(ascii=ascii_marks, no_pager=no_pager)
    term.cache_clear()


def pager_refused() -> bool:
    return _ASKED.get("no_pager", False)


@cache
def term() -> Term:
    """The terminal this run writes to: decided once."""
    stream = sys.stdout
    tty = bool(getattr(stream, "isatty", lambda: False)())
    if "NO_COLOR" in os.environ and os.environ["NO_COLOR"] != "":
        colour = False
    elif _flag("FORCE_COLOR"):
        colour = True
    elif os.environ.get("TERM") == "dumb":
        colour = False
    else:
        colour = tty
    try:
        columns = shutil.get_terminal_size((80, 24)).columns
    except (ValueError, OSError):
        columns = 80
    ascii_marks = _ASKED.get("ascii", False) or _flag(ASCII_ENV) or not can_show_marks(stream)
    return Term(width=min(MAX_WIDTH, max(MIN_WIDTH, columns)), colour=colour, ascii=ascii_marks)


def reset() -> None:
    """Forget the decision (tests that change the environment between runs in one process)."""
    term.cache_clear()


_ANSI = re.compile("\x1b\\[[0-9;]*m")


def visible_len(text: str) -> int:
    """How many terminal cells ``text`` takes, colour codes aside."""
    return cell_len(_ANSI.sub("", text)) if "\x1b" in text else cell_len(text)


# -- layout -----------------------------------------------------------------------------------------


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken between words only: never inside an id or
    at a hyphen. A word wider than the whole line (a long file path) gets a line of its own and
    runs past the width rather than being cut, so it can still be copied whole."""
    text = safe(text)  # text from packs and notes is shown, never obeyed by the terminal
    if simple(text):  # one cell a character: the standard library's wrapping counts right
        return textwrap.wrap(text, max(1, width), break_on_hyphens=False, break_long_words=False) or [""]
    return _wrap_cells(text, max(1, width))


_TOKENS = re.compile(r" +|[^ ]+")


def _wrap_cells(text: str, width: int) -> list[str]:
    """``wrap()`` for text whose cells are not its characters: lines of at most ``width`` cells,
    broken between words, and inside a word of wide characters (CJK, emoji: no spaces to break
    at) between its characters. A word of narrow ones wider than the line still runs past it."""
    lines: list[str] = []
    line, used, space = "", 0, ""
    for token in _TOKENS.findall(text):
        if token.startswith(" "):
            space = token if line else ""
            continue
        size = cell_len(token)
        if line and used + len(space) + size <= width:
            line, used, space = line + space + token, used + len(space) + size, ""
            continue
        if is_wide(token):
            room = width - used - len(space) if line else width
            head = chop(token, room)[0] if room >= 2 else ""
            if head and line:
                line, token = line + space + head, token[len(head) :]
            pieces = chop(token, width) if token else []
            if line:
                lines.append(line)
            lines += pieces[:-1]
            line = pieces[-1] if pieces else ""
        else:
            if line:
                lines.append(line)
            line = token
        used, space = cell_len(line), ""
    if line or not lines:
        lines.append(line)
    return lines


def para(
    text: str,
    *styles: str,
    indent: int = 0,
    first: str = "",
    width: int | None = None,
    first_styles: Sequence[str] = ("bold",),
) -> list[str]:
    """A paragraph wrapped to the prose width (or ``width``), ``first`` (already painted, a mark
    or a label) before its first line and the rest indented under it. A ``first`` too long to
    share a line is wrapped on lines of its own (painted with ``first_styles``), the text below."""
    t = term()
    size = (width or t.prose) - indent
    lead = visible_len(first)
    pad = " " * indent
    if lead > size // 2 and lead + cell_len(text) > size:
        heads = wrap(_ANSI.sub("", first).strip(), size)
        rest = wrap(text, size - 2)
        return [pad + t.paint(h, *first_styles) for h in heads] + [
            pad + "  " + t.paint(r, *styles) for r in rest
        ]
    if lead and _longest_word(text) > size - lead:  # a long path or URL: below its label, whole
        return [pad + first.rstrip()] + [pad + "    " + t.paint(r, *styles) for r in wrap(text, size - 4)]
    lines = wrap(text, size - lead)
    out = [pad + (first + t.paint(lines[0], *styles))]
    if len(lines) > 1:
        hang = lead if lead <= max(12, size // 3) else 4  # a long lead: the rest starts under it
        rest = wrap(" ".join(lines[1:]), size - hang) if hang != lead else lines[1:]
        out += [pad + " " * hang + t.paint(line, *styles) for line in rest]
    return out


#: The widest the id column of a list of items gets: a longer id takes a line of its own.
ID_COLUMN = 24


def item(mark: str, item_id: str, text: str, *styles: str, id_width: int = 0, tail: str = "") -> list[str]:
    """One row of a list of plan items: ``mark id  text  tail``.

    The id sits in its own column (``id_width`` wide) left of the text when both fit; on a narrow
    terminal the text goes on the lines below it. The id is never broken; ``tail`` (hours, a date)
    is dim and wraps with the text.
    """
    t = term()
    item_id = safe(item_id)
    # The id column: as wide as the longest id of the list, up to ID_COLUMN; a longer id goes whole on
    # its own line, its text below in the same column as the others'.
    id_width = min(max(id_width, cell_len(item_id)), ID_COLUMN) if id_width else cell_len(item_id)
    long_id = cell_len(item_id) > id_width
    head = f"  {mark} "
    head_width = 2 + visible_len(mark) + 1
    # A short tail is kept whole: its spaces do not break until the line is laid out.
    whole = tail.replace(" ", NBSP) if len(tail) <= 24 else tail
    words = text + (f"  {whole}" if tail else "")
    text_width = t.width - head_width - id_width - 2
    styled_id = t.paint(item_id, "cyan")

    def painted(line: str) -> str:
        line = line.replace(NBSP, " ")
        if tail and line.endswith(tail):
            return t.paint(line[: -len(tail)], *styles) + t.paint(tail, "dim")
        part_of_tail = bool(tail) and bool(line.strip()) and tail.endswith(line.strip())
        return t.paint(line, *(("dim",) if part_of_tail else styles))

    if text_width >= 24 and long_id:
        return [
            head + styled_id,
            *(" " * (head_width + id_width + 2) + painted(line) for line in wrap(words, text_width)),
        ]
    if text_width >= 24:
        lines = wrap(words, text_width)
        out = [head + styled_id + " " * (id_width - cell_len(item_id) + 2) + painted(lines[0])]
        out += [" " * (head_width + id_width + 2) + painted(line) for line in lines[1:]]
        return out
    indent = " " * (head_width + 2)
    return [head + styled_id, *(indent + painted(line) for line in wrap(words, t.width - len(indent)))]


def fields(pairs: Sequence[tuple[str, str]], *, indent: int = 2, dim: Sequence[str] = ()) -> list[str]:
    """``Label  value`` lines, labels in one dim column, each value wrapped beside its label (or
    below it, when the terminal is too narrow for both); the values of the ``dim`` labels dim."""
    t = term()
    # Measured as they will be written: an ASCII stand-in can be longer than its mark (£ is GBP).
    pairs = [(t.plain(label), t.plain(value)) for label, value in pairs]
    label_width = max((cell_len(label) for label, _ in pairs), default=0)
    out: list[str] = []
    for label, value in pairs:
        styles = ("dim",) if label in dim else ()
        room = t.prose - indent - label_width - 2
        if room >= max(24, _longest_word(value)):
            lines = wrap(value, room)
            out.append(
                " " * indent + t.paint(ljust(label, label_width), "dim") + "  " + t.paint(lines[0], *styles)
            )
            out += [" " * (indent + label_width + 2) + t.paint(line, *styles) for line in lines[1:]]
        else:
            out.append(" " * indent + t.paint(label, "dim"))
            out += [" " * (indent + 2) + t.paint(line, *styles) for line in wrap(value, t.width - indent - 2)]
    return out


class Column(Record):
    header: str
    styles: tuple[str, ...] = ()
    right: bool = False


def _longest_word(text: str) -> int:
    """The cells of the widest word that cannot be broken (a run of wide characters can: two)."""
    return max((min(2, cell_len(w)) if is_wide(w) else cell_len(w) for w in text.split()), default=0)


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]], *, gap: int = 2) -> list[str]:
    """Rows under bold headers, each column as wide as it needs and wrapped between words when the
    terminal is narrower than that. When even every column at its longest word does not fit, each
    row is shown as a record instead (its first cell, then ``header: value`` lines)."""
    t = term()
    count = len(columns)
    # Measured as they will be written: an ASCII stand-in can be longer than its mark (£ is GBP).
    columns = [Column(t.plain(c.header), c.styles, c.right) for c in columns]
    rows = [[t.plain(cell) for cell in row] for row in rows]
    natural = [
        max(
            [
                cell_len(c.header),
                *(max((cell_len(ln) for ln in row[i].split("\n")), default=0) for row in rows),
            ]
        )
        for i, c in enumerate(columns)
    ]
    least = [
        max([_longest_word(c.header), *(_longest_word(row[i]) for row in rows)])
        for i, c in enumerate(columns)
    ]
    room = t.width - gap * (count - 1)
    if sum(least) > room:
        return _records(columns, rows)
    widths = list(natural)
    while sum(widths) > room:
        # Take a column from the one with the most to give, relative to its own natural width.
        i = max(range(count), key=lambda k: (widths[k] - least[k], widths[k]))
        widths[i] -= 1
    if any(w < min(n, 16) for w, n in zip(widths, natural, strict=True)):
        return _records(columns, rows)  # columns squeezed that thin read worse than records
    cells = [[_cell(row[i], widths[i]) for i in range(count)] for row in rows]
    head = [_cell(c.header, widths[i]) for i, c in enumerate(columns)]
    out = _lay(head, widths, [("bold",)] * count, columns, gap)
    for row in cells:
        out += _lay(row, widths, [c.styles for c in columns], columns, gap)
    return out


def _cell(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        lines += wrap(part, width)
    return lines


def _lay(
    cells: list[list[str]],
    widths: list[int],
    styles: Sequence[Sequence[str]],
    columns: Sequence[Column],
    gap: int,
) -> list[str]:
    t = term()
    height = max(len(c) for c in cells)
    out = []
    for n in range(height):
        parts = []
        for i, cell in enumerate(cells):
            text = cell[n] if n < len(cell) else ""
            padded = rjust(text, widths[i]) if columns[i].right else ljust(text, widths[i])
            parts.append(t.paint(padded, *styles[i]) if text else padded)
        out.append((" " * gap).join(parts).rstrip())
    return out


def _records(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[str]:
    t = term()
    out: list[str] = []
    for row in rows:
        if out:
            out.append("")
        name, *more = row[0].split("\n")
        out += [t.paint(line, "bold") for line in wrap(name, t.width)]
        out += [*(line for text in more for line in para(text, "dim", indent=2, width=t.width))]
        pairs = [(c.header, " · ".join(row[i].split("\n"))) for i, c in enumerate(columns) if i and row[i]]
        out += fields(pairs)
    return out


def heading(text: str, *styles: str) -> list[str]:
    t = term()
    return [t.paint(line, "bold", *styles) for line in wrap(text, t.width)]


# -- output ---------------------------------------------------------------------------------------


def write(text: str | Iterable[str], *, pager: bool = False, notice: str = "") -> None:
    """Write a view to stdout (lines, or text with its newlines), in marks the output can show.

    With ``pager``, a view taller than the terminal goes through the pager, ``notice`` (a message
    such as "Saved as your active plan") on its first line, where the reader sees it; otherwise
    ``notice`` goes to stderr before the view."""
    body = term().plain(text if isinstance(text, str) else "\n".join(text) + "\n")
    if notice:  # messages are laid out like the view: to the width, between words
        notice = "".join("\n".join(para(line, width=term().width)) + "\n" for line in notice.splitlines())
    if pager and sys.stdout.isatty() and not pager_refused():
        from roadmap_cli.render.pager import page

        if page(term().plain(notice) + body):
            return
    if notice:
        sys.stdout.flush()
        sys.stderr.write(notice)
        sys.stderr.flush()
    sys.stdout.write(body)
    sys.stdout.flush()
