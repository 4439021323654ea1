"""Untrusted input, round three: each class of problem the third hostile run found, as a case that
failed before its fix. Bytes that are not UTF-8 and lone surrogates end in a message; a FIFO or a
device in place of roadmap's own files is never read; text from outside is shown, never obeyed,
in every export; files roadmap makes are private; dates at the edges round-trip."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import raw_controls
from roadmap_cli.cli import app

START = "2027-01-04"
TODAY = "2027-02-15"
ROADMAP = [sys.executable, "-m", "roadmap_cli"]
ITEM = "learn-language-core"
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, bytes in arguments and signals")


def invoke(runner: CliRunner, *args: str, **kwargs: Any) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), **kwargs)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def run(*args: str | bytes, home: Path, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """``roadmap *args`` in its own process, where an argument may be bytes that are not UTF-8."""
    env = {
        **os.environ,
        "ROADMAP_HOME": str(home),
        "ROADMAP_TODAY": TODAY,
        "NO_COLOR": "1",
        **kwargs.pop("env", {}),
    }
    words = [os.fsencode(a) if isinstance(a, str) else a for a in args]
    kwargs.setdefault("timeout", 60)
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([*ROADMAP, *words], env=env, **kwargs)


def no_traceback(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert "Error:" not in err.replace("error:", ""), err
    return err


@pytest.fixture
def planned(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("ROADMAP_TODAY", TODAY)
    assert invoke(runner, "plan", "--lang", "python", "--hours", "12", "--start", START)[0] == 0
    return runner


def backup_of(runner: CliRunner) -> dict[str, Any]:
    code, out, err = invoke(runner, "progress", "export")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def import_doc(
    runner: CliRunner, doc: dict[str, Any], tmp_path: Path, name: str = "b.json"
) -> tuple[int, str]:
    source = tmp_path / name
    source.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = invoke(runner, "progress", "import", str(source))
    return code, err


# -- tracebacks -----------------------------------------------------------------------------------


@posix
@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["note", ITEM, b"bad \xff byte"], "the note"),
        (["log", ITEM, "1h", "--note", b"bad \xff byte"], "--note"),
        (["check", ITEM, "--evidence", b"bad \xff byte"], "--evidence"),
        (["check", "-e", b"bad \xff byte", ITEM], "--evidence"),
    ],
)
def test_bytes_that_are_not_utf8_in_an_argument_are_refused_in_words(
    planned: CliRunner, roadmap_home: Path, args: list[str | bytes], named: str
) -> None:
    done = run(*args, home=roadmap_home)
    err = no_traceback(done)
    assert done.returncode == 2, err
    assert err.startswith(f"error: {named} 'bad \\xff byte' holds bytes that are not UTF-8"), err
    assert "nothing was written" in err
    assert invoke(planned, "progress", "export")[0] == 0
    assert backup_of(planned)["events"] == []


@posix
def test_an_unknown_id_that_is_not_utf8_is_named(planned: CliRunner, roadmap_home: Path) -> None:
    done = run("note", b"bad\xff", "text", home=roadmap_home)
    assert done.returncode == 2
    assert "unknown item id" in no_traceback(done)


@pytest.mark.parametrize("where", ["note", "log note", "plan title", "phase title"])
def test_a_lone_surrogate_in_a_backup_is_refused_whole(
    planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    doc = backup_of(planned)
    stamp = "2027-01-06T10:00:00+00:00"
    if where == "note":
        doc["events"].append(
            {"uid": "n1", "item_id": ITEM, "kind": "note", "value": "a\ud800b", "created_at": stamp}
        )
    elif where == "log note":
        value = json.dumps({"minutes": 30, "on": "2027-01-06", "note": "a\ud800b"})
        doc["events"].append(
            {"uid": "l1", "item_id": ITEM, "kind": "log", "value": value, "created_at": stamp}
        )
    elif where == "plan title":
        doc["plans"][0]["snapshot"]["title"] = "T\ud800"
    else:
        doc["plans"][0]["snapshot"]["phases"][0]["title"] = "P\udcff"
    doc["plans"][0]["created_at"] = "2027-01-05T10:00:00+00:00"
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "fresh"))
    code, err = import_doc(planned, doc, tmp_path)
    assert code == 1, err
    assert "cannot be imported; nothing was imported" in err
    assert invoke(planned, "status")[0] == 1  # still no plan: nothing was kept


def test_safe_shows_lone_surrogates_and_bytes_that_were_not_utf8() -> None:
    from roadmap_cli.safetext import is_text, safe, safe_json, safe_lines

    assert safe("bad \udcff byte") == "bad \\xff byte"
    assert safe("a\ud800b") == "a\\ud800b"
    assert safe_lines("a\udcffb\nc") == "a\\xffb\nc"
    assert json.loads(safe_json('"a\ud800"')) == "a\ud800"
    assert "\ud800" not in safe_json('"a\ud800"')
    assert not is_text("a\udcff")
    assert is_text("a ✓ 東")


@posix
def test_a_pack_whose_file_name_is_not_utf8(planned: CliRunner, roadmap_home: Path, tmp_path: Path) -> None:
    assert invoke(planned, "packs", "new", "mine")[0] == 0
    folder = roadmap_home / "config" / "packs"
    odd = os.fsencode(folder) + b"/x\xff.yaml"
    os.rename(folder / "mine.yaml", odd)  # noqa: PTH104 (a name Path cannot spell)
    for args in (["packs", "list"], ["packs", "list", "--json"], ["status"], ["doctor"], ["stacks"]):
        done = run(*args, home=roadmap_home)
        no_traceback(done)
        assert done.returncode == 0, (args, done.stderr)
    assert b"x\\xff.yaml" in run("packs", "list", home=roadmap_home).stdout
    done = run("plan", "--lang", "python", "--hours", "10", "--pack", odd, home=roadmap_home)
    assert done.returncode == 2
    assert "the file's name holds bytes that are not UTF-8" in no_traceback(done)
    done = run("packs", "validate", odd, home=roadmap_home)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("title", ["$\\foo{x}$ maths", "$" + "{" * 60 + "x" + "}" * 60 + "$", "$x^2$ and $"])
def test_a_title_that_looks_like_tex_is_text_in_the_report(
    planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    doc = backup_of(planned)
    for phase in doc["plans"][0]["snapshot"]["phases"]:
        phase["title"] = title
    doc["plans"][0]["created_at"] = "2027-01-05T10:00:00+00:00"
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "fresh"))
    assert import_doc(planned, doc, tmp_path)[0] == 0
    out = tmp_path / "r.html"
    code, _, err = invoke(planned, "report", "--output", str(out))
    assert code == 0, err
    assert title[:6] in out.read_text(encoding="utf-8")


# -- the hang -------------------------------------------------------------------------------------


@posix
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_a_fifo_or_a_device_in_place_of_the_cache_is_not_read(
    planned: CliRunner, roadmap_home: Path, kind: str
) -> None:
    cache = roadmap_home / "cache" / "catalog.json"
    cache.unlink()
    if kind == "fifo":
        os.mkfifo(cache)
    else:
        cache.symlink_to("/dev/zero")
    for args in (["status"], ["plan", "--lang", "go", "--hours", "5", "--dry-run"], ["doctor"]):
        done = run(*args, home=roadmap_home, timeout=30)
        no_traceback(done)
        assert done.returncode == 0, (args, done.stderr)


@posix
def test_the_database_header_is_read_as_every_file_is(tmp_path: Path) -> None:
    """The first bytes of the database are read without waiting on a FIFO that took its place."""
    from roadmap_cli.files import NotRegular, read_head

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(NotRegular):
        read_head(fifo, 16)
    plain = tmp_path / "plain"
    plain.write_bytes(b"SQLite format 3\x00and more")
    assert read_head(plain, 16) == b"SQLite format 3\x00"


def test_a_cache_others_may_write_is_not_trusted(planned: CliRunner, roadmap_home: Path) -> None:
    """Its key matches, but another user could have written it: it is rebuilt, never believed."""
    cache = roadmap_home / "cache" / "catalog.json"
    payload = json.loads(cache.read_text(encoding="utf-8"))
    stack = payload["catalog"]["stacks"][0]
    stack["title"] = "FORGED"
    cache.write_text(json.dumps(payload), encoding="utf-8")
    cache.chmod(0o666)
    code, out, _ = invoke(planned, "doctor")
    assert "is not yours alone to write, so it is not used" in " ".join(out.split())
    code, out, _ = invoke(planned, "stacks")
    assert code == 0
    assert "FORGED" not in out
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # rebuilt, private


# -- obeyed text ----------------------------------------------------------------------------------

#: An OSC 52 clipboard write, a window title, a bell, a NUL, a screen clear, a right-to-left
#: override and the Arabic letter mark: none may reach a terminal raw.
OBEYED = "\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x07\x00\x1b[2J\u202egnp\u061c"
#: A link whose shown text a right-to-left override would reverse.
RLO_LINK = "https://example.com/\u202egpj.exe"


@pytest.fixture
def poisoned(planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A home whose history holds notes and evidence a crafted backup would bring."""
    doc = backup_of(planned)
    doc["plans"][0]["created_at"] = "2027-01-05T10:00:00+00:00"
    stamp = "2027-01-06T10:00:00+00:00"
    second = "programming-fundamentals"
    doc["events"] += [
        {"uid": "n1", "item_id": ITEM, "kind": "note", "value": f"note{OBEYED}", "created_at": stamp},
        {"uid": "e1", "item_id": ITEM, "kind": "evidence", "value": f"ev{OBEYED}", "created_at": stamp},
        {"uid": "e2", "item_id": second, "kind": "evidence", "value": RLO_LINK, "created_at": stamp},
    ]
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "fresh"))
    code, err = import_doc(planned, doc, tmp_path)
    assert code == 0, err
    return planned


