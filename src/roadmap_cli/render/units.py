"""How hours, percents and days are written for people: one function each, used by every view.

The numbers themselves come from :mod:`roadmap_cli.views.state` (minutes, percents to a tenth);
JSON carries the same values (:func:`hours`), text adds the unit.
"""

from __future__ import annotations

from datetime import date


def hours(minutes: int) -> float:
    """Hours to two decimals, an int when whole (``20``, not ``20.0``): the value every output shows."""
    value = round(minutes / 60, 2)
    return int(value) if value == int(value) else value


def hours_text(minutes: int) -> str:
    return f"{hours(minutes):g} h"


def percent_text(value: float) -> str:
    return f"{value:g}%"


def day_text(value: date) -> str:
    return f"{value:%a} {value.isoformat()}"


def days_text(days: int) -> str:
    return count_text(days, "day")


def months_text(start: date, end: date) -> str:
    """The months a span runs over: ``Jun 2027``, ``Jun-Aug 2027``, ``Dec 2027-Feb 2028``."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%b %Y}"
    if start.year == end.year:
        return f"{start:%b}-{end:%b %Y}"
    return f"{start:%b %Y}-{end:%b %Y}"


def count_text(number: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun, which agree: ``1 item``, ``0 items``, ``1,200 events``."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


#: What every view that shows hours says about them.
ESTIMATE_NOTE = (
    "Hours are this project's estimates, not figures from the guides: each phase is sized so that, "
    "at 12 h a week, it takes about as many months as the guides give it."
)
