"""Where a command's document goes: stdout, or a file written whole, never over one by surprise."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from roadmap_cli.errors import RoadmapError

#: A new document (a backup, an export, the report: they hold notes and evidence): its owner's
#: only, whatever the umask. ``chmod`` it to share it.
PRIVATE_MODE = 0o600


def _existing_mode(output: Path) -> int | None:
    """The permission bits of the regular file at ``output``, None when nothing is there; an error
    for anything else: only a regular file is ever replaced."""
    try:
        info = output.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise RoadmapError(f"cannot write {output}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise RoadmapError(f"{output} is a folder; give a file name")
    if stat.S_ISLNK(info.st_mode):
        raise RoadmapError(
            f"{output} is a symbolic link; it was left as it is",
            hint="give the path of the file itself",
        )
    if not stat.S_ISREG(info.st_mode):
        from roadmap_cli.files import kind_of

        raise RoadmapError(
            f"{output} is {kind_of(info.st_mode)}; roadmap replaces only regular files, "
            "so it was left as it is",
            hint="leave out --output to write to stdout, or give another file name",
        )
    return stat.S_IMODE(info.st_mode)


def write_document(data: str | bytes, output: Path | None, *, force: bool, private: bool = False) -> None:
    """Write to stdout (``output`` None or ``-``), or to a file through a temporary one, so a failed
    or interrupted write never leaves half a file behind. An existing file is kept unless ``force``;
    a new file is owner-only (``PRIVATE_MODE``); a replaced file keeps its permissions (a ``private``
    one never more than owner-only)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    mode = _existing_mode(output)
    if mode is not None and not force:
        raise RoadmapError(f"{output} already exists; it was left as it is", hint="add --force to replace it")
    if mode is None:
        mode = PRIVATE_MODE
    elif private:
        mode &= PRIVATE_MODE
    # A short temporary name: the output's own may already be as long as a name can be.
    tmp = output.with_name(f".{output.name[:64]}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            _write_all(fd, raw)
            if hasattr(os, "fchmod"):  # exactly the mode chosen, whatever the umask
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(output)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise RoadmapError(f"cannot write {output}: {exc.strerror or exc}") from None
    from roadmap_cli.safetext import safe

    sys.stderr.write(f"Wrote {safe(str(output))}\n")


def _write_all(fd: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        written = os.write(fd, view)
        view = view[written:]
