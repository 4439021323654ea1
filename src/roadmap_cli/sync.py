"""``roadmap sync``: the same progress on every machine, through a git repository the person owns.

The sync folder (``sync/`` in the data folder) is a clone of that repository. Each device appends
only to its own files, ``events/<device>/<YYYY-MM>.jsonl``, one line per event or plan made
(:mod:`roadmap_cli.progress.travel`), so two devices never write the same file and git never has a
conflict to ask about. A sync pulls (fetch, then rebase this device's commits on top), reads what
the other devices wrote since the last sync (from where each file was left off; by id, so a line
read twice counts once), writes this device's new events, commits and pushes.

It runs the person's own ``git``, with their configuration, credentials and SSH keys. The database
is written only in a transaction, after everything has been read and checked: a missing git, an
unreachable remote or a refused push stops the sync with a message and leaves the local progress as
it was. Every file in the folder is someone else's input: a line that cannot be read is named by
file and line and left out, a file that is not a regular file or is too large is not read, and the
rest is kept.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_cli import paths
from roadmap_cli.errors import RoadmapError, UsageError
from roadmap_cli.files import NotRegular, TooLarge, read_regular
from roadmap_cli.progress.store import Store, open_store
from roadmap_cli.progress.travel import (
    DEVICE,
    PLAN,
    DeviceSeen,
    Later,
    SyncReport,
    SyncStatus,
    Travelling,
    from_line,
    to_line,
)
from roadmap_cli.safetext import safe

if TYPE_CHECKING:
    from roadmap_cli.render.progress_display import Shown

EVENTS = "events"
BRANCH = "main"  #: the branch a repository made here starts on
#: The largest sync file read: a month of one device's events is well under a megabyte.
MAX_SYNC_FILE = 64 * 1024 * 1024
#: How many of the lines and files left out a sync names; the rest are counted.
MAX_NAMED = 20
SET_UP = (
    "set it up with `roadmap sync init URL-or-PATH`: a git repository you own (a private GitHub or "
    "GitLab repository, a bare repository on a USB stick or a server)"
)


def sync_folder() -> Path:
    return paths.sync_dir()


# -- git ------------------------------------------------------------------------------------------


def _git_program() -> str:
    found = shutil.which("git")
    if found is None:
        raise RoadmapError(
            "git is not installed, or not on your PATH: roadmap sync works through your own git",
            hint="install git (https://git-scm.com) and try again; nothing was changed",
        )
    return found


def _git(args: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the person's git. Off a terminal it never waits for a password (it fails instead); on
    one, git may ask as it always does. Messages in English, so that a refused push is recognised."""
    env = dict(os.environ, LC_ALL="C", LANGUAGE="C")
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if not interactive:  # cron, a script, a test: a question nobody can answer would wait for ever
        env["GIT_TERMINAL_PROMPT"] = "0"
        if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
            env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    try:
        return subprocess.run(
            [_git_program(), *args],
            cwd=cwd,
            env=env,
            stdin=None if interactive else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:
        raise RoadmapError(f"git could not be run: {exc.strerror or exc}") from None


def _said(result: subprocess.CompletedProcess[str]) -> str:
    """The last lines git wrote on stderr, made safe to show."""
    lines = [
        line.strip()
        for line in (result.stderr or result.stdout or "").splitlines()
        if line.strip() and not line.startswith(("To ", "hint:"))  # where to, and git's own advice
    ]
    text = " / ".join(line.removeprefix("fatal: ").removeprefix("error: ") for line in lines[-4:])
    return safe(text[:400]) or f"git exited with {result.returncode}"


def _must(result: subprocess.CompletedProcess[str], doing: str, hint: str | None = None) -> str:
    if result.returncode != 0:
        raise RoadmapError(
            f"git could not {doing}: {_said(result)}",
            hint=hint or "your progress here is safe: nothing was changed; try again once that is fixed",
        )
    return result.stdout


def _remote_branch(folder: Path, branch: str) -> bool:
    found = _git(["rev-parse", "--verify", "--quiet", f"refs/remotes/origin/{branch}"], folder)
    return found.returncode == 0


def _origin(folder: Path) -> str:
    return _git(["remote", "get-url", "origin"], folder).stdout.strip()


def _branch(folder: Path) -> str:
    return _must(_git(["symbolic-ref", "--short", "HEAD"], folder), "tell the sync folder's branch").strip()


def _looks_remote(target: str) -> bool:
    """A URL (``https://``, ``ssh://``, ``file://``) or scp's ``user@host:path``, not a local path."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", target) or re.match(r"^[^/\\]+:", target)) and not (
        re.match(r"^[A-Za-z]:[\\/]", target)  # C:\ on Windows
    )


# -- init -----------------------------------------------------------------------------------------


def init(target: str) -> SyncReport:
    """Clone the repository at ``target`` into the sync folder (making a bare repository first when
    ``target`` is a path with nothing there), then sync."""
    from roadmap_cli.safetext import is_text

    if not is_text(target):  # the remote is kept, and shown, as text
        raise UsageError(
            f"the repository '{safe(target)}' holds bytes that are not UTF-8; nothing was made or changed",
            hint="give a URL or a path written in UTF-8 (rename the folder if need be)",
        )
    _git_program()
    folder = sync_folder()
    if (folder / ".git").exists():
        remote = _origin(folder) or "?"
        raise RoadmapError(
            f"this home syncs already, with {safe(remote)}",
            hint=f"`roadmap sync` syncs; to sync with another repository, move {folder} aside first",
        )
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise RoadmapError(f"{folder} is there already and is not a sync folder; it was left as it is")
    created = False
    remote = target
    if not _looks_remote(target):
        path = Path(target).expanduser().resolve()
        remote = str(path)
        if not path.exists():
            _must(_git(["init", "--quiet", "--bare", remote]), f"make a repository at {safe(remote)}")
            _must(_git(["symbolic-ref", "HEAD", f"refs/heads/{BRANCH}"], path), "name its branch")
            created = True
    from roadmap_cli.files import private_folder

    private_folder(folder.parent)
    cloned = _git(["clone", "--quiet", "--origin", "origin", remote, str(folder)])
    if cloned.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RoadmapError(
            f"git could not clone {safe(remote)}: {_said(cloned)}",
            hint="check the URL or path, and that `git clone` reaches it with your keys; nothing was changed",
        )
    _settle_branch(folder)
    with open_store(readonly=False, create=True) as store:
        store.merge_travelled([], {"remote": remote})
    from roadmap_cli.record import replace

    return replace(sync(), created=created)


def _settle_branch(folder: Path) -> None:
    """On a branch: the one the clone checked out, else the remote's ``main`` or first branch (its
    HEAD may name a branch that does not exist), else a new ``main`` for an empty repository."""
    if _git(["rev-parse", "--verify", "--quiet", "HEAD"], folder).returncode == 0:
        return
    listed = _git(["for-each-ref", "--format=%(refname:short)", "refs/remotes/origin"], folder).stdout
    branches = [b.removeprefix("origin/") for b in listed.split() if b != "origin/HEAD" and b != "origin"]
    if branches:
        name = BRANCH if BRANCH in branches else branches[0]
        _must(_git(["checkout", "--quiet", "-B", name, f"origin/{name}"], folder), f"check out {safe(name)}")
    else:
        _must(_git(["symbolic-ref", "HEAD", f"refs/heads/{BRANCH}"], folder), "name the branch")


# -- sync -----------------------------------------------------------------------------------------


def sync(shown: Shown | None = None) -> SyncReport:
    """Pull, read the other devices' new lines into the store, write and push this device's;
    ``shown`` is told each step (a progress display on a terminal)."""
    _git_program()
    folder = sync_folder()
    if not (folder / ".git").is_dir():
        raise RoadmapError("this home does not sync yet", hint=SET_UP)
    step = shown.step if shown is not None else (lambda _: None)
    with open_store(readonly=False, create=True) as store:
        device = store.device()
        remote = _origin(folder) or store.sync_meta().get("remote", "?")
        branch = _branch(folder)
        _commit_unfinished(folder, device)
        events_in = plans_in = events_out = plans_out = 0
        renamed_from: str | None = None
        devices_in: set[str] = set()
        skipped: list[str] = []
        for attempt in (1, 2):
            step(f"Fetching from {safe(remote)}")
            _pull(folder, branch)
            step("Reading the other devices' events")
            came, skipped, offsets, from_own = read_folder(folder, store.sync_meta(), device)
            # In this device's own files, a line it did not write: a copy of this home writes as it.
            twin = store.missing({t.uid for t in from_own if t.device == device})
            added_events, added_plans, added_from = store.merge_travelled(came, offsets)
            events_in, plans_in = events_in + added_events, plans_in + added_plans
            if twin:
                renamed_from, device = device, store.new_device()
            devices_in |= added_from - {device}
            step("Writing this device's events")
            pending = store.outgoing(int(store.sync_meta().get("sent", "0") or 0))
            there = {t.uid for t in came}  # in the folder already (a copy of this home sent them)
            out = [t for t in pending if t.uid not in there]
            if out:
                _write_own(folder, device, out)
                _commit(folder, device, out)
                events_out += sum(1 for t in out if t.kind != PLAN)
                plans_out += sum(1 for t in out if t.kind == PLAN)
            if pending:
                store.merge_travelled([], {"sent": str(max(t.lamport for t in pending))})
            step(f"Pushing to {safe(remote)}")
            if _push(folder, branch, remote, last_try=attempt == 2):
                break
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        store.merge_travelled([], {"last_sync": stamp, "remote": remote})
    return SyncReport(
        remote,
        device,
        events_in,
        plans_in,
        len(devices_in),
        events_out,
        plans_out,
        skipped,
        False,
        renamed_from,
    )


def _commit_unfinished(folder: Path, device: str) -> None:
    """Lines an interrupted sync wrote but did not commit: committed now, so the pull can rebase."""
    own = f"{EVENTS}/{device}"
    if _git(["status", "--porcelain", "--", own], folder).stdout.strip():
        _must(_git(["add", "--", own], folder), "add this device's events")
        _commit_as(folder, f"roadmap: events from {device[:8]}")


def _pull(folder: Path, branch: str) -> None:
    _must(
        _git(["fetch", "--quiet", "origin"], folder),
        "fetch from the remote",
        hint="check that you are online and the remote is there (`git -C "
        f"{folder} fetch` says more); your progress here is safe and nothing was changed",
    )
    if not _remote_branch(folder, branch):
        return  # an empty repository: this device writes the first commit
    if _git(["rev-parse", "--verify", "--quiet", "HEAD"], folder).returncode != 0:
        _must(_git(["reset", "--quiet", "--hard", f"origin/{branch}"], folder), "check out the remote")
        return
    rebased = _git(["rebase", "--quiet", f"origin/{branch}"], folder)
    if rebased.returncode != 0:
        _git(["rebase", "--abort"], folder)
        raise RoadmapError(
            f"git could not put this device's commits on top of the remote's: {_said(rebased)}",
            hint=f"something other than roadmap changed files in {folder}; `git -C {folder} status` shows "
            "what. Your progress here is safe and nothing was changed",
        )


def _push(folder: Path, branch: str, remote: str, *, last_try: bool) -> bool:
    """Push; False when the remote refused and a second try (pull, then push) is due."""
    if _git(["rev-parse", "--verify", "--quiet", "HEAD"], folder).returncode != 0:
        return True  # nothing committed anywhere yet
    if _remote_branch(folder, branch):
        ahead = _git(["rev-list", "--count", f"origin/{branch}..HEAD"], folder).stdout.strip()
        if ahead == "0":
            return True
    pushed = _git(["push", "--quiet", "origin", f"HEAD:refs/heads/{branch}"], folder)
    if pushed.returncode == 0:
        return True
    if not last_try:
        return False
    raise RoadmapError(
        f"git could not push to {safe(remote)}: {_said(pushed)}",
        hint="your progress here is safe, and what came in was kept; this device's events are committed "
        f"in {folder} and go out with the next `roadmap sync`",
    )


def _identity(folder: Path) -> list[str]:
    """Who commits: the person's own git identity, or roadmap's when they have none set."""
    if _git(["config", "user.email"], folder).stdout.strip():
        return []
    return ["-c", "user.name=roadmap", "-c", "user.email=roadmap@localhost"]


def _write_own(folder: Path, device: str, records: Iterable[Travelling]) -> None:
    """Append each record to this device's file of its month: only ever appended to, and only by it."""
    own = folder / EVENTS / device
    try:
        own.mkdir(parents=True, exist_ok=True)
        by_file: dict[Path, list[str]] = {}
        for t in records:
            month = t.created_at[:7] if re.fullmatch(r"\d{4}-\d{2}", t.created_at[:7]) else "undated"
            by_file.setdefault(own / f"{month}.jsonl", []).append(to_line(t))
        for path, lines in by_file.items():
            _append(path, "".join(lines).encode("utf-8"))
    except OSError as exc:
        raise RoadmapError(
            f"cannot write this device's events in {own}: {exc.strerror or exc}",
            hint="your progress here is safe; check that the sync folder is yours to write",
        ) from None


