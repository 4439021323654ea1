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

#: Every command, in the order help lists them, with the module under roadmap_cli.commands that
#: defines it (its ``register(app)``) and the first paragraph of its help. Help and completion read
#: the summaries here, so listing the commands imports none of them; tests/test_startup.py checks
#: that each summary is still the first paragraph of the command's own help.
COMMANDS: dict[str, str] = {
    "plan": "Make a dated, week-by-week study plan that fits the hours you have.",
    "check": "Tick off what you have done.",
    "skip": "Mark items you already know: they count as done.",
    "note": "Keep a note on an item.",
    "status": "Show where you stand against your plan.",
    "today": "Say what to study today, in the time you have.",
    "next": "Show what to do this week, with the ids to tick.",
    "show": "Show your active plan as it was saved, each item with its state, or one item whole.",
    "log": "Record time you studied an item: partial progress, and your real pace.",
    "replan": "Re-flow what is left of your plan from today; ticks and skips are kept.",
    "salary": (
        "Show what backend engineers are paid, by level and place, each figure with its source and date."
    ),
    "levels": "Show the career ladder: years at each level, what is expected and what gets you promoted.",
    "certs": (
        "List certifications worth having, their issuers, and when in the plan to study for each, and why."
    ),
    "skills": "List skills with the demand and salary impact the sources give, and the month to learn each.",
    "market": "Show the job-market figures the guides give: growth, openings, live roles, languages, more.",
    "stacks": "List the stacks `roadmap plan --lang` takes, with their frameworks and tools.",
    "export": "Export your plan and progress as Markdown, JSON, CSV or a calendar (.ics).",
    "report": "Write one HTML page of your plan and progress, to keep, print or send to a mentor.",
    "where": "Show where roadmap keeps your files.",
    "doctor": "Check that roadmap's content and files are healthy, and say what to do about what is not.",
    "schema": "Print the JSON Schema of a JSON document roadmap prints, to check or generate code against.",
    "plans": "List the plans you made; make an earlier one your active plan again.",
    "progress": "Back up your progress and merge a backup back in.",
    "packs": "Content packs: list them, check your own, get the schema, start a new one.",
}

VERSION_FLAGS = ("--version", "-V")

#: How top-level help groups the commands, in this order; a command not named here is listed last.
GROUPS = (
    ("Plan", ("plan", "replan", "plans")),
    ("Track", ("next", "today", "status", "check", "skip", "note", "show", "log")),
    ("Career", ("salary", "levels", "certs", "skills", "market", "stacks")),
    ("Data", ("export", "report", "progress", "schema")),
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


def failed(error: BaseException) -> int | None:
    """Say an error a user can cause and act on, and give its exit code; None for any other
    (the guard in main() deals with those, a stdout that cannot be written among them)."""
    if isinstance(error, RoadmapError):
        report(error)
        return int(error.exit_code)
    if isinstance(error, OSError) and error.filename is not None:
        # A file or folder no code of roadmap's expected to fail (a name too long, a loop):
        # still one line, naming it.
        report(RoadmapError(f"{error.filename}: {error.strerror or error}"))
        return int(ExitCode.FAILURE)
    return None


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


def _typer(**settings: Any) -> "typer.Typer":
    """A Typer app with the settings every part of the command line shares."""
    import typer

    return typer.Typer(pretty_exceptions_enable=False, rich_markup_mode=None, **settings)


def load_command(name: str) -> Any:
    """The Click command for one entry of COMMANDS: its module imported, and only it converted."""
    from importlib import import_module

    import typer.main

    holder = _typer()
    import_module(f"roadmap_cli.commands.{name}").register(holder)
    return typer.main.get_group(holder).commands[name]


@cache
def build_app() -> "typer.Typer":
    """The Typer app, built once, on first use; each command is loaded when it is first looked up.

    This is Click's lazy-loading group ("Lazily Loading Subcommands" in Click's documentation):
    ``list_commands`` names every command from COMMANDS, ``get_command`` imports and converts the
    one asked for. Typer turns each command into Click by reading its signature, so a run pays for
    the one command it runs, not for all of them. Help and the completion of command names read
    the summaries in COMMANDS instead of loading each command for its help text.
    """
    from difflib import get_close_matches

    import typer
    from typer._click import exceptions as click_errors
    from typer._click.exceptions import UsageError as ClickUsageError
    from typer._click.shell_completion import CompletionItem
    from typer._click.utils import make_default_short_help
    from typer.core import TyperGroup

    class RoadmapGroup(TyperGroup):
        """Loads commands lazily, and turns the errors a user can cause into a message and an exit code."""

        def list_commands(self, ctx: Any) -> list[str]:
            return list(COMMANDS)

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if cmd_name not in self.commands and cmd_name in COMMANDS:
                self.commands[cmd_name] = load_command(cmd_name)
            return self.commands.get(cmd_name)

        def resolve_command(self, ctx: Any, args: list[str]) -> Any:
            try:
                return self._click_resolve_command(ctx, args)
            except ClickUsageError as error:
                near = get_close_matches(args[0], list(COMMANDS)) if args else []
                if near:
                    suggestions = ", ".join(repr(m) for m in near)
                    error.message = f"{error.message.rstrip('.')}. Did you mean {suggestions}?"
                raise

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            """The commands in groups (plan, track, career, data, setup), each summary whole: the
            formatter wraps it to the width instead of cutting it."""
            named = {n for _, names in GROUPS for n in names}
            groups = [(title, [n for n in names if n in COMMANDS]) for title, names in GROUPS]
            groups.append(("Other", [n for n in COMMANDS if n not in named]))
            for title, names in groups:
                if names:
                    with formatter.section(f"{title} commands"):
                        formatter.write_dl([(n, COMMANDS[n]) for n in names])

        def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
            names = [
                CompletionItem(name, help=make_default_short_help(summary))
                for name, summary in COMMANDS.items()
                if name.startswith(incomplete)
            ]
            # The group's own options, as Click's Command.shell_complete offers them.
            return names + super(TyperGroup, self).shell_complete(ctx, incomplete)

        def invoke(self, ctx: Any) -> Any:
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt:
                # Typer would turn it into a silent exit 130: say it, as everywhere else.
                from roadmap_cli.guard import interrupted

                interrupted()
            except (RoadmapError, OSError) as error:
                code = failed(error)
                if code is None:
                    raise
                raise typer.Exit(code) from None

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

    app = _typer(
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
    # The daily commands' plain command lines run without the parser (see roadmap_cli.fast);
    # anything else, or anything it does not read, goes on to Typer below.
    from roadmap_cli.fast import answer

    code = answer(sys.argv[1:])
    if code is not None:
        if code:
            sys.exit(code)
        return
    # Typer, Click and the commands make tens of thousands of objects that live until exit. Build
    # them with the garbage collector paused, then freeze them so that its later passes skip them:
    # that takes about a tenth off a run.
    from roadmap_cli.speed import gc_paused

    with gc_paused():
        app = build_app()
    gc.freeze()
    app(prog_name="roadmap")
