"""The hostile corpus: inputs an attacker (or bad luck) would try, case by case, each with what it
must produce. Text is shown and never obeyed; backups are checked whole before anything is
written; special files are refused before they are read; the process ends in one line."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import raw_controls
from roadmap_cli.cli import app
from roadmap_cli.progress.store import database_path

START = "2027-01-04"
TODAY = "2027-02-15"
ROADMAP = [sys.executable, "-m", "roadmap_cli"]
ESC = "\x1b"
# A window title, a screen clear, a colour and a bidi override: none may reach a terminal raw.
EVIL = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\u202eevil"
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and signals")


def invoke(runner: CliRunner, *args: str, **kwargs: Any) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), **kwargs)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def planned(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("ROADMAP_TODAY", TODAY)
    for args in (
        ["plan", "--lang", "python", "--hours", "12", "--start", START],
        ["check", "learn-language-core"],
    ):
        assert invoke(runner, *args)[0] == 0
    return runner


def backup_of(runner: CliRunner) -> dict[str, Any]:
    code, out, _ = invoke(runner, "progress", "export")
    assert code == 0
    doc: dict[str, Any] = json.loads(out)
    return doc


@pytest.fixture
def poisoned(planned: CliRunner, roadmap_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home whose plan came from a backup with control characters in its titles, and whose
    history has such notes and evidence: what a crafted backup would leave behind."""
    doc = backup_of(planned)
    snapshot = doc["plans"][0]["snapshot"]
    first = next(i for i in snapshot["items"] if i["id"] == "learn-language-core")
    first["title"] = f'=HYPERLINK("http://x")<script>alert(1)</script>{EVIL}\nforged ✓ line'
    snapshot["phases"][0]["title"] = f"Phase{EVIL}\r\nforged"
    doc["plans"][0]["created_at"] = "2027-01-05T10:00:00+00:00"
    doc["events"] += [
        {
            "uid": "evil-note",
            "item_id": first["id"],
            "kind": "note",
            "value": f"note{EVIL}\nforged",
            "created_at": "2027-01-06T10:00:00+00:00",
        },
        {
            "uid": "evil-evidence",
            "item_id": first["id"],
            "kind": "evidence",
            "value": "javascript:alert(1)><img src=x onerror=alert(1)>",
            "created_at": "2027-01-06T10:00:00+00:00",
        },
    ]
    fresh = tmp_path / "fresh-home"
    monkeypatch.setenv("ROADMAP_HOME", str(fresh))
    source = tmp_path / "evil.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = invoke(planned, "progress", "import", str(source))
    assert code == 0, err
    return fresh


# -- part 2: text is data -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["next"],
        ["check", "learn-language-core"],
        ["note", "learn-language-core", "ok"],
        ["replan"],
        ["status", "--json"],
        ["next", "--json"],
        ["export", "-F", "md"],
        ["doctor"],
        ["show", "learn-language-core"],
        ["show"],
        ["today"],
        ["plans"],
        ["log", "learn-language-core", "1h", "--note", "studied \x1b[2J"],
    ],
)
def test_hostile_text_from_a_backup_is_shown_never_obeyed(
    poisoned: Path, runner: CliRunner, args: list[str]
) -> None:
    code, out, err = invoke(runner, *args)
    assert code in (0, 1), err
    assert raw_controls(out, tab=False) == []
    assert raw_controls(err, tab=False) == []
    assert "forged ✓ line" not in out.splitlines()  # no line of its own


def test_escaped_title_is_visible(poisoned: Path, runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "status")
    assert "\\x1b]0;owned\\x07" in out
    assert "\\r\\nforged" in out


def test_markdown_export_escapes_html(poisoned: Path, runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "export", "-F", "md")
    assert code == 0
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "<img" not in out
    assert "<javascript:" not in out  # not made a link


