"""What TAB offers that needs no parser: the ids of the items of your plan and of the content,
and the stacks.
``commands/options.py`` hands these to Typer; ``roadmap_cli.fast`` answers bash with them directly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from roadmap_cli.progress.models import ProgressState
    from roadmap_cli.progress.saved import SavedPlan
    from roadmap_cli.views.state import ItemProgress


def matching(names: list[str], incomplete: str) -> list[str]:
    low = incomplete.lower()
    return [n for n in dict.fromkeys(names) if n.lower().startswith(low)]


#: Which of the plan's items TAB offers for an id: every one, the open ones (not done or skipped),
#: the ticked ones (``check --undo``) or the skipped ones (``skip --undo``).
Want = Literal["any", "open", "ticked", "skipped"]


def _item_ids(incomplete: str, want: Want) -> list[str]:
    """Item ids for shell completion, as ``check`` and ``show`` take them.

    With an active plan: its open items first, the ones due now (overdue, in progress, this week)
    ahead of the rest, each group in plan order; then (``any``) its done ones; then the content's items
    for the plan's stack that the plan left out, and (``any``) other stacks' items last. ``open`` never
    offers what is done or skipped, ``ticked`` and ``skipped`` only that. No plan: the content's items.
    """
    names: list[str] = []
    plan_lang: str | None = None
    done: set[str] = set()
    try:
        from roadmap_cli.progress.store import database_path, open_store

        if database_path().exists():
            with open_store(readonly=True) as store:
                stored = store.active_plan()
                if stored is not None:
                    plan = stored.plan()
                    state = store.state(notes=False)
                    names, done = _plan_ids(plan, state, want)
                    plan_lang = plan.request.lang
    except Exception:  # completion must never print a traceback into the shell
        pass
    try:
        from roadmap_cli.catalog.registry import load_catalog

        items = load_catalog().items
        if plan_lang is None and want in ("ticked", "skipped"):
            pass  # no plan: nothing is ticked or skipped
        elif plan_lang is None:
            names += [i["id"] for i in items]
        elif want in ("any", "open"):
            own = [i["id"] for i in items if not i["stacks"] or plan_lang in i["stacks"]]
            names += [n for n in own if n not in done]
            if want == "any":
                names += [i["id"] for i in items]
    except Exception:
        pass
    return matching(names, incomplete)


def _plan_ids(plan: SavedPlan, state: ProgressState, want: Want) -> tuple[list[str], set[str]]:
    """The plan's ids TAB offers, in order, and the ids done or skipped (plan or not)."""
    from datetime import timedelta

    from roadmap_cli.inputs import today
    from roadmap_cli.views.state import compute_progress

    ticked = {i for i, r in state.items.items() if r.ticked}
    skipped = {i for i, r in state.items.items() if r.skipped}
    if want == "ticked":
        order = [i.id for i in plan.all_items()]
        return [i for i in order if i in ticked] + sorted(ticked - set(order)), ticked | skipped
    if want == "skipped":
        order = [i.id for i in plan.all_items()]
        return [i for i in order if i in skipped] + sorted(skipped - set(order)), ticked | skipped
    progress = compute_progress(plan, state, today())
    sunday = progress.today + timedelta(days=6 - progress.today.weekday())

    def urgency(entry: ItemProgress) -> int:
        if entry.state in ("overdue", "in_progress"):
            return 0
        start = entry.item.start
        return 1 if start is not None and start <= sunday else 2

    open_items = sorted((e for e in progress.items if not e.done), key=urgency)  # stable: plan order
    names = [e.item.id for e in open_items]
    if want == "any":
        names += [e.item.id for e in progress.items if e.done]
    return names, ticked | skipped | {e.item.id for e in progress.items if e.done}


def complete_item_ids(incomplete: str) -> list[str]:
    """Item ids for ``show``, ``note`` and ``log``: the plan's open ones first (due now first), then
    its done ones, then the content's."""
    return _item_ids(incomplete, "any")


def complete_check_ids(incomplete: str, ctx: Any = None) -> list[str]:
    """Item ids for ``check``: what is still open (``--undo``: what is ticked). ``ctx`` is the
    parser's context, to read --undo from (the fast path has none: it completes no line with options)."""
    undo = bool(getattr(ctx, "params", None) and ctx.params.get("undo"))
    return _item_ids(incomplete, "ticked" if undo else "open")


def complete_skip_ids(incomplete: str, ctx: Any = None) -> list[str]:
    """Item ids for ``skip``: what is still open (``--undo``: what is skipped)."""
    undo = bool(getattr(ctx, "params", None) and ctx.params.get("undo"))
    return _item_ids(incomplete, "skipped" if undo else "open")


def complete_lang(incomplete: str) -> list[str]:
    """Stack ids for shell completion, from the cached catalog."""
    try:
        from roadmap_cli.catalog.registry import load_catalog

        names = sorted(load_catalog().stacks)
    except Exception:  # completion must never print a traceback into the shell
        return []
    return [n for n in names if n.startswith(incomplete.lower())]
