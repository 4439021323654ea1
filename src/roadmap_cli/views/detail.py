"""One item of the plan, whole (``roadmap show ID``), and the list of saved plans. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap_cli.errors import UsageError, unknown_item
from roadmap_cli.progress.models import LogEntry, ProgressState
from roadmap_cli.progress.saved import PlanItem, SavedPlan
from roadmap_cli.record import Record
from roadmap_cli.views.state import ItemProgress, ItemStatus, Progress

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog, Item


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
    #: Why it is shown from the content, not from the active plan, in one line ("not in your plan",
    #: "not in a plan yet"); None for an item of the plan.
    outside: str | None = None
    has_plan: bool = True  # False: there is no plan yet, so nothing has a state


def item_detail(progress: Progress, state: ProgressState, catalog: Catalog, item_id: str) -> ItemDetail:
    """Everything about one item of the plan: the plan's dates and state, the content's words."""
    entry = progress.of(item_id)
    if entry is None:
        if item_id in catalog.by_id:
            return catalog_detail(catalog, item_id, progress, state)
        refuse_certification(item_id, [(c.id, c.items) for c in progress.plan.certifications])
        raise unknown_item(item_id, progress.plan.ids() | set(catalog.by_id))
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


def refuse_certification(item_id: str, certs: list[tuple[str, tuple[str, ...] | list[str]]]) -> None:
    """A certification's id is not an item: say so, and name the items that study for it."""
    for cert_id, items in certs:
        if cert_id == item_id:
            studies = ", ".join(items) or "none"
            raise UsageError(
                f"{item_id!r} is a certification, not an item of the plan (its study items: {studies})",
                hint="`roadmap certs` describes it; `roadmap check ID` records that you passed it",
            )


#: What a title's {placeholders} say when no stack is chosen yet.
ANY_TOOLS = {
    "language": "your language",
    "framework": "your framework",
    "orm": "your ORM",
    "test_tool": "your test tool",
    "job_queue": "your job queue",
    "package_manager": "your package manager",
}


def catalog_detail(
    catalog: Catalog, item_id: str, progress: Progress | None, state: ProgressState | None
) -> ItemDetail:
    """An item of the content that is not in the active plan (``progress``), or before any plan
    (``progress`` None): its words from the content, worded for the plan's stack when it applies to
    it, else for the one stack it is for, else in general; no dates, and no state but the ticks."""
    from roadmap_cli.catalog.catalog import applies_to, item_hours, item_resources, item_title, tools_of

    content = catalog.by_id[item_id]
    plan = progress.plan if progress is not None else None

    def wording(item: Item) -> tuple[str | None, dict[str, str]]:
        if plan is not None and applies_to(item, plan.request.lang):
            return plan.request.lang, dict(plan.tools)
        own = content["stacks"]
        stacks = own if len(own) == 1 and applies_to(item, own[0]) else item["stacks"]
        if len(stacks) == 1 and stacks[0] in catalog.stacks:  # the stack it is for (or the shown one is)
            stack = catalog.stacks[stacks[0]]
            return stack["id"], tools_of(stack, stack["frameworks"][0])
        return None, ANY_TOOLS

    def title_of(item: Item) -> str:
        stack_id, tools = wording(item)
        return item_title(item, stack_id or "", tools)

    stack_id, _ = wording(content)
    record = state.items.get(item_id) if state is not None else None
    shown = PlanItem(
        id=item_id,
        title=title_of(content),
        kind=content["kind"],
        phase=content["phase"],
        priority=content["priority"],
        minutes=item_hours(content, stack_id or "") * 60,
        start=None,
        end=None,
        track=content["track"],
        depends_on=tuple(content["depends_on"]),
        sources=tuple(content["sources"]),
        weekly=content["weekly"],
        cert=content["cert"],
        resources=tuple(item_resources(content, stack_id or "")),
    )
    status: ItemStatus = "unscheduled"
    if record is not None and record.ticked:
        status = "done"
    elif record is not None and record.skipped:
        status = "skipped"
    entry = ItemProgress(
        item=shown,
        state=status,
        notes=tuple(record.notes) if record else (),
        evidence=record.evidence if record else None,
        ticked_at=record.ticked_at if record else None,
        logged_minutes=record.logged_minutes if record else 0,
    )
    states = {i.item.id: i.state for i in progress.items} if progress is not None else {}

    def link(other: str) -> Link:
        found = catalog.by_id.get(other)
        return Link(other, title_of(found) if found else other, states.get(other))

    sources = []
    for source_id in content["sources"]:
        found = catalog.sources.get(source_id)
        if found is not None:
            sources.append(SourceRef(source_id, found["title"], found["publisher"], found["as_of"]))
        else:
            sources.append(SourceRef(source_id, source_id, "", ""))
    waiting = [
        i["id"]
        for i in catalog.items
        if item_id in i["depends_on"] and (stack_id is None or applies_to(i, stack_id))
    ]
    phase = next((p for p in catalog.phases if p["id"] == content["phase"]), None)
    if plan is None:
        outside = "not in a plan yet: `roadmap plan --lang STACK --hours H` makes one"
    elif not applies_to(content, plan.request.lang):
        names = [catalog.stacks[s]["name"] if s in catalog.stacks else s for s in content["stacks"]]
        outside = (
            f"not in your plan: it is for the {' and '.join(names)} stack{'s' if len(names) > 1 else ''}"
        )
    else:
        outside = "not in your plan: it was left out when the plan was made"
    return ItemDetail(
        entry=entry,
        phase_title=phase["title"] if phase else content["phase"],
        description=content["description"],
        deliverables=tuple(content["deliverables"]),
        depends_on=tuple(link(d) for d in content["depends_on"]),
        needed_by=tuple(link(i) for i in waiting),
        logs=tuple(record.logs) if record else (),
        sources=tuple(sources),
        outside=outside,
        has_plan=plan is not None,
    )


class PlanRow(Record):
    """A saved plan in the list of plans: read, or why it cannot be."""

    id: int
    created_at: str
    active: bool
    plan: SavedPlan | None
    problem: str | None = None
