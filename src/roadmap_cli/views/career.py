"""Certifications, the career ladder, skills and stacks as plain rows. Pure: no I/O."""

from __future__ import annotations

from typing import Any

from roadmap_cli.catalog.catalog import Catalog


def certifications(catalog: Catalog, stack: str | None = None) -> list[dict[str, Any]]:
    """Every certification (only those meant for ``stack``, if given), in plan order.

    ``months`` is when in the 12-month plan to study for it: the certification's own months where
    a source gives them, otherwise the months of the phase it belongs to.
    """
    order = {p["id"]: n for n, p in enumerate(catalog.phases, 1)}
    rows = []
    for cert in catalog.certifications:
        if stack is not None and cert.get("stacks") and stack not in cert["stacks"]:
            continue
        phase = catalog.phase(cert["phase"]) if cert.get("phase") in order else None
        rows.append(
            {
                "id": cert["id"],
                "name": cert["name"],
                "issuer": cert["issuer"],
                "phase": phase["id"] if phase else None,
                "phase_title": phase["title"] if phase else None,
                "phase_order": order[phase["id"]] if phase else None,
                "months": cert.get("months") or (phase.get("months") if phase else None),
                "stacks": cert.get("stacks", []),
                "why": cert["why"],
                "sources": cert["sources"],
            }
        )
    rows.sort(key=lambda r: r["phase_order"] or len(order) + 1)
    return rows
