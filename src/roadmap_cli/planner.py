"""Turn a catalog and a request into a dated, day-by-day plan. Pure: no I/O, no clock.

How a plan is made:

* The items are those that apply to the chosen stack, less those already done or skipped.
* Core items always go in. Optional items are added lowest ``rank`` first while the whole plan
  still ends inside the window (``months``), and only when what they depend on is in the plan.
* Phases come in order. Inside a phase items follow their dependencies, then the order the pack
  gives them; the phase's capstone project closes it.
* The unit of planning is the day. A :class:`~roadmap_cli.studytime.StudyCalendar` gives the minutes
  of study on each date (the weekly hours spread over every day, study days, or hours per weekday;
  none on a break or a public holiday). Items take the days in order, so an item may span days and
  weeks, and no day holds more than its study time. Weeks and months are views of the days.
* Time already logged on an item when a plan is made (``credited``) comes off its estimate: a
  re-plan schedules only what is left of each item.
* Weekly practice (an item with ``weekly`` hours) does not take the days in one block: from the
  day the others reach it, every study day gives it first its share of the weekly hours (the day's
  part of its week's study time), and the other items share the rest, until its hours are used up.
* Certification study (an item with ``cert``) is in the plan only when that certification is
  chosen (``certs``; ``None`` means the catalog's default ones); a chosen one counts as core.
* A deadline (``--by``) is the end of the window: optional items go in while the plan ends by it,
  and when the core alone does not, the warning says how many hours a week, on the same days, would.

Making a plan builds many small objects and no reference cycles, so the garbage collector rests
meanwhile: on a catalog of tens of thousands of items its passes over the catalog would otherwise
cost more than the planning, and grow with its size.

The plan always covers every core item. When the hours are too few for the window it says how long
it really takes and how many hours a week would fit; when they are so many that it ends early, it
says that too. Nothing is stretched or cut silently.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from roadmap_cli.catalog.catalog import Catalog, Item, applies_to, item_hours, item_title, tools_of
from roadmap_cli.dates import MAX_HOURS_PER_WEEK, add_months, monday_of, months_between
from roadmap_cli.errors import UsageError
from roadmap_cli.record import Record, field
from roadmap_cli.speed import gc_paused
from roadmap_cli.studytime import StudyCalendar, every_day
from roadmap_cli.studytime import weeks_of as studytime_weeks

__all__ = ["MAX_HOURS_PER_WEEK", "Plan", "PlanRequest", "add_months", "make_plan", "months_between"]

MAX_YEARS = 100  # a plan longer than this is a mistake in the packs or the hours, not a plan


class PlanRequest(Record):
    stack: str
    hours_per_week: float
    start: date
    framework: str | None = None
    months: tuple[int, int] = (10, 12)
    core_only: bool = False
    #: Done or skipped: left out of the schedule, listed as the plan's settled items.
    done: frozenset[str] = frozenset()
    #: Plan only these ids (a re-plan keeps to the items of the plan it replaces); None: every item.
    only: frozenset[str] | None = None
    certs: frozenset[str] | None = None  # None: the catalog's default certifications
    #: The study time of each date; None: ``hours_per_week`` spread over every day.
    calendar: StudyCalendar | None = None
    #: Minutes already logged on an item, up to its estimate: they come off what is scheduled.
    credited: Mapping[str, int] = field(default_factory=dict)

    @property
    def study_calendar(self) -> StudyCalendar:
        return self.calendar if self.calendar is not None else every_day(self.hours_per_week)


class Scheduled(Record):
    item: Item
    title: str
    minutes: int  # the estimate
    start: date
    end: date
    credited: int = 0  # logged before the plan was made: not scheduled

    @property
    def planned(self) -> int:
        return self.minutes - self.credited


class Day(Record, frozen=False):
    """One date of the plan: its study time and the minutes of each item placed on it."""

    day: date
    capacity: int
    slices: list[tuple[str, int]] = field(default_factory=list)

    @property
    def used(self) -> int:
        return sum(minutes for _, minutes in self.slices)


class Week(Record, frozen=False):
    index: int
    start: date  # always a Monday
    capacity: int  # minutes available this week
    slices: list[tuple[str, int]] = field(default_factory=list)  # (item id, minutes)

    @property
    def used(self) -> int:
        return sum(minutes for _, minutes in self.slices)


class PlannedCert(Record):
    """A certification to start studying for when its phase begins in the plan."""

    id: str
    name: str
    issuer: str
    phase: str
    start: date  # the day its study starts: its first study item, or else its phase's first item
    week: int  # index of the week holding that day
    minutes: int = 0  # estimated study time in the plan: its study items' minutes
    items: tuple[str, ...] = ()  # its study items in the plan


class Plan(Record):
    request: PlanRequest
    stack: dict[str, object]
    framework: dict[str, object]
    tools: dict[str, str]
    items: list[Scheduled]
    days: list[Day]
    weeks: list[Week]
    end: date
    months: float
    window_end: date
    warnings: list[str]
    left_out: list[Item]
    fits: bool  # the core ends inside the window
    ends_early: bool
    certifications: list[PlannedCert] = field(default_factory=list)
    chosen_certs: frozenset[str] = frozenset()  # asked for, or the catalog's default
    settled: list[Item] = field(default_factory=list)  # for this stack, done or skipped: left out

    @property
    def start(self) -> date:
        return self.request.start

    @property
    def total_minutes(self) -> int:
        return sum(s.minutes for s in self.items)


def week_minutes(hours_per_week: float) -> int:
    return round(hours_per_week * 60)


def _as_calendar(time: StudyCalendar | int) -> StudyCalendar:
    """A calendar as given, or minutes a week spread over every day."""
    return every_day(time / 60) if isinstance(time, int) else time


def capacity_until(start: date, end: date, time: StudyCalendar | int) -> int:
    """Minutes of study from ``start`` to ``end`` inclusive, by a calendar or at minutes a week."""
    return _as_calendar(time).work_minutes_between(start, end)


def hours_to_fit(start: date, window_end: date, minutes: int, time: StudyCalendar | None = None) -> int:
    """The fewest whole hours a week, shared over the same days as ``calendar``'s, that get
    ``minutes`` of study done by ``window_end``; more than the maximum when even that does not."""
    calendar = _as_calendar(time if time is not None else 60)
    weeks = max(1.0, ((window_end - start).days + 1) / 7)
    hours = min(7 * 24, max(1, math.floor(minutes / 60 / weeks)))
    while hours < 7 * 24 and calendar.scaled(hours * 60).work_minutes_between(start, window_end) < minutes:
        hours += 1
    return hours


def _order(items: list[Item], phase_rank: dict[str, int], capstones: set[str]) -> list[Item]:
    """Phases in order; inside each, dependencies first, then pack order; the capstone last.

    Kahn's algorithm over item positions. Each item's sort key (phase, capstone last, position)
    is packed into one integer, so the heap compares plain ints.
    """
    count = len(items)
    position = {item["id"]: n for n, item in enumerate(items)}
    waiting = [0] * count
    dependants: dict[int, list[int]] = {}
    rank = [0] * count
    for n, item in enumerate(items):
        rank[n] = (phase_rank[item["phase"]] * 2 + (item["id"] in capstones)) * count + n
        for dep in item["depends_on"]:
            before = position.get(dep)
            if before is not None:
                waiting[n] += 1
                dependants.setdefault(before, []).append(n)
    ready = [rank[n] for n in range(count) if not waiting[n]]
    heapq.heapify(ready)
    ordered: list[Item] = []
    while ready:
        n = heapq.heappop(ready) % count
        ordered.append(items[n])
        for after in dependants.get(n, ()):
            waiting[after] -= 1
            if not waiting[after]:
                heapq.heappush(ready, rank[after])
    return ordered


def make_plan(catalog: Catalog, request: PlanRequest) -> Plan:
    with gc_paused():
        return _make_plan(catalog, request)


def _make_plan(catalog: Catalog, request: PlanRequest) -> Plan:
    stack = catalog.resolve_stack(request.stack)
    framework = catalog.resolve_framework(stack, request.framework)
    tools = tools_of(stack, framework)
    certs = request.certs if request.certs is not None else frozenset(catalog.default_certs())
    calendar = request.study_calendar
    per_week = calendar.weekly_minutes
    if per_week <= 0:
        raise UsageError("the study calendar has no time in the week", hint="give --hours or --schedule")
    credited = request.credited
    low, high = request.months
    if calendar.deadline is not None:
        window_end = calendar.deadline
        early_end = request.start - timedelta(days=1)  # a deadline is an end, not a window to fill
    else:
        window_end = add_months(request.start, high) - timedelta(days=1)
        early_end = add_months(request.start, low - 1) - timedelta(days=1)

    pending: list[Item] = []  # what applies to the stack and is not done, in pack order
    done_items: list[Item] = []  # what applies and is done or skipped, in pack order
    settled = set(request.done)  # done, or not for this plan: a dependency nothing waits for
    # The same pass sorts the pending items into core and optional, and keeps what the rest of the
    # planning needs of them by place, so that no later step reads every item again: in a pack of
    # 50,000 items, reading each one's dict costs more than everything else done with it.
    core: list[Item] = []
    core_places: list[int] = []  # where they stand in ``pending``
    offered: list[int] = []  # where the optional ones stand in ``pending``
    ranks: list[int] = []  # and their ranks
    for item in catalog.items:
        if (
            not applies_to(item, stack["id"])
            or (request.only is not None and item["id"] not in request.only)
            or (item["cert"] is not None and item["cert"] not in certs)
        ):
            settled.add(item["id"])
        elif item["id"] in request.done:
            done_items.append(item)
        else:
            if item["priority"] == "core" or item["cert"] is not None:
                core.append(item)
                core_places.append(len(pending))
            elif not request.core_only:
                offered.append(len(pending))
                ranks.append(item["rank"])
            pending.append(item)
    # Optional items are offered lowest rank first, in pack order among equal ranks: the sort is
    # stable, so sorting by rank alone keeps pack order.
    offered = [offered[k] for k in sorted(range(len(offered)), key=ranks.__getitem__)]
    core_ids = {i["id"] for i in core}
    core_minutes = sum(item_hours(i, stack["id"]) * 60 - credited.get(i["id"], 0) for i in core)
    years = core_minutes / per_week / 52
    if years > MAX_YEARS:
        raise UsageError(
            f"at {request.hours_per_week:g} h/week the core items alone would take about {years:,.0f} years; "
            f"a plan may run {MAX_YEARS} years at most",
            hint="give more --hours, or use packs with fewer core items",
        )

    chosen = set(core_ids)
    budget = capacity_until(request.start, window_end, calendar) - core_minutes
    optional = [pending[n] for n in offered]
    # Items are kept by their place in ``optional``, so the left-out ones come back in that order
    # by sorting integers, however many there are.
    left_out_at: list[int] = []
    added: list[int] = []
    for place, item in enumerate(optional):
        if budget < 60:
            # Every item takes an hour at least (the pack schema's floor for hours): none of the
            # rest can fit, and a big pack's tens of thousands of them need not be read one by one.
            left_out_at.extend(range(place, len(optional)))
            break
        minutes = item_hours(item, stack["id"]) * 60 - credited.get(item["id"], 0)
        if minutes <= budget and all(d in chosen or d in settled for d in item["depends_on"]):
            chosen.add(item["id"])
            added.append(place)
            budget -= minutes
        else:
            left_out_at.append(place)

    phase_rank = {p["id"]: n for n, p in enumerate(catalog.phases)}
    capstones = {p["capstone"] for p in catalog.phases if "capstone" in p}
    while True:
        # The chosen items in pack order, found by their places rather than by reading every item.
        places = sorted([*core_places, *(offered[place] for place in added)])
        ordered = _order([pending[n] for n in places], phase_rank, capstones)
        scheduled, days = _pack(ordered, request.start, calendar, stack["id"], tools, credited)
        end = max((s.end for s in scheduled), default=request.start)
        if end <= window_end or not added:
            break
        # Weekly practice that outlasts the other items can push the end past what the hours
        # alone say: then the optional item added last goes (its dependants went before it).
        dropped = added.pop()
        chosen.discard(optional[dropped]["id"])
        left_out_at.append(dropped)
    left_out = [optional[place] for place in sorted(left_out_at)]

    total = sum(s.planned for s in scheduled)
    fits = end <= window_end  # with every optional item gone if need be: the core alone
    ends_early = bool(scheduled) and end <= early_end and not left_out
    weeks = weeks_of(days, request.start, calendar)
    # The last week holds only weekly practice: practice, not the hours, decides when the plan ends.
    practice_ends = bool(weeks) and all(catalog.by_id[i]["weekly"] for i, _ in weeks[-1].slices)
    warnings = _warnings(
        request, calendar, end, window_end, core_minutes, total, fits, ends_early, scheduled, practice_ends
    )
    return Plan(
        request=request,
        stack=stack,
        framework=framework,
        tools=tools,
        items=scheduled,
        days=days,
        weeks=weeks,
        end=end,
        months=months_between(request.start, end),
        window_end=window_end,
        warnings=warnings,
        left_out=left_out,
        fits=fits,
        ends_early=ends_early,
        certifications=_certifications(catalog, stack["id"], certs, scheduled, weeks),
        chosen_certs=certs,
        settled=done_items,
    )


def _certifications(
    catalog: Catalog, stack_id: str, certs: frozenset[str], scheduled: list[Scheduled], weeks: list[Week]
) -> list[PlannedCert]:
    """Each chosen certification meant for this stack, placed where its study starts in this plan.

    That is its first study item; a certification with none (a user pack's) starts with its phase.
    """
    phase_start: dict[str, Scheduled] = {}
    study_start: dict[str, Scheduled] = {}
    study: dict[str, list[Scheduled]] = {}
    for sched in scheduled:
        phase_start.setdefault(sched.item["phase"], sched)
        if sched.item["cert"] is not None:
            study_start.setdefault(sched.item["cert"], sched)
            study.setdefault(sched.item["cert"], []).append(sched)
    first_week: dict[str, int] = {}
    for week in weeks:
        for item_id, _ in week.slices:
            first_week.setdefault(item_id, week.index)
    found = []
    for cert in catalog.certifications:
        if cert["id"] not in certs or (cert.get("stacks") and stack_id not in cert["stacks"]):
            continue
        first = study_start.get(cert["id"]) or phase_start.get(cert.get("phase", ""))
        if first is None:
            continue
        found.append(
            PlannedCert(
                cert["id"],
                cert["name"],
                cert["issuer"],
                cert.get("phase", first.item["phase"]),
                first.start,
                first_week[first.item["id"]],
                sum(s.minutes for s in study.get(cert["id"], [])),
                tuple(s.item["id"] for s in study.get(cert["id"], [])),
            )
        )
    return sorted(found, key=lambda c: c.start)


def _pack(
    ordered: list[Item],
    start: date,
    calendar: StudyCalendar,
    stack_id: str,
    tools: dict[str, str],
    credited: Mapping[str, int],
) -> tuple[list[Scheduled], list[Day]]:
    """Place each item's minutes on the study days from ``start``, in order."""
    work: list[Work] = []
    estimates: list[int] = []
    for item in ordered:
        estimate = item_hours(item, stack_id) * 60
        estimates.append(estimate)
        done_before = min(estimate, max(0, credited.get(item["id"], 0)))
        weekly = item["weekly"] * 60 if item["weekly"] is not None else None
        work.append((item["id"], estimate - done_before, weekly))
    spans, days = pack_days(work, start, calendar)
    scheduled = [
        Scheduled(
            item,
            item_title(item, stack_id, tools),
            estimate,
            spans[item["id"]][0],
            spans[item["id"]][1],
            estimate - minutes,
        )
        for item, estimate, (_, minutes, _) in zip(ordered, estimates, work, strict=True)
    ]
    return scheduled, days


#: What :func:`pack_days` places: (id, minutes, minutes a week for weekly practice, else None).
Work = tuple[str, int, int | None]


def pack_days(
    work: list[Work], start: date, calendar: StudyCalendar
) -> tuple[dict[str, tuple[date, date]], list[Day]]:
    """Place the minutes of each piece of work on the study days from ``start``, in order: the first and
    last day of each, and the days with what is placed on each. Work of no minutes spans the day
    the next would start. Weekly practice takes, from the day it is reached, its share of every study
    day (see :func:`_pack`'s rules in the module docstring) until its minutes are used."""
    spans: dict[str, tuple[date, date]] = {}
    days: list[Day] = []
    # weekly practice under way: [id, minutes a week, minutes left, minutes given this week, Monday]
    practice: list[list[Any]] = []
    week_time: dict[date, list[int]] = {}  # Monday: study time of each day from the plan's start
    last_day = start + timedelta(days=MAX_YEARS * 366)

    def so_far(day: date) -> tuple[int, int]:
        """Study time in ``day``'s week up to ``day`` included, and in the whole week (from the start)."""
        monday = monday_of(day)
        if monday not in week_time:
            week_time[monday] = [
                0
                if monday + timedelta(days=n) < start
                else calendar.work_minutes_on(monday + timedelta(days=n))
                for n in range(7)
            ]
        times = week_time[monday]
        return sum(times[: day.weekday() + 1]), sum(times)

    def share(entry: list[Any], today: Day) -> None:
        """Give one practice its part of the day: by the end of each day it has had the share of its
        weekly hours that the week's study time so far is of the whole week's."""
        key, weekly, left, given, monday = entry
        if monday != monday_of(today.day):
            entry[4], given = monday_of(today.day), 0
        through, week = so_far(today.day)
        target = (weekly * through + week // 2) // week if week else 0
        take = min(left, today.capacity - today.used, target - given)
        entry[3] = given
        if take <= 0:
            return
        today.slices.append((key, take))
        entry[2] -= take
        entry[3] += take
        if entry[2] == 0:  # done: its span ends today
            spans[key] = (spans[key][0], today.day)

    def next_day() -> Day:
        day = days[-1].day + timedelta(days=1) if days else start
        while True:
            if day > last_day:
                raise UsageError(
                    f"the plan would run past {last_day.isoformat()}: the calendar has too little study time",
                    hint="give more hours, fewer or shorter breaks, or packs with fewer core items",
                )
            capacity = calendar.work_minutes_on(day)
            if capacity > 0:
                break
            day += timedelta(days=1)
        today = Day(day, capacity)
        days.append(today)
        for entry in practice:
            share(entry, today)
        practice[:] = [entry for entry in practice if entry[2] > 0]
        return today

    today = next_day()
    for key, remaining, weekly in work:
        while today.used >= today.capacity:
            today = next_day()
        begins = today.day
        spans[key] = (begins, begins)
        if remaining <= 0:
            continue
        if weekly is not None:
            entry: list[Any] = [key, weekly, remaining, 0, monday_of(begins)]
            share(entry, today)
            if entry[2] > 0:
                practice.append(entry)
            continue
        while remaining > 0:
            while today.used >= today.capacity:
                today = next_day()
            take = min(remaining, today.capacity - today.used)
            today.slices.append((key, take))
            remaining -= take
        spans[key] = (begins, today.day)
    while practice:  # practice that outlasts the other items runs on alone
        today = next_day()
    while days and not days[-1].slices:
        days.pop()
    if not work:
        days.clear()
    return spans, days


def weeks_of(days: list[Day], start: date, calendar: StudyCalendar) -> list[Week]:
    """The Monday-to-Sunday weeks of the days, from the week of ``start``: their study time and the
    minutes of each item, in study order; a week with no study day is kept, empty. The rule is
    :func:`roadmap_cli.studytime.weeks_of`, the saved plan's too."""
    return [
        Week(w.index, w.monday, w.capacity, w.slices)
        for w in studytime_weeks(((d.day, d.slices) for d in days), start, calendar)
    ]


def merge_slices(slices: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Each item's minutes added up, in the order the items first come."""
    total: dict[str, int] = {}
    for item_id, minutes in slices:
        total[item_id] = total.get(item_id, 0) + minutes
    return list(total.items())


def _fmt_months(value: float) -> str:
    return f"{value:g} month" + ("" if value == 1 else "s")


def _warnings(
    request: PlanRequest,
    calendar: StudyCalendar,
    end: date,
    window_end: date,
    core_minutes: int,
    total: int,
    fits: bool,
    ends_early: bool,
    scheduled: list[Scheduled],
    practice_ends: bool,
) -> list[str]:
    low, high = request.months
    if calendar.deadline is not None:
        window = f"deadline of {calendar.deadline.isoformat()}"
        past = f"past your {window}"
    else:
        window = f"{low}-{high} month" if low != high else f"{high}-month"
        past = f"past the end of the {window} window on {window_end.isoformat()}"
    hours = f"{calendar.weekly_minutes / 60:g} h/week"
    days = "" if calendar.given_as == "hours" else " on the same days"
    if not scheduled:
        return ["Nothing is left to plan: every item for this stack is done or skipped."]
    if not fits:
        core_end = end
        opening = (
            f"At {hours} the core alone takes {_fmt_months(months_between(request.start, core_end))}, "
            f"until {core_end.isoformat()}: {past}."
        )
        longer = "allow a longer window with --months" if calendar.deadline is None else "set a later --by"
        if practice_ends:
            return [
                f"{opening} Weekly practice sets that end: it takes the same few hours every week, so more "
                f"hours a week would not bring it forward; {longer}."
            ]
        need = hours_to_fit(request.start, window_end, core_minutes, calendar)
        need_text = (
            f"about {need} h/week{days}"
            if need <= MAX_HOURS_PER_WEEK
            else f"more than {MAX_HOURS_PER_WEEK} h/week"
        )
        return [f"{opening} To finish by then you would need {need_text}, or {longer}."]
    if ends_early:
        need = hours_to_fit(request.start, window_end, total, calendar)
        return [
            f"At {hours} everything fits in {_fmt_months(months_between(request.start, end))}, "
            f"so the plan ends early, on {end.isoformat()}, before the {window} window. "
            f"About {need} h/week{days} would spread it over the window; or keep the pace and finish sooner."
        ]
    return []
