"""The whole command line, round three: a generative test over every command, in a fresh world.

Hypothesis draws a command (every command and sub-command, read from the app), then words for it
from its own options, the plan's item ids, values of the right kinds, and hostile text: controls
and escapes, bidi marks, lone surrogates, wide (CJK, emoji) and combining characters, and, in a
real process, bytes that are not UTF-8. Each example runs in a home of its own, copied from one
made once, that may also hold hostile files: a FIFO or a link to ``/dev/zero`` in place of the
catalog cache, a pack whose name is not UTF-8, a ``.yml`` pack, two packs replacing one item.

Whatever is drawn, roadmap ends with a documented exit code, no traceback, no raw control
character it did not write itself, stdout that is UTF-8, and every human view fits its width in
terminal cells (a single word wider than the line, such as a path, may run past it). A run that
does not end within a generous bound is a hang, not a slow run: nothing here measures speed.
The seed is fixed (``derandomize``): the same examples every run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import fuzzing, raw_controls
from roadmap_cli.cli import app, build_app

EXIT_CODES = {0, 1, 2, 65, 130}
#: ``ROADMAP_FUZZ_EXAMPLES=3000`` hunts longer (the default keeps the suite's time).
SCALE = int(os.environ.get("ROADMAP_FUZZ_EXAMPLES", "0"))
#: Longer than any run takes on the slowest machine: past it, the run is stuck.
HANG = 60
ITEMS = ["learn-language-core", "programming-fundamentals", "sql-fundamentals", "bookmark-manager-api"]
#: Output that is a document (its bytes are the data) or the parser's own help: not laid out here.
NOT_VIEWS = {"export", "schema", "report", ("progress", "export"), ("packs", "schema"), ("packs", "new")}
#: Options left out: one opens a web browser.
LEFT_OUT = {"--open"}
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, bytes in arguments and signals")

HOSTILE = [
    "",
    " ",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b[2J\x07\x08",
    "line\nforged\r",
    "\u202eevil\u2066",
    "\u061c\u200f",
    "a\ud800b",
    "\udcff",
    "東京タワーの歴史と文化について学ぶ",
    "👩‍💻🇬🇧👍🏽",
    "e\u0301e\u0301e\u0301",
    "東" * 300,
    "x" * 300,
    "$\\frac{1}{0}$",
    "=1+1",
    "../../etc/passwd",
]
VALUES = [
    *ITEMS,
    "python",
    "go",
    "fastapi",
    "12",
    "0.5",
    "200",
    "1h30m",
    "90m",
    "2027-01-04",
    "2999-12-01",
    "2027-03-14",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "sun 02:00-03:00",
    "mon,wed 19:00-21:00",
    "md",
    "csv",
    "ics",
    "json",
    "london",
    "senior",
    "none",
    "-",
]


#: Titles for the world's plan: wide, combining, emoji, bidi and control characters, no spaces.
TITLES = [
    "東京タワーの歴史と文化について学ぶ東京タワーの歴史と文化について学ぶ",
    "Cafe\u0301 cre\u0300me bru\u0302le\u0301e, de\u0301ja\u0300 vu",
    "👩‍💻👨‍👩‍👧‍👦🇬🇧🇯🇵👍🏽 emoji",
    "\u202eevil\u202c and \u2067isolate\u2069 \u061c",
    "Bell\x07 escape\x1b[2J title\x1b]0;owned\x07",
    "$\\frac{1}{0}$ mathtext",
]


def command_tree() -> dict[tuple[str, ...], list[Any]]:
    """Every runnable command path and its parameters, read from the app."""
    import typer
    from typer.main import get_command

    found: dict[tuple[str, ...], list[Any]] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "list_commands"):
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), (*path, name))
        else:
            found[path] = [p for p in command.params if not set(getattr(p, "opts", ())) & LEFT_OUT]

    walk(get_command(build_app()), ())
    return found


COMMANDS = command_tree()
#: The human views, drawn as often as all the commands together: their layout is what is checked.
VIEWS = sorted(
    path
    for path in COMMANDS
    if path[0] in {"status", "next", "today", "show", "plans", "salary", "levels", "certs", "skills"}
    or path[0] in {"market", "stacks", "doctor", "where", "plan", "replan"}
    or path == ("packs", "list")
)


def text() -> st.SearchStrategy[str]:
    """Text of every kind, lone surrogates included; never a path outside the example's folder, and
    never a NUL (no command line can hold one)."""
    return st.text(alphabet=st.characters(blacklist_characters="/\x00"), max_size=30).filter(
        lambda t: not t.startswith(("~", "-")) and ".." not in t
    )


@st.composite
def argv(draw: st.DrawFn) -> list[str]:
    path = draw(st.one_of(st.sampled_from(VIEWS), st.sampled_from(sorted(COMMANDS))))
    params = COMMANDS[path]
    value = st.one_of(st.sampled_from(VALUES), st.sampled_from(ITEMS), st.sampled_from(HOSTILE), text())
    words: list[str] = list(path)
    for _ in range(draw(st.integers(0, 3))):
        param = draw(st.sampled_from(params)) if params else None
        if param is None or param.param_type_name == "argument":
            words.append(draw(value))
        elif getattr(param, "is_flag", False):
            words.append(draw(st.sampled_from(param.opts)))
        else:
            choices = getattr(param.type, "choices", None)
            option_value = st.sampled_from(list(choices)) if choices and draw(st.booleans()) else value
            words += [draw(st.sampled_from(param.opts)), draw(option_value)]
    return words


#: Hostile files a home may hold. ``/dev/zero`` in place of the cache is planted only for a real
#: process, under a memory limit: a regression that read it would fill the memory of the machine
#: running the tests before any alarm could stop it.
HOSTILE_FILES = ["cache-fifo", "odd-name-pack", "yml-pack", "two-replacing"]
PROCESS_HOSTILE_FILES = [*HOSTILE_FILES, "cache-zero"]
#: The address space a real run may take (the largest run takes a few hundred MB).
MEMORY_LIMIT = 2 * 1024**3


def _pack(name: str, replacing: bool = False) -> str:
    item = "sql-fundamentals" if replacing else f"{name}-item"
    return (
        f'pack:\n  id: {name}\n  title: "{name}"\n  version: "1"\n'
        f'sources:\n  - id: {name}-src\n    title: "S"\n    publisher: "P"\n    as_of: "2026-11"\n'
        f"milestones:\n  - id: {item}\n{'    replace: true' + chr(10) if replacing else ''}"
        f'    phase: foundations\n    title: "東京 {name}"\n    hours: 8\n    sources: [{name}-src]\n'
    )


def plant(home: Path, kinds: list[str]) -> None:
    """Hostile files in a fresh home."""
    packs = home / "config" / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    cache = home / "cache" / "catalog.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        if kind in ("cache-fifo", "cache-zero") and hasattr(os, "mkfifo"):
            cache.unlink(missing_ok=True)
            if not cache.is_symlink() and not cache.exists():
                os.mkfifo(cache) if kind == "cache-fifo" else cache.symlink_to("/dev/zero")
        elif kind == "odd-name-pack" and sys.platform != "win32":
            with open(os.fsencode(packs) + b"/odd\xff.yaml", "w", encoding="utf-8") as fh:  # noqa: PTH123
                fh.write(_pack("odd"))
        elif kind == "yml-pack":
            (packs / "team.yml").write_text(_pack("team"), encoding="utf-8")
        elif kind == "two-replacing":
            (packs / "aa.yaml").write_text(_pack("aa", replacing=True), encoding="utf-8")
            (packs / "bb.yml").write_text(_pack("bb", replacing=True), encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A home with a plan, ticks and a note with wide text: copied for each example."""
    root = tmp_path_factory.mktemp("whole")
    home = root / "home"
    env = {"ROADMAP_HOME": str(home), "NO_COLOR": "1", "ROADMAP_TODAY": "2027-02-15"}
    runner = CliRunner()
    made = root / "made"
    result = runner.invoke(
        app,
        ["plan", "--lang", "python", "--hours", "10", "--start", "2027-01-04"],
        env={**env, "ROADMAP_HOME": str(made)},
    )
    assert result.exit_code == 0, result.output
    backup = runner.invoke(app, ["progress", "export"], env={**env, "ROADMAP_HOME": str(made)}).stdout
    doc = json.loads(backup)
    snapshot = doc["plans"][0]["snapshot"]
    for n, entry in enumerate(snapshot["items"]):  # titles as a crafted backup could bring them
        entry["title"] = TITLES[n % len(TITLES)] + (" " + entry["title"] if n % 2 else "")
    for n, phase in enumerate(snapshot["phases"]):
        phase["title"] = TITLES[(n + 3) % len(TITLES)]
    (root / "wide.json").write_text(json.dumps(doc), encoding="utf-8")
    for args in (
        ["progress", "import", str(root / "wide.json")],
        ["check", "learn-language-core", "--evidence", "https://example.com/\u202egpj.exe"],
        ["note", "sql-fundamentals", "東京タワー👩‍💻 e\u0301 \x1b[31m"],
        ["log", "programming-fundamentals", "1h", "--note", "\u061cメモ"],
    ):
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, (args, result.output)
    yield home
    shutil.rmtree(root, ignore_errors=True)


