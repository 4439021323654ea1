"""The progress file is never lost: damaged, newer, read-only or missing, it is reported and left alone."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import roadmap_cli
from roadmap_cli.cli import app
from roadmap_cli.progress import store as store_module
from roadmap_cli.progress.models import Event
from roadmap_cli.progress.store import LATEST_VERSION, MIGRATIONS, open_store

START = "2027-01-04"
PLAN = ["plan", "--lang", "python", "--hours", "12", "--start", START]
# A read, a write and a plan: each must refuse the file the same way.
COMMANDS = [
    ["status"],
    ["next", "--json"],
    ["check", "sql-fundamentals"],
    ["note", "joins-and-indexes", "x"],
    PLAN,
]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def db_path(home: Path) -> Path:
    return home / "data" / "progress.sqlite3"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[Path]:
    """Companion files holding anything: SQLite may leave an empty -wal and its index after a read."""
    found = [p for p in path.parent.iterdir() if p != path and p.name.startswith(path.name)]
    return [p for p in found if not p.name.endswith("-shm") and p.stat().st_size > 0]


@pytest.fixture
def with_progress(runner: CliRunner, roadmap_home: Path) -> Path:
    """A database with a plan, two ticks and a note; returns its path."""
    assert run(runner, *PLAN)[0] == 0
    assert run(runner, "check", "learn-language-core", "crud-cli-tool")[0] == 0
    assert run(runner, "note", "crud-cli-tool", "done with argparse")[0] == 0
    return db_path(roadmap_home)


def assert_refused(runner: CliRunner, path: Path, *phrases: str) -> None:
    before = digest(path)
    for args in COMMANDS:
        code, out, err = run(runner, *args)
        assert code == 1, (args, err)
        assert out == ""
        assert "Traceback" not in err
        for phrase in phrases:
            assert phrase in err, (args, err)
        assert str(path) in err
        assert digest(path) == before, f"`roadmap {' '.join(args)}` changed the file"
        assert not side_files(path), f"`roadmap {' '.join(args)}` left {side_files(path)}"


# -- the schema -------------------------------------------------------------------------------------


def test_a_new_database_is_at_the_latest_version_with_named_migrations(with_progress: Path) -> None:
    db = sqlite3.connect(with_progress)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        names = db.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
        assert names == [(m.version, m.name) for m in MIGRATIONS]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def test_events_are_append_only(with_progress: Path) -> None:
    db = sqlite3.connect(with_progress)
    try:
        for statement in ("UPDATE events SET kind = 'untick'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)
    finally:
        db.close()


def test_events_carry_utc_times_and_merge_without_duplicates(with_progress: Path) -> None:
    with open_store(readonly=False) as store:
        events = store.events()
        assert [e.kind for e in events] == ["tick", "tick", "note"]
        assert all(e.created_at.endswith("+00:00") for e in events)
        assert len({e.uid for e in events}) == 3
        foreign = Event("f" * 32, "sql-fundamentals", "skip", None, "2027-01-02T10:00:00.000000+00:00")
        assert store.import_backup([], [*events, foreign]) == (0, 1)
        assert store.import_backup([], [foreign]) == (0, 0)
        assert store.state().get("sql-fundamentals").skipped


def test_a_migration_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    latest = MIGRATIONS[-1].version
    broken = store_module.Migration(
        latest + 1, "add a broken table", ("CREATE TABLE extra (x)", "CREATE TABLE extra (y)")
    )
    path = tmp_path / "p.sqlite3"
    open_store(readonly=False, create=True, path=path).close()
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(store_module, "LATEST_VERSION", latest + 1)
    with pytest.raises(roadmap_cli.errors.RoadmapError) as raised:
        open_store(readonly=False, path=path)
    # the statement that failed is named, not anything that went wrong while undoing it
    assert (
        raised.value.message == f"the progress database {path} could not be used: table extra already exists"
    )
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == latest
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "extra" not in tables
    finally:
        db.close()


# -- files that must be left alone -------------------------------------------------------------------


def test_a_newer_schema_is_refused_and_left_as_it_is(runner: CliRunner, with_progress: Path) -> None:
    db = sqlite3.connect(with_progress)
    db.execute("PRAGMA user_version = 99")
    db.close()
    assert_refused(runner, with_progress, "newer roadmap", "schema version 99", "left exactly as it is")


@pytest.mark.parametrize("keep", [0.5, 0.25])
def test_a_truncated_database_is_refused_and_left_as_it_is(
    runner: CliRunner, with_progress: Path, keep: float
) -> None:
    data = with_progress.read_bytes()
    with_progress.write_bytes(data[: int(len(data) * keep)])
    assert_refused(runner, with_progress, "cannot be read", "left exactly as it is")


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 100, b"SQLite format 3\x00" + bytes(range(256)) * 20, b"\x00" * 50],
)
def test_a_corrupted_file_is_refused_and_left_as_it_is(
    runner: CliRunner, roadmap_home: Path, content: bytes
) -> None:
    path = db_path(roadmap_home)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    assert_refused(runner, path, "cannot be read", "move it aside")


def test_a_corrupted_page_is_refused_before_any_write(runner: CliRunner, with_progress: Path) -> None:
    data = bytearray(with_progress.read_bytes())
    page = 4096
    data[2 * page : 3 * page] = b"\xff" * page  # scribble over a b-tree page
    with_progress.write_bytes(bytes(data))
    before = digest(with_progress)
    code, _, err = run(runner, "check", "sql-fundamentals")
    assert code == 1
    assert "cannot be read" in err
    assert digest(with_progress) == before


def test_another_sqlite_file_is_not_taken_over(runner: CliRunner, roadmap_home: Path) -> None:
    path = db_path(roadmap_home)
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE mine (x)")
    db.execute("INSERT INTO mine VALUES (1)")
    db.commit()
    db.close()
    assert_refused(runner, path, "not a roadmap progress database")


def test_a_missing_data_directory(runner: CliRunner, roadmap_home: Path) -> None:
    assert not roadmap_home.exists()
    for args in (["status"], ["next"], ["check", "x"]):
        code, _, err = run(runner, *args)
        assert code == 1
        assert "no plan yet" in err
    assert not roadmap_home.exists()
    assert run(runner, *PLAN)[0] == 0  # making a plan makes the folder
    assert db_path(roadmap_home).is_file()


def test_a_data_directory_that_cannot_be_made(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ROADMAP_HOME", str(blocker))
    code, out, err = run(runner, *PLAN)
    assert code == 1
    assert out == ""
    assert "ROADMAP_HOME=" in err
    assert "is not a folder" in err
    assert "Traceback" not in err
    # The home is a folder, but its data folder cannot be made there.
    home = tmp_path / "home"
    home.mkdir()
    (home / "data").write_text("not a folder")
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    code, out, err = run(runner, *PLAN)
    assert code == 1
    assert "cannot make the progress database" in err
    assert (home / "data").read_text() == "not a folder"


# -- a read-only data directory -------------------------------------------------------------------------

NOBODY = 65534


def _child_env(home: Path) -> dict[str, str]:
    here = Path(roadmap_cli.__file__).resolve().parent.parent
    extra = [str(here), *(p for p in sys.path if "site-packages" in p)]
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "ROADMAP_HOME": str(home),
        "ROADMAP_TODAY": "2027-02-10",
        "NO_COLOR": "1",
        "PYTHONPATH": os.pathsep.join(extra),
        "HOME": str(home),
    }


def _runner_for_other_user(home: Path) -> list[str] | None:
    """A Python a user without write permission can run, or None (then the test is skipped).

    As root, permissions do not bind, so the commands run as ``nobody``; otherwise as ourselves.
    """
    if os.geteuid() != 0:
        return [sys.executable]
    for python in dict.fromkeys([sys.executable, "/usr/bin/python3", "/usr/local/bin/python3"]):
        try:
            probe = subprocess.run(
                [python, "-c", "import sqlite3, roadmap_cli.cli; roadmap_cli.cli.build_app()"],
                env=_child_env(home),
                user=NOBODY,
                capture_output=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return [python]
    return None


@pytest.fixture
def readonly_home(runner: CliRunner) -> Iterator[Path]:
    home = Path(tempfile.mkdtemp(prefix="roadmap-ro-"))
    home.chmod(0o755)
    env = {"ROADMAP_HOME": str(home)}
    assert runner.invoke(app, PLAN, env=env).exit_code == 0
    assert runner.invoke(app, ["check", "learn-language-core"], env=env).exit_code == 0
    for folder, _, files in os.walk(home):
        Path(folder).chmod(0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)
    db_path(home).chmod(0o444)
    db_path(home).parent.chmod(0o555)
    try:
        yield home
    finally:
        db_path(home).parent.chmod(0o755)
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_data_directory(readonly_home: Path) -> None:
    python = _runner_for_other_user(readonly_home)
    if python is None:
        pytest.skip("no Python that an unprivileged user can run")
    path = db_path(readonly_home)
    before = digest(path)
    user = NOBODY if os.geteuid() == 0 else None

    def roadmap(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*python, "-m", "roadmap_cli", *args],
            env=_child_env(readonly_home),
            capture_output=True,
            text=True,
            timeout=120,
            user=user,
        )

    for args in (["check", "sql-fundamentals"], ["skip", "sql-fundamentals"], PLAN):
        done = roadmap(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert "cannot write the progress database" in done.stderr, done.stderr
        assert digest(path) == before
    # reading still works, and changes nothing
    done = roadmap("status", "--json")
    assert done.returncode == 0, done.stderr
    assert '"done_items": 1' in done.stdout
    assert digest(path) == before
    assert not side_files(path)
