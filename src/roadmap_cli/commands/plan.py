"""``roadmap plan``: build a dated day-by-day schedule for a stack and the study time of each day."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import (
    ByOption,
    DaysOption,
    HolidaysOption,
    JsonOption,
    PackOption,
    ReviewOption,
    ScheduleOption,
    WeeksOption,
    complete_framework,
    complete_lang,
    event_time,
    hours_week,
    parse_date,
    parse_hours,
    parse_months,
    study_calendar,
    today,
)
from roadmap_cli.record import replace

if TYPE_CHECKING:
    from pathlib import Path

    from roadmap_cli.progress.saved import SavedPlan
    from roadmap_cli.progress.store import StoredPlan

HELP = help_text(
    "plan",
    """Your week: --hours 12 spreads 12 hours over every day; --days mon,wed,sat shares them over those
days; --schedule "mon-fri 1h, sat 4h" gives each day its own hours. --holidays DE-BY takes that
region's public holidays off, --by 2027-12-01 sets a deadline, and `roadmap break` plans time off.
--review 10% keeps that share of each study day for reviewing what you finished, so that you
still know it at the interview: new work is planned in the rest, and the dates say so.

Core milestones always go in; optional ones are added while the plan still ends inside the
window (10-12 months unless --months says otherwise). If your hours are too few, or so many that
the plan ends early, it says so and by how much.

Certifications are your choice: --cert ID (repeatable; see `roadmap certs`) puts each one's
study hours in the schedule. Without it the plan holds the AWS Solutions Architect Associate,
which the what-matters guide ranks first; --cert none holds none.

Hours are the project's estimates (no guide gives hours per item), and the plan says so.

The plan shown is saved as your active plan (unless --dry-run). Items you ticked or skipped are
left out of it, and every tick, skip and note is kept.

