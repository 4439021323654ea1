"""The daily commands' plain command lines, run without building the parser.

Why: ``roadmap status``, ``next``, ``today``, ``show``, ``check``, ``skip``, ``note`` and ``log`` run
many times a day, and their work (read the database, draw a screen) takes a few milliseconds.
Importing Typer and Click costs about ten times that, and building the command from its signature
more again, before any of it starts.

How: ``answer(argv)`` takes a command line only when it is in the plain form the commands' help
shows: the global ``--ascii`` and ``--no-pager``, then the command's name, then its arguments and
its options, each spelt whole (``--hours 2``, ``--hours=2``, ``-H 2``, ``--json``), in any order.
It turns the words into values with the same checks the parser runs (``roadmap_cli.inputs``) and
calls the same function in ``roadmap_cli.track`` that the Typer command calls, with the same
values; what that function raises is reported as the parser's commands report it
(``roadmap_cli.failures``).

Anything else is left to the parser, which answers exactly as it would have: ``--help``, a word
it does not know, bundled short flags (``-uw``), a value that does not parse, a missing or extra
argument, ``--``, a value that starts with ``-``. Then ``answer`` returns None having done
nothing. Nothing here can make a command behave differently, only sooner.

Bash's TAB is answered the same way (``complete``) when it asks for a command's name, an item id
or the stack after ``plan --lang``: the words split as the shell split them, the same functions
Typer's completion calls (``roadmap_cli.completion``), their answers kept and printed as Typer
keeps and prints them. Other shells, and every other TAB, go to Typer.

Each spec is written from the Typer command's own parameters by ``scripts/specs.py`` (into
``fast_specs``), so an option is declared once, in its command. ``tests/test_fast.py`` holds this
to that: the written specs are current, the generator refuses what the fast way cannot read, the
completed arguments are exactly those Typer completes, and both ways give the same output,
errors, exit code and database over a corpus of command lines and of TABs, and over command
lines made at random from the specs' own words.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from roadmap_cli.inputs import InvalidValue

#: Options of ``roadmap`` itself that may come before the command, and the parameter each sets.
GLOBAL_FLAGS = {"--ascii": "ascii_marks", "--no-pager": "no_pager"}


class Spec:
    """One command's command line: its flags, its options that take a value, its arguments."""

    __slots__ = ("args", "checks", "flags", "no_args_is_help", "required", "run", "values", "variadic")

    def __init__(
        self,
        run: str,
        *,
        flags: dict[str, str] | None = None,
        values: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
        required: int = 0,
        variadic: bool = False,
        no_args_is_help: bool = False,
        checks: dict[str, Callable[[str], object]] | None = None,
    ) -> None:
        self.run = run  #: the function in roadmap_cli.track
        self.flags = flags or {}  #: option word -> parameter set to True
        self.values = values or {}  #: option word -> parameter given the next word
        self.args = args  #: parameters given the arguments, in order
        self.required = required  #: how many of ``args`` must be given
        self.variadic = variadic  #: the last of ``args`` takes all the remaining ones, as a list
        self.no_args_is_help = no_args_is_help  #: the command alone shows its help
        self.checks = checks or {}  #: parameter -> the value from its word, or ValueError


def _hours_today(word: str) -> float:
    from roadmap_cli.inputs import check_hours_today

    return check_hours_today(float(word))  # as Click's FLOAT reads it, then the option's callback


def _day(word: str) -> str:
    from roadmap_cli.inputs import read_date

    read_date(word)  # as the option's callback checks it; the command takes it as written
    return word


#: The fast way's check for each callback or parser a daily command's option has, by that
#: function's name (``scripts/specs.py`` names them in ``fast_specs``, and fails on one missing here).
CHECKS: dict[str, Callable[[str], object]] = {"parse_hours_today": _hours_today, "check_on": _day}


def specs() -> dict[str, Spec]:
    """Each daily command's spec, by the command's name, from the table ``scripts/specs.py`` writes
    from the Typer commands (each option is declared once, in its command's signature)."""
    from roadmap_cli.fast_specs import SPECS as TABLE

    return {
        name: Spec(**{**data, "checks": {param: CHECKS[check] for param, check in data["checks"].items()}})
        for name, data in TABLE.items()
    }


SPECS = specs()


class _NotPlain(Exception):
    """The command line is not in the plain form: the parser takes it."""


def read(argv: list[str]) -> tuple[Spec, dict[str, object], dict[str, bool]] | None:
    """The command's spec, its parameters and the global options, or None if the parser must read it."""
    try:
        return _read(argv)
    except (_NotPlain, ValueError, InvalidValue):
        return None


