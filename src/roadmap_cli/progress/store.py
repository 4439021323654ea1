"""The progress store: one SQLite file holding the saved plans and an append-only history of events.

Rules this module keeps:

* The schema version lives in ``PRAGMA user_version``. Migrations are ordered and named
  (:mod:`roadmap_cli.progress.migrations`); each runs in one transaction together with its version
  bump. A file from a newer version is refused and left exactly as it is.
* Read commands open the file read-only (``mode=ro``) and never create it. (On a WAL database
  SQLite may leave an empty ``-wal`` file and its ``-shm`` index beside it; they hold no data and
  the next write removes them.)
* Writes take the write lock up front (``BEGIN IMMEDIATE``) and wait up to ``BUSY_TIMEOUT`` seconds
  for another process; the journal is WAL so readers never wait for a writer.
* Before writing, the file is checked (``PRAGMA quick_check``): a damaged file is reported, never
  written to and never reset.
* ``events`` is append-only (triggers refuse UPDATE and DELETE); the current state of every item is
  derived by replaying it. Each event has a UUID, so an exported history merges back without
  duplicates.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from roadmap_cli import paths
from roadmap_cli.errors import RoadmapError
from roadmap_cli.progress.dbfile import BUSY_TIMEOUT as BUSY_TIMEOUT
from roadmap_cli.progress.dbfile import check_header, create_private, damaged, exists, translated
from roadmap_cli.progress.migrations import LATEST_VERSION as LATEST_VERSION
from roadmap_cli.progress.migrations import MIGRATIONS as MIGRATIONS
from roadmap_cli.progress.migrations import TOTAL_ORDER, migrate
from roadmap_cli.progress.migrations import Migration as Migration
from roadmap_cli.progress.models import EVENT_KINDS, Event, EventKind, ItemRecord, ProgressState
from roadmap_cli.progress.saved import SavedPlan, SavedPlanError, dumps, loads
from roadmap_cli.record import Record

if TYPE_CHECKING:  # sync's lines: only `roadmap sync` reads or writes them
    from roadmap_cli.progress.travel import Travelling

DATABASE_NAME = "progress.sqlite3"
MAKE_A_PLAN = "make one with `roadmap plan --lang python --hours 12` (your stack and your hours)"


def database_path() -> Path:
    return paths.data_dir() / DATABASE_NAME


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


# -- migrations: roadmap_cli.progress.migrations (their names stay importable from here) ----------


# -- errors ---------------------------------------------------------------------------------------


class NoPlanError(RoadmapError):
    """There is no database yet, or no active plan in it."""

    def __init__(self) -> None:
        super().__init__("you have no plan yet", hint=MAKE_A_PLAN)


# -- the store ------------------------------------------------------------------------------------


class StoredPlan(Record):
    """A row of ``plans``: the saved plan's stored text, read into a :class:`SavedPlan` on demand."""

    id: int
    created_at: str
    active: bool
    text: str

    def plan(self) -> SavedPlan:
        """The saved plan; a :class:`SavedPlanError` naming this plan if it cannot be read."""
        which = "your active plan" if self.active else f"saved plan {self.id}"
        return loads(self.text, f"{which} (made {self.created_at[:10]})")


