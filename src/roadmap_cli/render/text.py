"""Text views for the commands run many times a day (`status`, `next`, `check`, `skip`, `note`).

Laid out by :mod:`roadmap_cli.render.term`, like every human view: to the terminal's width, in
marks its encoding can show, coloured only when colour is wanted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from roadmap_cli.cells import cell_len, ljust
from roadmap_cli.progress.models import CardState, read_log
from roadmap_cli.progress.saved import PlanItem, SavedPlan
from roadmap_cli.render.term import MARKS, fields, item, para, term, visible_len, wrap
from roadmap_cli.render.term import write as term_write
from roadmap_cli.render.units import count_text, day_text, days_text, hours_text, percent_text
from roadmap_cli.render.words import advice_text, calendar_text, off_text, why_text
from roadmap_cli.safetext import safe
from roadmap_cli.views.detail import ItemDetail, PlanRow
from roadmap_cli.views.reviews import Card, ReviewLoad
from roadmap_cli.views.state import PhaseProgress, Progress, Totals
from roadmap_cli.views.today import Advice, TodayView
from roadmap_cli.views.week import WeekView

if TYPE_CHECKING:
    from roadmap_cli.progress.actions import Outcome
    from roadmap_cli.progress.travel import SyncReport, SyncStatus
    from roadmap_cli.views.timeline import Span

BAR_WIDTH = 24


def bar(totals: Totals, width: int = BAR_WIDTH) -> str:
    t = term()
    filled = round(totals.share * width)
    return (
        t.paint("█" * filled, "green")
        + t.paint("░" * (width - filled), "dim")
        + f" {percent_text(totals.percent):>6}"
    )


def _label(i: PlanItem) -> str:
    return f"Project: {i.title}" if i.kind == "project" else i.title


def _id_width(items: list[PlanItem]) -> int:
    return max((len(i.id) for i in items), default=0)


def _items(mark: str, items: list[PlanItem], tail: dict[str, str] | None = None) -> list[str]:
    width = _id_width(items)
    out: list[str] = []
    for i in items:
        out += item(mark, i.id, _label(i), id_width=width, tail=(tail or {}).get(i.id, ""))
    return out


def totals_text(totals: Totals) -> str:
    """The one sentence of overall progress, the same wherever it is shown."""
    return (
        f"{totals.done_items} of {count_text(totals.total_items, 'item')} done · "
        f"{hours_text(totals.done_minutes)} of {hours_text(totals.total_minutes)} "
        f"({percent_text(totals.percent)} of the plan's estimated hours)"
    )


def standing(status: Progress) -> tuple[str, tuple[str, ...]]:
    """One sentence on where the person is against where the plan has them by today, and its style."""
    delta = abs(status.delta_minutes)
    pace = f"at {status.plan.hours_per_week:g} h/week"
    amount = f"{hours_text(delta)}, about {days_text(abs(status.delta_days))} {pace}"
    if abs(status.delta_days) == 0 and delta:
        amount = f"{hours_text(delta)}, less than a day {pace}"
    if status.standing == "finished":
        return "Finished: every item in the plan is done.", ("bold", "green")
    if status.standing == "before_start":
        text = f"Your plan starts on {day_text(status.plan.start)}, in {days_text(status.days_to_start)}."
        if status.delta_minutes > 0:
            text += f" You are already {hours_text(delta)} ahead."
        return text, ()
    if status.standing == "ahead":
        return f"Ahead of plan by {amount}.", ("green",)
    if status.standing == "behind":
        return f"Behind plan by {amount}.", ("bold", "red")
    return "On time: done just what the plan has due by today.", ("green",)


def standing_text(status: Progress) -> str:
    text, styles = standing(status)
    return term().paint(text, *styles)


def _phase_lines(phase: PhaseProgress, width: int, current: bool) -> list[str]:
    """A phase's name, then its bar and counts: on one line when the terminal is wide enough."""
    t = term()
    mark = t.paint(t.mark("current"), "bold") if current else " "
    meter = f"{bar(phase.totals, 16)}  {_counts(phase)}"
    number = f"{phase.number}. "
    if 2 + width + 2 + _meter_width(phase) <= t.width:
        # The title wraps within its column, under its own first word: the bar keeps its column.
        lines = para(phase.title, first=number, width=width, first_styles=())
        first = f"{mark} {ljust(lines[0], width)}  {meter}"
        return [first, *(f"  {line}" for line in lines[1:])]
    return [*para(f"{number}{phase.title}", first=f"{mark} ", width=t.width), f"    {meter}"]


