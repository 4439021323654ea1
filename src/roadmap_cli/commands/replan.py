"""``roadmap replan``: re-flow what is left of the active plan from today."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from roadmap_cli.commands.options import JsonOption, parse_date, parse_hours, today

HELP = """Re-flow what is left of your plan from today; ticks and skips are kept.

Items you ticked or skipped leave the schedule; the rest, at your hours (or new --hours), start
again from today (or --from). Shows the old and the new end date, and saves the new plan.

Example:  roadmap replan --hours 8
"""


def replan(
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours", "-H", help="New hours a week (1-80); default: the plan's.", callback=parse_hours
        ),
    ] = None,
    from_day: Annotated[
        str | None, typer.Option("--from", help="Day to re-flow from, YYYY-MM-DD (default: today).")
    ] = None,
    weeks: Annotated[
        bool, typer.Option("--weeks", "-w", help="Show every week instead of every month.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    from pathlib import Path

    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.errors import RoadmapError
    from roadmap_cli.planner import PlanRequest, make_plan
    from roadmap_cli.progress.snapshot import make_snapshot, settled_entry
    from roadmap_cli.progress.store import open_store

    first_day = parse_date(from_day, "--from") if from_day is not None else today()
    with open_store(readonly=False) as store:
        saved = store.require_plan()
        old = saved.snapshot()
        request = saved.request
        packs = [Path(p) for p in saved.packs]
        missing = [str(p) for p in packs if not p.is_file()]
        if missing:
            raise RoadmapError(
                f"the plan was made with a content pack that is gone: {', '.join(missing)}",
                hint="put it back, or make a new plan with `roadmap plan`",
            )
        catalog = load_catalog(packs)
        state = store.state()
        done = state.done
        # Re-flow the plan's own items: those still scheduled, and any un-ticked since.
        remaining = {i.id for i in old.items} | {i.id for i in old.settled}
        remaining -= done
        excluded = frozenset(i["id"] for i in catalog.items if i["id"] not in remaining)
        new_request = PlanRequest(
            stack=request["lang"],
            hours_per_week=hours if hours is not None else float(request["hours"]),
            start=first_day,
            framework=request["framework"],
            months=(int(request["months"][0]), int(request["months"][1])),
            core_only=bool(request["core_only"]),
            done=excluded,
            certs=frozenset(request["certs"]) if "certs" in request else None,
        )
        result = make_plan(catalog, new_request)
        settled = [
            settled_entry(i.id, i.title, i.kind, i.phase, i.priority, i.minutes)
            for i in (*old.settled, *old.items)
            if i.id in done
        ]
        store.save_plan(make_snapshot(result, catalog, settled, saved.packs), saved.packs)
    shift = (result.end - old.end).days
    moved = "no change" if shift == 0 else f"{abs(shift)} days {'later' if shift > 0 else 'sooner'}"
    if json_out:
        from roadmap_cli.render.jsonout import emit, plan_document

        emit(
            {
                **plan_document(result),
                "replan": {
                    "from": first_day.isoformat(),
                    "old_end": old.end.isoformat(),
                    "new_end": result.end.isoformat(),
                    "days_moved": shift,
                    "kept_done": len(settled),
                },
            }
        )
        return
    from roadmap_cli.render.plantext import plan_text

    sys.stdout.write(
        f"Re-planned from {first_day.isoformat()}: the end moves from {old.end.isoformat()} "
        f"to {result.end.isoformat()} ({moved}); {len(settled)} done or skipped items kept.\n\n"
    )
    sys.stdout.flush()
    sys.stdout.write(plan_text(result, catalog, by_week=weeks))


def register(app: typer.Typer) -> None:
    app.command("replan", help=HELP)(replan)
