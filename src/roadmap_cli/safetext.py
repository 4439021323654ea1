"""Text from outside (a pack, a backup, a note, a file name) made safe to show on a terminal.

A string that reaches a terminal raw can act instead of being read: an escape sequence may retitle
the window, clear the screen or recolour what follows; a newline or carriage return may forge a
line that looks like roadmap's own. ``safe()`` turns every such character into a visible escape
(``\\x1b``, ``\\n``, ``\\u202e``), so the text is shown, never obeyed. Every human renderer calls it on
what it did not write itself. It imports nothing: the daily commands use it.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls, the line and paragraph separators, the bidirectional marks
#: (U+061C, U+200E, U+200F), overrides and isolates that reorder what a terminal shows ("Trojan
#: Source"), and lone surrogates: a byte that was not UTF-8 in a name or an argument (Python keeps
#: it as U+DC80-U+DCFF) or a ``\ud800`` escape in JSON, which no output encoding can write.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
#: The same, less the newline: for text whose lines the renderer splits itself.
_UNSAFE_INLINE = (
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

#: The same characters as patterns for pack validation, which refuses them (JSON Schema, pydantic).
#: (A pack is UTF-8 YAML: it cannot hold a lone surrogate, so the patterns need not name them.)
ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]*$"
#: ... and for longer text, where newlines are allowed.
LINES = r"^[^\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]*$"

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _compiled(pattern: str) -> re.Pattern[str]:
    """The pattern compiled on first use, not at import: these character classes take about 1.5 ms
    to compile between them, and most runs show only printable text, which never needs them."""
    return re.compile(pattern)  # re keeps the compiled patterns it has made


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as Python keeps it: shown as that byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` on one line with every control, escape and reordering character shown as an escape."""
    if text.isprintable():  # the common case, and a fast one: nothing here can act on a terminal
        return text
    return _compiled(_UNSAFE).sub(_visible, text)


def safe_lines(text: str) -> str:
    """Like ``safe()``, but newlines are kept (for a block the renderer lays out itself)."""
    if text.isprintable():
        return text
    return _compiled(_UNSAFE_INLINE).sub(_visible, text)


#: What json.dumps(ensure_ascii=False) leaves raw that a terminal may act on (it escapes C0 itself).
_UNSAFE_IN_JSON = "[\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def safe_json(text: str) -> str:
    """JSON text with those characters as ``\\uXXXX`` escapes: the same data, safe on a terminal.
    (They can only stand inside strings, where an escape means the very same character.)"""
    if text.isascii():
        return text
    return _compiled(_UNSAFE_IN_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_text(text: str) -> bool:
    """True when ``text`` can be written as UTF-8: it holds no lone surrogate (a byte that was not
    UTF-8 in an argument or a file name, or a ``\\ud800`` escape in JSON)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_one_line(text: str) -> bool:
    """True when ``text`` holds no character that ``safe()`` would have to escape."""
    return text.isprintable() or _compiled(_UNSAFE).search(text) is None