def _counts(phase: PhaseProgress) -> str:
    return f"{phase.totals.done_items}/{count_text(phase.totals.total_items, 'item')}"


def _meter_width(phase: PhaseProgress) -> int:
    """The columns a phase's bar, percent and counts take."""
    return 16 + 7 + 2 + len(_counts(phase))


def timeline_lines(spans: list[Span], start: date, end: date, today: date | None) -> list[str]:
    """The phase timeline, painted: done in green, planned in cyan, today in bold magenta."""
    from roadmap_cli.views.timeline import DONE, FULL, TODAY, Span, timeline

    t = term()
    # Escaped before they are measured and cut: "\u202e" takes six cells, not none.
    spans = [Span(safe(s.label), s.start, s.end, s.done) for s in spans]
    longest = max((cell_len(s.label) for s in spans), default=0)
    label_width = min(28, longest) if t.width - min(28, longest) - 1 >= 40 else 3
    picture = timeline(
        spans, start, end, today, width=min(100, t.width - label_width - 1), label_width=label_width
    )
    styles = {DONE: ("green",), FULL: ("cyan",), TODAY: ("bold", "magenta")}
    lines = [t.paint(axis, "bold") for axis in (picture.axis, picture.years) if axis]
    for label, row in picture.rows:
        lines.append(safe(label) + " " + "".join(t.paint(c, *styles.get(c, ("dim",))) for c in row))
    legend = f"{DONE} done  {FULL} planned"
    if picture.today_column is not None and today is not None:
        legend += f"  {TODAY} today ({today.isoformat()})"
    if picture.step > 1:
        every = f"{picture.step} months" if picture.step < 12 else f"{picture.step // 12} years"
        legend += f"  (a label every {'year' if picture.step == 12 else every})"
    return lines + para(legend, "dim", width=t.width)


def timeline_text(progress: Progress) -> list[str]:
    """The Gantt-like picture: a bar per phase over the plan's months, done part filled, today marked."""
    from roadmap_cli.views.timeline import phase_spans

    spans = phase_spans(progress.phases)
    if not spans:
        return []
    plan = progress.plan
    return timeline_lines(spans, plan.start, plan.end, progress.today)


def forecast_lines(status: Progress) -> list[str]:
    """The planned end against the end the real pace gives, explained in one line."""
    forecast = status.forecast
    if status.standing == "finished":
        return []
    if forecast is None:
        return para(
            f"Planned end {status.plan.end.isoformat()}. A forecast from your real pace comes after two "
            "weeks of activity (`roadmap log ID 1h` records study time).",
            "dim",
        )
    pace = f"{round(forecast.pace_minutes_per_week / 60, 1):g} h/week"
    what = {
        "logged": "logged",
        "ticks": "ticked (at their estimates)",
        "both": "logged and ticked",
    }[forecast.source]
    if forecast.end_earliest is None:
        return para(
            f"Forecast: nothing {what} in the last four weeks, so at that pace the plan does not end."
        )
    if forecast.end_latest is None or forecast.end_latest == forecast.end_earliest:
        span = forecast.end_earliest.isoformat()
    else:
        span = f"{forecast.end_earliest.isoformat()} to {forecast.end_latest.isoformat()}"
    spread = round(forecast.spread_minutes_per_week / 60, 1)
    steady = f" (± {spread:g} h from week to week)" if spread else ""
    text = (
        f"Forecast: {span} (planned {status.plan.end.isoformat()}), at your last four weeks' {pace}{steady} "
        f"{what}, with {hours_text(forecast.left_minutes)} to go."
    )
    if status.delta_minutes > 0 and forecast.slower_than_plan:
        plan_pace = f"{round(forecast.plan_minutes_per_week / 60, 1):g} h/week"
        text += (
            f" You are ahead today, but your recent pace is below the plan's {plan_pace}: kept up, "
            "it would end later than planned."
        )
    return para(text)


