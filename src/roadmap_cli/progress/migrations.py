"""The progress database's migrations: ordered, named, each run in one transaction with its record
in ``migrations`` and the new ``PRAGMA user_version``. A migration is never edited once shipped; a
change to the schema is a new one at the end. :mod:`roadmap_cli.progress.store` runs them when it
opens a database to write, and refuses one from a newer version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from roadmap_cli.progress.models import ItemRecord
from roadmap_cli.record import Record

#: The store's way to work the kept state out afresh from the events (``store._rebuild``).
Rebuild = Callable[[sqlite3.Connection], object]


class Migration(Record):
    version: int
    name: str
    statements: tuple[str, ...]
    #: Work in Python, in the same transaction; handed the store's way to work out the state afresh.
    then: Callable[[sqlite3.Connection, Rebuild], object] | None = None


_KINDS_V1 = "'tick', 'untick', 'skip', 'unskip', 'note', 'evidence'"  # as migration 1 made them
_KINDS_V3 = _KINDS_V1 + ", 'log', 'unlog'"  # as migration 3 made them
#: As migration 6 made them: spelt out, so that a kind added later cannot change what it did.
_KINDS_V6 = (
    "'tick', 'untick', 'skip', 'unskip', 'note', 'evidence', 'log', 'unlog', "
    "'review', 'unreview', 'assess', 'unassess'"
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "create plans and events",
        (
            """CREATE TABLE migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )""",
            """CREATE TABLE plans (
                id INTEGER PRIMARY KEY,
                created_at TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
                lang TEXT NOT NULL,
                framework TEXT,
                hours REAL NOT NULL,
                start TEXT NOT NULL,
                months_low INTEGER NOT NULL,
                months_high INTEGER NOT NULL,
                core_only INTEGER NOT NULL,
                packs TEXT NOT NULL DEFAULT '[]',
                snapshot TEXT NOT NULL
            )""",
            "CREATE UNIQUE INDEX plans_one_active ON plans (active) WHERE active = 1",
            f"""CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                uid TEXT NOT NULL UNIQUE,
                item_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ({_KINDS_V1})),
                value TEXT,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX events_item ON events (item_id)",
            """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
            """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
        ),
    ),
    Migration(
        2,
        "plans keep only the saved plan: the request lives in it",
        (
            """CREATE TABLE plans_v2 (
                id INTEGER PRIMARY KEY,
                created_at TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
                snapshot TEXT NOT NULL
            )""",
            "INSERT INTO plans_v2 (id, created_at, active, snapshot) "
            "SELECT id, created_at, active, snapshot FROM plans",
            "DROP TABLE plans",
            "ALTER TABLE plans_v2 RENAME TO plans",
            "CREATE UNIQUE INDEX plans_one_active ON plans (active) WHERE active = 1",
        ),
    ),
    Migration(
        3,
        "events may record study time (log, unlog)",
        (
            f"""CREATE TABLE events_v3 (
                id INTEGER PRIMARY KEY,
                uid TEXT NOT NULL,
                item_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ({_KINDS_V3})),
                value TEXT,
                created_at TEXT NOT NULL
            )""",
            "INSERT INTO events_v3 (id, uid, item_id, kind, value, created_at) "
            "SELECT id, uid, item_id, kind, value, created_at FROM events",
            "DROP TABLE events",
            "ALTER TABLE events_v3 RENAME TO events",
            # a named index rather than a column constraint, so a large import can build it afresh
            "CREATE UNIQUE INDEX events_uid ON events (uid)",
            "CREATE INDEX events_item ON events (item_id)",
            """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
            """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
        ),
    ),
    Migration(
        4,
        "the current state of every item, kept as events are written",
        (
            "CREATE TABLE item_state (item_id TEXT PRIMARY KEY, record TEXT NOT NULL)",
            "CREATE TABLE state_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            # nothing reads the events of one item any more: the index only slowed every write
            "DROP INDEX IF EXISTS events_item",
        ),
        # The state is worked out by migration 5, which comes next, in the layout it has now.
    ),
    Migration(
        5,
        "each item's notes kept apart, so what reads the state without them does not read them",
        (
            "ALTER TABLE item_state ADD COLUMN notes TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE item_state ADD COLUMN note_count INTEGER NOT NULL DEFAULT 0",
        ),
        then=lambda db, rebuild: _notes_apart(db, rebuild),
    ),
    Migration(
        6,
        "events may record reviews and self-assessments (review, unreview, assess, unassess)",
        (
            f"""CREATE TABLE events_v6 (
                id INTEGER PRIMARY KEY,
                uid TEXT NOT NULL,
                item_id TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ({_KINDS_V6})),
                value TEXT,
                created_at TEXT NOT NULL
            )""",
            "INSERT INTO events_v6 (id, uid, item_id, kind, value, created_at) "
            "SELECT id, uid, item_id, kind, value, created_at FROM events",
            "DROP TABLE events",
            "ALTER TABLE events_v6 RENAME TO events",
            "CREATE UNIQUE INDEX events_uid ON events (uid)",
            """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
            """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
        ),
    ),
    Migration(
        7,
        "events and plans can travel: each has the device that wrote it and a Lamport counter",
        (
            "ALTER TABLE events ADD COLUMN device TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE events ADD COLUMN lamport INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE plans ADD COLUMN uid TEXT",
            "ALTER TABLE plans ADD COLUMN device TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE plans ADD COLUMN lamport INTEGER NOT NULL DEFAULT 0",
            # this device's id, and what sync keeps (the remote, how far each file was read)
            "CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            # `roadmap plans use`: an earlier plan chosen again, on any device, travels as this
            """CREATE TABLE plan_uses (
                uid TEXT PRIMARY KEY,
                plan_uid TEXT NOT NULL,
                created_at TEXT NOT NULL,
                device TEXT NOT NULL,
                lamport INTEGER NOT NULL
            )""",
        ),
        then=lambda db, rebuild: _travel(db),
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version


def _notes_apart(db: sqlite3.Connection, rebuild: Rebuild) -> None:
    """Migration 5: each record's notes out of it, into the notes column, with their count; or,
    coming from before the state was kept (schema 3 and older), the state worked out afresh."""
    if db.execute("SELECT 1 FROM state_meta WHERE key = 'applied'").fetchone() is None:
        rebuild(db)
        return
    moved = []
    for item_id, text in db.execute("SELECT item_id, record FROM item_state").fetchall():
        record = ItemRecord.from_json(item_id, text)
        moved.append((record.to_json(), record.notes_json(), len(record.notes), item_id))
    db.executemany("UPDATE item_state SET record = ?, notes = ?, note_count = ? WHERE item_id = ?", moved)


#: The order every device folds the history in: the Lamport counter, then the device, then the id.
#: It does not depend on clocks agreeing, and it is the order of this device's writes.
TOTAL_ORDER = "lamport, device, uid"
_NO_UPDATE = """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
               BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"""


def _travel(db: sqlite3.Connection) -> None:
    """Migration 7: this device gets its id, and what is here already gets this device and
    counters in the order it was written; the active plan's counter comes after every other plan's,
    so that it stays the active one (the last plan made, in the total order)."""
    from uuid import uuid4

    device = uuid4().hex[:16]  # 64 random bits tell a person's devices apart; kept in every event
    db.execute("INSERT INTO sync_meta (key, value) VALUES ('device', ?)", (device,))
    db.execute("DROP TRIGGER events_no_update")  # once, to give the history its device and counters
    db.execute("UPDATE events SET device = ?, lamport = id", (device,))
    db.execute(_NO_UPDATE)
    last: int = db.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
    plans = [plan_id for (plan_id,) in db.execute("SELECT id FROM plans ORDER BY active, id")]
    db.executemany(
        "UPDATE plans SET uid = ?, device = ?, lamport = ? WHERE id = ?",
        [(uuid4().hex, device, last + n, plan_id) for n, plan_id in enumerate(plans, 1)],
    )
    # The counter alone: the total order reads by it (ties, between devices, are few and sorted in
    # passing) and the next counter is its maximum; device and uid in it would double the file.
    db.execute("CREATE INDEX events_lamport ON events (lamport)")
    db.execute("CREATE UNIQUE INDEX plans_uid ON plans (uid)")


def migrate(
    db: sqlite3.Connection, migrations: Sequence[Migration], *, now: Callable[[], str], rebuild: Rebuild
) -> None:
    """Run each of ``migrations`` the database has not had, in order, each in one transaction with
    its record and its version; ``now`` stamps the record."""
    for migration in migrations:
        db.execute("BEGIN IMMEDIATE")
        try:
            # Read inside the lock: another process may have migrated while this one waited.
            current: int = db.execute("PRAGMA user_version").fetchone()[0]
            if current >= migration.version:
                db.execute("ROLLBACK")
                continue
            for statement in migration.statements:
                db.execute(statement)
            if migration.then is not None:
                migration.then(db, rebuild)
            db.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, now()),
            )
            db.execute(f"PRAGMA user_version = {migration.version}")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