@pytest.mark.parametrize("fmt", ["csv", "ics", "md"])
def test_exports_on_stdout_show_control_text_never_obey_it(poisoned: CliRunner, fmt: str) -> None:
    code, out, err = invoke(poisoned, "export", "--format", fmt, "--sessions", "mon 19:00-20:00")
    if code == 2:  # --sessions is for the calendar only
        code, out, err = invoke(poisoned, "export", "--format", fmt)
    assert code == 0, err
    assert raw_controls(out) == []
    assert "x1b" in out
    assert "52;c;ZXZpbA==" in out.replace("\\;", ";")


def test_a_reordered_link_is_text_in_markdown_and_the_report(poisoned: CliRunner, tmp_path: Path) -> None:
    code, out, _ = invoke(poisoned, "export", "--format", "md")
    assert code == 0
    assert f"<{RLO_LINK}>" not in out
    assert "https://example.com/\\\\u202egpj.exe" in out
    page = tmp_path / "r.html"
    assert invoke(poisoned, "report", "--output", str(page))[0] == 0
    html = page.read_text(encoding="utf-8")
    assert 'href="https://example.com/' not in html
    assert raw_controls(html) == []


def test_the_arabic_letter_mark_is_escaped_like_its_neighbours() -> None:
    from roadmap_cli.render.report import web_link
    from roadmap_cli.safetext import is_one_line, safe, safe_json

    assert safe("a\u061cb") == "a\\u061cb"
    assert safe_json('"a\u061cb"') == '"a\\u061cb"'
    assert not is_one_line("a\u061cb")
    assert web_link("https://example.com/\u061cx") is None
    assert web_link(RLO_LINK) is None