def break_lines(status: Progress) -> list[str]:
    """The break under way, or the next one: each re-flowed the plan, so the dates above count them."""
    today = status.today
    for taken in sorted(status.plan.calendar.breaks, key=lambda b: b.start):
        note = f" ({safe(taken.note)})" if taken.note else ""
        if taken.start <= today <= taken.end:
            return para(f"On a break{note} until {day_text(taken.end)}: nothing is planned meanwhile.")
        if taken.start > today:
            return para(f"Next break{note}: {taken.start.isoformat()} to {taken.end.isoformat()}.", "dim")
    return []


def advice_lines(advice: Advice) -> list[str]:
    text = advice_text(advice)
    return para(text, "bold") if advice.kind == "behind" else para(text)


def review_text(load: ReviewLoad, done: Sequence[tuple[Card, str, CardState]]) -> str:
    """What ``roadmap review`` recorded, then what is due: every review due, most forgotten first."""
    t = term()
    lines: list[str] = []
    for card, rating, state in done:
        lines += item(
            t.paint(t.mark("done"), "green"),
            card.id,
            safe(card.title),
            tail=f"{rating} · next review on {state.due.isoformat()}",
        )
    if not done:
        if not load.cards:
            lines += para("Nothing to review yet: a milestone comes up for review once you tick it.")
        elif not load.due:
            lines += para("Nothing is due for review today.")
        else:
            lines += [t.paint(f"Due for review ({len(load.due)}), most forgotten first", "bold")]
            width = max(len(s.card.id) for s in load.due)
            for slot in load.due:
                tail = f"recall {slot.retrievability:.0%} · due {slot.card.due.isoformat()}"
                lines += item(t.mark("todo"), slot.card.id, safe(slot.card.title), id_width=width, tail=tail)
                lines += para(safe(slot.card.prompt), "dim", indent=6)
            lines += para("Go through them: roadmap review · or: roadmap review ID --rating good", "dim")
    lines += ["", *para(remembered_text(load), "dim")]
    return "\n".join(lines) + "\n"


def saved_text(old: SavedPlan, new: SavedPlan) -> str:
    """What a self-assessment's re-flow saved: ``-86 h, ends 2 months earlier (2027-10-04, was
    2027-12-06)``; or what it added back, when a rating was lowered or taken back."""
    minutes = new.planned_minutes - old.planned_minutes
    shift = (new.end - old.end).days
    sign = "-" if minutes < 0 else "+"
    work = f"{sign}{hours_text(abs(minutes))} of work" if minutes else "the same work"
    if shift == 0:
        when = f"the plan still ends on {new.end.isoformat()}"
    else:
        months = round(abs(shift) / 30.44)
        span = count_text(months, "month") if abs(shift) >= 45 else days_text(abs(shift))
        earlier = "earlier" if shift < 0 else "later"
        when = f"the plan ends {span} {earlier} ({new.end.isoformat()}, was {old.end.isoformat()})"
    return f"Re-planned from today: {work}, {when}."


def remembered_text(load: ReviewLoad) -> str:
    """The one line that sums up review, in ``status`` and the report."""
    parts = [f"{count_text(len(load.due), 'review')} due", f"{load.done_this_week} done this week"]
    if load.remembered is not None:
        parts.append(
            f"you still recall about {load.remembered:.0%} of the {count_text(load.cards, 'milestone')} "
            "you finished (FSRS's estimate)"
        )
    return "Review: " + " · ".join(parts) + "."


