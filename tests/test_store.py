"""The store's own promises, and what it does with saved data that no longer makes sense.

Damage SQLite cannot see (a saved plan edited by hand, an event with a time that is not a time) is
found by reading the saved data through its typed model: reported clearly, never a traceback, and
never a reason to lose the rest.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app
from roadmap_cli.errors import RoadmapError
from roadmap_cli.progress.models import Event
from roadmap_cli.progress.saved import SAVED_PLAN_FORMAT, SavedPlanError, from_planner, parse, to_json
from roadmap_cli.progress.store import LATEST_VERSION, NoPlanError, open_store

START = "2027-01-04"
PLAN = ["plan", "--lang", "python", "--hours", "12", "--start", START]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"ROADMAP_TODAY": "2027-02-10"})
    return result.exit_code, result.stdout, result.stderr


def db_of(home: Path) -> Path:
    return home / "data" / "progress.sqlite3"


@pytest.fixture
def planned(runner: CliRunner, roadmap_home: Path) -> Path:
    assert run(runner, *PLAN)[0] == 0
    assert run(runner, "check", "learn-language-core")[0] == 0
    return db_of(roadmap_home)


def event(
    uid: str, item_id: str = "sql-fundamentals", kind: str = "tick", at: str = "2027-01-05T10:00:00+00:00"
) -> Event:
    return Event(uid, item_id, kind, None, at)  # type: ignore[arg-type]


def test_no_database_and_no_plan_are_the_same_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NoPlanError):
        open_store(readonly=True, path=tmp_path / "none.sqlite3")
    assert not (tmp_path / "none.sqlite3").exists()
    with open_store(readonly=False, create=True, path=tmp_path / "new.sqlite3") as store:
        assert store.active_plan() is None
        with pytest.raises(NoPlanError, match="no plan yet"):
            store.require_plan()


def test_a_failed_write_rolls_back_every_event_of_it(planned: Path) -> None:
    with open_store(readonly=False) as store:
        before = store.events()
        with pytest.raises(ValueError, match="unknown event kind"):
            store.record([("sql-fundamentals", "tick", None), ("joins-and-indexes", "explode", None)])  # type: ignore[list-item]
        assert store.events() == before
        assert "sql-fundamentals" not in store.state().ticked


def test_a_write_that_changes_nothing_writes_nothing(planned: Path) -> None:
    from roadmap_cli.progress.actions import apply

    with open_store(readonly=False) as store:
        outcome = apply(store, [("learn-language-core", "tick", None)])
        assert outcome.written == []
        assert outcome.state.get("learn-language-core").ticked


def test_an_import_leaves_exactly_one_active_plan(runner: CliRunner, planned: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    assert run(runner, "progress", "export", str(backup))[0] == 0
    doc = json.loads(backup.read_text(encoding="utf-8"))
    older = doc["plans"][0]
    # a second, newer plan in the backup, and the active plan here is another one again
    newer = json.loads(json.dumps(older))
    newer["created_at"] = "2099-01-01T00:00:00+00:00"
    newer["snapshot"]["request"]["hours"] = 9.0
    doc["plans"].append(newer)
    backup.write_text(json.dumps(doc), encoding="utf-8")
    assert run(runner, "plan", "-l", "go", "-H", "10", "--start", START)[0] == 0
    code, _, err = run(runner, "progress", "import", str(backup))
    assert code == 0, err
    with open_store(readonly=True) as store:
        plans = store.plans()
        active = [p for p in plans if p.active]
        assert len(active) == 1
        assert active[0].created_at == "2099-01-01T00:00:00+00:00"
        assert active[0].plan().request.hours == 9.0
        assert len(plans) == 3  # the first plan was here already: not added twice


def test_a_saved_plan_in_the_oldest_format_is_read_and_a_newer_one_refused(planned: Path) -> None:
    with open_store(readonly=True) as store:
        current = to_json(store.require_plan())
    old = {k: v for k, v in current.items() if k not in ("tools", "certifications", "months", "left_out")}
    old["format"] = 1
    for item in old["items"]:
        del item["depends_on"], item["sources"], item["track"]
    plan = parse(old)
    assert plan.items[0].depends_on == ()
    assert plan.months == parse(current).months
    with pytest.raises(SavedPlanError, match="newer roadmap") as refused:
        parse({**current, "format": SAVED_PLAN_FORMAT + 1})
    assert "upgrade roadmap" in (refused.value.hint or "")


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        (lambda d: d.update(start="soon"), "start: not a date"),
        (lambda d: d["items"][0].update(minutes=-5), "items[0].minutes"),
        (lambda d: d["items"].append(dict(d["items"][0])), "listed twice"),
        (lambda d: d["days"][0].__setitem__(1, -5), "days[0][1]: not a whole number from 0 to 1440"),
        (
            lambda d: d["days"][1][2][0].__setitem__(1, 0),
            "days[1][2][0][1]: not a whole number from 1 to 1440",
        ),
        (lambda d: d["days"][2].__setitem__(0, "2027-02-30"), "days[2][0]: not a date"),
        (lambda d: d["days"].append([]), "not a [date, minutes, slices] triple"),
        (
            lambda d: d["days"][0][2].append(["no-such-item", 60]),
            "'no-such-item' is not a scheduled item",
        ),
        (lambda d: d.pop("request"), "request: missing"),
        (lambda d: d.update(format="one"), "format"),
        (lambda d: d["request"].update(months=[12, 10]), "request.months[1]"),
    ],
)
def test_a_damaged_saved_plan_is_a_clear_error_and_the_rest_is_kept(
    runner: CliRunner, planned: Path, tmp_path: Path, damage: object, where: str
) -> None:
    with sqlite3.connect(planned) as db:
        (text,) = db.execute("SELECT snapshot FROM plans WHERE active = 1").fetchone()
        doc = json.loads(text)
        damage(doc)  # type: ignore[operator]
        db.execute("UPDATE plans SET snapshot = ? WHERE active = 1", (json.dumps(doc),))
    db.close()
    for args in (["status"], ["next"], ["check", "sql-fundamentals"], ["export", "-F", "md"], ["replan"]):
        code, out, err = run(runner, *args)
        assert code == 1, (args, err)
        assert "Traceback" not in err
        assert where in err, err
        assert "roadmap doctor" in err
    code, out, _ = run(runner, "doctor", "--json")
    assert code == 1
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["saved plans"]["status"] == "fail"
    assert where in checks["saved plans"]["detail"]
    # the history is still backed up, with a word on what was left out
    backup = tmp_path / "backup.json"
    code, _, err = run(runner, "progress", "export", str(backup))
    assert code == 0
    assert "left out of the backup" in err
    saved = json.loads(backup.read_text(encoding="utf-8"))
    assert saved["plans"] == []
    assert [e["item_id"] for e in saved["events"]] == ["learn-language-core"]
    # and a new plan starts afresh, with the ticks kept
    assert run(runner, *PLAN)[0] == 0
    code, out, _ = run(runner, "status", "--json")
    assert code == 0
    assert json.loads(out)["progress"]["done_items"] == 1


def test_an_event_that_cannot_be_understood_is_left_out_with_a_warning(
    runner: CliRunner, planned: Path
) -> None:
    with sqlite3.connect(planned) as db:
        db.execute(
            "INSERT INTO events (uid, item_id, kind, value, created_at) VALUES (?, ?, ?, ?, ?)",
            ("bad-1", "sql-fundamentals", "tick", None, "not a time"),
        )
    db.close()
    # written behind roadmap's back: not counted, and said so
    code, out, err = run(runner, "status", "--json")
    assert code == 0
    assert json.loads(out)["progress"]["done_items"] == 1
    assert err.count("\n") == 1
    assert "1 event is in your history not counted yet" in err
    code, out, _ = run(runner, "doctor", "--json")
    assert code == 1
    history = {c["name"]: c for c in json.loads(out)["checks"]}["history"]
    assert history["status"] == "fail"
    assert "1 event not counted" in history["detail"]
    # counted again from the history: the event that cannot be understood is left out, with a warning
    code, out, err = run(runner, "doctor", "--repair", "--json")
    assert code == 0, out
    assert "again from your history" in err
    history = {c["name"]: c for c in json.loads(out)["checks"]}["history"]
    assert history["status"] == "warn"
    assert "bad-1" in history["detail"]
    assert "ISO 8601" in history["detail"]
    code, out, err = run(runner, "status", "--json")
    assert code == 0
    assert json.loads(out)["progress"]["done_items"] == 1  # the bad tick counts for nothing
    assert err.count("\n") == 1
    assert "1 event in your progress could not be understood" in err
    assert run(runner, "check", "sql-fundamentals")[0] == 0  # and writing goes on as before
    code, out, err = run(runner, "progress", "export")
    assert code == 0
    assert "bad-1" not in out
    assert "event bad-1" in err


def back_from_schema_7(db: sqlite3.Connection) -> None:
    """Take away what schema 7 added: events and plans without their device and counter."""
    db.executescript(
        """
        DROP INDEX events_lamport;
        DROP INDEX plans_uid;
        ALTER TABLE events DROP COLUMN device;
        ALTER TABLE events DROP COLUMN lamport;
        ALTER TABLE plans DROP COLUMN uid;
        ALTER TABLE plans DROP COLUMN device;
        ALTER TABLE plans DROP COLUMN lamport;
        DROP TABLE sync_meta;
        DROP TABLE plan_uses;
        DELETE FROM migrations WHERE version >= 7;
        PRAGMA user_version = 6;
        """
    )


def back_to_version_1(path: Path) -> str:
    """Turn the file back into what roadmap 0.1 wrote; returns the stored plan's text."""
    with sqlite3.connect(path) as db:
        back_from_schema_7(db)
        (text,) = db.execute("SELECT snapshot FROM plans").fetchone()
        db.executescript(
            """
            CREATE TABLE plans_v1 (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 0, lang TEXT NOT NULL, framework TEXT, hours REAL NOT NULL,
                start TEXT NOT NULL, months_low INTEGER NOT NULL, months_high INTEGER NOT NULL,
                core_only INTEGER NOT NULL, packs TEXT NOT NULL DEFAULT '[]', snapshot TEXT NOT NULL);
            INSERT INTO plans_v1 SELECT id, created_at, active, 'python', 'fastapi', 12, '2027-01-04', 10, 12,
                0, '[]', snapshot FROM plans;
            DROP TABLE plans;
            ALTER TABLE plans_v1 RENAME TO plans;
            DROP TABLE item_state;
            DROP TABLE state_meta;
            DELETE FROM migrations WHERE version >= 2;
            PRAGMA user_version = 1;
            """
        )
    db.close()
    return str(text)


