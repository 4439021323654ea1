"""Find the packs, merge them into one catalog, check that it holds together, and cache it.

The cache is a JSON file keyed by the package version and a hash of every pack file's bytes, so a
warm run skips YAML parsing and validation. A stale, corrupt or unreadable cache is rebuilt.

Loading builds a great many small objects and no reference cycles worth collecting, so the garbage
collector rests meanwhile: on a big catalog its passes would cost more than the loading.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from roadmap_cli import __version__, paths
from roadmap_cli.catalog.catalog import PLACEHOLDERS, Catalog, Item, PackRecord, placeholders_in
from roadmap_cli.errors import ContentError, UsageError, shorten
from roadmap_cli.speed import gc_paused

if TYPE_CHECKING:
    from roadmap_cli.catalog.loader import Document

CACHE_FORMAT = 8
_LISTS = (
    "sources",
    "stacks",
    "phases",
    "tracks",
    "milestones",
    "projects",
    "certifications",
    "places",
    "salaries",
    "levels",
    "skills",
    "market",
)
#: Sections whose ids share another section's id space: an id names one item, whatever its kind.
ID_GROUPS = {"projects": "milestones"}
#: The sections of the cached catalog, each a list.
_CACHED = ("packs", "items", *(name for name in _LISTS if name not in ("milestones", "projects")))


def builtin_files() -> list[Path]:
    return sorted(paths.builtin_content_dir().glob("*.yaml"))


#: What a pack file's name ends with: ``.yaml``, or ``.yml`` as many editors and tools write it.
PACK_SUFFIXES = (".yaml", ".yml")


def user_files() -> list[Path]:
    """The pack files in the user packs folder, ``.yaml`` and ``.yml`` alike, in name order."""
    folder = paths.user_packs_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(PACK_SUFFIXES))


def check_pack_paths(given: Iterable[Path], what: str = "--pack") -> list[Path]:
    """The paths a person named, each a readable file, or a usage error (exit 2) for the first that is not."""
    from roadmap_cli.safetext import is_text, safe

    found = []
    for path in given:
        if what == "--pack" and not is_text(str(path)):
            # A plan keeps the paths of its packs as text (JSON, SQLite), which cannot hold them.
            raise UsageError(
                f"--pack {safe(str(path))}: the file's name holds bytes that are not UTF-8 (shown as \\xNN)",
                hint="rename the file (or copy it) to a name in UTF-8 and give that",
            )
        try:
            path.stat()
        except FileNotFoundError:
            pass  # said below, with a word on a link that leads nowhere
        except OSError as exc:  # a name too long, a loop, no permission
            raise UsageError(f"{what} {shorten(str(path))}: {exc.strerror or exc}") from None
        if path.is_dir():
            raise UsageError(f"{what} {path}: is a directory; give a pack file (.yaml)")
        if not path.exists():
            if path.is_symlink():
                raise UsageError(f"{what} {path}: is a symbolic link that leads nowhere (or back to itself)")
            raise UsageError(f"{what} {path}: no such file")
        if not path.is_file():
            raise UsageError(f"{what} {path}: is not a regular file; give a pack file (.yaml)")
        found.append(path)
    return found


def load_catalog(extra: Sequence[Path] = (), *, use_cache: bool = True) -> Catalog:
    """The built-in packs, the user's packs and any ``--pack`` files, merged and checked."""
    with gc_paused():
        return _load_catalog(extra, use_cache)


def _load_catalog(extra: Sequence[Path], use_cache: bool) -> Catalog:
    builtin = builtin_files()
    files = catalog_files(extra)
    key = cache_key(files)
    if use_cache:
        cached = _read_cache(key)
        if cached is not None:
            try:
                return Catalog(cached)
            except (KeyError, TypeError, AttributeError):
                pass  # the right key over broken content: never trusted, rebuilt below
    try:
        data = build_catalog_data(files, builtin=set(builtin))
    except ContentError as exc:
        exc.hint = exc.hint or "`roadmap packs validate FILE` checks one pack, `roadmap doctor` all of them"
        raise
    if use_cache:
        _write_cache(key, data)
    return Catalog(data)