def status_text(status: Progress, advice: Advice | None = None, reviews: ReviewLoad | None = None) -> str:
    t = term()
    plan = status.plan
    head = f"{plan.title} · {calendar_text(plan.calendar)} · {day_text(plan.start)} → {day_text(plan.end)}"
    lines = para(head, first=t.paint("Progress", "bold") + " · ", width=t.width)
    lines += [f"  Overall  {bar(status.overall, min(BAR_WIDTH, t.width - 20))}"]
    lines += para(totals_text(status.overall), indent=2)
    text, styles = standing(status)
    lines += ["", *para(text, *styles)]
    if status.standing not in ("before_start", "finished"):
        lines += para(
            f"By now the plan has {hours_text(status.due_minutes)} due (today's work counts as you do it); "
            f"you have done {hours_text(status.done_scheduled_minutes)}. "
            f"{days_text(status.days_left)} to the planned end.",
        )
    lines += break_lines(status)
    lines += forecast_lines(status)
    if status.calibration is not None:
        c = status.calibration
        lines += para(
            f"On {c.items} finished item{'s' if c.items != 1 else ''} you logged "
            f"{hours_text(c.logged_minutes)} against {hours_text(c.estimated_minutes)} estimated "
            f"({c.ratio:.0%} of the estimates).",
            "dim",
        )
    if advice is not None:
        lines += advice_lines(advice)
    streak = status.streak_weeks
    lines += para(
        f"Streak: {streak} week{'s' if streak != 1 else ''} in a row with study logged or an item ticked."
        if streak
        else "Streak: none yet; tick something this week to start one."
    )
    if reviews is not None and reviews.cards:
        lines += para(remembered_text(reviews))
    lines += ["", t.paint("Phases", "bold")]
    longest = max((cell_len(f"{p.number}. {p.title}") for p in status.phases), default=10)
    meter = max((_meter_width(p) for p in status.phases), default=0)
    width = min(longest, max(20, t.width - 4 - meter))  # the rest is the bar and the counts
    current = status.current_phase
    for p in status.phases:
        lines += _phase_lines(p, width, current is not None and p.id == current.id)
    if current:
        lines += para(f"{t.mark('current')} current phase: {current.title}", "dim")
    picture = timeline_text(status)
    if picture:
        lines += ["", t.paint("Timeline", "bold"), *picture]
    if status.overdue:
        lines += ["", t.paint(f"{t.mark('overdue')} Overdue ({len(status.overdue)})", "bold", "red")]
        tails = {i.id: f"was due {i.end.isoformat()}" for i in status.overdue if i.end}
        lines += _items(t.mark("overdue"), list(status.overdue), tails)
    if status.next_items:
        lines += ["", t.paint("Next", "bold")]
        lines += _items(
            t.mark("todo"), list(status.next_items), {i.id: hours_text(i.minutes) for i in status.next_items}
        )
    if status.passed:
        lines += ["", t.paint("Certifications passed", "bold")]
        for cert in status.passed:
            lines += para(
                f"{cert.name}  {cert.on.isoformat()}", first=f"  {t.paint(t.mark('cert'), 'magenta')} "
            )
    if status.unscheduled:
        lines += ["", t.paint("Not done, and not in the schedule", "bold")]
        lines += _items(t.mark("todo"), list(status.unscheduled))
        lines += para("`roadmap replan` puts them back into the schedule.", "dim", indent=2)
    if status.orphans:
        lines += ["", t.paint("Kept from content that no longer has them", "bold")]
        lines += [f"  {t.paint(safe(i), 'cyan')}" for i in status.orphans]
        lines += para(
            "Their ticks and notes are kept; they no longer count in the bars above.", "dim", indent=2
        )
    lines += ["", *para("Tick items with `roadmap check ID`; `roadmap next` shows this week.", "dim")]
    return "\n".join(lines) + "\n"


def week_text(view: WeekView) -> str:
    t = term()
    lines: list[str] = []
    if view.standing == "after_end":
        lines.append(t.paint("Your plan's weeks are over.", "bold"))
    else:
        heading = f"Week {view.week_number}" + (
            " (your plan starts then)" if view.standing == "before_start" else ""
        )
        rest = (
            f"{day_text(view.first_day)} → {day_text(view.last_day)} · "
            f"{hours_text(view.planned_minutes)} planned, {hours_text(view.left_minutes)} left (estimated)"
        )
        lines += para(rest, first=t.paint(heading, "bold") + " · ", width=t.width)
        width = max([_id_width([w.item for w in view.items]), _id_width(list(view.overdue))])
        for w in view.items:
            mark = state_mark(w.state)
            extra = f"{hours_text(w.minutes)} this week"
            if w.minutes != w.item.minutes:
                extra += f" of {hours_text(w.item.minutes)}"
            lines += item(mark, w.item.id, _label(w.item), id_width=width, tail=extra)
    if view.overdue:
        lines += ["", t.paint(f"{t.mark('overdue')} Overdue ({len(view.overdue)})", "bold", "red")]
        tails = {i.id: f"was due {i.end.isoformat()}" for i in view.overdue if i.end}
        lines += _items(t.paint(t.mark("overdue"), "red"), list(view.overdue), tails)
    todo = [i.id for i in view.overdue] + [w.item.id for w in view.items if not w.done]
    if view.advice is not None:
        lines += ["", *advice_lines(view.advice)]
    if todo:
        lines += ["", *para(f"Done one? roadmap check {todo[0]}", "dim")]
    elif view.standing == "after_end":
        lines += para("Nothing is left of the plan's weeks. `roadmap status` shows the whole picture.")
    else:
        lines += ["", *para("Everything planned for this week is done.", "green")]
        if view.up_next:
            lines += ["Start the next one now:"]
            lines += _items(
                t.mark("todo"), list(view.up_next), {i.id: hours_text(i.minutes) for i in view.up_next}
            )
    return "\n".join(lines) + "\n"


