"""Everything that draws with Rich lives here, imported only by the commands that print."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from roadmap_cli.render.jsonout import hours

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.doctor import CheckResult
    from roadmap_cli.planner import Plan
    from roadmap_cli.views.packs import ValidationReport


@lru_cache(maxsize=1)
def stdout() -> Console:
    return Console(highlight=False, no_color="NO_COLOR" in os.environ)


@lru_cache(maxsize=1)
def stderr() -> Console:
    return Console(stderr=True, highlight=False, no_color="NO_COLOR" in os.environ)


def _day(value: date) -> str:
    return f"{value:%a} {value.isoformat()}"


def _h(minutes: int) -> str:
    return f"{hours(minutes)} h"


def print_plan(plan: Plan, catalog: Catalog, *, by_week: bool) -> None:
    out = stdout()
    req = plan.request
    low, high = req.months
    window = f"{low}-{high}" if low != high else f"{high}"
    out.print(
        Text.assemble(
            ("Backend study plan", "bold"),
            " · ",
            (f"{plan.stack['name']} with {plan.framework['name']}", "bold cyan"),
        )
    )
    tools = plan.tools
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="dim")
    summary.add_column()
    summary.add_row(
        "Tools", f"{tools['orm']} · {tools['test_tool']} · {tools['job_queue']} · {tools['package_manager']}"
    )
    summary.add_row(
        "Pace",
        f"{req.hours_per_week:g} h/week · {_h(plan.total_minutes)} in all · {len(plan.weeks)} weeks",
    )
    summary.add_row(
        "Dates",
        f"{_day(plan.start)} → {_day(plan.end)} · {plan.months:g} months (window {window} months)",
    )
    core = sum(1 for s in plan.items if s.item["priority"] == "core")
    extra = f" + {len(plan.items) - core} optional" if len(plan.items) > core else ""
    left = f" ({len(plan.left_out)} optional left out)" if plan.left_out else ""
    summary.add_row("Items", f"{core} core{extra}{left}")
    out.print(summary)
    for warning in plan.warnings:
        out.print(Text.assemble(("! ", "bold yellow"), (warning, "yellow")))
    out.print()
    if by_week:
        _weeks_table(plan, out)
    else:
        _months_table(plan, catalog, out)


def _months_table(plan: Plan, catalog: Catalog, out: Console) -> None:
    by_id = {s.item["id"]: s for s in plan.items}
    months: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
    for week in plan.weeks:
        first = plan.start if week.index == 0 else week.start
        months[(first.year, first.month)].extend(week.slices)
    phase_no = {p["id"]: n for n, p in enumerate(catalog.phases, 1)}
    for n, ((year, month), slices) in enumerate(months.items()):
        if n:
            out.print()
        seen: dict[str, int] = {}
        for item_id, minutes in slices:
            seen[item_id] = seen.get(item_id, 0) + minutes
        phases = dict.fromkeys(by_id[i].item["phase"] for i in seen)
        heading = Text.assemble(
            (f"{date(year, month, 1):%b %Y}", "bold"),
            (f"  {_h(sum(seen.values()))}  ", "dim"),
            (" · ".join(f"{phase_no[p]}. {catalog.phase(p)['title']}" for p in phases), "cyan"),
        )
        out.print(heading)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True, style="dim")
        for item_id in seen:
            sched = by_id[item_id]
            done_here = (sched.end.year, sched.end.month) == (year, month)
            label = Text(sched.title)
            if sched.item["kind"] == "project":
                label = Text.assemble(("Project: ", "bold"), (sched.title, "bold"))
            elif sched.item["priority"] == "optional":
                label.append(" (optional)", "dim")
            grid.add_row(" ✓" if done_here else " …", label, item_id)
        out.print(grid)
    out.print()
    out.print(
        Text("✓ finishes that month · … carries on into the next · ids are what `roadmap check` takes", "dim")
    )


def _weeks_table(plan: Plan, out: Console) -> None:
    titles = {s.item["id"]: s.title for s in plan.items}
    table = Table(expand=False)
    table.add_column("Week", justify="right", no_wrap=True)
    table.add_column("Starts", no_wrap=True)
    table.add_column("What to study")
    table.add_column("Hours", justify="right", no_wrap=True)
    for week in plan.weeks:
        first = plan.start if week.index == 0 else week.start
        work = "\n".join(f"{escape(titles[i])} [dim]({_h(m)})[/dim]" for i, m in week.slices)
        table.add_row(str(week.index + 1), _day(first), work, _h(week.used))
    out.print(table)


def _one(section: str) -> str:
    return section[:-3] + "y" if section.endswith("ies") else section.removesuffix("s")


_SECTION_ORDER = ("milestones", "projects", "phases", "stacks", "tracks", "certifications", "sources")


def _counts(counts: dict[str, int]) -> str:
    """``44 milestones, 5 projects, ...``: the sections a person cares about first."""
    order = sorted(counts, key=lambda s: (_SECTION_ORDER.index(s) if s in _SECTION_ORDER else 99, s))
    parts = [f"{counts[s]} {s if counts[s] != 1 else _one(s)}" for s in order]
    return ", ".join(parts) or "nothing"


def _origin(file: str, folder: str) -> str:
    """A user pack by its name in the packs folder; a --pack file by its path."""
    path = Path(file)
    return f"your packs folder: {path.name}" if str(path.parent) == folder else f"--pack {file}"


def print_packs(document: dict[str, Any]) -> None:
    """``roadmap packs list``: each pack with its version, where it comes from and what it holds."""
    out = stdout()
    folder = document["user_packs_dir"]
    for pack in document["packs"]:
        origin = "built-in" if pack["builtin"] else ", ".join(_origin(f, folder) for f in pack["files"])
        out.print(
            Text.assemble((pack["id"], "bold cyan"), f" {pack['version']}".rstrip(), ("  " + origin, "dim")),
            soft_wrap=True,
        )
        if pack["title"] != Path(pack["files"][0]).name:
            out.print(Text(f"  {pack['title']}"), soft_wrap=True)
        items = _counts(pack["counts"])
        if pack["replaces"]:
            items += f" · replaces {', '.join(pack['replaces'])}"
        out.print(Text(f"  {items}"), soft_wrap=True)
    if not any(not p["builtin"] for p in document["packs"]):
        out.print()
        out.print("No packs of your own yet; start one with `roadmap packs new NAME`.", soft_wrap=True)
    out.print()
    out.print(f"Your packs folder: {escape(folder)}", style="dim", soft_wrap=True)


def print_validation(report: ValidationReport) -> None:
    """``roadmap packs validate``: a line per file; the problems themselves go to stderr."""
    out = stdout()
    for f in report.files:
        if f.valid:
            what = f" · {f.pack['id']} {f.pack['version']}".rstrip() if f.pack else ""
            counts = f": {_counts(f.pack['counts'])}" if f.pack else ""
            if f.pack and f.pack["replaces"]:
                counts += f" (replaces {', '.join(f.pack['replaces'])})"
            out.print(Text.assemble(("✓ ", "green"), f"{f.path}{what}{counts}"), soft_wrap=True)
        else:
            n = len(f.problems) + f.unlisted
            out.print(
                Text.assemble(("✗ ", "red"), f"{f.path}: {n:,} problem{'s' if n != 1 else ''}"),
                soft_wrap=True,
            )


_MARKS = {"ok": ("✓", "green"), "warn": ("!", "yellow"), "fail": ("✗", "red")}


def print_doctor(results: list[CheckResult]) -> None:
    out = stdout()
    for result in results:
        mark, style = _MARKS[result.status]
        first, *rest = result.detail.splitlines() or [""]
        out.print(Text.assemble((f"{mark} ", style), (f"{result.name}:", "bold"), f" {first}"))
        for line in rest:
            out.print(Text(f"    {line}"), soft_wrap=True)
