"""The ``roadmap`` console script's first module: it answers Ctrl-C from its very first line.

Python turns Ctrl-C into a ``KeyboardInterrupt`` traceback wherever it lands, the imports that
come before ``main()`` included. Until ``main()`` takes over (``roadmap_cli.guard``), and again
after it has finished, an interrupt ends the process at once with one line and exit code 130:
nothing has been written by then, or everything has. Only the interpreter's own start-up, before
this module runs, is out of its reach.
"""

import os
import signal


def _interrupted(_signum: int, _frame: object) -> None:
    os.write(2, b"\ninterrupted\n")
    os._exit(130)


signal.signal(signal.SIGINT, _interrupted)


def main() -> None:
    from roadmap_cli.cli import main as roadmap

    roadmap()
