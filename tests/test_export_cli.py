"""`roadmap export` and `roadmap progress export|import` as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app

START = "2027-01-04"
TICKED = ["learn-language-core", "programming-fundamentals", "crud-cli-tool"]


@pytest.fixture
def planned(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """An active Python plan with three ticks, a skip, a note and evidence, seen on a fixed day."""
    monkeypatch.setenv("ROADMAP_TODAY", "2027-02-15")
    for args in (
        ["plan", "--lang", "python", "--hours", "12", "--start", START],
        ["check", *TICKED],
        ["skip", "sql-fundamentals"],
        ["note", "joins-and-indexes", "composite index on (user_id, created_at)"],
        ["check", "bookmark-manager-api", "--evidence", "https://example.org/me/bookmarks"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return runner


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_markdown_export_ticks_what_was_ticked(planned: CliRunner) -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    code, out, _ = invoke(planned, "export", "--format", "md")
    assert code == 0
    tokens = MarkdownIt("commonmark").use(tasklists_plugin).parse(out)
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    checked = [c for c in inline if c.type == "html_inline" and 'checked="checked"' in c.content]
    assert len(checked) == len(TICKED) + 2  # the ticks, the project with evidence, and the skip
    assert "https://example.org/me/bookmarks" in out
    assert "composite index" in out


def test_csv_export_rows(planned: CliRunner) -> None:
    import csv
    import io

    code, out, _ = invoke(planned, "export", "-F", "csv")
    assert code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["crud-cli-tool"]["state"] == "done"
    assert rows["sql-fundamentals"]["state"] == "skipped"
    assert rows["bookmark-manager-api"]["evidence"] == "https://example.org/me/bookmarks"
    assert rows["realtime-chat"]["state"] == "planned"


def test_json_export_is_versioned(planned: CliRunner) -> None:
    code, out, _ = invoke(planned, "export", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["version"] == 2
    assert doc["request"]["lang"] == "python"
    states = {i["id"]: i for i in [*doc["items"], *doc["settled"]]}
    assert [i for i in TICKED if states[i]["state"] == "done"] == TICKED
    assert states["joins-and-indexes"]["notes"] == ["composite index on (user_id, created_at)"]
    # the public plan shape, never the stored internals
    code, plan_out, _ = invoke(planned, "plan", "-l", "python", "-H", "12", "--dry-run", "--json")
    assert set(json.loads(plan_out)) | {"progress"} == set(doc)
    assert "capacity_minutes" not in out
    assert "slices" not in out


def test_ics_export_to_a_file_is_stable_and_safe(planned: CliRunner, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "plan.ics"
    args = ["export", "--format", "ics", "--sessions", "tue,thu 19:00-21:00", "--tz", "Europe/London"]
    code, out, err = invoke(planned, *args, "--output", str(target))
    assert code == 0
    assert out == ""
    assert "Wrote" in err
    first = target.read_bytes()
    cal = Calendar.from_ical(first)
    assert len(cal.walk("VEVENT")) > 42
    code, _, err = invoke(planned, *args, "--output", str(target))
    assert code == 1
    assert "already exists" in err
    assert "--force" in err
    assert target.read_bytes() == first
    code, _, _ = invoke(planned, *args, "--output", str(target), "--force")
    assert code == 0
    assert target.read_bytes() == first  # the same plan gives the same calendar, UIDs and all


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "pdf"], "--format"),
        (["--format", "md", "--sessions", "mon 19:00-20:00"], "go with --format ics"),
        (["--format", "ics", "--sessions", "someday 19:00-20:00"], "is not a day"),
        (["--format", "ics", "--tz", "Mars/Olympus_Mons"], "is not a time zone"),
    ],
)
def test_export_bad_input(planned: CliRunner, args: list[str], fragment: str) -> None:
    code, out, err = invoke(planned, "export", *args)
    assert code == 2
    assert out == ""
    assert fragment in err


def test_export_without_a_plan_says_how_to_make_one(runner: CliRunner) -> None:
    code, _, err = invoke(runner, "export", "--format", "md")
    assert code == 1
    assert "roadmap plan" in err


def test_backup_then_import_into_an_empty_home_gives_the_same_status(
    planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "backup.json"
    code, _, _ = invoke(planned, "progress", "export", str(backup))
    assert code == 0
    _, before, _ = invoke(planned, "status", "--json")

    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "elsewhere"))
    code, _, err = invoke(planned, "progress", "import", str(backup))
    assert code == 0, err
    assert "Imported 7 events and 1 plan" in err
    _, after, _ = invoke(planned, "status", "--json")
    assert json.loads(after) == json.loads(before)

    code, _, err = invoke(planned, "progress", "import", str(backup))  # twice: nothing changes
    assert code == 0
    assert "Imported 0 events and 0 plans" in err
    _, again, _ = invoke(planned, "status", "--json")
    assert json.loads(again) == json.loads(before)


def test_import_merges_with_local_progress(planned: CliRunner, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    invoke(planned, "progress", "export", str(backup))
    invoke(planned, "check", "explain-analyze")
    code, _, err = invoke(planned, "progress", "import", str(backup))
    assert code == 0
    assert "Imported 0 events and 0 plans" in err
    _, out, _ = invoke(planned, "status", "--json")
    assert json.loads(out)["progress"]["done_items"] == len(TICKED) + 3


def test_backup_to_stdout(planned: CliRunner) -> None:
    code, out, _ = invoke(planned, "progress", "export")
    assert code == 0
    doc = json.loads(out)
    assert doc["kind"] == "roadmap-progress"
    assert doc["version"] == 1
    assert len(doc["events"]) == 7
    assert len(doc["plans"]) == 1


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("not json", "not JSON"),
        ('{"kind": "something-else"}', "not a roadmap progress backup"),
        ('{"kind": "roadmap-progress", "version": 99, "plans": [], "events": []}', "newer roadmap"),
        ('{"kind": "roadmap-progress", "version": 1, "plans": [{}], "events": []}', "plans[0]"),
        (
            '{"kind": "roadmap-progress", "version": 1, "plans": [{"created_at": "2027-01-01T00:00:00+00:00",'
            ' "snapshot": {"format": 2, "request": {}}}], "events": []}',
            "plans[0].snapshot.request.months: missing",
        ),
        (
            '{"kind": "roadmap-progress", "version": 1, "plans": [], "events": [{"uid": "a", "item_id": "b",'
            ' "kind": "explode", "value": null, "created_at": "x"}]}',
            "events[0]",
        ),
        (
            '{"kind": "roadmap-progress", "version": 1, "plans": [], "events": [{"uid": "a", "item_id": "b",'
            ' "kind": "tick", "value": null, "created_at": "yesterday"}]}',
            "events[0].created_at: not an ISO 8601 time",
        ),
    ],
)
def test_import_refuses_what_is_not_a_backup(
    planned: CliRunner, tmp_path: Path, content: str, fragment: str
) -> None:
    from roadmap_cli.progress.store import database_path

    before = database_path().read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = invoke(planned, "progress", "import", str(bad))
    assert code == 1
    assert fragment in err
    assert "Traceback" not in err
    assert database_path().read_bytes() == before


def test_import_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = invoke(runner, "progress", "import", str(tmp_path / "nope.json"))
    assert code == 1
    assert "no such file" in err


def test_a_large_import_counts_every_event_and_leaves_the_store_as_strict_as_before(
    planned: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 10,000 new events the import takes its bulk path (index built afresh, the kind checked
    in Python rather than row by row): what it writes must add up as the events do, and afterwards
    the database still refuses a kind it does not know and the garbage collector runs again."""
    import gc
    import sqlite3

    from roadmap_cli.progress.store import database_path

    backup = tmp_path / "backup.json"
    assert invoke(planned, "progress", "export", str(backup))[0] == 0
    doc = json.loads(backup.read_text(encoding="utf-8"))
    stamp = "2027-01-20T10:00:00.000000+00:00"
    kinds = ("tick", "untick", "note", "skip", "unskip")
    doc["events"] += [
        {"uid": f"bulk-{n}", "item_id": "sql-fundamentals", "kind": kinds[n % 5], "created_at": stamp}
        for n in range(12_001)
    ]  # ends on a tick (12,000 is a multiple of 5) and a withdrawn note for each note
    big = tmp_path / "big.json"
    big.write_text(json.dumps(doc), encoding="utf-8")

    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "elsewhere"))
    code, _, err = invoke(planned, "progress", "import", str(big))
    assert code == 0, err
    assert "Imported 12008 events and 1 plan" in err
    assert gc.isenabled()
    _, out, _ = invoke(planned, "show", "sql-fundamentals", "--json")
    shown = json.loads(out)
    assert shown["state"] == "done"

    insert = "INSERT INTO events (uid, item_id, kind, value, created_at) VALUES (?, 'y', ?, NULL, ?)"
    db = sqlite3.connect(database_path())
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(insert, ("new", "explode", stamp))
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            db.execute(insert, ("bulk-7", "tick", stamp))
    finally:
        db.close()


def test_a_refused_import_leaves_the_garbage_collector_running(planned: CliRunner, tmp_path: Path) -> None:
    import gc

    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "roadmap-progress", "version": 1, "plans": [], "events": [1]}', encoding="utf-8")
    code, _, err = invoke(planned, "progress", "import", str(bad))
    assert code == 1
    assert "events[0]: expected an object" in err
    assert gc.isenabled()
