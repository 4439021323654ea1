"""Which ticks, skips and logs count for a plan: rules over the progress state that the store, the
planner's callers and the views all need, so they live with the state, below the views."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from roadmap_cli.progress.models import ItemRecord, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog

__all__ = [
    "ASSESSED_CUT",
    "assessed",
    "counts_here",
    "done_for",
    "find_orphans",
    "known_by_rating",
    "logged_credit",
]

#: The share of an item's hours a rating of 2 ("I have done it, with notes") takes off: the
#: learning is mostly there, and what is left is the practice that makes it work without notes, so
#: half. A 3 ("I can do it cold") takes it all, as a skip does; 0 and 1 take nothing.
ASSESSED_CUT = 50


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


def known_by_rating(skills: Iterable[str], ratings: Mapping[str, int]) -> bool:
    """Whether an item counts as done by the self-assessment: a skill it teaches is rated 3."""
    return any(ratings.get(s) == 3 for s in skills)


def assessed(
    ratings: Mapping[str, int], skills_of: Mapping[str, Iterable[str]], minutes_of: Mapping[str, int]
) -> tuple[set[str], dict[str, int]]:
    """What the self-assessment takes off a plan: the items it counts as done (a skill they teach
    rated 3), and the minutes it takes off the others (rated 2: :data:`ASSESSED_CUT` percent)."""
    known: set[str] = set()
    cut: dict[str, int] = {}
    for item_id, skills in skills_of.items():
        best = max((ratings.get(s, 0) for s in skills), default=0)
        if best == 3:
            known.add(item_id)
        elif best == 2 and item_id in minutes_of:
            cut[item_id] = minutes_of[item_id] * ASSESSED_CUT // 100
    return known, cut


def assessment_for(state: ProgressState, catalog: Catalog, stack_id: str) -> tuple[set[str], dict[str, int]]:
    """:func:`assessed` for a plan in ``stack_id`` from ``catalog``: the skills every item teaches, and
    each item's minutes in that stack. Ratings are kept by skill, so they count in every stack."""
    from roadmap_cli.catalog.catalog import item_hours

    ratings = state.ratings()
    if not ratings:
        return set(), {}
    skills_of: dict[str, list[str]] = {}
    for skill in catalog.skills:
        for item_id in skill.get("items", ()):
            skills_of.setdefault(item_id, []).append(str(skill["id"]))
    minutes_of = {i["id"]: item_hours(i, stack_id) * 60 for i in catalog.items if i["id"] in skills_of}
    return assessed(ratings, skills_of, minutes_of)


def with_cut(credited: Mapping[str, int], cut: Mapping[str, int]) -> dict[str, int]:
    """Logged minutes and an assessment's cut together: the larger of the two for each item."""
    merged = dict(credited)
    for item_id, minutes in cut.items():
        merged[item_id] = max(merged.get(item_id, 0), minutes)
    return merged


def logged_credit(state: ProgressState) -> dict[str, int]:
    """The minutes logged on each item: what a new plan or a replan takes off its estimate (the
    planner keeps it within the estimate), so the learner starts the new plan on plan."""
    return {item_id: r.logged_minutes for item_id, r in state.items.items() if r.logged_minutes > 0}
