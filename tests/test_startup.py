"""Start-up structure, checked in real processes (never timed): each path imports only what it needs.

A probe runs ``roadmap_cli.cli.main`` with the given arguments in a fresh interpreter and writes
the names in ``sys.modules`` at exit, so a test can say which heavy modules a command left alone.
benchmarks/run.py measures the time; these tests keep the shape that makes it short.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import COMMANDS, build_app, load_command

PROBE = """
import atexit, sys

def dump(path=sys.argv[1]):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\\n".join(sorted(sys.modules)))

atexit.register(dump)
sys.argv = ["roadmap", *sys.argv[2:]]
from roadmap_cli.cli import main
main()
"""

PLAN = ["plan", "--lang", "python", "--hours", "12", "--start", "2027-01-04", "--json"]
CONTENT_MODULES = {
    "yaml",
    "pydantic",
    "roadmap_cli.catalog.schema",
    "roadmap_cli.catalog.loader",
    "roadmap_cli.catalog.reader",
}


def probe(home: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``roadmap *args`` in a fresh process; its result and the modules it had loaded."""
    listing = home.parent / "modules.txt"
    listing.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(listing), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1", **env},
        timeout=120,
    )
    return done, set(listing.read_text(encoding="utf-8").split())


def cache_file(home: Path) -> Path:
    return home / "cache" / "catalog.json"


def has_command(name: str) -> bool:
    return name in COMMANDS


def test_version_loads_neither_typer_nor_content_nor_rich(roadmap_home: Path) -> None:
    done, modules = probe(roadmap_home, "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("roadmap ")
    assert not modules & {*CONTENT_MODULES, "rich", "rich.table", "typer"}


def test_help_loads_no_command_internals(roadmap_home: Path) -> None:
    """Command modules import their heavy parts inside the command, so help and completion stay light."""
    done, modules = probe(roadmap_home, "--help")
    assert done.returncode == 0
    heavy = {"rich", "sqlite3", "roadmap_cli.planner", "roadmap_cli.catalog.registry"}
    assert not modules & {*CONTENT_MODULES, *heavy}


def test_version_with_other_arguments_still_goes_through_the_parser(roadmap_home: Path) -> None:
    """Only a bare ``--version`` takes the short way; anything more is parsed as usual."""
    done, _ = probe(roadmap_home, "--version", "--no-such-option")
    assert done.returncode == 2
    assert "--no-such-option" in done.stderr


def test_cold_plan_builds_the_cache_and_a_warm_plan_reads_no_yaml_or_pydantic(roadmap_home: Path) -> None:
    cold, modules = probe(roadmap_home, *PLAN)
    assert cold.returncode == 0, cold.stderr
    assert {"yaml", "pydantic"} <= modules  # the probe sees a cold start validate the packs
    assert cache_file(roadmap_home).is_file()

    warm, modules = probe(roadmap_home, *PLAN)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout
    assert not modules & CONTENT_MODULES
    assert "rich" not in modules  # --json draws nothing


def test_completion_reads_the_cache_without_yaml_pydantic_or_rich(roadmap_home: Path) -> None:
    probe(roadmap_home, *PLAN)  # warm the cache
    done, modules = probe(
        roadmap_home,
        _ROADMAP_COMPLETE="complete_bash",
        COMP_WORDS="roadmap plan --lang py",
        COMP_CWORD="3",
    )
    assert done.returncode == 0
    assert done.stdout.split() == ["python"]
    assert not modules & {*CONTENT_MODULES, "rich", "roadmap_cli.planner", "typing_extensions"}


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff not json")


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1000])


