"""What an export shows: the plan and the progress on it, joined into one plain model. Pure.

The model is built from the plan's JSON document (as ``roadmap plan --json`` prints it and as the
active plan is saved), the progress state per item id, and the catalog for the titles of items that
were done before this plan was made (re-planning leaves done items out of the schedule, but an
export still shows them as done).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Status = Literal["todo", "done", "skipped"]


@dataclass(frozen=True)
class ItemProgress:
    status: Status = "todo"
    notes: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportItem:
    id: str
    title: str
    kind: str
    phase: str
    priority: str
    hours: float
    start: date | None  # None: done before this plan, so not scheduled in it
    end: date | None
    status: Status
    notes: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def checked(self) -> bool:
        return self.status != "todo"


@dataclass(frozen=True)
class ExportWeek:
    number: int
    start: date
    hours: float
    items: list[tuple[str, float]]  # (item id, hours that week)


@dataclass(frozen=True)
class ExportPhase:
    id: str
    number: int
    title: str
    items: list[ExportItem] = field(default_factory=list)
    weeks: list[ExportWeek] = field(default_factory=list)

    @property
    def start(self) -> date | None:
        dates = [i.start for i in self.items if i.start]
        return min(dates) if dates else None

    @property
    def end(self) -> date | None:
        dates = [i.end for i in self.items if i.end]
        return max(dates) if dates else None


@dataclass(frozen=True)
class ExportPlan:
    stack: str
    framework: str
    hours_per_week: float
    start: date
    end: date
    months: float
    total_hours: float
    warnings: list[str]
    phases: list[ExportPhase]
    weeks: list[ExportWeek]
    request: dict[str, Any]
    document: dict[str, Any]  # the plan's JSON document, as saved

    @property
    def items(self) -> list[ExportItem]:
        return [item for phase in self.phases for item in phase.items]

    def item(self, item_id: str) -> ExportItem:
        return next(i for i in self.items if i.id == item_id)


def build_export(
    document: dict[str, Any],
    progress: dict[str, ItemProgress],
    phases: list[dict[str, Any]],
    earlier: Sequence[dict[str, Any]] = (),
) -> ExportPlan:
    """Join a plan document with progress.

    ``phases`` are the catalog's phases in order (id, title); ``earlier`` are items done or skipped
    before this plan was made, as ``{id, title, kind, phase, priority, hours}``.
    """
    summary = document["summary"]
    weeks = [
        ExportWeek(
            number=w["week"],
            start=date.fromisoformat(w["start"]),
            hours=w["hours"],
            items=[(i["id"], i["hours"]) for i in w["items"]],
        )
        for w in document["weeks"]
    ]
    by_phase: dict[str, ExportPhase] = {
        p["id"]: ExportPhase(p["id"], n, p["title"]) for n, p in enumerate(phases, 1)
    }
    scheduled = {i["id"] for i in document["items"]}
    for raw in [*(e for e in earlier if e["id"] not in scheduled), *document["items"]]:
        state = progress.get(raw["id"], ItemProgress())
        status: Status = state.status
        if "start" not in raw and status == "todo":
            status = "done"
        phase = by_phase.get(raw["phase"])
        if phase is None:
            phase = by_phase[raw["phase"]] = ExportPhase(raw["phase"], len(by_phase) + 1, raw["phase"])
        phase.items.append(
            ExportItem(
                id=raw["id"],
                title=raw["title"],
                kind=raw["kind"],
                phase=raw["phase"],
                priority=raw.get("priority", "core"),
                hours=raw["hours"],
                start=date.fromisoformat(raw["start"]) if "start" in raw else None,
                end=date.fromisoformat(raw["end"]) if "end" in raw else None,
                status=status,
                notes=state.notes,
                evidence=state.evidence,
            )
        )
    for week in weeks:
        for phase in by_phase.values():
            ids = {i.id for i in phase.items}
            if any(item_id in ids for item_id, _ in week.items):
                phase.weeks.append(week)
    return ExportPlan(
        stack=summary["stack"],
        framework=summary["framework"],
        hours_per_week=summary["hours_per_week"],
        start=date.fromisoformat(summary["start"]),
        end=date.fromisoformat(summary["end"]),
        months=summary["months"],
        total_hours=summary["total_hours"],
        warnings=list(summary["warnings"]),
        phases=[p for p in by_phase.values() if p.items],
        weeks=weeks,
        request=document["request"],
        document=document,
    )
