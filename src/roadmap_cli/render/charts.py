"""The report's charts: matplotlib figures written as inline SVG. Only ``roadmap report`` imports this.

Why matplotlib: it draws on the Agg backend with no display, writes SVG with no script and no
network reference, keeps text as text (``svg.fonttype = none``: the page's font, selectable, and
prints sharply), and with a fixed ``svg.hashsalt`` and no date in the metadata the same data give
the same bytes. Each chart gets its own salt, so the ids inside the SVGs of one page never clash.

Colours work on a light and a dark page alike; the page's stylesheet gives the text its colour.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from io import StringIO
from typing import TYPE_CHECKING, Any

from roadmap_cli.render.units import hours
from roadmap_cli.safetext import safe
from roadmap_cli.views.report import WEEKS_AFTER, PhaseDates, WeekPoint
from roadmap_cli.views.reviews import RetentionPoint

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from roadmap_cli.views.forecast import Forecast
    from roadmap_cli.views.state import Progress

PLANNED = "#7f8c9b"
DONE = "#2e8b57"
ACCENT = "#3b82c4"
FORECAST = "#d9822b"
TODAY = "#c0392b"
GRID = "#8a8a8a"
#: Study days: none, then four steps of more time.
HEAT = ("#9aa3ad", "#9be9a8", "#40c463", "#30a14e", "#216e39")
WIDTH_IN = 9.0


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    alt: str  # the text alternative: what the chart says, in words
    svg: str
    max_width: int | None = None  # CSS pixels it may grow to; None: the page's width


def _setup() -> None:
    """matplotlib, on the Agg backend, keeping its files in roadmap's cache and its words to itself.

    matplotlib writes a font cache, and reads a ``matplotlibrc``, in its config folder: by default
    under the home folder, outside roadmap's own. ``MPLCONFIGDIR`` points it at a private folder in
    roadmap's cache instead, before matplotlib is first imported (it reads the variable then). That
    also keeps a person's own ``matplotlibrc`` out of the page: the same progress on the same day
    gives the same bytes. Its log (a font cache being built, more ticks than it draws) is not
    roadmap's to show.
    """
    import sys

    if "matplotlib" not in sys.modules:
        from roadmap_cli import paths
        from roadmap_cli.files import private_folder

        folder = paths.cache_dir() / "matplotlib"
        try:
            private_folder(folder)
            os.environ["MPLCONFIGDIR"] = str(folder)
        except OSError:  # matplotlib finds a temporary folder of its own, and says so
            pass
    import logging

    with warnings.catch_warnings():
        _quiet_libraries()
        import matplotlib

        logging.getLogger("matplotlib").setLevel(logging.ERROR)
        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot  # here, so that what it warns of on import stays quiet too


def _quiet_libraries() -> None:
    """Deprecations inside the libraries that draw the charts (matplotlib before 3.11 calls names
    that pyparsing 3.3 deprecates) are theirs to fix, not a learner's to read on stderr."""
    warnings.filterwarnings("ignore", category=DeprecationWarning)


@contextmanager
def _style(salt: str) -> Iterator[None]:
    import matplotlib.pyplot as plt

    with (
        plt.rc_context(
            {
                "svg.hashsalt": f"roadmap-report-{salt}",
                "svg.fonttype": "none",
                # Titles come from packs and backups: text, never TeX (a `$` would start mathtext,
                # and an unknown command or deep nesting in it fails the whole report).
                "text.parse_math": False,
                "font.family": "sans-serif",
                "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
                "font.size": 9,
                "axes.edgecolor": GRID,
                "axes.labelcolor": GRID,
                "xtick.color": GRID,
                "ytick.color": GRID,
                "text.color": GRID,
                "axes.spines.top": False,
                "axes.spines.right": False,
                "axes.grid": True,
                "grid.color": GRID,
                "grid.alpha": 0.25,
                "legend.frameon": False,
                "figure.facecolor": "none",
                "axes.facecolor": "none",
                "savefig.facecolor": "none",
                "savefig.transparent": True,
            }
        ),
        warnings.catch_warnings(),
    ):
        # The text is kept as text in the SVG (the page's font draws it): a glyph that matplotlib's
        # own font lacks (CJK, emoji) is no matter, and no warning of it (matplotlib 3.8 says "current
        # font", later releases "font").
        glyphs = "Glyph .* missing from (current )?font"
        warnings.filterwarnings("ignore", message=glyphs, category=UserWarning)
        _quiet_libraries()
        yield


