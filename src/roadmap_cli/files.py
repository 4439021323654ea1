"""Reading a file that someone else may have put there: only a regular file, and only so much of it.

A FIFO blocks a reader for ever, ``/dev/zero`` never ends, a device may act when opened, a symlink
loop never resolves. ``read_regular()`` looks before it reads (``stat``), opens without blocking,
checks again what it opened (``fstat``: the path may have changed in between), and reads at most
``limit + 1`` bytes, so that a file over the limit is refused without being read whole.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: The largest pack file read (the loader's cap; the catalog cache's key reads the same bytes).
MAX_PACK_BYTES = 1024 * 1024
#: The largest catalog cache read: far above what the built-in packs and many big packs make.
MAX_CACHE_BYTES = 256 * 1024 * 1024
#: Files and folders roadmap makes hold notes and progress: its owner's alone, whatever the umask.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class NotRegular(OSError):
    """The path is a FIFO, a device, a socket or a folder: it was not read."""


class TooLarge(OSError):
    """The file holds more than the limit allows: it was not read past it."""


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of ``path`` (fewer if it is shorter), when it is a regular file:
    opened without blocking and checked again once open, as ``read_regular()`` does."""
    fd = _open_regular(path)
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def _open_regular(path: Path) -> int:
    """``path`` opened for reading without blocking (a FIFO would wait for a writer), and checked
    again once open to be a regular file: it may have been swapped since it was looked at."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"is {kind_of(mode)}, not a regular file; it was not read")
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` when it is (or links to) a regular file of at most ``limit`` bytes.

    Raises ``NotRegular``, ``TooLarge`` or the ``OSError`` of the system (no such file, a symlink
    loop, no permission), each with a ``strerror`` fit to show.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise NotRegular(f"is {kind_of(info.st_mode)}, not a regular file; it was not read")
    if info.st_size > limit:
        raise TooLarge(f"{info.st_size:,} bytes is larger than the {limit:,}-byte limit")
    fd = _open_regular(path)
    try:
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(f"larger than the {limit:,}-byte limit")
    return data


def read_bounded(stream: object, limit: int) -> bytes:
    """At most ``limit`` bytes from an open binary stream (stdin), or ``TooLarge``."""
    data: bytes = stream.read(limit + 1)  # type: ignore[attr-defined]
    if len(data) > limit:
        raise TooLarge(f"larger than the {limit:,}-byte limit")
    return data


def private_folder(path: Path) -> None:
    """Make ``path`` and any missing folder above it, each readable by its owner only (0700),
    whatever the umask; folders that exist already are left as their owner set them."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if not missing and not path.is_dir():  # as mkdir(exist_ok=True) says it
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:  # another roadmap made it a moment ago
            continue
        folder.chmod(PRIVATE_FOLDER)


def trusted(info: os.stat_result) -> bool:
    """Whether a file roadmap made for itself (the catalog cache) may be believed: its own user's,
    and writable by no one else. Another user who could write it could make roadmap show or plan
    anything. (Windows keeps no such bits: there, what the folder's access lists allow holds.)"""
    if not hasattr(os, "getuid"):
        return True
    if info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
