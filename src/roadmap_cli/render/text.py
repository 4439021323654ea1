"""Plain-text views for the commands run many times a day (`status`, `next`, `check`).

They draw without Rich on purpose: these commands must start faster than Rich imports. Colour is
plain ANSI, only on a terminal and never with NO_COLOR set.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from roadmap_cli.progress.models import read_log
from roadmap_cli.progress.saved import PlanItem
from roadmap_cli.render.ansi import paint
from roadmap_cli.render.units import day_text, days_text, hours_text, percent_text
from roadmap_cli.safetext import safe, safe_lines
from roadmap_cli.views.detail import ItemDetail, PlanRow
from roadmap_cli.views.progress import Advice, PhaseProgress, Progress, TodayView, Totals, WeekView

if TYPE_CHECKING:
    from roadmap_cli.progress.actions import Outcome

BAR_WIDTH = 24


def bar(totals: Totals, width: int = BAR_WIDTH) -> str:
    filled = round(totals.share * width)
    return (
        paint("█" * filled, "green")
        + paint("░" * (width - filled), "dim")
        + f" {percent_text(totals.percent):>6}"
    )


def _item_line(item: PlanItem, extra: str = "", mark: str = "  ") -> str:
    title = safe(item.title)
    label = f"Project: {title}" if item.kind == "project" else title
    suffix = f"  {paint(extra, 'dim')}" if extra else ""
    return f"{mark}{paint(safe(item.id), 'cyan')}  {label}{suffix}"


def totals_text(totals: Totals) -> str:
    """The one sentence of overall progress, the same wherever it is shown."""
    return (
        f"{totals.done_items} of {totals.total_items} items done · "
        f"{hours_text(totals.done_minutes)} of {hours_text(totals.total_minutes)} "
        f"({percent_text(totals.percent)} of the plan's hours)"
    )


def standing_text(status: Progress) -> str:
    """One sentence on where the person is against where the plan has them by today."""
    delta = abs(status.delta_minutes)
    pace = f"at {status.plan.hours_per_week:g} h/week"
    amount = f"{hours_text(delta)}, about {days_text(abs(status.delta_days))} {pace}"
    if abs(status.delta_days) == 0 and delta:
        amount = f"{hours_text(delta)}, less than a day {pace}"
    if status.standing == "finished":
        return paint("Finished: every item in the plan is done.", "bold", "green")
    if status.standing == "before_start":
        text = f"Your plan starts on {day_text(status.plan.start)}, in {days_text(status.days_to_start)}."
        if status.delta_minutes > 0:
            text += f" You are already {hours_text(delta)} ahead."
        return text
    if status.standing == "ahead":
        return paint(f"Ahead of plan by {amount}.", "green")
    if status.standing == "behind":
        return paint(f"Behind plan by {amount}.", "yellow")
    return paint("On time: done just what the plan has due by today.", "green")


def _phase_line(phase: PhaseProgress, width: int, current: bool) -> str:
    title = safe(phase.title)
    name = title if len(title) <= width else title[: width - 1] + "…"
    mark = paint("▸", "bold") if current else " "
    counts = paint(f"{phase.totals.done_items}/{phase.totals.total_items} items", "dim")
    return f"{mark} {name:<{width}}  {bar(phase.totals, 16)}  {counts}"


def timeline_text(progress: Progress) -> list[str]:
    """The Gantt-like picture: a bar per phase over the plan's months, done part filled, today marked."""
    from roadmap_cli.render.ansi import timeline_lines, width
    from roadmap_cli.views.timeline import phase_spans

    spans = phase_spans(progress.phases)
    if not spans:
        return []
    plan = progress.plan
    return timeline_lines(spans, plan.start, plan.end, progress.today, width())