# -- wrong, but quiet -----------------------------------------------------------------------------


def _replacing_pack(name: str) -> str:
    return f"""pack:
  id: {name}
  title: "{name}"
  version: "0.1"
sources:
  - id: {name}-notes
    title: "Notes"
    publisher: "Us"
    as_of: "2026-11"
milestones:
  - id: sql-fundamentals
    replace: true
    phase: foundations
    title: "Write SQL ({name})"
    hours: 8
    sources: [{name}-notes]
"""


def test_yml_packs_in_the_packs_folder_are_read(runner: CliRunner, roadmap_home: Path) -> None:
    folder = roadmap_home / "config" / "packs"
    folder.mkdir(parents=True)
    (folder / "team.yml").write_text(_replacing_pack("team"), encoding="utf-8")
    code, out, err = invoke(runner, "packs", "list", "--json")
    assert code == 0, err
    assert "team" in [p["id"] for p in json.loads(out)["packs"]]
    code, out, _ = invoke(runner, "doctor")
    assert "team 0.1" in out
    code, out, err = invoke(runner, "plan", "--lang", "python", "--hours", "12", "--dry-run", "--json")
    assert code == 0, err
    assert "Write SQL (team)" in out


def test_two_packs_replacing_one_item_are_warned_and_counted_once(
    runner: CliRunner, roadmap_home: Path
) -> None:
    folder = roadmap_home / "config" / "packs"
    folder.mkdir(parents=True)
    (folder / "aa.yaml").write_text(_replacing_pack("aa"), encoding="utf-8")
    (folder / "bb.yml").write_text(_replacing_pack("bb"), encoding="utf-8")
    code, out, err = invoke(runner, "packs", "list")
    assert code == 0
    assert "warning:" in err
    assert "'sql-fundamentals' is replaced by this pack and by" in err
    code, out, _ = invoke(runner, "doctor")
    assert code == 0
    assert "they replace 1 built-in item(s)" in out
    assert "! your packs" in out
    assert "only this one counts" in " ".join(out.split())
    code, _, err = invoke(runner, "plan", "--lang", "python", "--hours", "12", "--dry-run")
    assert code == 0
    said = " ".join(err.split())
    assert said.startswith("warning: ")
    assert "'sql-fundamentals' is replaced by this pack and by" in said


