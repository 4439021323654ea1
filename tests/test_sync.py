"""``roadmap sync``: two and three homes and a bare repository in a temp folder, no network.

Each home is a ROADMAP_HOME of its own; git runs with a temp HOME, no global or system
configuration and no prompt, so no test reads or writes the person's own git setup.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roadmap_cli.progress.models import Event, EventKind, ProgressState, log_value
from roadmap_cli.progress.store import open_store
from roadmap_cli.progress.travel import Travelling
from test_progress_cli import run

START = "2027-01-04"
PLAN = ("plan", "--lang", "python", "--hours", "12", "--start", START)

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.usefixtures("git_home"),
]


class Home:
    """One machine: its own ROADMAP_HOME, and its own idea of what day it is."""

    def __init__(self, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        self.runner, self.monkeypatch, self.path = runner, monkeypatch, path

    def run(self, *args: str, today: str = "2027-01-05") -> tuple[int, str, str]:
        self.monkeypatch.setenv("ROADMAP_HOME", str(self.path))
        return run(self.runner, *args, today=today)

    def ok(self, *args: str, today: str = "2027-01-05") -> str:
        code, out, err = self.run(*args, today=today)
        assert code == 0, f"roadmap {' '.join(args)}: {err}"
        return out

    def sync(self, today: str = "2027-01-05") -> Any:
        return json.loads(self.ok("sync", "--json", today=today))

    def views(self, today: str = "2027-03-01") -> tuple[str, ...]:
        """What must be byte-identical on every synced home."""
        return (
            self.ok("status", "--json", today=today),
            self.ok("show", "--json", today=today),
            self.ok("progress", "export", today=today),
        )

    @property
    def folder(self) -> Path:
        return self.path / "data" / "sync"

    def device(self) -> str:
        with open_store(readonly=True, path=self.path / "data" / "progress.sqlite3") as store:
            return store.device()


@pytest.fixture
def homes(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Home]:
    return [Home(runner, monkeypatch, tmp_path / name) for name in ("a", "b", "c")]


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def test_two_homes_in_interleaved_order_end_byte_identical_and_a_second_sync_changes_nothing(
    homes: list[Home], tmp_path: Path
) -> None:
    a, b, _ = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN, today="2027-01-04")
    a.ok("check", "learn-language-core", today="2027-01-04")
    made = json.loads(a.ok("sync", "init", str(remote), "--json", today="2027-01-04"))
    assert made["created"] is True
    assert made["went_out"] == {"events": 1, "plans": 1, "devices": 0}
    b.ok("sync", "init", str(remote), today="2027-01-05")
    assert b.ok("status", "--json", today="2027-01-10") == a.ok("status", "--json", today="2027-01-10")
    # interleaved, each behind the other in turn
    b.ok("log", "sql-fundamentals", "1h30m", "--note", "joins", today="2027-01-06")
    a.ok("note", "sql-fundamentals", "on the laptop", today="2027-01-06")
    b.sync("2027-01-06")
    a.ok("log", "sql-fundamentals", "45m", today="2027-01-07")
    a.ok("check", "sql-fundamentals", today="2027-01-08")
    a.sync("2027-01-08")  # takes in b's log, sends its own three
    b.ok("note", "learn-language-core", "from the desktop", today="2027-01-08")
    b.ok("check", "sql-fundamentals", "--undo", today="2027-01-09")  # b has not seen a's tick yet
    b.ok("replan", today="2027-01-09")
    b.sync("2027-01-09")
    a.ok("log", "learn-language-core", "20m", today="2027-01-10")
    a.sync("2027-01-10")
    b.sync("2027-01-10")
    assert a.views() == b.views()
    backup = json.loads(a.views()[2])
    assert [p["active"] for p in backup["plans"]] == [False, True]  # b's replan: the active plan on a
    with open_store(readonly=True, path=a.path / "data" / "progress.sqlite3") as store:
        state = store.state()
    # b's --undo came before b saw a's tick: it could not take that tick back, and it holds everywhere
    assert state.ticked == {"learn-language-core", "sql-fundamentals"}
    assert [e.minutes for e in state.get("sql-fundamentals").logs] == [90, 45]
    assert state.get("learn-language-core").notes == ["from the desktop"]
    assert state.get("sql-fundamentals").notes == ["on the laptop"]
    # sync twice: nothing comes in or goes out, and nothing changes
    before = (a.views(), b.views(), git("rev-parse", "HEAD", cwd=a.folder))
    for home in (a, b):
        again = home.sync("2027-01-11")
        assert (again["came_in"]["events"], again["came_in"]["plans"]) == (0, 0)
        assert (again["went_out"]["events"], again["went_out"]["plans"]) == (0, 0)
    assert (a.views(), b.views(), git("rev-parse", "HEAD", cwd=a.folder)) == before
    for home in (a, b):
        with open_store(readonly=True, path=home.path / "data" / "progress.sqlite3") as store:
            assert store.state() == store.replay()


def test_each_device_writes_only_its_own_files(homes: list[Home], tmp_path: Path) -> None:
    a, b, _ = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    assert json.loads(a.ok("where", "--json"))["exists"]["sync"] is False
    a.ok("sync", "init", str(remote))
    where = json.loads(a.ok("where", "--json"))
    assert (where["sync"], where["exists"]["sync"]) == (str(a.folder), True)
    b.ok("sync", "init", str(remote))
    b.ok("check", "learn-language-core")
    b.sync()
    a.sync()
    files = sorted(p.relative_to(a.folder).as_posix() for p in (a.folder / "events").rglob("*.jsonl"))
    assert files == sorted(f"events/{home.device()}/2027-01.jsonl" for home in (a, b))
    for home in (a, b):
        lines = (a.folder / "events" / home.device() / "2027-01.jsonl").read_text().splitlines()
        assert {json.loads(line)["device"] for line in lines} == {home.device()}
    log = git("log", "--format=%s", cwd=a.folder).splitlines()
    assert all(line.startswith("roadmap: ") for line in log)


def test_three_devices_one_offline_for_a_month_one_clock_a_year_wrong(
    homes: list[Home], tmp_path: Path
) -> None:
    a, b, c = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN, today="2027-01-04")
    a.ok("sync", "init", str(remote), today="2027-01-04")
    b.ok("sync", "init", str(remote), today="2027-01-04")
    c.ok("sync", "init", str(remote), today="2028-01-04")  # c's clock: a year ahead
    b.ok("check", "learn-language-core", today="2027-01-05")
    b.ok("note", "learn-language-core", "before going offline", today="2027-01-05")
    b.sync("2027-01-05")
    # b goes offline for a month and keeps working
    for day in range(6, 31, 4):
        b.ok("log", "sql-fundamentals", "30m", "--on", f"2027-01-{day:02d}", today=f"2027-01-{day:02d}")
    # c ticks an item with its clock a year ahead; a, later in truth, takes that tick back
    c.sync("2028-01-06")
    c.ok("check", "sql-fundamentals", today="2028-01-06")
    c.sync("2028-01-06")
    a.sync("2027-01-07")
    a.ok("check", "sql-fundamentals", "--undo", today="2027-01-07")
    a.sync("2027-01-20")
    c.sync("2028-01-21")
    b.sync("2027-02-05")  # back online, a month later
    for home in (a, c, b, a, c):
        home.sync("2027-02-06")
    views = [home.views() for home in (a, b, c)]
    assert views[0] == views[1] == views[2]
    backup = json.loads(views[0][2])
    kinds = [(e["item_id"], e["kind"]) for e in backup["events"]]
    assert ("sql-fundamentals", "untick") in kinds
    # the untick was made after a saw c's tick: it holds, whatever c's clock said
    with open_store(readonly=True, path=b.path / "data" / "progress.sqlite3") as store:
        assert "sql-fundamentals" not in store.state().ticked
        assert "learn-language-core" in store.state().ticked
        assert len(store.state().get("sql-fundamentals").logs) == 7


def test_a_plan_chosen_again_on_one_device_is_the_active_plan_on_every_device(
    homes: list[Home], tmp_path: Path
) -> None:
    a, b, _ = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    a.ok("sync", "init", str(remote))
    b.ok("sync", "init", str(remote))
    b.ok("break", "2027-02-01..2027-02-14", "--note", "exams")  # a plan made on b
    b.sync()
    a.sync()
    first = a.ok("plans", "--json")
    assert [p["active"] for p in json.loads(first)["plans"]] == [False, True]
    a.ok("plans", "use", str(json.loads(first)["plans"][0]["id"]))  # a goes back to the plan before the break
    a.sync()
    assert b.sync()["came_in"]["events"] == 1
    assert a.views() == b.views()
    assert json.loads(b.ok("show", "--json"))["summary"]["calendar"]["breaks"] == []
    b.ok("replan")  # the last plan made or chosen, on any device, is the active one
    b.sync()
    a.sync()
    assert a.views() == b.views()


def test_a_copied_home_goes_on_as_a_device_of_its_own_and_nothing_is_lost(
    homes: list[Home], tmp_path: Path
) -> None:
    a, _, c = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    a.ok("sync", "init", str(remote))
    a.ok("check", "learn-language-core")  # not synced yet when the home is copied
    shutil.copytree(a.path, c.path)  # the data folder copied to a new machine, sync folder and all
    a.ok("note", "learn-language-core", "on a")
    c.ok("note", "learn-language-core", "on c")
    a.sync()
    code, out, err = c.run("sync", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["renamed_from"] == a.device()
    assert doc["device"] == c.device() != a.device()
    assert "another machine writes as this one" in err
    assert doc["went_out"]["events"] == 1  # c's note; the tick, a's too, went out with a
    c.ok("log", "sql-fundamentals", "30m")
    c.sync()
    # a takes in what c wrote under a's id before it knew, from c's own folder: a is not renamed
    assert a.sync()["renamed_from"] is None
    c.sync()
    assert a.views() == c.views()
    with open_store(readonly=True, path=a.path / "data" / "progress.sqlite3") as store:
        assert sorted(store.state().get("learn-language-core").notes) == ["on a", "on c"]
    assert (c.folder / "events" / c.device()).is_dir()
    assert json.loads(a.ok("sync", "--json"))["renamed_from"] is None


def test_sync_status_shows_the_remote_the_last_sync_and_the_devices(
    homes: list[Home], tmp_path: Path
) -> None:
    a, b, _ = homes
    assert "does not sync yet" in a.ok("sync", "status")
    assert json.loads(a.ok("sync", "status", "--json"))["set_up"] is False
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    assert json.loads(a.ok("where", "--json"))["exists"]["sync"] is False
    a.ok("sync", "init", str(remote))
    where = json.loads(a.ok("where", "--json"))
    assert (where["sync"], where["exists"]["sync"]) == (str(a.folder), True)
    b.ok("sync", "init", str(remote))
    b.ok("check", "learn-language-core")
    b.sync()
    a.sync()
    found = json.loads(a.ok("sync", "status", "--json"))
    assert found["remote"] == str(remote)
    assert found["last_sync"]
    assert [(d["device"], d["this"]) for d in found["devices"]] == sorted(
        [(a.device(), True), (b.device(), False)]
    )
    text = a.ok("sync", "status")
    assert str(remote) in text
    assert "(this device)" in text
    assert b.device()[:8] in text


def test_without_a_sync_folder_or_git_it_says_what_to_do(
    homes: list[Home], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = homes[0]
    a.ok(*PLAN)
    code, _, err = a.run("sync")
    assert code == 1
    assert "does not sync yet" in err
    assert "roadmap sync init" in err
    assert "Traceback" not in err
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, _, err = a.run("sync", "init", str(tmp_path / "remote.git"))
    assert code == 1
    assert "git is not installed" in err
    assert not (tmp_path / "remote.git").exists()


def test_an_unreachable_remote_is_a_clear_error_and_nothing_is_at_risk(
    homes: list[Home], tmp_path: Path
) -> None:
    a = homes[0]
    a.ok(*PLAN)
    a.ok("check", "learn-language-core")
    code, _, err = a.run("sync", "init", "file://" + str(tmp_path / "gone.git"))
    assert code == 1
    assert "could not clone" in err
    assert "Traceback" not in err
    remote = tmp_path / "remote.git"
    a.ok("sync", "init", str(remote))
    shutil.move(remote, tmp_path / "unplugged.git")  # the USB stick is out
    a.ok("note", "learn-language-core", "offline")
    before = a.views()
    code, _, err = a.run("sync")
    assert code == 1
    assert "could not fetch" in err
    assert "your progress here is safe" in err
    assert a.views() == before
    shutil.move(tmp_path / "unplugged.git", remote)
    assert a.sync()["went_out"]["events"] == 1


# -- bad input stays outside ------------------------------------------------------------------------


def other_device_writes(remote: Path, tmp_path: Path, device: str, lines: list[str]) -> None:
    """Lines in another device's file, as a hand or another program might leave them."""
    work = tmp_path / "hand"
    if not work.exists():
        git("clone", "--quiet", str(remote), str(work), cwd=tmp_path)
    git("pull", "--quiet", cwd=work)
    folder = work / "events" / device
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "2027-01.jsonl").open("a", encoding="utf-8") as f:
        f.writelines(line + "\n" for line in lines)
    git("add", ".", cwd=work)
    git("commit", "--quiet", "-m", "by hand", cwd=work)
    git("push", "--quiet", "origin", "HEAD", cwd=work)


