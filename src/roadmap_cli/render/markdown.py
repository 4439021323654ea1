"""The plan as GitHub-flavoured Markdown: phases, weeks, and a task list that shows progress."""

from __future__ import annotations

import re

from roadmap_cli.safetext import safe
from roadmap_cli.views.export import ExportItem, ExportPlan


def _escape(text: str) -> str:
    """Text from a pack, a note or a backup as Markdown that shows it: on one line, with no raw HTML
    (``<``, ``>`` and ``&`` become entities) and no emphasis, links or code it did not ask for."""
    return (
        safe(text)
        .replace("\\", "\\\\")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`")
    )


#: Evidence shown as a link: a web address with nothing in it that could end the link early.
_LINKABLE = re.compile(r"https?://[^\s<>\\`\x00-\x1f\x7f]+", re.IGNORECASE)


def _evidence(url: str) -> str:
    """A web address as a link; anything else as plain, escaped text."""
    return f"<{url}>" if _LINKABLE.fullmatch(url) else _escape(url)


def _code(text: str) -> str:
    """An id in a code span; an id that could break out of one (never a valid slug) is escaped text."""
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._-]+", text) else _escape(text)


def _hours(value: float) -> str:
    return f"{value:g} h"


def _task(item: ExportItem) -> list[str]:
    box = "[x]" if item.checked else "[ ]"
    title = _escape(item.title)
    if item.kind == "project":
        title = f"**Project: {title}**"
    when = (
        f"{item.start.isoformat()} → {item.end.isoformat()}"
        if item.start and item.end
        else "done before this plan"
    )
    extra = " · optional" if item.priority == "optional" else ""
    status = " · skipped (already known)" if item.status == "skipped" else ""
    lines = [f"- {box} {title} — {_code(item.id)} · {_hours(item.hours)} · {when}{extra}{status}"]
    lines += [f"  - Evidence: {_evidence(url)}" for url in item.evidence]
    lines += [f"  - Note: {_escape(note)}" for note in item.notes]
    return lines


def render_markdown(plan: ExportPlan) -> str:
    items = plan.items
    done = sum(1 for i in items if i.checked)
    out = [
        f"# Backend study plan: {_escape(plan.stack)} with {_escape(plan.framework)}",
        "",
        f"- **Pace:** {plan.hours_per_week:g} h/week, {_hours(plan.total_hours)} in all",
        f"- **Dates:** {plan.start.isoformat()} → {plan.end.isoformat()} ({plan.months:g} months)",
        f"- **Progress:** {done} of {len(items)} items done ({round(100 * done / max(1, len(items)))}%)",
    ]
    out += [f"- **Warning:** {_escape(w)}" for w in plan.warnings]
    for phase in plan.phases:
        out += ["", f"## {phase.number}. {_escape(phase.title)}", ""]
        if phase.start and phase.end:
            out += [f"{phase.start.isoformat()} → {phase.end.isoformat()}", ""]
        earlier = [i for i in phase.items if i.start is None]
        if earlier:
            out += ["### Done before this plan", ""]
            for item in earlier:
                out += _task(item)
            out.append("")
        phase_ids = {i.id for i in phase.items}
        shown: set[str] = set()
        for week in phase.weeks:
            starting = [i for i, _ in week.items if i in phase_ids and i not in shown]
            continuing = [i for i, _ in week.items if i in phase_ids and i in shown]
            out += [f"### Week {week.number} · {week.start.isoformat()} · {_hours(week.hours)}", ""]
            for item_id in starting:
                out += _task(plan.item(item_id))
                shown.add(item_id)
            out += [f"- continues: {_escape(plan.item(i).title)} ({_code(i)})" for i in continuing]
            out.append("")
        while out and out[-1] == "":
            out.pop()
    return "\n".join(out) + "\n"
