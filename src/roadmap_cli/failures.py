"""An error a user can cause, said on stderr in one line (``error:``, then ``hint:``), and its exit
code: the same for the parser's commands (``roadmap_cli.cli``) and for the daily commands run
without it (``roadmap_cli.fast``). No Rich and no Typer: it runs on the start-up path."""

from __future__ import annotations

import os
import sys

from roadmap_cli.errors import ExitCode, RoadmapError


def _stderr_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def report(error: RoadmapError) -> None:
    """Say what went wrong on stderr, plainly: no traceback, no Rich needed. The parser's usage
    errors are said the same way (``error:``, then ``hint:``)."""
    from roadmap_cli.safetext import safe_lines

    colour = _stderr_colour()
    label = "\033[1;31merror:\033[0m" if colour else "error:"
    # Messages name files and quote what was given: shown, never obeyed by the terminal.
    sys.stderr.write(f"{label} {safe_lines(error.message)}\n")
    if error.hint:
        hint = "\033[1mhint:\033[0m" if colour else "hint:"
        sys.stderr.write(f"{hint} {safe_lines(error.hint)}\n")


def failed(error: BaseException) -> int | None:
    """Say an error a user can cause and act on, and give its exit code; None for any other
    (the guard in main() deals with those, a stdout that cannot be written among them)."""
    if isinstance(error, RoadmapError):
        report(error)
        return int(error.exit_code)
    if isinstance(error, OSError) and error.filename is not None:
        # A file or folder no code of roadmap's expected to fail (a name too long, a loop):
        # still one line, naming it.
        report(RoadmapError(f"{error.filename}: {error.strerror or error}"))
        return int(ExitCode.FAILURE)
    return None
