"""The plan as plain text: a summary, the phase timeline, then month by month (or week by week)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from roadmap_cli.render.ansi import paint, timeline_lines, width, wrap
from roadmap_cli.safetext import safe
from roadmap_cli.views.timeline import Span

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.planner import Plan, PlannedCert


def _day(value: date) -> str:
    return f"{value:%a} {value.isoformat()}"


def _h(minutes: int) -> str:
    """Hours for people: to a tenth (the JSON keeps two decimals)."""
    return f"{round(minutes / 60, 1):g} h"


def _cert_line(cert: PlannedCert) -> str:
    return f"start studying for {safe(cert.name)} ({safe(cert.issuer)})"


def phase_spans(plan: Plan, catalog: Catalog) -> list[Span]:
    """One span per phase of the plan, from its first item's start to its last item's end."""
    spans = []
    for number, phase in enumerate(catalog.phases, 1):
        items = [s for s in plan.items if s.item["phase"] == phase["id"]]
        if items:
            label = f"{number}. {phase['title'].split(':')[0]}"
            spans.append(Span(label, items[0].start, max(s.end for s in items)))
    return spans


def _row(mark: str, title: str, tail: str, title_width: int, tail_width: int, *styles: str) -> list[str]:
    """A mark, a title wrapped to its column, and a dim right-hand column (an id) on the first line."""
    lines, tail = wrap(safe(title), title_width), safe(tail)
    first = f"{mark} {paint(lines[0].ljust(title_width), *styles)} {paint(tail.ljust(tail_width), 'dim')}"
    rest = [f"{' ' * len(mark)} {paint(line, *styles)}" for line in lines[1:]]
    return [first.rstrip(), *rest]


def plan_text(plan: Plan, catalog: Catalog, *, by_week: bool, today: date | None = None) -> str:
    columns = width()
    req = plan.request
    low, high = req.months
    window = f"{low}-{high}" if low != high else f"{high}"
    tools = plan.tools
    core = sum(1 for s in plan.items if s.item["priority"] == "core")
    extra = f" + {len(plan.items) - core} optional" if len(plan.items) > core else ""
    left = f" ({len(plan.left_out)} optional left out)" if plan.left_out else ""
    pace = f"{req.hours_per_week:g} h/week · {_h(plan.total_minutes)} in all · {len(plan.weeks)} weeks"
    dates = f"{_day(plan.start)} → {_day(plan.end)} · {plan.months:g} months (window {window} months)"
    kit = safe(f"{tools['orm']} · {tools['test_tool']} · {tools['job_queue']} · {tools['package_manager']}")
    stack = safe(f"{plan.stack['name']} with {plan.framework['name']}")
    out = [
        paint("Backend study plan", "bold") + " · " + paint(stack, "bold", "cyan"),
        f"{paint('Tools', 'dim')}  {kit}",
        f"{paint('Pace', 'dim')}   {pace}",
        f"{paint('Dates', 'dim')}  {dates}",
        f"{paint('Items', 'dim')}  {core} core{extra}{left}",
    ]
    for warning in plan.warnings:
        lines = wrap(safe(warning), columns - 2)
        out += [paint(("! " if n == 0 else "  ") + line, "yellow") for n, line in enumerate(lines)]
    if plan.items:
        out += ["", *timeline_lines(phase_spans(plan, catalog), plan.start, plan.end, today, columns), ""]
        out += _weeks(plan, columns) if by_week else _months(plan, catalog, columns)
    return "\n".join(out) + "\n"


def _months(plan: Plan, catalog: Catalog, columns: int) -> list[str]:
    by_id = {s.item["id"]: s for s in plan.items}
    months: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for week in plan.weeks:
        first = plan.start if week.index == 0 else week.start
        month = months[(first.year, first.month)]
        for item_id, minutes in week.slices:
            month[item_id] = month.get(item_id, 0) + minutes
    certs: dict[tuple[int, int], list[PlannedCert]] = defaultdict(list)
    for cert in plan.certifications:
        first = plan.start if cert.week == 0 else plan.weeks[cert.week].start
        certs[(first.year, first.month)].append(cert)
    phase_no = {p["id"]: n for n, p in enumerate(catalog.phases, 1)}
    out: list[str] = []
    for (year, month_no), seen in months.items():
        month_certs = certs.get((year, month_no), [])
        id_width = max(len(i) for i in [*seen, *(c.id for c in month_certs)])
        title_width = max(20, columns - id_width - 4)
        phases = dict.fromkeys(by_id[i].item["phase"] for i in seen)
        head = f"{date(year, month_no, 1):%b %Y}  {_h(sum(seen.values()))}  "
        names = safe(" · ".join(f"{phase_no[p]}. {catalog.phase(p)['title']}" for p in phases))
        wrapped = wrap(names, columns - len(head))
        out.append(paint(head[:8], "bold") + paint(head[8:], "dim") + paint(wrapped[0], "cyan"))
        out += [" " * len(head) + paint(line, "cyan") for line in wrapped[1:]]
        for item_id in seen:
            sched = by_id[item_id]
            mark = " ✓" if (sched.end.year, sched.end.month) == (year, month_no) else " …"
            if sched.item["kind"] == "project":
                out += _row(mark, f"Project: {sched.title}", item_id, title_width, id_width, "bold")
            elif sched.item["priority"] == "optional":
                out += _row(mark, f"{sched.title} (optional)", item_id, title_width, id_width)
            else:
                out += _row(mark, sched.title, item_id, title_width, id_width)
        for cert in month_certs:
            out += _row(" ★", f"Certification: {_cert_line(cert)}", cert.id, title_width, id_width, "magenta")
        out.append("")
    legend = "✓ finishes that month · … carries on into the next · ids are what `roadmap check` takes"
    if plan.certifications:
        legend += " · ★ start studying for a certification (roadmap certs)"
    out += [paint(line, "dim") for line in wrap(legend, columns)]
    return out


def _weeks(plan: Plan, columns: int) -> list[str]:
    titles = {s.item["id"]: s.title for s in plan.items}
    certs: dict[int, list[PlannedCert]] = defaultdict(list)
    for cert in plan.certifications:
        certs[cert.week].append(cert)
    number = max(4, len(str(len(plan.weeks))))
    head_width = number + 2 + 14 + 2 + 7 + 2
    work_width = max(20, columns - head_width)
    out = [paint(f"{'Week':>{number}}  {'Starts':<14}  {'Hours':>7}  What to study", "bold")]
    for week in plan.weeks:
        first = plan.start if week.index == 0 else week.start
        lines: list[str] = []
        for item_id, minutes in week.slices:
            hours = f" ({_h(minutes)})"
            wrapped = wrap(safe(titles[item_id]), work_width - len(hours))
            wrapped[-1] += paint(hours, "dim")
            lines += wrapped
        for cert in certs.get(week.index, []):
            lines += [paint(line, "magenta") for line in wrap(f"★ {_cert_line(cert)}", work_width)]
        head = f"{week.index + 1:>{number}}  {_day(first):<14}  {_h(week.used):>7}  "
        out.append(head + lines[0])
        out += [" " * head_width + line for line in lines[1:]]
    return out
