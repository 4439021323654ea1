"""Error types and the exit codes they map to: the one place that decides them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # something went wrong at run time (database, file system)
    USAGE = 2  # a bad option value, an unknown name or id
    BAD_CONTENT = 65  # a content pack that is not valid (EX_DATAERR)
    INTERRUPTED = 130  # Ctrl-C


class RoadmapError(Exception):
    """An error a user can cause and act on: shown as a message, never as a traceback."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(RoadmapError):
    exit_code = ExitCode.USAGE


class ContentError(RoadmapError):
    """One or more problems in content packs, each already naming file:line:column."""

    exit_code = ExitCode.BAD_CONTENT

    def __init__(
        self, problems: Sequence[str], *, hint: str | None = None, more: dict[str, int] | None = None
    ) -> None:
        """``more``: for a file too broken to list in full, how many problems past the listed ones."""
        self.more = dict(more or {})
        unlisted = sum(self.more.values())
        count = len(problems) + unlisted
        head = "a content pack is not valid" if count == 1 else f"{count:,} problems in content packs"
        lines = [f"  {p}" for p in problems]
        if unlisted:
            lines.append(f"  ... and {unlisted:,} more")
        super().__init__(head + ":\n" + "\n".join(lines), hint=hint)
        self.problems = list(problems)


def shorten(text: str, limit: int = 80) -> str:
    """What a person gave, cut to a length a message can quote."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices that look most like ``word``, best first, for "did you mean" hints."""
    import difflib

    if len(word) > 100:  # longer than any name: nothing is close, and comparing would be slow
        return []
    pool = list(choices)
    lowered = {c.lower(): c for c in pool}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[f] for f in found]


def unknown_item(
    item_id: str,
    known: Iterable[str],
    where: str = "`roadmap next` and `roadmap status` show the ids of your plan",
) -> UsageError:
    """The one error for an id that is neither in the plan nor in the content (``check``, ``show``...)."""
    near = closest(item_id, known)
    hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
    return UsageError(f"unknown item id {shorten(item_id)!r}", hint=hint + where)


def unknown_name(kind: str, given: str, choices: Iterable[str]) -> UsageError:
    """A usage error for an unknown name that lists what is allowed and suggests the closest."""
    pool = sorted(set(choices))
    near = closest(given, pool)
    hint = f"did you mean {' or '.join(repr(c) for c in near)}?" if near else None
    return UsageError(f"unknown {kind} {shorten(given)!r}; choose from: {', '.join(pool)}", hint=hint)