Example:  roadmap plan --lang python --hours 12 --start 2027-01-04
""",
)


def plan(
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            help="Your stack: python, typescript, go, java, rust, csharp, php (or py, ts, golang, c#...).",
            autocompletion=complete_lang,
        ),
    ],
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            "-H",
            help="Hours a week you can really study (1-80); not needed with --schedule.",
            callback=parse_hours,
            parser=hours_week,
            metavar="HOURS",
        ),
    ] = None,
    days: DaysOption = None,
    schedule: ScheduleOption = None,
    holidays: HolidaysOption = None,
    by: ByOption = None,
    review: ReviewOption = None,
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework",
            "-f",
            help="One of the stack's frameworks (default: the stack's first).",
            autocompletion=complete_framework,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day of the plan, YYYY-MM-DD (default: today)."),
    ] = None,
    months: Annotated[
        str,
        typer.Option("--months", "-m", help="Months the plan should end within: 9, or a range like 8-10."),
    ] = "10-12",
    core_only: Annotated[bool, typer.Option("--core-only", help="Leave out every optional item.")] = False,
    cert: Annotated[
        list[str] | None,
        typer.Option(
            "--cert",
            "-c",
            metavar="ID",
            help="A certification to study for (repeatable); default: the AWS Solutions Architect "
            "Associate; `none` for none. `roadmap certs` lists the ids.",
        ),
    ] = None,
    weeks: WeeksOption = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Only show the plan; keep your active plan as it is.")
    ] = False,
    json_out: JsonOption = False,
    packs: PackOption = None,
) -> None:
    from roadmap_cli.speed import gc_paused

    # A big pack's catalog is a million objects. They are made with the garbage collector at rest
    # and freed when ``_saved_plan`` returns, before it is back: none of its passes walks them.
    with gc_paused():
        saved, notice = _saved_plan(
            lang,
            (hours, days, schedule, holidays, by, review),
            framework,
            start,
            months,
            core_only,
            cert,
            dry_run,
            packs,
        )
    if json_out and notice:
        sys.stderr.write(notice)
    if json_out:
        from roadmap_cli.render.jsonout import emit, plan_document

        emit(plan_document(saved))
    else:
        from roadmap_cli.render.plantext import plan_text
        from roadmap_cli.render.term import write

        write(plan_text(saved, by_week=weeks, today=today()), pager=True, notice=notice)


def _saved_plan(
    lang: str,
    week: tuple[float | None, str | None, str | None, str | None, str | None, str | None],
    framework: str | None,
    start: str | None,
    months: str,
    core_only: bool,
    cert: list[str] | None,
    dry_run: bool,
    packs: list[Path] | None,
) -> tuple[SavedPlan, str]:
    """The plan the options ask for, saved unless ``dry_run``, and what to tell the person of it."""
    from roadmap_cli.catalog.catalog import worded_per_stack
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.planner import PlanRequest, make_plan
    from roadmap_cli.progress.counting import assessment_for, done_for, logged_credit, with_cut
    from roadmap_cli.progress.models import ProgressState
    from roadmap_cli.progress.saved import from_planner
    from roadmap_cli.progress.store import database_path, open_store
    from roadmap_cli.render.plantext import past_start_warning, replaced_text

    window = parse_months(months)
    first_day = parse_date(start) if start is not None else today()
    hours, days, schedule, holidays, by, review = week
    calendar = study_calendar(
        first_day, hours=hours, days=days, schedule=schedule, holidays=holidays, by=by, review=review
    )
    catalog = load_catalog(packs or ())
    from roadmap_cli.safetext import safe_lines

    # Two packs replacing one item: which one counts, said before anything else.
    warned = "".join(f"warning: {safe_lines(w)}\n" for w in catalog.warnings)
    stack = catalog.resolve_stack(lang)
    request = PlanRequest(
        stack=stack["id"],
        hours_per_week=calendar.weekly_minutes / 60,
        calendar=calendar,
        start=first_day,
        framework=catalog.resolve_framework(stack, framework)["id"],
        months=window,
        core_only=core_only,
        certs=catalog.resolve_certs(cert, stack["id"]) if cert else None,
    )
    pack_paths = [str(p.resolve()) for p in packs or ()]
    notice = warned

    def worded(item_id: str) -> bool:
        return item_id in catalog.by_id and worded_per_stack(catalog.by_id[item_id])

    def made(state: ProgressState, before: SavedPlan | None = None) -> SavedPlan:
        known, cut = assessment_for(state, catalog, stack["id"])
        done = frozenset(done_for(state, stack["id"], worded) | known)
        asked = replace(request, done=done, credited=with_cut(logged_credit(state), cut))
        # A new plan is a new point in the same journey: weeks still count from the first day.
        journey = before.first_day if before is not None else None
        replans = before.replans if before is not None else ()
        if (
            before is not None and first_day > before.first_day
        ):  # a plan made again on day one is no new point
            replans = (*replans, first_day)
        return from_planner(
            make_plan(catalog, asked), catalog, pack_paths, journey_start=journey, replans=replans
        )

    if first_day < today():
        notice += past_start_warning(first_day, today())
    if dry_run:
        if database_path().exists():
            with open_store(readonly=True) as store:
                saved = made(store.state())
        else:
            saved = made(ProgressState())
    else:
        # Ticks and skips are read and the plan saved under one open store, so nothing is lost.
        with open_store(readonly=False, create=True) as store:
            before = store.active_plan()
            saved = made(store.state(), _readable(before))
            saved_id = store.save_plan(saved, at=event_time())
        kept = f" ({len(saved.settled)} done or skipped, left out)" if saved.settled else ""
        notice += f"Saved as your active plan{kept}. Tick items with `roadmap check ID`.\n"
        if before is not None:
            notice += replaced_text(before, saved, saved_id)
    return saved, notice


def _readable(stored: StoredPlan | None) -> SavedPlan | None:
    """The plan a new one replaces, if it can be read: a damaged one does not stop a new plan."""
    from roadmap_cli.progress.saved import SavedPlanError

    try:
        return stored.plan() if stored is not None else None
    except SavedPlanError:
        return None


def register(app: typer.Typer) -> None:
    app.command("plan", help=HELP, no_args_is_help=True)(plan)
