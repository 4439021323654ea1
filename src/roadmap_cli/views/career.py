"""Certifications, the career ladder, skills and stacks as plain rows. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap_cli.catalog.catalog import Catalog

if TYPE_CHECKING:
    from roadmap_cli.progress.saved import SavedPlan


def plan_span(plan: SavedPlan, ids: Iterable[str]) -> tuple[date, date] | None:
    """From the first start to the last end of these items in the plan; None if it schedules none."""
    found = [plan.item(i) for i in ids]
    spans = [(i.start, i.end) for i in found if i is not None and i.start is not None and i.end is not None]
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def your_plan(plan: SavedPlan | None, ids: Iterable[str], phase: str | None = None) -> dict[str, Any] | None:
    """Where the active plan puts these items (and their phase): None without a plan."""
    if plan is None:
        return None
    wanted = list(ids)
    span = plan_span(plan, wanted)
    phase_span = plan_span(plan, [i.id for i in plan.all_items() if i.phase == phase]) if phase else None
    return {
        "in_plan": any(plan.item(i) is not None for i in wanted),
        "start": span[0] if span else None,
        "end": span[1] if span else None,
        "phase_start": phase_span[0] if phase_span else None,
        "phase_end": phase_span[1] if phase_span else None,
    }


def certifications(
    catalog: Catalog, stack: str | None = None, plan: SavedPlan | None = None
) -> list[dict[str, Any]]:
    """Every certification: those for ``stack`` (or for every stack) first, then other stacks', each
    group in plan order. ``stack`` defaults to the active plan's.

    ``months`` is when in the 12-month plan to study for it: the certification's own months where
    a source gives them, otherwise the months of the phase it belongs to. ``study_hours`` is the
    estimate of its study items (for ``stack``, or the first stack it is meant for). ``your_plan``
    says where the active plan (if any) puts its study and its phase, and whether it holds it.
    """
    from roadmap_cli.catalog.catalog import applies_to, item_hours

    if stack is None and plan is not None:
        stack = plan.request.lang
    chosen = {c.id for c in plan.certifications} if plan is not None else set()
    order = {p["id"]: n for n, p in enumerate(catalog.phases, 1)}
    rows = []
    for cert in catalog.certifications:
        yours = stack is None or not cert.get("stacks") or stack in cert["stacks"]
        fallback = cert["stacks"][0] if cert.get("stacks") else next(iter(catalog.stacks), "")
        for_stack = stack if stack is not None and yours else fallback
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
                "your_stack": yours,
                "your_plan": None
                if plan is None
                else {
                    **(your_plan(plan, [i["id"] for i in study], phase["id"] if phase else None) or {}),
                    "in_plan": cert["id"] in chosen,
                    # whether `replan --cert` can put it in (not the JSON's: its stacks say it)
                    "fits": not cert.get("stacks") or plan.request.lang in cert["stacks"],
                },
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
    rows.sort(key=lambda r: (not r["your_stack"], r["phase_order"] or len(order) + 1))
    return rows


def skills(catalog: Catalog, plan: SavedPlan | None = None) -> list[dict[str, Any]]:
    """Every skill, with ``your_plan``: when the active plan (if any) teaches it (by its items)."""
    return [
        {**skill, "items": skill.get("items", []), "your_plan": your_plan(plan, skill.get("items", []))}
        for skill in catalog.skills
    ]


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
