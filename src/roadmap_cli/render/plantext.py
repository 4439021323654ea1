"""The plan as plain text: a summary, the phase timeline, then month by month (or week by week)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from roadmap_cli.progress.saved import PlanCert, SavedPlan
from roadmap_cli.render.term import MEANING, fields, item, para, term, wrap
from roadmap_cli.render.text import state_legend, state_mark, timeline_lines
from roadmap_cli.render.units import ESTIMATE_NOTE, count_text, day_text, days_text, hours_text
from roadmap_cli.render.words import calendar_text
from roadmap_cli.safetext import safe
from roadmap_cli.views.timeline import Span
from roadmap_cli.views.timeline import phase_spans as spans_of

if TYPE_CHECKING:
    from roadmap_cli.progress.store import StoredPlan
    from roadmap_cli.views.state import PhaseProgress


def _cert_line(cert: PlanCert) -> str:
    return f"start studying for {cert.name} ({cert.issuer})"


def phase_spans(plan: SavedPlan) -> list[Span]:
    """One span per phase of the plan, from its first item's start to its last item's end."""
    from roadmap_cli.progress.models import ProgressState
    from roadmap_cli.views.state import compute_progress

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
    said = "; ".join(c for c in changes if c) or "the same dates and items"
    return (
        f"It replaces plan {before.id} (made {before.created_at[:10]}): {said}. "
        f"`roadmap plans use {before.id}` brings it back; this one is plan {after_id}.\n"
    )


def replan_summary(new: SavedPlan, old: SavedPlan, first_day: date) -> str:
    """One sentence on what a re-plan changed."""
    shift = (new.end - old.end).days
    moved = "no change" if shift == 0 else f"{days_text(abs(shift))} {'later' if shift > 0 else 'sooner'}"
    text = (
        f"Re-planned from {first_day.isoformat()}: the end moves from {old.end.isoformat()} "
        f"to {new.end.isoformat()} ({moved}); {count_text(len(new.settled), 'done or skipped item')} kept."
    )
    return "\n".join(para(text)) + "\n"


def plan_text(
    plan: SavedPlan,
    *,
    by_week: bool,
    today: date | None = None,
    states: Mapping[str, str] | None = None,
    phases: Iterable[PhaseProgress] | None = None,
) -> str:
    """The plan; with ``states`` (item id to state) each item is marked with its state, and with the
    progress's ``phases`` the timeline fills each phase's done share (and the progress is not
    worked out a second time for it)."""
    t = term()
    req = plan.request
    low, high = req.months
    window = f"{low}-{high}" if low != high else f"{high}"
    tools = plan.tools
    core = sum(1 for i in plan.items if i.priority == "core")
    extra = f" + {len(plan.items) - core} optional" if len(plan.items) > core else ""
    left = f" ({len(plan.left_out)} optional left out)" if plan.left_out else ""
    total = f"{hours_text(plan.total_minutes)} scheduled (estimated)"
    calendar = plan.calendar
    pace = f"{calendar_text(calendar)} · {total} · {count_text(len(plan.weeks), 'week')}"
    bound = f"by {calendar.deadline.isoformat()}" if calendar.deadline else f"window {window} months"
    dates = f"{day_text(plan.start)} → {day_text(plan.end)} · {plan.months:g} months ({bound})"
    kit = " · ".join(
        tools[k] for k in ("orm", "migrations", "test_tool", "job_queue", "package_manager") if k in tools
    )
    out = para(plan.title, "bold", "cyan", first=t.paint("Backend study plan", "bold") + " · ", width=t.width)
    for warning in plan.warnings:
        out += para(warning, "bold", first=t.paint(t.mark("warn"), "bold", "red") + " ")
    certs = " · ".join(f"{c.name} ({hours_text(c.minutes)})" for c in plan.certifications) or "none chosen"
    pairs = [("Tools", kit)] if kit else []
    pairs += [("Pace", pace), ("Dates", dates)]
    off = []
    if calendar.region:
        free = [h for h in calendar.holidays if plan.start <= h.day <= plan.end]
        named = ", ".join(f"{h.day.isoformat()} {safe(h.name)}" for h in free)
        off.append(
            f"public holidays of {calendar.region}, {len(free)} in the plan's span"
            + (f": {named}" if free else "")
        )
    off += [
        f"break {b.start.isoformat()} to {b.end.isoformat()}" + (f" ({safe(b.note)})" if b.note else "")
        for b in calendar.breaks
    ]
    if off:
        pairs.append(("Off", " · ".join(off)))
    pairs += [("Items", f"{core} core{extra}{left}"), ("Certs", certs)]
    out += fields([*pairs, ("Note", ESTIMATE_NOTE)], indent=0, dim=("Note",))
    if plan.items:
        marks = ["ends", "progress", *(["cert"] if plan.certifications else [])]
        key = t.legend(*marks).replace(MEANING["progress"], "carries on into the next month")
        if by_week:
            key = "Each week: what to study and its hours"
        takes = "ids are what `roadmap check` takes"
        if states is not None:
            key = state_legend() + (f"  {t.legend('cert')}" if plan.certifications else "")
            takes = "ids are what `roadmap check` and `roadmap show ID` take"
        out += ["", *para(f"{key} · {takes}", "dim", width=t.width)]
        spans = spans_of(phases) if phases is not None else phase_spans(plan)
        out += ["", *timeline_lines(spans, plan.start, plan.end, today), ""]
        out += _weeks(plan, states) if by_week else _months(plan, states)
    if plan.guides:
        out += [*([""] if out[-1] else []), t.paint("The guides' own shape of the path", "bold")]
        out += fields([(long, f"{what} ({source}, {as_of})") for what, long, source, as_of in plan.guides])
    return "\n".join(out) + "\n"


def _months(plan: SavedPlan, states: Mapping[str, str] | None = None) -> list[str]:
    t = term()
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
    id_width = min(24, max([len(i.id) for i in plan.items] + [len(c.id) for c in plan.certifications]))
    out: list[str] = []
    for (year, month_no), seen in months.items():
        month_certs = certs.get((year, month_no), [])
        items = [i for i in (plan.item(item_id) for item_id in seen) if i is not None]
        phases = dict.fromkeys(i.phase for i in items)
        head = (
            t.paint(f"{date(year, month_no, 1):%b %Y}", "bold")
            + "  "
            + t.paint(hours_text(sum(seen.values())), "dim")
            + "  "
        )
        names = " · ".join(f"{phase_no.get(p, '?')}. {phase_title.get(p, p)}" for p in phases)
        lead = len(f"{date(year, month_no, 1):%b %Y}  {hours_text(sum(seen.values()))}  ")
        lines = para(names, "cyan", first=" " * lead, width=t.width)
        out += [head + lines[0][lead:], *lines[1:]]
        for i in items:
            end = i.end or plan.end
            ends = (end.year, end.month) == (year, month_no)
            mark = t.paint(t.mark("ends"), "green") if ends else t.mark("progress")
            if states is not None:
                mark = state_mark(states.get(i.id, "planned"))
            if i.kind == "project":
                out += item(mark, i.id, f"Project: {i.title}", "bold", id_width=id_width)
            elif i.weekly is not None:
                out += item(mark, i.id, f"{i.title} ({i.weekly} h a week)", id_width=id_width)
            elif i.priority == "optional":
                out += item(mark, i.id, f"{i.title} (optional)", id_width=id_width)
            else:
                out += item(mark, i.id, i.title, id_width=id_width)
        for cert in month_certs:
            mark = t.paint(t.mark("cert"), "magenta")
            out += item(mark, cert.id, f"Certification: {_cert_line(cert)}", "magenta", id_width=id_width)
        out.append("")
    return out


_STATE_NAMES = {"done": "done", "skipped": "skipped", "overdue": "overdue", "in_progress": "progress"}


def _weeks(plan: SavedPlan, states: Mapping[str, str] | None = None) -> list[str]:
    t = term()
    certs: dict[int, list[PlanCert]] = defaultdict(list)
    for cert in plan.certifications:
        week = plan.week_of(cert.start)
        certs[week.index if week else 0].append(cert)
    number = max(4, len(str(len(plan.weeks))))
    head_width = number + 2 + 14 + 2 + 7 + 2
    beside = t.width - head_width >= 24
    work_width = t.width - head_width if beside else t.width - 6
    what = "What to study" if beside else ""
    out = [t.paint(f"{'Week':>{number}}  {'Starts':<14}  {'Hours':>7}  {what}".rstrip(), "bold")]
    for week in plan.weeks:
        lines: list[str] = []
        for item_id, minutes in week.slices:
            found = plan.item(item_id)
            weekly = " a week" if found is not None and found.weekly is not None else ""
            hours = f"({hours_text(minutes)}{weekly})"
            mark = (
                f"{t.mark(_STATE_NAMES.get(states.get(item_id, ''), 'todo'))} " if states is not None else ""
            )
            wrapped = wrap(f"{mark}{found.title if found else item_id} {hours}", work_width)
            if wrapped[-1].endswith(hours):
                wrapped[-1] = wrapped[-1][: -len(hours)] + t.paint(hours, "dim")
            lines += wrapped
        for cert in certs.get(week.index, []):
            text = f"{t.mark('cert')} {_cert_line(cert)}"
            lines += [t.paint(line, "magenta") for line in wrap(text, work_width)]
        head = f"{week.index + 1:>{number}}  {day_text(week.first_day):<14}  {hours_text(week.used):>7}"
        if beside:
            out.append(f"{head}  {lines[0]}")
            out += [" " * head_width + line for line in lines[1:]]
        else:
            out.append(head)
            out += [" " * 6 + line for line in lines]
    return out
