"""What an export shows: the saved plan and the progress on it, joined into one plain model. Pure.

Re-planning leaves done items out of the schedule; the saved plan keeps them as ``settled``, so an
export still shows them, as done, in their phase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from roadmap_cli.progress.models import ProgressState

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
    resources: tuple[dict[str, str], ...] = ()  # official docs of the tools it names

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
    snapshot: dict[str, Any]  # the plan as saved

    @property
    def items(self) -> list[ExportItem]:
        return [item for phase in self.phases for item in phase.items]

    def item(self, item_id: str) -> ExportItem:
        return next(i for i in self.items if i.id == item_id)


def progress_of(state: ProgressState) -> dict[str, ItemProgress]:
    """Each tracked item's status, notes and evidence, from the replayed history."""
    result: dict[str, ItemProgress] = {}
    for item_id, item in state.items.items():
        status: Status = "done" if item.ticked else "skipped" if item.skipped else "todo"
        evidence = (item.evidence,) if item.evidence else ()
        result[item_id] = ItemProgress(status, tuple(item.notes), evidence)
    return result


def build_export(snapshot: dict[str, Any], progress: dict[str, ItemProgress]) -> ExportPlan:
    """Join a saved plan (its JSON snapshot) with the progress on it.

    Items done or skipped before the plan was made (``settled``) are not scheduled in it, but
    are shown as done, in their phase.
    """
    from roadmap_cli.planner import months_between

    weeks = [
        ExportWeek(
            number=n,
            start=date.fromisoformat(w["start"]),
            hours=w["hours"],
            items=[(item_id, round(minutes / 60, 2)) for item_id, minutes in w["slices"]],
        )
        for n, w in enumerate(snapshot["weeks"], 1)
    ]
    by_phase: dict[str, ExportPhase] = {
        p["id"]: ExportPhase(p["id"], n, p["title"]) for n, p in enumerate(snapshot["phases"], 1)
    }
    for raw in [*snapshot["settled"], *snapshot["items"]]:
        state = progress.get(raw["id"], ItemProgress())
        status: Status = state.status
        if raw["start"] is None and status == "todo":
            status = "done"  # settled before this plan, since unticked: still shown as it was
        phase = by_phase.get(raw["phase"])
        if phase is None:
            phase = by_phase[raw["phase"]] = ExportPhase(raw["phase"], len(by_phase) + 1, raw["phase"])
        phase.items.append(
            ExportItem(
                id=raw["id"],
                title=raw["title"],
                kind=raw["kind"],
                phase=raw["phase"],
                priority=raw["priority"],
                hours=round(raw["minutes"] / 60, 2),
                start=date.fromisoformat(raw["start"]) if raw["start"] else None,
                end=date.fromisoformat(raw["end"]) if raw["end"] else None,
                status=status,
                notes=state.notes,
                evidence=state.evidence,
                resources=tuple(raw.get("resources", ())),
            )
        )
    for week in weeks:
        ids = {item_id for item_id, _ in week.items}
        for phase in by_phase.values():
            if ids & {i.id for i in phase.items}:
                phase.weeks.append(week)
    start, end = date.fromisoformat(snapshot["start"]), date.fromisoformat(snapshot["end"])
    request = snapshot["request"]
    return ExportPlan(
        stack=snapshot["stack"],
        framework=snapshot["framework"],
        hours_per_week=float(request["hours"]),
        start=start,
        end=end,
        months=months_between(start, end),
        total_hours=round(sum(i["minutes"] for i in snapshot["items"]) / 60, 2),
        warnings=list(snapshot.get("warnings", [])),
        phases=[p for p in by_phase.values() if p.items],
        weeks=weeks,
        request=request,
        snapshot=snapshot,
    )
