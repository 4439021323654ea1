"""The calendar of study time: how many minutes a learner has on any date.

One function answers it, :meth:`StudyCalendar.minutes_on`, from four things the learner says:

* the hours of each weekday: ``--hours 12`` spreads 720 minutes over the seven days (the whole
  minutes go to the first days: 103 Monday to Saturday, 102 on Sunday), ``--days mon,wed,sat``
  spreads them over those days only, and ``--schedule "mon-fri 1h, sat 4h"`` gives each day its own;
* breaks, from one date to another inclusive, with a note (``roadmap break``);
* public holidays of a country or region, found once by the ``holidays`` library when the plan is
  made and kept in the plan as dates, so the daily commands never import it;
* a deadline (``--by``), which the planner reads as the end of the window.

Pure and small: the planner, the views and the exports all read study time through it, so a day
has the same minutes everywhere. It imports nothing heavier than :mod:`datetime`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from roadmap_cli.record import Record, field

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_MINUTES_A_DAY = 16 * 60
MAX_BREAKS = 500
MAX_HOLIDAYS = 5000
#: The share of each study day kept for review (``plan --review``), in percent, when a plan does
#: not say. None by default: the built-in hours are set so that the core fits the 10-12 month
#: window at 12 h a week, and a share taken by default would push every such plan past it. The
#: share to ask for is RECOMMENDED_REVIEW: one review of about ten minutes on each study day at
#: 12 h a week, which is what a learner's finished milestones ask for once a few months of them
#: are under review (each comes back some six to ten times in its first year, at the growing
#: intervals FSRS gives when recall is to stay at 90%).
DEFAULT_REVIEW = 0
RECOMMENDED_REVIEW = 10
MAX_REVIEW = 50


class CalendarError(ValueError):
    """A schedule, a day list or a break that cannot be read; the message says what is allowed."""


class Break(Record):
    """Days off, ``start`` to ``end`` inclusive."""

    start: date
    end: date
    note: str = ""

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Holiday(Record):
    day: date
    name: str


class StudyCalendar(Record):
    """Minutes of study on each weekday (Monday first), less breaks and holidays."""

    weekdays: tuple[int, ...]  # seven: Monday to Sunday
    breaks: tuple[Break, ...] = ()
    holidays: tuple[Holiday, ...] = ()
    region: str | None = None  # the holidays' country or region, as given (``DE-BY``)
    deadline: date | None = None
    #: How the weekly time was given: "hours" (spread over every day), "days" or "schedule".
    given_as: str = "hours"
    #: The percent of each study day kept for review; new work is planned in the rest.
    review: int = 0
    _free: set[date] = field(default_factory=set, compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.weekdays) != 7:
            raise ValueError(f"a week has seven days, not {len(self.weekdays)}")
        self._free.update(h.day for h in self.holidays)

    @property
    def weekly_minutes(self) -> int:
        return sum(self.weekdays)

    @property
    def hours_per_week(self) -> float:
        return round(self.weekly_minutes / 60, 2)

    def study_weekdays(self) -> tuple[int, ...]:
        return tuple(n for n, m in enumerate(self.weekdays) if m > 0)

    def holiday_on(self, day: date) -> Holiday | None:
        if day not in self._free:
            return None
        return next(h for h in self.holidays if h.day == day)

    def break_on(self, day: date) -> Break | None:
        return next((b for b in self.breaks if b.holds(day)), None)

    def minutes_on(self, day: date) -> int:
        """The minutes of study ``day`` has: its weekday's, or none on a break or a holiday."""
        minutes = self.weekdays[day.weekday()]
        if not minutes or day in self._free:
            return 0
        for off in self.breaks:
            if off.start <= day <= off.end:
                return 0
        return minutes

    def review_minutes_on(self, day: date) -> int:
        """The minutes of ``day`` kept for review: its share of the day's study time, rounded down."""
        return self.minutes_on(day) * self.review // 100

    def work_minutes_on(self, day: date) -> int:
        """The minutes of ``day`` for new work: its study time less the share kept for review."""
        minutes = self.minutes_on(day)
        return minutes - minutes * self.review // 100

    def minutes_between(self, first: date, last: date) -> int:
        """Minutes of study from ``first`` to ``last``, both included."""
        total, day = 0, first
        while day <= last:
            total += self.minutes_on(day)
            day += timedelta(days=1)
        return total

    def work_minutes_between(self, first: date, last: date) -> int:
        """Minutes for new work from ``first`` to ``last``, both included."""
        total, day = 0, first
        while day <= last:
            total += self.work_minutes_on(day)
            day += timedelta(days=1)
        return total

    def scaled(self, weekly_minutes: int) -> StudyCalendar:
        """The same days, breaks and holidays with ``weekly_minutes`` spread as this calendar's are: evenly
        over every day or over the study days, or in the same proportions as a schedule's."""
        if self.given_as == "schedule":
            return self.replace_weekdays(scale(self.weekdays, weekly_minutes))
        return self.replace_weekdays(spread(weekly_minutes, self.study_weekdays()))

    def replace_weekdays(self, weekdays: tuple[int, ...]) -> StudyCalendar:
        return StudyCalendar(
            _seven(weekdays),
            self.breaks,
            self.holidays,
            self.region,
            self.deadline,
            self.given_as,
            self.review,
        )

    def with_breaks(self, breaks: Iterable[Break]) -> StudyCalendar:
        """The same calendar with these breaks, kept in the order given (the order they were taken)."""
        return StudyCalendar(
            self.weekdays,
            tuple(breaks),
            self.holidays,
            self.region,
            self.deadline,
            self.given_as,
            self.review,
        )

    def with_review(self, review: int) -> StudyCalendar:
        """The same calendar with ``review`` percent of each study day kept for review."""
        return StudyCalendar(
            self.weekdays, self.breaks, self.holidays, self.region, self.deadline, self.given_as, review
        )


