"""The saved plan: one typed model of what ``roadmap plan`` and ``roadmap replan`` save.

This module is the only one that writes or reads the stored form. Everything that shows a plan
(``plan``, ``replan``, ``status``, ``next``, ``check``, the exports, the backup) works from a
:class:`SavedPlan`, so a plan reads the same wherever it is shown.

The stored form is JSON with a ``format`` number. Reading checks it: an older format is upgraded
in memory (format 1 lacked the tools, the certifications and each item's dependencies and sources,
which read as empty; formats 1 and 2 planned by the week, and read as a calendar of the weekly hours
spread over every day, each week's minutes laid on its days in order), a newer one is refused with
the upgrade to make, and anything that does not parse is a :class:`SavedPlanError` that says where
(``items[3].start: not a date``) and what to do, never a traceback. The reader is plain Python on
purpose: the daily commands read the saved plan on every run and must not pay for pydantic's import.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from roadmap_cli.errors import RoadmapError
from roadmap_cli.record import Record, field
from roadmap_cli.studytime import (
    MAX_BREAKS,
    MAX_HOLIDAYS,
    MAX_REVIEW,
    Break,
    Holiday,
    StudyCalendar,
    every_day,
    weeks_of,
)

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.planner import Plan

#: The format this roadmap writes. Bump it when the stored form changes in a way older readers
#: cannot follow, and teach :func:`_upgrade` to read the old one.
SAVED_PLAN_FORMAT = 3
OLDEST_FORMAT = 1

#: Bounds that keep a damaged or hostile plan from exhausting memory or time.
MAX_ITEMS = 200_000
MAX_WEEKS = 100 * 53 + 1
MAX_DAYS = 100 * 366 + 7
MAX_MINUTES = 1000 * 60
MAX_TEXT = 2000


# -- the model ------------------------------------------------------------------------------------


class PlanRequestRecord(Record):
    """What the person asked for."""

    lang: str  # the stack id
    framework: str  # the framework id
    hours: float  # a week
    start: date
    months: tuple[int, int]  # the window: end within months[0]..months[1]
    core_only: bool
    packs: tuple[str, ...] = ()  # --pack files, as absolute paths
    certs: tuple[str, ...] | None = None  # the certifications chosen (None: the pack's default)


class PlanPhase(Record):
    id: str
    title: str


class PlanItem(Record):
    """A milestone or project of the plan. ``start`` and ``end`` are None for an item that was already
    done or skipped when the plan was made, so it was left out of the schedule (a *settled* item)."""

    id: str
    title: str
    kind: str  # milestone or project
    phase: str
    priority: str  # core or optional
    minutes: int
    start: date | None
    end: date | None
    track: str | None = None
    depends_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    weekly: int | None = None  # weekly practice: hours in each week of its span
    cert: str | None = None  # the certification it studies for
    resources: tuple[Mapping[str, str], ...] = ()  # official docs: {title, url, kind}
    #: Worded for the stack (its language, framework or tools): a tick in another stack's plan
    #: does not count here.
    stack_specific: bool = False
    #: Minutes logged on it before this plan was made (up to ``minutes``): done already, so not
    #: scheduled, and not counted again in the standing.
    credited: int = 0
    #: Its review prompts, asked in turn when it comes up for review (kept here so that the daily
    #: commands show them without reading the content).
    prompts: tuple[str, ...] = ()
    #: The skills (``roadmap skills``) it teaches: a self-assessment of one counts for it.
    skills: tuple[str, ...] = ()

    @property
    def planned(self) -> int:
        """The minutes this plan schedules for it."""
        return self.minutes - self.credited

    @property
    def scheduled(self) -> bool:
        return self.start is not None


class PlanWeek(Record):
    index: int  # 0-based
    start: date  # the Monday
    first_day: date  # the plan's first day in its first week, else the Monday
    capacity: int  # minutes
    slices: tuple[tuple[str, int], ...]  # (item id, minutes), in study order

    @property
    def used(self) -> int:
        return sum(minutes for _, minutes in self.slices)


class PlanDay(Record):
    """One study day of the plan: its study time and the minutes of each item on it, in order."""

    day: date
    capacity: int  # minutes
    slices: tuple[tuple[str, int], ...]

    @property
    def used(self) -> int:
        return sum(minutes for _, minutes in self.slices)


class PlanCert(Record):
    """A certification to start studying for when its phase begins."""

    id: str
    name: str
    issuer: str
    phase: str
    start: date
    minutes: int = 0  # estimated study time in the plan
    items: tuple[str, ...] = ()  # its study items


class SavedPlan(Record):
    request: PlanRequestRecord
    stack: str  # the stack's name, e.g. "Python"
    framework: str  # the framework's name
    tools: Mapping[str, str]
    start: date
    end: date
    window_end: date
    months: float
    fits_window: bool
    ends_early: bool
    warnings: tuple[str, ...]
    left_out: tuple[str, ...]  # optional item ids that did not fit
    phases: tuple[PlanPhase, ...]
    items: tuple[PlanItem, ...]  # scheduled, in study order
    settled: tuple[PlanItem, ...]  # done or skipped when the plan was made
    weeks: tuple[PlanWeek, ...]
    certifications: tuple[PlanCert, ...] = ()
    #: The study days, in order, with what is planned on each; weeks are a view of them.
    days: tuple[PlanDay, ...] = ()
    study_calendar: StudyCalendar | None = None  # None: the weekly hours spread over every day
    #: The first day of the learner's journey: the start of their first plan, kept by every replan.
    journey_start: date | None = None
    #: The days the plan was re-flowed (``replan``, a break), oldest first.
    replans: tuple[date, ...] = ()
    #: The guides' own shape of the path, shown beside the plan: (what, how long, source, as of).
    guides: tuple[tuple[str, str, str, str], ...] = ()
    _index: dict[str, PlanItem] = field(default_factory=dict, compare=False, repr=False)
    _curve: list[int] = field(default_factory=list, compare=False, repr=False)
    _dates: list[date] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({i.id: i for i in (*self.settled, *self.items)})
        total = 0
        for plan_day in self.days:
            total += plan_day.used
            self._curve.append(total)
            self._dates.append(plan_day.day)

    @property
    def calendar(self) -> StudyCalendar:
        """The study time of each date."""
        return self.study_calendar if self.study_calendar is not None else every_day(self.request.hours)

    @property
    def first_day(self) -> date:
        """The first day of the journey (weeks are numbered from its week)."""
        return self.journey_start or self.start

    def week_number(self, day: date) -> int:
        """1-based number of the week holding ``day``, counted from the journey's first week."""
        first = self.first_day - timedelta(days=self.first_day.weekday())
        return (day - first).days // 7 + 1

    def planned_through(self, day: date) -> int:
        """The planned-work curve: minutes planned on the days up to ``day``, included."""
        at = bisect_right(self._dates, day)
        return self._curve[at - 1] if at else 0

    def day_of(self, day: date) -> PlanDay | None:
        at = bisect_right(self._dates, day)
        return self.days[at - 1] if at and self._dates[at - 1] == day else None

    def planned_on(self, day: date) -> int:
        found = self.day_of(day)
        return found.used if found else 0

    def item_planned_through(self, day: date) -> dict[str, int]:
        """Each item's minutes planned on the days up to ``day``, included."""
        through: dict[str, int] = {}
        for plan_day in self.days[: bisect_right(self._dates, day)]:
            for item_id, minutes in plan_day.slices:
                through[item_id] = through.get(item_id, 0) + minutes
        return through

    @property
    def hours_per_week(self) -> float:
        return self.request.hours

    @property
    def title(self) -> str:
        return f"{self.stack} with {self.framework}"

    @property
    def total_minutes(self) -> int:
        """Minutes of the scheduled items (what the plan still asks for)."""
        return sum(i.minutes for i in self.items)

    @property
    def planned_minutes(self) -> int:
        """Minutes the plan schedules: its items' estimates less what was credited to them."""
        return sum(i.planned for i in self.items)

    def all_items(self) -> tuple[PlanItem, ...]:
        """Every item of the plan, settled ones first, then the schedule."""
        return (*self.settled, *self.items)

    def ids(self) -> set[str]:
        return set(self._index)

    def worded_per_stack(self, item_id: str) -> bool:
        item = self._index.get(item_id)
        return item is not None and item.stack_specific

    def known_ids(self) -> set[str]:
        """The ids a tick may name in this plan: its items and its certifications."""
        return self.ids() | {c.id for c in self.certifications}

    def item(self, item_id: str) -> PlanItem | None:
        return self._index.get(item_id)

    def week_of(self, day: date) -> PlanWeek | None:
        monday = day - timedelta(days=day.weekday())
        if not self.weeks:
            return None
        number = (monday - self.weeks[0].start).days // 7
        return self.weeks[number] if 0 <= number < len(self.weeks) else None


