"""One item of the plan, whole (``roadmap show ID``), and the list of saved plans. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_cli.errors import UsageError, closest
from roadmap_cli.progress.models import LogEntry, ProgressState
from roadmap_cli.progress.saved import SavedPlan
from roadmap_cli.record import Record
from roadmap_cli.views.state import ItemProgress, ItemStatus, Progress

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog


class Link(Record):
    """Another item named by this one, with its state in the plan (None: not in this plan)."""

    id: str
    title: str
    state: ItemStatus | None


class SourceRef(Record):
    id: str
    title: str
    publisher: str
    as_of: str


class ItemDetail(Record):
    entry: ItemProgress
    phase_title: str
    description: str
    deliverables: tuple[str, ...]
    depends_on: tuple[Link, ...]
    needed_by: tuple[Link, ...]  # items of the plan that wait for this one
    logs: tuple[LogEntry, ...]
    sources: tuple[SourceRef, ...]


def item_detail(progress: Progress, state: ProgressState, catalog: Catalog, item_id: str) -> ItemDetail:
    """Everything about one item of the plan: the plan's dates and state, the content's words."""
    entry = progress.of(item_id)
    if entry is None:
        cert = next((c for c in progress.plan.certifications if c.id == item_id), None)
        if cert is not None:
            studies = ", ".join(cert.items) or "none"
            raise UsageError(
                f"{item_id!r} is a certification, not an item of the plan (its study items: {studies})",
                hint="`roadmap certs` describes it; `roadmap check ID` records that you passed it",
            )
        near = closest(item_id, progress.plan.ids())
        hint = f"did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
        raise UsageError(f"{item_id!r} is not an item of your plan", hint=hint + "`roadmap show` lists them")
    item = entry.item
    content = catalog.by_id.get(item_id)
    states = {i.item.id: i for i in progress.items}

    def link(other: str) -> Link:
        known = states.get(other)
        if known is not None:
            return Link(other, known.item.title, known.state)
        in_content = catalog.by_id.get(other)
        return Link(other, in_content["title"] if in_content else other, None)

    sources = []
    for source_id in item.sources:
        found = catalog.sources.get(source_id)
        if found is not None:
            sources.append(SourceRef(source_id, found["title"], found["publisher"], found["as_of"]))
        else:
            sources.append(SourceRef(source_id, source_id, "", ""))
    return ItemDetail(
        entry=entry,
        phase_title=next((p.title for p in progress.plan.phases if p.id == item.phase), item.phase),
        description=content["description"] if content else "",
        deliverables=tuple(content["deliverables"]) if content else (),
        depends_on=tuple(link(d) for d in item.depends_on),
        needed_by=tuple(link(i.id) for i in progress.plan.all_items() if item_id in i.depends_on),
        logs=tuple(state.get(item_id).logs),
        sources=tuple(sources),
    )


class PlanRow(Record):
    """A saved plan in the list of plans: read, or why it cannot be."""

    id: int
    created_at: str
    active: bool
    plan: SavedPlan | None
    problem: str | None = None
