"""Turn a catalog and a request into a dated, week-by-week plan. Pure: no I/O, no clock.

How a plan is made:

* The items are those that apply to the chosen stack, less those already done or skipped.
* Core items always go in. Optional items are added lowest ``rank`` first while the whole plan
  still ends inside the window (``months``), and only when what they depend on is in the plan.
* Phases come in order. Inside a phase items follow their dependencies, then the order the pack
  gives them; the phase's capstone project closes it.
* Study time is a stream of minutes, ``hours_per_week`` of them in every Monday-to-Sunday week
  (a first week that starts mid-week gets its share of the days left). Items take the stream in
  order, so an item may span weeks and no week holds more than its hours.
* Weekly practice (an item with ``weekly`` hours) does not take the stream in one block: from the
  point where the stream reaches it, each week gives it its weekly hours first (or what is left of
  them), and the other items share the rest, until its hours are used up. Its span is those weeks.
* Certification study (an item with ``cert``) is in the plan only when that certification is
  chosen (``certs``; ``None`` means the catalog's default ones); a chosen one counts as core.
* A day inside a week is found by spreading the week's minutes evenly over its days.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from roadmap_cli.catalog.catalog import Catalog, Item, applies_to, item_hours, item_title, tools_of
from roadmap_cli.dates import MAX_HOURS_PER_WEEK, add_months, monday_of, months_between
from roadmap_cli.errors import UsageError
from roadmap_cli.speed import gc_paused

if TYPE_CHECKING:
    from roadmap_cli.progress.saved import SavedPlan

__all__ = ["MAX_HOURS_PER_WEEK", "Plan", "PlanRequest", "add_months", "make_plan", "months_between"]

MAX_YEARS = 100  # a plan longer than this is a mistake in the packs or the hours, not a plan


@dataclass(frozen=True)
class PlanRequest:
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


@dataclass(frozen=True)
class Scheduled:
    item: Item
    title: str
    minutes: int
    start: date
    end: date


@dataclass
class Week:
    index: int
    start: date  # always a Monday
    capacity: int  # minutes available this week
    slices: list[tuple[str, int]] = field(default_factory=list)  # (item id, minutes)

    @property
    def used(self) -> int:
        return sum(minutes for _, minutes in self.slices)


@dataclass(frozen=True)
class PlannedCert:
    """A certification to start studying for when its phase begins in the plan."""

    id: str
    name: str
    issuer: str
    phase: str
    start: date  # the day its study starts: its first study item, or else its phase's first item
    week: int  # index of the week holding that day
    minutes: int = 0  # estimated study time in the plan: its study items' minutes
    items: tuple[str, ...] = ()  # its study items in the plan


@dataclass(frozen=True)
class Plan:
    request: PlanRequest
    stack: dict[str, object]
    framework: dict[str, object]
    tools: dict[str, str]
    items: list[Scheduled]
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


def _first_week_minutes(start: date, per_week: int) -> int:
    days = 7 - start.weekday()
    return max(1, per_week * days // 7)


def capacity_until(start: date, end: date, per_week: int) -> int:
    """Minutes of study from ``start`` to ``end`` inclusive, at ``per_week`` minutes a week."""
    if end < start:
        return 0
    monday = monday_of(start)
    full_weeks, rest = divmod((end - monday).days + 1, 7)
    total = per_week * full_weeks + per_week * rest // 7
    return total - (per_week - _first_week_minutes(start, per_week)) if start != monday else total


def hours_to_fit(start: date, window_end: date, minutes: int) -> int:
    """The fewest whole hours a week that get ``minutes`` of study done by ``window_end``."""
    weeks = max(1.0, ((window_end - start).days + 1) / 7)
    hours = max(1, math.floor(minutes / 60 / weeks))
    while capacity_until(start, window_end, hours * 60) < minutes:
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


def replan_request(
    saved: SavedPlan, done: Iterable[str], start: date, hours_per_week: float | None = None
) -> PlanRequest:
    """The request that re-flows a saved plan from ``start``: the same stack, framework, window and
    items (those scheduled, and any settled item since unticked), less what is done or skipped now.
    New content comes in only through a new ``roadmap plan``."""
    req = saved.request
    return PlanRequest(
        stack=req.lang,
        hours_per_week=req.hours if hours_per_week is None else hours_per_week,
        start=start,
        framework=req.framework,
        months=req.months,
        core_only=req.core_only,
        done=frozenset(done),
        only=frozenset(saved.ids()),
        certs=None if req.certs is None else frozenset(req.certs),
    )


def make_plan(catalog: Catalog, request: PlanRequest) -> Plan:
    with gc_paused():
        return _make_plan(catalog, request)


def _make_plan(catalog: Catalog, request: PlanRequest) -> Plan:
    stack = catalog.resolve_stack(request.stack)
    framework = catalog.resolve_framework(stack, request.framework)
    tools = tools_of(stack, framework)
    certs = request.certs if request.certs is not None else frozenset(catalog.default_certs())
    per_week = week_minutes(request.hours_per_week)
    low, high = request.months
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
    core_minutes = sum(item_hours(i, stack["id"]) * 60 for i in core)
    years = core_minutes / per_week / 52
    if years > MAX_YEARS:
        raise UsageError(
            f"at {request.hours_per_week:g} h/week the core items alone would take about {years:,.0f} years; "
            f"a plan may run {MAX_YEARS} years at most",
            hint="give more --hours, or use packs with fewer core items",
        )

    chosen = set(core_ids)
    budget = capacity_until(request.start, window_end, per_week) - core_minutes
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
        minutes = item_hours(item, stack["id"]) * 60
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
        scheduled, weeks = _pack(ordered, request.start, per_week, stack["id"], tools)
        end = max((s.end for s in scheduled), default=request.start)
        if end <= window_end or not added:
            break
        # Weekly practice that outlasts the other items can push the end past what the hours
        # alone say: then the optional item added last goes (its dependants went before it).
        dropped = added.pop()
        chosen.discard(optional[dropped]["id"])
        left_out_at.append(dropped)
    left_out = [optional[place] for place in sorted(left_out_at)]

    total = sum(s.minutes for s in scheduled)
    fits = end <= window_end  # with every optional item gone if need be: the core alone
    ends_early = bool(scheduled) and end <= early_end and not left_out
    # The last week holds only weekly practice: practice, not the hours, decides when the plan ends.
    practice_ends = bool(weeks) and all(catalog.by_id[i]["weekly"] for i, _ in weeks[-1].slices)
    warnings = _warnings(request, end, window_end, core_minutes, total, fits, ends_early, scheduled)
    if not fits and practice_ends:
        warnings = [
            warnings[0].split(" To finish by then")[0] + " Weekly practice sets that end: it takes the "
            "same few hours every week, so more hours a week would not bring it forward; allow a "
            "longer window with --months."
        ]
    return Plan(
        request=request,
        stack=stack,
        framework=framework,
        tools=tools,
        items=scheduled,
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
    ordered: list[Item], start: date, per_week: int, stack_id: str, tools: dict[str, str]
) -> tuple[list[Scheduled], list[Week]]:
    weeks: list[Week] = []
    first_day = start
    # weekly practice under way: [position in ``scheduled``, minutes a week, minutes left]
    practice: list[list[int]] = []
    scheduled: list[Scheduled] = []

    def day_at(week: Week, offset: int, *, ending: bool) -> date:
        begin = first_day if week.index == 0 else week.start
        days = 7 - begin.weekday()
        steps = math.ceil(offset * days / week.capacity) - 1 if ending else offset * days // week.capacity
        return begin + timedelta(days=max(0, min(days - 1, steps)))

    def share(entry: list[int], week: Week, used: int) -> int:
        """Give one practice its hours in ``week``; returns the minutes of the week now used."""
        position, weekly, left = entry
        take = min(weekly, left, week.capacity - used)
        if take <= 0:
            return used
        sched = scheduled[position]
        week.slices.append((sched.item["id"], take))
        entry[2] -= take
        if entry[2] == 0:  # done: its span ends with this week
            last = day_at(week, week.capacity, ending=True)
            scheduled[position] = Scheduled(sched.item, sched.title, sched.minutes, sched.start, last)
        return used + take

    def practise(week: Week, used: int) -> int:
        """Give every practice under way its share of ``week``; returns the minutes now used."""
        for entry in practice:
            used = share(entry, week, used)
        practice[:] = [entry for entry in practice if entry[2] > 0]
        return used

    def new_week() -> tuple[Week, int]:
        if not weeks:
            week = Week(0, monday_of(start), _first_week_minutes(start, per_week))
        else:
            week = Week(len(weeks), weeks[-1].start + timedelta(days=7), per_week)
        weeks.append(week)
        return week, practise(week, 0)

    week, used = new_week()
    for item in ordered:
        remaining = item_hours(item, stack_id) * 60
        while used == week.capacity:
            week, used = new_week()
        begins = day_at(week, used, ending=False)
        if item["weekly"] is not None:
            sched = Scheduled(item, item_title(item, stack_id, tools), remaining, begins, begins)
            scheduled.append(sched)
            entry = [len(scheduled) - 1, item["weekly"] * 60, remaining]
            used = share(entry, week, used)
            if entry[2] > 0:
                practice.append(entry)
            continue
        while remaining > 0:
            while used == week.capacity:
                week, used = new_week()
            take = min(remaining, week.capacity - used)
            week.slices.append((item["id"], take))
            used += take
            remaining -= take
        scheduled.append(
            Scheduled(
                item,
                item_title(item, stack_id, tools),
                item_hours(item, stack_id) * 60,
                begins,
                day_at(week, used, ending=True),
            )
        )
    while practice:  # practice that outlasts the other items runs on alone
        week, used = new_week()
    if not scheduled:
        weeks.clear()
    return scheduled, weeks


def _fmt_months(value: float) -> str:
    return f"{value:g} month" + ("" if value == 1 else "s")


def _warnings(
    request: PlanRequest,
    end: date,
    window_end: date,
    core_minutes: int,
    total: int,
    fits: bool,
    ends_early: bool,
    scheduled: list[Scheduled],
) -> list[str]:
    low, high = request.months
    window = f"{low}-{high} month" if low != high else f"{high}-month"
    hours = f"{request.hours_per_week:g} h/week"
    if not scheduled:
        return ["Nothing is left to plan: every item for this stack is done or skipped."]
    if not fits:
        core_end = end
        need = hours_to_fit(request.start, window_end, core_minutes)
        need_text = (
            f"about {need} h/week" if need <= MAX_HOURS_PER_WEEK else f"more than {MAX_HOURS_PER_WEEK} h/week"
        )
        return [
            f"At {hours} the core alone takes {_fmt_months(months_between(request.start, core_end))}, "
            f"until {core_end.isoformat()}: past the end of the {window} window on {window_end.isoformat()}. "
            f"To finish by then you would need {need_text}, "
            f"or allow a longer window with --months."
        ]
    if ends_early:
        need = hours_to_fit(request.start, window_end, total)
        return [
            f"At {hours} everything fits in {_fmt_months(months_between(request.start, end))}, "
            f"so the plan ends early, on {end.isoformat()}, before the {window} window. "
            f"About {need} h/week would spread it over the window; or keep the pace and finish sooner."
        ]
    return []