# -- from the planner -----------------------------------------------------------------------------


def weeks_of_days(days: Iterable[PlanDay], start: date, calendar: StudyCalendar) -> tuple[PlanWeek, ...]:
    """The Monday-to-Sunday weeks of a plan's days, from the week of ``start`` to the last day's: each
    with its study time (from ``start`` on) and each item's minutes in it, in study order
    (:func:`roadmap_cli.studytime.weeks_of`, the planner's rule too)."""
    return tuple(
        PlanWeek(
            index=w.index, start=w.monday, first_day=w.first_day, capacity=w.capacity, slices=tuple(w.slices)
        )
        for w in weeks_of(((d.day, d.slices) for d in days), start, calendar)
    )


def days_of_weeks(weeks: Iterable[PlanWeek]) -> tuple[PlanDay, ...]:
    """The days of a plan saved by the week (formats 1 and 2): each week's study time spread evenly
    over its days, and its minutes laid on them in order, as those plans meant them."""
    days: list[PlanDay] = []
    for week in weeks:
        count = 7 - week.first_day.weekday() if week.first_day > week.start else 7
        base, rest = divmod(week.capacity, count)
        queue = list(week.slices)
        for offset in range(count):
            capacity = base + (1 if offset < rest else 0)
            room, placed = capacity, []
            while queue and room > 0:
                item_id, minutes = queue[0]
                take = min(room, minutes)
                placed.append((item_id, take))
                room -= take
                if take == minutes:
                    queue.pop(0)
                else:
                    queue[0] = (item_id, minutes - take)
            if offset == count - 1 and queue:  # never lose minutes to rounding
                placed += queue
                queue = []
            if capacity > 0:
                days.append(PlanDay(week.first_day + timedelta(days=offset), capacity, tuple(placed)))
    while days and not days[-1].slices:
        days.pop()
    return tuple(days)


