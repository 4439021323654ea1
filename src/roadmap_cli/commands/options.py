"""Option parsers shared by the commands: each turns text into a value or a clear usage error.

Every command module imports this at start-up, shell completion included, so it imports nothing
heavy at the top: the planner's limits are read inside the parsers that check them.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer


def parse_hours(value: float | None) -> float | None:
    from roadmap_cli.dates import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

    if value is None:
        return None
    if not math.isfinite(value) or not MIN_HOURS_PER_WEEK <= value <= MAX_HOURS_PER_WEEK:
        raise typer.BadParameter(
            f"{value:g} is not a number of hours a week; give one from "
            f"{MIN_HOURS_PER_WEEK} to {MAX_HOURS_PER_WEEK}, e.g. --hours 12"
        )
    return value


def parse_date(value: str, option: str = "--start") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04", param_hint=f"'{option}'"
        ) from None


def parse_months(value: str, option: str = "--months") -> tuple[int, int]:
    from roadmap_cli.dates import MAX_MONTHS

    text = value.strip()
    low_text, sep, high_text = text.partition("-")
    try:
        low = int(low_text)
        high = int(high_text) if sep else low
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a month count; give one number or a range, e.g. --months 9 or --months 8-10",
            param_hint=f"'{option}'",
        ) from None
    if not (1 <= low <= high <= MAX_MONTHS):
        raise typer.BadParameter(
            f"{value!r} is not a window of months; both ends must be from 1 to {MAX_MONTHS}, "
            "the first not after the second, e.g. --months 8-10",
            param_hint=f"'{option}'",
        )
    return low, high


def complete_lang(incomplete: str) -> list[str]:
    """Stack ids for shell completion, from the cached catalog."""
    try:
        from roadmap_cli.catalog.registry import load_catalog

        names = sorted(load_catalog().stacks)
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [n for n in names if n.startswith(incomplete.lower())]


PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack",
        help="Also read this content pack (a .yaml file); may be given more than once.",
        dir_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


#: For tests and demos only: pretend today is this date (YYYY-MM-DD).
TODAY_ENV = "ROADMAP_TODAY"


def today() -> date:
    """Today's date, or ``ROADMAP_TODAY`` when set (used by the tests to fix the clock)."""
    import os

    value = os.environ.get(TODAY_ENV)
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        from roadmap_cli.errors import UsageError

        raise UsageError(f"{TODAY_ENV}={value!r} is not a date; write it as YYYY-MM-DD") from None


def event_time() -> datetime | None:
    """When to date new events: now, unless ``ROADMAP_TODAY`` moves the day (then that day, at this time)."""
    import os

    if not os.environ.get(TODAY_ENV):
        return None
    return datetime.combine(today(), datetime.now().time()).astimezone()


ItemIds = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="ID...",
        help="Item ids, as `roadmap plan`, `roadmap next` and `roadmap status` show them.",
        show_default=False,
    ),
]
UndoOption = Annotated[bool, typer.Option("--undo", "-u", help="Take it back.")]
