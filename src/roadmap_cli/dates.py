"""Calendar helpers shared by the planner and the views.

Kept apart from the planner so that the daily commands (``status``, ``next``), which need the week
of a date but never plan, do not import the planner and the catalog with it.
"""

from __future__ import annotations

from datetime import date, timedelta


def monday_of(day: date) -> date:
    """The Monday of the week ``day`` falls in (weeks start on Monday)."""
    return day - timedelta(days=day.weekday())
