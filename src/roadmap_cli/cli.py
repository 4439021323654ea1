"""The ``roadmap`` command: global options, the commands, and how errors become exit codes.

Command modules are imported here, so they keep their own imports light: anything heavy (Rich
tables, pydantic, YAML) is imported inside the function that needs it.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from roadmap_cli import __version__
from roadmap_cli.errors import ExitCode, RoadmapError


def report(error: RoadmapError) -> None:
    """Say what went wrong on stderr, plainly: no traceback, no Rich needed."""
    colour = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    label = "\033[1;31merror:\033[0m" if colour else "error:"
    sys.stderr.write(f"{label} {error.message}\n")
    if error.hint:
        sys.stderr.write(f"  hint: {error.hint}\n")


class RoadmapGroup(TyperGroup):
    """Turns the errors a user can cause into a message and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RoadmapError as error:
            report(error)
            raise typer.Exit(int(error.exit_code)) from None


app = typer.Typer(
    cls=RoadmapGroup,
    name="roadmap",
    help=(
        "Plan your way to a backend engineering job: a dated, week-by-week study plan that fits "
        "the hours you have.\n\n"
        "Example:  roadmap plan --lang python --hours 12"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"roadmap {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Plan your way to a backend engineering job."""


#: Modules under roadmap_cli.commands, each with ``register(app)``, in the order help lists them.
COMMANDS = (
    "plan",
    "check",
    "skip",
    "note",
    "status",
    "next",
    "replan",
    "salary",
    "levels",
    "certs",
    "skills",
    "stacks",
    "export",
    "progress",
    "where",
    "packs",
    "doctor",
)


def _register() -> None:
    from importlib import import_module

    for name in COMMANDS:
        import_module(f"roadmap_cli.commands.{name}").register(app)


_register()


def main() -> None:
    """The console-script entry point."""
    try:
        app(prog_name="roadmap")
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`roadmap plan | head -1`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitCode.FAILURE)
