"""The shape of a backup (``roadmap progress export``), one ``TypedDict`` per level: mypy checks
:func:`roadmap_cli.progress.backup.backup_document` against it, and ``roadmap schema backup`` turns
it into the published JSON Schema (:mod:`roadmap_cli.render.shapes` lists it with the others)."""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import TypedDict

from roadmap_cli.progress.models import EventKind


class BackupPlanDoc(TypedDict):
    created_at: str
    active: bool
    snapshot: dict[str, Any]


class BackupEventDoc(TypedDict):
    uid: str
    item_id: str
    kind: EventKind
    value: str | None
    created_at: str


class BackupDoc(TypedDict):
    """``roadmap progress export``: every saved plan (in the saved-plan format) and every event."""

    kind: Literal["roadmap-progress"]
    version: int
    roadmap: str
    plans: list[BackupPlanDoc]
    events: list[BackupEventDoc]
