"""Where a command's document goes: stdout, or a file written whole, never over one by surprise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from roadmap_cli.errors import RoadmapError


def write_document(data: str | bytes, output: Path | None, *, force: bool) -> None:
    """Write to stdout (``output`` None or ``-``), or to a file through a temporary one, so a failed
    or interrupted write never leaves half a file behind. An existing file is kept unless ``force``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    if output.is_dir():
        raise RoadmapError(f"{output} is a folder; give a file name")
    if output.exists() and not force:
        raise RoadmapError(f"{output} already exists; it was left as it is", hint="add --force to replace it")
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(raw)
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RoadmapError(f"cannot write {output}: {exc.strerror or exc}") from None
    sys.stderr.write(f"Wrote {output}\n")
