"""``roadmap check``: tick items off, from a checklist on a terminal or by id."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from roadmap_cli.commands.options import ItemIds, UndoOption, today
from roadmap_cli.errors import UsageError

HELP = """Tick off what you have done.

On a terminal with no ids, shows this week's items and any overdue ones as a checklist: arrow keys
to move, space to tick or untick, enter to save. With ids, ticks them; --undo unticks them.
--evidence records where a project lives (a repository or a demo URL). Ticking a certification's id
records that you passed it, and when.

A tick on an item worded for your stack (its language, framework or tools) counts only in plans for
that stack; --carry brings the ticks you made in a plan for another stack over to this one.

Example:  roadmap check crud-cli-tool sql-fundamentals
"""


def check(
    ids: ItemIds = None,
    undo: UndoOption = False,
    evidence: Annotated[
        str | None,
        typer.Option("--evidence", "-e", help="Where the work lives, e.g. a repository URL (one id only)."),
    ] = None,
    carry: Annotated[
        bool,
        typer.Option(
            "--carry", help="Count here what you ticked in a plan for another stack (all, or the ids)."
        ),
    ] = False,
) -> None:
    from roadmap_cli.commands.changes import Entry, change_ids, tick_value
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
        _interactive()
        return
    kind: EventKind = "untick" if undo else "tick"

    def entries(plan: SavedPlan, wanted: list[str]) -> list[Entry]:
        asked: list[Entry] = [(i, kind, tick_value(plan, i) if kind == "tick" else None) for i in wanted]
        if evidence is not None:
            asked.append((wanted[0], "evidence", evidence.strip()))
        return asked

    change_ids(given, entries)


def _interactive() -> None:
    import questionary

    from roadmap_cli.commands.changes import Entry, record, tick_value
    from roadmap_cli.progress.lookup import read_progress
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.text import write
    from roadmap_cli.views.progress import this_week

    with open_store(readonly=False) as store:
        progress = read_progress(store, today())
        rows = this_week(progress).checklist
        if not rows:
            write(
                "Nothing is planned for this week and nothing is overdue. `roadmap status` shows the rest.\n"
            )
            return
        choices = [
            questionary.Choice(
                title=f"{'Project: ' if item.kind == 'project' else ''}{item.title}  [{item.id}]",
                value=item.id,
                checked=done,
            )
            for item, done in rows
        ]
        picked = set(
            questionary.checkbox(
                "This week and overdue",
                choices=choices,
                instruction="(space ticks or unticks, enter saves, Ctrl-C quits without saving)",
            ).unsafe_ask()
            or []
        )
        entries: list[Entry] = []
        for item, _ in rows:
            now = progress.of(item.id)
            if now is None:
                continue
            if item.id in picked and not now.done:
                entries.append((item.id, "tick", tick_value(progress.plan, item.id)))
            elif item.id not in picked and now.done:
                entries.append((item.id, "untick" if now.state == "done" else "unskip", None))
        record(store, progress.plan, entries)


def _carry(given: list[str]) -> None:
    from roadmap_cli.commands.changes import record, tick_value
    from roadmap_cli.progress.lookup import read_progress, resolve_ids
    from roadmap_cli.progress.store import open_store
    from roadmap_cli.render.text import write

    with open_store(readonly=False) as store:
        progress = read_progress(store, today())
        plan = progress.plan
        elsewhere = [i for i in progress.items if i.done_in is not None]
        if given:
            wanted = set(resolve_ids(given, plan, store.state()))
            elsewhere = [i for i in elsewhere if i.item.id in wanted]
        if not elsewhere:
            write("Nothing to carry over: no tick made for another stack is waiting here.\n")
            return
        record(store, plan, [(i.item.id, "tick", tick_value(plan, i.item.id)) for i in elsewhere])


def register(app: typer.Typer) -> None:
    app.command("check", help=HELP)(check)
