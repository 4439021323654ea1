"""The reference views (`salary`, `levels`, `certs`, `skills`, `market`, `stacks`, `packs`, `doctor`),
laid out by :mod:`roadmap_cli.render.term` like every other human view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_cli.render.term import Column, fields, heading, para, table, term, write
from roadmap_cli.render.units import day_text, months_text
from roadmap_cli.safetext import safe

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.views.doctor import CheckResult
    from roadmap_cli.views.packs import PackList, ValidationReport
    from roadmap_cli.views.salary import SalaryView


def _sources_footer(sources: dict[str, dict[str, Any]]) -> list[str]:
    pairs = [
        (sid, f"{source['title']} · {source['publisher']} · data of {source['as_of']}")
        for sid, source in sources.items()
    ]
    return ["", *heading("Sources"), *fields(pairs, dim=[sid for sid, _ in pairs])]


def print_salary(view: SalaryView, catalog: Catalog) -> None:
    from roadmap_cli.views.salary import BASIS_LABELS, figure_text, level_label, what_text

    t = term()
    places = catalog.places
    out: list[str] = []
    if view.level is None and view.place is None:
        out += _salary_matrix(view, catalog)
    else:
        where = places[view.place]["name"] if view.place else "every place"
        which = level_label(view.level) if view.level else "every level"
        out += para(f"{which} · {where}", "bold", "cyan", first=t.paint("What the job pays", "bold") + " · ")
        for span in view.spans:
            out += [
                "",
                *para(
                    f"{level_label(span.level)} · {places[span.place]['name']} · "
                    f"{BASIS_LABELS[span.basis]}  ({span.currency})",
                    "bold",
                ),
            ]
            rows = []
            for row in span.rows:
                what = what_text(row) + (f" · {row['note']}" if row.get("note") else "")
                rows.append([figure_text(row), row["as_of"], row["source"], what])
            columns = [Column("Figure", ("bold",)), Column("As of"), Column("Source"), Column("What")]
            out += table(columns, rows)
            figures, count = len(span.rows), len(span.sources)
            sources = f"{count} source{'s' if count != 1 else ''}"
            if figures == 1:
                across = "one figure, from one source"
            elif span.floors_only:
                across = f"{figures} floors from {sources}, none with a top: listed, not joined"
            else:
                across = f"lowest to highest of {figures} figures from {sources}"
            out += para(f"{span.text}  {across}", first=t.paint("Span", "bold", "cyan") + " ")
    if not view.rows:
        level, place = level_label(view.level or ""), places[view.place or ""]["name"]
        out += para(f"No figures for {level} in {place}.", "bold")
        out += para(f"{place} has figures for: {', '.join(view.levels_at_place)}")
        out += para(f"{level} has figures for: {', '.join(view.places_for_level)}")
        write(out)
        return
    if any(r["basis"] != "base" for r in view.rows):
        out += [
            "",
            *para(
                "base salary is pay before stock and bonus; total comp includes them; "
                "basis not stated: the source does not say which.",
                "dim",
            ),
        ]
    out += _sources_footer(view.sources)
    write(out, pager=True)


def _salary_matrix(view: SalaryView, catalog: Catalog) -> list[str]:
    from roadmap_cli.views.salary import level_label

    t = term()
    out = para("every level and place", "bold", "cyan", first=t.paint("What the job pays", "bold") + " · ")
    columns = [Column("Level", ("bold",))]
    for place in view.places:
        columns.append(Column(f"{catalog.places[place]['name']} ({catalog.places[place]['currency']})"))
    cells: dict[tuple[str, str], list[str]] = {}
    for span in view.spans:  # one line per kind of pay: base salary and total comp never joined
        cells.setdefault((span.level, span.place), []).append(span.text)
    rows = []
    for level in view.levels:
        row = [level_label(level)]
        for place in view.places:
            row.append("\n".join(cells.get((level, place), ["-"])))
        rows.append(row)
    out += table(columns, rows)
    out += [
        "",
        *para(
            "Each line of a cell is one kind of pay (base salary, total comp, or basis not stated), "
            "from its lowest to its highest figure; a line built from more than one source says how "
            "many, and floors (figures with a +) that no source gives a top for are listed, not joined. "
            "Every figure with its source and date: roadmap salary --level senior --city usd",
            "dim",
        ),
    ]
    for flagged in (catalog.places[p] for p in view.places if catalog.places[p].get("flag")):
        out += para(
            f"{flagged['name']} ({flagged['currency']}): {flagged['flag']}", first=t.mark("warn") + " "
        )
    return out


def print_levels(levels: list[dict[str, Any]]) -> None:
    t = term()
    out = heading("The career ladder")
    rungs = [lv["order"] for lv in levels]
    for level in levels:
        aliases = level.get("aliases", [])
        flag = f"--level {level['id']}" + (f" ({', '.join(aliases)})" if aliases else "")
        shared = rungs.count(level["order"]) > 1  # two guides' names for one rung (staff, lead)
        rung = f"{level['order']}{' (same rung)' if shared else ''}"
        out += [
            "",
            *para(f"{rung}. {level['title']} · {level['years']} years · {flag}", "bold", "cyan"),
        ]
        out += para(level["summary"], indent=3)
        for title, key in (("Expected", "expects"), ("Gets you promoted", "promoted_by")):
            if level.get(key):
                out.append("   " + t.paint(f"{title}:", "bold"))
                for line in level[key]:
                    out += para(line, indent=3, first="• ")
        if level.get("note"):
            out += para(level["note"], "dim", indent=3)
        as_of = f" · as of {level['as_of']}" if level.get("as_of") else ""
        out += para(f"sources: {', '.join(level['sources'])}{as_of}", "dim", indent=3)
    out += ["", *para("What each level pays: roadmap salary --level LEVEL", "dim")]
    write(out, pager=True)


def print_certs(certs: list[dict[str, Any]]) -> None:
    t = term()
    out = heading("Certifications, in the order the plan reaches them")
    for n, cert in enumerate(certs):
        if not cert["your_stack"] and (n == 0 or certs[n - 1]["your_stack"]):
            out += ["", *heading("For other stacks")]
        out += [
            "",
            *para(cert["issuer"], "bold", first=t.paint(cert["name"], "bold", "cyan") + "  ", width=t.width),
        ]
        pairs: list[tuple[str, str]] = []
        yours = cert["your_plan"]
        if cert["phase"]:
            months = f" · months {cert['months']} of a 12-month plan" if cert["months"] else ""
            if yours is not None:  # the learner's own dates, not the guides' months
                phase_start, phase_end = yours["phase_start"], yours["phase_end"]
                months = f" · in your plan {months_text(phase_start, phase_end)}" if phase_start else ""
            pairs.append(("Phase", f"phase {cert['phase_order']}, {cert['phase_title']}{months}"))
        if yours is not None and yours["in_plan"]:
            study = (
                f"study from {day_text(yours['start'])} to {day_text(yours['end'])}"
                if yours["start"]
                else "its study is done"
            )
            pairs.append(("Your plan", study))
        elif yours is not None and yours["fits"]:
            pairs.append(("Your plan", f"not in it; `roadmap replan --cert {cert['id']}` puts it in"))
        elif yours is not None:
            pairs.append(("Your plan", "not in it: your plan is for another stack"))
        if cert["when"]:  # the guides' advice, in the months of their 12-month plan
            pairs.append(("Guides say" if yours is not None else "When", cert["when"]))
        if cert["study_hours"]:
            pairs.append(("Study", f"{cert['study_hours']} h (estimated) · {', '.join(cert['study_items'])}"))
        if cert["stacks"]:
            pairs.append(("For", f"the {', '.join(cert['stacks'])} stack only"))
        pairs.append(("Why", cert["why"]))
        named = "; ".join(f"{r['title']} ({r['id']}, {r['as_of']})" for r in cert["recommended_by"])
        pairs.append(("Named by", named))
        default = " · in every plan unless --cert chooses others" if cert["default"] else ""
        pairs.append(("Id", f"{cert['id']}{default}"))
        out += fields(pairs)
    command = "replan" if any(c["your_plan"] is not None for c in certs) else "plan"
    out += [
        "",
        *para(
            f"Put one in your plan with `roadmap {command} --cert ID` (repeatable); the plan marks with "
            f"{t.mark('cert')} where its study starts. The what-matters guide advises one or two, not a "
            "collection.",
            "dim",
        ),
    ]
    write(out, pager=True)


def print_market(figures: list[dict[str, Any]]) -> None:
    out = heading("The job market and the path, as the guides report them")
    columns = [Column("Figure"), Column("Value", ("bold",)), Column("Source · as of")]
    topic = None
    rows: list[list[str]] = []
    for figure in figures:
        if figure["topic"] != topic:
            if rows:
                out += ["", *heading(str(topic).capitalize(), "cyan"), *table(columns, rows)]
            topic, rows = figure["topic"], []
        title = figure["title"] + (f"\n{figure['note']}" if figure["note"] else "")
        cited = f"\nciting {figure['cited']}" if figure["cited"] else ""
        rows.append([title, figure["value"], f"{figure['source']} · {figure['as_of']}{cited}"])
    if rows:
        out += ["", *heading(str(topic).capitalize(), "cyan"), *table(columns, rows)]
    out += ["", *para("Each figure as its guide gives it; `roadmap salary` has the pay figures.", "dim")]
    write(out, pager=True)


def print_skills(skills: list[dict[str, Any]]) -> None:
    out = heading("Skills: demand, salary impact and when to learn them")
    columns = [
        Column("Skill", ("bold",)),
        Column("Demand"),
        Column("Salary impact"),
        Column("Month"),
        Column("Source"),
    ]
    planned = any(skill.get("your_plan") is not None for skill in skills)

    def month(skill: dict[str, Any]) -> str:
        yours = skill.get("your_plan")
        if yours is not None and yours["start"] is not None:
            return str(months_text(yours["start"], yours["end"]))
        if yours is not None and yours["in_plan"]:
            return "done"
        if yours is not None and skill.get("items"):
            return "not in your plan"
        generic = skill.get("months")
        return f"{generic} of 12" if generic and planned else generic or "-"

    rows = [
        [
            skill["name"] + (f"\n{skill['note']}" if skill.get("note") else ""),
            skill.get("demand") or "-",
            skill.get("salary_impact") or "-",
            month(skill),
            "\n".join(skill["sources"]) + (f"\nas of {skill['as_of']}" if skill.get("as_of") else ""),
        ]
        for skill in skills
    ]
    out += table(columns, rows)
    said = (
        "Month: when your plan teaches it; N of 12: the month of a 12-month plan the guides give, for a "
        "skill no item of the plan teaches. -: the sources say nothing."
        if planned
        else "Month: when to learn it in a 12-month plan. -: the sources say nothing."
    )
    out += ["", *para(said, "dim")]
    write(out, pager=True)


def print_stacks(stacks: list[dict[str, Any]]) -> None:
    out = heading("Stacks for `roadmap plan --lang` (the first framework is the default)")
    columns = [
        Column("Stack", ("bold",)),
        Column("Frameworks"),
        Column("ORM or query layer"),
        Column("Migrations"),
        Column("Tests"),
        Column("Jobs"),
        Column("Packages"),
    ]
    rows = []
    for stack in stacks:
        names = stack["id"] + (f"\n{', '.join(stack['aliases'])}" if stack.get("aliases") else "")
        orm, migrations = (
            stack.get(key, "-")
            + "".join(f"\n{fw['id']}: {fw[key]}" for fw in stack["frameworks"] if fw.get(key))
            for key in ("orm", "migrations")
        )
        frameworks = "\n".join(f["id"] for f in stack["frameworks"])
        rows.append(
            [
                names,
                frameworks,
                orm,
                migrations,
                stack["test_tool"],
                stack["job_queue"],
                stack["package_manager"],
            ]
        )
    out += table(columns, rows)
    whys = [
        (stack["id"], stack["why"] + (f" (as of {stack['as_of']})" if stack.get("as_of") else ""))
        for stack in stacks
        if stack.get("why")
    ]
    if whys:
        out += ["", *heading("Why each stack, with the date of its figures"), *fields(whys)]
    notes = [(stack["id"], stack["note"]) for stack in stacks if stack.get("note")]
    if notes:
        out += ["", *heading("Which tools the guides name, and which are our picks"), *fields(notes)]
    out += ["", *para("Pick one with: roadmap plan --lang STACK --framework FRAMEWORK", "dim")]
    write(out, pager=True)


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


def print_packs(view: PackList) -> None:
    """``roadmap packs list``: each pack with its version, where it comes from and what it holds."""
    t = term()
    folder = view.folder
    out: list[str] = []
    for pack in view.packs:
        origin = "built-in" if pack["builtin"] else ", ".join(_origin(f, folder) for f in pack["files"])
        name = t.paint(safe(pack["id"]), "bold", "cyan") + f" {pack['version']}".rstrip() + "  "
        out += para(origin, "dim", first=name, width=t.width)
        if pack["title"] != Path(pack["files"][0]).name:
            out += para(pack["title"], indent=2)
        items = _counts(pack["counts"])
        if pack["replaces"]:
            items += f" · replaces {', '.join(pack['replaces'])}"
        out += para(items, indent=2)
    if not any(not p["builtin"] for p in view.packs):
        out += ["", *para("No packs of your own yet; start one with `roadmap packs new NAME`.")]
    out += ["", *para(folder, "dim", first="Your packs folder: ", width=t.width)]
    write(out)


def print_validation(report: ValidationReport) -> None:
    """``roadmap packs validate``: a line per file; the problems themselves go to stderr."""
    t = term()
    out: list[str] = []
    for f in report.files:
        if f.valid:
            what = f" · {f.pack['id']} {f.pack['version']}".rstrip() if f.pack else ""
            counts = f": {_counts(f.pack['counts'])}" if f.pack else ""
            if f.pack and f.pack["replaces"]:
                counts += f" (replaces {', '.join(f.pack['replaces'])})"
            out += para(
                f"{f.path}{what}{counts}", first=t.paint(t.mark("done"), "green") + " ", width=t.width
            )
        else:
            n = len(f.problems) + f.unlisted
            first = t.paint(t.mark("failed"), "red") + " "
            out += para(f"{f.path}: {n:,} problem{'s' if n != 1 else ''}", first=first, width=t.width)
    write(out)


_MARKS = {"ok": ("done", "green"), "warn": ("warn", "bold"), "fail": ("failed", "red")}


def print_doctor(results: list[CheckResult]) -> None:
    t = term()
    out: list[str] = []
    for result in results:
        mark, style = _MARKS[result.status]
        first, *rest = result.detail.splitlines() or [""]
        lead = t.paint(t.mark(mark), style, "bold") + " " + t.paint(f"{result.name}:", "bold") + " "
        out += para(first, first=lead, width=t.width)
        for line in rest:
            out += para(line, indent=4, width=t.width)
    write(out)
