"""`roadmap doctor`: healthy is exit 0; a bad pack 65; a damaged database 1; it never writes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from roadmap_cli.cli import app
from roadmap_cli.doctor import CHECKS, CheckResult, Context, exit_code, run_checks

BAD = Path(__file__).parent / "packs" / "bad"


def doctor(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["doctor", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def checks(runner: CliRunner, *args: str) -> tuple[int, dict[str, dict[str, str]]]:
    code, out, _ = doctor(runner, "--json", *args)
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["healthy"] is (code == 0)
    return code, {c["name"]: c for c in doc["checks"]}


def make_database(path: Path, version: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, item TEXT)")
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def test_a_fresh_install_is_healthy(runner: CliRunner) -> None:
    code, out, err = doctor(runner)
    assert (code, err) == (0, "")
    for name in ("built-in packs", "your packs", "catalog cache", "progress database"):
        assert f"✓ {name}:" in out
    code, found = checks(runner)
    assert code == 0
    assert found["progress database"]["status"] == "ok"
    assert "none yet" in found["progress database"]["detail"]


def test_a_database_is_checked_read_only(runner: CliRunner, roadmap_home: Path) -> None:
    from roadmap_cli.progress.store import LATEST_VERSION

    assert runner.invoke(app, ["plan", "-l", "go", "-H", "12"]).exit_code == 0
    db = roadmap_home / "data" / "progress.sqlite3"
    before = db.read_bytes()
    code, found = checks(runner)
    assert code == 0
    assert found["progress database"]["detail"].endswith(f"intact, schema version {LATEST_VERSION}")
    assert db.read_bytes() == before


def test_a_database_from_a_newer_roadmap_fails_and_is_kept(runner: CliRunner, roadmap_home: Path) -> None:
    db = roadmap_home / "data" / "progress.sqlite3"
    make_database(db, version=99)
    before = db.read_bytes()
    code, found = checks(runner)
    assert code == 1
    assert "newer roadmap" in found["progress database"]["detail"]
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["progress.sqlite3"]


def test_a_file_that_is_not_a_database_fails(runner: CliRunner, roadmap_home: Path) -> None:
    db = roadmap_home / "data" / "progress.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not SQLite" * 100)
    code, out, err = doctor(runner)
    assert code == 1
    assert "✗ progress database:" in out
    assert "cannot be read" in out
    assert "left exactly" in out
    assert "Traceback" not in err


def test_a_damaged_database_fails(runner: CliRunner, roadmap_home: Path) -> None:
    db = roadmap_home / "data" / "progress.sqlite3"
    make_database(db, version=1)
    with sqlite3.connect(db) as conn:
        conn.executemany("INSERT INTO events (item) VALUES (?)", [(f"item-{i}" * 50,) for i in range(2000)])
    conn.close()
    data = bytearray(db.read_bytes())
    page = 4096
    data[page * 2 : page * 2 + 200] = b"\xff" * 200  # scribble over a b-tree page
    db.write_bytes(bytes(data))
    code, found = checks(runner)
    assert code == 1
    assert found["progress database"]["status"] == "fail"


def test_a_bad_user_pack_is_exit_65_and_named(runner: CliRunner, roadmap_home: Path) -> None:
    folder = roadmap_home / "config" / "packs"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_bytes((BAD / "yaml11-octal.yaml").read_bytes())
    code, found = checks(runner)
    assert code == 65
    assert found["your packs"]["status"] == "fail"
    assert f"{folder / 'mine.yaml'}:5:12:" in found["your packs"]["detail"]
    assert found["built-in packs"]["status"] == "ok"


def test_pack_files_are_checked_too(runner: CliRunner) -> None:
    code, found = checks(runner, "--pack", str(BAD / "unknown-phase.yaml"))
    assert code == 65
    assert "unknown phase 'basics'" in found["your packs"]["detail"]


def test_a_stale_or_broken_cache_is_reported_not_fatal(runner: CliRunner, roadmap_home: Path) -> None:
    assert runner.invoke(app, ["plan", "-l", "go", "-H", "10"]).exit_code == 0  # builds the cache
    _, found = checks(runner)
    assert found["catalog cache"]["detail"].endswith("is up to date")
    cache = roadmap_home / "cache" / "catalog.json"
    cache.write_text("{not json", encoding="utf-8")
    code, found = checks(runner)
    assert code == 0
    assert found["catalog cache"]["status"] == "warn"


def test_one_more_check_plugs_in() -> None:
    def check_ticks(ctx: Context) -> CheckResult:
        assert ctx.catalog is not None  # loaded by the pack check before it
        return CheckResult("ticks", "warn", f"{len(ctx.catalog.items)} items known")

    results = run_checks(Context(), [*CHECKS, check_ticks])
    assert results[-1].name == "ticks"
    assert exit_code(results) == 0


def test_doctor_help_has_an_example(runner: CliRunner) -> None:
    code, out, _ = doctor(runner, "--help")
    assert code == 0
    assert "Example:  roadmap doctor" in out


def test_progress_on_removed_items_is_reported_and_kept(
    runner: CliRunner, roadmap_home: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "sources:\n  - {id: team-notes, title: Notes, publisher: Us, as_of: '2026-11'}\n"
        "milestones:\n  - id: team-onboarding\n    phase: foundations\n    title: Read the team handbook\n"
        "    hours: 4\n    sources: [team-notes]\n",
        encoding="utf-8",
    )
    for args in (["plan", "-l", "go", "-H", "12", "--pack", str(extra)], ["check", "team-onboarding"]):
        assert runner.invoke(app, args).exit_code == 0
    code, found = checks(runner)
    assert code == 0
    assert found["progress on removed items"]["status"] == "ok"  # the active plan has it
    # a new plan without that pack: neither the plan nor the content has the item now
    assert runner.invoke(app, ["plan", "-l", "go", "-H", "12"]).exit_code == 0
    code, found = checks(runner)
    assert code == 0
    orphans = found["progress on removed items"]
    assert orphans["status"] == "warn"
    assert "team-onboarding" in orphans["detail"]
    code, found = checks(runner, "--pack", str(extra))
    assert found["progress on removed items"]["status"] == "ok"
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=True) as store:
        assert "team-onboarding" in store.state().ticked  # reported, never dropped