def line(writer: str, uid: str, **changes: Any) -> str:
    doc = {
        "v": 1,
        "uid": uid,
        "device": writer,
        "lamport": 50,
        "kind": "tick",
        "created_at": "2027-01-05T10:00:00+00:00",
        "item_id": "sql-fundamentals",
        "value": None,
    }
    doc.update(changes)
    return json.dumps(doc)


def test_a_damaged_line_and_a_newer_event_are_named_and_skipped_and_the_rest_kept(
    homes: list[Home], tmp_path: Path
) -> None:
    a = homes[0]
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    a.ok("sync", "init", str(remote))
    other = "0123456789abcdef0123456789abcdef"
    other_device_writes(
        remote,
        tmp_path,
        other,
        [
            line(other, "good-1"),
            '{"v": 1, "uid": "cut-short"',
            line(other, "newer-1", v=2),
            line(other, "cheer-1", kind="cheer"),  # a kind a later roadmap may write
            line(other, "bad-item", item_id="../../etc"),
            line(other, "bad-device", device="NOT A DEVICE"),
            line(other, "good-2", item_id="learn-language-core", kind="note", value="kept", lamport=51),
            line(other, "good-3", item_id="git-basics", kind="skip", mood="a key added later"),
        ],
    )
    code, out, err = a.run("sync", "--json")
    assert code == 0, err
    where = f"events/{other}/2027-01.jsonl"
    assert f"{where}:2: not JSON" in err
    assert f"{where}:3: written in format 2 by a newer roadmap" in err
    assert f"{where}:4: an event of kind 'cheer'" in err
    assert f"{where}:5: " in err
    assert f'{where}:6: its "device" is not a device id' in err
    assert "Traceback" not in err
    doc = json.loads(out)
    assert doc["came_in"] == {"events": 3, "plans": 0, "devices": 1}
    assert len(doc["skipped"]) == 5
    with open_store(readonly=True, path=a.path / "data" / "progress.sqlite3") as store:
        assert "sql-fundamentals" in store.state().ticked
        assert store.state().get("learn-language-core").notes == ["kept"]
        assert "git-basics" in store.state().skipped
    # the next sync completes; the lines of a newer roadmap are kept to read after an upgrade
    code, out, err = a.run("sync", "--json")
    assert code == 0
    assert json.loads(out)["came_in"]["events"] == 0
    assert "newer roadmap" in err
    assert ":2: not JSON" not in err  # a damaged line is named once