def forecast_lines(status: Progress) -> list[str]:
    """The planned end against the end the real pace gives, explained in one line."""
    forecast = status.forecast
    if status.standing == "finished":
        return []
    if forecast is None:
        return [
            paint(
                f"Planned end {status.plan.end.isoformat()}. A forecast from your real pace comes after two "
                "weeks of activity (`roadmap log ID 1h` records study time).",
                "dim",
            )
        ]
    pace = f"{round(forecast.pace_minutes_per_week / 60, 1):g} h/week"
    what = {
        "logged": "logged",
        "ticks": "ticked (at their estimates)",
        "both": "logged and ticked",
    }[forecast.source]
    if forecast.end_earliest is None:
        return [f"Forecast: nothing {what} in the last four weeks, so at that pace the plan does not end."]
    if forecast.end_latest is None or forecast.end_latest == forecast.end_earliest:
        span = forecast.end_earliest.isoformat()
    else:
        span = f"{forecast.end_earliest.isoformat()} to {forecast.end_latest.isoformat()}"
    return [
        f"Forecast: {span} (planned {status.plan.end.isoformat()}), at your last four weeks' {pace} "
        f"{what}, with {hours_text(forecast.left_minutes)} to go."
    ]


def advice_text(advice: Advice) -> str:
    text = safe(advice.text)
    return paint(text, "bold") if advice.kind == "behind" else text


def status_text(status: Progress, advice: Advice | None = None) -> str:
    plan = status.plan
    lines = [
        paint("Progress", "bold") + f" · {safe(plan.title)} · {plan.hours_per_week:g} h/week · "
        f"{day_text(plan.start)} → {day_text(plan.end)}",
        f"  Overall  {bar(status.overall)}",
        f"  {totals_text(status.overall)}",
        "",
        standing_text(status),
    ]
    if status.standing not in ("before_start", "finished"):
        lines.append(
            paint(
                f"By today the plan has {hours_text(status.due_minutes)} due; you have done "
                f"{hours_text(status.done_scheduled_minutes)} of the scheduled work. "
                f"{days_text(status.days_left)} to the planned end.",
                "dim",
            )
        )
    lines += forecast_lines(status)
    if status.calibration is not None:
        c = status.calibration
        lines.append(
            paint(
                f"On {c.items} finished item{'s' if c.items != 1 else ''} you logged "
                f"{hours_text(c.logged_minutes)} against {hours_text(c.estimated_minutes)} estimated "
                f"({c.ratio:.0%} of the estimates).",
                "dim",
            )
        )
    if advice is not None:
        lines.append(advice_text(advice))
    streak = status.streak_weeks
    lines.append(
        f"Streak: {streak} week{'s' if streak != 1 else ''} in a row with a tick."
        if streak
        else "Streak: none yet; tick something this week to start one."
    )
    lines += ["", paint("Phases", "bold")]
    width = min(48, max((len(safe(p.title)) for p in status.phases), default=10))
    current = status.current_phase
    lines += [_phase_line(p, width, current is not None and p.id == current.id) for p in status.phases]
    if current:
        lines.append(paint(f"▸ current phase: {safe(current.title)}", "dim"))
    picture = timeline_text(status)
    if picture:
        lines += ["", paint("Timeline", "bold"), *picture]
    if status.overdue:
        lines += ["", paint(f"Overdue ({len(status.overdue)})", "bold", "yellow")]
        lines += [_item_line(i, f"was due {i.end.isoformat() if i.end else ''}") for i in status.overdue]
    if status.next_items:
        lines += ["", paint("Next", "bold")]
        lines += [_item_line(i, hours_text(i.minutes)) for i in status.next_items]
    if status.passed:
        lines += ["", paint("Certifications passed", "bold")]
        lines += [f"  ★ {c.name}  {paint(c.on.isoformat(), 'dim')}" for c in status.passed]
    if status.unscheduled:
        lines += ["", paint("Not done, and not in the schedule", "bold")]
        lines += [_item_line(i) for i in status.unscheduled]
        lines.append(paint("  `roadmap replan` puts them back into the schedule.", "dim"))
    if status.orphans:
        lines += ["", paint("Kept from content that no longer has them", "bold")]
        lines += [f"  {paint(safe(i), 'cyan')}" for i in status.orphans]
        lines.append(
            paint("  Their ticks and notes are kept; they no longer count in the bars above.", "dim")
        )
    lines += ["", paint("Tick items with `roadmap check ID`; `roadmap next` shows this week.", "dim")]
    return "\n".join(lines) + "\n"


