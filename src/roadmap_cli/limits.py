"""Bounds on what roadmap takes from outside: options, environment, backups. (A note's length is
the event's own limit, ``progress.models.MAX_VALUE``.)

Each is far above real use and far below where something would break (the calendar's ends,
memory, a terminal): a value past one is refused with a message that names the bound.
"""

from __future__ import annotations

from datetime import date

#: Dates roadmap takes (--start, ROADMAP_TODAY, a backup's plans): far from the ends of the
#: calendar (years 1 and 9999), so a plan's end, its weeks and the days to today never fall off.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
DATE_RANGE = f"from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"

#: An IANA time zone name (the longest real one has 32 characters).
MAX_TZ = 64
#: Weekly study sessions in --sessions, and the length of its text.
MAX_SESSIONS = 50
MAX_SESSIONS_TEXT = 1_000


def in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


#: The latest end a plan may have: one started on LAST_DAY may run up to the planner's hundred
#: years (``planner.MAX_YEARS``), and its backup must import as it was made.
LAST_END = date(LAST_DAY.year + 101, 12, 31)


def end_in_range(day: date) -> bool:
    """A plan's end: on or after FIRST_DAY and no later than LAST_END."""
    return FIRST_DAY <= day <= LAST_END