class Store:
    """An open progress database. Use ``open_store()``; close it (or use ``with``) when done."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self._db = connection
        self.path = path
        self.readonly = readonly

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def schema_version(self) -> int:
        with translated(self.path):
            value: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return value

    def integrity(self) -> list[str]:
        """What SQLite's full integrity check finds wrong; empty when the file is sound."""
        with translated(self.path):
            found = [str(r[0]) for r in self._db.execute("PRAGMA integrity_check").fetchall()]
        return [] if found == ["ok"] else found

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise RuntimeError("this store was opened read-only")
        with translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        from roadmap_cli.guard import note_saved

        note_saved()  # output that fails from here on does not undo, or fail, the change

    # plans

    def active_plan(self) -> StoredPlan | None:
        with translated(self.path):
            row = self._db.execute(
                "SELECT id, created_at, active, snapshot FROM plans WHERE active = 1"
            ).fetchone()
        return _stored(row) if row else None

    def require_plan(self) -> SavedPlan:
        """The active plan, read; ``NoPlanError`` without one, ``SavedPlanError`` if it is damaged."""
        stored = self.active_plan()
        if stored is None:
            raise NoPlanError()
        return stored.plan()

    def plans(self) -> list[StoredPlan]:
        """Every plan ever saved, oldest first (in the total order: the same on every device that
        syncs); the last made is the active one."""
        order = TOTAL_ORDER if _travels(self._db) else "id"
        with translated(self.path):
            rows = self._db.execute(
                f"SELECT id, created_at, active, snapshot FROM plans ORDER BY {order}"
            ).fetchall()
        return [_stored(r) for r in rows]

    def activate(self, plan_id: int) -> None:
        """Make a saved plan the active one again: a choice that travels, like a plan made."""
        from uuid import uuid4

        with self._write() as db:
            db.execute("UPDATE plans SET active = 0 WHERE active = 1")
            db.execute("UPDATE plans SET active = 1 WHERE id = ?", (plan_id,))
            db.execute(
                "INSERT INTO plan_uses (uid, plan_uid, created_at, device, lamport) "
                "SELECT ?, uid, ?, ?, ? FROM plans WHERE id = ?",
                (uuid4().hex, utc_now(), _device(db), _last_counter(db) + 1, plan_id),
            )

    def save_plan(self, plan: SavedPlan, *, at: datetime | None = None) -> int:
        """Save a plan as the active one, made ``at`` (default: now); the plans before it are kept
        as history."""
        made = utc_now() if at is None else at.astimezone(timezone.utc).isoformat(timespec="microseconds")
        with self._write() as db:
            db.execute("UPDATE plans SET active = 0 WHERE active = 1")
            return _insert_plan(db, made, plan, active=True)

    # events

    def events(self) -> list[Event]:
        """The history in its total order: by Lamport counter, device and id, the same on every
        device that syncs, and the order this device wrote its own events (not by clock time: a
        clock set back must not reorder a tick and its untick). Each event's ``row`` is its place in
        that order."""
        with translated(self.path):
            return _events(self._db)

    def state(self, *, notes: bool = True) -> ProgressState:
        """The current state of every item, as kept while events are written: its cost does not grow
        with the history. Events found in the history but not yet counted (written by something
        other than roadmap) are counted in ``unapplied``; ``roadmap doctor --repair`` counts them.
        With ``notes=False`` the notes are counted, not read (``ItemRecord.unread_notes``)."""
        with translated(self.path):
            return _kept_state(self._db, notes=notes)

    def replay(self) -> ProgressState:
        """The state worked out afresh from the whole history: what ``state()`` must agree with."""
        return ProgressState.replay(self.events())

    def rebuild(self) -> ProgressState:
        """Work the kept state out afresh from the history (``roadmap doctor --repair``)."""
        with self._write() as db:
            return _rebuild(db)

    def record(
        self,
        entries: Iterable[tuple[str, EventKind, str | None]],
        *,
        at: datetime | None = None,
        keep: Callable[[ProgressState, str, EventKind, str | None], bool] | None = None,
    ) -> list[Event]:
        """Append events in one transaction and return those written.

        ``keep(state, item_id, kind, value)`` is asked, with the state as it is inside the
        transaction, whether each entry is worth writing (e.g. not a tick of a ticked item).
        """
        from uuid import uuid4  # here: importing uuid imports platform, which reads need not pay for

        stamp = (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="microseconds")
        written: list[Event] = []
        with self._write() as db:
            state = _kept_state(db)
            if state.unapplied:
                state = _rebuild(db)
            device, counter = _device(db), _last_counter(db)
            for item_id, kind, value in entries:
                if kind not in EVENT_KINDS:
                    raise ValueError(f"unknown event kind {kind!r}")
                _refuse_undecodable(kind, value)
                if keep is not None and not keep(state, item_id, kind, value):
                    continue
                uid = uuid4().hex
                counter += 1
                cursor = db.execute(
                    "INSERT INTO events (uid, item_id, kind, value, created_at, device, lamport) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (uid, item_id, kind, value, stamp, device, counter),
                )
                event = Event(uid, item_id, kind, value, stamp, cursor.lastrowid or 0)
                state.apply(event)
                written.append(event)
            _keep(db, state, {e.item_id for e in written})
        return written

    def import_backup(
        self, plans: Sequence[tuple[str, SavedPlan]], events: Iterable[Event]
    ) -> tuple[int, int]:
        """Merge a backup in one transaction: plans (when made, the plan) not here yet join the
        history, events are added by uid, and the newest plan becomes the active one. Returns (plans
        added, events added); a second import of the same backup adds nothing. The events must have
        been checked (``progress.backup.read_backup`` does): they are counted as they are."""
        added_plans = 0
        with self._write() as db:
            here = {
                (created_at, _identity(text))
                for created_at, text in db.execute("SELECT created_at, snapshot FROM plans")
            }
            for created_at, plan in sorted(plans, key=lambda p: p[0]):
                key = (created_at, dumps(plan))
                if key in here:
                    continue
                _insert_plan(db, created_at, plan, active=False)
                here.add(key)
                added_plans += 1
            if added_plans:
                db.execute("UPDATE plans SET active = 0 WHERE active = 1")
                db.execute(
                    "UPDATE plans SET active = 1 WHERE id = "
                    "(SELECT id FROM plans ORDER BY created_at DESC, id DESC LIMIT 1)"
                )
            state = _kept_state(db)
            if state.unapplied:
                state = _rebuild(db)
            new = _insert_events(db, events)
            for event in new:
                state.apply(event)  # checked whole by read_backup before anything was written
            _keep(db, state, {e.item_id for e in new})
        return added_plans, len(new)

    # sync: what travels between devices (roadmap_cli.progress.travel, roadmap_cli.sync)

    def device(self) -> str:
        """This device's id ("" in a database from before events had one, read as it is)."""
        with translated(self.path):
            return _device(self._db) if _travels(self._db) else ""

    def sync_meta(self) -> dict[str, str]:
        """What sync keeps here: the device, the remote, the last sync, how far each file was read."""
        with translated(self.path):
            if not _travels(self._db):
                return {}
            return {str(k): str(v) for k, v in self._db.execute("SELECT key, value FROM sync_meta")}

    def devices(self) -> list[tuple[str, int, str | None]]:
        """(device, events, time of its latest event or plan by its own clock) of each device with
        events or plans here."""
        with translated(self.path):
            if not _travels(self._db):
                return []
            rows = self._db.execute(
                "SELECT device, sum(event), max(created_at) FROM ("
                "SELECT device, 1 AS event, created_at FROM events "
                "UNION ALL SELECT device, 0, created_at FROM plans) GROUP BY device ORDER BY device"
            ).fetchall()
        return [(str(d), int(n), last) for d, n, last in rows]

    def outgoing(self, after: int) -> list[Travelling]:
        """The events, plans and plans chosen again written here (by this device, or by it under an
        id it had before) with a counter above ``after``, in counter order."""
        from roadmap_cli.progress.travel import PLAN, USE, Travelling

        with translated(self.path):
            meta = dict(self._db.execute("SELECT key, value FROM sync_meta"))
            mine = [meta.get("device", ""), *str(meta.get("former", "")).split()]
            which = f"device IN ({', '.join('?' * len(mine))}) AND lamport > ?"
            events = [
                Travelling(uid, device, lamport, kind, created_at, item_id, value)
                for uid, device, lamport, kind, created_at, item_id, value in self._db.execute(
                    f"SELECT uid, device, lamport, kind, created_at, item_id, value FROM events "
                    f"WHERE {which}",
                    (*mine, after),
                )
            ]
            plans = [
                Travelling(uid, device, lamport, PLAN, created_at, snapshot=snapshot)
                for uid, device, lamport, created_at, snapshot in self._db.execute(
                    f"SELECT uid, device, lamport, created_at, snapshot FROM plans WHERE {which}",
                    (*mine, after),
                )
            ]
            uses = [
                Travelling(uid, device, lamport, USE, created_at, value=plan_uid)
                for uid, device, lamport, created_at, plan_uid in self._db.execute(
                    f"SELECT uid, device, lamport, created_at, plan_uid FROM plan_uses WHERE {which}",
                    (*mine, after),
                )
            ]
        return sorted(events + plans + uses, key=lambda t: t.lamport)

    def missing(self, uids: Iterable[str]) -> set[str]:
        """The ids among ``uids`` of no event, plan or choice of a plan here."""
        with translated(self.path):
            return {
                uid
                for uid in uids
                if not any(
                    self._db.execute(f"SELECT 1 FROM {table} WHERE uid = ?", (uid,)).fetchone()
                    for table in ("events", "plans", "plan_uses")
                )
            }

    def new_device(self) -> str:
        """Go on under a new device id (another machine writes as this one: a copied database); the
        old one is kept as a former id, so what was written under it still goes out."""
        from uuid import uuid4

        with self._write() as db:
            meta = dict(db.execute("SELECT key, value FROM sync_meta"))
            device = uuid4().hex[:16]
            former = " ".join([*str(meta.get("former", "")).split(), str(meta.get("device", ""))])
            db.executemany(
                "INSERT INTO sync_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [("device", device), ("former", former.strip())],
            )
        return device

    def merge_travelled(
        self, travelled: Iterable[Travelling], meta: dict[str, str]
    ) -> tuple[int, int, set[str]]:
        """Add, in one transaction, the events and plans from other devices not here yet (by id),
        with what sync keeps (``meta``). The active plan becomes the last made in the total order.
        Events that all come after those here are counted into the kept state as ``record`` counts
        its own; any that falls before one here has the state worked out afresh, in that order.
        Returns (events added, plans added, the devices they came from)."""
        from roadmap_cli.progress.travel import PLAN, USE

        added_events = added_plans = 0
        devices: set[str] = set()
        with self._write() as db:
            chosen = False
            fresh: dict[str, Travelling] = {}
            for t in travelled:
                if t.kind == USE:
                    if db.execute("SELECT 1 FROM plan_uses WHERE uid = ?", (t.uid,)).fetchone():
                        continue
                    db.execute(
                        "INSERT INTO plan_uses (uid, plan_uid, created_at, device, lamport) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (t.uid, t.value, t.created_at, t.device, t.lamport),
                    )
                    added_events += 1
                    devices.add(t.device)
                    chosen = True
                    continue
                if t.kind == PLAN:
                    if db.execute("SELECT 1 FROM plans WHERE uid = ?", (t.uid,)).fetchone():
                        continue
                    db.execute(
                        "INSERT INTO plans (created_at, active, snapshot, uid, device, lamport) "
                        "VALUES (?, 0, ?, ?, ?, ?)",
                        (t.created_at, t.snapshot, t.uid, t.device, t.lamport),
                    )
                    added_plans += 1
                    devices.add(t.device)
                    continue
                if t.kind not in EVENT_KINDS:
                    raise ValueError(f"unknown event kind {t.kind!r}")
                if (
                    t.uid not in fresh
                    and not db.execute("SELECT 1 FROM events WHERE uid = ?", (t.uid,)).fetchone()
                ):
                    fresh[t.uid] = t
            if fresh:
                _merge_events(db, sorted(fresh.values(), key=lambda t: (t.lamport, t.device, t.uid)))
                added_events += len(fresh)
                devices.update(t.device for t in fresh.values())
            if added_plans or chosen:
                _choose_active(db)
            db.executemany(
                "INSERT INTO sync_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                sorted(meta.items()),
            )
        return added_events, added_plans, devices