def catalog_files(extra: Sequence[Path] = ()) -> list[Path]:
    """Every pack file a command reads, in the order they are merged: built-in, user, ``--pack``."""
    return _unique_files([*builtin_files(), *user_files(), *check_pack_paths(extra)])


def _unique_files(files: Iterable[Path]) -> list[Path]:
    """Each file once (a user pack also given as --pack is read once), in the order first named."""
    seen: set[Path] = set()
    kept = []
    for path in files:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop: kept, and refused with a message when read
            real = path.absolute()
        if real not in seen:
            seen.add(real)
            kept.append(path)
    return kept


Entry = tuple["Document", int, dict[str, Any]]


def _singular(section: str) -> str:
    if section.endswith("ies"):
        return section[:-3] + "y"
    return section[:-1] if section.endswith("s") else section


class _Merger:
    """Adds entries in file order: a new id is added; an id already defined is an error unless the
    entry says ``replace: true``, in which case it takes the earlier entry's place.

    Works for every section in ``_LISTS`` whose entries have an ``id``; sections named in
    ``ID_GROUPS`` share one id space (a project may not reuse a milestone's id).
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.sections: dict[str, list[Entry | None]] = {name: [] for name in _LISTS}
        # (group, id) -> the section and position it holds, and the file and index it came from
        self.owners: dict[tuple[str, str], tuple[str, int, Document, int]] = {}

    def add(self, section: str, doc: Document, index: int, entry: dict[str, Any]) -> str | None:
        """Add one entry; returns the id it replaced, if it replaced one."""
        replace = bool(entry.pop("replace", False))
        item_id = entry.get("id")
        kept = self.sections[section]
        if not isinstance(item_id, str):
            kept.append((doc, index, entry))
            return None
        group = ID_GROUPS.get(section, section)
        what = _singular(section)
        prior = self.owners.get((group, item_id))
        if prior is None:
            if replace:
                self.problems.append(
                    f"{doc.where((section, index, 'replace'))}: {what} {item_id!r} says `replace: true`, "
                    f"but no earlier pack has an item with that id; remove `replace` to add it as new"
                )
            self.owners[(group, item_id)] = (section, len(kept), doc, index)
            kept.append((doc, index, entry))
            return None
        prior_section, position, prior_doc, prior_index = prior
        if not replace:
            self.problems.append(
                f"{doc.where((section, index, 'id'))}: {what} id {item_id!r} is already defined at "
                f"{prior_doc.where((prior_section, prior_index, 'id'))}; "
                "add `replace: true` to replace it, or choose another id"
            )
            return None
        if prior_section == section:
            kept[position] = (doc, index, entry)
        else:
            self.sections[prior_section][position] = None
            position = len(kept)
            kept.append((doc, index, entry))
        self.owners[(group, item_id)] = (section, position, doc, index)
        return item_id

    def merged(self) -> dict[str, list[Entry]]:
        return {name: [e for e in entries if e is not None] for name, entries in self.sections.items()}


def build_catalog_data(
    files: Sequence[Path], *, builtin: set[Path] | frozenset[Path] = frozenset()
) -> dict[str, Any]:
    from roadmap_cli.catalog.loader import load_pack_file

    problems: list[str] = []
    unlisted: dict[str, int] = {}  # problems a very broken file has past the ones listed
    merger = _Merger(problems)
    packs: list[PackRecord] = []
    builtin_record: PackRecord | None = None  # the built-in files make one pack
    pack_where: dict[str, str] = {}
    replaced_in: dict[str, str] = {}  # an id a pack of the user's replaced, and that pack's file
    warnings: list[str] = []
    for path in files:
        try:
            doc, pack = load_pack_file(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            unlisted.update(exc.more)
            continue
        info = pack.get("pack")
        is_builtin = path in builtin
        if is_builtin and builtin_record is not None:
            record = builtin_record
        else:
            record = _pack_record(path.stem, path.name, is_builtin)
            packs.append(record)
            if is_builtin:
                builtin_record = record
        if info is not None:
            record["id"] = info["id"]
            record["title"] = info["title"]
            record["version"] = info["version"]
            record["description"] = info.get("description", "")
            first = pack_where.setdefault(info["id"], doc.where(("pack", "id")))
            if first != doc.where(("pack", "id")):
                problems.append(
                    f"{doc.where(('pack', 'id'))}: pack id {info['id']!r} is already used at {first}; "
                    "give this pack its own id"
                )
        record["files"].append(str(path))
        for name in _LISTS:
            entries: list[dict[str, Any]] = pack.get(name, [])  # type: ignore[assignment]
            if entries:
                record["counts"][name] = record["counts"].get(name, 0) + len(entries)
            for i, entry in enumerate(entries):
                replaced = merger.add(name, doc, i, dict(entry))
                if replaced is not None:
                    record["replaces"].append(replaced)
                    earlier = replaced_in.get(replaced)
                    if earlier is not None and earlier != str(path):
                        warnings.append(
                            f"{doc.where((name, i, 'id'))}: {_singular(name)} {replaced!r} is replaced "
                            f"by this pack and by {earlier}; only this one counts (packs are read in "
                            "name order): keep one replacement, or give the other its own id"
                        )
                    replaced_in[replaced] = str(path)
    if problems:
        raise ContentError(problems, more=unlisted)
    data = _assemble(merger.merged(), problems)
    data["packs"] = packs
    data["warnings"] = warnings
    if problems:
        raise ContentError(problems)
    return data


def _pack_record(pack_id: str, title: str, builtin: bool) -> PackRecord:
    return {
        "id": pack_id,
        "title": title,
        "version": "",
        "description": "",
        "builtin": builtin,
        "files": [],
        "counts": {},
        "replaces": [],
    }


def _assemble(
    merged: dict[str, list[tuple[Document, int, dict[str, Any]]]], problems: list[str]
) -> dict[str, Any]:
    """Fill defaults and check every reference of the merged sections; problems are appended."""
    sources = [e for _, _, e in merged["sources"]]
    stacks = [e for _, _, e in merged["stacks"]]
    phase_entries = merged["phases"]
    phases = [e for _, _, e in phase_entries]
    tracks = [e for _, _, e in merged["tracks"]]
    certs = merged["certifications"]
    raw_items = [(d, i, "milestone", e) for d, i, e in merged["milestones"]]
    raw_items += [(d, i, "project", e) for d, i, e in merged["projects"]]

    source_ids = {s["id"] for s in sources}
    stack_ids = {s["id"] for s in stacks}
    phase_order = {p["id"]: p["order"] for p in phases}
    track_ids = {t["id"] for t in tracks}
    cert_ids = {c["id"] for _, _, c in certs}

    def refs(
        doc: Document, loc: tuple[str | int, ...], key: str, values: Iterable[str], known: set[str], what: str
    ) -> None:
        """Each of ``values`` (at ``loc`` + ``key``) that is not ``known``, as a problem. The place is
        put together only for a problem: this runs five times for each of a catalog's items."""
        for j, value in enumerate(values):
            if value not in known:
                problems.append(f"{doc.where((*loc, key, j))}: unknown {what} {value!r}")

    items: list[Item] = []
    origin: dict[str, tuple[Document, tuple[str | int, ...]]] = {}
    for doc, i, kind, e in raw_items:
        section = f"{kind}s"
        loc: tuple[str | int, ...] = (section, i)
        item: Item = {
            "id": e["id"],
            "kind": kind,  # type: ignore[typeddict-item]
            "phase": e["phase"],
            "title": e["title"],
            "description": e.get("description", ""),
            "hours": e["hours"],
            "priority": e.get("priority", "core"),
            "rank": e.get("rank", 0),
            "depends_on": e.get("depends_on", []),
            "stacks": e.get("stacks", []),
            "track": e.get("track"),
            "titles": e.get("titles", {}),
            "stack_hours": e.get("stack_hours", {}),
            "weekly": e.get("weekly"),
            "cert": e.get("cert"),
            "resources": e.get("resources", []),
            "resources_by_stack": e.get("resources_by_stack", {}),
            "sources": e["sources"],
            "deliverables": e.get("deliverables", []),
            "review": e.get("review", []),
        }
        items.append(item)
        origin[item["id"]] = (doc, loc)
        if item["phase"] not in phase_order:
            problems.append(f"{doc.where((*loc, 'phase'))}: unknown phase {item['phase']!r}")
        if item["track"] is not None and item["track"] not in track_ids:
            problems.append(f"{doc.where((*loc, 'track'))}: unknown track {item['track']!r}")
        refs(doc, loc, "sources", item["sources"], source_ids, "source")
        # Most items name no stacks at all: the checks of those are not even called for them.
        if item["stacks"]:
            refs(doc, loc, "stacks", item["stacks"], stack_ids, "stack")
        if item["titles"]:
            refs(doc, loc, "titles", item["titles"], stack_ids, "stack")
        if item["stack_hours"]:
            refs(doc, loc, "stack_hours", item["stack_hours"], stack_ids, "stack")
        if item["resources_by_stack"]:
            refs(doc, loc, "resources_by_stack", item["resources_by_stack"], stack_ids, "stack")
        if item["cert"] is not None and item["cert"] not in cert_ids:
            problems.append(f"{doc.where((*loc, 'cert'))}: unknown certification {item['cert']!r}")
        for key, text in [("title", item["title"]), *((f"titles.{k}", v) for k, v in item["titles"].items())]:
            try:
                bad = [n for n in placeholders_in(text) if n not in PLACEHOLDERS]
            except ValueError:
                bad = ["<unbalanced braces>"]
            if bad:
                used = ", ".join("{" + b + "}" for b in bad)
                allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                problems.append(
                    f"{doc.where((*loc, *key.split('.')))}: {key} uses {used}; titles may use {allowed}"
                )

    by_id = {item["id"]: item for item in items}
    for item in items:
        doc, loc = origin[item["id"]]
        for j, dep_id in enumerate(item["depends_on"]):
            dep = by_id.get(dep_id)
            if dep is None:
                problem = f"{item['id']!r} depends on unknown item {dep_id!r}"
            elif phase_order.get(dep["phase"], 0) > phase_order.get(item["phase"], 0):
                problem = f"{item['id']!r} depends on {dep_id!r}, which is in a later phase"
            elif item["priority"] == "core" and dep["priority"] == "optional":
                problem = f"core item {item['id']!r} depends on optional item {dep_id!r}"
            elif dep["weekly"] is not None:
                problem = (
                    f"{item['id']!r} depends on {dep_id!r}, which is weekly practice running "
                    "alongside other items; depend on what it depends on instead"
                )
            elif dep["cert"] is not None and dep["cert"] != item["cert"]:
                problem = (
                    f"{item['id']!r} depends on {dep_id!r}, which is in the plan only when its "
                    "certification is chosen"
                )
            else:
                continue
            problems.append(f"{doc.where((*loc, 'depends_on', j))}: {problem}")
    problems.extend(_cycles(items, origin))

    for doc, i, phase in phase_entries:
        capstone = phase.get("capstone")
        if capstone is None:
            continue
        target = by_id.get(capstone)
        if target is None or target["kind"] != "project" or target["phase"] != phase["id"]:
            problems.append(
                f"{doc.where(('phases', i, 'capstone'))}: phase {phase['id']!r}: "
                f"capstone {capstone!r} must be a project in that phase"
            )
    for doc, i, cert in certs:
        refs(doc, ("certifications", i), "sources", cert["sources"], source_ids, "source")
        if "phase" in cert and cert["phase"] not in phase_order:
            problems.append(f"{doc.where(('certifications', i, 'phase'))}: unknown phase {cert['phase']!r}")
        refs(doc, ("certifications", i), "stacks", cert.get("stacks", []), stack_ids, "stack")
    for doc, i, skill in merged["skills"]:
        for j, item_id in enumerate(skill.get("items", [])):
            if item_id not in by_id:
                problems.append(f"{doc.where(('skills', i, 'items', j))}: unknown item {item_id!r}")
    career = _career(merged, source_ids, problems)
    aliases: dict[str, str] = {}
    for stack in stacks:
        for name in [stack["id"], *stack.get("aliases", [])]:
            owner = aliases.setdefault(name.lower(), stack["id"])
            if owner != stack["id"]:
                problems.append(f"stack name {name!r} is used by both {owner!r} and {stack['id']!r}")

    return {
        "sources": sources,
        "stacks": stacks,
        "phases": phases,
        "tracks": tracks,
        "items": items,
        "certifications": [c for _, _, c in certs],
        **career,
    }


