"""Sentences that more than one renderer shows, built once from a typed result: the terminal, the
JSON documents and the HTML report say the same thing in the same words, each laid out its own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_cli.render.units import hours_text

if TYPE_CHECKING:
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
        note = f" ({off.name})" if off.name else ""
        span = f", {off.start.isoformat()} to {off.end.isoformat()}" if off.start and off.end else ""
        return f"a break{note}{span}"
    if off.kind == "holiday":
        return f"a public holiday: {off.name}"
    return "not one of your study days"