def _svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element: no XML declaration, no date, sized by the page."""
    import matplotlib.pyplot as plt

    out = StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    text = out.getvalue()
    return text[text.index("<svg") :].strip()


def _date_axis(ax: Any, first: date, last: date) -> None:
    from importlib import import_module

    mdates: Any = import_module("matplotlib.dates")  # its locators are untyped

    months = max(1, (last - first).days // 30)
    if months > 84:  # a plan of many years: a label every year or more, at most a dozen or so
        ax.xaxis.set_major_locator(mdates.YearLocator(base=max(1, months // 144)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    else:
        step = 1 if months <= 14 else 2 if months <= 28 else 3 if months <= 42 else 6
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=step))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.set_xlim(first, last)
    # The month and its year on two lines, with room between them whatever matplotlib's default
    # spacing (older releases set them close enough that a browser's line boxes touch).
    ax.tick_params(axis="x", labelsize=9)
    for tick in ax.xaxis.get_major_ticks():
        tick.label1.set_linespacing(1.5)


def _today_line(ax: Any, today: date, first: date, last: date) -> None:
    if first <= today <= last:
        ax.axvline(today, color=TODAY, linewidth=1.2, linestyle="--", label=f"today ({today.isoformat()})")


def _figure(height: float) -> tuple[Figure, Any]:
    return plt_figure(WIDTH_IN, height)


def plt_figure(width: float, height: float) -> tuple[Figure, Any]:
    """A figure and its axes; the axes typed loosely, as matplotlib's stubs take no dates."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def timeline_chart(progress: Progress, phases: Sequence[PhaseDates]) -> Chart | None:
    """One bar per phase over its planned dates, the done share darker, today a line."""
    rows = [p for p in phases if p.planned_start and p.planned_end]
    if not rows:
        return None
    _setup()
    shares = {p.id: p.totals.share for p in progress.phases}
    plan, today = progress.plan, progress.today
    first = min(plan.first_day, *(p.planned_start for p in rows if p.planned_start))
    last = max(plan.end, *(p.planned_end for p in rows if p.planned_end)) + timedelta(days=7)
    if today > last:  # up to today, but never decades of nothing (see views.report.WEEKS_AFTER)
        last = min(today, last + timedelta(weeks=WEEKS_AFTER)) + timedelta(days=7)
    with _style("timeline"):
        fig, ax = _figure(0.45 * len(rows) + 1.0)
        for n, phase in enumerate(rows):
            assert phase.planned_start
            assert phase.planned_end
            start = phase.planned_start
            days = (phase.planned_end - start).days + 1
            ax.barh(n, days, left=start, height=0.6, color=PLANNED, alpha=0.45)
            done = days * shares.get(phase.id, 0.0)
            if done:
                ax.barh(n, done, left=start, height=0.6, color=DONE)
        ax.set_yticks(range(len(rows)), [f"{p.number}. {safe(p.title.split(':')[0])}" for p in rows])
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        _date_axis(ax, first, last)
        _today_line(ax, today, first, last)
        from matplotlib.patches import Patch

        handles: list[Any] = [
            Patch(color=PLANNED, alpha=0.45, label="planned"),
            Patch(color=DONE, label="done"),
        ]
        handles += ax.get_legend_handles_labels()[0]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3)
        svg = _svg(fig)
    where = f"Today, {today.isoformat()}, is marked." if first <= today <= last else ""
    alt = (
        f"Timeline of the plan's {len(rows)} phases from {plan.start.isoformat()} to {plan.end.isoformat()}: "
        + "; ".join(
            f"{p.number}. {p.title}, {p.planned_start} to {p.planned_end}, "
            f"{round(100 * shares.get(p.id, 0.0))}% done"
            for p in rows
        )
        + f". {where}"
    )
    return Chart("timeline", "Timeline of the phases", alt.strip(), svg)


