"""A generative test of the whole CLI: random argv and environment over every command.

Hypothesis picks a command (every command and sub-command the app has, found from the app itself,
so a new one is covered the day it is added), then options and arguments for it, drawn from the
command's own options, values of their types, and a pool of hostile values: control characters,
huge numbers, the calendar's ends, special files, long names. Whatever it picks, roadmap must end
with an exit code from the documented set, no traceback, no control character it did not write
itself, and within a few seconds.

Most runs go through CliRunner, for volume; a bounded sample runs as real processes, with hostile
environments (TZ, PYTHONIOENCODING, COLUMNS) and stdout on a full disk or closed.
``ROADMAP_FUZZ_EXAMPLES=5000`` runs more (the default keeps the suite fast).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import fuzzing
from roadmap_cli.cli import app, build_app

EXIT_CODES = {0, 1, 2, 65, 130}
SCALE = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "0"))
IN_PROCESS_EXAMPLES = SCALE or 250
PROCESS_EXAMPLES = max(8, SCALE // 20) if SCALE else 12
HANG = 30.0  # seconds: a process still running then has hung
# Documents whose bytes are the data itself (a CSV cell or a calendar keeps a note as written).
DOCUMENTS = {("export",), ("progress", "export")}

posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and signals")


def command_tree() -> dict[tuple[str, ...], list[Any]]:
    """Every runnable command path and its parameters, read from the app."""
    import typer
    from typer.main import get_command

    found: dict[tuple[str, ...], list[Any]] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "list_commands"):  # a group; the root one loads its commands lazily
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), (*path, name))
        else:
            found[path] = list(command.params)

    walk(get_command(build_app()), ())
    return found


COMMANDS = command_tree()


class World:
    """A home with a plan and some progress, and a folder of files good and bad to point at."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.files = root / "files"
        self.files.mkdir(parents=True)
        self.work = root / "work"  # the current folder: relative outputs land here
        self.work.mkdir()
        runner = CliRunner()
        env = self.env()
        for args in (
            ["plan", "--lang", "python", "--hours", "10", "--start", "2027-01-04"],
            ["check", "learn-language-core", "programming-fundamentals"],
            ["note", "sql-fundamentals", "=1+1 \x1b[31m"],
            ["progress", "export", str(self.files / "backup.json")],
        ):
            result = runner.invoke(app, args, env=env)
            assert result.exit_code == 0, result.output
        good_pack = 'pack:\n  id: team\n  title: "Team"\n  version: "1"\n'
        (self.files / "team.yaml").write_text(good_pack, encoding="utf-8")
        (self.files / "bad.yaml").write_text("milestones: [1, 2\n", encoding="utf-8")
        (self.files / "evil.yaml").write_text(
            'pack:\n  id: x\n  title: "a\\nb"\n  version: "1"\n', encoding="utf-8"
        )
        (self.files / "not-json.json").write_text("{", encoding="utf-8")
        (self.files / "folder").mkdir()
        if hasattr(os, "mkfifo"):
            os.mkfifo(self.files / "fifo")
            (self.files / "zero").symlink_to("/dev/zero")
            (self.files / "loop").symlink_to(self.files / "loop")
        self.snapshot = {p: p.read_bytes() for p in self.home.rglob("*") if p.is_file()}

    def env(self, **extra: str) -> dict[str, str]:
        return {"ROADMAP_HOME": str(self.home), "NO_COLOR": "1", "ROADMAP_TODAY": "2027-02-15", **extra}

    def paths(self) -> list[str]:
        names = [
            "team.yaml",
            "bad.yaml",
            "evil.yaml",
            "backup.json",
            "not-json.json",
            "folder",
            "missing.yaml",
        ]
        if hasattr(os, "mkfifo"):
            names += ["fifo", "zero", "loop"]
        return [str(self.files / n) for n in names] + [
            "-",
            "out.md",
            "a" * 250,
            "b" * 300,
            "/dev/null",
            "/dev/full",
            "sub/dir/out.json",
        ]


HOSTILE = [
    "",
    " ",
    "-",
    "--",
    "x" * 300,
    "\x1b]0;owned\x07",
    "line\nforged",
    "\r",
    "\t",
    "é",
    "日本語",
    "\u202e",
    "💥",
    "\x9b31m",
    "0",
    "-1",
    "1e308",
    "nan",
    "inf",
    "-inf",
    "1e-308",
    "99999999999999999999",
    "9" * 5000,
    "9999-12-31",
    "0001-01-01",
    "2027-02-30",
    "1900-01-01",
    "2999-12-31",
    "2027-01-04",
    "12",
    "80",
    "81",
    "mon 9-10",
    "mon,wed 19:00-21:00; sat 10:00-12:30",
    "mon 25:00-26:00",
    "mon 9-10;" * 200,
    "sun-mon 0-23:59",
    "Europe/London",
    "../../etc/passwd",
    "UTC+25",
    "python",
    "go",
    "fastapi",
    "learn-language-core",
    "sql-fundamentals",
    "bookmark-manager-api",
    "md",
    "csv",
    "json",
    "ics",
    "%s%n",
    "'; DROP TABLE events; --",
    "{framework}",
    "$(reboot)",
    "*",
    '=HYPERLINK("x")',
    "+cmd",
    "@sum",
    "london",
    "senior",
    "junior",
    "y" * 12_000,
    "日" * 2_000,
    "-h",
    "--help",
    "--json",
    "--undo",
    "--force",
    "--version",
]