def _read(argv: list[str]) -> tuple[Spec, dict[str, object], dict[str, bool]]:
    if os.environ.get("_ROADMAP_COMPLETE"):  # shell completion: Click's protocol
        raise _NotPlain
    words = list(argv)
    given = dict.fromkeys(GLOBAL_FLAGS.values(), False)
    while words and words[0] in GLOBAL_FLAGS:
        given[GLOBAL_FLAGS[words.pop(0)]] = True
    if not words or words[0] not in SPECS:
        raise _NotPlain
    spec = SPECS[words.pop(0)]
    if spec.no_args_is_help and not words:
        raise _NotPlain
    params: dict[str, object] = {}
    positional: list[str] = []
    while words:
        word = words.pop(0)
        if not word.startswith("-"):
            positional.append(word)
        elif word in spec.flags:
            params[spec.flags[word]] = True
        elif word in spec.values:
            if not words or words[0].startswith("-"):
                raise _NotPlain
            params[spec.values[word]] = words.pop(0)
        elif word.startswith("--") and word.partition("=")[0] in spec.values:
            name, _, value = word.partition("=")
            params[spec.values[name]] = value
        else:
            raise _NotPlain
    if spec.variadic:
        *single, rest = spec.args
        params[rest] = positional[len(single) :] or None
        positional = positional[: len(single)]
        if len(positional) < len(single):
            raise _NotPlain
    elif len(positional) > len(spec.args) or len(positional) < spec.required:
        raise _NotPlain
    params.update(zip(spec.args, positional, strict=False))
    for name, check in spec.checks.items():
        written = params.get(name)
        if isinstance(written, str):
            params[name] = check(written)
    return spec, params, given


#: The commands whose arguments TAB completes with item ids, how many of them (None: all), and the
#: function in roadmap_cli.completion that offers them.
ID_ARGUMENTS: dict[str, tuple[int | None, str]] = {
    "check": (None, "complete_check_ids"),
    "skip": (None, "complete_skip_ids"),
    "note": (1, "complete_item_ids"),
    "show": (1, "complete_item_ids"),
    "log": (1, "complete_item_ids"),
}
#: The options whose value TAB completes here when it comes right after the command
#: (``roadmap plan --lang <TAB>``), with the function in roadmap_cli.completion that does it.
OPTION_VALUES = {
    (command, option): "complete_lang" for command in ("plan", "certs") for option in ("--lang", "-l")
}


def complete() -> str | None:
    """What bash's TAB offers for a command's name or an item id, as Typer's bash completion
    gives it (one per line); None for anything else: other shells, options, and command lines
    with quotes or escapes, which Typer splits as a shell would."""
    from roadmap_cli.commands import COMMANDS

    text, at_text = os.environ.get("COMP_WORDS"), os.environ.get("COMP_CWORD")
    if os.environ.get("_ROADMAP_COMPLETE") != "complete_bash" or text is None or at_text is None:
        return None
    if any(c in text for c in "'\"\\"):
        return None
    try:
        at = int(at_text)
    except ValueError:
        return None
    for blank in "\t\r\n":  # what the shell splits on; str.split() would split on more
        text = text.replace(blank, " ")
    words = [word for word in text.split(" ") if word]
    if at < 1:
        return None
    args, incomplete = words[1:at], words[at] if at < len(words) else ""
    if incomplete.startswith("-"):
        return None
    if not args:
        offered = list(COMMANDS)
    elif len(args) == 2 and (args[0], args[1]) in OPTION_VALUES:
        from roadmap_cli import completion

        offered = getattr(completion, OPTION_VALUES[args[0], args[1]])(incomplete)
    elif any(word.startswith("-") for word in args):
        return None
    elif args[0] in ID_ARGUMENTS and len(args) - 1 < (ID_ARGUMENTS[args[0]][0] or len(args)):
        from roadmap_cli import completion

        offered = getattr(completion, ID_ARGUMENTS[args[0]][1])(incomplete)
    else:
        return None
    # Typer keeps only what starts with the word as typed, case and all.
    return "\n".join(name for name in offered if name.startswith(incomplete)) + "\n"


def answer(argv: list[str]) -> int | None:
    """Run ``roadmap *argv`` if it is a plain daily command line, or answer bash's TAB: its exit
    code; None if the parser must read it (nothing has been done then)."""
    if "_ROADMAP_COMPLETE" in os.environ:
        offered = complete()
        if offered is None:
            return None
        import sys

        sys.stdout.write(offered)
        return 0
    found = read(argv)
    if found is None:
        return None
    spec, params, given = found
    from roadmap_cli import track
    from roadmap_cli.render.term import configure

    configure(**given)
    try:
        getattr(track, spec.run)(**params)
    except Exception as error:
        from roadmap_cli.failures import failed  # only a run that fails needs it

        code = failed(error)
        if code is None:
            raise
        return code
    return 0
