"""The checks behind ``roadmap doctor``: each looks at one thing and says ok, warn or fail.

A check is a function of a :class:`Context` returning a :class:`CheckResult` (declared with the views,
in :mod:`roadmap_cli.views.doctor`, for render to read); ``CHECKS`` is the
list ``roadmap doctor`` runs, in order, so a new check is one function added to it. Checks only
read: the progress database is opened read-only, and nothing is written or repaired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_cli import paths
from roadmap_cli.errors import ContentError, ExitCode
from roadmap_cli.render.units import count_text
from roadmap_cli.views.doctor import CheckResult as CheckResult
from roadmap_cli.views.doctor import Status as Status

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog


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
    return CheckResult(
        name, "ok", f"{packs}: {count_text(len(data['items']), 'item')} in {count_text(len(files), 'file')}"
    )


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
    replaced = len({item_id for p in theirs for item_id in p["replaces"]})  # an id replaced twice is one
    extra = f"; they replace {replaced} built-in item(s)" if replaced else ""
    found = f"{count} file(s) valid in {folder}: {listed}{extra}"
    if ctx.catalog.warnings:
        return CheckResult(name, "warn", "\n".join([found, *ctx.catalog.warnings]))
    return CheckResult(name, "ok", found)


def check_cache(ctx: Context) -> CheckResult:
    from roadmap_cli.catalog import registry

    name = "catalog cache"
    target = registry.cache_path()
    state = registry.cache_state(ctx.extra_packs)
    if state == "missing":
        return CheckResult(name, "ok", f"not built yet; the next command makes {target}")
    if state == "untrusted":
        return CheckResult(
            name,
            "warn",
            f"{target} (or its folder) is not yours alone to write, so it is not used; the next "
            f"command rebuilds it when it can (`chmod 700 {target.parent}` if the folder is yours)",
        )
    if state == "unreadable":
        return CheckResult(name, "warn", f"{target} is not a catalog cache; the next command rebuilds it")
    if state == "stale":
        return CheckResult(name, "ok", f"{target} is out of date; the next command rebuilds it")
    return CheckResult(name, "ok", f"{target} is up to date")


def check_database(ctx: Context) -> CheckResult:
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.progress.store import database_path, open_store

    name = "progress database"
    target = database_path()
    if not target.exists():
        return CheckResult(name, "ok", f"none yet at {target}; it is made when you first save progress")
    try:
        with open_store(readonly=True, require_schema=False) as store:
            found = store.integrity()
            version = store.schema_version()
    except RoadmapError as exc:
        return CheckResult(name, "fail", exc.message)
    if found:
        return CheckResult(name, "fail", f"{target} is damaged: {'; '.join(found[:5])}")
    if version == 0:
        return CheckResult(name, "ok", f"{target}: empty, no progress saved yet")
    ctx.notes["database"] = True
    return CheckResult(name, "ok", f"{target}: intact, schema version {version}")


def check_saved_data(ctx: Context) -> CheckResult:
    """What SQLite cannot see: every saved plan parses."""
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.progress.saved import SavedPlanError
    from roadmap_cli.progress.store import open_store

    name = "saved plans"
    if "database" not in ctx.notes:
        return CheckResult(name, "ok", "nothing saved to check")
    try:
        with open_store(readonly=True, require_schema=False) as store:
            stored = store.plans()
    except RoadmapError as exc:
        return CheckResult(name, "fail", exc.message)
    problems = []
    for row in stored:
        try:
            plan = row.plan()
        except SavedPlanError as exc:
            problems.append(exc.message)
            continue
        if row.active:
            ctx.notes["active_plan"] = plan
    if problems:
        return CheckResult(name, "fail", _listed(problems))
    return CheckResult(name, "ok", f"{len(stored)} saved plan{'s' if len(stored) != 1 else ''}, all readable")


def check_history(ctx: Context) -> CheckResult:
    """Every event understood, and the kept state of every item what the history adds up to."""
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.progress.models import ProgressState
    from roadmap_cli.progress.store import open_store

    name = "history"
    if "database" not in ctx.notes:
        return CheckResult(name, "ok", "nothing saved to check")
    try:
        with open_store(readonly=True, require_schema=False) as store:
            history = store.events()
            replayed = ProgressState.replay(history)  # what store.replay() does, without reading it twice
            kept = store.state()
    except RoadmapError as exc:
        return CheckResult(name, "fail", exc.message)
    ctx.notes["state"] = replayed
    differ = sorted(
        item_id
        for item_id in set(replayed.items) | set(kept.items)
        if item_id not in replayed.items
        or item_id not in kept.items
        or replayed.items[item_id].to_json() != kept.items[item_id].to_json()
        or replayed.items[item_id].notes != kept.items[item_id].notes
    )
    if differ or kept.unapplied:
        shown = ", ".join(differ[:5]) + (" ..." if len(differ) > 5 else "")
        return CheckResult(
            name,
            "fail",
            f"the kept progress does not match the history ({count_text(len(differ), 'item')} differ"
            f"{'s' if len(differ) == 1 else ''}: {shown}; {count_text(kept.unapplied, 'event')} not "
            "counted). `roadmap doctor --repair` works it out again from "
            "the history, which is the record",
        )
    if replayed.ignored:
        lines = [f"event {uid}: {why}" for uid, why in replayed.ignored]
        return CheckResult(
            name,
            "warn",
            _listed(lines) + "\nThese events are kept but left out of every count.",
        )
    return CheckResult(
        name,
        "ok",
        f"{count_text(len(history), 'event')}, progress on {count_text(len(replayed.items), 'item')}, "
        "all counted",
    )


def _listed(lines: list[str], limit: int = 10) -> str:
    return "\n".join(lines[:limit]) + (f"\n... and {len(lines) - limit} more" if len(lines) > limit else "")


def check_orphans(ctx: Context) -> CheckResult:
    """Progress on ids that neither the plan nor the content has: reported, and never dropped."""
    from roadmap_cli.lookup import catalog_ids
    from roadmap_cli.progress.counting import find_orphans

    name = "progress on removed items"
    state = ctx.notes.get("state")
    if state is None:
        return CheckResult(name, "ok", "no progress to check")
    if ctx.catalog is None:
        return CheckResult(name, "warn", "not checked: the packs could not be read")
    plan = ctx.notes.get("active_plan")
    orphans = find_orphans(state.tracked(), plan, catalog_ids(ctx.catalog))
    if not orphans:
        return CheckResult(name, "ok", "every tick, skip and note is on an item of your plan or the content")
    shown = ", ".join(orphans[:10]) + (f" and {len(orphans) - 10} more" if len(orphans) > 10 else "")
    return CheckResult(
        name,
        "warn",
        f"{len(orphans)} id{'s' if len(orphans) != 1 else ''} with progress that no pack has now: {shown}. "
        "Their history is kept; bring the pack back (or --pack it) to count them again.",
    )


#: The checks ``roadmap doctor`` runs, in order.
CHECKS: list[Check] = [
    check_builtin_packs,
    check_user_packs,
    check_cache,
    check_database,
    check_saved_data,
    check_history,
    check_orphans,
]


def run_checks(ctx: Context, checks: list[Check] | None = None) -> list[CheckResult]:
    return [check(ctx) for check in (CHECKS if checks is None else checks)]


def exit_code(results: list[CheckResult]) -> ExitCode:
    """0 when nothing failed; otherwise the most specific failure (a bad pack is 65)."""
    failed = [r.exit_code for r in results if r.status == "fail"]
    if not failed:
        return ExitCode.OK
    return ExitCode.BAD_CONTENT if ExitCode.BAD_CONTENT in failed else max(failed)
