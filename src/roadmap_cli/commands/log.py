"""``roadmap log``: record study time on an item."""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_cli.commands.options import DURATION_FORMS, UndoOption
from roadmap_cli.errors import UsageError

HELP = f"""Record time you studied an item: partial progress, and your real pace.

Logged time counts toward an item until you tick it (up to its estimate), and `roadmap status` turns
the last four weeks of it into your pace and a forecast of your real end date. DURATION is
{DURATION_FORMS}. --undo takes back the latest entry (of ID, if given).

Example:  roadmap log sql-fundamentals 1h30m --note "joins, window functions"
"""


def log(
    item_id: Annotated[
        str | None, typer.Argument(metavar="ID", help="The item's id.", show_default=False)
    ] = None,
    duration: Annotated[
        str | None,
        typer.Argument(metavar="DURATION", help=f"How long: {DURATION_FORMS}.", show_default=False),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="The day you studied, YYYY-MM-DD (default: today).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="What you did, in a few words.")] = None,
    undo: UndoOption = False,
) -> None:
    from roadmap_cli.commands.changes import change_ids
    from roadmap_cli.commands.options import parse_date, parse_duration, today
    from roadmap_cli.progress.models import log_value

    if undo:
        if duration is not None or on is not None or note is not None:
            raise UsageError("--undo takes back the latest entry and needs no time, --on or --note")
        _undo(item_id)
        return
    if item_id is None or duration is None:
        raise UsageError(
            "give the item's id and how long you studied, e.g. roadmap log ID 1h30m",
            hint=f"DURATION is {DURATION_FORMS}",
        )
    minutes = parse_duration(duration)
    day = parse_date(on, "--on") if on is not None else today()
    if day > today():
        raise UsageError(f"--on {day.isoformat()} is after today; log time you have studied")
    value = log_value(day, minutes, (note or "").strip() or None)
    from roadmap_cli.progress.models import MAX_VALUE

    if len(value) > MAX_VALUE:  # the note, as the event stores it (escaped), would not fit
        raise UsageError(
            f"--note is too long; keep it to a few words (up to about {MAX_VALUE // 6:,} characters)"
        )
    change_ids([item_id], lambda _plan, wanted: [(wanted[0], "log", value)])


def _undo(item_id: str | None) -> None:
    from roadmap_cli.commands.changes import record
    from roadmap_cli.progress.lookup import resolve_ids
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=False) as store:
        plan = store.require_plan()
        state = store.state()
        wanted = resolve_ids([item_id], plan, state)[0] if item_id is not None else None
        logs = [e for e in state.logs if wanted is None or e.item_id == wanted]
        if not logs:
            where = f" on {wanted}" if wanted else ""
            raise UsageError(f"there is no study time{where} to take back")
        last = logs[-1]
        record(store, plan, [(last.item_id, "unlog", last.uid)])


def register(app: typer.Typer) -> None:
    app.command("log", help=HELP, no_args_is_help=True)(log)