def _career(
    merged: dict[str, list[tuple[Document, int, dict[str, Any]]]],
    source_ids: set[str],
    problems: list[str],
) -> dict[str, list[dict[str, Any]]]:
    """Places, salary rows, levels and skills: unique ids, known references, figures that make sense."""
    places, levels = merged["places"], merged["levels"]
    market = merged["market"]
    skills, salaries = merged["skills"], merged["salaries"]
    place_ids = {p["id"] for _, _, p in places}
    level_ids = {lv["id"] for _, _, lv in levels}
    for doc, i, row in salaries:
        loc: tuple[str | int, ...] = ("salaries", i)
        if row["source"] not in source_ids:
            problems.append(f"{doc.where((*loc, 'source'))}: unknown source {row['source']!r}")
        if row["place"] not in place_ids:
            problems.append(f"{doc.where((*loc, 'place'))}: unknown place {row['place']!r}")
        if row["level"] != "all" and row["level"] not in level_ids:
            problems.append(f"{doc.where((*loc, 'level'))}: unknown level {row['level']!r}")
        problems.extend(f"{doc.where(loc)}: {p}" for p in _figure_problems(row))
    for doc, i, figure in market:
        if figure["source"] not in source_ids:
            problems.append(f"{doc.where(('market', i, 'source'))}: unknown source {figure['source']!r}")
    for section, entries in (("levels", levels), ("skills", skills)):
        for doc, i, entry in entries:
            for j, source in enumerate(entry["sources"]):
                if source not in source_ids:
                    problems.append(f"{doc.where((section, i, 'sources', j))}: unknown source {source!r}")
    seen: dict[str, str] = {}
    for owner, names in [(p["id"], [p["id"], *p.get("aliases", [])]) for _, _, p in places]:
        for name in names:
            first = seen.setdefault(name.lower(), owner)
            if first != owner:
                problems.append(f"place name {name!r} is used by both {first!r} and {owner!r}")
    seen = {"all": "all"}
    for owner, names in [(lv["id"], [lv["id"], *lv.get("aliases", [])]) for _, _, lv in levels]:
        for name in names:
            first = seen.setdefault(name.lower(), owner)
            if first != owner:
                problems.append(f"level name {name!r} is used by both {first!r} and {owner!r}")
    return {
        "places": [p for _, _, p in places],
        "salaries": [r for _, _, r in salaries],
        "levels": sorted((lv for _, _, lv in levels), key=lambda lv: lv["order"]),
        "skills": [s for _, _, s in skills],
        "market": [f for _, _, f in market],
    }


