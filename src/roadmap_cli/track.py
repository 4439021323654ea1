"""What the daily commands do once their command line is read: ``status``, ``next``, ``today``,
``show``, ``check``, ``skip``, ``note`` and ``log``.

Each function takes the values of its command's options, already checked, and does the whole
command. Nothing here imports the parser: ``commands/<name>.py`` binds each function to Typer
(its options, help and completion), and ``roadmap_cli.fast`` calls the same functions directly
for the command lines it reads itself. So the two ways in differ only in how the words become
values, never in what the command does.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from roadmap_cli.errors import UsageError, unknown_item
from roadmap_cli.inputs import DURATION_FORMS, today

if TYPE_CHECKING:
    from roadmap_cli.progress.saved import PlanItem
    from roadmap_cli.views.reviews import ReviewLoad
    from roadmap_cli.views.state import Progress


def _today_and_replan() -> tuple[Progress, date | None]:
    """The progress as of today, and the end `roadmap replan` would give when the advice is to replan."""
    progress, end, _ = _today_replan_and_reviews()
    return progress, end


def _today_replan_and_reviews() -> tuple[Progress, date | None, ReviewLoad]:
    """The same, and the reviews as of today."""
    from roadmap_cli.lookup import read_progress, replan_end
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.views.reviews import review_load
    from roadmap_cli.views.today import needs_replan

    with open_store(readonly=True) as store:
        state = store.state(notes=False)
        progress = read_progress(store, today(), state)
    end = replan_end(progress.plan, state, progress.today) if needs_replan(progress) else None
    return progress, end, review_load(progress.plan, state, progress.today)


def status(json_out: bool = False) -> None:
    from roadmap_cli.views.today import advice

    progress, end, reviews = _today_replan_and_reviews()
    said = advice(progress, end)
    if json_out:
        from roadmap_cli.render.jsonout import emit, status_document

        emit(status_document(progress, said, reviews))
    else:
        from roadmap_cli.render.text import status_text, write

        write(status_text(progress, said, reviews), pager=True)


def next_week(json_out: bool = False) -> None:
    from roadmap_cli.views.week import this_week

    progress, end = _today_and_replan()
    view = this_week(progress, end)
    if json_out:
        from roadmap_cli.render.jsonout import emit, next_document

        emit(next_document(view))
    else:
        from roadmap_cli.render.text import week_text, write

        write(week_text(view))


def today_plan(hours: float | None = None, json_out: bool = False) -> None:
    from roadmap_cli.views.today import plan_today

    progress, end, reviews = _today_replan_and_reviews()
    view = plan_today(progress, None if hours is None else round(hours * 60), end, reviews)
    if json_out:
        from roadmap_cli.render.jsonout import emit, today_document

        emit(today_document(view))
    else:
        from roadmap_cli.render.text import today_text, write

        write(today_text(view))


def show(item_id: str | None = None, weeks: bool = False, json_out: bool = False) -> None:
    from roadmap_cli.lookup import read_progress
    from roadmap_cli.progress.store import open_store

    if item_id is not None:
        _show_item(item_id.strip().lower(), json_out)
        return
    with open_store(readonly=True) as store:
        # The plan as text shows no note: only the JSON needs them read.
        state = store.state(notes=json_out)
        progress = read_progress(store, today(), state)
    if json_out:
        from roadmap_cli.render.jsonout import emit, show_document

        emit(show_document(progress))
    else:
        from roadmap_cli.render.plantext import plan_text
        from roadmap_cli.render.term import write as page

        states = {i.item.id: i.state for i in progress.items}
        text = plan_text(
            progress.plan, by_week=weeks, today=progress.today, states=states, phases=progress.phases
        )
        page(text, pager=True)


def _show_item(item_id: str, json_out: bool) -> None:
    """One item whole: from the active plan, or from the content when it is not in the plan or
    there is no plan yet (``check`` takes the same ids)."""
    from pathlib import Path

    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.lookup import read_progress
    from roadmap_cli.progress.store import NoPlanError, open_store
    from roadmap_cli.views.detail import ItemDetail, catalog_detail, item_detail, refuse_certification

    if not item_id:
        raise UsageError("an item id is empty", hint="`roadmap show` lists the items of your plan")
    try:
        with open_store(readonly=True) as store:
            state = store.state()
            progress = read_progress(store, today(), state)
    except NoPlanError:
        catalog = load_catalog()
        if item_id not in catalog.by_id:
            studies = {
                c["id"]: [i["id"] for i in catalog.items if i["cert"] == c["id"]]
                for c in catalog.certifications
            }
            refuse_certification(item_id, list(studies.items()))
            raise unknown_item(
                item_id, catalog.by_id, where="`roadmap plan --lang STACK --hours H --dry-run` shows the ids"
            ) from None
        detail: ItemDetail = catalog_detail(catalog, item_id, None, None)
    else:
        packs = [Path(p) for p in progress.plan.request.packs if Path(p).is_file()]
        detail = item_detail(progress, state, load_catalog(packs), item_id)
    if json_out:
        from roadmap_cli.render.jsonout import emit, item_document

        emit(item_document(detail))
    else:
        from roadmap_cli.render.text import item_text, write

        write(item_text(detail), pager=True)


def check(
    ids: list[str] | None = None, undo: bool = False, evidence: str | None = None, carry: bool = False
) -> None:
    from roadmap_cli.changes import Entry, change_ids, tick_value
    from roadmap_cli.progress.models import EventKind
    from roadmap_cli.progress.saved import SavedPlan

    given = ids or []
    if carry:
        if undo or evidence is not None:
            raise UsageError("--carry goes alone, or with the ids to carry over")
        _carry(given)
        return
    if evidence is not None:
        if undo:
            raise UsageError(
                "--evidence cannot go with --undo", hint="`roadmap check --undo ID` unticks an item"
            )
        if len(given) != 1:
            raise UsageError("--evidence goes with exactly one item id, e.g. roadmap check ID --evidence URL")
        if not evidence.strip():
            raise UsageError("--evidence needs a value: where the work lives, e.g. a repository URL")
        from roadmap_cli.progress.models import MAX_VALUE as MAX_TEXT

        if len(evidence.strip()) > MAX_TEXT:
            raise UsageError(f"--evidence may be up to {MAX_TEXT:,} characters")
    if not given:
        if undo:
            raise UsageError("--undo needs the ids to untick, e.g. roadmap check --undo ID")
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "no item ids given, and this is not a terminal, so there is no checklist to show",
                hint="pass the ids to tick: roadmap check ID [ID...]; `roadmap next` lists this week's",
            )
        _checklist()
        return
    kind: EventKind = "untick" if undo else "tick"

    def entries(plan: SavedPlan, wanted: list[str]) -> list[Entry]:
        asked: list[Entry] = [(i, kind, tick_value(plan, i) if kind == "tick" else None) for i in wanted]
        if evidence is not None:
            asked.append((wanted[0], "evidence", evidence.strip()))
        return asked

    change_ids(given, entries)


def _checklist() -> None:
    import questionary

    from roadmap_cli.changes import Entry, record, tick_value
    from roadmap_cli.errors import ExitCode
    from roadmap_cli.lookup import read_progress
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.term import term
    from roadmap_cli.render.text import write
    from roadmap_cli.views.week import this_week

    with open_store(readonly=False) as store:
        progress = read_progress(store, today())
        rows = this_week(progress).checklist
        if not rows:
            write(
                "Nothing is planned for this week and nothing is overdue. `roadmap status` shows the rest.\n"
            )
            return
        overdue = {i.id for i in progress.overdue}
        choices = [
            questionary.Choice(title=checklist_row(item, item.id in overdue), value=item.id, checked=done)
            for item, done in rows
        ]
        try:
            answer = questionary.checkbox(
                "This week and overdue",
                choices=choices,
                instruction="(space ticks or unticks, enter saves, Ctrl-C quits without saving)",
                pointer=term().mark("pointer"),  # questionary's own, », is the mark for skipped
            ).unsafe_ask()
        except KeyboardInterrupt:
            sys.stderr.write("Interrupted: nothing was saved.\n")
            raise SystemExit(ExitCode.INTERRUPTED) from None
        picked = set(answer or [])
        entries: list[Entry] = []
        for item, _ in rows:
            now = progress.of(item.id)
            if now is None:
                continue
            if item.id in picked and not now.done:
                entries.append((item.id, "tick", tick_value(progress.plan, item.id)))
            elif item.id not in picked and now.done:
                entries.append((item.id, "untick" if now.state == "done" else "unskip", None))
        if not entries:
            write("Nothing changed, so nothing was saved.\n")
            return
        record(store, progress.plan, entries)


def checklist_row(item: PlanItem, overdue: bool) -> str:
    """A checklist row that fits the terminal: the id whole, the hours and the day it is due (and
    whether that has passed), then as much of the title as fits, cut between words."""
    from roadmap_cli.render.term import term
    from roadmap_cli.render.units import hours_text
    from roadmap_cli.safetext import safe

    t = term()
    due = f"overdue, was due {item.end.isoformat()}" if overdue and item.end else ""
    if not due and item.end is not None:
        due = f"due {item.end.isoformat()}"
    mark = f"{t.mark('overdue')} " if overdue else ""
    head = f"{mark}{safe(item.id)} · {hours_text(item.minutes)}" + (f" · {due}" if due else "") + " · "
    title = safe(f"Project: {item.title}" if item.kind == "project" else item.title)
    room = t.width - 8 - len(head)  # questionary draws a pointer and a box before each row
    if len(title) > room:
        cut = title[: max(0, room - 1)].rsplit(" ", 1)[0]
        title = cut + "…" if cut else ""
    return t.plain(head + title if title else head.removesuffix(" · "))


def _carry(given: list[str]) -> None:
    from roadmap_cli.changes import record, tick_value
    from roadmap_cli.lookup import read_progress, resolve_ids
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.text import write

    with open_store(readonly=False) as store:
        state = store.state()
        progress = read_progress(store, today(), state)
        plan = progress.plan
        elsewhere = [i for i in progress.items if i.done_in is not None]
        if given:
            wanted = set(resolve_ids(given, plan, state))
            elsewhere = [i for i in elsewhere if i.item.id in wanted]
        if not elsewhere:
            write("Nothing to carry over: no tick made for another stack is waiting here.\n")
            return
        record(store, plan, [(i.item.id, "tick", tick_value(plan, i.item.id)) for i in elsewhere])


def skip(ids: list[str] | None = None, undo: bool = False) -> None:
    from roadmap_cli.changes import change_ids
    from roadmap_cli.progress.models import EventKind

    if not ids:
        raise UsageError("give the ids of the items to skip, e.g. roadmap skip ID [ID...]")
    kind: EventKind = "unskip" if undo else "skip"
    change_ids(ids, lambda _plan, wanted: [(i, kind, None) for i in wanted])


def note(item_id: str, text: str | None = None, undo: bool = False) -> None:
    from roadmap_cli.changes import change_ids

    if not item_id.strip():
        raise UsageError('give the item\'s id, e.g. roadmap note ID "what I learned"')
    if undo and text is not None:
        raise UsageError("--undo takes the latest note back and needs no text: roadmap note --undo ID")
    if not undo and (text is None or not text.strip()):
        raise UsageError('give the note\'s text, e.g. roadmap note ID "what I learned"')
    value = None if undo else (text or "").strip()
    from roadmap_cli.progress.models import MAX_VALUE as MAX_TEXT

    if value is not None and len(value) > MAX_TEXT:
        # Longer would make a backup that no roadmap imports.
        raise UsageError(f"a note may be up to {MAX_TEXT:,} characters; this one has {len(value):,}")
    change_ids([item_id], lambda _plan, wanted: [(wanted[0], "note", value)])


def log(
    item_id: str | None = None,
    duration: str | None = None,
    on: str | None = None,
    note: str | None = None,
    undo: bool = False,
) -> None:
    """``on`` is a day already checked by the parser (``options.check_on``), as written."""
    from roadmap_cli.changes import change_ids
    from roadmap_cli.inputs import parse_duration, read_date
    from roadmap_cli.progress.models import log_value

    if undo:
        if duration is not None or on is not None or note is not None:
            raise UsageError("--undo takes back the latest entry and needs no time, --on or --note")
        _unlog(item_id)
        return
    if item_id is None or duration is None:
        raise UsageError(
            "give the item's id and how long you studied, e.g. roadmap log ID 1h30m",
            hint=f"DURATION is {DURATION_FORMS}",
        )
    minutes = parse_duration(duration)
    day: date = read_date(on) if on is not None else today()
    if day > today():
        raise UsageError(f"--on {day.isoformat()} is after today; log time you have studied")
    value = log_value(day, minutes, (note or "").strip() or None)
    from roadmap_cli.progress.models import MAX_VALUE

    if len(value) > MAX_VALUE:  # the note, as the event stores it (escaped), would not fit
        raise UsageError(
            f"--note is too long; keep it to a few words (up to about {MAX_VALUE // 6:,} characters)"
        )
    change_ids([item_id], lambda _plan, wanted: [(wanted[0], "log", value)])


def _unlog(item_id: str | None) -> None:
    from roadmap_cli.changes import record
    from roadmap_cli.lookup import resolve_ids
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
