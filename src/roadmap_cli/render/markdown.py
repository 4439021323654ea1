"""The plan as GitHub-flavoured Markdown: phases, weeks, and a task list that shows progress."""

from __future__ import annotations

import re

from roadmap_cli.render.text import totals_text
from roadmap_cli.render.units import ESTIMATE_NOTE, hours_text
from roadmap_cli.safetext import is_one_line, safe
from roadmap_cli.views.state import ItemProgress, Progress

_STATE_NOTES = {
    "skipped": " · skipped (already known)",
    "overdue": " · overdue",
    "unscheduled": " · not done, not in the schedule (`roadmap replan` puts it back)",
}


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


#: A web address that can stand as a link: nothing in it that could end the link early.
_LINKABLE = re.compile(r"https?://[^\s<>()\\`\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def _linkable(url: str) -> bool:
    """An http(s) address with nothing in it that could end the link early or reorder what is
    shown (a right-to-left override would make the link text lie about where it goes)."""
    return _LINKABLE.fullmatch(url) is not None and is_one_line(url)


def _evidence(url: str) -> str:
    """A web address as a link; anything else as plain, escaped text."""
    return f"<{url}>" if _linkable(url) else _escape(url)


def _link(title: str, url: str) -> str:
    return f"[{_escape(title)}]({url})" if _linkable(url) else f"{_escape(title)}: {_escape(url)}"


def _code(text: str) -> str:
    """An id in a code span; an id that could break out of one (never a valid slug) is escaped text."""
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._-]+", text) else _escape(text)


def _task(entry: ItemProgress) -> list[str]:
    item = entry.item
    box = "[x]" if entry.done else "[ ]"
    title = _escape(item.title)
    if item.kind == "project":
        title = f"**Project: {title}**"
    when = (
        f"{item.start.isoformat()} → {item.end.isoformat()}"
        if item.start and item.end
        else "done before this plan"
        if entry.done
        else "not scheduled"
    )
    extra = " · optional" if item.priority == "optional" else ""
    lines = [
        f"- {box} {title} — {_code(item.id)} · {hours_text(item.minutes)} · {when}{extra}"
        f"{_STATE_NOTES.get(entry.state, '')}"
    ]
    if entry.evidence:
        lines.append(f"  - Evidence: {_evidence(entry.evidence)}")
    lines += [f"  - Docs: {_link(r['title'], r['url'])}" for r in item.resources]
    lines += [f"  - Note: {_escape(note)}" for note in entry.notes]
    return lines


def render_markdown(progress: Progress) -> str:
    plan = progress.plan
    out = [
        f"# Backend study plan: {_escape(plan.title)}",
        "",
        f"- **Pace:** {plan.hours_per_week:g} h/week, {hours_text(plan.total_minutes)} scheduled (estimated)",
        f"- **Hours:** {ESTIMATE_NOTE}",
        f"- **Dates:** {plan.start.isoformat()} → {plan.end.isoformat()} ({plan.months:g} months)",
        f"- **Progress:** {totals_text(progress.overall)}; skipped items count as done",
    ]
    out += [f"- **Warning:** {_escape(w)}" for w in plan.warnings]
    for phase in progress.phases:
        mine = [i for i in progress.items if i.item.phase == phase.id]
        out += ["", f"## {phase.number}. {_escape(phase.title)}", ""]
        if phase.start and phase.end:
            out += [f"{phase.start.isoformat()} → {phase.end.isoformat()}", ""]
        earlier = [i for i in mine if i.item.start is None]
        if earlier:
            out += ["### Not in the schedule (done or skipped before this plan)", ""]
            for entry in earlier:
                out += _task(entry)
            out.append("")
        by_id = {i.item.id: i for i in mine}
        shown: set[str] = set()
        for week in plan.weeks:
            ids = [item_id for item_id, _ in week.slices if item_id in by_id]
            if not ids:
                continue
            out += [f"### Week {week.index + 1} · {week.start.isoformat()} · {hours_text(week.used)}", ""]
            for item_id in ids:
                if item_id in shown:
                    out.append(f"- continues: {_escape(by_id[item_id].item.title)} ({_code(item_id)})")
                else:
                    out += _task(by_id[item_id])
                    shown.add(item_id)
            out.append("")
        while out and out[-1] == "":
            out.pop()
    return "\n".join(out) + "\n"