def _figure_problems(row: dict[str, Any]) -> list[str]:
    """A range has a low and a high (or is open-ended); a single figure has a value and nothing else."""
    name = f"salary row {row['id']!r}"
    if row["stat"] == "range":
        if "value" in row or "low" not in row:
            return [f"{name}: a range has `low` (and `high`, unless open_ended), not `value`"]
        if "high" not in row and not row.get("open_ended"):
            return [f"{name}: a range without `high` must say `open_ended: true` (a figure like $140k+)"]
        if "high" in row and row["high"] < row["low"]:
            return [f"{name}: `high` {row['high']} is below `low` {row['low']}"]
        return []
    if "value" not in row or "low" in row or "high" in row:
        return [f"{name}: stat {row['stat']!r} takes one `value`, not `low`/`high`"]
    return []


def _cycles(items: list[Item], origin: dict[str, tuple[Document, tuple[str | int, ...]]]) -> list[str]:
    """Report each dependency cycle once."""
    state: dict[str, int] = {}
    by_id = {i["id"]: i for i in items}
    found: list[str] = []
    known_deps: dict[str, list[str]] = {}  # worked out once, on the first visit
    for start in by_id:
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, nxt = stack.pop()
            if nxt == 0:
                state[node] = 1
                path.append(node)
                deps = known_deps[node] = [d for d in by_id[node]["depends_on"] if d in by_id]
            else:
                deps = known_deps[node]
            if nxt < len(deps):
                stack.append((node, nxt + 1))
                dep = deps[nxt]
                if state.get(dep) == 1:
                    cycle = [*path[path.index(dep) :], dep]
                    doc, loc = origin[node]
                    found.append(f"{doc.where((*loc, 'depends_on'))}: dependency cycle: {' -> '.join(cycle)}")
                elif dep not in state:
                    stack.append((dep, 0))
            else:
                state[node] = 2
                path.pop()
    return found


