"""What ``check``, ``skip`` and ``note`` share: resolve the ids, write the events in one transaction,
and report the change against the progress state as it is afterwards. An action, beside
``roadmap_cli.track``: the commands call it, it knows nothing of the command line."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from roadmap_cli.inputs import event_time, today
from roadmap_cli.progress.models import EventKind
from roadmap_cli.progress.saved import SavedPlan
from roadmap_cli.progress.store import Store

Entry = tuple[str, EventKind, "str | None"]


def change_ids(given: Sequence[str], entries: Callable[[SavedPlan, list[str]], list[Entry]]) -> None:
    """Resolve ``given`` against the active plan, then record ``entries(plan, ids)`` and report."""
    from roadmap_cli.lookup import resolve_ids
    from roadmap_cli.progress.store import open_store

    with open_store(readonly=False) as store:
        plan = store.require_plan()
        wanted = resolve_ids(given, plan, store.state())
        record(store, plan, entries(plan, wanted))


def tick_value(plan: SavedPlan, item_id: str) -> str | None:
    """A tick records the plan's stack when the item is worded for it, so another stack's plan
    does not count it."""
    item = plan.item(item_id)
    return plan.request.lang if item is not None and item.stack_specific else None


def record(store: Store, plan: SavedPlan, entries: list[Entry]) -> None:
    from roadmap_cli.lookup import orphans, warn_ignored
    from roadmap_cli.progress.actions import apply
    from roadmap_cli.render.text import change_report, write
    from roadmap_cli.views.state import compute_progress

    outcome = apply(store, entries, event_time())
    warn_ignored(outcome.state)
    progress = compute_progress(plan, outcome.state, today(), orphans=orphans(plan, outcome.state))
    write(change_report(outcome, progress))
