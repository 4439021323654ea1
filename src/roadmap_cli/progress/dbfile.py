"""The progress database as a file, before and around SQLite: made private, checked before SQLite
reads it (SQLite takes a short or foreign file for an empty database, and a FIFO can block it for
ever), and SQLite's errors turned into messages that say what happened and what to do.
:mod:`roadmap_cli.progress.store` opens the file through these."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roadmap_cli.errors import RoadmapError

BUSY_TIMEOUT = 10.0  # seconds another roadmap may hold the write lock before a write gives up
SQLITE_HEADER = b"SQLite format 3\x00"


def damaged(path: Path, detail: str) -> RoadmapError:
    return RoadmapError(
        f"the progress database {path} cannot be read ({detail}); it was left exactly as it is",
        hint="move it aside (or restore a backup) to start afresh; the old file stays there to recover from",
    )


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """SQLite errors a user can meet, as messages that say what happened and what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise RoadmapError(
                f"the progress database {path} is busy: another roadmap kept it locked "
                f"for more than {BUSY_TIMEOUT:g} seconds",
                hint="try again in a moment",
            ) from None
        if "readonly" in text or "read-only" in text or "unable to open" in text or "disk I/O" in text:
            raise RoadmapError(
                f"cannot write the progress database {path} ({text})",
                hint="check that the folder and the file are writable by you (`roadmap where` shows them)",
            ) from None
        if "malformed" in text or "not a database" in text:
            raise damaged(path, text) from None
        raise RoadmapError(f"the progress database {path} could not be used: {text}") from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None


def exists(path: Path) -> bool:
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise RoadmapError(f"the progress database {path} cannot be used: {exc.strerror or exc}") from None
    return True


def create_private(path: Path) -> None:
    """The data folder (0700) and an empty database file (0600): progress, notes and evidence are
    nobody else's business, whatever the umask. SQLite gives its -wal and -shm files the database's
    permissions."""
    try:
        from roadmap_cli.files import private_folder

        private_folder(path.parent)  # ROADMAP_HOME too, when it is made here
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            return  # another roadmap made it a moment ago: SQLite's locks take it from here
        os.close(fd)
    except OSError as exc:
        raise RoadmapError(
            f"cannot make the progress database {path}: {exc.strerror or exc}",
            hint="check that you may write there, or set ROADMAP_HOME to a folder you own",
        ) from None


def check_header(path: Path) -> None:
    """Refuse what SQLite would misread: a FIFO or a device (opening it could block for ever), and a
    short or foreign file, which SQLite takes for an empty database that roadmap would then fill,
    losing what was there. An empty file is a database not yet written: SQLite starts it afresh."""
    import stat

    from roadmap_cli.files import kind_of

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise RoadmapError(
                f"the progress database {path} is {kind_of(info.st_mode)}, not a file; it was left as it is"
            )
        if info.st_size == 0:
            return
        from roadmap_cli.files import read_head

        head = read_head(path, len(SQLITE_HEADER))  # a FIFO put there since the stat: not waited on
    except OSError as exc:
        raise damaged(path, exc.strerror or str(exc)) from None
    if head != SQLITE_HEADER:
        size = "1 byte" if info.st_size == 1 else f"{info.st_size:,} bytes"
        raise damaged(path, f"it is {size} long and not an SQLite database")