def test_csv_export_neutralises_formulas(poisoned: Path, runner: CliRunner) -> None:
    import csv
    import io

    code, out, _ = invoke(runner, "export", "-F", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value
    assert any(r["title"].startswith("'=HYPERLINK") for r in rows)


def test_a_note_with_escapes_is_echoed_escaped(planned: CliRunner) -> None:
    code, out, _ = invoke(planned, "note", "learn-language-core", f"hi{EVIL}\nforged")
    assert code == 0
    assert raw_controls(out, tab=False) == []
    assert "hi\\x1b]0;owned\\x07" in out


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Line one\\nline two", "milestones[0].title"),
        ("Bell\\a", "milestones[0].title"),
        ("Escape\\e[2J", "milestones[0].title"),
        ("Right-to-left\\u202eoverride", "milestones[0].title"),
        ("Carriage\\rreturn", "milestones[0].title"),
    ],
)
def test_pack_titles_with_control_characters_are_refused(
    runner: CliRunner, tmp_path: Path, title: str, field: str
) -> None:
    pack = tmp_path / "evil.yaml"
    pack.write_text(
        f'milestones:\n  - id: evil-item\n    phase: foundations\n    title: "{title}"\n    hours: 5\n',
        encoding="utf-8",
    )
    code, _, err = invoke(runner, "packs", "validate", str(pack))
    assert code == 65
    assert f"{field}: expected one line of text, without newlines, tabs or other control characters" in err
    assert raw_controls(err, tab=False) == []


def test_a_file_name_with_escapes_is_shown_escaped(runner: CliRunner, roadmap_home: Path) -> None:
    folder = roadmap_home / "config" / "packs"
    folder.mkdir(parents=True)
    (folder / f"team{ESC}]0;owned{chr(7)}.yaml").write_text(
        'pack:\n  id: team\n  title: "Team"\n  version: "1"\n', encoding="utf-8"
    )
    for args in (["packs", "list"], ["doctor"], ["packs", "validate", str(next(folder.iterdir()))]):
        code, out, err = invoke(runner, *args)
        assert code == 0, err
        assert raw_controls(out + err, tab=False) == [], args
    target = roadmap_home / f"new{ESC}]0;owned{chr(7)}\x8d.yaml"
    code, out, err = invoke(runner, "packs", "new", "team", "-o", str(target))
    assert code == 0, err
    assert raw_controls(out + err, tab=False) == []
    code, _, err = invoke(runner, "progress", "import", f"missing{ESC}[2J.json")
    assert code == 1
    assert raw_controls(err, tab=False) == []


# -- part 1: backups, checked whole before anything is written ------------------------------------