@posix
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_saved_change_whose_output_cannot_be_written_exits_0(
    planned: CliRunner, roadmap_home: Path
) -> None:
    """The change is what the command is for: a script that retried on failure would log twice."""
    with open("/dev/full", "wb") as full:  # noqa: PTH123
        done = run("log", ITEM, "1h", home=roadmap_home, stdout=full, stderr=subprocess.PIPE)
        err = no_traceback(done)
        assert done.returncode == 0, err
        assert (
            err
            == "warning: the change was saved, but its output could not be written: No space left on device\n"
        )
        done = run("status", home=roadmap_home, stdout=full, stderr=subprocess.PIPE)
        assert done.returncode == 1  # nothing saved: the output was the point
        assert no_traceback(done) == "error: cannot write the output: No space left on device\n"
    logs = [e for e in backup_of(planned)["events"] if e["kind"] == "log"]
    assert len(logs) == 1


def test_ctrl_c_on_the_parser_path_says_so(
    planned: CliRunner, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_cli import cli, fast, track

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(track, "status", interrupted)
    monkeypatch.setattr(fast, "answer", lambda argv: None)  # the parser's way, as for any other command
    monkeypatch.setattr(sys, "argv", ["roadmap", "status"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "\ninterrupted\n"


# -- dates ----------------------------------------------------------------------------------------


def test_a_plan_started_in_2999_round_trips_through_its_backup(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_TODAY", "2999-12-20")
    code, _, err = invoke(runner, "plan", "--lang", "python", "--hours", "3", "--start", "2999-12-01")
    assert code == 0, err
    assert invoke(runner, "check", ITEM)[0] == 0
    doc = backup_of(runner)
    assert doc["plans"][0]["snapshot"]["end"] > "3000"
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "fresh"))
    code, err = import_doc(runner, doc, tmp_path)
    assert code == 0, err
    assert backup_of(runner)["events"] == doc["events"]


@pytest.mark.parametrize(
    ("tz", "sessions"),
    [
        ("America/New_York", "sun 02:00-03:00; sun 02:30-02:45; sun 01:00-04:00"),
        ("Europe/London", "sun 01:00-02:00; sun 01:30-03:00"),
        ("Australia/Lord_Howe", "sun 02:00-02:30; sun 02:15-02:20"),
    ],
)
def test_calendar_sessions_in_a_daylight_saving_gap_keep_real_times(
    planned: CliRunner, tz: str, sessions: str
) -> None:
    from datetime import timezone
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    code, out, err = invoke(planned, "export", "-F", "ics", "--tz", tz, "--sessions", sessions)
    assert code == 0, err
    zone = ZoneInfo(tz)
    timed = [e for e in Calendar.from_ical(out).walk("VEVENT") if "session" in str(e["uid"])]
    assert len(timed) > 100
    for event in timed:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        real = start.astimezone(timezone.utc).astimezone(zone)
        assert real.replace(tzinfo=None) == start.replace(tzinfo=None), (
            event["uid"],
            start,
        )  # a time that exists
        assert end.astimezone(timezone.utc) > start.astimezone(timezone.utc), (event["uid"], start, end)


def test_a_report_made_long_after_the_plan_is_small_and_quiet(planned: CliRunner, tmp_path: Path) -> None:
    """Today nearly a thousand years after the plan: the charts cover the plan's years and two more,
    not every empty week since (that took a minute, 20 MB and a stderr of matplotlib warnings)."""
    page = tmp_path / "late.html"
    code, _, err = invoke(planned, "report", "--output", str(page), env={"ROADMAP_TODAY": "2999-01-01"})
    assert code == 0, err
    assert err == f"Wrote {page}\n"
    assert page.stat().st_size < 1_000_000
    html = page.read_text(encoding="utf-8")
    assert "2999-01-01" in html


# -- privacy and reach ----------------------------------------------------------------------------


@posix
def test_files_and_folders_roadmap_makes_are_private_whatever_the_umask(tmp_path: Path) -> None:
    home, user_home = tmp_path / "rh", tmp_path / "user-home"
    user_home.mkdir()
    env = {"HOME": str(user_home), "ROADMAP_TODAY": "2027-06-01"}
    env.pop("MPLCONFIGDIR", None)
    os.environ.pop("MPLCONFIGDIR", None)
    permissive = {"preexec_fn": lambda: os.umask(0)}
    for args in (
        ["plan", "--lang", "go", "--hours", "5", "--start", START],
        ["note", ITEM, "private"],
        ["packs", "new", "mine"],
        ["report", "--output", str(tmp_path / "report.html")],
        ["export", "-F", "csv", "--output", str(tmp_path / "plan.csv")],
        ["progress", "export", str(tmp_path / "backup.json")],
    ):
        done = run(*args, home=home, env=env, cwd=tmp_path, **permissive)
        assert done.returncode == 0, (args, done.stderr)
    for folder in (home, home / "config", home / "config" / "packs", home / "cache", home / "data"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in (
        home / "config" / "packs" / "mine.yaml",
        home / "cache" / "catalog.json",
        tmp_path / "report.html",
        tmp_path / "plan.csv",
        tmp_path / "backup.json",
    ):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    # matplotlib's font cache and config went to roadmap's cache, not the home folder
    assert list(user_home.iterdir()) == []
    assert (home / "cache" / "matplotlib").is_dir()
    assert stat.S_IMODE((home / "cache" / "matplotlib").stat().st_mode) == 0o700


# -- display cells --------------------------------------------------------------------------------

#: Wide (CJK, two cells each), an emoji sequence (one picture, two cells) and combining accents
#: (no cell of their own), with no space to break at.
WIDE = "東京タワーの歴史と文化について学ぶ👩‍💻e\u0301e\u0301"


def cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


@pytest.fixture
def wide_home(planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    doc = backup_of(planned)
    snapshot = doc["plans"][0]["snapshot"]
    for n, entry in enumerate(snapshot["items"]):
        entry["title"] = WIDE * (1 + n % 3) + " API"
    for phase in snapshot["phases"]:
        phase["title"] = "第一段階" + WIDE
    doc["plans"][0]["created_at"] = "2027-01-05T10:00:00+00:00"
    stamp = "2027-01-06T10:00:00+00:00"
    doc["events"] += [
        {"uid": "n1", "item_id": ITEM, "kind": "note", "value": "メモ" * 40, "created_at": stamp},
        {"uid": "t1", "item_id": ITEM, "kind": "tick", "value": None, "created_at": stamp},
    ]
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "wide"))
    assert import_doc(planned, doc, tmp_path)[0] == 0
    return planned


@pytest.mark.parametrize("columns", [40, 57, 80])
def test_views_of_wide_text_fit_the_terminal_in_cells(wide_home: CliRunner, columns: int) -> None:
    views = [["status"], ["next"], ["today"], ["show"], ["show", ITEM], ["show", "--weeks"], ["plans"]]
    for args in views:
        code, out, err = invoke(wide_home, "--no-pager", *args, env={"COLUMNS": str(columns)})
        assert code == 0, (args, err)
        for line in out.splitlines():
            assert cells(line) <= columns or len(line.split()) == 1, (args, columns, line)


def test_wrapping_counts_cells_and_breaks_text_without_spaces(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_cli.render.term import Column, reset, table, wrap

    lines = wrap(f"Learn {WIDE}{WIDE} with a friend", 20)
    assert len(lines) > 2
    assert all(cells(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == f"Learn{WIDE}{WIDE}withafriend"
    assert wrap("a-very-long-ascii-path/that/stays/whole", 10) == ["a-very-long-ascii-path/that/stays/whole"]
    monkeypatch.setenv("COLUMNS", "80")
    reset()
    rows = table(
        [Column("Name"), Column("Hours", right=True)], [["東京", "1"], ["cafe\u0301", "22"], ["ab", "3"]]
    )
    assert len({cells(line) for line in rows}) == 1  # every row ends in the same column


def test_ctrl_c_after_the_change_was_saved_says_so(
    planned: CliRunner, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from roadmap_cli import cli, guard

    saved = guard.note_saved

    def saved_then_interrupted() -> None:
        saved()
        raise KeyboardInterrupt

    monkeypatch.setattr(guard, "note_saved", saved_then_interrupted)
    monkeypatch.setattr(sys, "argv", ["roadmap", "note", ITEM, "kept"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "\ninterrupted; the change was saved\n"
    monkeypatch.setattr(guard, "note_saved", saved)
    assert [e["value"] for e in backup_of(planned)["events"] if e["kind"] == "note"] == ["kept"]


def test_the_fast_measure_agrees_with_rich() -> None:
    """What roadmap_cli.cells measures without Rich (its own marks, text below U+0300) is what
    Rich's tables say; everything else is Rich's."""
    from roadmap_cli.cells import _ONE_CELL, cell_len, simple

    for char in [*_ONE_CELL, *(chr(c) for c in range(0x20, 0x300) if chr(c).isprintable())]:
        assert simple(char)
        assert cells(char) == 1, repr(char)
    for text in ["東京", "👩‍💻", "e\u0301", "🇬🇧", "ｗｉｄｅ", "a\u200bb"]:
        assert not simple(text)
        assert cell_len(text) == cells(text)


def test_a_pack_title_with_the_arabic_letter_mark_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "alm.yaml"
    pack.write_text(_replacing_pack("alm").replace('title: "alm"', 'title: "a\u061cb"'), encoding="utf-8")
    code, _, err = invoke(runner, "packs", "validate", str(pack))
    assert code == 65, err
    assert "alm.yaml:3:" in err