def from_planner(
    plan: Plan,
    catalog: Catalog,
    packs: Iterable[str] = (),
    *,
    journey_start: date | None = None,
    replans: tuple[date, ...] = (),
) -> SavedPlan:
    """The plan the planner made, as it is saved and shown. ``journey_start`` and ``replans`` carry
    the learner's journey over from the plan this one re-flows."""
    from roadmap_cli.catalog.catalog import Item, item_hours, item_resources, item_title, worded_per_stack

    req = plan.request
    stack_id = str(plan.stack["id"])
    taught: dict[str, list[str]] = {}
    for skill in catalog.skills:
        for item_id in skill.get("items", ()):
            taught.setdefault(item_id, []).append(skill["id"])

    def planned(item: Item, title: str, start: date | None, end: date | None, credited: int = 0) -> PlanItem:
        return PlanItem(
            id=item["id"],
            title=title,
            kind=item["kind"],
            phase=item["phase"],
            priority=item["priority"],
            minutes=item_hours(item, stack_id) * 60,
            start=start,
            end=end,
            track=item["track"],
            depends_on=tuple(item["depends_on"]),
            sources=tuple(item["sources"]),
            weekly=item["weekly"],
            cert=item["cert"],
            resources=tuple(item_resources(item, stack_id)),
            stack_specific=worded_per_stack(item),
            credited=credited,
            prompts=tuple(item.get("review", ())),
            skills=tuple(taught.get(item["id"], ())),
        )

    calendar = req.study_calendar
    days = tuple(PlanDay(d.day, d.capacity, tuple(d.slices)) for d in plan.days)
    return SavedPlan(
        request=PlanRequestRecord(
            lang=stack_id,
            framework=str(plan.framework["id"]),
            hours=float(req.hours_per_week),
            start=req.start,
            months=req.months,
            core_only=req.core_only,
            packs=tuple(str(p) for p in packs),
            certs=tuple(sorted(plan.chosen_certs)),
        ),
        stack=str(plan.stack["name"]),
        framework=str(plan.framework["name"]),
        tools=dict(plan.tools),
        start=req.start,
        end=plan.end,
        window_end=plan.window_end,
        months=plan.months,
        fits_window=plan.fits,
        ends_early=plan.ends_early,
        warnings=tuple(plan.warnings),
        left_out=tuple(i["id"] for i in plan.left_out),
        phases=tuple(PlanPhase(p["id"], p["title"]) for p in catalog.phases),
        items=tuple(planned(s.item, s.title, s.start, s.end, s.credited) for s in plan.items),
        settled=tuple(planned(i, item_title(i, stack_id, plan.tools), None, None) for i in plan.settled),
        weeks=weeks_of_days(days, req.start, calendar),
        certifications=tuple(
            PlanCert(c.id, c.name, c.issuer, c.phase, c.start, c.minutes, c.items)
            for c in plan.certifications
        ),
        days=days,
        study_calendar=calendar,
        journey_start=min(journey_start, req.start) if journey_start else req.start,
        replans=replans,
        guides=tuple(
            (str(f["title"]), str(f["value"]), str(f["source"]), str(f["as_of"]))
            for f in catalog.market
            if f.get("topic") == "path"
        ),
    )


