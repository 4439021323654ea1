"""What ``levels``, ``skills``, ``stacks``, ``certs`` and ``market`` share: rows from the catalog,
shown as JSON or as a table. Not a command itself; each of those modules names its rows, its JSON
document and its table, and this does the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from roadmap_cli.catalog.catalog import Catalog
    from roadmap_cli.progress.saved import SavedPlan

Rows = TypeVar("Rows")


def active_plan() -> SavedPlan | None:
    """The active plan, to give what these views say in its dates; None when there is none (or it
    cannot be read: then they say it in general, as before any plan)."""
    from roadmap_cli.errors import RoadmapError

    try:
        from roadmap_cli.progress.store import database_path, open_store

        if not database_path().is_file():
            return None
        with open_store(readonly=True) as store:
            stored = store.active_plan()
            return stored.plan() if stored is not None else None
    except (RoadmapError, OSError):
        return None


def show(
    packs: Sequence[Path] | None,
    json_out: bool,
    rows: Callable[[Catalog], Rows],
    document: Callable[[Rows], Any],
    table: str,
) -> None:
    """``table`` names the function of :mod:`roadmap_cli.render.console` that draws the rows; it is
    looked up only when a table is drawn, so ``--json`` never imports Rich."""
    from roadmap_cli.catalog.registry import load_catalog

    found = rows(load_catalog(packs or ()))
    if json_out:
        from roadmap_cli.render.jsonout import emit

        emit(document(found))
    else:
        from roadmap_cli.render import console

        draw: Callable[[Rows], None] = getattr(console, table)
        draw(found)