def test_a_huge_file_and_a_fifo_in_the_sync_folder_are_not_read(homes: list[Home], tmp_path: Path) -> None:
    from roadmap_cli.sync import MAX_SYNC_FILE

    a = homes[0]
    a.ok(*PLAN)
    a.ok("sync", "init", str(tmp_path / "remote.git"))
    folder = a.folder / "events" / "0123456789abcdef0123456789abcdef"
    folder.mkdir(parents=True)
    with (folder / "2027-01.jsonl").open("wb") as f:
        f.truncate(MAX_SYNC_FILE + 1)  # sparse: large to look at, nothing to write
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "2027-02.jsonl")
    secret = tmp_path / "secret.jsonl"
    secret.write_text(line("0123456789abcdef0123456789abcdef", "leaked") + "\n")
    (folder / "2027-03.jsonl").symlink_to(secret)
    (a.folder / "events" / "not a device").mkdir()
    a.ok("check", "learn-language-core")
    code, out, err = a.run("sync", "--json")
    assert code == 0, err
    assert "2027-01.jsonl: " in err
    assert "larger than the" in err
    if hasattr(os, "mkfifo"):
        assert "2027-02.jsonl: is a FIFO (named pipe)" in err
    assert "2027-03.jsonl: a symbolic link, not followed" in err
    assert "events/not a device: not a device's folder" in err
    assert json.loads(out)["came_in"]["events"] == 0
    assert json.loads(out)["went_out"]["events"] == 1
    assert a.run("sync")[0] == 0
    code, _, err = a.run("sync", "init", str(tmp_path / "other.git"))
    assert code == 1
    assert "this home syncs already" in err
    assert not (tmp_path / "other.git").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a shell hook")
