"""The plan as an RFC 5545 calendar, made with the icalendar library.

* one all-day event per milestone and project, spanning its scheduled days;
* with ``--at 19:00`` (or ``--at "mon-fri 19:00, sat 10:00"``), one timed session on every study day
  of the plan, starting then and lasting that day's planned time, saying what to study: the plan's
  own calendar, so breaks, holidays and days off have none;
* with ``--sessions "mon,wed 19:00-21:00"``, the learner's own weekly sessions instead, each saying
  what to study that week (none on a break or a public holiday of the plan); when they book fewer
  hours than the plan needs, the export says so;
* with ``--alarm 10m``, a reminder that long before each timed session (none by default).

Titles, notes and evidence are text from outside: each control, escape and reordering character
in them is written as a visible escape (``\\x1b``), as the terminal views show them, since the
calendar often goes to a terminal first and a calendar app shows what it is given.

UIDs are derived from the stack and the item id (or the session's date and time), so importing a
new export of the same plan updates events instead of adding copies.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_cli import __version__
from roadmap_cli.errors import UsageError
from roadmap_cli.safetext import safe

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from icalendar import Event

    from roadmap_cli.progress.saved import PlanItem, SavedPlan
    from roadmap_cli.views.state import Progress

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UID_DOMAIN = "roadmap-cli"
SESSIONS_EXAMPLE = '--sessions "mon,wed 19:00-21:00; sat 10:00-12:30"'


@dataclass(frozen=True)
class Session:
    weekday: int  # Monday is 0
    start: time
    end: time


def _day(word: str, spec: str, option: str = "--sessions") -> int:
    key = word.strip().lower()[:3]
    if key not in DAYS:
        raise UsageError(
            f"{option} {spec!r}: {word.strip()!r} is not a day; use mon, tue, wed, thu, fri, sat, sun",
            hint=f"for example {SESSIONS_EXAMPLE if option == '--sessions' else AT_EXAMPLE}",
        )
    return DAYS.index(key)


def _time(text: str, spec: str, option: str = "--sessions") -> time:
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", text.strip())
    if match is None or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise UsageError(
            f"{option} {spec!r}: {text.strip()!r} is not a time; write HH:MM on a 24-hour clock",
            hint=f"for example {SESSIONS_EXAMPLE if option == '--sessions' else AT_EXAMPLE}",
        )
    return time(int(match[1]), int(match[2] or 0))


def parse_sessions(text: str) -> list[Session]:
    """``"mon,wed 19:00-21:00; sat 10:00-12:30"`` (day ranges such as ``mon-fri`` work too)."""
    from roadmap_cli.limits import MAX_SESSIONS, MAX_SESSIONS_TEXT

    if len(text) > MAX_SESSIONS_TEXT:
        raise UsageError(
            f"--sessions is {len(text):,} characters long; it may have up to {MAX_SESSIONS_TEXT:,}",
            hint=f"for example {SESSIONS_EXAMPLE}",
        )
    sessions: list[Session] = []
    for spec in filter(None, (part.strip() for part in text.split(";"))):
        days_text, _, times = spec.partition(" ")
        start_text, dash, end_text = times.strip().partition("-")
        if not days_text or not dash:
            raise UsageError(
                f"--sessions {spec!r}: expected days then a time range",
                hint=f"for example {SESSIONS_EXAMPLE}",
            )
        start, end = _time(start_text, spec), _time(end_text, spec)
        if end <= start:
            raise UsageError(f"--sessions {spec!r}: the session must end after it starts, on the same day")
        days: list[int] = []
        for word in days_text.split(","):
            first, to, last = word.partition("-")
            if to:
                a, b = _day(first, spec), _day(last, spec)
                days.extend(range(a, b + 1) if a <= b else [*range(a, 7), *range(b + 1)])
            else:
                days.append(_day(word, spec))
        sessions.extend(Session(d, start, end) for d in dict.fromkeys(days))
    if not sessions:
        raise UsageError("--sessions is empty", hint=f"for example {SESSIONS_EXAMPLE}")
    # The same session given twice is one session; two that start together on a day would share
    # a calendar UID (and a person cannot attend both), so they are refused.
    unique = sorted(set(sessions), key=lambda s: (s.weekday, s.start, s.end))
    for earlier, later in pairwise(unique):
        if (earlier.weekday, earlier.start) == (later.weekday, later.start):
            raise UsageError(
                f"--sessions has two sessions starting on {DAYS[earlier.weekday]} at {earlier.start:%H:%M}; "
                "give each day's start time once"
            )
    if len(unique) > MAX_SESSIONS:
        raise UsageError(f"--sessions gives {len(unique)} sessions a week; it may give up to {MAX_SESSIONS}")
    return unique


AT_EXAMPLE = '--at 19:00, or --at "mon-fri 19:00, sat 10:00"'


def parse_at(text: str) -> tuple[time | None, ...]:
    """``19:00`` for every day, or ``mon-fri 19:00, sat 10:00``: a start time for each weekday."""
    if re.fullmatch(r"\s*\d{1,2}(:\d{2})?\s*", text):
        start = _time(text, text, "--at")
        return (start,) * 7
    week: list[time | None] = [None] * 7
    for part in filter(None, (p.strip() for p in text.replace(";", ",").split(","))):
        days_text, _, clock = part.partition(" ")
        if not clock.strip():
            raise UsageError(f"--at {part!r}: expected days then a time", hint=f"for example {AT_EXAMPLE}")
        first, to, last = days_text.partition("-")
        if to:
            days = range(_day(first, part, "--at"), _day(last, part, "--at") + 1)
        else:
            days = range(_day(days_text, part, "--at"), _day(days_text, part, "--at") + 1)
        for day in days:
            week[day] = _time(clock, part, "--at")
    if not any(week):
        raise UsageError("--at is empty", hint=f"for example {AT_EXAMPLE}")
    return tuple(week)


def parse_alarm(text: str) -> timedelta:
    """``10m``, ``1h``, ``90m``: how long before a session its reminder comes."""
    match = re.fullmatch(r"\s*(\d{1,4})\s*(m|min|h)\s*", text.lower())
    if match is None or int(match[1]) == 0:
        raise UsageError(
            f"--alarm {text!r} is not a time before the session; write minutes or hours, e.g. 10m or 1h"
        )
    amount = int(match[1])
    before = timedelta(hours=amount) if match[2] == "h" else timedelta(minutes=amount)
    if before > timedelta(days=7):
        raise UsageError(f"--alarm {text!r} is more than a week before the session; give at most 168h")
    return before


def booked_short(plan: SavedPlan, sessions: list[Session]) -> str | None:
    """A warning when the weekly sessions book fewer hours, over the plan's span, than it needs."""
    from roadmap_cli.render.units import hours_text
    from roadmap_cli.render.words import calendar_text

    calendar = plan.calendar
    booked, day = 0, plan.start
    while day <= plan.end:
        if calendar.break_on(day) is None and calendar.holiday_on(day) is None:
            booked += sum(_minutes(s.start, s.end) for s in sessions if s.weekday == day.weekday())
        day += timedelta(days=1)
    needed = plan.planned_through(plan.end)
    if booked >= needed:
        return None
    weekly = sum(_minutes(s.start, s.end) for s in sessions)
    return (
        f"warning: your sessions book {hours_text(weekly)} a week, {hours_text(booked)} in all, but the plan "
        f"needs {hours_text(needed)} ({calendar_text(plan.calendar)}): the sessions will not cover it. "
        "Book more, or export with --at to follow the plan's own days.\n"
    )