# -- the stored form ------------------------------------------------------------------------------


def _item_json(item: PlanItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "title": item.title,
        "kind": item.kind,
        "phase": item.phase,
        "priority": item.priority,
        "track": item.track,
        "minutes": item.minutes,
        "start": item.start.isoformat() if item.start else None,
        "end": item.end.isoformat() if item.end else None,
        "depends_on": list(item.depends_on),
        "sources": list(item.sources),
        "weekly": item.weekly,
        "cert": item.cert,
        "resources": [dict(r) for r in item.resources],
        "stack_specific": item.stack_specific,
        "credited": item.credited,
        "review": list(item.prompts),
        "skills": list(item.skills),
    }


def calendar_json(calendar: StudyCalendar) -> dict[str, Any]:
    return {
        "weekdays": list(calendar.weekdays),
        "given_as": calendar.given_as,
        "breaks": [
            {"from": b.start.isoformat(), "to": b.end.isoformat(), "note": b.note} for b in calendar.breaks
        ],
        "region": calendar.region,
        "holidays": [[h.day.isoformat(), h.name] for h in calendar.holidays],
        "deadline": calendar.deadline.isoformat() if calendar.deadline else None,
        "review": calendar.review,
    }


def to_json(plan: SavedPlan) -> dict[str, Any]:
    req = plan.request
    return {
        "format": SAVED_PLAN_FORMAT,
        "request": {
            "lang": req.lang,
            "framework": req.framework,
            "hours": req.hours,
            "start": req.start.isoformat(),
            "months": list(req.months),
            "core_only": req.core_only,
            "packs": list(req.packs),
            "certs": None if req.certs is None else list(req.certs),
        },
        "stack": plan.stack,
        "framework": plan.framework,
        "tools": dict(plan.tools),
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "window_end": plan.window_end.isoformat(),
        "months": plan.months,
        "fits_window": plan.fits_window,
        "ends_early": plan.ends_early,
        "warnings": list(plan.warnings),
        "left_out": list(plan.left_out),
        "phases": [{"id": p.id, "title": p.title} for p in plan.phases],
        "items": [_item_json(i) for i in plan.items],
        "settled": [_item_json(i) for i in plan.settled],
        "calendar": calendar_json(plan.calendar),
        "journey_start": plan.first_day.isoformat(),
        "replans": [d.isoformat() for d in plan.replans],
        "guides": [list(g) for g in plan.guides],
        "days": [
            [d.day.isoformat(), d.capacity, [[item_id, minutes] for item_id, minutes in d.slices]]
            for d in plan.days
        ],
        "certifications": [
            {
                "id": c.id,
                "name": c.name,
                "issuer": c.issuer,
                "phase": c.phase,
                "start": c.start.isoformat(),
                "minutes": c.minutes,
                "items": list(c.items),
            }
            for c in plan.certifications
        ],
    }


def dumps(plan: SavedPlan) -> str:
    """The stored text: compact, keys in a fixed order, so the same plan is the same bytes."""
    return json.dumps(to_json(plan), ensure_ascii=False, separators=(",", ":"))