def _event(**change: Any) -> dict[str, Any]:
    event = {
        "uid": "u1",
        "item_id": "learn-language-core",
        "kind": "tick",
        "value": None,
        "created_at": "2027-01-05T10:00:00+00:00",
    }
    event.update(change)
    return event


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["events"].append(_event(created_at="yesterday")),
            "events[1].created_at: not an ISO 8601 time",
        ),
        (
            lambda d: d["events"].append(_event(created_at=5)),
            "events[1].created_at: expected text, found a number",
        ),
        (lambda d: d["events"].append(_event(item_id="Not A Slug")), "events[1].item_id: expected an id of"),
        (lambda d: d["events"].append(_event(item_id="")), "events[1].item_id: expected an id of"),
        (lambda d: d["events"].append(_event(uid="a b")), "events[1].uid: expected an id of letters"),
        (lambda d: d["events"].append(_event(uid="x" * 65)), "events[1].uid: longer than 64 characters"),
        (lambda d: d["events"].append(_event(kind="explode")), "events[1].kind: expected one of tick,"),
        (lambda d: d["events"].append(_event(value=["a"])), "events[1].value: expected text, found a list"),
        (lambda d: d["events"].append(_event(value="x" * 10_001)), "events[1].value: longer than 10,000"),
        (lambda d: d["events"].append(_event(extra=1)), "events[1]: unknown field 'extra'"),
        (lambda d: d["events"].append("tick"), "events[1]: expected an object, found text"),
        (
            lambda d: d["plans"][0].update(created_at="2027-13-45"),
            "plans[0].created_at: not an ISO 8601 time",
        ),
        (lambda d: d["plans"][0].update(active="yes"), "plans[0].active: expected true or false, found text"),
        (lambda d: d["plans"][0].update(packs="a.yaml"), "plans[0].packs: expected a list of file names"),
        (lambda d: d["plans"][0].update(packs=[1]), "plans[0].packs: expected a list of file names"),
        (lambda d: d["plans"][0].update(snapshot=[]), "plans[0].snapshot: expected an object, found a list"),
        (lambda d: d["plans"][0]["snapshot"].pop("items"), "plans[0].snapshot.items: missing"),
        (
            lambda d: d["plans"][0]["snapshot"]["request"].update(start="9999-01-01"),
            "plans[0].snapshot.request.start: out of range",
        ),
        (
            lambda d: d["plans"][0]["snapshot"]["request"].update(hours=0),
            "plans[0].snapshot.request.hours: not a number from 1 to 80",
        ),
        (
            lambda d: d["plans"][0]["snapshot"].update(deep=json.loads("[" * 40 + "]" * 40)),
            "plans[0].snapshot: nested more than 32 levels deep",
        ),
    ],
)
def test_a_bad_backup_is_refused_whole_with_json_paths(
    planned: CliRunner, tmp_path: Path, change: Any, expected: str
) -> None:
    doc = backup_of(planned)
    change(doc)
    doc["events"].insert(0, _event(uid="good-one", kind="skip"))  # a good event: not imported either
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    before = database_path().read_bytes()
    code, _, err = invoke(planned, "progress", "import", str(source))
    assert code == 1
    assert "nothing was imported" in err
    assert expected.replace("events[1]", "events[2]") in err
    assert database_path().read_bytes() == before


def test_many_problems_are_counted_not_all_listed(planned: CliRunner, tmp_path: Path) -> None:
    doc = backup_of(planned)
    doc["events"] = [_event(uid=f"u{n}", created_at="never") for n in range(25)]
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = invoke(planned, "progress", "import", str(source))
    assert code == 1
    assert "events[9].created_at" in err
    assert "events[10]" not in err
    assert "... and 15 more" in err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"kind": "roadmap-progress", "version": 1, "plans": [], "events": [NaN]}', "NaN is not a number"),
        (
            b'{"kind": "roadmap-progress", "version": 1, "plans": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b', "events": []}',
            "nested more than 32 levels",
        ),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"", "not JSON"),
    ],
)
def test_a_backup_that_is_not_json_enough(
    planned: CliRunner, tmp_path: Path, content: bytes, expected: str
) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    code, _, err = invoke(planned, "progress", "import", str(source))
    assert code == 1
    assert expected in err


