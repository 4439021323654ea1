"""``roadmap report``'s page: one HTML file with everything inline, from ``templates/report.html.j2``.

Jinja2 escapes every value (``autoescape=True``): titles, notes and evidence from packs, the store
and backups are text on the page, never markup. A link is made only of an ``http(s)`` address; any
other (``javascript:``, ``data:``, a path) is shown as text. The charts are SVG that matplotlib
drew (:mod:`roadmap_cli.render.charts`), the only markup let through unescaped. No script, no
remote font, image or style: the page makes no network request. The same data and date give the
same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from roadmap_cli import __version__
from roadmap_cli.progress.models import ProgressState
from roadmap_cli.render.units import ESTIMATE_NOTE, day_text, hours, hours_text, percent_text
from roadmap_cli.render.words import advice_text, calendar_text
from roadmap_cli.views.report import (
    CitedSource,
    charts_end,
    cited_sources,
    heatmap_range,
    phase_dates,
    plan_weeks,
    study_days,
)
from roadmap_cli.views.state import ItemProgress, Progress
from roadmap_cli.views.today import Advice

STATE_WORDS = {
    "done": "done",
    "skipped": "skipped (known)",
    "overdue": "overdue",
    "in_progress": "in progress",
    "planned": "planned",
    "unscheduled": "not scheduled",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def web_link(url: str | None) -> str | None:
    """The address when it is an http(s) one a browser may follow, else None (shown as text)."""
    if not url:
        return None
    text = url.strip()
    from roadmap_cli.safetext import is_one_line

    # is_one_line: no control, and no bidi character that would make the address read otherwise
    if re.fullmatch(r"https?://[^\s<>\"'`\\]+", text, flags=re.IGNORECASE) and is_one_line(text):
        return text
    return None


def visible(value: Any) -> Any:
    """Text with its control, escape and reordering characters shown as escapes (``\\x1b``), as the
    terminal views show them (:func:`roadmap_cli.safetext.safe_lines`), so they are read, never
    obeyed; newlines are kept. Markup the template trusts (the charts) is left alone."""
    import markupsafe

    from roadmap_cli.safetext import safe_lines

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return safe_lines(value)
    return value


def code_spans(text: str) -> Any:
    """Text with its `backticked` commands as <code>, everything escaped."""
    import markupsafe

    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: leave the text as it is
        return markupsafe.escape(text)
    return markupsafe.Markup("").join(
        markupsafe.Markup("<code>{}</code>").format(part) if n % 2 else markupsafe.escape(part)
        for n, part in enumerate(parts)
    )


def _plain(text: str) -> str:
    """A sentence from the terminal views, without the colour they add on a terminal."""
    return _ANSI.sub("", text)


@dataclass(frozen=True)
class ItemRow:
    id: str
    title: str
    kind: str
    optional: bool
    state: str
    state_words: str
    estimate: str
    logged: str
    dates: str
    notes: tuple[str, ...]
    evidence: str | None
    evidence_href: str | None
    docs: tuple[tuple[str, str | None, str], ...]  # title, href, the address as text
    done_in: str | None


def _item_row(entry: ItemProgress) -> ItemRow:
    item = entry.item
    if item.start and item.end:
        dates = f"{item.start.isoformat()} → {item.end.isoformat()}"
    else:
        dates = "before this plan" if entry.done else "not in the schedule"
    return ItemRow(
        id=item.id,
        title=item.title,
        kind=item.kind,
        optional=item.priority == "optional",
        state=entry.state,
        state_words=STATE_WORDS.get(entry.state, entry.state),
        estimate=hours_text(item.minutes),
        logged=hours_text(entry.logged_minutes) if entry.logged_minutes else "",
        dates=dates,
        notes=entry.notes,
        evidence=entry.evidence,
        evidence_href=web_link(entry.evidence),
        docs=tuple((r.get("title", ""), web_link(r.get("url")), r.get("url", "")) for r in item.resources),
        done_in=entry.done_in,
    )


def render_report(
    progress: Progress, state: ProgressState, sources: Sequence[CitedSource], advice: Advice | None = None
) -> str:
    """The whole page; ``advice`` is what ``roadmap status`` advises on the pace, if anything."""
    import jinja2

    from roadmap_cli.render import charts
    from roadmap_cli.render.text import forecast_lines, standing_text, totals_text
    from roadmap_cli.views.reviews import retention_curve

    plan, today = progress.plan, progress.today
    weeks = plan_weeks(progress, state)
    phases = phase_dates(progress, state)
    days = study_days(progress, state)
    first, last = heatmap_range(progress, charts_end(progress, state))
    chart_list = [
        charts.timeline_chart(progress, phases),
        charts.burndown_chart(progress, weeks),
        charts.weekly_chart(progress, weeks),
        charts.heatmap_chart(days, first, last, today),
        charts.retention_chart(retention_curve(plan, state, today)),
    ]
    totals = {p.id: p.totals for p in progress.phases}
    context: dict[str, Any] = {
        "version": __version__,
        "plan": plan,
        "today": today.isoformat(),
        "hours_week": f"{plan.hours_per_week:g}",
        "week_text": calendar_text(plan.calendar),
        "breaks": "; ".join(
            f"{b.start.isoformat()} to {b.end.isoformat()}" + (f" ({b.note})" if b.note else "")
            for b in plan.calendar.breaks
        ),
        "months": f"{plan.months:g}",
        "today_text": day_text(today),
        "start_text": day_text(plan.start),
        "end_text": day_text(plan.end),
        "percent": percent_text(progress.overall.percent),
        "share": progress.overall.share,
        "totals_text": totals_text(progress.overall),
        "standing": progress.standing,
        "standing_text": code_spans(_plain(standing_text(progress))),
        "forecast_text": code_spans(" ".join(_plain(line) for line in forecast_lines(progress))),
        "advice_text": code_spans(advice_text(advice)) if advice and advice.kind != "finished" else "",
        "streak": progress.streak_weeks,
        "passed": progress.passed,
        "estimate_note": ESTIMATE_NOTE,
        "charts": [c for c in chart_list if c is not None],
        "phases": [
            {
                "number": p.number,
                "title": p.title,
                "planned": f"{p.planned_start.isoformat()} → {p.planned_end.isoformat()}"
                if p.planned_start and p.planned_end
                else "before this plan",
                "started": p.started.isoformat() if p.started else "",
                "finished": p.finished.isoformat() if p.finished else "",
                "done": p.done,
                "percent": percent_text(totals[p.id].percent),
                "item_count": f"{totals[p.id].done_items} of {totals[p.id].total_items}",
                "hours": f"{hours(totals[p.id].done_minutes):g} of {hours_text(totals[p.id].total_minutes)}",
                "rows": [_item_row(i) for i in progress.items if i.item.phase == p.id],
            }
            for p in phases
        ],
        "sources": [
            {
                "title": s.title,
                "publisher": s.publisher,
                "as_of": s.as_of,
                "href": web_link(s.url),
                "url": s.url,
                "cited": s.items,
            }
            for s in sources
        ],
        "warnings": plan.warnings,
        "orphans": progress.orphans,
    }
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("roadmap_cli", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=visible,
    )
    return env.get_template("report.html.j2").render(context)


__all__ = ["cited_sources", "render_report", "web_link"]
