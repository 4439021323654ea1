"""Which ticks, skips and logs count for a plan: rules over the progress state that the store, the
planner's callers and the views all need, so they live with the state, below the views."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from roadmap_cli.progress.models import ItemRecord, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan

__all__ = ["counts_here", "done_for", "find_orphans", "logged_credit"]


def find_orphans(tracked: Iterable[str], plan: SavedPlan | None, content_ids: set[str]) -> list[str]:
    """Ids with progress that neither the plan (its items and certifications) nor the content has:
    the one definition of an orphan."""
    return sorted(set(tracked) - (plan.known_ids() if plan else set()) - content_ids)


def counts_here(item: PlanItem, record: ItemRecord, stack: str) -> bool:
    """Whether a tick counts in a plan for ``stack``: always, unless the item is worded per stack and
    the tick was made in a plan for another (a tick from before ticks knew their stack counts)."""
    return not item.stack_specific or record.ticked_stack in (None, stack)


def done_for(state: ProgressState, stack: str, worded_per_stack: Callable[[str], bool]) -> set[str]:
    """The ids done or skipped for a plan in ``stack``: what a new plan or a re-plan leaves out. A tick
    on an item worded per stack, made in another stack's plan, does not count."""
    return {
        item_id
        for item_id, record in state.items.items()
        if record.skipped
        or (record.ticked and (record.ticked_stack in (None, stack) or not worded_per_stack(item_id)))
    }


def logged_credit(state: ProgressState) -> dict[str, int]:
    """The minutes logged on each item: what a new plan or a replan takes off its estimate (the
    planner keeps it within the estimate), so the learner starts the new plan on plan."""
    return {item_id: r.logged_minutes for item_id, r in state.items.items() if r.logged_minutes > 0}