def test_a_version_1_database_is_read_as_it_is_and_migrated_by_the_next_write(
    runner: CliRunner, planned: Path
) -> None:
    text = back_to_version_1(planned)
    code, out, err = run(runner, "status", "--json")
    assert code == 0, err
    assert json.loads(out)["progress"]["done_items"] == 1
    assert run(runner, "check", "sql-fundamentals")[0] == 0
    with sqlite3.connect(planned) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        columns = [r[1] for r in db.execute("PRAGMA table_info(plans)")]
        assert columns == ["id", "created_at", "active", "snapshot", "uid", "device", "lamport"]
        assert db.execute("SELECT snapshot FROM plans").fetchone()[0] == text
    db.close()


def test_a_version_1_database_migrated_keeps_its_state_without_a_further_write(planned: Path) -> None:
    back_to_version_1(planned)
    open_store(readonly=False).close()  # opened to write: migrated, nothing written
    with open_store() as store:
        state, replayed = store.state(), store.replay()
    assert state.unapplied == 0
    assert state.ticked == replayed.ticked == {"learn-language-core"}


def test_the_saved_plan_is_what_the_planner_made(catalog: object) -> None:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.planner import PlanRequest, make_plan

    assert isinstance(catalog, Catalog)
    made = make_plan(catalog, PlanRequest(stack="go", hours_per_week=12, start=date(2027, 1, 6)))
    saved = from_planner(made, catalog)
    assert [i.id for i in saved.items] == [s.item["id"] for s in made.items]
    assert [(i.start, i.end, i.minutes) for i in saved.items] == [
        (s.start, s.end, s.minutes) for s in made.items
    ]
    assert [w.slices for w in saved.weeks] == [tuple(w.slices) for w in made.weeks]
    assert saved.weeks[0].first_day == date(2027, 1, 6)
    assert saved.end == made.end
    assert parse(to_json(saved)) == saved


