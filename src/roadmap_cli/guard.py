"""The process around a command: standard streams, interrupts, and output that cannot be written.

``run()`` wraps everything ``main()`` does, the imports that build the app included, so that
whatever happens to the process ends in one line and a documented exit code, never a traceback:

* Ctrl-C at any moment: ``interrupted`` and exit 130;
* a reader that went away (``roadmap plan | head -1``): nothing more, exit 1 (0 when the
  command's change was already saved, as below);
* stdout that cannot be written (a full disk, a closed descriptor): one line on stderr, exit 1 --
  unless the command's change was already saved (``roadmap log ... > /dev/full``): then the line
  says it was saved, and the exit code is 0. The change is what the command is for; its output
  only confirms it, and a script that retried on exit 1 would record the change twice;
* a terminal whose encoding cannot show roadmap's marks (``PYTHONIOENCODING=ascii``): ASCII
  stand-ins for them, never an encoding error.

It imports only what Python has loaded already: it runs before anything else.
"""

from __future__ import annotations

import codecs
import errno
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from roadmap_cli.errors import ExitCode

#: The marks roadmap draws, and what an ASCII terminal shows instead.
ASCII_MARKS = {
    "✓": "x",
    "✗": "x",
    "━": "=",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "☐": "o",
    "○": "o",
    "◐": "~",
    "◆": "+",
    "⏱": "+",
    "█": "#",
    "░": ".",
    "▸": ">",
    "→": "->",
    "←": "<-",
    "…": "...",
    "·": "-",
    "•": "*",
    "★": "*",
    "↺": "<-",
    "»": ">>",
    "✎": "+",
    "⌂": "@",
    "—": "-",
    "–": "-",
    "─": "-",
    "│": "|",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
}
ERROR_HANDLER = "roadmap-ascii"
#: Any one of them tells whether the output's encoding can show roadmap's marks.
_PROBE = "✓█░→…·☐★▸"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each character the encoding lacks as its ASCII stand-in, a letter
    without its accent, or ``?``."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    out = []
    for char in error.object[error.start : error.end]:
        mark = ASCII_MARKS.get(char)
        if mark is None:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            mark = plain or "?"
        out.append(mark)
    return "".join(out), error.end