def _today_work(view: TodayView) -> list[str]:
    t = term()
    if view.off is not None:
        summary = f"no study time: {off_text(view.off)}"
    elif view.logged_minutes:
        summary = (
            f"{hours_text(view.minutes)} to study · {hours_text(view.logged_minutes)} logged, "
            f"{hours_text(view.left_minutes)} left"
        )
    else:
        summary = f"{hours_text(view.minutes)} to study"
    lines = para(summary, first=t.paint(f"Today, {day_text(view.today)}", "bold") + " · ")
    if view.advice is not None:
        lines += advice_lines(view.advice)
    if not view.items:
        if view.advice is not None and view.advice.kind == "finished":
            lines += para("Nothing to do: every item of your plan is done.")
            return lines
        if view.off is None and view.minutes:
            lines += para("Today's study time is used up: the plan asks nothing more of today.")
        else:
            lines += para("Nothing is due today.")
        if view.more:
            nxt = view.more[0]
            lines += para(f"For more, the next item is {nxt.id}: roadmap log {nxt.id} 30m", "dim")
        return lines
    lines.append("")
    width = _id_width([e.item for e in view.items])
    for entry in view.items:
        tail = f"{hours_text(entry.minutes)} · {why_text(entry)}"
        lines += item(state_mark(entry.state), entry.item.id, _label(entry.item), id_width=width, tail=tail)
    first = view.items[0]
    lines += [
        "",
        *para(
            f"Log the time: roadmap log {first.item.id} {first.minutes}m · "
            f"when it is done: roadmap check {first.item.id}",
            "dim",
        ),
    ]
    return lines


def today_text(view: TodayView) -> str:
    """What to study today, then the reviews kept for today."""
    return "\n".join([*_today_work(view), *review_lines(view.reviews)]) + "\n"


def review_lines(load: ReviewLoad | None, *, listed: bool = True) -> list[str]:
    """The reviews of today: each with its prompt and minutes, most forgotten first, within the
    day's share; how many wait for the next study days; or why none is planned."""
    if load is None or not load.cards:
        return []
    t = term()
    lines = ["", t.paint("Review", "bold")]
    if load.due and not load.share:
        return lines + para(
            f"{count_text(len(load.due), 'review')} due, but your plan keeps no time for review: "
            "`roadmap replan --review 10%` keeps a tenth of each study day for it.",
        )
    if not load.due:
        done = f"{count_text(load.done_today, 'review')} done today; " if load.done_today else ""
        upcoming = f"; the next falls due on {load.next_due.isoformat()}" if load.next_due else ""
        return lines + para(
            f"{done}Nothing {'more ' if done else ''}is due for review today{upcoming}.", "dim"
        )
    if listed and load.planned:
        width = max(len(s.card.id) for s in load.planned)
        for slot in load.planned:
            tail = f"{slot.minutes} min · recall {slot.retrievability:.0%}"
            lines += item(t.mark("todo"), slot.card.id, safe(slot.card.title), id_width=width, tail=tail)
            lines += para(safe(slot.card.prompt), "dim", indent=6)
    if load.waiting:
        lines += para(
            f"{count_text(load.waiting, 'more review')} due past today's share: "
            "they go to the next study days.",
            "dim",
        )
    lines += para("Review them one by one: roadmap review", "dim")
    return lines


#: A mark for each state of an item, the same in every view that shows states.
STATE_MARKS = {
    "done": "done",
    "skipped": "skipped",
    "overdue": "overdue",
    "in_progress": "progress",
    "planned": "todo",
    "unscheduled": "unscheduled",
}


def state_mark(state: str) -> str:
    t = term()
    name = STATE_MARKS.get(state, "todo")
    styles = {"done": ("green",), "overdue": ("bold", "red")}.get(name, ())
    return t.paint(t.mark(name), *styles)


def state_legend() -> str:
    return term().legend("done", "skipped", "overdue", "progress", "todo", "unscheduled")