def safe_text() -> st.SearchStrategy[str]:
    """Random text that cannot name a real file outside the test's folders (no leading / or ~, no ..)."""
    return st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00/"), max_size=40
    ).filter(lambda t: not t.startswith("~") and ".." not in t)


@st.composite
def argv(draw: st.DrawFn, paths: list[str]) -> list[str]:
    path = draw(st.sampled_from(sorted(COMMANDS)))
    params = COMMANDS[path]
    value = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(paths), safe_text())
    words: list[str] = list(path)
    for _ in range(draw(st.integers(0, 6))):
        param = draw(st.sampled_from(params)) if params else None
        if param is None or draw(st.integers(0, 9)) == 0 or param.param_type_name == "argument":
            words.append(draw(value))
        elif getattr(param, "is_flag", False):
            words.append(draw(st.sampled_from(param.opts)))
        else:
            choices = getattr(param.type, "choices", None)
            option_value = st.sampled_from(list(choices)) if choices and draw(st.booleans()) else value
            words += [draw(st.sampled_from(param.opts)), draw(option_value)]
    return words


@st.composite
def environment(draw: st.DrawFn) -> dict[str, str]:
    env: dict[str, str] = {}
    if draw(st.booleans()):
        env["ROADMAP_TODAY"] = draw(
            st.sampled_from(
                ["2027-02-15", "2026-01-01", "2030-06-30", "0001-01-01", "9999-12-31", "junk", "", " "]
            )
        )
    if draw(st.booleans()):
        env["COLUMNS"] = draw(
            st.sampled_from(["80", "1", "40", "1000", "99999999", "-3", "abc", "9" * 5000, ""])
        )
    if draw(st.booleans()):
        env["LINES"] = draw(st.sampled_from(["24", "0", "99999999", "x"]))
    return env


def control_characters(text: str) -> list[str]:
    return sorted({c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0})


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("fuzz")
    yield World(root)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def in_work_folder(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.chdir(world.work)
    return world


@fuzzing(IN_PROCESS_EXAMPLES)
@given(data=st.data())
def test_any_argv_and_environment_in_process(in_work_folder: World, data: st.DataObject) -> None:
    world = in_work_folder
    args = data.draw(argv(world.paths()), label="argv")
    env = world.env(**data.draw(environment(), label="env"))
    result = CliRunner().invoke(app, args, env=env)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{args!r} raised {result.exception!r}"
    assert result.exit_code in EXIT_CODES, (args, result.exit_code, result.output)
    assert "Traceback" not in result.stderr
    command = tuple(a for a in args[:2] if a.isidentifier() or a in ("progress", "packs"))
    if not any(command[: len(d)] == d for d in DOCUMENTS):
        assert control_characters(result.stdout) == [], args
    assert control_characters(result.stderr) == [], args


STDOUTS = ["pipe", "full", "closed", "head"]


@posix
@fuzzing(PROCESS_EXAMPLES)
@given(data=st.data())
def test_any_argv_and_environment_in_a_real_process(in_work_folder: World, data: st.DataObject) -> None:
    world = in_work_folder
    args = data.draw(argv(world.paths()), label="argv")
    env = {**os.environ, **world.env(**data.draw(environment(), label="env"))}
    extra = data.draw(
        st.fixed_dictionaries(
            {},
            optional={
                "TZ": st.sampled_from(["UTC+25", "UTC-25", "Nowhere/Else", "", ":/etc/passwd", "EST5EDT"]),
                "PYTHONIOENCODING": st.sampled_from(["ascii", "latin-1", "utf-8", "cp437"]),
                "LANG": st.sampled_from(["C", "POSIX", "xx_XX.bogus"]),
            },
        ),
        label="process env",
    )
    env.update(extra)
    stdout = data.draw(st.sampled_from(STDOUTS), label="stdout")
    command = [sys.executable, "-m", "roadmap_cli", *args]
    if stdout == "head":
        shell = " ".join(_quote(a) for a in command) + " | head -c 10 > /dev/null"
        done = subprocess.run(
            shell, shell=True, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, timeout=HANG
        )
    elif stdout == "full" and Path("/dev/full").exists():
        with open("/dev/full", "wb") as full:  # noqa: PTH123
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=full,
                stderr=subprocess.PIPE,
                env=env,
                timeout=HANG,
            )
    elif stdout == "closed":
        shell = " ".join(_quote(a) for a in command) + " >&-"
        done = subprocess.run(
            shell, shell=True, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, timeout=HANG
        )
    else:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=HANG)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in EXIT_CODES, (args, extra, stdout, done.returncode, err)
    assert "Traceback" not in err, (args, extra, stdout, err)
    assert "Exception ignored" not in err, (args, extra, stdout, err)


def _quote(word: str) -> str:
    import shlex

    return shlex.quote(word)


def test_the_tree_covers_every_command() -> None:
    from roadmap_cli.cli import COMMANDS as TOP

    assert {path[0] for path in COMMANDS} == set(TOP)
    assert ("progress", "import") in COMMANDS


def test_no_progress_was_lost(world: World) -> None:
    """The fuzzing above ran writes too; what the world started with is still there (no data lost)."""
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=True, path=world.home / "data" / "progress.sqlite3") as store:
        events = store.events()
    uids = {e.uid for e in events}
    backup = json.loads((world.files / "backup.json").read_text(encoding="utf-8"))
    assert {e["uid"] for e in backup["events"]} <= uids