def week_text(view: WeekView) -> str:
    lines: list[str] = []
    if view.standing == "after_end":
        lines.append(paint("Your plan's weeks are over.", "bold"))
    else:
        heading = f"Week {view.week_number}" + (
            " (your plan starts then)" if view.standing == "before_start" else ""
        )
        lines.append(
            paint(heading, "bold")
            + f" · {day_text(view.first_day)} → {day_text(view.last_day)} · "
            + f"{hours_text(view.planned_minutes)} planned, {hours_text(view.left_minutes)} left"
        )
        for w in view.items:
            mark = paint("✓ ", "green") if w.done else "☐ "
            extra = f"{hours_text(w.minutes)} this week"
            if w.minutes != w.item.minutes:
                extra += f" of {hours_text(w.item.minutes)}"
            lines.append(_item_line(w.item, extra, mark))
    if view.overdue:
        lines += ["", paint(f"Overdue ({len(view.overdue)})", "bold", "yellow")]
        lines += [_item_line(i, f"was due {i.end.isoformat() if i.end else ''}", "☐ ") for i in view.overdue]
    todo = [i.id for i in view.overdue] + [w.item.id for w in view.items if not w.done]
    if view.advice is not None:
        lines += ["", advice_text(view.advice)]
    if todo:
        lines += ["", paint(f"Done one? roadmap check {safe(todo[0])}", "dim")]
    elif view.standing == "after_end":
        lines.append("Nothing is left of the plan's weeks. `roadmap status` shows the whole picture.")
    else:
        lines += ["", paint("Everything planned for this week is done.", "green")]
        if view.up_next:
            lines += [
                "Start the next one now:",
                *(_item_line(i, hours_text(i.minutes)) for i in view.up_next),
            ]
    return "\n".join(lines) + "\n"


def today_text(view: TodayView) -> str:
    lines = [paint(f"Today, {day_text(view.today)}", "bold") + f" · {hours_text(view.minutes)} to study"]
    if view.advice is not None:
        lines.append(advice_text(view.advice))
    if not view.items:
        lines.append("Nothing to do: every item of your plan is done." if view.advice else "Nothing is due.")
        return "\n".join(lines) + "\n"
    lines.append("")
    for entry in view.items:
        lines.append(_item_line(entry.item, f"{hours_text(entry.minutes)} · {safe(entry.why)}"))
    first = safe(view.items[0].item.id)
    lines += [
        "",
        paint(f"Log the time: roadmap log {first} 1h · when it is done: roadmap check {first}", "dim"),
    ]
    return "\n".join(lines) + "\n"


def item_text(detail: ItemDetail) -> str:
    """``roadmap show ID``: one item, whole."""
    entry, item = detail.entry, detail.entry.item
    state = entry.state.replace("_", " ")
    if entry.done_in:
        state += f" (done in a {entry.done_in} plan: `roadmap check --carry {item.id}` counts it here)"
    when = (
        f"{day_text(item.start)} → {day_text(item.end)}"
        if item.start and item.end
        else "not in the schedule (done or skipped when the plan was made)"
    )
    label = "Project" if item.kind == "project" else "Milestone"
    lines = [
        paint(safe(item.title), "bold"),
        f"{label} · {paint(safe(item.id), 'cyan')} · {safe(detail.phase_title)} · {safe(item.priority)}",
        f"State:    {state}",
        f"Planned:  {when}",
        f"Hours:    {hours_text(item.minutes)} estimated · {hours_text(entry.logged_minutes)} logged",
    ]
    if item.weekly:
        lines.append(f"          weekly practice: {item.weekly} h in each week of its span")
    if detail.description:
        lines += ["", safe_lines(detail.description)]
    if detail.deliverables:
        lines += ["", paint("Deliverables", "bold"), *(f"  - {safe(d)}" for d in detail.deliverables)]
    for heading, links in (("Depends on", detail.depends_on), ("Needed by", detail.needed_by)):
        if links:
            lines += ["", paint(heading, "bold")]
            for link in links:
                state = (link.state or "not in this plan").replace("_", " ")
                lines.append(f"  {paint(safe(link.id), 'cyan')}  {safe(link.title)}  {paint(state, 'dim')}")
    if detail.logs:
        lines += ["", paint("Study time", "bold")]
        lines += [
            f"  {e.on.isoformat()}  {hours_text(e.minutes)}"
            + (f"  {paint(safe(e.note), 'dim')}" if e.note else "")
            for e in detail.logs
        ]
    if entry.notes:
        lines += ["", paint("Notes", "bold"), *(f"  - {safe(n)}" for n in entry.notes)]
    if entry.evidence:
        lines += ["", f"Evidence: {safe(entry.evidence)}"]
    if item.resources:
        lines += ["", paint("Official documentation", "bold")]
        lines += [f"  {safe(r['title'])}: {safe(r['url'])}" for r in item.resources]
    if detail.sources:
        lines += ["", paint("Sources", "bold")]
        lines += [
            f"  {safe(s.title)}" + (f" ({safe(s.publisher)}, as of {safe(s.as_of)})" if s.publisher else "")
            for s in detail.sources
        ]
    lines += ["", paint("Hours are the project's estimates; the guides give only overall durations.", "dim")]
    return "\n".join(lines) + "\n"