_DESCENDING = ", ".join(f"{column} DESC" for column in TOTAL_ORDER.split(", "))


def _merge_events(db: sqlite3.Connection, new: list[Travelling]) -> None:
    """Insert events from other devices, sorted in the total order, and count them into the kept
    state. Each new row's id is its place in the total order when they all come after the events
    here (the ids have no gaps): then they are counted on, one by one; else the state is worked
    out afresh."""
    last = db.execute(f"SELECT lamport, device, uid FROM events ORDER BY {_DESCENDING} LIMIT 1").fetchone()
    state = (
        _kept_state(db) if last is None or (new[0].lamport, new[0].device, new[0].uid) > tuple(last) else None
    )
    row = _last_event(db)
    events = [
        Event(t.uid, t.item_id, cast(EventKind, t.kind), t.value, t.created_at, row + n)
        for n, t in enumerate(new, 1)
    ]
    db.executemany(
        "INSERT INTO events (id, uid, item_id, kind, value, created_at, device, lamport) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (e.row, e.uid, e.item_id, e.kind, e.value, e.created_at, t.device, t.lamport)
            for e, t in zip(events, new, strict=True)
        ),
    )
    if state is None or state.unapplied:
        _rebuild(db)
        return
    for event in events:
        state.replay_one(event)  # checked as a backup's are (progress.travel), before it got here
    _keep(db, state, {e.item_id for e in events})