def _minutes(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def local_zone_name() -> str:
    """The IANA name of this machine's time zone, or UTC when it cannot be told."""
    name = os.environ.get("TZ", "").lstrip(":")
    if (name and "/" in name) or name == "UTC":
        return name
    try:
        target = Path("/etc/localtime").resolve()
    except OSError:
        return "UTC"
    parts = target.parts
    if "zoneinfo" in parts:
        return "/".join(parts[parts.index("zoneinfo") + 1 :]) or "UTC"
    return "UTC"


def zone(name: str | None) -> ZoneInfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from roadmap_cli.limits import MAX_TZ

    key = name or local_zone_name()
    if len(key) > MAX_TZ:
        raise UsageError(
            f"--tz is {len(key):,} characters long; a time zone name has at most {MAX_TZ}",
            hint="use an IANA name such as Europe/London, America/New_York or UTC",
        )
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UsageError(
            f"--tz {key!r} is not a time zone this machine knows",
            hint="use an IANA name such as Europe/London, America/New_York or UTC",
        ) from None


def render_ics(
    progress: Progress,
    *,
    sessions: list[Session] | None = None,
    tz: str | None = None,
    stamp: datetime | None = None,
    at: tuple[time | None, ...] | None = None,
    alarm: timedelta | None = None,
) -> bytes:
    from icalendar import Calendar, Event

    from roadmap_cli.render.units import hours_text

    plan = progress.plan
    zone_info = zone(tz) if sessions or at or tz is not None else None
    # DTSTAMP: when this plan was made, so two exports of one plan are identical.
    dtstamp = (stamp or datetime.combine(plan.start, time(), timezone.utc)).astimezone(timezone.utc)
    stack_id = plan.request.lang
    cal = Calendar()
    cal.add("prodid", f"-//{UID_DOMAIN}//roadmap {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Backend study plan ({safe(plan.stack)})")
    for entry in progress.items:
        item = entry.item
        if item.start is None or item.end is None:
            continue
        event = Event()
        event.add("uid", f"{stack_id}-{item.id}@{UID_DOMAIN}")
        event.add("dtstamp", dtstamp)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + timedelta(days=1))  # all-day DTEND is the day after
        done = "✓ " if entry.done else ""
        label = "Project: " if item.kind == "project" else ""
        event.add("summary", f"{done}{label}{safe(item.title)}")
        lines = [
            f"roadmap id: {safe(item.id)}",
            f"{hours_text(item.minutes)} (estimated) · {item.priority}",
            f"state: {entry.state}",
        ]
        if entry.evidence:
            lines.append(f"evidence: {safe(entry.evidence)}")
        lines += [f"note: {safe(note)}" for note in entry.notes]
        event.add("description", "\n".join(lines))
        event.add("categories", ["roadmap", item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    timed: list[Event] = []
    if sessions and zone_info is not None:
        timed = _session_events(plan, sessions, zone_info, dtstamp, stack_id)
    elif at and zone_info is not None:
        timed = _day_events(plan, at, zone_info, dtstamp, stack_id)
    for timed_event in timed:
        if alarm is not None:
            timed_event.add_component(_reminder(alarm, str(timed_event["summary"])))
        cal.add_component(timed_event)
    if timed:
        cal.add_missing_timezones()
    raw: bytes = cal.to_ical()
    return raw


def _real(day: date, at: time, zone_info: ZoneInfo) -> datetime:
    """``at`` on ``day`` as the zone's clocks really show it: a time that does not exist (skipped
    when the clocks go forward) becomes the time it is then (02:30 in New York on the spring day is
    03:30); a time that comes twice when they go back is its first."""
    return datetime.combine(day, at, zone_info).astimezone(timezone.utc).astimezone(zone_info)


def session_times(day: date, session: Session, zone_info: ZoneInfo) -> tuple[datetime, datetime]:
    """When a session starts and ends on ``day``, in real wall time, never for no time at all.

    A session that the clocks going forward would shorten to nothing (02:00-03:00 in New York,
    02:00-02:30 on Lord Howe Island) is moved to start when the clocks do, for its usual length.
    """
    start, end = _real(day, session.start, zone_info), _real(day, session.end, zone_info)
    if end.astimezone(timezone.utc) <= start.astimezone(timezone.utc):
        length = datetime.combine(day, session.end) - datetime.combine(day, session.start)
        end = (start.astimezone(timezone.utc) + length).astimezone(zone_info)
    return start, end


def _session_events(
    plan: SavedPlan, sessions: list[Session], zone_info: ZoneInfo, dtstamp: datetime, stack_id: str
) -> list[Event]:

    from roadmap_cli.render.units import hours_text

    events: list[Event] = []
    for week in plan.weeks:
        todo = [(item, minutes) for item_id, minutes in week.slices if (item := plan.item(item_id))]
        if not todo:
            continue
        number, used = plan.week_number(week.start), hours_text(week.used)
        heading = f"Week {number} of your plan ({used} this week, estimated):"
        for session in sessions:
            day = week.start + timedelta(days=session.weekday)
            if day < plan.start or day > plan.end:
                continue
            if plan.calendar.break_on(day) is not None or plan.calendar.holiday_on(day) is not None:
                continue
            start, end = session_times(day, session, zone_info)
            uid = f"{stack_id}-session-{day.isoformat()}-{session.start:%H%M}@{UID_DOMAIN}"
            events.append(_study_event(uid, dtstamp, start, end, heading, todo))
    return events


def _study_event(
    uid: str,
    dtstamp: datetime,
    start: datetime,
    end: datetime,
    heading: str,
    todo: list[tuple[PlanItem, int]],
) -> Event:
    """A timed study session: what to study in it, each item with its minutes and id."""
    from icalendar import Event

    from roadmap_cli.render.units import hours_text

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", dtstamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", "Study: " + ", ".join(safe(item.title) for item, _ in todo))
    details = [heading]
    details += [f"- {safe(item.title)} ({hours_text(minutes)}) [{safe(item.id)}]" for item, minutes in todo]
    event.add("description", "\n".join(details))
    event.add("categories", ["roadmap", "session"])
    return event


def _reminder(before: timedelta, summary: str) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -before)
    return alarm


def _day_events(
    plan: SavedPlan, at: tuple[time | None, ...], zone_info: ZoneInfo, dtstamp: datetime, stack_id: str
) -> list[Event]:
    """One session on each study day of the plan, as long as that day's planned time."""

    from roadmap_cli.render.units import hours_text

    events: list[Event] = []
    for plan_day in plan.days:
        start = at[plan_day.day.weekday()]
        todo = [(item, minutes) for item_id, minutes in plan_day.slices if (item := plan.item(item_id))]
        if start is None or not todo:
            continue
        begins = _real(plan_day.day, start, zone_info)  # a start in a daylight-saving gap moves on
        # the day's time in real minutes, across a change of the clocks
        ends = (begins.astimezone(timezone.utc) + timedelta(minutes=plan_day.used)).astimezone(zone_info)
        number, used = plan.week_number(plan_day.day), hours_text(plan_day.used)
        heading = f"Week {number} of your plan, {used} today (estimated):"
        uid = f"{stack_id}-day-{plan_day.day.isoformat()}@{UID_DOMAIN}"
        events.append(_study_event(uid, dtstamp, begins, ends, heading, todo))
    return events
