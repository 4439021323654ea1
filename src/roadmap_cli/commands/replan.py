"""``roadmap replan``: re-flow what is left of the active plan from today."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from roadmap_cli.commands import help_text
from roadmap_cli.commands.options import (
    ByOption,
    DaysOption,
    HolidaysOption,
    JsonOption,
    ReviewOption,
    ScheduleOption,
    WeeksOption,
    event_time,
    hours_week,
    parse_date,
    parse_hours,
    study_calendar,
    today,
)
from roadmap_cli.record import replace

HELP = help_text(
    "replan",
    """Items you ticked or skipped leave the schedule; the time you logged on the rest comes off their
estimates, and what is left starts again from today (or --from), so you start the new plan on
plan. Your week, holidays, breaks, deadline, review share and certifications are kept; --hours,
--days, --schedule, --holidays, --by, --review and --cert change them. Shows the old and the new
end date, and saves the new plan.

Example:  roadmap replan --hours 8
          roadmap replan --cert docker-certified-associate
""",
)


def replan(
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            "-H",
            help="New hours a week (1-80); default: the plan's.",
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
    from_day: Annotated[
        str | None, typer.Option("--from", help="Day to re-flow from, YYYY-MM-DD (default: today).")
    ] = None,
    cert: Annotated[
        list[str] | None,
        typer.Option(
            "--cert",
            "-c",
            metavar="ID",
            help="Study for this certification instead (repeatable; `none` for none); default: the "
            "plan's. `roadmap certs` lists the ids.",
        ),
    ] = None,
    weeks: WeeksOption = False,
    json_out: JsonOption = False,
) -> None:
    from pathlib import Path

    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.errors import RoadmapError, UsageError
    from roadmap_cli.planner import make_plan
    from roadmap_cli.progress.counting import assessment_for, done_for, logged_credit, with_cut
    from roadmap_cli.progress.reflow import replan_request
    from roadmap_cli.progress.saved import from_planner
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.plantext import past_start_warning

    first_day = parse_date(from_day, "--from") if from_day is not None else today()
    with open_store(readonly=False) as store:
        old = store.require_plan()
        packs = old.request.packs
        missing = [p for p in packs if not Path(p).is_file()]
        if missing:
            raise RoadmapError(
                f"the plan was made with a content pack that is gone: {', '.join(missing)}",
                hint="put it back, or make a new plan with `roadmap plan`",
            )
        if first_day < old.start:
            raise UsageError(
                f"--from {first_day.isoformat()} is before your plan starts ({old.start.isoformat()})",
                hint="re-plan from a day inside the plan, or make a new plan with `roadmap plan --start`",
            )
        if first_day < today():
            sys.stderr.write(past_start_warning(first_day, today()))
        catalog = load_catalog([Path(p) for p in packs])
        state = store.state()
        known, cut = assessment_for(state, catalog, old.request.lang)
        done = done_for(state, old.request.lang, old.worded_per_stack) | known
        calendar = study_calendar(
            first_day,
            hours=hours,
            days=days,
            schedule=schedule,
            holidays=holidays,
            by=by,
            base=old.calendar,
            review=review,
        )
        request = replan_request(
            old, done, first_day, calendar=calendar, credited=with_cut(logged_credit(state), cut)
        )
        if cert:
            # Other certifications: the plan's items, less the study for the ones dropped (the
            # planner leaves those out), with the study for the ones chosen.
            certs = catalog.resolve_certs(cert, old.request.lang)
            study = frozenset(i["id"] for i in catalog.items if i["cert"] in certs)
            request = replace(request, certs=certs, only=(request.only or frozenset()) | study)
        new = from_planner(
            make_plan(catalog, request),
            catalog,
            packs,
            journey_start=old.first_day,
            replans=(*old.replans, first_day) if first_day > old.first_day else old.replans,
        )
        store.save_plan(new, at=event_time())
    if json_out:
        from roadmap_cli.render.jsonout import emit, replan_document

        emit(replan_document(new, old, first_day))
        return
    from roadmap_cli.render.plantext import plan_text, replan_summary
    from roadmap_cli.render.term import write

    write(
        replan_summary(new, old, first_day) + "\n" + plan_text(new, by_week=weeks, today=today()), pager=True
    )


def register(app: typer.Typer) -> None:
    app.command("replan", help=HELP)(replan)
