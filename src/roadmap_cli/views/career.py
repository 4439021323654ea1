"""Certifications, the career ladder, skills and stacks as plain rows. Pure: no I/O."""

from __future__ import annotations

from typing import Any

from roadmap_cli.catalog.catalog import Catalog


def certifications(catalog: Catalog, stack: str | None = None) -> list[dict[str, Any]]:
    """Every certification (only those meant for ``stack``, if given), in plan order.

    ``months`` is when in the 12-month plan to study for it: the certification's own months where
    a source gives them, otherwise the months of the phase it belongs to. ``study_hours`` is the
    estimate of its study items (for ``stack``, or the first stack it is meant for).
    """
    from roadmap_cli.catalog.catalog import applies_to, item_hours

    order = {p["id"]: n for n, p in enumerate(catalog.phases, 1)}
    rows = []
    for cert in catalog.certifications:
        if stack is not None and cert.get("stacks") and stack not in cert["stacks"]:
            continue
        for_stack = stack or (cert["stacks"][0] if cert.get("stacks") else next(iter(catalog.stacks), ""))
        study = [i for i in catalog.items if i["cert"] == cert["id"] and applies_to(i, for_stack)]
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
                "when": cert.get("when"),
                "default": bool(cert.get("default", False)),
                "study_hours": sum(item_hours(i, for_stack) for i in study),
                "study_items": [i["id"] for i in study],
                "stacks": cert.get("stacks", []),
                "why": cert["why"],
                "recommended_by": [
                    {
                        "id": sid,
                        "title": catalog.sources[sid]["title"],
                        "as_of": cert.get("as_of") or catalog.sources[sid]["as_of"],
                    }
                    for sid in cert["sources"]
                ],
                "sources": cert["sources"],
                "as_of": cert.get("as_of") or catalog.sources[cert["sources"][0]]["as_of"],
            }
        )
    rows.sort(key=lambda r: r["phase_order"] or len(order) + 1)
    return rows


def market_figures(catalog: Catalog, topic: str | None = None) -> list[dict[str, Any]]:
    """The market figures (of one topic, if given), each with its source's title.

    An unknown topic is a usage error that names the topics there are.
    """
    from roadmap_cli.errors import UsageError

    topics = list(dict.fromkeys(f["topic"] for f in catalog.market))
    if topic is not None and topic.strip().lower() not in topics:
        raise UsageError(f"no market topic {topic!r}; choose from: {', '.join(topics)}")
    wanted = topic.strip().lower() if topic is not None else None
    return [
        {
            "id": f["id"],
            "topic": f["topic"],
            "title": f["title"],
            "value": f["value"],
            "note": f.get("note"),
            "source": f["source"],
            "source_title": catalog.sources[f["source"]]["title"],
            "cited": f.get("cited"),
            "as_of": f["as_of"],
        }
        for f in catalog.market
        if wanted is None or f["topic"] == wanted
    ]
