"""The planner on small catalogs made for each rule, with every date and minute worked out by hand.

The built-in content cannot exercise these cases (its packs are well ordered), so each test builds
the few items it needs.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.errors import UsageError
from roadmap_cli.planner import (
    MAX_YEARS,
    PlanRequest,
    capacity_until,
    hours_to_fit,
    make_plan,
    replan_request,
)
from roadmap_cli.progress.saved import dumps, from_planner, loads

MONDAY = date(2027, 1, 4)
WEDNESDAY = date(2027, 1, 6)


def item(
    item_id: str,
    hours: int,
    phase: str = "p1",
    *,
    depends_on: tuple[str, ...] = (),
    priority: str = "core",
    rank: int = 100,
    stacks: tuple[str, ...] = (),
    kind: str = "milestone",
    title: str | None = None,
    weekly: int | None = None,
    cert: str | None = None,
    stack_hours: dict[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "id": item_id,
        "kind": kind,
        "phase": phase,
        "title": title or f"Item {item_id}",
        "description": "",
        "hours": hours,
        "priority": priority,
        "rank": rank,
        "depends_on": list(depends_on),
        "stacks": list(stacks),
        "track": None,
        "titles": {},
        "stack_hours": stack_hours or {},
        "weekly": weekly,
        "cert": cert,
        "resources": [],
        "resources_by_stack": {},
        "sources": ["s"],
        "deliverables": [],
    }


def catalog(
    *items: dict[str, Any], capstones: dict[str, str] | None = None, certs: tuple[str, ...] = ()
) -> Catalog:
    phases = [
        {"id": "p1", "order": 1, "title": "One", "goal": "g"},
        {"id": "p2", "order": 2, "title": "Two", "goal": "g"},
    ]
    for phase in phases:
        if capstones and phase["id"] in capstones:
            phase["capstone"] = capstones[phase["id"]]
    stack = {
        "id": "py",
        "name": "Py",
        "frameworks": [{"id": "fw", "name": "Fw"}],
        "orm": "Orm",
        "test_tool": "Test",
        "job_queue": "Queue",
        "package_manager": "Pkg",
        "sources": ["s"],
    }
    other = {**stack, "id": "go", "name": "Go"}
    return Catalog(
        {
            "packs": [],
            "sources": [{"id": "s", "title": "S", "publisher": "P", "as_of": "2026"}],
            "stacks": [stack, other],
            "phases": phases,
            "tracks": [],
            "items": list(items),
            "certifications": [
                {"id": c, "name": c.upper(), "issuer": "I", "why": "w", "sources": ["s"], "default": n == 0}
                for n, c in enumerate(certs)
            ],
        }
    )


def plan_of(cat: Catalog, hours: float = 10, start: date = MONDAY, **extra: Any) -> Any:
    return make_plan(cat, PlanRequest(stack="py", hours_per_week=hours, start=start, **extra))


def order(plan: Any) -> list[str]:
    return [s.item["id"] for s in plan.items]


def test_dependencies_listed_after_their_dependants_still_come_first() -> None:
    plan = plan_of(catalog(item("b", 5, depends_on=("a",)), item("c", 5), item("a", 5)))
    # c is ready first and comes first in the file; b waits for a
    assert order(plan) == ["c", "a", "b"]
    _, first, second = plan.items
    assert first.end <= second.start


def test_a_chain_of_dependencies_in_reverse_file_order() -> None:
    plan = plan_of(catalog(item("c", 2, depends_on=("b",)), item("b", 2, depends_on=("a",)), item("a", 2)))
    assert order(plan) == ["a", "b", "c"]


def test_a_capstone_listed_first_closes_its_phase() -> None:
    cat = catalog(
        item("cap", 4, kind="project"),
        item("x", 4),
        item("y", 4),
        item("z", 4, "p2"),
        capstones={"p1": "cap"},
    )
    assert order(plan_of(cat)) == ["x", "y", "cap", "z"]


def test_phases_come_in_order_whatever_the_file_order() -> None:
    assert order(plan_of(catalog(item("late", 3, "p2"), item("early", 3, "p1")))) == ["early", "late"]


def test_an_item_longer_than_a_week_spans_weeks_exactly() -> None:
    plan = plan_of(catalog(item("long", 25), item("next", 5)), hours=10)
    assert [(w.start, w.slices, w.capacity) for w in plan.weeks] == [
        (MONDAY, [("long", 600)], 600),
        (MONDAY + timedelta(days=7), [("long", 600)], 600),
        (MONDAY + timedelta(days=14), [("long", 300), ("next", 300)], 600),
    ]
    long, after = plan.items
    assert long.start == MONDAY
    # 300 of 600 minutes of the third week: half of its 7 days, so it ends on the 4th day (Thursday)
    assert long.end == MONDAY + timedelta(days=14 + 3)
    assert after.start == MONDAY + timedelta(days=14 + 3)
    assert after.end == MONDAY + timedelta(days=20)
    assert plan.end == after.end
    assert plan.total_minutes == 30 * 60


def test_a_mid_week_start_gets_its_share_of_the_first_week() -> None:
    plan = plan_of(catalog(item("a", 7)), hours=7, start=WEDNESDAY)
    first, second = plan.weeks
    assert first.start == MONDAY  # the week holding the start
    assert first.capacity == 420 * 5 // 7 == 300  # Wednesday to Sunday: five days of seven
    assert first.slices == [("a", 300)]
    assert second.slices == [("a", 120)]
    assert plan.items[0].start == WEDNESDAY
    # 120 of 420 minutes: two of seven days, so it ends on the Tuesday
    assert plan.items[0].end == date(2027, 1, 12)


def test_capacity_and_hours_to_fit() -> None:
    assert capacity_until(MONDAY, MONDAY + timedelta(days=6), 600) == 600
    assert capacity_until(MONDAY, MONDAY + timedelta(days=13), 600) == 1200
    assert capacity_until(MONDAY, MONDAY + timedelta(days=9), 700) == 700 + 300  # 3 of 7 days
    assert capacity_until(WEDNESDAY, WEDNESDAY + timedelta(days=4), 700) == 500
    assert capacity_until(MONDAY, MONDAY - timedelta(days=1), 600) == 0
    # 100 hours by the end of ten full weeks: 10 h a week
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=69), 100 * 60) == 10
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=69), 100 * 60 + 1) == 11


def test_optional_items_go_in_by_rank_while_they_fit() -> None:
    # 10 h/week in a 1-month window from Monday 4 January to 3 February: four weeks and three days
    cat = catalog(
        item("core", 20),
        item("cheap", 10, priority="optional", rank=2),
        item("first", 10, priority="optional", rank=1),
        item("big", 30, priority="optional", rank=3),
        item("orphan", 1, priority="optional", rank=4, depends_on=("big",)),
    )
    plan = plan_of(cat, months=(1, 1))
    assert capacity_until(MONDAY, plan.window_end, 600) == 4 * 600 + 600 * 3 // 7
    assert order(plan) == ["core", "cheap", "first"]  # pack order, once chosen
    assert [i["id"] for i in plan.left_out] == ["big", "orphan"]  # too big; its dependant waits for it
    assert plan.end <= plan.window_end
    assert order(plan_of(cat, months=(1, 1), core_only=True)) == ["core"]


def test_the_ends_early_threshold() -> None:
    # window 2-3 months from 4 January: a plan ending by 3 February ends early
    cat = catalog(item("a", 43))  # 3 h into the fifth week: 2.1 of its 7 days, so its third day
    plan = plan_of(cat, months=(2, 3))
    assert plan.end == date(2027, 2, 3)
    assert plan.ends_early
    assert "ends early, on 2027-02-03" in plan.warnings[0]
    later = plan_of(catalog(item("a", 45)), months=(2, 3))  # 5 h in: 3.5 days, its fourth
    assert later.end == date(2027, 2, 4)
    assert not later.ends_early
    assert later.warnings == []


def test_too_few_hours_says_the_true_length_and_what_would_fit() -> None:
    plan = plan_of(catalog(item("a", 200)), hours=2, months=(1, 2))
    assert not plan.fits
    (warning,) = plan.warnings
    need = hours_to_fit(MONDAY, plan.window_end, 200 * 60)
    assert f"you would need about {need} h/week" in warning
    assert plan.end.isoformat() in warning
    assert plan_of(catalog(item("a", 200)), hours=float(need), months=(1, 2)).end <= plan.window_end
    assert plan_of(catalog(item("a", 200)), hours=float(need - 1), months=(1, 2)).end > plan.window_end


def test_a_plan_of_more_than_a_century_is_refused() -> None:
    cat = catalog(*(item(f"i{n}", 1000) for n in range(6)))
    with pytest.raises(UsageError, match=f"{MAX_YEARS} years at most"):
        plan_of(cat, hours=1)


def test_done_items_are_settled_and_other_stacks_are_not_planned() -> None:
    cat = catalog(item("a", 5), item("b", 5, depends_on=("a",)), item("go-only", 5, stacks=("go",)))
    plan = plan_of(cat, done=frozenset({"a"}))
    assert order(plan) == ["b"]
    assert [i["id"] for i in plan.settled] == ["a"]
    assert plan.items[0].start == MONDAY  # nothing waits for a done dependency


def test_a_replan_keeps_to_the_plan_items_and_settles_what_is_done() -> None:
    cat = catalog(item("a", 5), item("b", 5), item("c", 5))
    first = from_planner(plan_of(cat, done=frozenset({"c"})), cat)
    assert [i.id for i in first.items] == ["a", "b"]
    newer = catalog(item("a", 5), item("b", 5), item("c", 5), item("new", 5))  # content grew since
    request = replan_request(first, {"a"}, date(2027, 2, 1), 5)
    assert request.only == frozenset({"a", "b", "c"})
    assert (request.hours_per_week, request.start, request.stack) == (5, date(2027, 2, 1), "py")
    again = from_planner(make_plan(newer, request), newer)
    assert [i.id for i in again.items] == ["b", "c"]  # c was settled, is not done now: back in
    assert [i.id for i in again.settled] == ["a"]
    assert "new" not in again.ids()


def test_the_same_request_gives_the_same_bytes() -> None:
    cat = catalog(item("b", 7, depends_on=("a",)), item("a", 13), item("c", 26, "p2"))
    one, two = (dumps(from_planner(plan_of(cat, hours=9, start=WEDNESDAY), cat)) for _ in range(2))
    assert one == two
    assert dumps(loads(one)) == one  # the stored form reads back to itself


# -- weekly practice ---------------------------------------------------------------------------------


def test_weekly_practice_takes_its_hours_first_in_each_week_of_its_span() -> None:
    # 10 h/week; practice of 6 h at 2 h a week starts with the plan, next to a 24 h item
    plan = plan_of(catalog(item("practice", 6, weekly=2), item("work", 24)), hours=10)
    assert [(w.slices, w.used) for w in plan.weeks] == [
        ([("practice", 120), ("work", 480)], 600),
        ([("practice", 120), ("work", 480)], 600),
        ([("practice", 120), ("work", 480)], 600),
    ]
    practice, work = plan.items
    assert order(plan) == ["practice", "work"]
    assert practice.minutes == 6 * 60
    assert practice.start == MONDAY
    assert practice.end == MONDAY + timedelta(days=20)  # the Sunday of its third week
    assert work.start == MONDAY + timedelta(days=1)  # after 2 of 10 hours: its second day
    assert work.end == MONDAY + timedelta(days=20)
    assert plan.end == MONDAY + timedelta(days=20)


def test_weekly_practice_that_starts_mid_week_gets_its_share_of_what_is_left() -> None:
    # the practice comes after 9 h of a 10 h week: 1 h that week, then 2 h a week
    plan = plan_of(catalog(item("first", 9), item("practice", 5, weekly=2), item("rest", 11)), hours=10)
    assert [w.slices for w in plan.weeks] == [
        [("first", 540), ("practice", 60)],
        [("practice", 120), ("rest", 480)],
        [("practice", 120), ("rest", 180)],
    ]
    practice = plan.items[1]
    assert practice.start == MONDAY + timedelta(days=6)  # 9 of 10 h done: the Sunday
    assert practice.end == MONDAY + timedelta(days=20)


def test_practice_that_outlasts_the_other_items_runs_on_alone() -> None:
    plan = plan_of(catalog(item("practice", 6, weekly=2), item("work", 8)), hours=10)
    assert [w.slices for w in plan.weeks] == [
        [("practice", 120), ("work", 480)],
        [("practice", 120)],
        [("practice", 120)],
    ]
    assert plan.end == MONDAY + timedelta(days=20)
    assert plan.items[1].end == MONDAY + timedelta(days=6)


def test_items_dropped_for_practice_are_left_out_in_rank_order() -> None:
    # 1-month window (to 3 February); the practice alone runs five weeks, past it: every optional
    # item added is dropped again, last added first, and all are listed in the order of their rank.
    cat = catalog(
        item("practice", 10, weekly=2),
        item("d", 2, priority="optional", rank=4),
        item("b", 40, priority="optional", rank=2),
        item("a", 10, priority="optional", rank=1),
        item("c", 10, priority="optional", rank=3),
    )
    plan = plan_of(cat, months=(1, 1))
    assert order(plan) == ["practice"]
    assert [i["id"] for i in plan.left_out] == ["a", "b", "c", "d"]
    assert not plan.fits


def test_weekly_hours_above_the_weekly_budget_fill_the_week_and_still_finish() -> None:
    plan = plan_of(catalog(item("practice", 5, weekly=4), item("work", 2)), hours=3)
    assert [w.slices for w in plan.weeks] == [
        [("practice", 180)],
        [("practice", 120), ("work", 60)],
        [("work", 60)],
    ]
    assert all(w.used <= w.capacity for w in plan.weeks)


def test_two_practices_share_each_week_in_order() -> None:
    plan = plan_of(catalog(item("a", 4, weekly=2), item("b", 2, weekly=1), item("work", 14)), hours=10)
    assert [w.slices for w in plan.weeks] == [
        [("a", 120), ("b", 60), ("work", 420)],
        [("a", 120), ("b", 60), ("work", 420)],
    ]


# -- certifications and stack estimates ----------------------------------------------------------------


def test_certification_study_is_planned_only_for_the_chosen_certifications() -> None:
    cat = catalog(
        item("base", 5),
        item("study-a", 10, cert="cert-a", priority="optional", rank=1),
        item("study-b", 7, cert="cert-b"),
        certs=("cert-a", "cert-b"),
    )
    default = plan_of(cat, months=(1, 1))
    assert order(default) == ["base", "study-a"]  # cert-a is the default; chosen, it counts as core
    assert [(c.id, c.minutes, c.items) for c in default.certifications] == [("cert-a", 600, ("study-a",))]
    assert default.certifications[0].start == default.items[1].start
    assert default.chosen_certs == frozenset({"cert-a"})
    chosen = plan_of(cat, certs=frozenset({"cert-b"}))
    assert order(chosen) == ["base", "study-b"]
    assert order(plan_of(cat, certs=frozenset())) == ["base"]
    assert order(plan_of(cat, certs=frozenset({"cert-a"}), core_only=True)) == ["base", "study-a"]


def test_stack_hours_replace_the_estimate_for_that_stack() -> None:
    cat = catalog(item("learn", 10, stack_hours={"go": 16}))
    assert plan_of(cat).items[0].minutes == 600
    go = make_plan(cat, PlanRequest(stack="go", hours_per_week=10, start=MONDAY))
    assert go.items[0].minutes == 960
    assert [w.slices for w in go.weeks] == [[("learn", 600)], [("learn", 360)]]


@given(
    start=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=800),
    minutes=st.integers(min_value=1, max_value=80 * 60 * 52),
)
def test_hours_to_fit_is_the_fewest_whole_hours_that_fit(start: date, days: int, minutes: int) -> None:
    end = start + timedelta(days=days)
    need = hours_to_fit(start, end, minutes)
    assert capacity_until(start, end, need * 60) >= minutes
    assert need == 1 or capacity_until(start, end, (need - 1) * 60) < minutes


def test_a_replan_keeps_every_choice_of_the_plan_it_replaces() -> None:
    cat = catalog(item("a", 5), item("b", 5, priority="optional", rank=1))
    made = make_plan(
        cat,
        PlanRequest(
            stack="py", hours_per_week=7, start=MONDAY, framework="fw", months=(9, 11), core_only=True
        ),
    )
    saved = from_planner(made, cat)
    request = replan_request(saved, set(), date(2027, 3, 1))
    assert (request.framework, request.months, request.core_only, request.hours_per_week) == (
        "fw",
        (9, 11),
        True,
        7,
    )
    assert request.certs == (frozenset(saved.request.certs) if saved.request.certs is not None else None)