def cache_key(files: Sequence[Path]) -> str:
    """A BLAKE2b hash of the version, the cache format, and every pack file's path and bytes.

    BLAKE2b comes from its own C module where there is one: importing ``hashlib`` loads OpenSSL
    first, which takes longer than hashing every built-in pack, on every run.
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module: hashlib has it all the same
        from hashlib import blake2b
    digest = blake2b(f"{__version__}:{CACHE_FORMAT}".encode(), digest_size=32)
    from roadmap_cli.files import MAX_PACK_BYTES, read_regular

    for path in files:
        digest.update(os.fsencode(path) + b"\0")  # a name that is not UTF-8 included
        try:
            # Bounded, and never a FIFO or a device: loading refuses those with a message.
            digest.update(read_regular(path, MAX_PACK_BYTES))
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def cache_path() -> Path:
    return paths.cache_dir() / "catalog.json"


def cache_state(
    extra: Sequence[Path] = (),
) -> Literal["missing", "untrusted", "unreadable", "stale", "current"]:
    """What ``roadmap doctor`` reports of the cache: read the same way a command reads it."""
    from roadmap_cli.files import trusted

    if not cache_path().exists():
        return "missing"
    try:
        if not trusted(cache_path().stat()) or not trusted(cache_path().parent.stat()):
            return "untrusted"
    except OSError:
        return "unreadable"
    payload = _cache_payload()
    if payload is None or "key" not in payload:
        return "unreadable"
    return "current" if _read_cache(cache_key(catalog_files(extra))) is not None else "stale"


def _cache_payload() -> dict[str, Any] | None:
    """The cache as it was written, or None: read as every file is (a FIFO or ``/dev/zero`` in its
    place is not read at all), and believed only when this user alone may write it and its folder."""
    from roadmap_cli.files import MAX_CACHE_BYTES, read_regular, trusted

    path = cache_path()
    try:
        if not trusted(path.stat()) or not trusted(path.parent.stat()):
            return None
        payload = json.loads(read_regular(path, MAX_CACHE_BYTES))
    except (OSError, ValueError, RecursionError):
        return None
    return payload if isinstance(payload, dict) else None


def _read_cache(key: str) -> dict[str, Any] | None:
    payload = _cache_payload()
    if payload is None or payload.get("key") != key:
        return None
    data = payload.get("catalog")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in _CACHED):
        return None
    return data


def _write_cache(key: str, data: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs the next run some time."""
    from roadmap_cli.files import PRIVATE_FILE, PRIVATE_FOLDER, private_folder, trusted

    target = cache_path()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        private_folder(target.parent)
        folder = target.parent.stat()
        if not trusted(folder) and (not hasattr(os, "getuid") or folder.st_uid == os.getuid()):
            # roadmap's own cache folder, made under a looser umask by an earlier version: it is
            # trusted again once no one else may write in it.
            target.parent.chmod(PRIVATE_FOLDER)
        # check_circular=False: the data comes from JSON-shaped YAML and holds no cycles, and on a
        # big catalog the encoder's check of every list and mapping costs a tenth of its time.
        text = json.dumps({"key": key, "catalog": data}, separators=(",", ":"), check_circular=False)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        tmp.replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