class SavedPlanError(RoadmapError):
    """A stored plan that cannot be read: damaged, hand-edited, or from a newer roadmap."""

    def __init__(self, where: str, problem: str, *, newer: bool = False) -> None:
        self.where = where
        self.problem = problem
        if newer:
            hint = "upgrade roadmap (pip install --upgrade roadmap-cli) to read it"
        else:
            hint = (
                "`roadmap doctor` shows what is damaged; `roadmap progress export FILE` still backs up your "
                "ticks and notes, and `roadmap plan` makes a new plan (your ticks are kept)"
            )
        super().__init__(f"{where} cannot be read: {problem}", hint=hint)


class _Bad(Exception):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)


T = TypeVar("T")


def _get(doc: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in doc:
        raise _Bad(f"{path}.{key}".lstrip("."), "missing")
    return doc[key]


def _obj(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(path, "not an object")
    return value


def _list(value: Any, path: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(path, "not a list")
    if len(value) > limit:
        raise _Bad(path, f"more than {limit:,} entries")
    return value


def _text(value: Any, path: str, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        raise _Bad(path, f"not a text of 1 to {MAX_TEXT} characters")
    return value


def _int(value: Any, path: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _Bad(path, f"not a whole number from {low} to {high}")
    return value


def _number(value: Any, path: str, low: float, high: float) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
        raise _Bad(path, f"not a number from {low:g} to {high:g}")
    return float(value)


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _Bad(path, "not true or false")
    return value


def _date(value: Any, path: str, *, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise _Bad(path, "not a date (YYYY-MM-DD)") from None


def _texts(value: Any, path: str) -> tuple[str, ...]:
    return tuple(_text(v, f"{path}[{n}]") for n, v in enumerate(_list(value, path, MAX_ITEMS)))


def _each_text(value: Any, path: str, limit: int) -> tuple[str, ...]:
    return tuple(_text(v, f"{path}[{n}]") for n, v in enumerate(_list(value, path, limit)))


def _each(value: Any, path: str, limit: int, read: Callable[[Mapping[str, Any], str], T]) -> tuple[T, ...]:
    return tuple(
        read(_obj(v, f"{path}[{n}]"), f"{path}[{n}]") for n, v in enumerate(_list(value, path, limit))
    )


def _read_item(raw: Mapping[str, Any], path: str) -> PlanItem:
    return PlanItem(
        id=_text(_get(raw, "id", path), f"{path}.id"),
        title=_text(_get(raw, "title", path), f"{path}.title"),
        kind=_text(_get(raw, "kind", path), f"{path}.kind"),
        phase=_text(_get(raw, "phase", path), f"{path}.phase"),
        priority=_text(_get(raw, "priority", path), f"{path}.priority"),
        minutes=_int(_get(raw, "minutes", path), f"{path}.minutes", 0, MAX_MINUTES),
        start=_date(_get(raw, "start", path), f"{path}.start", optional=True),
        end=_date(_get(raw, "end", path), f"{path}.end", optional=True),
        track=_text(raw.get("track"), f"{path}.track", optional=True),
        depends_on=_texts(raw.get("depends_on", []), f"{path}.depends_on"),
        sources=_texts(raw.get("sources", []), f"{path}.sources"),
        weekly=_int(raw["weekly"], f"{path}.weekly", 1, 40) if raw.get("weekly") is not None else None,
        cert=_text(raw.get("cert"), f"{path}.cert", optional=True),
        resources=_each(raw.get("resources", []), f"{path}.resources", 4, _read_resource),
        stack_specific=_bool(raw.get("stack_specific", False), f"{path}.stack_specific"),
        credited=_int(raw.get("credited", 0), f"{path}.credited", 0, MAX_MINUTES),
        prompts=_each_text(raw.get("review", []), f"{path}.review", 5),
        skills=_each_text(raw.get("skills", []), f"{path}.skills", 100),
    )


def _read_resource(raw: Mapping[str, Any], path: str) -> Mapping[str, str]:
    return {key: _text(_get(raw, key, path), f"{path}.{key}") for key in ("title", "url", "kind")}


def _read_week(index: int) -> Callable[[Mapping[str, Any], str], PlanWeek]:
    def read(raw: Mapping[str, Any], path: str) -> PlanWeek:
        slices = []
        for n, pair in enumerate(_list(_get(raw, "slices", path), f"{path}.slices", 10_000)):
            where = f"{path}.slices[{n}]"
            if not isinstance(pair, list) or len(pair) != 2:
                raise _Bad(where, "not an [id, minutes] pair")
            slices.append((_text(pair[0], f"{where}[0]"), _int(pair[1], f"{where}[1]", 1, 7 * 24 * 60)))
        return PlanWeek(
            index=index,
            start=_date(_get(raw, "start", path), f"{path}.start"),
            first_day=_date(_get(raw, "first_day", path), f"{path}.first_day"),
            capacity=_int(_get(raw, "capacity_minutes", path), f"{path}.capacity_minutes", 1, 7 * 24 * 60),
            slices=tuple(slices),
        )

    return read


def _read_day(raw: Any, path: str) -> PlanDay:
    """One day of the stored plan. A plan holds a year of days or more and the daily commands read it
    on every run, so a well-formed day is taken in one pass of plain checks; anything else goes to
    :func:`_read_day_checked`, which names what is wrong."""
    if type(raw) is list and len(raw) == 3:
        text, capacity, pairs = raw
        if (
            type(text) is str
            and len(text) == 10
            and type(capacity) is int
            and 0 <= capacity <= 24 * 60
            and type(pairs) is list
            and len(pairs) <= 10_000
        ):
            slices = []
            for pair in pairs:
                if not (
                    type(pair) is list
                    and len(pair) == 2
                    and type(pair[0]) is str
                    and 0 < len(pair[0]) <= MAX_TEXT
                    and type(pair[1]) is int
                    and 1 <= pair[1] <= 24 * 60
                ):
                    break
                slices.append((pair[0], pair[1]))
            else:
                try:
                    return PlanDay(date.fromisoformat(text), capacity, tuple(slices))
                except ValueError:
                    pass
    return _read_day_checked(raw, path)


def _read_day_checked(raw: Any, path: str) -> PlanDay:
    if not isinstance(raw, list) or len(raw) != 3:
        raise _Bad(path, "not a [date, minutes, slices] triple")
    slices = []
    for n, pair in enumerate(_list(raw[2], f"{path}[2]", 10_000)):
        where = f"{path}[2][{n}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise _Bad(where, "not an [id, minutes] pair")
        slices.append((_text(pair[0], f"{where}[0]"), _int(pair[1], f"{where}[1]", 1, 24 * 60)))
    return PlanDay(_date(raw[0], f"{path}[0]"), _int(raw[1], f"{path}[1]", 0, 24 * 60), tuple(slices))


def _read_calendar(raw: Mapping[str, Any], path: str) -> StudyCalendar:
    weekdays = _list(_get(raw, "weekdays", path), f"{path}.weekdays", 7)
    if len(weekdays) != 7:
        raise _Bad(f"{path}.weekdays", "not seven numbers, Monday first")
    minutes = tuple(_int(m, f"{path}.weekdays[{n}]", 0, 24 * 60) for n, m in enumerate(weekdays))
    if not any(minutes):
        raise _Bad(f"{path}.weekdays", "no study time in the week")
    breaks = []
    for n, b in enumerate(_list(raw.get("breaks", []), f"{path}.breaks", MAX_BREAKS)):
        where = f"{path}.breaks[{n}]"
        b = _obj(b, where)
        first, last = (
            _date(_get(b, "from", where), f"{where}.from"),
            _date(_get(b, "to", where), f"{where}.to"),
        )
        if last < first:
            raise _Bad(where, "ends before it starts")
        note = b.get("note", "")
        if not isinstance(note, str) or len(note) > MAX_TEXT:
            raise _Bad(f"{where}.note", f"not a text of at most {MAX_TEXT} characters")
        breaks.append(Break(first, last, note))
    holidays = []
    for n, h in enumerate(_list(raw.get("holidays", []), f"{path}.holidays", MAX_HOLIDAYS)):
        where = f"{path}.holidays[{n}]"
        if not isinstance(h, list) or len(h) != 2:
            raise _Bad(where, "not a [date, name] pair")
        holidays.append(Holiday(_date(h[0], f"{where}[0]"), _text(h[1], f"{where}[1]")))
    given_as = raw.get("given_as", "hours")
    if given_as not in ("hours", "days", "schedule"):
        raise _Bad(f"{path}.given_as", "not hours, days or schedule")
    return StudyCalendar(
        (minutes[0], minutes[1], minutes[2], minutes[3], minutes[4], minutes[5], minutes[6]),
        tuple(breaks),
        tuple(holidays),
        _text(raw.get("region"), f"{path}.region", optional=True),
        _date(raw.get("deadline"), f"{path}.deadline", optional=True),
        given_as,
        # A plan saved before the review share kept none: its days were planned in the whole day.
        _int(raw.get("review", 0), f"{path}.review", 0, MAX_REVIEW),
    )


def _read_cert(raw: Mapping[str, Any], path: str) -> PlanCert:
    return PlanCert(
        id=_text(_get(raw, "id", path), f"{path}.id"),
        name=_text(_get(raw, "name", path), f"{path}.name"),
        issuer=_text(_get(raw, "issuer", path), f"{path}.issuer"),
        phase=_text(_get(raw, "phase", path), f"{path}.phase"),
        start=_date(_get(raw, "start", path), f"{path}.start"),
        minutes=_int(raw.get("minutes", 0), f"{path}.minutes", 0, MAX_MINUTES * 10),
        items=_texts(raw.get("items", []), f"{path}.items"),
    )


def _read(doc: Mapping[str, Any]) -> SavedPlan:
    from roadmap_cli.dates import MAX_HOURS_PER_WEEK, MAX_MONTHS, months_between

    raw_request = _obj(_get(doc, "request", ""), "request")
    months = _list(_get(raw_request, "months", "request"), "request.months", 2)
    if len(months) != 2:
        raise _Bad("request.months", "not a [low, high] pair")
    low = _int(months[0], "request.months[0]", 1, MAX_MONTHS)
    high = _int(months[1], "request.months[1]", low, MAX_MONTHS)
    request = PlanRequestRecord(
        lang=_text(_get(raw_request, "lang", "request"), "request.lang"),
        framework=_text(_get(raw_request, "framework", "request"), "request.framework"),
        hours=_number(_get(raw_request, "hours", "request"), "request.hours", 1, MAX_HOURS_PER_WEEK),
        start=_date(_get(raw_request, "start", "request"), "request.start"),
        months=(low, high),
        core_only=_bool(_get(raw_request, "core_only", "request"), "request.core_only"),
        packs=_texts(raw_request.get("packs", []), "request.packs"),
        certs=None if raw_request.get("certs") is None else _texts(raw_request["certs"], "request.certs"),
    )
    items = _each(_get(doc, "items", ""), "items", MAX_ITEMS, _read_item)
    settled = _each(_get(doc, "settled", ""), "settled", MAX_ITEMS, _read_item)
    start, end = _date(_get(doc, "start", ""), "start"), _date(_get(doc, "end", ""), "end")
    calendar: StudyCalendar | None = None
    if "days" in doc:  # format 3: by the day
        calendar = _read_calendar(_obj(_get(doc, "calendar", ""), "calendar"), "calendar")
        raw_days = _list(doc["days"], "days", MAX_DAYS)
        days = tuple(_read_day(d, f"days[{n}]") for n, d in enumerate(raw_days))
        weeks = weeks_of_days(days, start, calendar)
    else:  # formats 1 and 2: by the week
        raw_weeks = _list(_get(doc, "weeks", ""), "weeks", MAX_WEEKS)
        weeks = tuple(_read_week(n)(_obj(w, f"weeks[{n}]"), f"weeks[{n}]") for n, w in enumerate(raw_weeks))
        days = days_of_weeks(weeks)
    journey = _date(doc.get("journey_start"), "journey_start", optional=True)
    guides = []
    for n, raw_guide in enumerate(_list(doc.get("guides", []), "guides", 100)):
        if not isinstance(raw_guide, list) or len(raw_guide) != 4:
            raise _Bad(f"guides[{n}]", "not a [what, how long, source, as of] list")
        what, long, source, as_of = (_text(v, f"guides[{n}][{k}]") for k, v in enumerate(raw_guide))
        guides.append((what, long, source, as_of))
    replans = tuple(
        _date(d, f"replans[{n}]") for n, d in enumerate(_list(doc.get("replans", []), "replans", MAX_DAYS))
    )
    window_end = _date(_get(doc, "window_end", ""), "window_end")
    phases = _each(
        _get(doc, "phases", ""),
        "phases",
        10_000,
        lambda raw, path: PlanPhase(
            _text(_get(raw, "id", path), f"{path}.id"), _text(_get(raw, "title", path), f"{path}.title")
        ),
    )
    tools = _obj(doc.get("tools", {}), "tools")
    plan = SavedPlan(
        request=request,
        stack=_text(_get(doc, "stack", ""), "stack"),
        framework=_text(_get(doc, "framework", ""), "framework"),
        tools={_text(k, "tools"): _text(v, f"tools.{k}") for k, v in tools.items()},
        start=start,
        end=end,
        window_end=window_end,
        months=(
            _number(doc["months"], "months", 0, 100 * 12) if "months" in doc else months_between(start, end)
        ),
        fits_window=_bool(doc["fits_window"], "fits_window") if "fits_window" in doc else end <= window_end,
        ends_early=_bool(doc.get("ends_early", False), "ends_early"),
        warnings=_texts(doc.get("warnings", []), "warnings"),
        left_out=_texts(doc.get("left_out", []), "left_out"),
        phases=phases,
        items=items,
        settled=settled,
        weeks=weeks,
        certifications=_each(doc.get("certifications", []), "certifications", 1000, _read_cert),
        days=days,
        study_calendar=calendar,
        journey_start=journey,
        replans=replans,
        guides=tuple(guides),
    )
    _check_consistent(plan)
    return plan


def _check_consistent(plan: SavedPlan) -> None:
    """What the types alone cannot say: ids unique, dates in order, weeks naming the plan's items."""
    seen: set[str] = set()
    for item in plan.all_items():
        if item.id in seen:
            raise _Bad("items", f"{item.id!r} is listed twice")
        seen.add(item.id)
        if item.scheduled != (item.end is not None) or (item.start and item.end and item.end < item.start):
            raise _Bad("items", f"{item.id!r}: its start and end do not make a span")
    if any(i.start is None for i in plan.items):
        raise _Bad("items", "a scheduled item has no start")
    if any(i.start is not None for i in plan.settled):
        raise _Bad("settled", "a settled item has dates")
    if plan.end < plan.start:
        raise _Bad("end", "before the start")
    scheduled = {i.id for i in plan.items}
    if plan.journey_start is not None and plan.journey_start > plan.start:
        raise _Bad("journey_start", "after the plan's start")
    for n, plan_day in enumerate(plan.days):
        if n and plan_day.day <= plan.days[n - 1].day:
            raise _Bad(f"days[{n}]", "days are not in order")
        for item_id, _ in plan_day.slices:
            if item_id not in scheduled:
                raise _Bad(f"days[{n}]", f"{item_id!r} is not a scheduled item")
    for week in plan.weeks:
        if week.index and week.start != plan.weeks[week.index - 1].start + timedelta(days=7):
            raise _Bad(f"weeks[{week.index}].start", "weeks do not follow one another")
        for item_id, _ in week.slices:
            if item_id not in scheduled:
                raise _Bad(f"weeks[{week.index}].slices", f"{item_id!r} is not a scheduled item")


def parse(doc: Any, where: str = "the saved plan") -> SavedPlan:
    """A stored plan (parsed JSON) as a :class:`SavedPlan`; a :class:`SavedPlanError` if it is not one."""
    try:
        if not isinstance(doc, dict):
            raise _Bad("", "not a JSON object")
        fmt = doc.get("format")
        if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < OLDEST_FORMAT:
            raise _Bad("format", "missing or not a format this roadmap knows")
        if fmt > SAVED_PLAN_FORMAT:
            raise SavedPlanError(
                where,
                f"it is in format {fmt}, from a newer roadmap; "
                f"this one reads formats up to {SAVED_PLAN_FORMAT}",
                newer=True,
            )
        return _read(doc)  # format 1 lacks keys that _read fills with what they meant then
    except _Bad as bad:
        raise SavedPlanError(where, str(bad)) from None
    except RecursionError:
        raise SavedPlanError(where, "nested too deeply") from None


def loads(text: str, where: str = "the saved plan") -> SavedPlan:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        raise SavedPlanError(where, "not JSON") from None
    return parse(doc, where)
