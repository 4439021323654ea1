"""Everything that draws with Rich lives here, imported only by the commands that print."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from roadmap_cli.safetext import safe_lines

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.segment import Segment

    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.doctor import CheckResult
    from roadmap_cli.render.shapes import PacksDoc
    from roadmap_cli.views.packs import ValidationReport
    from roadmap_cli.views.salary import SalaryView


class _SafeConsole(Console):
    """A console that shows control and escape characters in the text it draws, never obeys them.

    Rich drops only a few control characters; an escape sequence in a pack's text or a file name
    would reach the terminal. Every piece of text passes here on its way out, after layout: Rich's
    own styles are not text, so they are untouched."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        from rich.segment import Segment

        return super()._render_buffer(
            segment if segment.control else Segment(safe_lines(segment.text), segment.style)
            for segment in buffer
        )


@lru_cache(maxsize=1)
def stdout() -> Console:
    from roadmap_cli.render.ansi import width

    # Rich takes COLUMNS and LINES as they are; huge or odd ones are bounded the way the plain
    # views bound them (a 5,000-digit COLUMNS is not even a number Python converts).
    environ = dict(os.environ)
    if "COLUMNS" in environ:
        environ["COLUMNS"] = str(width())
    lines = environ.get("LINES", "")
    if lines and not (lines.isascii() and lines.isdigit() and len(lines) <= 4):
        del environ["LINES"]
    columns = width() if "COLUMNS" in os.environ else None
    return _SafeConsole(highlight=False, no_color="NO_COLOR" in os.environ, width=columns, _environ=environ)