class WeekTotals(Record):
    """One Monday-to-Sunday week of a plan's days: what the planner's and the saved plan's weeks are."""

    index: int
    monday: date
    first_day: date  # the plan's first day in its first week, else the Monday
    capacity: int  # the calendar's minutes for new work from first_day to the Sunday (less review)
    slices: list[tuple[str, int]]  # each item's minutes in the week, in study order


def weeks_of(
    days: Iterable[tuple[date, Iterable[tuple[str, int]]]], start: date, calendar: StudyCalendar
) -> list[WeekTotals]:
    """The weeks of a plan's days (each a date and its items' minutes), from the week of ``start`` to
    the last day's; a week with no study day is kept, empty. The one rule for a week, which the
    planner and the saved plan both use."""
    listed = list(days)
    if not listed:
        return []
    first = start - timedelta(days=start.weekday())
    count = (listed[-1][0] - first).days // 7 + 1
    totals: list[dict[str, int]] = [{} for _ in range(count)]
    for day, slices in listed:
        week = totals[(day - first).days // 7]
        for item_id, minutes in slices:
            week[item_id] = week.get(item_id, 0) + minutes
    weeks = []
    for index in range(count):
        monday = first + timedelta(days=7 * index)
        first_day = start if index == 0 else monday
        capacity = calendar.work_minutes_between(first_day, monday + timedelta(days=6))
        weeks.append(WeekTotals(index, monday, first_day, capacity, list(totals[index].items())))
    return weeks


def _seven(values: Iterable[int]) -> tuple[int, int, int, int, int, int, int]:
    a, b, c, d, e, f, g = values
    return (a, b, c, d, e, f, g)


def scale(weekdays: Iterable[int], weekly_minutes: int) -> tuple[int, ...]:
    """``weekly_minutes`` shared over the days that have time, in proportion to what they have; the
    whole minutes left by rounding down go to the first of them."""
    days = list(weekdays)
    total = sum(days)
    if total <= 0:
        return tuple(days)
    shares = [weekly_minutes * m // total for m in days]
    rest = weekly_minutes - sum(shares)
    for n, m in enumerate(days):
        if rest <= 0:
            break
        if m > 0:
            shares[n] += 1
            rest -= 1
    return tuple(shares)


def spread(weekly_minutes: int, weekdays: Iterable[int] = range(7)) -> tuple[int, ...]:
    """``weekly_minutes`` split evenly over the given weekdays (0 is Monday)."""
    chosen = sorted(set(weekdays))
    base, rest = divmod(weekly_minutes, len(chosen))
    week = [0] * 7
    for n, day in enumerate(chosen):
        week[day] = base + (1 if n < rest else 0)
    return tuple(week)


def every_day(hours_per_week: float) -> StudyCalendar:
    """The calendar of ``--hours`` alone, and of every plan saved before calendars existed."""
    return StudyCalendar(_seven(spread(round(hours_per_week * 60))))


# -- reading what the learner types -------------------------------------------------------------

_DAY = "|".join(WEEKDAYS)
#: One part of a schedule, ``mon-fri 1h``; compiled when a schedule is read (the daily commands,
#: which import this module on every run, never read one).
_PART = rf"^(?P<first>{_DAY})(?:-(?P<last>{_DAY}))?\s+(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>h|m|min)?$"


def weekday_of(word: str) -> int:
    """A day of the week as people write it: ``mon``, ``Tuesday``, ``we``; any two letters or more
    that begin one day's name."""
    key = word.strip().lower()
    found = [n for n, name in enumerate(DAY_NAMES) if len(key) >= 2 and name.lower().startswith(key)]
    if len(found) != 1:
        raise CalendarError(
            f"{word.strip()!r} is not a day of the week; use mon, tue, wed, thu, fri, sat, sun"
        )
    return found[0]


def parse_days(text: str) -> tuple[int, ...]:
    """``mon,wed,sat`` (or ``mon-fri``, ``sat,sun``) as weekday numbers."""
    days: set[int] = set()
    for part in text.split(","):
        if not part.strip():
            continue
        if "-" in part:
            first, _, last = part.partition("-")
            a, b = weekday_of(first), weekday_of(last)
            if b < a:
                raise CalendarError(
                    f"{part.strip()!r} runs backwards; write the earlier day first, e.g. mon-fri"
                )
            days.update(range(a, b + 1))
        else:
            days.add(weekday_of(part))
    if not days:
        raise CalendarError("no day given; name one or more of mon, tue, wed, thu, fri, sat, sun")
    return tuple(sorted(days))


def parse_schedule(text: str) -> tuple[int, ...]:
    """``mon-fri 1h, sat 4h, sun 30m`` as minutes for each weekday."""
    week = [0] * 7
    seen: set[int] = set()
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise CalendarError('the schedule is empty; give days and hours, e.g. "mon-fri 1h, sat 4h"')
    import re

    for part in parts:
        found = re.match(_PART, part.lower())
        if not found:
            raise CalendarError(
                f'{part!r} is not "DAY HOURS" or "DAY-DAY HOURS"; e.g. "mon-fri 1h, sat 4h, sun 30m"'
            )
        first = WEEKDAYS.index(found["first"])
        last = WEEKDAYS.index(found["last"]) if found["last"] else first
        if last < first:
            raise CalendarError(f"{part!r} runs backwards; write the earlier day first, e.g. mon-fri")
        amount = float(found["amount"])
        minutes = round(amount * 60) if found["unit"] in (None, "h") else round(amount)
        if not 0 <= minutes <= MAX_MINUTES_A_DAY:
            raise CalendarError(f"{part!r}: a day holds 0 to {MAX_MINUTES_A_DAY // 60} hours of study")
        for day in range(first, last + 1):
            if day in seen:
                raise CalendarError(f"{WEEKDAYS[day]} is given twice in the schedule")
            seen.add(day)
            week[day] = minutes
    if not any(week):
        raise CalendarError("the schedule has no study time; give at least one day some hours")
    return tuple(week)


def parse_span(text: str) -> tuple[date, date]:
    """``2027-08-02..2027-08-15`` (or one date for one day) as its first and last day."""
    first, sep, last = text.strip().partition("..")
    try:
        start = date.fromisoformat(first.strip())
        end = date.fromisoformat(last.strip()) if sep else start
    except ValueError:
        raise CalendarError(
            f"{text.strip()!r} is not FROM..TO with dates as YYYY-MM-DD, e.g. 2027-08-02..2027-08-15"
        ) from None
    if end < start:
        raise CalendarError(f"{text.strip()!r} ends before it starts")
    if (end - start).days > 366:
        raise CalendarError(f"{text.strip()!r} is longer than a year; a break is at most 366 days")
    return start, end


def public_holidays(region: str, first_year: int, last_year: int) -> tuple[str, tuple[Holiday, ...]]:
    """The public holidays of ``region`` (``US``, ``DE-BY``, ``GB-SCT``) from the ``holidays`` library,
    for the years given: its canonical code and the days. Imported here only, when a plan asks."""
    import holidays  # a large import (about 0.1 s and more per country): only plans that name holidays

    country, _, subdivision = region.strip().upper().partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise CalendarError(
            f"{region!r} is not a country the holidays library knows; use an ISO 3166 code such as "
            "US, GB, DE, FR, IN, or a region such as DE-BY"
        )
    if subdivision and subdivision not in supported[country]:
        shown = ", ".join(f"{country}-{s}" for s in supported[country][:12])
        more = ", ..." if len(supported[country]) > 12 else ""
        raise CalendarError(f"{region!r} is not a region of {country}; known: {shown}{more}")
    found = holidays.country_holidays(
        country, subdiv=subdivision or None, years=range(first_year, last_year + 1)
    )
    days = tuple(Holiday(day, str(name)) for day, name in sorted(found.items()))
    return (f"{country}-{subdivision}" if subdivision else country), days[:MAX_HOLIDAYS]


def from_options(
    start: date,
    *,
    hours: float | None = None,
    days: str | None = None,
    schedule: str | None = None,
    holidays: str | None = None,
    by: date | None = None,
    base: StudyCalendar | None = None,
    review: int | None = None,
) -> StudyCalendar:
    """The calendar that ``plan`` or ``replan`` options describe. ``base`` is the calendar a replan
    keeps: what an option does not change is taken from it (its breaks always are). ``holidays``
    ``none`` drops the holidays; the holidays of a region are looked up for the plan's first years.
    ``review``: the percent kept for review; by default the base's, or :data:`DEFAULT_REVIEW`."""
    if schedule is not None and (hours is not None or days is not None):
        raise CalendarError("--schedule gives each day its hours: leave out --hours and --days")
    if schedule is not None:
        weekdays, given_as = parse_schedule(schedule), "schedule"
    elif days is not None:
        chosen = parse_days(days)
        weekly = hours if hours is not None else (base.weekly_minutes / 60 if base else None)
        if weekly is None:
            raise CalendarError("--days needs --hours: the hours of the week are shared over those days")
        weekdays, given_as = spread(round(weekly * 60), chosen), "days"
    elif hours is not None:
        if base is not None and base.given_as != "hours":
            weekdays, given_as = base.scaled(round(hours * 60)).weekdays, base.given_as
        else:
            weekdays, given_as = spread(round(hours * 60)), "hours"
    elif base is not None:
        weekdays, given_as = base.weekdays, base.given_as
    else:
        raise CalendarError("give --hours (the hours of your week) or --schedule (the hours of each day)")
    region, free = (base.region, base.holidays) if base is not None else (None, ())
    if holidays is not None:
        if holidays.strip().lower() in ("none", ""):
            region, free = None, ()
        else:
            region, free = public_holidays(holidays, start.year, start.year + 4)
    elif region is not None and (not free or free[-1].day.year < start.year + 4):
        region, free = public_holidays(region, start.year, start.year + 4)
    deadline = by if by is not None else (base.deadline if base is not None else None)
    if deadline is not None and deadline <= start:
        raise CalendarError(
            f"--by {deadline.isoformat()} is not after the plan's first day, {start.isoformat()}"
        )
    return StudyCalendar(
        _seven(weekdays),
        base.breaks if base is not None else (),
        free,
        region,
        deadline,
        given_as,
        review if review is not None else (base.review if base is not None else DEFAULT_REVIEW),
    )


def parse_review(text: str) -> int:
    """``--review 15%`` (or ``15``, or ``0`` for none) as a whole percent."""
    value = text.strip().removesuffix("%").strip()
    if not value.isdigit() or not 0 <= int(value) <= MAX_REVIEW:
        raise CalendarError(
            f"--review {text.strip()!r} is not a share of each day from 0% to {MAX_REVIEW}%, e.g. 15% or 0"
        )
    return int(value)