def test_a_remote_that_refuses_the_push_loses_nothing_and_the_next_sync_completes(
    homes: list[Home], tmp_path: Path
) -> None:
    a, b, _ = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    a.ok("sync", "init", str(remote))
    b.ok("sync", "init", str(remote))
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'quota exceeded' >&2\nexit 1\n")
    hook.chmod(0o755)
    a.ok("check", "learn-language-core")
    before = a.views()
    code, _, err = a.run("sync")
    assert code == 1
    assert "could not push" in err
    assert "quota exceeded" in err
    assert "go out with the next `roadmap sync`" in err
    assert "Traceback" not in err
    assert a.views() == before
    hook.unlink()
    assert a.sync()["went_out"]["events"] == 0  # written and committed the first time
    assert b.sync()["came_in"]["events"] == 1
    assert a.views() == b.views()


def test_a_push_that_races_another_device_is_retried_after_a_pull(
    homes: list[Home], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import roadmap_cli.sync as syncing

    a, b, _ = homes
    remote = tmp_path / "remote.git"
    a.ok(*PLAN)
    assert json.loads(a.ok("where", "--json"))["exists"]["sync"] is False
    a.ok("sync", "init", str(remote))
    where = json.loads(a.ok("where", "--json"))
    assert (where["sync"], where["exists"]["sync"]) == (str(a.folder), True)
    b.ok("sync", "init", str(remote))
    b.ok("check", "learn-language-core")
    a.ok("note", "learn-language-core", "first")
    pull = syncing._pull
    raced: list[bool] = []

    def pull_then_b_pushes(folder: Path, branch: str) -> None:
        pull(folder, branch)
        if not raced:  # b pushes between a's pull and a's push
            raced.append(True)
            monkeypatch.setattr(syncing, "_pull", pull)
            b.sync()
            monkeypatch.setenv("ROADMAP_HOME", str(a.path))
            monkeypatch.setattr(syncing, "_pull", pull_then_b_pushes)

    monkeypatch.setattr(syncing, "_pull", pull_then_b_pushes)
    done = a.sync()
    assert done["came_in"]["events"] == 1
    assert done["went_out"]["events"] == 1
    monkeypatch.setattr(syncing, "_pull", pull)
    b.sync()
    assert a.views() == b.views()


def test_a_database_copied_to_sqlite_keeps_its_counters_unique(homes: list[Home]) -> None:
    a = homes[0]
    a.ok(*PLAN)
    a.ok("check", "learn-language-core")
    a.ok("note", "learn-language-core", "x")
    db = sqlite3.connect(a.path / "data" / "progress.sqlite3")
    counters = [n for (n,) in db.execute("SELECT lamport FROM events UNION ALL SELECT lamport FROM plans")]
    db.close()
    assert len(counters) == len(set(counters))


# -- one state from many devices ----------------------------------------------------------------------


ITEMS = ("sql-fundamentals", "learn-language-core", "git-basics")


@st.composite
def histories(draw: st.DrawFn) -> list[Travelling]:
    """Events written by 1 to 4 devices, each with Lamport counters as the devices would keep them:
    each device counts up from the highest counter it has seen, and now and then sees another's."""
    devices = [f"{n:02d}" * 16 for n in range(draw(st.integers(1, 4)))]
    clocks = dict.fromkeys(devices, 0)
    events: list[Travelling] = []
    for n in range(draw(st.integers(1, 30))):
        device = draw(st.sampled_from(devices))
        if draw(st.booleans()):  # it synced: it has seen everything another device wrote so far
            clocks[device] = max(clocks[device], clocks[draw(st.sampled_from(devices))])
        clocks[device] += 1
        kind = draw(st.sampled_from(["tick", "untick", "skip", "unskip", "note", "log"]))
        value = {
            "note": draw(st.sampled_from(["a", "b", None])),
            "log": log_value(date(2027, 1, 5), draw(st.integers(1, 90)), None),
        }.get(kind)
        # clocks that do not agree: the time of an event says nothing about its order
        stamp = f"20{draw(st.integers(26, 29))}-0{draw(st.integers(1, 9))}-05T10:00:00+00:00"
        events.append(
            Travelling(f"e{n}", device, clocks[device], kind, stamp, draw(st.sampled_from(ITEMS)), value)
        )
    return events


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories(), data=st.data())
def test_any_interleaving_of_the_same_events_folds_to_the_same_state(
    history: list[Travelling], data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Two stores take the same events in any order, in any batches (as syncs deliver them): each
    comes to the state of the events folded in (counter, device, id) order, kept and replayed alike."""
    expected = ProgressState.replay(
        Event(t.uid, t.item_id, cast(EventKind, t.kind), t.value, t.created_at, n)
        for n, t in enumerate(sorted(history, key=lambda t: (t.lamport, t.device, t.uid)), 1)
    )
    folder = tmp_path_factory.mktemp("fold")
    for name in ("one", "two"):
        order = data.draw(st.permutations(history))
        cuts = sorted(data.draw(st.lists(st.integers(0, len(order)), max_size=4)))
        batches = [order[i:j] for i, j in zip([0, *cuts], [*cuts, len(order)], strict=True)]
        with open_store(readonly=False, create=True, path=folder / f"{name}.sqlite3") as store:
            for batch in batches:
                store.merge_travelled(batch, {})
            state = store.state()
            assert state == store.replay()
        assert {i: r.to_json() for i, r in state.items.items()} == {
            i: r.to_json() for i, r in expected.items.items()
        }
        assert {i: r.notes for i, r in state.items.items()} == {i: r.notes for i, r in expected.items.items()}


def test_a_repository_named_in_bytes_that_are_not_utf8_is_refused_and_nothing_made(
    homes: list[Home], tmp_path: Path
) -> None:
    a = homes[0]
    a.ok(*PLAN)
    target = str(tmp_path / "bad \udcff byte")  # as Python reads a non-UTF-8 byte of argv
    code, out, err = a.run("sync", "init", target)
    assert (code, out) == (2, "")
    assert err.startswith("error: the repository ")
    assert "not UTF-8" in err
    assert "Traceback" not in err
    assert list(tmp_path.glob("bad*")) == []
    assert not a.folder.exists()