def fresh(template: Path, kinds: list[str]) -> tuple[Path, Path]:
    """A new example folder: its own copy of the home (hostile files planted) and a work folder."""
    root = Path(tempfile.mkdtemp(prefix="roadmap-example-"))
    home = root / "home"
    shutil.copytree(template, home, symlinks=True)
    plant(home, kinds)
    (root / "work").mkdir()
    return home, root


def as_bytes(word: str) -> bytes:
    """A word as a command line holds it; a lone surrogate as the bytes that encode it (CESU-8),
    which are not UTF-8 either."""
    try:
        return os.fsencode(word)
    except UnicodeEncodeError:
        return word.encode("utf-8", "surrogatepass")


def is_view(words: list[str]) -> bool:
    command = tuple(w for w in words[:2] if not w.startswith("-"))
    if any(w in ("--json", "--help", "-h") for w in words):
        return False
    return not any(command[: len(n)] == n if isinstance(n, tuple) else command[:1] == (n,) for n in NOT_VIEWS)


def too_wide(out: str, columns: int) -> list[str]:
    from rich.cells import cell_len

    return [line for line in out.splitlines() if cell_len(line) > columns and len(line.split()) > 1]


class Hang(Exception):
    pass


def _hung(_signum: int, _frame: object) -> None:
    raise Hang


