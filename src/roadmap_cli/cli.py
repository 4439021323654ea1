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
import sys
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from roadmap_cli import __version__
from roadmap_cli.errors import ExitCode, RoadmapError

if TYPE_CHECKING:
    import typer

VERSION_FLAGS = ("--version", "-V")

#: How top-level help groups the commands, in this order; a command not named here is listed last.
GROUPS = (
    ("Plan", ("plan", "replan", "break", "assess", "plans")),
    ("Track", ("next", "today", "status", "check", "skip", "note", "show", "log", "review")),
    ("Career", ("salary", "levels", "certs", "skills", "market", "stacks")),
    ("Data", ("export", "report", "progress", "sync", "schema")),
    ("Setup", ("packs", "where", "doctor")),
)


#: Options people reach for, and the option that does what they meant (with what it takes).
SAME_AS = {
    "--date": ("--on", "the day, YYYY-MM-DD"),
    "--day": ("--on", "the day, YYYY-MM-DD"),
    "--when": ("--on", "the day, YYYY-MM-DD"),
}


def _usage(error: Any) -> int:
    """A usage error from the parser, in the program's own ``error:`` / ``hint:`` style.

    It reads the error's attributes, never its words: the commands spelt like the one typed (set
    by ``resolve_command`` below) or the options Click found spelt like it (``possibilities``)."""
    near = list(getattr(error, "suggestions", None) or ())
    options = sorted(getattr(error, "possibilities", None) or ())
    first = error.message if options else error.format_message()
    hint = (
        f"did you mean {', '.join(repr(n) for n in near) or ', '.join(options)}?" if near or options else None
    )
    command = error.ctx.command_path if error.ctx is not None else "roadmap"
    meant = SAME_AS.get(getattr(error, "option_name", None) or "")
    params = error.ctx.command.params if error.ctx is not None else []
    if meant is not None and any(meant[0] in getattr(p, "opts", ()) for p in params):
        # Click would offer the option spelt most alike (--date: --note), not the one meant.
        first, hint = f"no such option: {error.option_name}", f"did you mean {meant[0]} ({meant[1]})?"
    more = f"`{command} --help` shows what it takes"
    from roadmap_cli.failures import report

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
    from roadmap_cli.commands import MODULES

    import_module(f"roadmap_cli.commands.{MODULES.get(name, name)}").register(holder)
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
    from typer.core import TyperCommand, TyperGroup

    # The class of a completion Typer's own TyperGroup.shell_complete returns; typer.core uses it in
    # its public signatures but does not list it as exported.
    completion_item = typer.core.CompletionItem  # type: ignore[attr-defined]

    from roadmap_cli.commands import COMMANDS
    from roadmap_cli.failures import failed, report

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
                # Typer's own suggestions are off (suggest_commands=False): they are words in the message.
                return super().resolve_command(ctx, args)
            except typer.TyperException as error:
                error.suggestions = get_close_matches(args[0], list(COMMANDS)) if args else []  # type: ignore[attr-defined]
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
                completion_item(name, help=TyperCommand(name, help=summary).get_short_help_str())
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
            except typer.TyperException as error:  # Click's errors, from Typer 0.28 on
                if getattr(error, "ctx", None) is None:  # not a usage error: a file that cannot be opened
                    report(RoadmapError(error.format_message()))
                    sys.exit(error.exit_code)
                if error.format_message() == error.ctx.get_help():  # type: ignore[attr-defined]
                    error.show()  # type: ignore[attr-defined]  # a bare command shows its help
                    sys.exit(error.exit_code)
                sys.exit(_usage(error))
            except typer.Abort:
                sys.stderr.write("aborted\n")
                sys.exit(ExitCode.FAILURE)
            sys.exit(code if isinstance(code, int) else 0)

    app = _typer(
        cls=RoadmapGroup,
        name="roadmap",
        help=(
            "Plan your way to a backend engineering job: a dated, day-by-day study plan that fits "
            "the hours you have.\n\n"
            "Example:  roadmap plan --lang python --hours 12"
        ),
        context_settings={"help_option_names": ["-h", "--help"]},
        no_args_is_help=True,
        suggest_commands=False,
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
    """``roadmap_cli.cli.app``, the Typer app (for tests and tools), built when first asked for; and
    the names that moved out of this module, imported when first asked for (the daily commands, run
    without the parser, need neither)."""
    if name == "app":
        return build_app()
    if name == "COMMANDS":
        from roadmap_cli.commands import COMMANDS

        return COMMANDS
    if name in ("failed", "report"):
        from roadmap_cli import failures

        return getattr(failures, name)
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
