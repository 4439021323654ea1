"""What the daily commands read from outside the command line's own words: today's date, the
time to stamp events with, study times and days. Free of the parser, so that the commands run
without it (``roadmap_cli.fast``); ``commands/options.py`` turns these checks into the parser's
usage errors for everything else.
"""

from __future__ import annotations

import math
import os
from datetime import date, datetime

from roadmap_cli.errors import UsageError

#: For tests and demos only: pretend today is this date (YYYY-MM-DD).
TODAY_ENV = "ROADMAP_TODAY"

DURATION_FORMS = "30m, 90min, 1h, 1h30m, 1.5h, 2 hours or 1:30"

#: Hours a person can give ``roadmap today --hours``.
HOURS_TODAY = (0.25, 24.0)


class InvalidValue(UsageError):
    """A value an option does not take. ``message`` says why and what is allowed; the parser
    adds which option it was (``options.py``), and the fast path leaves it to the parser."""


def today() -> date:
    """Today's date, or ``ROADMAP_TODAY`` when set (used by the tests to fix the clock)."""
    value = os.environ.get(TODAY_ENV)
    if not value:
        return date.today()
    try:
        return read_date(value)
    except InvalidValue as error:
        raise UsageError(f"{TODAY_ENV}={error.message}") from None


def event_time() -> datetime | None:
    """When to date new events: now, unless ``ROADMAP_TODAY`` moves the day (then that day, at this time)."""
    if not os.environ.get(TODAY_ENV):
        return None
    return datetime.combine(today(), datetime.now().time()).astimezone()


def read_date(value: str) -> date:
    """A day written YYYY-MM-DD, within the dates roadmap takes."""
    from roadmap_cli.limits import DATE_RANGE, in_range

    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidValue(f"{value[:40]!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04") from None
    if not in_range(day):
        raise InvalidValue(f"{value.strip()} is out of range; give a date {DATE_RANGE}")
    return day


def check_hours_today(value: float) -> float:
    """Hours for ``roadmap today --hours``: a quarter of an hour to a whole day."""
    low, high = HOURS_TODAY
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidValue(f"{value:g} is not a number of hours in a day; give one from {low:g} to {high:g}")
    return value


def parse_duration(value: str) -> int:
    """Study time as minutes: ``90m``, ``90min``, ``90 minutes``, ``1h30m``, ``1.5h``, ``2 hours``,
    ``1:30``; a usage error otherwise, saying whether the unit is missing, unknown or the time too long."""
    import re

    from roadmap_cli.progress.models import MAX_LOG_MINUTES

    text = value.strip().lower().replace(" ", "")
    hours_unit = r"h(?:(?:ou)?rs?)?"  # h, hr, hrs, hour, hours
    minutes_unit = r"m(?:in(?:ute)?s?)?"  # m, min, mins, minute, minutes
    minutes: float | None = None
    if found := re.fullmatch(r"(\d{1,2}):([0-5]\d)", text):
        minutes = int(found[1]) * 60 + int(found[2])
    elif (
        found := re.fullmatch(
            rf"(?:(\d{{1,3}}(?:\.\d{{1,2}})?){hours_unit})?(?:(\d{{1,4}}){minutes_unit})?", text
        )
    ) and (found[1] is not None or found[2] is not None):
        minutes = float(found[1] or 0) * 60 + int(found[2] or 0)
        if found[1] is not None and "." in found[1] and found[2] is not None:
            minutes = None  # 1.5h30m: one or the other
    hint = f"write it as {DURATION_FORMS}"
    if minutes is None and re.fullmatch(r"\d+(?:\.\d+)?", text):
        number = text.removesuffix(".0")
        raise UsageError(
            f"{value[:40]!r} has no unit: {number}m for minutes or {number}h for hours?", hint=hint
        )
    unit = re.sub(r"^[\d.]+", "", text)
    known = re.fullmatch(f"{hours_unit}|{minutes_unit}", unit)
    if minutes is None and re.fullmatch(r"\d+(?:\.\d+)?[a-z]+", text) and not known:
        raise UsageError(
            f"{value[:40]!r}: {unit[:20]!r} is not a unit of time roadmap takes; give minutes or hours",
            hint=hint,
        )
    if minutes is None:
        raise UsageError(f"{value[:40]!r} is not a study time", hint=hint)
    if not 1 <= round(minutes) <= MAX_LOG_MINUTES:
        raise UsageError(
            f"{value[:40]!r} is not a study time of 1 minute to {MAX_LOG_MINUTES // 60} hours",
            hint=hint,
        )
    return round(minutes)
