"""Option parsers shared by the commands: each turns text into a value or a clear usage error.

Every command module imports this at start-up, shell completion included, so it imports nothing
heavy at the top: the planner's limits are read inside the parsers that check them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_cli.completion import (
    complete_check_ids,
    complete_item_ids,
    complete_lang,
    complete_skip_ids,
    matching,
)
from roadmap_cli.inputs import DURATION_FORMS, TODAY_ENV, event_time, parse_duration, today

if TYPE_CHECKING:
    from roadmap_cli.studytime import StudyCalendar

__all__ = [
    "DURATION_FORMS",
    "TODAY_ENV",
    "complete_item_ids",
    "complete_lang",
    "event_time",
    "parse_duration",
    "today",
]


def _hours(word: str, allowed: str) -> float:
    """A number of hours, as Click's FLOAT reads it; a word that is not one is told what is allowed."""
    try:
        return float(word.strip())
    except ValueError:
        raise typer.BadParameter(f"{word[:40]!r} is not a number of hours {allowed}") from None


def hours_week(word: str) -> float:
    """``--hours`` of ``plan`` and ``replan``, read from its word."""
    from roadmap_cli.dates import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

    return _hours(
        word, f"a week; give one from {MIN_HOURS_PER_WEEK} to {MAX_HOURS_PER_WEEK}, e.g. --hours 12"
    )


def hours_today(word: str) -> float:
    """``--hours`` of ``today``, read from its word."""
    from roadmap_cli.inputs import HOURS_TODAY

    low, high = HOURS_TODAY
    return _hours(word, f"in a day; give one from {low:g} to {high:g}, e.g. --hours 2")


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


def parse_hours_today(value: float | None) -> float | None:
    from roadmap_cli.inputs import InvalidValue, check_hours_today

    if value is None:
        return None
    try:
        return check_hours_today(value)
    except InvalidValue as error:
        raise typer.BadParameter(error.message) from None


def parse_date(value: str, option: str = "--start") -> date:
    from roadmap_cli.inputs import InvalidValue, read_date

    try:
        return read_date(value)
    except InvalidValue as error:
        raise typer.BadParameter(error.message, param_hint=f"'{option}'") from None


def check_on(value: str | None) -> str | None:
    """``--on``: checked as it is read, given to the command as written."""
    if value is not None:
        parse_date(value, "--on")
    return value


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


def complete_framework(ctx: typer.Context, incomplete: str) -> list[str]:
    """Frameworks of the stack --lang names (of every stack before --lang is given)."""
    try:
        from roadmap_cli.catalog.registry import load_catalog

        catalog = load_catalog()
        lang = ctx.params.get("lang")
        stacks = [catalog.resolve_stack(lang)] if lang else list(catalog.stacks.values())
        names = [f["id"] for stack in stacks for f in stack["frameworks"]]
    except Exception:
        return []
    return matching(names, incomplete)


def complete_tz(incomplete: str) -> list[str]:
    """IANA time zone names for --tz."""
    try:
        from zoneinfo import available_timezones

        names = sorted(available_timezones())
    except Exception:
        return []
    return matching(["UTC", *names], incomplete)


def complete_pack_files(incomplete: str) -> list[str]:
    """Pack files (``.yaml``, ``.yml``) and folders that start with what was typed."""
    import os

    folder, _, stem = incomplete.rpartition("/")
    base = folder + "/" if folder or incomplete.startswith("/") else ""
    try:
        entries = sorted(os.scandir(Path(folder).expanduser() if folder else "."), key=lambda e: e.name)
    except OSError:
        return []
    found = []
    for entry in entries:
        if not entry.name.startswith(stem) or (entry.name.startswith(".") and not stem.startswith(".")):
            continue
        if entry.is_dir():
            found.append(f"{base}{entry.name}/")
        elif entry.name.endswith((".yaml", ".yml")):
            found.append(f"{base}{entry.name}")
    return found


PackOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack",
        help="Also read this content pack (a .yaml file); may be given more than once.",
        dir_okay=False,
        autocompletion=complete_pack_files,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
WeeksOption = Annotated[bool, typer.Option("--weeks", "-w", help="Show every week instead of every month.")]


def _ids_argument(complete: Callable[..., list[str]]) -> Any:
    return typer.Argument(
        metavar="ID...",
        help="Item ids, as `roadmap plan`, `roadmap next` and `roadmap status` show them.",
        show_default=False,
        autocompletion=complete,
    )


#: ``check``'s ids: TAB offers what is open, or what is ticked after --undo.
CheckIds = Annotated[list[str] | None, _ids_argument(complete_check_ids)]
#: ``skip``'s ids: TAB offers what is open, or what is skipped after --undo.
SkipIds = Annotated[list[str] | None, _ids_argument(complete_skip_ids)]
UndoOption = Annotated[bool, typer.Option("--undo", "-u", help="Take it back.")]


DaysOption = Annotated[
    str | None,
    typer.Option(
        "--days",
        metavar="DAYS",
        help="The days you study, e.g. mon,wed,sat or mon-fri: --hours is shared evenly over them "
        "(default: every day).",
    ),
]
ScheduleOption = Annotated[
    str | None,
    typer.Option(
        "--schedule",
        metavar="WEEK",
        help='Hours of each weekday, e.g. "mon-fri 1h, sat 4h" (m for minutes); replaces --hours.',
    ),
]
ReviewOption = Annotated[
    str | None,
    typer.Option(
        "--review",
        metavar="SHARE",
        help="The share of each study day kept for reviewing what you finished, e.g. 15% or 0 for none "
        "(default: none for a new plan, the plan's own on a replan; 10% is a good start).",
    ),
]
HolidaysOption = Annotated[
    str | None,
    typer.Option(
        "--holidays",
        metavar="REGION",
        help="Take the public holidays of a country or region off, e.g. US, GB, DE-BY; none for none.",
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="DATE",
        help="A deadline, YYYY-MM-DD: the plan ends by it, or says how many hours a week it would take.",
    ),
]


def study_calendar(
    start: date,
    *,
    hours: float | None,
    days: str | None,
    schedule: str | None,
    holidays: str | None,
    by: str | None,
    base: StudyCalendar | None = None,
    review: str | None = None,
) -> StudyCalendar:
    """The calendar the options describe; a usage error naming what is wrong and what is allowed."""
    from roadmap_cli.errors import UsageError
    from roadmap_cli.studytime import CalendarError, from_options, parse_review

    deadline = parse_date(by, "--by") if by is not None else None
    try:
        share = parse_review(review) if review is not None else None
        return from_options(
            start,
            hours=hours,
            days=days,
            schedule=schedule,
            holidays=holidays,
            by=deadline,
            base=base,
            review=share,
        )
    except CalendarError as error:
        raise UsageError(str(error)) from None