def _append(path: Path, data: bytes) -> None:
    """Append to a regular file (made if missing), never to a FIFO or a device put in its place;
    after a line cut short (by a crash), on a line of its own."""
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(f"{path} is not a regular file")
        if info.st_size:
            os.lseek(fd, -1, os.SEEK_END)
            if os.read(fd, 1) != b"\n":
                data = b"\n" + data
        os.write(fd, data)
    finally:
        os.close(fd)


def _commit(folder: Path, device: str, out: Sequence[Travelling]) -> None:
    own = f"{EVENTS}/{device}"
    _must(_git(["add", "--", own], folder), "add this device's events")
    events = sum(1 for t in out if t.kind != PLAN)
    plans = len(out) - events
    what = ", ".join(
        part
        for part in (
            f"{events} event{'s' if events != 1 else ''}" if events else "",
            f"{plans} plan{'s' if plans != 1 else ''}" if plans else "",
        )
        if part
    )
    _commit_as(folder, f"roadmap: {what} from {device[:8]}")


def _commit_as(folder: Path, message: str) -> None:
    _must(_git([*_identity(folder), "commit", "--quiet", "-m", message], folder), "commit in the sync folder")


def read_folder(
    folder: Path, meta: dict[str, str], own: str = ""
) -> tuple[list[Travelling], list[str], dict[str, str], list[Travelling]]:
    """Every device's lines not read yet: the records, each line or file left out (file:line: why),
    how far each file has now been read (``read:FILE`` -> bytes), and the records read from the
    folder of device ``own``. A file is read from where the last sync left it (from the start, if it
    has become shorter); a line from a newer roadmap is left to be read again after an upgrade, so
    its file is read from there next time."""
    root = folder / EVENTS
    came: list[Travelling] = []
    skipped: list[str] = []
    offsets: dict[str, str] = {}
    from_own: list[Travelling] = []
    if not root.is_dir():
        return came, skipped, offsets, from_own
    for device_dir in sorted(root.iterdir()):
        where = f"{EVENTS}/{device_dir.name}"
        if not DEVICE.fullmatch(device_dir.name) or device_dir.is_symlink() or not device_dir.is_dir():
            skipped.append(f"{safe(where)}: not a device's folder; left alone")
            continue
        for path in sorted(device_dir.iterdir()):
            name = f"{where}/{path.name}"
            if not path.name.endswith(".jsonl"):
                skipped.append(f"{safe(name)}: not a sync file (*.jsonl); left alone")
                continue
            if path.is_symlink():
                skipped.append(f"{safe(name)}: a symbolic link, not followed")
                continue
            try:
                data = read_regular(path, MAX_SYNC_FILE)
            except (NotRegular, TooLarge) as exc:
                skipped.append(f"{safe(name)}: {exc}; not read")
                continue
            except OSError as exc:
                skipped.append(f"{safe(name)}: cannot be read ({exc.strerror or exc})")
                continue
            key = f"read:{name}"
            start = int(meta.get(key, "0") or 0)
            before = len(came)
            offsets[key] = str(_read_lines(data, start if start <= len(data) else 0, name, came, skipped))
            if device_dir.name == own:
                from_own += came[before:]
    return came, skipped, offsets, from_own