def can_show_marks(stream: object) -> bool:
    """True when text written to ``stream`` may hold roadmap's marks (and any other character)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    try:
        codecs.encode(_PROBE, encoding)
    except (UnicodeError, LookupError):
        return False
    return True


#: Whether this run has committed a change to the progress database (``note_saved``).
_saved = False


def note_saved() -> None:
    """Called by the store when a change the person asked for is committed: from then on, output
    that cannot be written no longer makes the run a failure (see the module's docstring)."""
    global _saved
    _saved = True


def _fill_standard_descriptors() -> None:
    """Open /dev/null on 0, 1 and 2 where they are closed, as git does: otherwise the next file
    opened (the database) would get one of those numbers, and output meant for the terminal could
    land in it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:  # a lower number was closed too: the loop fills it first
                os.close(opened)


class _ClosedOutput:
    """Stands in for a stdout that was closed before roadmap started: writing to it is an error
    the user hears about, as it would be for any file that cannot be written."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, _text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> _ClosedOutput:
        return self


def _prepare_streams() -> None:
    _fill_standard_descriptors()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123 (lives until exit)
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    for stream in (sys.stdout, sys.stderr):
        if not can_show_marks(stream) and hasattr(stream, "reconfigure"):
            try:
                codecs.lookup_error(ERROR_HANDLER)
            except LookupError:
                codecs.register_error(ERROR_HANDLER, _fallback)
            stream.reconfigure(errors=ERROR_HANDLER)


def _usable_time_zone() -> None:
    """A TZ whose offset is a day or more (``TZ=UTC+25``) is taken by the C library but not by
    Python's dates, which fail on it wherever local time is asked for: use UTC, and say so."""
    value = os.environ.get("TZ")
    if not value:
        return
    import time

    offset = time.localtime().tm_gmtoff
    if offset is not None and abs(offset) < 24 * 3600:
        return
    from roadmap_cli.safetext import safe

    _say(f"warning: TZ={safe(value[:40])} is not a time zone offset roadmap can use; using UTC")
    os.environ["TZ"] = "UTC"
    if hasattr(time, "tzset"):
        time.tzset()


def _silence_stdout() -> None:
    """After stdout failed: point it at /dev/null, so that Python's last flush at exit does not
    fail a second time with a traceback-like complaint."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123 (lives until exit)


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _stdout_failed() -> bool:
    """Whether stdout is the stream that cannot be written (it still holds what it could not write)."""
    try:
        _flush_stdout()
    except (OSError, ValueError):
        return True
    return False


def _interrupt_in(error: BaseException) -> bool:
    """Whether ``error`` is, or was caused by, Ctrl-C: Python wraps an interrupt that lands while a
    class is made (``__set_name__``) in a RuntimeError."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def interrupted() -> NoReturn:
    """Ctrl-C: one line, exit 130 (a write under way has been rolled back by then)."""
    # A second Ctrl-C must not interrupt the goodbye with a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _say("\ninterrupted; the change was saved" if _saved else "\ninterrupted")
    _silence_stdout_if_failing()
    sys.exit(ExitCode.INTERRUPTED)


def _unraisable(hook: Callable[[Any], object]) -> Callable[[Any], object]:
    """Python cannot raise an interrupt that lands in a finaliser or a callback; it would print
    "Exception ignored" and a traceback, and carry on. Stop there instead, with the one line."""

    def handle(unraisable: Any) -> object:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            _say("\ninterrupted")
            os._exit(ExitCode.INTERRUPTED)  # a write under way is undone by SQLite, as after a kill
        return hook(unraisable)

    return handle


def run(body: Callable[[], None]) -> None:
    """Run ``body`` (the whole command) and turn what can go wrong with the process into one line."""
    global _saved
    _saved = False  # nothing saved yet in this run (tests run many in one process)
    previous = signal.getsignal(signal.SIGINT)
    previous_hook = sys.unraisablehook
    try:
        sys.unraisablehook = _unraisable(previous_hook)
        try:
            # From here on, Ctrl-C raises KeyboardInterrupt: a write under way is rolled back.
            signal.signal(signal.SIGINT, signal.default_int_handler)
            _prepare_streams()
            _usable_time_zone()
            try:
                body()
            finally:
                _flush_stdout()  # here, and not at exit, so that a failure is reported
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:
            # The reader went away (`roadmap plan | head -1`): stop quietly.
            _silence_stdout()
            sys.exit(ExitCode.OK if _saved else ExitCode.FAILURE)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _silence_stdout()
                sys.exit(ExitCode.OK if _saved else ExitCode.FAILURE)
            closed = isinstance(sys.stdout, _ClosedOutput) and exc.errno == errno.EBADF
            # An error with no file name that got this far came from writing the output.
            if closed or _stdout_failed() or exc.filename is None:
                _silence_stdout()
                if _saved:
                    reason = exc.strerror or exc
                    _say(f"warning: the change was saved, but its output could not be written: {reason}")
                    sys.exit(ExitCode.OK)
                _say(f"error: cannot write the output: {exc.strerror or exc}")
            else:
                # Not stdout: a file or folder that could not be used, and no code of roadmap's
                # caught it. Still one line: what failed, and on what.
                from roadmap_cli.safetext import safe

                where = f": {safe(str(exc.filename))}" if exc.filename is not None else ""
                _say(f"error: {exc.strerror or exc}{where}")
            sys.exit(ExitCode.FAILURE)
        except Exception as exc:
            if _interrupt_in(exc):
                interrupted()
            raise
    finally:
        sys.unraisablehook = previous_hook
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _silence_stdout_if_failing() -> None:
    if _stdout_failed():
        _silence_stdout()