def test_a_store_cannot_be_written_when_opened_to_read(planned: Path) -> None:
    with open_store(readonly=True) as store, pytest.raises(RuntimeError):
        store.record([("x", "tick", None)])


def test_the_kept_state_is_what_the_history_adds_up_to(
    runner: CliRunner, planned: Path, tmp_path: Path
) -> None:
    for args in (
        ["check", "sql-fundamentals", "joins-and-indexes"],
        ["check", "--undo", "joins-and-indexes"],
        ["skip", "crud-cli-tool"],
        ["note", "sql-fundamentals", "window functions"],
        ["log", "explain-analyze", "45m"],
        ["log", "explain-analyze", "1h"],
        ["log", "--undo"],
    ):
        assert run(runner, *args)[0] == 0
    backup = tmp_path / "backup.json"
    assert run(runner, "progress", "export", str(backup))[0] == 0
    fresh = tmp_path / "fresh"
    imported = runner.invoke(app, ["progress", "import", str(backup)], env={"ROADMAP_HOME": str(fresh)})
    assert imported.exit_code == 0
    for path in (planned, fresh / "data" / "progress.sqlite3"):
        with open_store(readonly=True, path=path) as store:
            kept, replayed = store.state(), store.replay()
            assert kept.unapplied == 0
            assert {i: r.to_json() for i, r in kept.items.items()} == {
                i: r.to_json() for i, r in replayed.items.items()
            }
            assert [e.uid for e in kept.logs] == [e.uid for e in replayed.logs]