@posix
@fuzzing(SCALE or 300)
@given(data=st.data())
def test_the_whole_command_line_in_process(template: Path, data: st.DataObject) -> None:
    # As a real process gets them: a lone surrogate arrives as the bytes that encode it, which
    # Python decodes with surrogateescape (U+DC80-U+DCFF), as it does any byte that is not UTF-8.
    words = [os.fsdecode(as_bytes(w)) for w in data.draw(argv(), label="argv")]
    kinds = data.draw(st.lists(st.sampled_from(HOSTILE_FILES), max_size=2, unique=True), label="files")
    columns = data.draw(st.sampled_from([40, 57, 80, 132]), label="columns")
    home, root = fresh(template, kinds)
    env = {
        "ROADMAP_HOME": str(home),
        "NO_COLOR": "1",
        "ROADMAP_TODAY": "2027-02-15",
        "COLUMNS": str(columns),
        "ROADMAP_NO_PAGER": "1",
    }
    here = Path.cwd()
    previous = signal.signal(signal.SIGALRM, _hung)
    try:
        os.chdir(root / "work")
        signal.alarm(HANG)
        result = CliRunner().invoke(app, words, env=env)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(here)
        shutil.rmtree(root, ignore_errors=True)
    assert not isinstance(result.exception, Hang), f"{words!r} with {kinds} hung"
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{words!r} with {kinds} raised {result.exception!r}"
    assert result.exit_code in EXIT_CODES, (words, kinds, result.exit_code, result.output)
    event(f"exit {result.exit_code}" + (" (a view)" if is_view(words) else ""))
    assert "Traceback" not in result.stderr, (words, kinds, result.stderr)
    assert raw_controls(result.stderr) == [], (words, kinds, result.stderr)
    if is_view(words):
        assert raw_controls(result.stdout) == [], (words, kinds)
        if result.exit_code == 0:
            assert too_wide(result.stdout, columns) == [], (words, kinds, columns)


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


BYTES = [b"bad \xff byte", b"\xff", b"\xfe\xfd", b"caf\xe9", b"x\xff.yaml"]


@posix
@fuzzing(max(16, SCALE // 20))
@given(data=st.data())
def test_the_whole_command_line_in_a_real_process_with_bytes(template: Path, data: st.DataObject) -> None:
    """Arguments the shell passes as bytes that are not UTF-8 (a Latin-1 terminal), as Python gets
    them: decoded with ``surrogateescape``, which the in-process runner cannot pass."""
    words: list[str | bytes] = list(data.draw(argv(), label="argv"))
    for _ in range(data.draw(st.integers(1, 2), label="how many bytes")):
        at = data.draw(st.integers(1, max(1, len(words))), label="where")
        words.insert(at, data.draw(st.sampled_from(BYTES), label="bytes"))
    kinds = data.draw(
        st.lists(st.sampled_from(PROCESS_HOSTILE_FILES), max_size=2, unique=True), label="files"
    )
    columns = data.draw(st.sampled_from([40, 80]), label="columns")
    home, root = fresh(template, kinds)
    env = {
        **os.environ,
        "ROADMAP_HOME": str(home),
        "NO_COLOR": "1",
        "ROADMAP_TODAY": "2027-02-15",
        "COLUMNS": str(columns),
    }
    command: list[bytes] = [os.fsencode(sys.executable), b"-m", b"roadmap_cli"]
    command += [w if isinstance(w, bytes) else as_bytes(w) for w in words]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=env,
            cwd=root / "work",
            timeout=HANG,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{words!r} with {kinds} hung")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode in EXIT_CODES, (words, kinds, done.returncode, err)
    assert "Traceback" not in err, (words, kinds, err)
    assert "Exception ignored" not in err, (words, kinds, err)
    out = done.stdout.decode("utf-8")  # never bytes that are not UTF-8, never a lone surrogate
    text_words = [w for w in words if isinstance(w, str)]
    if is_view(text_words) and done.returncode == 0:
        assert raw_controls(out) == [], (words, kinds)
        assert too_wide(out, columns) == [], (words, kinds, columns)