def _stale_and_tampered(path: Path) -> None:
    """A cache written for other packs (another key) whose content says something else."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["key"] = "0" * 64
    for item in payload["catalog"]["items"]:
        item["title"] = "TAMPERED"
    path.write_text(json.dumps(payload), encoding="utf-8")


def _wrong_shape(path: Path) -> None:
    payload = json.loads(path.read_text(encoding="utf-8"))
    del payload["catalog"]["items"]
    path.write_text(json.dumps(payload), encoding="utf-8")


def _right_key_broken_content(path: Path) -> None:
    payload = json.loads(path.read_text(encoding="utf-8"))
    payload["catalog"]["sources"] = [{"no id": True}]
    path.write_text(json.dumps(payload), encoding="utf-8")


def _not_a_mapping(path: Path) -> None:
    path.write_text("[1, 2, 3]", encoding="utf-8")


@pytest.mark.parametrize(
    "spoil",
    [_garbage, _truncated, _stale_and_tampered, _wrong_shape, _right_key_broken_content, _not_a_mapping],
)
def test_a_spoilt_cache_is_rebuilt_and_gives_the_same_plan(
    roadmap_home: Path, runner: CliRunner, spoil: Callable[[Path], None]
) -> None:
    app = build_app()
    first = runner.invoke(app, PLAN)
    assert first.exit_code == 0, first.stderr
    spoil(cache_file(roadmap_home))

    again = runner.invoke(app, PLAN)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == first.stdout
    assert "TAMPERED" not in again.stdout
    # The cache was written afresh: the next process trusts it and parses no YAML.
    warm, modules = probe(roadmap_home, *PLAN)
    assert warm.stdout == first.stdout
    assert not modules & CONTENT_MODULES


def test_a_changed_pack_is_not_served_from_the_old_cache(roadmap_home: Path, runner: CliRunner) -> None:
    app = build_app()
    assert runner.invoke(app, PLAN).exit_code == 0
    packs = roadmap_home / "config" / "packs"
    packs.mkdir(parents=True)
    (packs / "mine.yaml").write_text(
        "milestones:\n"
        "  - id: my-own-milestone\n"
        "    phase: foundations\n"
        '    title: "Read the {language} tutorial twice"\n'
        "    hours: 3\n"
        "    sources: [devroadmap-2026]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, PLAN)
    assert result.exit_code == 0, result.stderr
    assert "my-own-milestone" in result.stdout


@pytest.mark.skipif(not has_command("status"), reason="`roadmap status` comes with the progress store")
def test_status_reads_no_yaml_on_a_warm_cache(roadmap_home: Path) -> None:
    made, _ = probe(roadmap_home, "plan", "--lang", "python", "--hours", "12")
    assert made.returncode == 0, made.stderr
    done, modules = probe(roadmap_home, "status")
    assert done.returncode == 0, done.stderr
    assert not modules & {"yaml", "roadmap_cli.catalog.schema", "roadmap_cli.catalog.loader"}


# ------------------------------------------------------------------- only the command that runs is built

#: What no daily command, help or completion may import: the planner, the content machinery,
#: Rich, and every other command's module.
HEAVY = {
    *CONTENT_MODULES,
    "rich",
    "typing_extensions",
    "questionary",
    "icalendar",
    "roadmap_cli.planner",
    "roadmap_cli.catalog.catalog",
    "roadmap_cli.catalog.registry",
    "roadmap_cli.render.console",
    "roadmap_cli.render.jsonout",
    "fsrs",  # the review scheduler: `roadmap review` alone
    "roadmap_cli.reviewing",
    "roadmap_cli.assessing",
    "roadmap_cli.sync",  # git, and the lines that travel: `roadmap sync` alone
    "roadmap_cli.progress.travel",
}


def command_modules(modules: set[str]) -> set[str]:
    """The commands whose modules were imported (helpers such as ``options`` are not commands)."""
    return {m.rpartition(".")[2] for m in modules if m.startswith("roadmap_cli.commands.")} & set(COMMANDS)


@pytest.fixture
def planned_home(roadmap_home: Path) -> Path:
    made, _ = probe(roadmap_home, "plan", "--lang", "python", "--hours", "12", "--start", "2027-01-04")
    assert made.returncode == 0, made.stderr
    return roadmap_home


#: What the daily commands' plain command lines run without (``roadmap_cli.fast``): the parser, and
#: dataclasses with the inspect machinery it imports (``roadmap_cli.record``).
PARSER = {"typer", "click", "typer._click", "dataclasses", "inspect"}


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["--ascii", "--no-pager", "status"],
        ["next", "--json"],
        ["check", "learn-language-core"],
        ["note", "learn-language-core", "read the tutorial"],
        ["skip", "programming-fundamentals"],
        ["today", "-H", "2"],
        ["show"],
        ["log", "learn-language-core", "30m", "--on=2026-11-20", "-n", "first steps"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_a_daily_command_runs_without_the_parser_or_anything_heavy(
    planned_home: Path, args: list[str]
) -> None:
    done, modules = probe(planned_home, *args, ROADMAP_TODAY="2026-11-22")
    assert done.returncode == 0, done.stderr
    assert not modules & (HEAVY - {"roadmap_cli.render.jsonout"} if "--json" in args else HEAVY)
    assert modules & PARSER == set()
    assert not command_modules(modules)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--help"],
        ["check", "-uw", "x"],
        ["today", "--hours", "99"],
        ["log", "x", "1h", "--on", "soon"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_command_line_in_any_other_form_goes_to_the_parser(planned_home: Path, args: list[str]) -> None:
    """Help, bundled flags and values that do not parse are the parser's: only its own module loads."""
    done, modules = probe(planned_home, *args)
    assert "typer" in modules
    assert command_modules(modules) == {args[0]}
    assert not modules & HEAVY
    assert done.returncode == (0 if "--help" in args else 2), done.stderr


