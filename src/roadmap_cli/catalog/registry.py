"""Find the packs, merge them into one catalog, check that it holds together, and cache it.

The cache is a JSON file keyed by the package version and a hash of every pack file's bytes, so a
warm run skips YAML parsing and validation. A stale, corrupt or unreadable cache is rebuilt.

Loading builds a great many small objects and no reference cycles worth collecting, so the garbage
collector rests meanwhile: on a big catalog its passes would cost more than the loading.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_cli import __version__, paths
from roadmap_cli.catalog.catalog import PLACEHOLDERS, Catalog, Item, PackRecord, placeholders_in
from roadmap_cli.errors import ContentError, UsageError

if TYPE_CHECKING:
    from roadmap_cli.catalog.loader import Document

CACHE_FORMAT = 1
_LISTS = ("sources", "stacks", "phases", "tracks", "milestones", "projects", "certifications")
#: The sections of the cached catalog, each a list.
_CACHED = ("packs", "sources", "stacks", "phases", "tracks", "items", "certifications")


def builtin_files() -> list[Path]:
    return sorted(paths.builtin_content_dir().glob("*.yaml"))


def user_files() -> list[Path]:
    folder = paths.user_packs_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _check_given(extra: Iterable[Path]) -> list[Path]:
    found = []
    for path in extra:
        if not path.exists():
            raise UsageError(f"--pack {path}: no such file")
        if path.is_dir():
            raise UsageError(f"--pack {path}: is a directory; give a .yaml file")
        found.append(path)
    return found


def load_catalog(extra: Sequence[Path] = (), *, use_cache: bool = True) -> Catalog:
    """The built-in packs, the user's packs and any ``--pack`` files, merged and checked."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(extra, use_cache)
    finally:
        if collecting:
            gc.enable()


def _load_catalog(extra: Sequence[Path], use_cache: bool) -> Catalog:
    builtin = builtin_files()
    files = [*builtin, *user_files(), *_check_given(extra)]
    key = _cache_key(files)
    if use_cache:
        cached = _read_cache(key)
        if cached is not None:
            try:
                return Catalog(cached)
            except (KeyError, TypeError, AttributeError):
                pass  # the right key over broken content: never trusted, rebuilt below
    data = build_catalog_data(files, builtin=set(builtin))
    if use_cache:
        _write_cache(key, data)
    return Catalog(data)