def item_text(detail: ItemDetail) -> str:
    """``roadmap show ID``: one item, whole."""
    t = term()
    entry, shown = detail.entry, detail.entry.item
    state = entry.state.replace("_", " ")
    if entry.done_in:
        state += f" (done in a {entry.done_in} plan: `roadmap check --carry {shown.id}` counts it here)"
    when = (
        f"{day_text(shown.start)} → {day_text(shown.end)}"
        if shown.start and shown.end
        else "not in the schedule (done or skipped when the plan was made)"
    )
    label = "Project" if shown.kind == "project" else "Milestone"
    lines = para(shown.title, "bold", width=t.width)
    lines += para(f"{label} · {shown.id} · {detail.phase_title} · {shown.priority}", width=t.width)
    hours = f"{hours_text(shown.minutes)} estimated · {hours_text(entry.logged_minutes)} logged"
    if not detail.has_plan:
        hours = f"{hours_text(shown.minutes)} estimated"
    if shown.weekly:
        hours += f" · weekly practice: {shown.weekly} h in each week of its span"
    rows = [
        ("State", f"{t.mark(STATE_MARKS.get(entry.state, 'todo'))} {state}"),
        ("Planned", when),
        ("Hours", hours),
    ]
    if detail.outside is not None:  # from the content: no dates, a state only if ticked
        rows = [("Plan", detail.outside), *([rows[0]] if entry.done else []), rows[2]]
    lines += fields(rows, indent=0)
    if detail.description:
        lines += ["", *para(detail.description)]
    if detail.deliverables:
        lines += ["", t.paint("Deliverables", "bold")]
        for d in detail.deliverables:
            lines += para(d, first="  • ")
    for heading, links in (("Depends on", detail.depends_on), ("Needed by", detail.needed_by)):
        if links:
            lines += ["", t.paint(heading, "bold")]
            width = max(len(link.id) for link in links)
            for link in links:
                link_state = (link.state or ("not in this plan" if detail.has_plan else "")).replace("_", " ")
                mark = state_mark(link.state) if link.state else " "
                lines += item(mark, link.id, link.title, id_width=width, tail=link_state)
    if detail.logs:
        lines += ["", t.paint("Study time", "bold")]
        for e in detail.logs:
            lines += para(e.note or "", "dim", first=f"  {e.on.isoformat()}  {hours_text(e.minutes)}  ")
    if entry.notes:
        lines += ["", t.paint("Notes", "bold")]
        for n in entry.notes:
            lines += para(n, first="  • ")
    if entry.evidence:
        lines += ["", *para(entry.evidence, first="Evidence: ", width=t.width)]
    if shown.resources:
        lines += ["", t.paint("Official documentation", "bold")]
        for r in shown.resources:
            lines += para(r["url"], first=f"  {r['title']}: ", width=t.width)
    if detail.sources:
        lines += ["", t.paint("Sources", "bold")]
        for s in detail.sources:
            lines += para(s.title + (f" ({s.publisher}, as of {s.as_of})" if s.publisher else ""), indent=2)
    lines += ["", *para("Hours are the project's estimates; the guides give only overall durations.", "dim")]
    return "\n".join(lines) + "\n"


def plans_text(rows: list[PlanRow]) -> str:
    """``roadmap plans``: every plan saved, the active one marked."""
    t = term()
    lines: list[str] = []
    for row in rows:
        mark = t.paint(t.mark("current"), "bold") if row.active else " "
        made = row.created_at[:10]
        first = f"{mark} {row.id:>3}  {made}  "
        if row.plan is None:
            lines += para(f"cannot be read: {row.problem}", first=first, width=t.width)
            continue
        plan = row.plan
        lines += para(
            f"{plan.title}, {plan.hours_per_week:g} h/week, "
            f"{plan.start.isoformat()} → {plan.end.isoformat()}, {count_text(len(plan.all_items()), 'item')}",
            first=first,
            width=t.width,
        )
    lines += [
        "",
        *para(
            f"{t.mark('current')} your active plan · `roadmap plans use ID` makes another one active", "dim"
        ),
    ]
    return "\n".join(lines) + "\n"


