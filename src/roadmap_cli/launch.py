"""The ``roadmap`` console script's first module: it answers Ctrl-C from its very first line.

Python turns Ctrl-C into a ``KeyboardInterrupt`` traceback wherever it lands, the imports that
come before ``main()`` included. Until ``main()`` takes over (``roadmap_cli.guard``), an interrupt
ends the process at once with one line and exit code 130: nothing has been written by then. Once
``main()`` has finished, one is ignored: everything has been written. Only what runs before this
module is out of its reach: the interpreter's own start-up (``site``) and the first lines of the
console script that pip writes (``import re``), some 10 to 20 ms after Enter on the reference
machine, in which Python itself prints a ``KeyboardInterrupt`` traceback. Nothing has been read or
written by then; closing that window would mean shipping a script of our own in place of pip's.
"""

# ``_signal`` is built into the interpreter: importing it loads nothing, where ``signal`` would
# first import ``enum`` (milliseconds in which Ctrl-C would still print a traceback).
import _signal  # type: ignore[import-not-found]
import os


def _interrupted(_signum: int = 0, _frame: object = None) -> None:
    os.write(2, b"\ninterrupted\n")
    os._exit(130)


_signal.signal(_signal.SIGINT, _interrupted)


def main() -> None:
    from roadmap_cli.cli import main as roadmap

    try:
        roadmap()
    except KeyboardInterrupt:  # one that landed while the guard was saying goodbye
        _interrupted()
    finally:
        # Done, and everything flushed: a Ctrl-C while the interpreter shuts down changes nothing.
        # (Ignored rather than caught: Python resets its own handlers at shutdown, and would
        # then be killed by the signal.)
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