def _read_lines(data: bytes, start: int, name: str, came: list[Travelling], skipped: list[str]) -> int:
    """Read the whole lines of ``data`` from ``start``; returns where the next sync reads from."""
    line = data.count(b"\n", 0, start) + 1
    held: int | None = None
    at = start
    while at < len(data):
        end = data.find(b"\n", at)
        if end < 0:
            break  # a line not finished: read once it is
        raw = data[at:end].strip()
        if raw:
            try:
                came.append(from_line(raw))
            except Later as exc:
                skipped.append(f"{safe(name)}:{line}: {safe(str(exc))}; kept for a newer roadmap")
                if held is None:
                    held = at
            except ValueError as exc:
                skipped.append(f"{safe(name)}:{line}: {safe(str(exc))}; skipped")
        at, line = end + 1, line + 1
    return at if held is None else held


# -- status ---------------------------------------------------------------------------------------


def status() -> SyncStatus:
    """Where this home syncs, its last sync and the devices seen; read only, no git, no network."""
    from roadmap_cli.progress.store import NoPlanError

    folder = sync_folder()
    try:
        store: Store = open_store(readonly=True)
    except NoPlanError:
        return SyncStatus((folder / ".git").is_dir(), None, str(folder), "", None, [])
    with store:
        meta, devices, device = store.sync_meta(), store.devices(), store.device()
    return SyncStatus(
        (folder / ".git").is_dir(),
        meta.get("remote"),
        str(folder),
        device,
        meta.get("last_sync"),
        [DeviceSeen(d, n, last, d == device) for d, n, last in devices],
    )
