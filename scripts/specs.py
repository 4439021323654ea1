"""Write ``src/roadmap_cli/fast_specs.py``: the daily commands' command lines, read from the Typer
commands themselves, for the way around the parser (``roadmap_cli.fast``).

    python scripts/specs.py          # rewrite it
    python scripts/specs.py --check  # exit 1 if it is out of date (run by the tests)

Each option, argument and check is declared once, in the command's Typer signature
(``roadmap_cli/commands/*.py``); this reads what Click builds from it and writes it down as plain
data, so that the daily commands can read their command lines without importing Typer (which costs
ten times their work). The function a command runs is the one in ``roadmap_cli.track`` its Typer
function calls; a check is the fast way's own function for the parameter's callback or parser, found
by name in ``roadmap_cli.fast.CHECKS``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "roadmap_cli" / "fast_specs.py"
#: The commands run many times a day, whose plain command lines skip the parser.
DAILY = ("status", "next", "today", "show", "check", "skip", "note", "log")

HEADER = '''"""The daily commands' command lines, as plain data: written by ``python scripts/specs.py`` from
the Typer commands' own parameters. Do not edit: change the command, then run the script
(``tests/test_fast.py`` fails while this is out of date). ``roadmap_cli.fast`` reads it."""

from typing import Any

'''


class NotReadable(Exception):
    """A daily command has something the fast way cannot read; it must change, or leave DAILY."""


def _run(command: Any) -> str:
    """The function in ``roadmap_cli.track`` that the command's Typer function calls."""
    from roadmap_cli import track

    function = command.callback.__wrapped__  # Typer keeps the function it wraps
    names = function.__code__.co_names
    if "track" not in names or names.index("track") + 1 >= len(names):
        raise NotReadable(f"{function.__name__} does not call a function of roadmap_cli.track")
    run = names[names.index("track") + 1]
    if not callable(getattr(track, run, None)):
        raise NotReadable(f"{function.__name__} calls track.{run}, which is not a function")
    return run


def _check(param: Any) -> str | None:
    """The name of the fast way's check for a parameter Click converts or checks, or None."""
    from roadmap_cli.fast import CHECKS

    plain = type(param.type).__name__ in ("StringParamType", "BoolParamType")
    if param.callback is None and plain:
        return None
    name = param.callback.__name__ if param.callback is not None else getattr(param.type, "func", None)
    name = getattr(name, "__name__", name)
    if name not in CHECKS:
        raise NotReadable(
            f"--{param.name}: its check {name!r} has no counterpart in roadmap_cli.fast.CHECKS; add one"
        )
    return str(name)


def spec(name: str) -> dict[str, Any]:
    """One daily command's spec, as ``roadmap_cli.fast.Spec`` takes it."""
    from roadmap_cli.cli import load_command

    command = load_command(name)
    options = [p for p in command.params if p.param_type_name == "option"]
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    for p in command.params:
        if getattr(p, "secondary_opts", None) or getattr(p, "multiple", False) or p.envvar:
            raise NotReadable(
                f"roadmap {name}: {p.name} has a secondary flag, repeats or reads the environment"
            )
    if any(p.nargs == -1 for p in arguments[:-1]):
        raise NotReadable(f"roadmap {name}: only the last argument may take many words")
    checks = {p.name: check for p in command.params if (check := _check(p)) is not None}
    return {
        "run": _run(command),
        "flags": {o: p.name for p in options if p.is_flag for o in p.opts},
        "values": {o: p.name for p in options if not p.is_flag for o in p.opts},
        "args": tuple(p.name for p in arguments),
        "required": sum(1 for p in arguments if p.required),
        "variadic": bool(arguments) and arguments[-1].nargs == -1,
        "no_args_is_help": bool(command.no_args_is_help),
        "checks": checks,
    }


def _literal(value: object) -> str:
    """A value as ``ruff format`` writes it (the specs hold only names, flags and counts)."""
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        inner = ", ".join(_literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def render() -> str:
    lines = [HEADER + "SPECS: dict[str, dict[str, Any]] = {"]
    for name in DAILY:
        lines.append(f'    "{name}": {{')
        lines.extend(f'        "{key}": {_literal(value)},' for key, value in spec(name).items())
        lines.append("    },")
    return "\n".join([*lines, "}", ""])


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
            sys.stderr.write(f"{TARGET.relative_to(ROOT)} is out of date: run python scripts/specs.py\n")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