def _sources_footer(out: Console, sources: dict[str, dict[str, Any]]) -> None:
    out.print()
    out.print(Text("Sources", "bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, style="dim")
    for sid, source in sources.items():
        grid.add_row(f"  {sid}", f"{source['title']} · {source['publisher']} · data of {source['as_of']}")
    out.print(grid)


def print_salary(view: SalaryView, catalog: Catalog) -> None:
    from roadmap_cli.views.salary import figure_text, level_label, what_text

    out = stdout()
    places = catalog.places
    if view.level is None and view.place is None:
        _salary_matrix(view, catalog, out)
    else:
        where = places[view.place]["name"] if view.place else "every place"
        which = level_label(view.level) if view.level else "every level"
        out.print(Text.assemble(("What the job pays", "bold"), " · ", (f"{which} · {where}", "bold cyan")))
        for span in view.spans:
            out.print()
            out.print(
                Text.assemble(
                    (f"{level_label(span.level)} · {places[span.place]['name']}", "bold"),
                    (f"  ({span.currency})", "dim"),
                )
            )
            table = Table(box=None, padding=(0, 1), show_edge=False)
            table.add_column("Figure", no_wrap=True, style="bold")
            table.add_column("As of", no_wrap=True)
            table.add_column("Source", no_wrap=True)
            table.add_column("What", ratio=1)
            for row in span.rows:
                what = Text(what_text(row))
                if row.get("note"):
                    what.append(f" · {row['note']}", "dim")
                table.add_row(figure_text(row), row["as_of"], row["source"], what)
            out.print(table)
            figures, count = len(span.rows), len(span.sources)
            across = (
                "one figure, from one source"
                if figures == 1
                else f"lowest to highest of {figures} figures from {count} source{'s' if count != 1 else ''}"
            )
            out.print(Text.assemble((" Span ", "cyan"), (span.text, "bold cyan"), (f"  {across}", "dim")))
    if not view.rows:
        level, place = level_label(view.level or ""), places[view.place or ""]["name"]
        out.print(Text(f"No figures for {level} in {place}.", "yellow"))
        out.print(Text(f"{place} has figures for: {', '.join(view.levels_at_place)}", "dim"))
        out.print(Text(f"{level} has figures for: {', '.join(view.places_for_level)}", "dim"))
        return
    if any(r["basis"] != "base" for r in view.rows):
        out.print()
        out.print(
            Text(
                "base salary is pay before stock and bonus; total comp includes them; "
                "basis not stated: the source does not say which.",
                "dim",
            )
        )
    _sources_footer(out, view.sources)


def _salary_matrix(view: SalaryView, catalog: Catalog, out: Console) -> None:
    from roadmap_cli.views.salary import level_label

    out.print(Text.assemble(("What the job pays", "bold"), " · ", ("every level and place", "bold cyan")))
    table = Table(box=None, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Level", no_wrap=True, style="bold")
    for place in view.places:
        name = catalog.places[place]["name"].replace(" ", "\n")
        table.add_column(f"{name}\n{catalog.places[place]['currency']}", no_wrap=True, vertical="top")
    cells = {(s.level, s.place): s for s in view.spans}
    for level in view.levels:
        row = [level_label(level)]
        for place in view.places:
            span = cells.get((level, place))
            row.append(span.text if span else "[dim]-[/dim]")
        table.add_row(*row)
    out.print(table)
    out.print(
        Text(
            "Each cell runs from the lowest to the highest figure the sources give, base salary and "
            "total comp together. Every figure with its source and date: roadmap salary --level senior "
            "--city us",
            "dim",
        )
    )
    for flagged in (catalog.places[p] for p in view.places if catalog.places[p].get("flag")):
        out.print(Text(f"{flagged['name']} ({flagged['currency']}): {flagged['flag']}", "yellow"))


def print_levels(levels: list[dict[str, Any]]) -> None:
    out = stdout()
    out.print(Text("The career ladder", "bold"))
    for level in levels:
        out.print()
        aliases = level.get("aliases", [])
        out.print(
            Text.assemble(
                (f"{level['order']}. {level['title']}", "bold cyan"),
                (f"  {level['years']} years", "bold"),
                (f"  --level {level['id']}" + (f" ({', '.join(aliases)})" if aliases else ""), "dim"),
            )
        )
        out.print(Text(f"   {level['summary']}"))
        for heading, key in (("Expected", "expects"), ("Gets you promoted", "promoted_by")):
            if level.get(key):
                out.print(Text(f"   {heading}:", "bold"))
                for line in level[key]:
                    out.print(Text(f"   • {line}"))
        if level.get("note"):
            out.print(Text(f"   {level['note']}", "dim"))
        out.print(Text(f"   sources: {', '.join(level['sources'])}", "dim"))
    out.print()
    out.print(Text("What each level pays: roadmap salary --level LEVEL", "dim"))


def print_certs(certs: list[dict[str, Any]]) -> None:
    out = stdout()
    out.print(Text("Certifications, in the order the plan reaches them", "bold"))
    for cert in certs:
        out.print()
        out.print(Text.assemble((cert["name"], "bold cyan"), "  ", (cert["issuer"], "bold")))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        if cert["phase"]:
            months = f" · months {cert['months']} of a 12-month plan" if cert["months"] else ""
            grid.add_row("  Phase", f"phase {cert['phase_order']}, {cert['phase_title']}{months}")
        if cert["when"]:
            grid.add_row("  When", cert["when"])
        if cert["study_hours"]:
            grid.add_row("  Study", f"{cert['study_hours']} h (estimated) · {', '.join(cert['study_items'])}")
        if cert["stacks"]:
            grid.add_row("  For", f"the {', '.join(cert['stacks'])} stack only")
        grid.add_row("  Why", cert["why"])
        named = "; ".join(f"{r['title']} ({r['id']}, {r['as_of']})" for r in cert["recommended_by"])
        grid.add_row("  Named by", named)
        default = " · in every plan unless --cert chooses others" if cert["default"] else ""
        grid.add_row("  Id", Text(f"{cert['id']}{default}", "dim"))
        out.print(grid)
    out.print()
    out.print(
        Text(
            "Put one in your plan with `roadmap plan --cert ID` (repeatable); the plan marks with ★ "
            "where its study starts. The what-matters guide advises one or two, not a collection.",
            "dim",
        )
    )


def print_market(figures: list[dict[str, Any]]) -> None:
    out = stdout()
    out.print(Text("The job market, as the guides report it", "bold"))
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Figure", ratio=4)
    table.add_column("Value", ratio=2)
    table.add_column("Source · as of", ratio=2, style="dim")
    topic = None
    for figure in figures:
        if figure["topic"] != topic:
            topic = figure["topic"]
            table.add_row(Text(topic.capitalize(), "bold cyan"), "", "")
        title = Text(figure["title"])
        if figure["note"]:
            title.append(f"\n{figure['note']}", "dim")
        cited = f"\nciting {figure['cited']}" if figure["cited"] else ""
        table.add_row(title, Text(figure["value"], "bold"), f"{figure['source']} · {figure['as_of']}{cited}")
    out.print(table)
    out.print()
    out.print(Text("Each figure as its guide gives it; `roadmap salary` has the pay figures.", "dim"))


def print_skills(skills: list[dict[str, Any]]) -> None:
    out = stdout()
    out.print(Text("Skills: demand, salary impact and when to learn them", "bold"))
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Skill", ratio=3)
    table.add_column("Demand", ratio=2)
    table.add_column("Salary impact", ratio=3)
    table.add_column("Month", no_wrap=True)
    table.add_column("Source", no_wrap=True, style="dim")
    for skill in skills:
        name = Text(skill["name"], "bold")
        if skill.get("note"):
            name.append(f"\n{skill['note']}", "dim")
        table.add_row(
            name,
            skill.get("demand") or "-",
            skill.get("salary_impact") or "-",
            skill.get("months") or "-",
            "\n".join(skill["sources"]),
        )
    out.print(table)
    out.print()
    out.print(Text("Month: when to learn it in a 12-month plan. -: the sources say nothing.", "dim"))


def print_stacks(stacks: list[dict[str, Any]]) -> None:
    out = stdout()
    out.print(Text("Stacks for `roadmap plan --lang` (the first framework is the default)", "bold"))
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("Stack")
    table.add_column("Frameworks")
    table.add_column("ORM")
    table.add_column("Tests")
    table.add_column("Jobs")
    table.add_column("Packages")
    for stack in stacks:
        names = Text(stack["id"], "bold")
        if stack.get("aliases"):
            names.append(f"\n{', '.join(stack['aliases'])}", "dim")
        frameworks = "\n".join(f["id"] for f in stack["frameworks"])
        orm = Text(stack["orm"])
        for fw in stack["frameworks"]:
            if fw.get("orm"):
                orm.append(f"\n{fw['id']}: {fw['orm']}", "dim")
        table.add_row(
            names, frameworks, orm, stack["test_tool"], stack["job_queue"], stack["package_manager"]
        )
    out.print(table)
    notes = [(stack["id"], stack["note"]) for stack in stacks if stack.get("note")]
    if notes:
        out.print()
        out.print(Text("Which tools the guides name, and which are our picks", "bold"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1, style="dim")
        for stack_id, note in notes:
            grid.add_row(f"  {stack_id}", note)
        out.print(grid)
    out.print()
    out.print(Text("Pick one with: roadmap plan --lang STACK --framework FRAMEWORK", "dim"))


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


def print_packs(document: PacksDoc) -> None:
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