#: Per kind of change: its mark, what was done, and what it says when there was nothing to do.
_CHANGES = {
    "tick": ("done", "ticked", "already ticked"),
    "untick": ("↺", "unticked", "was not ticked"),
    "skip": ("skipped", "skipped", "already skipped"),
    "unskip": ("↺", "unskipped", "was not skipped"),
    "note": ("✎", "noted", "no note to take back"),
    "evidence": ("⌂", "evidence kept", ""),
    "log": ("⏱", "logged", ""),
    "unlog": ("↺", "study time taken back", ""),
}


def change_report(outcome: Outcome, progress: Progress) -> str:
    """What a tick, skip or note changed, one row per id, then the overall progress afterwards."""
    t = term()
    written = {(e.item_id, e.kind) for e in outcome.written}
    lines: list[str] = []
    # One row has nothing to line up with: its text follows its id, however long.
    id_width = (
        max((len(item_id) for item_id, _, _ in outcome.asked), default=0) if len(outcome.asked) > 1 else 0
    )
    certs = {c.id: c.name for c in progress.plan.certifications}
    for item_id, kind, value in outcome.asked:
        mark, did, did_not = _CHANGES[kind]
        mark = t.mark(mark) if mark in MARKS else mark
        found = progress.plan.item(item_id)
        title = _label(found) if found is not None else certs.get(item_id, "(not in your plan)")
        if kind == "note" and value is None:
            mark, did = "↺", "note taken back"
        if kind == "tick" and item_id in certs:
            mark, did = t.mark("cert"), "passed"
        if (item_id, kind) in written:
            detail = f" · {value}" if value and kind in ("note", "evidence") else ""
            if kind == "log":
                logged = next(
                    read_log(e) for e in outcome.written if e.item_id == item_id and e.kind == "log"
                )
                did = f"logged {hours_text(logged.minutes)} on {logged.on.isoformat()}"
            lines += item(t.paint(mark, "green"), item_id, title + detail, id_width=id_width, tail=did)
        else:
            lines += item("·", item_id, title, id_width=id_width, tail=f"{did_not}: nothing to change")
    lines += para(totals_text(progress.overall) + ".", "dim")
    return "\n".join(lines) + "\n"


def write(text: str, *, pager: bool = False) -> None:
    """A view or a message to stdout; a plain line wider than the terminal (a one-line message)
    is wrapped between words first."""
    width = term().width
    if any(visible_len(line) > width and "\x1b" not in line for line in text.splitlines()):
        lines = [
            "\n".join(wrap(line, width)) if visible_len(line) > width and "\x1b" not in line else line
            for line in text.splitlines()
        ]
        text = "\n".join(lines) + ("\n" if text.endswith("\n") else "")
    term_write(text, pager=pager)


def _in_out(events: int, plans: int) -> str:
    if not events and not plans:
        return "nothing new"
    parts = [count_text(events, "event")] + ([count_text(plans, "plan")] if plans else [])
    return " and ".join(parts)


def sync_lines(report: SyncReport) -> list[str]:
    """What ``roadmap sync`` did: where it synced, what came in and what went out."""
    made = " (a new repository, made there)" if report.created else ""
    came = _in_out(report.events_in, report.plans_in)
    if report.events_in or report.plans_in:
        came += f" from {count_text(report.devices_in, 'other device')}"
    pairs = [("In", came), ("Out", _in_out(report.events_out, report.plans_out))]
    if report.skipped:
        pairs.append(("Left out", count_text(len(report.skipped), "line or file", "lines or files")))
    return [*para(f"Synced with {safe(report.remote)}{made}."), *fields(pairs)]


def sync_status_lines(found: SyncStatus) -> list[str]:
    """``roadmap sync status``: the remote, the last sync, the devices seen."""
    if not found.set_up:
        return [
            *para("This home does not sync yet."),
            *para("Set it up with `roadmap sync init URL-or-PATH`: a git repository you own.", indent=2),
        ]
    pairs = [
        ("Remote", safe(found.remote or "?")),
        ("Folder", found.folder),
        ("This device", found.device[:8]),
        ("Last sync", (found.last_sync or "never").replace("T", " ").replace("+00:00", " UTC")),
    ]
    devices = [
        (
            seen.device[:8],
            count_text(seen.events, "event")
            + (f", latest {seen.last_event[:10]}" if seen.last_event else "")
            + (" (this device)" if seen.this else ""),
        )
        for seen in found.devices
    ]
    return [*fields(pairs, indent=0), "", f"Devices seen ({len(found.devices)}):", *fields(devices)]
