"""The numbers of ``roadmap report`` that no other view has: the plan's weeks against what was really
done, study time by day, and when each phase really began and ended. Pure: ``today`` comes with the
progress.

Every figure starts from :func:`roadmap_cli.views.state.compute_progress` and its helpers: the
credit an item earns (done or skipped: its estimate; otherwise the time logged on it, up to the
estimate) and the study activity (:func:`~roadmap_cli.views.forecast.activity`: logged time, and
ticks with no time logged at their estimates). Here they are only spread over the calendar, so the
last point of the burndown is the ``left`` that ``roadmap status`` shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from roadmap_cli.dates import local_day, monday_of
from roadmap_cli.progress.models import ProgressState
from roadmap_cli.views.forecast import activity
from roadmap_cli.views.state import ItemProgress, Progress

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog

#: The heatmap shows at most this many weeks, the latest ones.
HEATMAP_WEEKS = 106
#: How far past the later of the plan's end and the last study the charts run. A report made long
#: after (today in 2999 for a plan of 2027) shows the plan's own years and the two after them, not
#: the empty decades since: fast, small, and as telling (nothing changed in those decades).
WEEKS_AFTER = 104


@dataclass(frozen=True)
class WeekPoint:
    """One week of the plan (Monday ``start``) for the burndown and the weekly hours."""

    start: date
    planned_left_minutes: int  # what the plan still has to do at the week's end
    left_minutes: int | None  # what was really left at the week's end (today, this week); None: later
    studied_minutes: int  # study activity in the week
    planned_minutes: int  # what the plan puts in the week

    @property
    def last_day(self) -> date:
        return self.start + timedelta(days=6)


@dataclass(frozen=True)
class PhaseDates:
    """A phase's planned dates and its real ones: the first day of study on any of its items, and the
    day its last item was ticked once all are done (None while some are left, or when every item
    was skipped)."""

    id: str
    number: int
    title: str
    planned_start: date | None
    planned_end: date | None
    started: date | None
    finished: date | None
    done: bool


def _tick_day(entry: ItemProgress) -> date | None:
    return local_day(entry.ticked_at) if entry.state == "done" and entry.ticked_at else None


def credit_on(entry: ItemProgress, day: date, logged: Iterable[tuple[date, int]]) -> int:
    """The minutes an item had earned by the end of ``day``: its estimate once done (a skip, which
    has no date, from the first day), else the time logged on it by then, up to its estimate."""
    minutes = entry.item.minutes
    if entry.state == "skipped":
        return minutes
    tick = _tick_day(entry)
    if tick is not None and tick <= day:
        return minutes
    return min(minutes, sum(m for d, m in logged if d <= day))


def study_days(progress: Progress, state: ProgressState) -> dict[date, int]:
    """Minutes of study on each day up to today (days without any are absent)."""
    days: dict[date, int] = defaultdict(int)
    for day, minutes in activity(state, progress.items):
        if day <= progress.today:
            days[day] += minutes
    return dict(sorted(days.items()))


def charts_end(progress: Progress, state: ProgressState) -> date:
    """The last day the report's charts cover: the later of the plan's end and today, but no more
    than :data:`WEEKS_AFTER` weeks past the later of the plan's end and the last study."""
    latest = max([progress.plan.end, *(day for day, _ in activity(state, progress.items))])
    return min(max(progress.plan.end, progress.today), latest + timedelta(weeks=WEEKS_AFTER))


def plan_weeks(progress: Progress, state: ProgressState) -> list[WeekPoint]:
    """Every week from the journey's first (the first plan's start, kept across replans) to the later of
    the plan's last and today's (up to :func:`charts_end`). The plan's line is the active plan's: before
    it was made it stands at all it plans; study and what was really left run over the whole journey."""
    plan, today = progress.plan, progress.today
    first = monday_of(plan.first_day)
    last = monday_of(charts_end(progress, state))
    planned_in: dict[date, int] = {w.start: w.used for w in plan.weeks}
    logged: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for entry in state.logs:
        logged[entry.item_id].append((entry.on, entry.minutes))
    studied: dict[date, int] = defaultdict(int)
    for day, minutes in activity(state, progress.items):
        studied[monday_of(day)] += minutes
    total = progress.overall.total_minutes
    planned_left = plan.total_minutes
    points: list[WeekPoint] = []
    week = first
    while week <= last:
        planned_left -= planned_in.get(week, 0)
        end = min(week + timedelta(days=6), today)
        left = None
        if week <= today:
            left = total - sum(credit_on(i, end, logged[i.item.id]) for i in progress.items)
        points.append(WeekPoint(week, max(0, planned_left), left, studied[week], planned_in.get(week, 0)))
        week += timedelta(days=7)
    return points


def phase_dates(progress: Progress, state: ProgressState) -> list[PhaseDates]:
    """Each phase with items: planned dates from the progress, real ones from the history."""
    first_study: dict[str, date] = {}
    for entry in state.logs:
        if entry.item_id not in first_study or entry.on < first_study[entry.item_id]:
            first_study[entry.item_id] = entry.on
    rows = []
    for phase in progress.phases:
        mine = [i for i in progress.items if i.item.phase == phase.id]
        ticks = [d for i in mine if (d := _tick_day(i)) is not None]
        starts = [*ticks, *(first_study[i.item.id] for i in mine if i.item.id in first_study)]
        done = all(i.done for i in mine)
        rows.append(
            PhaseDates(
                id=phase.id,
                number=phase.number,
                title=phase.title,
                planned_start=phase.start,
                planned_end=phase.end,
                started=min(starts, default=None),
                finished=max(ticks, default=None) if done else None,
                done=done,
            )
        )
    return rows


def heatmap_range(progress: Progress, end: date | None = None) -> tuple[date, date]:
    """The Monday of the heatmap's first week and the Sunday of its last: the plan's whole span and
    up to today (or ``end``, :func:`charts_end`), from the journey's first day (across replans), the
    latest :data:`HEATMAP_WEEKS` weeks of it."""
    last = monday_of(end if end is not None else max(progress.today, progress.plan.end))
    first = max(monday_of(progress.plan.first_day), last - timedelta(weeks=HEATMAP_WEEKS - 1))
    return first, last + timedelta(days=6)


@dataclass(frozen=True)
class CitedSource:
    id: str
    title: str
    publisher: str
    as_of: str
    url: str | None
    items: int  # how many items of the plan cite it


def cited_sources(progress: Progress, catalog: Catalog) -> list[CitedSource]:
    """The sources the plan's items cite, most cited first; an id the content no longer has is listed
    by its id."""
    counts: dict[str, int] = defaultdict(int)
    for entry in progress.items:
        for source_id in entry.item.sources:
            counts[source_id] += 1
    rows = []
    for source_id, count in counts.items():
        found = catalog.sources.get(source_id) or {}
        rows.append(
            CitedSource(
                source_id,
                str(found.get("title", source_id)),
                str(found.get("publisher", "")),
                str(found.get("as_of", "")),
                found.get("url"),
                count,
            )
        )
    return sorted(rows, key=lambda s: (-s.items, s.id))