def test_show_id_runs_without_the_parser(planned_home: Path) -> None:
    """``show ID`` reads the catalog for the item's sources, but still needs no parser."""
    done, modules = probe(planned_home, "show", "sql-fundamentals")
    assert done.returncode == 0, done.stderr
    assert "sql-fundamentals" in done.stdout
    assert not modules & PARSER


def test_help_lists_every_command_with_its_summary_and_loads_none(roadmap_home: Path) -> None:
    done, modules = probe(roadmap_home, "--help")
    assert done.returncode == 0, done.stderr
    groups = done.stdout.split("Plan commands:")[1]  # then Track, Career, Data, Setup
    listed = {line.split()[0] for line in groups.splitlines() if re.match(r"  [a-z]+ ", line)}
    assert listed == set(COMMANDS)
    assert "Tick off what you have done." in done.stdout
    assert not command_modules(modules)
    assert not modules & HEAVY


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_summary_in_the_command_table_is_the_commands_own(name: str) -> None:
    """Help reads the table; the table must say what the command's own help says first."""
    command = load_command(name)
    assert command.name == name
    first_paragraph = " ".join(command.help.strip().split("\n\n")[0].split())
    assert COMMANDS[name] == first_paragraph


def test_completing_a_command_name_loads_no_command(roadmap_home: Path) -> None:
    done, modules = probe(
        roadmap_home, _ROADMAP_COMPLETE="complete_bash", COMP_WORDS="roadmap s", COMP_CWORD="1"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [name for name in COMMANDS if name.startswith("s")]
    assert {"skip", "status", "salary"} <= set(done.stdout.split())
    assert not command_modules(modules)
    assert not modules & HEAVY
    assert not modules & PARSER


def test_completing_an_item_id_or_a_stack_builds_no_parser(planned_home: Path) -> None:
    for words, at, offered in (
        ("roadmap check sql-f", "2", ["sql-fundamentals"]),
        ("roadmap plan --lang g", "3", ["go"]),
    ):
        done, modules = probe(
            planned_home, _ROADMAP_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=at
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == offered
        assert not modules & PARSER
        assert not modules & CONTENT_MODULES


def test_completing_an_option_loads_only_the_running_command(roadmap_home: Path) -> None:
    done, modules = probe(
        roadmap_home, _ROADMAP_COMPLETE="complete_bash", COMP_WORDS="roadmap plan --h", COMP_CWORD="2"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["--hours", "--holidays", "--help"]
    assert command_modules(modules) == {"plan"}
    assert not modules & HEAVY


def test_an_unknown_command_is_a_usage_error_with_a_suggestion(roadmap_home: Path) -> None:
    done, modules = probe(roadmap_home, "stat")
    assert done.returncode == 2
    assert done.stderr.startswith("error: no such command 'stat'.\nhint: did you mean 'status'")
    assert not command_modules(modules)


def test_an_error_in_a_lazily_loaded_command_keeps_its_exit_code(planned_home: Path) -> None:
    done, _ = probe(planned_home, "check", "no-such-item")
    assert done.returncode == 2
    assert done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr


def test_the_daily_views_over_the_built_in_content_measure_cells_without_rich(roadmap_home: Path) -> None:
    """roadmap_cli.cells imports rich.cells only for text that needs its tables (CJK, emoji,
    combining marks): every character the built-in content and roadmap's marks draw is measured
    without it."""
    made, _ = probe(roadmap_home, *PLAN[:-1])
    assert made.returncode == 0, made.stderr
    for args in (["status"], ["next"], ["today"], ["show"], ["show", "learn-language-core"]):
        done, modules = probe(roadmap_home, *args, ROADMAP_TODAY="2027-02-15")
        assert done.returncode == 0, (args, done.stderr)
        assert "roadmap_cli.cells" in modules
        assert not {m for m in modules if m == "rich" or m.startswith("rich.")}, args