def plans_text(rows: list[PlanRow]) -> str:
    """``roadmap plans``: every plan saved, the active one marked."""
    lines = []
    for row in rows:
        mark = paint("▸", "bold") if row.active else " "
        made = row.created_at[:10]
        if row.plan is None:
            lines.append(f"{mark} {row.id:>3}  {safe(made)}  cannot be read: {safe(row.problem or '')}")
            continue
        plan = row.plan
        lines.append(
            f"{mark} {row.id:>3}  {safe(made)}  {safe(plan.title)}, {plan.hours_per_week:g} h/week, "
            f"{plan.start.isoformat()} → {plan.end.isoformat()}, {len(plan.all_items())} items"
        )
    lines += ["", paint("▸ your active plan · `roadmap plans use ID` makes another one active", "dim")]
    return "\n".join(lines) + "\n"


_DONE = {
    "tick": ("✓ ticked", "already ticked"),
    "untick": ("↺ unticked", "was not ticked"),
    "skip": ("» skipped", "already skipped"),
    "unskip": ("↺ unskipped", "was not skipped"),
    "note": ("✎ noted", "no note to take back"),
    "evidence": ("⌂ evidence", ""),
    "log": ("⏱ logged", ""),
    "unlog": ("↺ study time taken back", ""),
}


def change_report(outcome: Outcome, progress: Progress) -> str:
    """What a tick, skip or note changed, one line per id, then the overall progress afterwards."""
    written = {(e.item_id, e.kind) for e in outcome.written}
    lines = []
    certs = {c.id: c.name for c in progress.plan.certifications}
    for item_id, kind, value in outcome.asked:
        did, did_not = _DONE[kind]
        item = progress.plan.item(item_id)
        title = safe(item.title) if item is not None else safe(certs.get(item_id, "(not in your plan)"))
        if kind == "note" and value is None:
            did = "↺ note taken back"
        if kind == "tick" and item_id in certs:
            did = "★ passed"
        if (item_id, kind) in written:
            detail = ""
            if value and kind in ("note", "evidence"):
                detail = f"  {paint(safe(value), 'dim')}"
            elif kind == "log":
                logged = next(
                    read_log(e) for e in outcome.written if e.item_id == item_id and e.kind == "log"
                )
                detail = f"  {paint(f'{hours_text(logged.minutes)} on {logged.on.isoformat()}', 'dim')}"
            lines.append(f"{paint(did, 'green')}  {paint(safe(item_id), 'cyan')}  {title}{detail}")
        else:
            lines.append(f"{paint('·', 'dim')} {paint(safe(item_id), 'cyan')} {did_not}: nothing to change")
    lines.append(paint(totals_text(progress.overall) + ".", "dim"))
    return "\n".join(lines) + "\n"


def write(text: str) -> None:
    sys.stdout.write(text)