def test_a_backup_over_the_size_limit_is_not_read_whole(
    planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("roadmap_cli.progress.backup.MAX_BACKUP_BYTES", 1000)
    source = tmp_path / "big.json"
    source.write_text(json.dumps(backup_of(planned)), encoding="utf-8")
    code, _, err = invoke(planned, "progress", "import", str(source))
    assert code == 1
    assert "larger than the 1,000-byte limit" in err
    code, _, err = invoke(planned, "progress", "import", "-", input=source.read_text(encoding="utf-8"))
    assert code == 1
    assert "stdin: larger than the 1,000-byte limit" in err


@posix
@pytest.mark.parametrize("kind", ["fifo", "zero", "loop", "folder"])
def test_special_files_are_refused_as_import_sources_without_waiting(
    roadmap_home: Path, tmp_path: Path, kind: str
) -> None:
    target = tmp_path / "backup.json"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "zero":
        target.symlink_to("/dev/zero")
    elif kind == "loop":
        target.symlink_to(target)
    else:
        target.mkdir()
    done = subprocess.run(
        [*ROADMAP, "progress", "import", str(target)],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "ROADMAP_HOME": str(roadmap_home)},
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert {"fifo": "FIFO", "zero": "a device", "loop": "symbolic links", "folder": "folder"}[
        kind
    ] in done.stderr
    assert not database_path().exists()


# -- part 3: files ----------------------------------------------------------------------------------


@posix
def test_force_replaces_only_regular_files_and_keeps_their_mode(planned: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.md"
    os.mkfifo(fifo)
    code, _, err = invoke(planned, "export", "-F", "md", "-o", str(fifo), "--force")
    assert code == 1
    assert "FIFO" in err
    assert "only regular files" in err
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    code, _, err = invoke(planned, "export", "-F", "md", "-o", "/dev/null", "--force")
    assert code == 1
    assert "is a device" in err
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    code, _, err = invoke(planned, "export", "-F", "md", "-o", str(link), "--force")
    assert code == 1
    assert "symbolic link" in err
    assert link.is_symlink()
    kept = tmp_path / "kept.md"
    kept.write_text("old")
    kept.chmod(0o640)
    assert invoke(planned, "export", "-F", "md", "-o", str(kept), "--force")[0] == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text(encoding="utf-8").startswith("# Backend study plan")


@posix
def test_private_files(planned: CliRunner, roadmap_home: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        data = database_path().parent
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE(database_path().stat().st_mode) == 0o600
        from roadmap_cli.progress.store import open_store

        with open_store(readonly=False) as store:  # an open write connection keeps -wal and -shm
            store.record([("sql-fundamentals", "tick", None)])
            for side in ("-wal", "-shm"):
                assert stat.S_IMODE(Path(f"{database_path()}{side}").stat().st_mode) == 0o600
        backup = tmp_path / "backup.json"
        assert invoke(planned, "progress", "export", str(backup))[0] == 0
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        backup.chmod(0o644)
        assert invoke(planned, "progress", "export", str(backup), "--force")[0] == 0
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # a replaced backup never more than private
    finally:
        os.umask(old)


@posix
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: os.mkfifo(p), "is a FIFO (named pipe), not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "is a device, not a regular file"),
        (lambda p: p.symlink_to(p), "Too many levels of symbolic links"),
    ],
)
def test_special_files_in_the_packs_folder_are_refused_without_hanging(
    roadmap_home: Path, make: Any, expected: str
) -> None:
    folder = roadmap_home / "config" / "packs"
    folder.mkdir(parents=True)
    make(folder / "special.yaml")
    env = {**os.environ, "ROADMAP_HOME": str(roadmap_home)}
    for args in (["stacks"], ["plan", "--lang", "go", "--hours", "5", "--dry-run"], ["doctor"]):
        done = subprocess.run([*ROADMAP, *args], capture_output=True, text=True, timeout=30, env=env)
        assert done.returncode == 65, done.stderr
        assert expected in done.stdout + done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("content", [b"x", b"SQLite format 2\x00" + b"\x00" * 100, b"<html>" * 10])
def test_a_short_or_foreign_database_is_damaged_never_remade(
    runner: CliRunner, roadmap_home: Path, content: bytes
) -> None:
    path = database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    for args in (["status"], ["plan", "--lang", "go", "--hours", "5"], ["check", "x"]):
        code, _, err = invoke(runner, *args)
        assert code == 1
        assert "cannot be read" in err
        assert "left exactly as it is" in err
    assert path.read_bytes() == content


# -- part 4: the process ----------------------------------------------------------------------------


def _run(*args: str, home: Path, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1", **kwargs.pop("env", {})}
    return subprocess.run([*ROADMAP, *args], capture_output=True, timeout=60, env=env, **kwargs)


@posix
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line(roadmap_home: Path) -> None:
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        done = subprocess.run(
            [*ROADMAP, "plan", "--lang", "go", "--hours", "5", "--dry-run"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
            env={**os.environ, "ROADMAP_HOME": str(roadmap_home)},
        )
    assert done.returncode == 1
    assert done.stderr.decode() == "error: cannot write the output: No space left on device\n"


@posix
def test_a_closed_stdout_is_one_line(roadmap_home: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m roadmap_cli stacks >&-",
        shell=True,
        capture_output=True,
        timeout=60,
        env={**os.environ, "ROADMAP_HOME": str(roadmap_home)},
    )
    assert done.returncode == 1
    assert done.stderr.decode() == "error: cannot write the output: standard output is closed\n"
    done = subprocess.run(  # a closed stderr: still no complaint anywhere, and the work is done
        f"{sys.executable} -m roadmap_cli stacks 2>&-",
        shell=True,
        capture_output=True,
        timeout=60,
        env={**os.environ, "ROADMAP_HOME": str(roadmap_home)},
    )
    assert done.returncode == 0
    assert b"python" in done.stdout


@posix
def test_ctrl_c_during_the_first_imports_is_one_line(roadmap_home: Path) -> None:
    """The console script's first module answers an interrupt before anything else is loaded."""
    code = "import roadmap_cli.launch, os, signal, time; os.kill(os.getpid(), signal.SIGINT); time.sleep(5)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == 130
    assert done.stderr == b"\ninterrupted\n"


def test_ctrl_c_while_the_app_is_built_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_cli import cli

    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_app", interrupted)
    monkeypatch.setattr(sys, "argv", ["roadmap", "salary"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "\ninterrupted\n"


def test_ctrl_c_in_a_daily_command_run_without_the_parser_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_cli import cli, track

    def interrupted(json_out: bool = False) -> None:
        raise KeyboardInterrupt

    def no_parser() -> None:
        raise AssertionError("the parser was built")

    monkeypatch.setattr(track, "status", interrupted)
    monkeypatch.setattr(cli, "build_app", no_parser)
    monkeypatch.setattr(sys, "argv", ["roadmap", "status"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "\ninterrupted\n"


@posix
def test_early_interrupts_in_real_processes(roadmap_home: Path) -> None:
    """Ctrl-C at moments spread over the first third of a second after roadmap's first line ran
    (the interpreter's own start-up before it is out of roadmap's reach): 130 or done, one line.
    The child says when that line has run, so that a slow machine does not move the moments."""
    child = (
        "import os, sys; import roadmap_cli.launch as launch; os.write(int(sys.argv[1]), b'x'); "
        "sys.argv = ['roadmap', 'plan', '--lang', 'python', '--hours', '5', '--dry-run']; launch.main()"
    )
    for delay in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3):
        ready, tell = os.pipe()
        proc = subprocess.Popen(
            [sys.executable, "-c", child, str(tell)],
            pass_fds=(tell,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "ROADMAP_HOME": str(roadmap_home)},
        )
        os.close(tell)
        os.read(ready, 1)
        os.close(ready)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, 130), (delay, err)
        assert err in (b"", b"\ninterrupted\n"), (delay, err)


@posix
def test_an_ascii_terminal_gets_ascii_marks_and_exact_json(roadmap_home: Path) -> None:
    env = {"PYTHONIOENCODING": "ascii"}
    done = _run("plan", "--lang", "python", "--hours", "5", "--dry-run", home=roadmap_home, env=env)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("ascii")  # nothing else in it
    assert "->" in text
    assert "#" not in text.split("Items")[0]
    assert "|====" in text or "|-" in text
    for args in (["salary"], ["stacks"], ["levels"], ["certs"], ["skills"], ["where"], ["doctor"]):
        done = _run(*args, home=roadmap_home, env=env)
        assert done.returncode == 0, (args, done.stderr)
        done.stdout.decode("ascii")
    utf8 = json.loads(_run("salary", "--json", home=roadmap_home).stdout)
    ascii_json = _run("salary", "--json", home=roadmap_home, env=env).stdout
    assert json.loads(ascii_json.decode("ascii")) == utf8


@posix
def test_a_time_zone_offset_of_a_day_or_more(roadmap_home: Path) -> None:
    assert _run("plan", "--lang", "go", "--hours", "5", home=roadmap_home).returncode == 0
    for args in (["check", "learn-language-core"], ["status"], ["export", "-F", "ics"]):
        done = _run(*args, home=roadmap_home, env={"TZ": "UTC+25"})
        assert done.returncode == 0, done.stderr
        assert done.stderr.decode().startswith("warning: TZ=UTC+25 is not a time zone offset roadmap can use")


def test_an_unusable_roadmap_home(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for value, expected in (
        (str(blocker), "is not a folder"),
        ("~no-such-user-here/x", "cannot be used"),
        ("x" * 5000, "5,000 characters long"),
    ):
        code, _, err = invoke(runner, "status", env={"ROADMAP_HOME": value})
        assert code == 1
        assert expected in err


# -- part 5: every argument bounded ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (
            ["plan", "--lang", "go", "--hours", "5", "--start", "9999-01-01"],
            {},
            "out of range; give a date from 1900-01-01 to 2999-12-31",
        ),
        (["plan", "--lang", "go", "--hours", "5", "--start", "0001-01-01"], {}, "out of range"),
        (["status"], {"ROADMAP_TODAY": "0001-01-01"}, "ROADMAP_TODAY=0001-01-01 is out of range"),
        (["next"], {"ROADMAP_TODAY": "9999-12-31"}, "ROADMAP_TODAY=9999-12-31 is out of range"),
        (["replan", "--from", "9999-12-31"], {}, "out of range"),
        (["export", "-F", "ics", "--tz", "A" * 300], {}, "--tz is 300 characters long"),
        (["export", "-F", "ics", "--tz", "../../../etc/passwd"], {}, "is not a time zone"),
        (
            ["export", "-F", "ics", "--sessions", "mon 9-10;" * 3000],
            {},
            "--sessions is 27,000 characters long",
        ),
        (
            ["export", "-F", "ics", "--sessions", "mon 9-10; mon 9-11"],
            {},
            "two sessions starting on mon at 09:00",
        ),
        (["check", ""], {}, "an item id is empty"),
        (["skip", " "], {}, "an item id is empty"),
        (["check", "learn-language-core", "  "], {}, "an item id is empty"),
        (["note", "learn-language-core", "x" * 10_001], {}, "a note may be up to 10,000 characters"),
        (["log", "learn-language-core", "1h", "--note", "x" * 20_000], {}, "--note is too long"),
        (["log", "learn-language-core", "1h", "--note", "日" * 2_000], {}, "--note is too long"),
        (["check", "x" * 100_000], {}, "unknown item id"),
    ],
)
def test_out_of_bounds_arguments_exit_2(
    planned: CliRunner, args: list[str], env: dict[str, str], expected: str
) -> None:
    code, _, err = invoke(planned, *args, env=env)
    assert code == 2, err
    assert expected in err
    assert len(err) < 2000


def test_duplicate_sessions_are_merged(planned: CliRunner) -> None:
    code, once, _ = invoke(planned, "export", "-F", "ics", "--sessions", "mon 9-10", "--tz", "UTC")
    assert code == 0
    code, thrice, _ = invoke(
        planned, "export", "-F", "ics", "--sessions", "mon 9-10; mon 9:00-10:00; mon-mon 9-10", "--tz", "UTC"
    )
    assert code == 0
    assert thrice.count("BEGIN:VEVENT") == once.count("BEGIN:VEVENT")


@pytest.mark.parametrize("columns", ["99999999999999", "-5", "abc", "0", "١٢٠", "9" * 5000])
def test_columns_is_bounded(planned: CliRunner, columns: str) -> None:
    for args in (["plan", "--lang", "go", "--hours", "5", "--dry-run"], ["salary"], ["status"]):
        code, out, err = invoke(planned, *args, env={"COLUMNS": columns})
        assert code == 0, err
        assert max(len(line) for line in out.splitlines()) <= 1000


def test_a_250_character_output_name(planned: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / ("a" * 247 + ".md")
    code, _, err = invoke(planned, "export", "-F", "md", "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Backend")
    code, _, err = invoke(planned, "export", "-F", "md", "-o", str(tmp_path / ("a" * 300 + ".md")))
    assert code == 1
    assert "File name too long" in err
