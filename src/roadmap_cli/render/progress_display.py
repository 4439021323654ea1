"""A progress display on stderr for the slow commands (``report``, a large ``progress import``).

Shown only when stderr is a terminal and the work is still going after about a second: a quick
run, a pipe, a file and a dumb terminal see nothing, and stdout (the data) is never touched. The
bar is transient: it is gone when the work ends, leaving the command's own messages.

This is the one module that imports Rich (ruff bans it everywhere else, see pyproject.toml).
Rich draws the bar, the spinner and the elapsed time, and redraws them from its own thread while
the work runs, which is what a display needs and the plain layout of
:mod:`roadmap_cli.render.term` does not do. It is imported only once the display is due to show,
after the work has already taken a second, so the start-up of every command, the daily ones
above all, is unchanged.

Use::

    with progress_display(3) as shown:
        shown.step("Reading the backup")
        ...
        shown.step("Checking it")
        ...
        shown.step("Merging it into your progress")
        ...
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

#: How long the work runs before the display shows, in seconds.
AFTER = 1.0


def _is_terminal(stream: TextIO) -> bool:
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


class Shown:
    """The steps of the work as it goes; what the display shows if it shows."""

    def __init__(self, total: int, stream: TextIO, after: float) -> None:
        self.total = total
        self.stream = stream
        self.after = after
        self.done = 0
        self.description = ""
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._waiter: threading.Thread | None = None

    def step(self, description: str) -> None:
        """The next step starts (the one before, if any, is done)."""
        with self._lock:
            if self.description:
                self.done = min(self.total, self.done + 1)
            self.description = description
            if self._bar is not None and self._task is not None:
                self._bar.update(self._task, description=description, completed=self.done)

    def _start(self) -> None:
        if _is_terminal(self.stream):
            self._waiter = threading.Thread(target=self._show_when_due, name="progress-display", daemon=True)
            self._waiter.start()

    def _show_when_due(self) -> None:
        if self._finished.wait(self.after):
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._finished.is_set():
                return
            columns: list[Any] = [
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
            ]
            # Rich would otherwise swap sys.stdout and sys.stderr for its own while the bar shows,
            # and a page written to stdout (`report --output -`) would end up on stderr.
            self._bar = Progress(
                *columns,
                console=Console(file=self.stream),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._task = self._bar.add_task(self.description, total=self.total, completed=self.done)
            self._bar.start()

    def _stop(self) -> None:
        self._finished.set()
        try:
            if self._waiter is not None:
                self._waiter.join()
        finally:  # even when Ctrl-C lands while waiting: the bar never outlives the work
            with self._lock:
                if self._bar is not None:
                    self._bar.stop()
                    self._bar = None

    @property
    def showing(self) -> bool:
        return self._bar is not None


@contextmanager
def progress_display(total: int, *, stream: TextIO | None = None, after: float = AFTER) -> Iterator[Shown]:
    """Show the ``total`` steps of the work on ``stream`` (stderr) if it is a terminal and the work
    takes longer than ``after`` seconds; the display is gone when the block ends, however it ends."""
    shown = Shown(total, sys.stderr if stream is None else stream, after)
    shown._start()
    try:
        yield shown
    finally:
        shown._stop()