def _forecast_text(forecast: Forecast | None) -> str:
    if forecast is None or forecast.end_earliest is None:
        return "No forecast range yet."
    latest = forecast.end_latest.isoformat() if forecast.end_latest else "never at the slowest pace"
    return f"The forecast ends between {forecast.end_earliest.isoformat()} and {latest}."


def burndown_chart(progress: Progress, weeks: Sequence[WeekPoint]) -> Chart:
    """Hours left at each week's end: as planned, as done, and the forecast range from today."""
    _setup()
    plan, today, forecast = progress.plan, progress.today, progress.forecast
    first = weeks[0].start
    last = weeks[-1].last_day
    if forecast and forecast.end_earliest:
        last = max(last, forecast.end_latest or forecast.end_earliest)
    # A pace of nearly nothing: two years on; a report made long after: the weeks charted.
    last = min(last, max(plan.end, min(today, weeks[-1].last_day)) + timedelta(days=730))
    planned_x = [first, *(w.last_day for w in weeks if w.last_day <= plan.end + timedelta(days=6))]
    planned_y = [hours(plan.total_minutes), *(hours(w.planned_left_minutes) for w in weeks)][: len(planned_x)]
    done = [w for w in weeks if w.left_minutes is not None]
    done_x = [min(w.last_day, today) for w in done]
    done_y = [hours(w.left_minutes or 0) for w in done]
    left_now = progress.overall.total_minutes - progress.overall.done_minutes
    with _style("burndown"):
        fig, ax = _figure(3.4)
        ax.plot(planned_x, planned_y, color=PLANNED, linewidth=2, label="planned")
        if done:
            ax.plot(done_x, done_y, color=DONE, linewidth=2.2, marker="o", markersize=2.5, label="done")
        if forecast and forecast.end_earliest and left_now > 0:
            early = forecast.end_earliest
            late = forecast.end_latest or last
            ax.fill(
                [today, early, late],
                [hours(left_now), 0, 0],
                color=FORECAST,
                alpha=0.25,
                linewidth=0,
                label="forecast range",
            )
            ax.plot([today, early], [hours(left_now), 0], color=FORECAST, linewidth=1.2)
        _today_line(ax, today, first, last)
        ax.set_ylabel("hours left")
        ax.set_ylim(bottom=0)
        _date_axis(ax, first, last)
        ax.legend(loc="upper right")
        svg = _svg(fig)
    total = hours(progress.overall.total_minutes)
    now = f"On {today.isoformat()}, {hours(left_now):g} of {total:g} hours are left"
    alt = (
        f"Burndown of the plan's hours: the plan starts with {hours(plan.total_minutes):g} scheduled hours "
        f"and reaches none on {plan.end.isoformat()}. {now}; by the plan, "
        f"{hours(_planned_left_on(weeks, today, plan.total_minutes)):g} would be. {_forecast_text(forecast)}"
    )
    return Chart("burndown", "Burndown: hours left, planned and done", alt, svg)


def _planned_left_on(weeks: Sequence[WeekPoint], day: date, total: int) -> int:
    before = [w for w in weeks if w.last_day < day]
    return before[-1].planned_left_minutes if before else total


def weekly_chart(progress: Progress, weeks: Sequence[WeekPoint]) -> Chart:
    """Hours of study each week up to this one, against the plan's hours that week."""
    _setup()
    today = progress.today
    shown = [w for w in weeks if w.start <= today] or list(weeks[:1])
    with _style("weekly"):
        fig, ax = _figure(2.8)
        ax.bar(
            [w.start + timedelta(days=3) for w in shown],
            [hours(w.studied_minutes) for w in shown],
            width=5,
            color=ACCENT,
            label="studied",
        )
        ax.step(
            [w.start for w in shown] + [shown[-1].last_day],
            [hours(w.planned_minutes) for w in shown] + [hours(shown[-1].planned_minutes)],
            where="post",
            color=PLANNED,
            linewidth=1.4,
            label="planned",
        )
        ax.set_ylabel("hours")
        ax.set_ylim(bottom=0)
        _date_axis(ax, shown[0].start, shown[-1].last_day + timedelta(days=1))
        ax.legend(loc="upper right")
        svg = _svg(fig)
    studied = [w for w in shown if w.studied_minutes]
    total = sum(w.studied_minutes for w in shown)
    best = max(shown, key=lambda w: w.studied_minutes)
    alt = (
        f"Hours studied per week, {len(shown)} weeks from {shown[0].start.isoformat()}: "
        f"{len(studied)} weeks with study, {hours(total):g} hours in all"
        + (
            f", the most {hours(best.studied_minutes):g} hours in the week of {best.start.isoformat()}"
            if total
            else ""
        )
        + f"; the plan asks {progress.plan.hours_per_week:g} hours a week."
    )
    return Chart("weekly", "Hours studied per week", alt, svg)