def build_catalog_data(
    files: Sequence[Path], *, builtin: set[Path] | frozenset[Path] = frozenset()
) -> dict[str, Any]:
    from roadmap_cli.catalog.loader import load_pack_file

    problems: list[str] = []
    merged: dict[str, list[tuple[Document, int, dict[str, Any]]]] = {name: [] for name in _LISTS}
    packs: list[PackRecord] = []
    for path in files:
        try:
            doc, pack = load_pack_file(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        info = pack.get("pack")
        is_builtin = path in builtin
        if info is not None or not is_builtin:
            packs.append(
                {
                    "id": info["id"] if info else path.stem,
                    "title": info["title"] if info else path.name,
                    "version": info["version"] if info else "",
                    "description": info.get("description", "") if info else "",
                    "builtin": is_builtin,
                    "files": [str(path)],
                }
            )
        elif packs and packs[0]["builtin"]:
            packs[0]["files"].append(str(path))
        for name in _LISTS:
            entries: list[dict[str, Any]] = pack.get(name, [])  # type: ignore[assignment]
            merged[name].extend((doc, i, dict(entry)) for i, entry in enumerate(entries))
    if problems:
        raise ContentError(problems)
    data = _assemble(merged, problems)
    data["packs"] = packs
    if problems:
        raise ContentError(problems)
    return data


def _assemble(
    merged: dict[str, list[tuple[Document, int, dict[str, Any]]]], problems: list[str]
) -> dict[str, Any]:
    """Merge the sections, fill defaults and check every reference; problems are appended."""
    seen: dict[tuple[str, str], str] = {}

    def unique(group: str, section: str) -> list[tuple[Document, int, dict[str, Any]]]:
        kept = []
        for doc, i, entry in merged[section]:
            where = doc.where((section, i, "id"))
            first = seen.get((group, entry["id"]))
            if first is not None:
                problems.append(f"{where}: {section[:-1]} id {entry['id']!r} is already defined at {first}")
                continue
            seen[(group, entry["id"])] = where
            kept.append((doc, i, entry))
        return kept

    sources = [e for _, _, e in unique("source", "sources")]
    stacks = [e for _, _, e in unique("stack", "stacks")]
    phase_entries = unique("phase", "phases")
    phases = [e for _, _, e in phase_entries]
    tracks = [e for _, _, e in unique("track", "tracks")]
    certs = unique("certification", "certifications")
    raw_items = [(d, i, "milestone", e) for d, i, e in unique("item", "milestones")]
    raw_items += [(d, i, "project", e) for d, i, e in unique("item", "projects")]

    source_ids = {s["id"] for s in sources}
    stack_ids = {s["id"] for s in stacks}
    phase_order = {p["id"]: p["order"] for p in phases}
    track_ids = {t["id"] for t in tracks}

    def refs(
        doc: Document, loc: tuple[str | int, ...], values: Iterable[str], known: set[str], what: str
    ) -> None:
        for j, value in enumerate(values):
            if value not in known:
                problems.append(f"{doc.where((*loc, j))}: unknown {what} {value!r}")

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
            "sources": e["sources"],
            "deliverables": e.get("deliverables", []),
        }
        items.append(item)
        origin[item["id"]] = (doc, loc)
        if item["phase"] not in phase_order:
            problems.append(f"{doc.where((*loc, 'phase'))}: unknown phase {item['phase']!r}")
        if item["track"] is not None and item["track"] not in track_ids:
            problems.append(f"{doc.where((*loc, 'track'))}: unknown track {item['track']!r}")
        refs(doc, (*loc, "sources"), item["sources"], source_ids, "source")
        refs(doc, (*loc, "stacks"), item["stacks"], stack_ids, "stack")
        refs(doc, (*loc, "titles"), item["titles"], stack_ids, "stack")
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
            where = doc.where((*loc, "depends_on", j))
            dep = by_id.get(dep_id)
            if dep is None:
                problems.append(f"{where}: {item['id']!r} depends on unknown item {dep_id!r}")
            elif phase_order.get(dep["phase"], 0) > phase_order.get(item["phase"], 0):
                problems.append(f"{where}: {item['id']!r} depends on {dep_id!r}, which is in a later phase")
            elif item["priority"] == "core" and dep["priority"] == "optional":
                problems.append(f"{where}: core item {item['id']!r} depends on optional item {dep_id!r}")
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
        refs(doc, ("certifications", i, "sources"), cert["sources"], source_ids, "source")
        if "phase" in cert and cert["phase"] not in phase_order:
            problems.append(f"{doc.where(('certifications', i, 'phase'))}: unknown phase {cert['phase']!r}")
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
    }


def _cycles(items: list[Item], origin: dict[str, tuple[Document, tuple[str | int, ...]]]) -> list[str]:
    """Report each dependency cycle once."""
    state: dict[str, int] = {}
    by_id = {i["id"]: i for i in items}
    found: list[str] = []
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
            deps = [d for d in by_id[node]["depends_on"] if d in by_id]
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


def _cache_key(files: Sequence[Path]) -> str:
    """A BLAKE2b hash of the version, the cache format, and every pack file's path and bytes.

    BLAKE2b comes from its own C module where there is one: importing ``hashlib`` loads OpenSSL
    first, which takes longer than hashing every built-in pack, on every run.
    """
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module: hashlib has it all the same
        from hashlib import blake2b
    digest = blake2b(f"{__version__}:{CACHE_FORMAT}".encode(), digest_size=32)
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def _cache_path() -> Path:
    return paths.cache_dir() / "catalog.json"


def _read_cache(key: str) -> dict[str, Any] | None:
    try:
        with _cache_path().open("rb") as fh:
            payload = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("key") != key:
        return None
    data = payload.get("catalog")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list) for k in _CACHED):
        return None
    return data


def _write_cache(key: str, data: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written only costs the next run some time."""
    target = _cache_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, "catalog": data}, separators=(",", ":")), encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass
