"""Long views on a terminal go through a pager, as git's do.

Which: ``ROADMAP_PAGER``, then ``PAGER``, else ``less -FRX`` (``-F`` quits at once when the text
fits on one screen, ``-R`` keeps the colours, ``-X`` leaves the text on the screen after). An empty
value or ``cat`` means no pager; so do ``--no-pager`` and ``ROADMAP_NO_PAGER=1``. Never when stdout
is not a terminal (a pipe, a file), and never for a view that fits on the screen.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

PAGER_ENV = "ROADMAP_PAGER"
NO_PAGER_ENV = "ROADMAP_NO_PAGER"
DEFAULT = "less -FRX"


def pager_command() -> list[str] | None:
    """The pager to run, or None for none. (``--no-pager`` is the caller's to heed: see
    ``roadmap_cli.render.term.write``.)"""
    if os.environ.get(NO_PAGER_ENV, "") not in ("", "0"):
        return None
    for name in (PAGER_ENV, "PAGER"):
        if name in os.environ:
            value = os.environ[name].strip()
            break
    else:
        value = DEFAULT
    try:
        words = shlex.split(value)
    except ValueError:
        return None
    if not words or words == ["cat"]:
        return None
    if shutil.which(words[0]) is None:
        return None
    return words


def page(text: str) -> bool:
    """Show ``text`` through the pager; False (nothing shown) when no pager is wanted or possible,
    and the caller writes it itself."""
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return False
    rows = shutil.get_terminal_size((80, 24)).lines
    if text.count("\n") < rows:
        return False
    command = pager_command()
    if command is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        process.stdin.write(text.encode(encoding, errors="replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early: that is fine
        pass
    while True:
        try:
            process.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs, as with git
            continue
    return True
