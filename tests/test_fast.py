"""The daily commands' plain command lines run without the parser (``roadmap_cli.fast``): what they
do must be exactly what the parser's way does.

Three things hold that: each spec names exactly the parameters Click builds from the Typer command
(so a new option cannot be missed by one way only); every command line in a corpus, and every one
hypothesis makes from the specs' own words, gives the same stdout, stderr, exit code and database
both ways; and a command line the fast way does not read is left untouched for the parser.
"""

from __future__ import annotations

import inspect
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roadmap_cli import fast, track
from roadmap_cli.cli import COMMANDS, build_app, load_command
from roadmap_cli.progress.store import database_path

TODAY = "2026-11-22"
ENV = {"ROADMAP_TODAY": TODAY, "NO_COLOR": "1", "COLUMNS": "100", "ROADMAP_NO_PAGER": "1"}


# ------------------------------------------------------------------------------------- the specs


def click_shape(name: str) -> dict[str, Any]:
    """What Click reads for the command: the same shape as a fast.Spec."""
    command = load_command(name)
    options = [p for p in command.params if p.param_type_name == "option"]
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    return {
        "flags": {o: p.name for p in options if getattr(p, "is_flag", False) for o in p.opts},
        "values": {o: p.name for p in options if not getattr(p, "is_flag", False) for o in p.opts},
        "args": tuple(p.name for p in arguments),
        "required": sum(1 for p in arguments if p.required),
        "variadic": bool(arguments) and arguments[-1].nargs == -1,
        "no_args_is_help": command.no_args_is_help,
        "secondary": [o for p in options for o in p.secondary_opts],
        "multiple": [p.name for p in options if p.multiple],
        "envvars": [p.name for p in command.params if p.envvar],
        # What Click converts or checks beyond taking the word as it is.
        "checked": {
            p.name
            for p in command.params
            if p.callback is not None or type(p.type).__name__ not in ("StringParamType", "BoolParamType")
        },
    }


@pytest.mark.parametrize("name", sorted(fast.SPECS))
def test_each_spec_names_exactly_what_the_parser_takes(name: str) -> None:
    spec, shape = fast.specs()[name], click_shape(name)  # made now, as the tests run
    assert name in COMMANDS
    assert fast.specs().keys() == fast.SPECS.keys()
    assert spec.flags == shape["flags"]
    assert spec.values == shape["values"]
    assert spec.args == shape["args"]
    assert spec.required == shape["required"]
    assert spec.variadic == shape["variadic"]
    assert spec.no_args_is_help == shape["no_args_is_help"]
    assert set(spec.checks) == shape["checked"]
    # What the fast way cannot read: it must not be there to be missed.
    assert shape["secondary"] == shape["multiple"] == shape["envvars"] == []
    # The function it calls takes exactly the parameters Click would give the Typer command.
    taken = set(inspect.signature(getattr(track, spec.run)).parameters)
    assert taken == set(spec.flags.values()) | set(spec.values.values()) | set(spec.args)
    assert taken == {p.name for p in load_command(name).params}


def _generator() -> Any:
    """``scripts/specs.py``, which writes the specs from the Typer commands."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "scripts" / "specs.py"
    if not path.is_file():
        pytest.skip("scripts/ is not part of this source tree")
    found = importlib.util.spec_from_file_location("specs_script", path)
    assert found is not None
    assert found.loader is not None
    module = importlib.util.module_from_spec(found)
    found.loader.exec_module(module)
    return module


def test_the_written_specs_are_the_commands_own() -> None:
    """Each option is declared once, in its Typer command: fast_specs is written from it."""
    assert _generator().main(["--check"]) == 0, "run: python scripts/specs.py"


def test_the_generator_refuses_a_check_the_fast_way_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    generator = _generator()
    monkeypatch.delitem(fast.CHECKS, "check_on")
    with pytest.raises(generator.NotReadable, match="check_on"):
        generator.spec("log")


def test_the_global_flags_are_the_roots_own() -> None:
    import typer.main

    root = typer.main.get_group(build_app())
    flags = {
        o: p.name for p in root.params if getattr(p, "is_flag", False) and not p.is_eager for o in p.opts
    }
    flags = {o: n for o, n in flags.items() if "completion" not in o}
    assert flags == fast.GLOBAL_FLAGS


# -------------------------------------------------------------------------------- both ways agree


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with a plan that started three weeks ago, a tick, a note and some study time."""
    home = tmp_path_factory.mktemp("fast") / "home"
    runner, env = CliRunner(), {**ENV, "ROADMAP_HOME": str(home)}
    app = build_app()
    for args in (
        ["plan", "--lang", "python", "--hours", "10", "--start", "2026-11-02"],
        ["check", "programming-fundamentals"],
        ["note", "learn-language-core", "read the tutorial"],
        ["log", "learn-language-core", "2h", "--on", "2026-11-20"],
    ):
        done = runner.invoke(app, args, env=env)
        assert done.exit_code == 0, done.output
    return home


