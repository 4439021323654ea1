"""The progress views, by the names they have always had: each lives in its own room now.

* :mod:`roadmap_cli.views.state`: each item's state, the totals and the standing;
* :mod:`roadmap_cli.views.forecast`: the forecast and the calibration of the estimates;
* :mod:`roadmap_cli.views.week`: this week;
* :mod:`roadmap_cli.views.today`: the advice, the order of the work and today's list.
"""

from __future__ import annotations

from roadmap_cli.dates import local_day
from roadmap_cli.progress.counting import counts_here, done_for, find_orphans, logged_credit
from roadmap_cli.views.forecast import (
    FORECAST_AFTER_DAYS,
    PACE_DAYS,
    Calibration,
    Forecast,
    PassedCert,
    activity,
    calibrate,
    forecast,
    pace,
)
from roadmap_cli.views.state import (
    ITEM_STATES,
    NEXT_COUNT,
    ItemProgress,
    ItemStatus,
    PhaseProgress,
    Progress,
    Standing,
    Totals,
    compute_progress,
    item_state,
    minutes_per_day,
    percent,
    plan_credit,
    streak,
    tick_days,
    work_due,
)
from roadmap_cli.views.today import (
    Advice,
    DayOff,
    Reason,
    TodayItem,
    TodayView,
    advice,
    day_off,
    needs_replan,
    owed_today,
    plan_today,
    todo_order,
)
from roadmap_cli.views.week import WeekItem, WeekView, this_week

__all__ = [
    "FORECAST_AFTER_DAYS",
    "ITEM_STATES",
    "NEXT_COUNT",
    "PACE_DAYS",
    "Advice",
    "Calibration",
    "DayOff",
    "Forecast",
    "ItemProgress",
    "ItemStatus",
    "PassedCert",
    "PhaseProgress",
    "Progress",
    "Reason",
    "Standing",
    "TodayItem",
    "TodayView",
    "Totals",
    "WeekItem",
    "WeekView",
    "activity",
    "advice",
    "calibrate",
    "compute_progress",
    "counts_here",
    "day_off",
    "done_for",
    "find_orphans",
    "forecast",
    "item_state",
    "local_day",
    "logged_credit",
    "minutes_per_day",
    "needs_replan",
    "owed_today",
    "pace",
    "percent",
    "plan_credit",
    "plan_today",
    "streak",
    "this_week",
    "tick_days",
    "todo_order",
    "work_due",
]