def test_commands_read_the_kept_state_without_replaying(
    planned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap_cli.progress import store as store_module

    def no_replay(_db: object) -> list[Event]:
        raise AssertionError("the history was replayed")

    monkeypatch.setattr(store_module, "_events", no_replay)
    with open_store(readonly=False) as store:
        assert store.state().get("learn-language-core").ticked
        store.record([("sql-fundamentals", "tick", None)])
        assert store.state().get("sql-fundamentals").ticked


def test_kept_state_that_disagrees_is_found_and_repaired(runner: CliRunner, planned: Path) -> None:
    with sqlite3.connect(planned) as db:
        db.execute("UPDATE item_state SET record = replace(record, '\"ticked\":true', '\"ticked\":false')")
    db.close()
    assert json.loads(run(runner, "status", "--json")[1])["progress"]["done_items"] == 0
    code, out, _ = run(runner, "doctor", "--json")
    assert code == 1
    history = {c["name"]: c for c in json.loads(out)["checks"]}["history"]
    assert "1 item differs: learn-language-core" in history["detail"]
    assert run(runner, "doctor", "--repair")[0] == 0
    assert json.loads(run(runner, "status", "--json")[1])["progress"]["done_items"] == 1
    with sqlite3.connect(planned) as db:
        db.execute("UPDATE item_state SET record = 'nonsense'")
    db.close()
    code, _, err = run(runner, "status")
    assert code == 1
    assert "doctor --repair" in err
    assert "Traceback" not in err
    assert run(runner, "doctor", "--repair")[0] == 0
    assert json.loads(run(runner, "status", "--json")[1])["progress"]["done_items"] == 1


def test_a_tick_already_made_does_not_stop_the_ones_after_it(runner: CliRunner, planned: Path) -> None:
    code, out, _ = run(runner, "check", "learn-language-core", "sql-fundamentals")
    assert code == 0
    # words compared across line breaks: the Python title is long enough to wrap at 80 columns
    assert re.search(r"· learn-language-core .*?already ticked: nothing to change", " ".join(out.split()))
    assert re.search(r"✓ sql-fundamentals .*?\bticked\n", out, re.S)
    with open_store(readonly=True) as store:
        assert {"learn-language-core", "sql-fundamentals"} <= store.state().ticked


def test_event_times_are_stored_in_utc(planned: Path) -> None:
    from datetime import datetime, timedelta, timezone

    at = datetime(2027, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    with open_store(readonly=False) as store:
        (written,) = store.record([("sql-fundamentals", "tick", None)], at=at)
    assert written.created_at == "2027-03-02T04:30:00.000000+00:00"
    assert written.row > 0


def test_a_write_counts_events_written_behind_its_back_first(planned: Path) -> None:
    with sqlite3.connect(planned) as db:
        db.execute(
            "INSERT INTO events (uid, item_id, kind, value, created_at) VALUES (?, ?, ?, ?, ?)",
            ("outside-1", "joins-and-indexes", "tick", None, "2027-01-05T10:00:00+00:00"),
        )
    db.close()
    with open_store(readonly=False) as store:
        assert store.state().unapplied == 1
        store.record([("sql-fundamentals", "tick", None)])
        state = store.state()
    assert state.unapplied == 0
    assert {"learn-language-core", "joins-and-indexes", "sql-fundamentals"} <= state.ticked


def test_an_import_adds_each_new_plan_once_and_counts_them(
    runner: CliRunner, planned: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    assert run(runner, "progress", "export", str(backup))[0] == 0
    doc = json.loads(backup.read_text(encoding="utf-8"))
    plan = doc["plans"][0]
    twin = {**plan, "created_at": "2098-01-01T00:00:00+00:00"}
    other = {**plan, "created_at": "2099-01-01T00:00:00+00:00"}
    doc["plans"] = [plan, twin, twin, other]  # the twin twice: added once
    backup.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(runner, "progress", "import", str(backup))
    assert code == 0, err
    assert "and 2 plans" in err
    with open_store(readonly=True) as store:
        made = sorted(p.created_at[:4] for p in store.plans())
    assert len(made) == 3
    assert made[-2:] == ["2098", "2099"]


def test_the_error_names_which_saved_plan_and_when_it_was_made(planned: Path) -> None:
    from roadmap_cli.progress.store import StoredPlan

    active = StoredPlan(7, "2027-01-04T10:00:00+00:00", True, "{}")
    older = StoredPlan(3, "2026-12-01T10:00:00+00:00", False, "not json")
    with pytest.raises(SavedPlanError) as one:
        active.plan()
    assert one.value.message.startswith("your active plan (made 2027-01-04) cannot be read: ")
    with pytest.raises(SavedPlanError) as other:
        older.plan()
    assert other.value.message == "saved plan 3 (made 2026-12-01) cannot be read: not JSON"


def test_the_store_reports_its_schema_and_a_damaged_page(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(readonly=False, create=True, path=path) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.integrity() == []
        store.record((f"item-{n}", "note", "x" * 400) for n in range(400))
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 300] = b"\xff" * 300
    path.write_bytes(bytes(data))
    try:
        with open_store(readonly=True, path=path) as store:
            found = store.integrity()
    except RoadmapError:
        return  # refused on opening: also fine, nothing was read as sound
    assert found
    assert found != ["ok"]


def test_no_plan_says_exactly_what_to_do(runner: CliRunner) -> None:
    code, out, err = run(runner, "status")
    assert (code, out) == (1, "")
    assert err == (
        "error: you have no plan yet\n"
        "hint: make one with `roadmap plan --lang python --hours 12` (your stack and your hours)\n"
    )


def test_an_event_is_made_from_its_fields_in_their_order() -> None:
    """Event writes its own ``__init__`` for speed: it must take the fields the class declares."""
    import inspect

    fields = [(name, default) for name, default, _ in Event.__record_fields__]
    parameters = list(inspect.signature(Event).parameters.values())
    assert [p.name for p in parameters] == [name for name, _ in fields]
    assert [p.default for p in parameters][-1] == fields[-1][1] == 0
    event = Event("u", "some-item", "note", "text", "2027-01-04T10:00:00+00:00")
    same = Event(uid="u", item_id="some-item", kind="note", value="text", created_at=event.created_at)
    assert event == same
    assert (event.kind, event.value, event.row) == ("note", "text", 0)
    assert Event("u", "i", "tick", None, "t", 5).row == 5
    with pytest.raises(AttributeError):
        event.row = 3  # type: ignore[misc]


# -- opening: what is and is not a progress database ----------------------------------------------------


DAMAGED_HINT = "move it aside (or restore a backup) to start afresh; the old file stays there to recover from"


def refusal(path: Path, *, readonly: bool = True, create: bool = False) -> RoadmapError:
    with pytest.raises(RoadmapError) as raised:
        open_store(readonly=readonly, create=create, path=path)
    return raised.value


def test_a_new_database_and_its_folder_are_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "data" / "progress.sqlite3"
    old = os.umask(0)
    try:
        with open_store(readonly=False, create=True, path=path) as store:
            assert store.path == path
            assert not store.readonly
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_store_opens_to_read_unless_asked_to_write(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(readonly=False, create=True, path=path).close()
    with open_store(path=path) as store:
        assert store.readonly
        assert store.path == path
        with pytest.raises(RuntimeError, match="opened read-only"):
            store.record([("x", "tick", None)])


def test_an_empty_file_is_a_database_not_yet_written(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(NoPlanError):
        open_store(path=path)  # to read: nothing in it yet
    assert path.read_bytes() == b""
    with open_store(readonly=False, path=path) as store:
        assert store.schema_version() == LATEST_VERSION


@pytest.mark.parametrize(
    ("content", "size"), [(b"x", "1 byte"), (b"xy", "2 bytes"), (b"not a database\n" * 200, "3,000 bytes")]
)
def test_a_file_that_is_not_sqlite_is_named_with_its_size(tmp_path: Path, content: bytes, size: str) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(content)
    for readonly in (True, False):
        refused = refusal(path, readonly=readonly)
        assert refused.message == (
            f"the progress database {path} cannot be read (it is {size} long and not an SQLite database); "
            "it was left exactly as it is"
        )
        assert refused.hint == DAMAGED_HINT
    assert path.read_bytes() == content


def test_what_is_not_a_file_is_refused_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    assert refusal(folder).message == f"the progress database {folder} is a folder, not a file"
    fifo = tmp_path / "fifo.sqlite3"
    os.mkfifo(fifo)
    assert refusal(fifo, readonly=False).message == (
        f"the progress database {fifo} is a FIFO (named pipe), not a file; it was left as it is"
    )
    loop = tmp_path / "loop.sqlite3"
    loop.symlink_to(loop)
    refused = refusal(loop)
    assert refused.message == (
        f"the progress database {loop} cannot be read (Too many levels of symbolic links); "
        "it was left exactly as it is"
    )
    assert refused.hint == DAMAGED_HINT
    folder_loop = tmp_path / "data"
    folder_loop.symlink_to(folder_loop)
    inside = folder_loop / "p.sqlite3"
    assert refusal(inside, readonly=False, create=True).message == (
        f"the progress database {inside} cannot be used: Too many levels of symbolic links"
    )


def test_a_database_that_cannot_be_made_says_why_and_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    path = blocker / "progress.sqlite3"
    refused = refusal(path, readonly=False, create=True)
    assert refused.message == f"cannot make the progress database {path}: File exists"
    assert refused.hint == "check that you may write there, or set ROADMAP_HOME to a folder you own"
    assert blocker.read_text() == "not a folder"


def test_a_newer_or_foreign_database_is_refused_in_full(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(readonly=False, create=True, path=path).close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    for readonly in (True, False):
        refused = refusal(path, readonly=readonly)
        assert refused.message == (
            f"the progress database {path} is from a newer roadmap (schema version 99; this roadmap knows "
            f"up to {LATEST_VERSION}); it was left exactly as it is"
        )
        assert refused.hint == "upgrade roadmap (pip install --upgrade roadmap-cli) to use it"
    foreign = tmp_path / "mine.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE mine (x)")
    db.close()
    refused = refusal(foreign, readonly=False)
    assert refused.message == (
        f"{foreign} is an SQLite file but not a roadmap progress database; it was left as it is"
    )
    assert refused.hint == "move it aside, or set ROADMAP_HOME to use another folder"


def test_a_damaged_database_is_refused_before_a_write_and_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(readonly=False, create=True, path=path) as store:
        store.record((f"item-{n}", "note", "x" * 400) for n in range(400))
    with sqlite3.connect(path) as db:
        (page,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_state_meta_1'"
        )
    db.close()
    data = bytearray(path.read_bytes())
    start = (page[0] - 1) * 4096
    data[start + 8 : start + 20] = b"\xff" * 12  # the cell pointers of one index page
    path.write_bytes(bytes(data))
    refused = refusal(path, readonly=False)
    assert refused.message.startswith(f"the progress database {path} cannot be read (")
    assert refused.message.endswith("); it was left exactly as it is")
    assert refused.hint == DAMAGED_HINT
    assert path.read_bytes() == bytes(data)


def test_the_full_check_finds_an_index_that_disagrees_with_its_table(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(readonly=False, create=True, path=path) as store:
        store.save_plan(sample_plan())
        assert store.integrity() == []
    with sqlite3.connect(path) as db:  # the index of the active plan now claims to hold the others
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET sql = 'CREATE UNIQUE INDEX plans_one_active ON plans (active) "
            "WHERE active = 0' WHERE name = 'plans_one_active'"
        )
    db.close()
    with open_store(path=path) as store:
        found = store.integrity()
    assert found
    assert any("plans_one_active" in problem for problem in found)


def test_a_page_that_cannot_be_read_at_all_is_named_with_the_database(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(readonly=False, create=True, path=path) as store:
        store.record((f"item-{n}", "note", "x" * 400) for n in range(400))
    with sqlite3.connect(path) as db:
        (page,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'")
    db.close()
    data = bytearray(path.read_bytes())
    data[(page[0] - 1) * 4096 : page[0] * 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    with open_store(path=path) as store:
        for check in (store.integrity, store.events):
            with pytest.raises(RoadmapError) as raised:
                check()
            assert raised.value.message == (
                f"the progress database {path} cannot be read (database disk image is malformed); "
                "it was left exactly as it is"
            )


@pytest.mark.parametrize(
    ("table", "read"),
    [
        ("events", lambda store: store.events()),
        ("state_meta", lambda store: store.state()),
        ("plans", lambda store: store.plans()),
        ("plans", lambda store: store.active_plan()),
    ],
)
def test_a_table_taken_away_while_the_store_is_open_is_named_with_the_database(
    tmp_path: Path, table: str, read: Any
) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(readonly=False, create=True, path=path).close()
    with open_store(path=path) as store:
        with sqlite3.connect(path) as other:
            other.execute(f"DROP TABLE {table}")
        other.close()
        with pytest.raises(RoadmapError) as raised:
            read(store)
    assert raised.value.message == f"the progress database {path} could not be used: no such table: {table}"


def test_a_write_waits_for_another_writer_to_finish(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(readonly=False, create=True, path=path).close()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    later = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    later.start()
    try:
        with open_store(readonly=False, path=path) as store:
            (written,) = store.record([("sql-fundamentals", "tick", None)])
    finally:
        later.join()
        other.close()
    assert written.row == 1


# -- writing and importing ------------------------------------------------------------------------------


def test_times_are_utc_whatever_the_local_time_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime, timedelta, timezone

    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        path = tmp_path / "p.sqlite3"
        with open_store(readonly=False, create=True, path=path) as store:
            at = datetime(2027, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
            (written,) = store.record([("sql-fundamentals", "tick", None)], at=at)
            plan_id = store.save_plan(sample_plan())
            (made,) = store.plans()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert written.created_at == "2027-03-02T04:30:00.000000+00:00"
    assert made.id == plan_id
    assert made.created_at.endswith("+00:00")


def sample_plan() -> Any:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.catalog.registry import build_catalog_data, builtin_files
    from roadmap_cli.planner import PlanRequest, make_plan

    files = builtin_files()
    cat = Catalog(build_catalog_data(files, builtin=set(files)))
    return from_planner(
        make_plan(cat, PlanRequest(stack="python", hours_per_week=12, start=date(2027, 1, 4))), cat
    )


def test_an_import_numbers_new_events_on_from_the_history_and_adds_each_uid_once(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(readonly=False, create=True, path=path) as store:
        assert store.import_backup([], [event("a"), event("b", "joins-and-indexes"), event("a")]) == (0, 2)
        assert [(e.uid, e.row) for e in store.events()] == [("a", 1), ("b", 2)]
        (written,) = store.record([("crud-cli-tool", "tick", None)])
        assert written.row == 3
        added = store.import_backup([], [event("b"), event("c"), event("d"), event("c")])
        assert added == (0, 2)
        assert [(e.uid, e.row) for e in store.events()][3:] == [("c", 4), ("d", 5)]
        assert store.state().unapplied == 0
        with pytest.raises(ValueError, match=r"^unknown event kind 'bogus'$"):
            store.import_backup([], [event("e", kind="bogus")])
        assert len(store.events()) == 5


def test_an_import_counts_events_written_behind_its_back_first(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(readonly=False, create=True, path=path).close()
    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO events (uid, item_id, kind, value, created_at) VALUES (?, ?, ?, ?, ?)",
            ("outside-1", "joins-and-indexes", "tick", None, "2027-01-05T10:00:00+00:00"),
        )
    db.close()
    with open_store(readonly=False, path=path) as store:
        store.import_backup([], [event("in-1")])
        state = store.state()
        assert state.unapplied == 0
        assert {"joins-and-indexes", "sql-fundamentals"} <= state.ticked


def test_plans_made_at_the_same_moment_are_both_imported_the_later_listed_active(tmp_path: Path) -> None:
    plan = sample_plan()
    other = parse({**to_json(plan), "request": {**to_json(plan)["request"], "hours": 13.0}})
    moment = "2027-01-04T10:00:00.000000+00:00"
    with open_store(readonly=False, create=True, path=tmp_path / "p.sqlite3") as store:
        assert store.import_backup([(moment, plan), (moment, other)], []) == (2, 0)
        stored = store.active_plan()
        assert stored is not None
        assert stored.plan().request.hours == 13.0


def test_a_large_import_keeps_every_uid_unique(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    many = [event(f"u{n}", f"item-{n % 50}", "note") for n in range(10_001)]
    with open_store(readonly=False, create=True, path=path) as store:
        store.record([("item-0", "note", "first")])
        assert store.import_backup([], many) == (0, 10_001)
        assert store.import_backup([], many[:5]) == (0, 0)
        assert len(store.events()) == 10_002
    with sqlite3.connect(path) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO events (uid, item_id, kind, value, created_at) VALUES ('u7', 'x', 'tick', NULL, 't')"
        )
    db.close()
    with sqlite3.connect(path) as db:  # both indexes made again after the rows went in
        indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"events_uid", "events_lamport"} <= indexes
    db.close()


def test_kept_progress_that_cannot_be_read_points_to_the_repair(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with open_store(readonly=False, create=True, path=path) as store:
        store.record([("sql-fundamentals", "tick", None)])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE item_state SET record = 'not json' WHERE item_id = 'sql-fundamentals'")
    db.close()
    with open_store(path=path) as store, pytest.raises(RoadmapError) as raised:
        store.state()
    assert raised.value.message == "the kept progress of 'sql-fundamentals' cannot be read"
    assert (
        raised.value.hint == "`roadmap doctor --repair` works it out again from your history, which is intact"
    )


# ------------------------------------------------------------------------ notes kept apart (schema 5)


def back_to_schema_4(path: Path) -> None:
    """Turn the file back into what schema 4 kept: each item's notes inside its record."""
    with sqlite3.connect(path) as db:
        back_from_schema_7(db)
        rows = db.execute("SELECT item_id, record, notes FROM item_state").fetchall()
        db.executescript(
            """
            CREATE TABLE item_state_v4 (item_id TEXT PRIMARY KEY, record TEXT NOT NULL);
            DROP TABLE item_state;
            ALTER TABLE item_state_v4 RENAME TO item_state;
            DELETE FROM migrations WHERE version >= 5;
            PRAGMA user_version = 4;
            """
        )
        for item_id, record, notes in rows:
            doc = json.loads(record)
            doc["notes"] = json.loads(notes)
            db.execute("INSERT INTO item_state VALUES (?, ?)", (item_id, json.dumps(doc)))
    db.close()


def test_a_version_4_database_is_read_as_it_is_and_its_notes_moved_by_the_next_write(
    runner: CliRunner, planned: Path
) -> None:
    assert run(runner, "note", "learn-language-core", "first")[0] == 0
    assert run(runner, "note", "learn-language-core", "second")[0] == 0
    back_to_schema_4(planned)
    with open_store(readonly=True, path=planned) as store:
        assert store.state().items["learn-language-core"].notes == ["first", "second"]
        assert store.state(notes=False).items["learn-language-core"].notes == ["first", "second"]
    code, out, _ = run(runner, "show", "learn-language-core", "--json")
    assert code == 0
    assert json.loads(out)["notes"] == ["first", "second"]
    assert run(runner, "check", "sql-fundamentals")[0] == 0  # a write migrates
    with sqlite3.connect(planned) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION == 7
        record, notes, count = db.execute(
            "SELECT record, notes, note_count FROM item_state WHERE item_id = 'learn-language-core'"
        ).fetchone()
    db.close()
    assert "notes" not in json.loads(record)
    assert (json.loads(notes), count) == (["first", "second"], 2)
    code, out, _ = run(runner, "doctor", "--json")
    assert code == 0, out
    with open_store(readonly=True, path=planned) as store:
        assert store.state() == store.replay()


def test_views_without_notes_count_them_and_never_keep_that_state(runner: CliRunner, planned: Path) -> None:
    for text in ("one", "two", "three"):
        assert run(runner, "note", "sql-fundamentals", text)[0] == 0
    with open_store(readonly=True, path=planned) as store:
        light = store.state(notes=False).items["sql-fundamentals"]
        full = store.state().items["sql-fundamentals"]
    assert (light.notes, light.unread_notes) == ([], 3)
    assert (full.notes, full.unread_notes) == (["one", "two", "three"], 0)
    assert not light.empty  # a noted item still has history: orphans and ids count it
    with pytest.raises(ValueError, match="without its notes"):
        light.to_json()
    # status reads no note, show ID and the export read them all
    with sqlite3.connect(planned) as db:
        db.execute("UPDATE item_state SET notes = 'not json' WHERE item_id = 'sql-fundamentals'")
    db.close()
    assert run(runner, "status")[0] == 0
    assert run(runner, "next")[0] == 0
    code, _, err = run(runner, "show", "sql-fundamentals")
    assert code == 1
    assert "the kept progress of 'sql-fundamentals' cannot be read" in err


def test_doctor_finds_notes_that_differ_from_the_history_and_repair_puts_them_back(
    runner: CliRunner, planned: Path
) -> None:
    assert run(runner, "note", "sql-fundamentals", "kept")[0] == 0
    with sqlite3.connect(planned) as db:
        db.execute("UPDATE item_state SET notes = '[\"not said\"]' WHERE item_id = 'sql-fundamentals'")
    db.close()
    code, out, _ = run(runner, "doctor", "--json")
    assert code == 1
    assert "sql-fundamentals" in out
    assert run(runner, "doctor", "--repair")[0] == 0
    with open_store(readonly=True, path=planned) as store:
        assert store.state().items["sql-fundamentals"].notes == ["kept"]


def test_a_database_breaking_its_own_rules_names_the_first_three_problems(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    plan = sample_plan()
    with open_store(readonly=False, create=True, path=path) as store:
        for _ in range(4):
            store.save_plan(plan)
    with sqlite3.connect(path) as db:  # a rule every stored plan now breaks: four problems
        db.execute("PRAGMA writable_schema = ON")
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'plans'").fetchone()
        ruled = sql.replace("snapshot TEXT NOT NULL", "snapshot TEXT NOT NULL CHECK (length(snapshot) < 5)")
        db.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'plans'", (ruled,))
    db.close()
    before = path.read_bytes()
    refused = refusal(path, readonly=False)
    assert refused.message == (
        f"the progress database {path} cannot be read (CHECK constraint failed in plans; CHECK constraint "
        "failed in plans; CHECK constraint failed in plans); it was left exactly as it is"
    )
    assert refused.hint == DAMAGED_HINT
    assert path.read_bytes() == before


# ------------------------------------------------------------------- events that travel (schema 7)


def test_schema_7_gives_the_history_this_device_and_counters_in_its_order(
    runner: CliRunner, planned: Path
) -> None:
    assert run(runner, "note", "learn-language-core", "first")[0] == 0
    assert run(runner, *PLAN)[0] == 0  # a second plan
    assert run(runner, "plans", "use", "1")[0] == 0  # the first one active again
    with sqlite3.connect(planned) as db:
        back_from_schema_7(db)
    db.close()
    assert run(runner, "check", "sql-fundamentals")[0] == 0  # a write migrates
    with sqlite3.connect(planned) as db:
        (device,) = db.execute("SELECT value FROM sync_meta WHERE key = 'device'").fetchone()
        rows = db.execute("SELECT id, device, lamport FROM events ORDER BY id").fetchall()
        plans = db.execute("SELECT id, active, device, lamport FROM plans ORDER BY lamport").fetchall()
    db.close()
    assert re.fullmatch(r"[0-9a-f]{16}", device)
    assert [(row, d) for row, d, _ in rows] == [(row, device) for row, _, _ in rows]
    counters = [lamport for _, _, lamport in rows]
    assert counters == sorted(counters)
    assert len(set(counters)) == len(counters)
    assert plans[-1][:2] == (1, 1)  # the active plan stays the last made
    assert counters[-1] > plans[-1][3]  # the tick written after the migration comes after all
    with open_store(readonly=True, path=planned) as store:
        assert [e.row for e in store.events()] == [row for row, _, _ in rows]
        assert store.state() == store.replay()
