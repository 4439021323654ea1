"""Calendar arithmetic and the limits of a plan, shared by the planner and the views.

Kept apart from the planner so that the daily commands, which only read a saved plan, can use it
without importing the planner and the catalog.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 80
MAX_MONTHS = 36


def days_in_month(year: int, month: int) -> int:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - timedelta(days=1)).day


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def months_between(start: date, end: date) -> float:
    """How many months from the morning of ``start`` to the evening of ``end``, to 0.1."""
    after = end + timedelta(days=1)
    whole = 0
    while add_months(start, whole + 1) <= after:
        whole += 1
    base = add_months(start, whole)
    span = (add_months(start, whole + 1) - base).days
    return round(whole + (after - base).days / span, 1)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def local_day(stamp: str) -> date:
    """The local date of a UTC time as stored (``2027-01-05T12:00:00+00:00``)."""
    return datetime.fromisoformat(stamp).astimezone().date()
