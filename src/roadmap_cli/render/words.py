"""Sentences that more than one renderer shows, built once from a typed result: the terminal, the
JSON documents and the HTML report say the same thing in the same words, each laid out its own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_cli.render.units import hours_text
from roadmap_cli.safetext import safe
from roadmap_cli.studytime import WEEKDAYS

if TYPE_CHECKING:
    from roadmap_cli.studytime import StudyCalendar
    from roadmap_cli.views.today import Advice, DayOff, TodayItem


def advice_text(advice: Advice) -> str:
    if advice.kind == "finished":
        return "Every item of your plan is done."
    if advice.kind == "behind":
        where = f"; it would end on {advice.replan_end.isoformat()}" if advice.replan_end else ""
        return (
            f"You are {hours_text(advice.minutes)} behind, more than a week of study. "
            f"`roadmap replan` re-flows what is left from today{where}."
        )
    return f"You are {hours_text(advice.minutes)} ahead: the next items of your plan come forward."


def why_text(entry: TodayItem) -> str:
    """Why an item is on today's list."""
    item = entry.item
    if entry.reason == "overdue":
        return f"overdue: planned to end {item.end.isoformat() if item.end else ''}"
    if entry.reason == "in_progress":
        return f"in progress: {hours_text(entry.logged_minutes)} of {hours_text(item.minutes)} logged"
    if entry.reason == "this_week":
        return "planned for today"
    return f"ahead of plan: planned from {item.start.isoformat() if item.start else ''}"


def off_text(off: DayOff) -> str:
    """Why a day has no study time."""
    if off.kind == "break":
        note = f" ({safe(off.name)})" if off.name else ""
        span = f", {off.start.isoformat()} to {off.end.isoformat()}" if off.start and off.end else ""
        return f"a break{note}{span}"
    if off.kind == "holiday":
        return f"a public holiday: {safe(off.name)}"
    return "not one of your study days"


def calendar_text(calendar: StudyCalendar) -> str:
    """The week in words: ``12 h/week``, ``6 h/week on Mon, Wed, Sat`` or
    ``Mon-Fri 1 h, Sat 4 h (9 h/week)``, and the share kept for review when there is one
    (``12 h/week, 10% kept for review``)."""
    week = _week_text(calendar)
    return f"{week}, {calendar.review}% kept for review" if calendar.review else week


def _week_text(calendar: StudyCalendar) -> str:
    total = f"{calendar.weekly_minutes / 60:g} h/week"
    if calendar.given_as == "hours":
        return total
    days = calendar.study_weekdays()
    if calendar.given_as == "days":
        return f"{total} on {', '.join(WEEKDAYS[d].capitalize() for d in days)}"
    groups: list[tuple[int, int, int]] = []  # (first weekday, last weekday, minutes)
    for n in days:
        if groups and groups[-1][1] == n - 1 and groups[-1][2] == calendar.weekdays[n]:
            groups[-1] = (groups[-1][0], n, calendar.weekdays[n])
        else:
            groups.append((n, n, calendar.weekdays[n]))
    parts = [
        (WEEKDAYS[a].capitalize() if a == b else f"{WEEKDAYS[a].capitalize()}-{WEEKDAYS[b].capitalize()}")
        + f" {hours_text(m)}"
        for a, b, m in groups
    ]
    return f"{', '.join(parts)} ({total})"
