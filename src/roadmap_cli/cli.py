"""The ``roadmap`` command: global options, the commands, and how errors become exit codes.

Start-up is short on purpose (``roadmap`` runs on every shell-completion TAB): importing this
module loads no Typer. ``main()`` answers a bare ``roadmap --version`` by itself and builds the
Typer app, with its command modules, only for everything else. The command modules keep their own
imports light too: anything heavy (Rich tables, pydantic, YAML) is imported inside the function
that needs it. ``tests/test_startup.py`` guards this.
"""

# No ``from __future__ import annotations`` here: the app is built inside a function, and Typer
# reads the annotations of the functions defined there, which must not be strings.

import gc
import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from roadmap_cli import __version__
from roadmap_cli.errors import ExitCode, RoadmapError

if TYPE_CHECKING:
    import typer

#: Modules under roadmap_cli.commands, each with ``register(app)``, in the order help lists them.
COMMANDS = (
    "plan",
    "check",
    "skip",
    "note",
    "status",
    "today",
    "next",
    "show",
    "log",
    "replan",
    "plans",
    "salary",
    "levels",
    "certs",
    "skills",
    "market",
    "stacks",
    "export",
    "progress",
    "where",
    "packs",
    "doctor",
    "schema",
)

VERSION_FLAGS = ("--version", "-V")

#: How top-level help groups the commands, in this order; a command not named here is listed last.
GROUPS = (
    ("Plan", ("plan", "replan")),
    ("Track", ("next", "today", "status", "check", "skip", "note", "show", "log")),
    ("Career", ("salary", "levels", "certs", "skills", "market", "stacks")),
    ("Data", ("export", "progress", "schema")),
    ("Setup", ("packs", "where", "doctor")),
)


def _stderr_colour() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


def report(error: RoadmapError) -> None:
    """Say what went wrong on stderr, plainly: no traceback, no Rich needed. The parser's usage
    errors are said the same way (``error:``, then ``hint:``)."""
    from roadmap_cli.safetext import safe_lines

    colour = _stderr_colour()
    label = "\033[1;31merror:\033[0m" if colour else "error:"
    # Messages name files and quote what was given: shown, never obeyed by the terminal.
    sys.stderr.write(f"{label} {safe_lines(error.message)}\n")
    if error.hint:
        hint = "\033[1mhint:\033[0m" if colour else "hint:"
        sys.stderr.write(f"{hint} {safe_lines(error.hint)}\n")


def _usage(error: Any) -> int:
    """A usage error from the parser, in the program's own ``error:`` / ``hint:`` style."""
    message = error.format_message()
    first, _, rest = message.partition(" Did you mean ")
    hint = f"did you mean {rest.rstrip('?')}?" if rest else None
    command = error.ctx.command_path if error.ctx is not None else "roadmap"
    more = f"`{command} --help` shows what it takes"
    report(RoadmapError(first[:1].lower() + first[1:], hint=f"{hint} {more}" if hint else more))
    return int(error.exit_code)


def version_line() -> str:
    return f"roadmap {__version__}\n"


@cache
def build_app() -> "typer.Typer":
    """The Typer app with every command registered; built once, on first use."""
    from importlib import import_module

    import typer
    from typer._click import exceptions as click_errors
    from typer.core import TyperGroup

    class RoadmapGroup(TyperGroup):
        """Turns the errors a user can cause into a message and an exit code, and groups help."""

        def invoke(self, ctx: Any) -> Any:
            try:
                return super().invoke(ctx)
            except RoadmapError as error:
                report(error)
                raise typer.Exit(int(error.exit_code)) from None
            except OSError as error:
                if error.filename is None:  # writing stdout: the guard in main() says it
                    raise
                # A file or folder no code of roadmap's expected to fail (a name too long, a
                # loop): still one line, naming it.
                report(RoadmapError(f"{error.filename}: {error.strerror or error}"))
                raise typer.Exit(1) from None

        def main(self, *args: Any, **kwargs: Any) -> Any:
            if not kwargs.get("standalone_mode", True):
                return super().main(*args, **kwargs)
            kwargs["standalone_mode"] = False
            try:
                code = super().main(*args, **kwargs)
            except click_errors.UsageError as error:
                if type(error).__name__ == "NoArgsIsHelpError":  # a bare command shows its help
                    error.show()
                    sys.exit(error.exit_code)
                sys.exit(_usage(error))
            except click_errors.ClickException as error:
                report(RoadmapError(error.format_message()))
                sys.exit(error.exit_code)
            except typer.Abort:
                sys.stderr.write("aborted\n")
                sys.exit(ExitCode.FAILURE)
            sys.exit(code if isinstance(code, int) else 0)

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            """The commands in groups (plan, track, career, data, setup), each summary whole."""
            found = {name: self.get_command(ctx, name) for name in self.list_commands(ctx)}
            shown = {n: c for n, c in found.items() if c is not None and not c.hidden}
            named = {n for _, names in GROUPS for n in names}
            groups = [(title, [n for n in names if n in shown]) for title, names in GROUPS]
            groups.append(("Other", [n for n in shown if n not in named]))
            for title, names in groups:
                if names:
                    with formatter.section(f"{title} commands"):
                        formatter.write_dl([(n, shown[n].get_short_help_str(limit=1000)) for n in names])

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
            sys.stdout.write(version_line())
            raise typer.Exit()

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option(*VERSION_FLAGS, callback=_version, is_eager=True, help="Show the version and exit."),
        ] = False,
        ascii_marks: Annotated[
            bool,
            typer.Option("--ascii", help="Draw marks and bars in plain ASCII (or set ROADMAP_ASCII=1)."),
        ] = False,
        no_pager: Annotated[
            bool,
            typer.Option("--no-pager", help="Never page long output (or set ROADMAP_NO_PAGER=1)."),
        ] = False,
    ) -> None:
        """Plan your way to a backend engineering job."""
        from roadmap_cli.render.term import configure

        configure(ascii_marks=ascii_marks, no_pager=no_pager)

    for name in COMMANDS:
        import_module(f"roadmap_cli.commands.{name}").register(app)
    return app


def __getattr__(name: str) -> Any:
    """``roadmap_cli.cli.app``, the Typer app (for tests and tools), built when first asked for."""
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The console-script entry point."""
    from roadmap_cli.guard import run

    # Everything, the imports that build the app included, runs inside the guard: Ctrl-C at any
    # moment, a closed pipe or an unwritable stdout end in one line and an exit code.
    run(_main)


def _main() -> None:
    if len(sys.argv) == 2 and sys.argv[1] in VERSION_FLAGS:
        # Answered without loading Typer and the commands at all.
        sys.stdout.write(version_line())
        return
    # Typer, Click and the commands make tens of thousands of objects that live until exit. Build
    # them with the garbage collector paused, then freeze them so that its later passes skip them:
    # that takes about a tenth off a run.
    from roadmap_cli.speed import gc_paused

    with gc_paused():
        app = build_app()
    gc.freeze()
    app(prog_name="roadmap")
