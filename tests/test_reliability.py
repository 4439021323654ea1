"""Real processes against one database: at the same time, killed mid-run, and on a real terminal."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app
from roadmap_cli.progress.store import open_store

START = "2027-01-04"
ROADMAP = [sys.executable, "-m", "roadmap_cli"]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and terminals")

# Runs `roadmap` commands one after another inside one process, each as a user would type it
# (a fresh database connection every time), and prints one JSON line per command.
WORKER = r"""
import json, sys, time
from pathlib import Path
from typer.testing import CliRunner
from roadmap_cli.cli import app

go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
runner = CliRunner()
for line in sys.stdin:
    args = json.loads(line)
    result = runner.invoke(app, args)
    print(json.dumps({"args": args, "code": result.exit_code, "err": result.stderr}), flush=True)
"""


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1"}


@pytest.fixture
def plan_ids(runner: CliRunner) -> list[str]:
    result = runner.invoke(app, ["plan", "--lang", "python", "--hours", "12", "--start", START, "--json"])
    assert result.exit_code == 0, result.stderr
    return [i["id"] for i in json.loads(result.stdout)["items"]]


def test_four_processes_two_hundred_operations(
    roadmap_home: Path, plan_ids: list[str], tmp_path: Path
) -> None:
    """Every operation is recorded, none is lost, and no "database is locked" reaches anyone."""
    workers, per_item_ops, items_each = 4, 10, 5
    cycle = ["tick", "note", "untick"]  # each changes the state, so each writes exactly one event
    scripts: list[list[list[str]]] = []
    for w in range(workers):
        mine = plan_ids[w * items_each : (w + 1) * items_each]
        ops = []
        for n in range(per_item_ops):
            for item in mine:
                kind = cycle[n % 3]
                if kind == "tick":
                    ops.append(["check", item])
                elif kind == "untick":
                    ops.append(["check", "--undo", item])
                else:
                    ops.append(["note", item, f"note {n} from worker {w}"])
        scripts.append(ops)
    assert sum(len(s) for s in scripts) == 200

    go = tmp_path / "go"
    procs = []
    for w, ops in enumerate(scripts):
        script = tmp_path / f"ops-{w}.jsonl"
        script.write_text("".join(json.dumps(op) + "\n" for op in ops), encoding="utf-8")
        with script.open(encoding="utf-8") as stdin:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-c", WORKER, str(go)],
                    stdin=stdin,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env(roadmap_home),
                )
            )
    go.touch()  # all start at once
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results += [json.loads(line) for line in out.splitlines()]

    assert len(results) == 200
    for r in results:
        assert r["code"] == 0, r
        assert "locked" not in r["err"], r
        assert "busy" not in r["err"], r
    with open_store(readonly=True) as store:
        events = store.events()
        state = store.state()
    assert len(events) == 200
    assert len({e.uid for e in events}) == 200
    touched = plan_ids[: workers * items_each]
    # 10 operations per item: tick, note, untick, tick, note, untick, tick, note, untick, tick
    for item in touched:
        assert state.get(item).ticked, item
        assert len(state.get(item).notes) == 3, item
        assert [e.kind for e in events if e.item_id == item] == [cycle[n % 3] for n in range(per_item_ops)]
    assert state.ticked == set(touched)


def test_killed_mid_run_loses_no_completed_tick(
    roadmap_home: Path, plan_ids: list[str], tmp_path: Path
) -> None:
    """SIGKILL in the middle of a run of ticks: the file is sound and every tick that finished is there."""
    go = tmp_path / "go"
    go.touch()
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(go)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env(roadmap_home),
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    # ticks, then notes on everything: far more work than it gets to do before the kill
    ops = [["check", i] for i in plan_ids] + [["note", i, "x" * 200] for i in plan_ids * 5]
    proc.stdin.write("".join(json.dumps(op) + "\n" for op in ops))
    proc.stdin.flush()
    finished = []
    for line in proc.stdout:
        result = json.loads(line)
        assert result["code"] == 0, result
        finished.append(result["args"])
        if len(finished) == 15:
            break
    time.sleep(0.05)  # let it get into the next writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    path = roadmap_home / "data" / "progress.sqlite3"
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        db.close()
    with open_store(readonly=False) as store:  # opens for writing too: nothing to repair by hand
        ticked = store.state().ticked
    assert {args[1] for args in finished} <= ticked
    result = CliRunner().invoke(app, ["status", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["progress"]["done_items"] >= 15


def test_checklist_on_a_terminal(roadmap_home: Path, plan_ids: list[str]) -> None:
    """The interactive checklist: space ticks, enter saves, and `status` shows it."""
    pexpect = pytest.importorskip("pexpect")
    # 2027-01-27, week 4: learning the language (weeks 1-3) is overdue and the next item is due
    child_env = {**env(roadmap_home), "ROADMAP_TODAY": "2027-01-27", "TERM": "xterm", "COLUMNS": "120"}
    week = json.loads(
        subprocess.run([*ROADMAP, "next", "--json"], env=child_env, capture_output=True, text=True).stdout
    )
    offered = [i["id"] for i in week["overdue"]] + [i["id"] for i in week["items"]]
    assert len(offered) >= 2

    child = pexpect.spawn(
        ROADMAP[0], [*ROADMAP[1:], "check"], env=child_env, encoding="utf-8", timeout=30, dimensions=(24, 120)
    )
    try:
        child.expect("This week and overdue")
        child.expect(offered[-1])  # the whole list is drawn
        child.send(" ")  # tick the first
        child.send("\x1b[B")  # down
        child.send(" ")  # tick the second
        child.send("\r")  # save
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    assert re.search(rf"✓ {offered[0]} .*?\bticked\r?\n", child.before or "", re.S)

    done = subprocess.run([*ROADMAP, "status", "--json"], env=child_env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["progress"]["done_items"] == 2
    with open_store(readonly=True) as store:
        assert store.state().ticked == set(offered[:2])

    # run it again: the ticked item of this week is shown ticked; unticking it saves an untick
    week = json.loads(
        subprocess.run([*ROADMAP, "next", "--json"], env=child_env, capture_output=True, text=True).stdout
    )
    shown = [i["id"] for i in week["overdue"]] + [i["id"] for i in week["items"]]
    assert offered[0] not in shown  # done, so no longer overdue
    assert shown[0] == offered[1]
    child = pexpect.spawn(
        ROADMAP[0], [*ROADMAP[1:], "check"], env=child_env, encoding="utf-8", timeout=30, dimensions=(24, 120)
    )
    try:
        child.expect(shown[-1])
        child.send(" ")
        child.send("\r")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert re.search(rf"↺ {offered[1]} .*?\bunticked\r?\n", child.before or "", re.S)
    with open_store(readonly=True) as store:
        assert store.state().ticked == {offered[0]}

    # Ctrl-C leaves without saving anything
    child = pexpect.spawn(
        ROADMAP[0], [*ROADMAP[1:], "check"], env=child_env, encoding="utf-8", timeout=30, dimensions=(24, 120)
    )
    try:
        child.expect(shown[-1])
        child.send(" ")
        child.send("\x03")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    with open_store(readonly=True) as store:
        assert store.state().ticked == {offered[0]}


LIGHT_CHECK = r"""
import sys
from roadmap_cli.cli import app
try:
    app(sys.argv[1:], prog_name="roadmap")
except SystemExit as done:
    assert done.code in (0, None), done.code
heavy = [m for m in ("pydantic", "yaml", "rich", "questionary") if m in sys.modules]
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\n")
"""


@pytest.mark.parametrize("args", [["status"], ["next"], ["status", "--json"], ["check", "sql-fundamentals"]])
def test_everyday_commands_stay_light(roadmap_home: Path, plan_ids: list[str], args: list[str]) -> None:
    """status, next and check by id never import pydantic, YAML, Rich or the prompt library."""
    done = subprocess.run(
        [sys.executable, "-c", LIGHT_CHECK, *args], env=env(roadmap_home), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY=\n" in done.stderr, done.stderr