@contextmanager
def fresh_home(template: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template, home)
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    yield home


def events(home: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(database_path()) as db:
        return list(db.execute("SELECT item_id, kind, value FROM events ORDER BY id"))


def by_parser(argv: list[str]) -> tuple[int, str, str]:
    done = CliRunner().invoke(build_app(), argv, catch_exceptions=False)
    return done.exit_code, done.stdout, done.stderr


def by_fast(argv: list[str]) -> tuple[int, str, str] | None:
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            code = fast.answer(argv)
        except SystemExit as stop:  # the checklist's Ctrl-C; nothing in the corpus
            code = int(stop.code or 0)
        sys.stdout.flush()
        sys.stderr.flush()
        if code is None:
            return None
        return code, out.getvalue().decode(), err.getvalue().decode()


def both_ways(argv: list[str], template: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with fresh_home(template, home, monkeypatch):
        parsed = by_parser(argv)
        parsed_events = events(home)
    with fresh_home(template, home, monkeypatch):
        quick = by_fast(argv)
        quick_events = events(home)
    assert quick is not None, f"{argv} was expected to be read without the parser"
    assert quick == parsed
    assert quick_events == parsed_events


PLAIN = [
    ["status"],
    ["status", "--json"],
    ["next"],
    ["next", "--json"],
    ["today"],
    ["today", "--hours", "2"],
    ["today", "-H", "0.5", "--json"],
    ["today", "--hours=3"],
    ["today", "--hours", "1e0"],
    ["show"],
    ["show", "--weeks"],
    ["show", "-w", "--json"],
    ["show", "sql-fundamentals"],
    ["show", "SQL-Fundamentals", "--json"],
    ["show", "no-such-item"],
    ["check", "learn-language-core"],
    ["check", "learn-language-core", "programming-fundamentals"],
    ["check", "-u", "programming-fundamentals"],
    ["check", "--undo", "learn-language-core"],
    ["check", "crud-api-with-auth", "--evidence", "https://example.com/me/api"],
    ["check", "crud-api-with-auth", "-e", ""],
    ["check", "--evidence=https://example.com", "a", "b"],
    ["check", "no-such-item"],
    ["check", "--carry"],
    ["check", "--carry", "--undo"],
    ["check", "--undo"],
    ["skip"],
    ["skip", "sql-fundamentals", "git-basics"],
    ["skip", "--undo", "sql-fundamentals"],
    ["note", "learn-language-core", "  a second note  "],
    ["note", "learn-language-core", "--undo"],
    ["note", "learn-language-core"],
    ["note", "", "text"],
    ["note", "learn-language-core", "x" * 10_001],
    ["log", "learn-language-core", "1h30m"],
    ["log", "learn-language-core", "90m", "--on", "2026-11-21", "--note", "exercises"],
    ["log", "learn-language-core", "2h", "--on=2026-11-21", "-n", "more"],
    ["log", "learn-language-core", "soon"],
    ["log", "learn-language-core", "1h", "--on", "2026-12-24"],
    ["log", "--undo"],
    ["log", "--undo", "learn-language-core"],
    ["log", "--undo", "sql-fundamentals"],
    ["log", "learn-language-core"],
    ["log", "learn-language-core", "1h", "--note=a=b"],
    ["today", "--hours", "0.25"],
    ["today", "-H", "24"],
    ["--ascii", "status"],
    ["--no-pager", "--ascii", "next"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=lambda argv: " ".join(argv)[:60])
def test_a_plain_command_line_does_the_same_both_ways(
    argv: list[str], template: Path, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    both_ways(argv, template, roadmap_home, monkeypatch)


def test_without_a_plan_both_ways_say_so(roadmap_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    for argv in (["status"], ["next"], ["check", "x"], ["log", "x", "1h"], ["show"]):
        parsed = by_parser(argv)
        assert by_fast(argv) == parsed
        assert parsed[0] == 1
        assert "no plan yet" in parsed[2]


OTHER = [
    [],
    ["status", "--help"],
    ["status", "-h"],
    ["status", "extra"],
    ["status", "--json=1"],
    ["stat"],
    ["--version"],
    ["--ascii"],
    ["status", "--ascii"],
    ["check", "-uw", "x"],
    ["check", "--evidence"],
    ["check", "x", "--evidence", "-y"],
    ["skip", "--", "x"],
    ["skip", "-"],
    ["today", "--hours", "99"],
    ["today", "--hours", "abc"],
    ["today", "--hours", "nan"],
    ["today", "-H2"],
    ["show", "a", "b"],
    ["note"],
    ["note", "--undo"],
    ["note", "a", "b", "c"],
    ["log"],
    ["log", "x", "1h", "--on", "soon"],
    ["log", "x", "1h", "--on", "1800-01-01"],
    ["log", "x", "1h", "extra"],
    ["log", "x", "1h", "-n"],
    ["salary"],
    ["plan", "--lang", "python", "--hours", "12"],
]


@pytest.mark.parametrize("argv", OTHER, ids=lambda argv: " ".join(argv) or "(nothing)")
def test_any_other_command_line_is_left_to_the_parser_untouched(
    argv: list[str], template: Path, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_home(template, roadmap_home, monkeypatch):
        before = events(roadmap_home)
        assert fast.read(argv) is None
        assert by_fast(argv) is None
        assert events(roadmap_home) == before


def test_completion_is_left_to_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_ROADMAP_COMPLETE", "complete_bash")
    assert fast.read(["status"]) is None


# ------------------------------------------------------------------------- generated command lines

IDS = ["learn-language-core", "sql-fundamentals", "SQL-Fundamentals", "no-such-item", ""]
WORDS = ["1h", "90m", "2026-11-21", "2027-01-01", "bad", "0.5", "3", "x", "-", "--", "-x", "--no-such"]


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(fast.SPECS)))
    spec = fast.SPECS[name]
    words = [*spec.flags, *spec.values, *IDS, *WORDS]
    rest = draw(st.lists(st.sampled_from(words), max_size=5))
    head = draw(st.lists(st.sampled_from([*fast.GLOBAL_FLAGS]), max_size=2, unique=True))
    return [*head, name, *rest]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=command_lines())
def test_generated_command_lines_do_the_same_both_ways_or_go_to_the_parser(
    argv: list[str], template: Path, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fast.read(argv) is None:
        with fresh_home(template, roadmap_home, monkeypatch):
            assert by_fast(argv) is None
        return
    both_ways(argv, template, roadmap_home, monkeypatch)


# ------------------------------------------------------------------------------------ bash's TAB


def tab_by_parser(words: str, at: str, shell: str = "bash") -> tuple[int, str]:
    env = {"_ROADMAP_COMPLETE": f"complete_{shell}", "COMP_WORDS": words, "COMP_CWORD": at}
    done = CliRunner().invoke(build_app(), [], env=env, prog_name="roadmap", catch_exceptions=False)
    return done.exit_code, done.stdout


def tab_by_fast(words: str, at: str, monkeypatch: pytest.MonkeyPatch, shell: str = "bash") -> str | None:
    monkeypatch.setenv("_ROADMAP_COMPLETE", f"complete_{shell}")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", at)
    return fast.complete()


TABS = [
    ("roadmap ", "1"),
    ("roadmap s", "1"),
    ("roadmap st", "1"),
    ("roadmap zz", "1"),
    ("roadmap check ", "2"),
    ("roadmap check sq", "2"),
    ("roadmap check SQL", "2"),
    ("roadmap check learn-language-core sq", "3"),
    ("roadmap skip p", "2"),
    ("roadmap note l", "2"),
    ("roadmap show s", "2"),
    ("roadmap log le", "2"),
    ("roadmap check\tsq", "2"),
    ("roadmap check X", "2"),
    ("roadmap plan --lang ", "3"),
    ("roadmap plan --lang p", "3"),
    ("roadmap plan -l ja", "3"),
    ("roadmap certs --lang g", "3"),
    ("roadmap plan --lang Py", "3"),
    ("roadmap check sq", "7"),
    ("roadmap s", "1 "),
]


@pytest.mark.parametrize(("words", "at"), TABS)
def test_tab_on_a_command_or_an_item_id_offers_the_same_both_ways(
    words: str, at: str, template: Path, roadmap_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fresh_home(template, roadmap_home, monkeypatch):
        code, parsed = tab_by_parser(words, at)
        assert code == 0
        assert tab_by_fast(words, at, monkeypatch) == parsed
        assert parsed.strip() or words.endswith(("zz", "SQL", "Py", "X"))  # Typer matches case and all


TABS_FOR_THE_PARSER = [
    ("roadmap plan --hours 12 --lang p", "5", "bash"),
    ("roadmap plan --lang -", "3", "bash"),
    ("roadmap check -", "2", "bash"),
    ("roadmap --ascii check s", "3", "bash"),
    ("roadmap note x ", "3", "bash"),
    ("roadmap salary --level s", "3", "bash"),
    ("roadmap zz ", "2", "bash"),
    ("roadmap check 'sq", "2", "bash"),
    ("roadmap check\x0bsq", "2", "bash"),
    ("roadmap check --evidence s", "3", "bash"),
    ("roadmap s", "x", "bash"),
    ("roadmap s", "0", "bash"),
    ("roadmap s", "1", "zsh"),
    ("roadmap s", "1", "fish"),
]


@pytest.mark.parametrize(("words", "at", "shell"), TABS_FOR_THE_PARSER)
def test_any_other_tab_is_left_to_the_parser(
    words: str, at: str, shell: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert tab_by_fast(words, at, monkeypatch, shell) is None


def completes_with(param: Any, name: str) -> bool:
    """Whether Typer completes this parameter with roadmap_cli.completion's ``name`` (held in its wrapper)."""
    from roadmap_cli import completion

    wrapper = getattr(param, "_custom_shell_complete", None)
    cells = [cell.cell_contents for cell in getattr(wrapper, "__closure__", None) or ()]
    return any(getattr(cell, "__wrapped__", cell) is getattr(completion, name) for cell in cells)


ID_COMPLETERS = ("complete_item_ids", "complete_check_ids", "complete_skip_ids")


def completes_ids(argument: Any) -> str | None:
    """Which of roadmap_cli.completion's id completers Typer completes this argument with, if any."""
    return next((name for name in ID_COMPLETERS if completes_with(argument, name)), None)


def test_every_id_argument_the_parser_completes_is_completed_without_it() -> None:
    """ID_ARGUMENTS lists exactly the arguments Typer completes with item ids, how many, and with what."""
    from roadmap_cli.completion import complete_item_ids

    found: dict[str, tuple[int | None, str]] = {}
    for name in COMMANDS:
        arguments = [p for p in load_command(name).params if p.param_type_name == "argument"]
        completed = [p for p in arguments if completes_ids(p)]
        if completed:
            assert [arguments.index(p) for p in completed] == [0], name  # the first argument only
            found[name] = (None if completed[0].nargs == -1 else 1, completes_ids(completed[0]) or "")
    assert found == fast.ID_ARGUMENTS
    for command, option in fast.OPTION_VALUES:
        param = next(p for p in load_command(command).params if option in p.opts)
        assert completes_with(param, fast.OPTION_VALUES[command, option])
    assert complete_item_ids("sql-f") == ["sql-fundamentals"]


def test_tab_without_the_shells_words_is_left_to_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_ROADMAP_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_CWORD", "1")
    monkeypatch.delenv("COMP_WORDS", raising=False)
    assert fast.complete() is None
    monkeypatch.setenv("COMP_WORDS", "roadmap s")
    monkeypatch.delenv("COMP_CWORD")
    assert fast.complete() is None


def test_answer_writes_what_tab_offers_and_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    words = {"COMP_WORDS": "roadmap st", "COMP_CWORD": "1"}
    for key, value in words.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("_ROADMAP_COMPLETE", "complete_bash")
    runner = CliRunner()
    with runner.isolation() as (out, _, _):
        code = fast.answer(["status"])  # the words come from the shell, not from argv
        sys.stdout.flush()
        offered = out.getvalue().decode()
    assert code == 0
    assert offered == "status\nstacks\n"
    monkeypatch.setenv("_ROADMAP_COMPLETE", "complete_zsh")
    assert fast.answer(["status"]) is None