def retention_chart(points: Sequence[RetentionPoint]) -> Chart | None:
    """How much of what you finished you still recall, week by week (FSRS's estimate); None before
    anything is finished."""
    if not points:
        return None
    _setup()
    with _style("retention"):
        fig, ax = _figure(2.4)
        ax.plot(
            [p.day for p in points],
            [100 * p.remembered for p in points],
            color=DONE,
            linewidth=1.6,
            marker=".",
        )
        ax.axhline(90, color=PLANNED, linewidth=1, linestyle="--", label="90%: when a review is due")
        ax.set_ylabel("% recalled")
        ax.set_ylim(0, 100)
        _date_axis(ax, points[0].day - timedelta(days=6), points[-1].day + timedelta(days=1))
        ax.legend(loc="lower left")
        svg = _svg(fig)
    last = points[-1]
    lowest = min(points, key=lambda p: p.remembered)
    alt = (
        f"Share of the finished milestones you still recall, by FSRS's estimate, {len(points)} weeks to "
        f"{last.day.isoformat()}: {last.remembered:.0%} of {last.cards} now, the lowest "
        f"{lowest.remembered:.0%} on {lowest.day.isoformat()}; a review is due when one falls to 90%."
    )
    return Chart("retention", "Still remembered", alt, svg)


def heat_level(minutes: int) -> int:
    """0 for no study, then 1..4: under an hour, under two, under three, three or more."""
    if minutes <= 0:
        return 0
    return min(4, 1 + minutes // 60)


def heatmap_chart(days: dict[date, int], first: date, last: date, today: date) -> Chart:
    """A calendar of study days: a column per week, a row per weekday, darker for more time."""
    _setup()
    from matplotlib.patches import Rectangle

    week_count = (last - first).days // 7 + 1
    with _style("heatmap"):
        fig, ax = plt_figure(min(WIDTH_IN, 0.16 * week_count + 1.0), 0.16 * 7 + 0.6)
        day = first
        while day <= last:
            col, row = (day - first).days // 7, day.weekday()
            colour = HEAT[heat_level(days.get(day, 0))]
            ax.add_patch(
                Rectangle(
                    (col, row), 0.85, 0.85, facecolor=colour, linewidth=0, alpha=1 if day <= today else 0.4
                )
            )
            day += timedelta(days=1)
        ax.set_xlim(-0.2, week_count)
        ax.set_ylim(7, -0.2)
        ax.set_aspect("equal")
        ax.set_yticks([0.42, 2.42, 4.42, 6.42], ["Mon", "Wed", "Fri", "Sun"])
        ticks, labels = [], []
        for col in range(week_count):
            monday = first + timedelta(weeks=col)
            if col == 0 or monday.day <= 7:
                ticks.append(col)
                labels.append(f"{monday:%b}" if col and monday.month != 1 else f"{monday:%b %Y}")
        ax.set_xticks(ticks, labels)
        ax.tick_params(length=0)
        ax.grid(visible=False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        svg = _svg(fig)
    studied = {d: m for d, m in days.items() if first <= d <= last}
    alt = (
        f"Calendar of study days from {first.isoformat()} to {last.isoformat()}, days after today "
        f"({today.isoformat()}) paler: "
        f"{len(studied)} days with study, {hours(sum(studied.values())):g} hours in all"
        + (f"; the longest day {hours(max(studied.values())):g} hours" if studied else "")
        + ". Darker squares mean more time: under 1 hour, under 2, under 3, 3 hours or more."
    )
    return Chart("heatmap", "Study days", alt, svg, max_width=24 * week_count + 80)
