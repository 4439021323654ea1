"""The plan as plain text: a summary, the phase timeline, then month by month (or week by week)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from roadmap_cli.catalog.catalog import ESTIMATE_NOTE
from roadmap_cli.progress.saved import PlanCert, SavedPlan
from roadmap_cli.render.ansi import paint, timeline_lines, width, wrap
from roadmap_cli.render.units import day_text, hours_text
from roadmap_cli.safetext import safe
from roadmap_cli.views.timeline import Span

if TYPE_CHECKING:
    from roadmap_cli.progress.store import StoredPlan


def _cert_line(cert: PlanCert) -> str:
    return f"start studying for {safe(cert.name)} ({safe(cert.issuer)})"


def phase_spans(plan: SavedPlan) -> list[Span]:
    """One span per phase of the plan, from its first item's start to its last item's end."""
    from roadmap_cli.progress.models import ProgressState
    from roadmap_cli.views.progress import compute_progress
    from roadmap_cli.views.timeline import phase_spans as spans_of

    return spans_of(compute_progress(plan, ProgressState(), plan.start).phases)


def past_start_warning(first_day: date, today: date) -> str:
    """Said when a plan or a re-plan starts before today."""
    return (
        f"warning: the plan starts on {first_day.isoformat()}, before today ({today.isoformat()}): "
        "what it has ending before today is overdue at once, and counts against you in `roadmap status`\n"
    )


def replaced_text(before: StoredPlan, after: SavedPlan, after_id: int) -> str:
    """What a new plan changed against the one it replaced, and how to get that one back."""
    from roadmap_cli.progress.saved import SavedPlanError

    try:
        old = before.plan()
    except SavedPlanError:
        return f"It replaces plan {before.id}, which could not be read; `roadmap plans` lists every plan.\n"
    came = sorted(after.ids() - old.ids())
    went = sorted(old.ids() - after.ids())

    def some(ids: list[str]) -> str:
        return ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")

    changes = [
        f"start {old.start.isoformat()} → {after.start.isoformat()}" if old.start != after.start else "",
        f"end {old.end.isoformat()} → {after.end.isoformat()}" if old.end != after.end else "",
        f"{old.hours_per_week:g} → {after.hours_per_week:g} h/week"
        if old.hours_per_week != after.hours_per_week
        else "",
        f"{old.title} → {after.title}" if old.title != after.title else "",
        f"{len(came)} item{'s' if len(came) != 1 else ''} in ({some(came)})" if came else "",
        f"{len(went)} out ({some(went)})" if went else "",
    ]
    said = safe("; ".join(c for c in changes if c)) or "the same dates and items"
    return (
        f"It replaces plan {before.id} (made {safe(before.created_at[:10])}): {said}. "
        f"`roadmap plans use {before.id}` brings it back; this one is plan {after_id}.\n"
    )


def replan_summary(new: SavedPlan, old: SavedPlan, first_day: date) -> str:
    """One sentence on what a re-plan changed."""
    shift = (new.end - old.end).days
    moved = "no change" if shift == 0 else f"{abs(shift)} days {'later' if shift > 0 else 'sooner'}"
    return (
        f"Re-planned from {first_day.isoformat()}: the end moves from {old.end.isoformat()} "
        f"to {new.end.isoformat()} ({moved}); {len(new.settled)} done or skipped items kept.\n"
    )


def _row(mark: str, title: str, tail: str, title_width: int, tail_width: int, *styles: str) -> list[str]:
    """A mark, a title wrapped to its column, and a dim right-hand column (an id) on the first line."""
    lines, tail = wrap(safe(title), title_width), safe(tail)
    first = f"{mark} {paint(lines[0].ljust(title_width), *styles)} {paint(tail.ljust(tail_width), 'dim')}"
    rest = [f"{' ' * len(mark)} {paint(line, *styles)}" for line in lines[1:]]
    return [first.rstrip(), *rest]


#: With the progress on a saved plan (`roadmap show`): one mark per state, explained in a legend.
STATE_MARKS = {
    "done": " ✓",
    "skipped": " »",
    "overdue": " !",
    "in_progress": " ◐",
    "planned": " ·",
    "unscheduled": " ?",
}
STATE_LEGEND = "✓ done · » skipped · ! overdue · ◐ in progress · · planned"


def plan_text(
    plan: SavedPlan, *, by_week: bool, today: date | None = None, states: Mapping[str, str] | None = None
) -> str:
    """The plan; with ``states`` (item id to state) each item is marked with its state."""
    columns = width()
    req = plan.request
    low, high = req.months
    window = f"{low}-{high}" if low != high else f"{high}"
    tools = plan.tools
    core = sum(1 for i in plan.items if i.priority == "core")
    extra = f" + {len(plan.items) - core} optional" if len(plan.items) > core else ""
    left = f" ({len(plan.left_out)} optional left out)" if plan.left_out else ""
    total = f"{hours_text(plan.total_minutes)} scheduled (estimated)"
    pace = f"{req.hours:g} h/week · {total} · {len(plan.weeks)} weeks"
    dates = f"{day_text(plan.start)} → {day_text(plan.end)} · {plan.months:g} months (window {window} months)"
    kit = safe(
        " · ".join(tools[k] for k in ("orm", "test_tool", "job_queue", "package_manager") if k in tools)
    )
    out = [paint("Backend study plan", "bold") + " · " + paint(safe(plan.title), "bold", "cyan")]
    if kit:
        out.append(f"{paint('Tools', 'dim')}  {kit}")
    out += [
        f"{paint('Pace', 'dim')}   {pace}",
        f"{paint('Dates', 'dim')}  {dates}",
        f"{paint('Items', 'dim')}  {core} core{extra}{left}",
    ]
    certs = (
        " · ".join(f"{safe(c.name)} ({hours_text(c.minutes)})" for c in plan.certifications) or "none chosen"
    )
    for label, text, styles in (("Certs", certs, ()), ("Note ", ESTIMATE_NOTE, ("dim",))):
        for n, line in enumerate(wrap(text, columns - 7)):
            out.append((paint(label, "dim") if n == 0 else " " * 5) + "  " + paint(line, *styles))
    for warning in plan.warnings:
        lines = wrap(safe(warning), columns - 2)
        out += [paint(("! " if n == 0 else "  ") + line, "yellow") for n, line in enumerate(lines)]
    if plan.items:
        out += ["", *timeline_lines(phase_spans(plan), plan.start, plan.end, today, columns), ""]
        out += _weeks(plan, columns, states) if by_week else _months(plan, columns, states)
    return "\n".join(out) + "\n"


def _months(plan: SavedPlan, columns: int, states: Mapping[str, str] | None) -> list[str]:
    months: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for week in plan.weeks:
        month = months[(week.first_day.year, week.first_day.month)]
        for item_id, minutes in week.slices:
            month[item_id] = month.get(item_id, 0) + minutes
    certs: dict[tuple[int, int], list[PlanCert]] = defaultdict(list)
    for cert in plan.certifications:
        holding = plan.week_of(cert.start)
        first = holding.first_day if holding else cert.start
        certs[(first.year, first.month)].append(cert)
    phase_no = {p.id: n for n, p in enumerate(plan.phases, 1)}
    phase_title = {p.id: p.title for p in plan.phases}
    out: list[str] = []
    for (year, month_no), seen in months.items():
        month_certs = certs.get((year, month_no), [])
        id_width = max(len(i) for i in [*seen, *(c.id for c in month_certs)])
        title_width = max(20, columns - id_width - 4)
        items = [i for i in (plan.item(item_id) for item_id in seen) if i is not None]
        phases = dict.fromkeys(i.phase for i in items)
        head = f"{date(year, month_no, 1):%b %Y}  {hours_text(sum(seen.values()))}  "
        names = " · ".join(f"{phase_no.get(p, '?')}. {phase_title.get(p, p)}" for p in phases)
        wrapped = wrap(safe(names), columns - len(head))
        out.append(paint(head[:8], "bold") + paint(head[8:], "dim") + paint(wrapped[0], "cyan"))
        out += [" " * len(head) + paint(line, "cyan") for line in wrapped[1:]]
        for item in items:
            end = item.end or plan.end
            if states is not None:
                mark = STATE_MARKS.get(states.get(item.id, ""), "  ")
            else:
                mark = " ✓" if (end.year, end.month) == (year, month_no) else " …"
            if item.kind == "project":
                out += _row(mark, f"Project: {item.title}", item.id, title_width, id_width, "bold")
            elif item.weekly is not None:
                out += _row(mark, f"{item.title} ({item.weekly} h a week)", item.id, title_width, id_width)
            elif item.priority == "optional":
                out += _row(mark, f"{item.title} (optional)", item.id, title_width, id_width)
            else:
                out += _row(mark, item.title, item.id, title_width, id_width)
        for cert in month_certs:
            out += _row(" ★", f"Certification: {_cert_line(cert)}", cert.id, title_width, id_width, "magenta")
        out.append("")
    legend = "✓ finishes that month · … carries on into the next · ids are what `roadmap check` takes"
    if states is not None:
        legend = f"{STATE_LEGEND} · ids are what `roadmap check` and `roadmap show ID` take"
    if plan.certifications:
        legend += " · ★ start studying for a certification (roadmap certs)"
    out += [paint(line, "dim") for line in wrap(legend, columns)]
    return out


def _weeks(plan: SavedPlan, columns: int, states: Mapping[str, str] | None) -> list[str]:
    certs: dict[int, list[PlanCert]] = defaultdict(list)
    for cert in plan.certifications:
        week = plan.week_of(cert.start)
        certs[week.index if week else 0].append(cert)
    number = max(4, len(str(len(plan.weeks))))
    head_width = number + 2 + 14 + 2 + 7 + 2
    work_width = max(20, columns - head_width)
    out = [paint(f"{'Week':>{number}}  {'Starts':<14}  {'Hours':>7}  What to study", "bold")]
    for week in plan.weeks:
        lines: list[str] = []
        for item_id, minutes in week.slices:
            item = plan.item(item_id)
            weekly = " a week" if item is not None and item.weekly is not None else ""
            hours = f" ({hours_text(minutes)}{weekly})"
            mark = STATE_MARKS.get(states.get(item_id, ""), "  ").strip() + " " if states is not None else ""
            wrapped = wrap(mark + safe(item.title if item else item_id), work_width - len(hours))
            wrapped[-1] += paint(hours, "dim")
            lines += wrapped
        for cert in certs.get(week.index, []):
            lines += [paint(line, "magenta") for line in wrap(f"★ {_cert_line(cert)}", work_width)]
        head = f"{week.index + 1:>{number}}  {day_text(week.first_day):<14}  {hours_text(week.used):>7}  "
        out.append(head + lines[0])
        out += [" " * head_width + line for line in lines[1:]]
    return out
