"""The checks behind ``roadmap doctor``: each looks at one thing and says ok, warn or fail.

A check is a function of a :class:`Context` returning a :class:`CheckResult`; ``CHECKS`` is the
list ``roadmap doctor`` runs, in order, so a new check is one function added to it. Checks only
read: the progress database is opened read-only, and nothing is written or repaired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from roadmap_cli import paths
from roadmap_cli.errors import ContentError, ExitCode

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog

Status = Literal["ok", "warn", "fail"]
DOCTOR_JSON_VERSION = 1
DATABASE_NAME = "progress.sqlite3"


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str
    exit_code: ExitCode = ExitCode.FAILURE  # what a failure of this check makes the command exit with


@dataclass
class Context:
    extra_packs: tuple[Path, ...] = ()
    #: The merged catalog, once a pack check has loaded it; later checks (ticks whose ids are gone) use it.
    catalog: Catalog | None = None
    notes: dict[str, Any] = field(default_factory=dict)


Check = Callable[[Context], CheckResult]


def _problems(exc: ContentError, limit: int = 20) -> str:
    lines = exc.problems[:limit]
    rest = len(exc.problems) - len(lines) + sum(exc.more.values())
    if rest:
        lines.append(f"... and {rest:,} more")
    return "\n".join(lines)


def check_builtin_packs(ctx: Context) -> CheckResult:
    from roadmap_cli.catalog.registry import build_catalog_data, builtin_files

    name = "built-in packs"
    files = builtin_files()
    if not files:
        return CheckResult(
            name, "fail", f"no pack files in {paths.builtin_content_dir()}; reinstall roadmap-cli"
        )
    try:
        data = build_catalog_data(files, builtin=set(files))
    except ContentError as exc:
        return CheckResult(name, "fail", _problems(exc), ExitCode.BAD_CONTENT)
    packs = ", ".join(f"{p['id']} {p['version']}" for p in data["packs"])
    return CheckResult(name, "ok", f"{packs}: {len(data['items'])} items in {len(files)} files")


def check_user_packs(ctx: Context) -> CheckResult:
    from roadmap_cli.catalog.registry import load_catalog, user_files

    name = "your packs"
    folder = paths.user_packs_dir()
    count = len(user_files()) + len(ctx.extra_packs)
    try:
        ctx.catalog = load_catalog(ctx.extra_packs, use_cache=False)
    except ContentError as exc:
        return CheckResult(name, "fail", _problems(exc), ExitCode.BAD_CONTENT)
    if count == 0:
        return CheckResult(name, "ok", f"none in {folder} (start one with `roadmap packs new NAME`)")
    theirs = [p for p in ctx.catalog.packs if not p["builtin"]]
    listed = ", ".join(f"{p['id']} {p['version']}".strip() for p in theirs)
    replaced = sum(len(p["replaces"]) for p in theirs)
    extra = f"; they replace {replaced} built-in item(s)" if replaced else ""
    return CheckResult(name, "ok", f"{count} file(s) valid in {folder}: {listed}{extra}")


def check_cache(ctx: Context) -> CheckResult:
    import json

    from roadmap_cli.catalog import registry

    name = "catalog cache"
    target = registry.cache_path()
    if not target.exists():
        return CheckResult(name, "ok", f"not built yet; the next command makes {target}")
    try:
        payload = json.loads(target.read_bytes())
    except (OSError, ValueError) as exc:
        return CheckResult(name, "warn", f"{target} cannot be read ({exc}); the next command rebuilds it")
    if not isinstance(payload, dict) or "key" not in payload:
        return CheckResult(name, "warn", f"{target} is not a catalog cache; the next command rebuilds it")
    if payload["key"] != registry.cache_key(registry.catalog_files(ctx.extra_packs)):
        return CheckResult(name, "ok", f"{target} is out of date; the next command rebuilds it")
    return CheckResult(name, "ok", f"{target} is up to date")


def check_database(ctx: Context) -> CheckResult:
    import sqlite3
    from contextlib import closing

    name = "progress database"
    target = paths.data_dir() / DATABASE_NAME
    if not target.exists():
        return CheckResult(name, "ok", f"none yet at {target}; it is made when you first save progress")
    try:
        with closing(sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            (version,) = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as exc:
        return CheckResult(name, "fail", f"{target} cannot be read as a database: {exc}")
    found = [str(r[0]) for r in rows]
    if found != ["ok"]:
        shown = "; ".join(found[:5])
        return CheckResult(name, "fail", f"{target} is damaged: {shown}")
    from roadmap_cli.progress.store import LATEST_VERSION

    if version > LATEST_VERSION:
        return CheckResult(
            name,
            "fail",
            f"{target} is from a newer roadmap (schema version {version}; this one knows up to "
            f"{LATEST_VERSION}); it was left as it is: upgrade roadmap-cli to use it",
        )
    ctx.notes["database_version"] = version
    return CheckResult(name, "ok", f"{target}: intact, schema version {version}")


def check_orphans(ctx: Context) -> CheckResult:
    """Progress on ids the content no longer has: reported so the person knows, and never dropped."""
    name = "progress on removed items"
    if "database_version" not in ctx.notes:
        return CheckResult(name, "ok", "no progress to check")
    if ctx.catalog is None:
        return CheckResult(name, "warn", "not checked: the packs could not be read")
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.progress.store import open_store

    try:
        with open_store(readonly=True) as store:
            orphans = store.orphans(ctx.catalog.by_id)
    except RoadmapError as exc:
        return CheckResult(name, "fail", exc.message)
    if not orphans:
        return CheckResult(name, "ok", "every tick, skip and note is on an item the content has")
    shown = ", ".join(orphans[:10]) + (f" and {len(orphans) - 10} more" if len(orphans) > 10 else "")
    return CheckResult(
        name,
        "warn",
        f"{len(orphans)} id{'s' if len(orphans) != 1 else ''} with progress that no pack has now: {shown}. "
        "Their history is kept; bring the pack back (or --pack it) to count them again.",
    )


#: The checks ``roadmap doctor`` runs, in order.
CHECKS: list[Check] = [check_builtin_packs, check_user_packs, check_cache, check_database, check_orphans]


def run_checks(ctx: Context, checks: list[Check] | None = None) -> list[CheckResult]:
    return [check(ctx) for check in (CHECKS if checks is None else checks)]


def exit_code(results: list[CheckResult]) -> ExitCode:
    """0 when nothing failed; otherwise the most specific failure (a bad pack is 65)."""
    failed = [r.exit_code for r in results if r.status == "fail"]
    if not failed:
        return ExitCode.OK
    return ExitCode.BAD_CONTENT if ExitCode.BAD_CONTENT in failed else max(failed)


def doctor_document(results: list[CheckResult]) -> dict[str, Any]:
    return {
        "version": DOCTOR_JSON_VERSION,
        "healthy": exit_code(results) == ExitCode.OK,
        "checks": [{"name": r.name, "status": r.status, "detail": r.detail} for r in results],
    }