def _choose_active(db: sqlite3.Connection) -> None:
    """The active plan: the last plan made or chosen again (``plans use``) in the total order, on any
    device; a choice of a plan not here (yet) leaves the last one made."""
    made = db.execute(
        f"SELECT lamport, device, uid, uid FROM plans ORDER BY {_DESCENDING} LIMIT 1"
    ).fetchone()
    used = db.execute(
        f"SELECT lamport, device, uid, plan_uid FROM plan_uses ORDER BY {_DESCENDING} LIMIT 1"
    ).fetchone()
    last = max((r for r in (made, used) if r is not None), default=None, key=lambda r: tuple(r[:3]))
    if last is None:
        return
    if db.execute("SELECT 1 FROM plans WHERE uid = ?", (last[3],)).fetchone() is None:
        last = made
    db.execute("UPDATE plans SET active = 0 WHERE active = 1")
    db.execute("UPDATE plans SET active = 1 WHERE uid = ?", (last[3],))


def _identity(text: str) -> str:
    """What makes two stored plans the same plan: their current stored form (a plan saved in an older
    format and the same plan re-saved now are one), or the text itself if it cannot be read."""
    try:
        return dumps(loads(text))
    except SavedPlanError:
        return text


def _insert_plan(db: sqlite3.Connection, created_at: str, plan: SavedPlan, *, active: bool) -> int:
    """A plan made here: this device's, with the next counter."""
    from uuid import uuid4

    cursor = db.execute(
        "INSERT INTO plans (created_at, active, snapshot, uid, device, lamport) VALUES (?, ?, ?, ?, ?, ?)",
        (created_at, int(active), dumps(plan), uuid4().hex, _device(db), _last_counter(db) + 1),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _insert_events(db: sqlite3.Connection, events: Iterable[Event]) -> list[Event]:
    """Insert the events whose uid is not here yet, in order, and return them with their rows.

    Called with the write lock held, so nobody else adds rows meanwhile: each new row's id is the
    last one plus one, and the events need not be read back. The index of uids is built in a large
    page cache, since a backup's uids come in no order the index likes.
    """
    seen = {uid for (uid,) in db.execute("SELECT uid FROM events")}
    history = len(seen)
    row = _last_event(db)
    device, counter = _device(db), _last_counter(db) - row  # each new event: the next counter
    new: list[Event] = []
    for e in events:
        if e.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {e.kind!r}")
        if e.uid in seen:
            continue
        seen.add(e.uid)
        row += 1
        new.append(Event(e.uid, e.item_id, e.kind, e.value, e.created_at, row))
    db.execute("PRAGMA cache_size = -262144")  # 256 MiB, for this connection only
    # Many new events (more than the history holds): build the uid index afresh once they are in,
    # by sorting, instead of growing it one random uid at a time. ``seen`` already keeps uids unique.
    rebuild_index = len(new) > max(10_000, history)
    if rebuild_index:
        db.execute("DROP INDEX events_uid")
        db.execute("DROP INDEX IF EXISTS events_lamport")
    # The table's CHECK on ``kind`` costs SQLite more than the insert itself (1.6 µs a row against
    # 1.2): every kind was checked above, so it is not checked again row by row. For this statement
    # only: the pragma is set back before anything else is written.
    db.execute("PRAGMA ignore_check_constraints = ON")
    try:
        db.executemany(
            "INSERT INTO events (id, uid, item_id, kind, value, created_at, device, lamport) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((e.row, e.uid, e.item_id, e.kind, e.value, e.created_at, device, counter + e.row) for e in new),
        )
    finally:
        db.execute("PRAGMA ignore_check_constraints = OFF")
    if rebuild_index:
        db.execute("CREATE UNIQUE INDEX events_uid ON events (uid)")
        if _travels(db):
            db.execute("CREATE INDEX events_lamport ON events (lamport)")
    return new


# -- the kept state -------------------------------------------------------------------------------
#
# ``item_state`` holds each item's record as the history adds it up, written in the same transaction
# as the events that change it, and ``state_meta.applied`` the last event counted in it. Commands read
# that instead of replaying every event, so their cost does not grow with the history. Each item's
# notes are kept in a column of their own (with their count): the one part of a record that grows
# without bound is read only by the views that show notes. The events
# stay the record: the state can always be worked out again from them, and ``roadmap doctor`` checks
# that the two agree.

_EVENTS = "SELECT id, uid, item_id, kind, value, created_at FROM events"


def _event(row: tuple[Any, ...]) -> Event:
    row_id, uid, item_id, kind, value, created_at = row
    return Event(uid, item_id, kind, value, created_at, row_id)


def _events(db: sqlite3.Connection) -> list[Event]:
    """The history in its total order, each event's row its place in it (what a study time's
    ``seq`` orders by, so that every device lists them alike); a database from before events had
    counters, in the order of its rows."""
    if not _travels(db):
        return [_event(row) for row in db.execute(_EVENTS + " ORDER BY id")]
    query = "SELECT uid, item_id, kind, value, created_at FROM events ORDER BY " + TOTAL_ORDER
    return [
        Event(uid, item_id, kind, value, created_at, n)
        for n, (uid, item_id, kind, value, created_at) in enumerate(db.execute(query), 1)
    ]


def _travels(db: sqlite3.Connection) -> bool:
    """Whether the events have their device and counter (schema 7 on)."""
    found = db.execute("SELECT 1 FROM pragma_table_info('events') WHERE name = 'lamport'").fetchone()
    return found is not None


def _device(db: sqlite3.Connection) -> str:
    """This device's id, made once by the migration that gave events their device."""
    found = db.execute("SELECT value FROM sync_meta WHERE key = 'device'").fetchone()
    return str(found[0]) if found else ""


def _last_counter(db: sqlite3.Connection) -> int:
    """The highest Lamport counter seen here, in any event or plan: what this device writes next
    comes after everything it has seen, from any device."""
    events: int | None = db.execute("SELECT max(lamport) FROM events").fetchone()[0]
    plans: int | None = db.execute("SELECT max(lamport) FROM plans").fetchone()[0]
    uses: int | None = db.execute("SELECT max(lamport) FROM plan_uses").fetchone()[0]
    return max(events or 0, plans or 0, uses or 0)


def _last_event(db: sqlite3.Connection) -> int:
    last: int | None = db.execute("SELECT max(id) FROM events").fetchone()[0]
    return last or 0


def _has_kept_state(db: sqlite3.Connection) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'item_state'").fetchone()
    return found is not None


def _kept_state(db: sqlite3.Connection, *, notes: bool = True) -> ProgressState:
    """The kept state; with ``notes=False`` each item's notes are counted, not read (the views
    that show no note read that way: an item noted thousands of times costs them nothing)."""
    if not _has_kept_state(db):  # an older database opened to read: work it out as it was
        return ProgressState.replay(_events(db))
    if db.execute("PRAGMA user_version").fetchone()[0] < 5:  # schema 4, read as it is: notes inside
        query = "SELECT item_id, record, NULL, 0 FROM item_state"
    elif notes:
        query = "SELECT item_id, record, notes, 0 FROM item_state"
    else:
        query = "SELECT item_id, record, '[]', note_count FROM item_state"
    records = {}
    for item_id, text, notes_text, unread in db.execute(query):
        try:
            records[item_id] = ItemRecord.from_json(item_id, text, notes_text, unread)
        except (ValueError, TypeError, KeyError, IndexError):
            raise RoadmapError(
                f"the kept progress of {item_id!r} cannot be read",
                hint="`roadmap doctor --repair` works it out again from your history, which is intact",
            ) from None
    state = ProgressState.of_records(records)
    meta = dict(db.execute("SELECT key, value FROM state_meta").fetchall())
    state.unapplied = _last_event(db) - meta.get("applied", 0)
    state.left_out = meta.get("left_out", 0)
    return state


def _keep(db: sqlite3.Connection, state: ProgressState, changed: Iterable[str]) -> None:
    db.executemany(
        "INSERT INTO item_state (item_id, record, notes, note_count) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (item_id) DO UPDATE SET record = excluded.record, notes = excluded.notes, "
        "note_count = excluded.note_count",
        (
            (item_id, record.to_json(), record.notes_json(), len(record.notes))
            for item_id in changed
            if (record := state.items.get(item_id)) is not None
        ),
    )
    db.executemany(
        "INSERT INTO state_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [("applied", _last_event(db)), ("left_out", state.left_out)],
    )


def _rebuild(db: sqlite3.Connection) -> ProgressState:
    state = ProgressState.replay(_events(db))
    db.execute("DELETE FROM item_state")
    _keep(db, state, list(state.items))
    return state


def _stored(row: tuple[Any, ...]) -> StoredPlan:
    plan_id, created_at, active, text = row
    return StoredPlan(int(plan_id), str(created_at), bool(active), str(text))


# -- opening --------------------------------------------------------------------------------------


def open_store(
    readonly: bool = True, *, create: bool = False, path: Path | None = None, require_schema: bool = True
) -> Store:
    """Open the progress database.

    ``readonly``: for commands that only show; the file is never created or changed.
    ``create``: make the file (and its folder) if it is missing; only ``roadmap plan`` does.
    Without it a missing file means there is no plan yet (``NoPlanError``).
    ``require_schema=False`` (read-only, for ``roadmap doctor``): open a file that has no roadmap
    schema yet, to report on it.
    """
    path = path or database_path()
    if not exists(path):
        if readonly or not create:
            raise NoPlanError()
        create_private(path)
    elif path.is_dir():
        raise RoadmapError(f"the progress database {path} is a folder, not a file")
    else:
        check_header(path)
    with translated(path):
        if not readonly:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
            return _prepared(db, path, readonly=False, require_schema=True)
        uri = f"{path.resolve().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            db.execute("PRAGMA user_version")  # the first read opens the WAL index
        except sqlite3.OperationalError:
            db.close()
            # A WAL database in a folder we may not write to: SQLite cannot make its index file
            # there. Reading it as immutable is safe when no -wal file exists: nobody can write it.
            if os.access(path.parent, os.W_OK) or Path(f"{path}-wal").exists():
                raise
            db = sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)
        return _prepared(db, path, readonly=True, require_schema=require_schema)


def _prepared(db: sqlite3.Connection, path: Path, *, readonly: bool, require_schema: bool) -> Store:
    try:
        _prepare(db, path, readonly=readonly, require_schema=require_schema)
    except BaseException:
        db.close()
        raise
    return Store(db, path, readonly=readonly)


def _prepare(db: sqlite3.Connection, path: Path, *, readonly: bool, require_schema: bool) -> None:
    with translated(path):
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        version: int = db.execute("PRAGMA user_version").fetchone()[0]
        if version > LATEST_VERSION:
            raise RoadmapError(
                f"the progress database {path} is from a newer roadmap (schema version {version}; "
                f"this roadmap knows up to {LATEST_VERSION}); it was left exactly as it is",
                hint="upgrade roadmap (pip install --upgrade roadmap-cli) to use it",
            )
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and tables:
            raise RoadmapError(
                f"{path} is an SQLite file but not a roadmap progress database; it was left as it is",
                hint="move it aside, or set ROADMAP_HOME to use another folder",
            )
        if readonly:
            # An older schema is read as it is: every version so far keeps the columns the readers
            # select, and the next command that saves migrates it.
            if version == 0 and require_schema:
                raise NoPlanError()
            return
        if version > 0:
            problems = [r[0] for r in db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise damaged(path, "; ".join(problems[:3]))
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        if version < LATEST_VERSION:
            _migrate(db)


def _migrate(db: sqlite3.Connection) -> None:
    migrate(db, MIGRATIONS, now=utc_now, rebuild=_rebuild)


#: What a person typed that an event's value holds, by the event's kind, for the refusal below.
_TYPED = {"note": "the note", "evidence": "--evidence", "log": "--note"}


def _refuse_undecodable(kind: str, value: str | None) -> None:
    """A usage error (nothing written) when text typed on the command line held bytes that are
    not UTF-8: Python keeps them as lone surrogates, which SQLite, JSON and a terminal cannot take."""
    from roadmap_cli.safetext import is_text, safe

    if value is None:
        return
    text: object = value
    if kind == "log":  # the note inside the study time's JSON, where \udcff is an escape
        import json

        text = json.loads(value).get("note")
    if isinstance(text, str) and not is_text(text):
        from roadmap_cli.errors import UsageError

        raise UsageError(
            f"{_TYPED.get(kind, 'the text')} '{safe(text[:60])}' holds bytes that are not UTF-8 "
            "(shown as \\xNN); roadmap keeps text as UTF-8, and nothing was written",
            hint="set your terminal to UTF-8 (LANG or LC_ALL ending in .UTF-8) and type it again",
        )
