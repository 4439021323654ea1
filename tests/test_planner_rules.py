"""The planner on small catalogs made for each rule, with every date and minute worked out by hand.

The built-in content cannot exercise these cases (its packs are well ordered), so each test builds
the few items it needs.
"""

from __future__ import annotations

import json
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
)
from roadmap_cli.progress.reflow import replan_request
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
    *items: dict[str, Any],
    capstones: dict[str, str] | None = None,
    certs: tuple[str, ...] = (),
    cert_fields: dict[str, dict[str, Any]] | None = None,
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
                {
                    "id": c,
                    "name": c.upper(),
                    "issuer": "I",
                    "why": "w",
                    "sources": ["s"],
                    "default": n == 0,
                    **(cert_fields or {}).get(c, {}),
                }
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
    assert capacity_until(MONDAY, plan.window_end, 600) == 4 * 600 + 86 * 3  # 600 = 86 x 5 + 85 x 2
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
    assert work.start == MONDAY  # practice takes its share of each day, and work the rest of it
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
    # A week holds at most 168 hours: past that no number of hours fits, and 168 says so.
    assert capacity_until(start, end, need * 60) >= minutes or need == 7 * 24
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


# -- the optional items' budget ------------------------------------------------------------------------


def test_a_small_optional_item_still_goes_in_after_a_bigger_one_that_does_not_fit() -> None:
    # 10 h/week, 1-month window: 2,657 minutes; the core takes 1,200, leaving 1,457 for optional items.
    cat = catalog(
        item("core", 20),
        item("first", 10, priority="optional", rank=1),  # 600 of 1,457: 857 left
        item("py-heavy", 1, priority="optional", rank=2, stack_hours={"py": 20}),  # 1,200 for py
        item("big", 30, priority="optional", rank=3),  # 1,800: too big
        item("small", 4, priority="optional", rank=4),  # 240 of 857: 617 left
        item("needs-big", 1, priority="optional", rank=5, depends_on=("big",)),
        item("go-thing", 1, stacks=("go",)),
        item("needs-go", 1, priority="optional", rank=6, depends_on=("go-thing",)),  # 60 of 617
    )
    plan = plan_of(cat, months=(1, 1))
    assert order(plan) == ["core", "first", "small", "needs-go"]
    assert [i["id"] for i in plan.left_out] == ["py-heavy", "big", "needs-big"]
    assert plan.total_minutes == 1200 + 600 + 240 + 60
    assert plan.fits


def test_an_optional_item_that_takes_exactly_what_is_left_goes_in() -> None:
    # From Monday 1 February 2027 a 1-month window is four whole weeks to Sunday 28 February: 2,400
    # minutes at 10 h/week. The core takes 39 h, so exactly one hour is left, for exactly one hour.
    start = date(2027, 2, 1)
    cat = catalog(
        item("core", 39),
        item("hour", 1, priority="optional", rank=1),
        item("later", 1, priority="optional", rank=2),
        item("last", 2, priority="optional", rank=3),
    )
    plan = plan_of(cat, start=start, months=(1, 1))
    assert plan.window_end == date(2027, 2, 28)
    assert order(plan) == ["core", "hour"]
    assert [i["id"] for i in plan.left_out] == ["later", "last"]
    assert plan.end == plan.window_end  # the last day of the window is inside it
    assert plan.fits
    assert plan.warnings == []


def test_a_core_that_ends_on_the_last_day_of_the_window_fits() -> None:
    plan = plan_of(catalog(item("core", 40)), start=date(2027, 2, 1), months=(1, 1))
    assert plan.end == plan.window_end == date(2027, 2, 28)
    assert plan.fits
    assert plan.warnings == []


def test_a_plan_of_exactly_a_century_is_made_and_one_hour_more_is_refused() -> None:
    # at 1 h/week a century of 52-week years is 5,200 hours
    plan = plan_of(catalog(item("life", 5200)), hours=1)
    assert len(plan.weeks) == 5200
    assert not plan.fits
    with pytest.raises(UsageError) as raised:
        plan_of(catalog(item("life", 5200), item("more", 1)), hours=1)
    assert raised.value.message == (
        "at 1 h/week the core items alone would take about 100 years; a plan may run 100 years at most"
    )
    assert raised.value.hint == "give more --hours, or use packs with fewer core items"


def test_a_plan_with_nothing_left_ends_where_it_starts() -> None:
    plan = plan_of(catalog(item("a", 5), item("b", 5)), done=frozenset({"a", "b"}))
    assert plan.items == []
    assert plan.weeks == []
    assert plan.end == MONDAY
    assert plan.warnings == ["Nothing is left to plan: every item for this stack is done or skipped."]


# -- order and days ------------------------------------------------------------------------------------


def test_an_item_waits_for_every_one_of_its_dependencies() -> None:
    # a and b are both ready at once; c, listed between them, must wait for b too, not only for a
    plan = plan_of(catalog(item("a", 2), item("c", 2, depends_on=("a", "b")), item("b", 2)))
    assert order(plan) == ["a", "b", "c"]


def test_an_item_starts_on_the_day_after_a_whole_day_of_study() -> None:
    # 7 h/week is an hour a day: after one hour on Monday, the next item starts on Tuesday
    plan = plan_of(catalog(item("a", 1), item("b", 6)), hours=7)
    first, second = plan.items
    assert (first.start, first.end) == (MONDAY, MONDAY)
    assert (second.start, second.end) == (MONDAY + timedelta(days=1), MONDAY + timedelta(days=6))


def test_practice_finished_in_its_first_week_adds_no_week() -> None:
    plan = plan_of(catalog(item("work", 3), item("practice", 2, weekly=2)), hours=10)
    assert [w.slices for w in plan.weeks] == [[("work", 180), ("practice", 120)]]
    assert plan.items[1].end == MONDAY + timedelta(days=6)
    assert plan.end == MONDAY + timedelta(days=6)


def test_a_week_of_odd_minutes_loses_none_and_gives_practice_its_last_minute() -> None:
    # 2 h 1 min a week: after 2 h of work one minute is left, and the practice takes it
    plan = plan_of(catalog(item("work", 2), item("practice", 2, weekly=1), item("more", 1)), hours=121 / 60)
    assert [w.slices for w in plan.weeks] == [
        [("work", 120), ("practice", 1)],
        [("practice", 60), ("more", 60)],
        [("practice", 59)],
    ]
    # 2 h 59 min a week: an item of 3 h leaves one minute for the next week, and a practice at 1 h a
    # week that started with 59 minutes has one minute left after its second week
    odd = plan_of(
        catalog(item("three", 3), item("work", 2), item("solo", 1, weekly=1), item("practice", 2, weekly=1)),
        hours=179 / 60,
    )
    assert [w.slices for w in odd.weeks] == [
        [("three", 179)],
        [("three", 1), ("work", 120), ("solo", 58)],
        [("solo", 2), ("practice", 60)],
        [("practice", 60)],
    ]
    # 2 h 59 min a week after 2 h of work: 59 minutes for a practice of 1 h, then its last minute; and
    # one of 2 h takes 59, then 60, and its last minute in a third week
    short = plan_of(catalog(item("work", 2), item("solo", 1, weekly=1)), hours=179 / 60)
    assert [w.slices for w in short.weeks] == [[("work", 120), ("solo", 59)], [("solo", 1)]]
    longer = plan_of(catalog(item("work", 2), item("practice", 2, weekly=1)), hours=179 / 60)
    assert [w.slices for w in longer.weeks] == [
        [("work", 120), ("practice", 59)],
        [("practice", 60)],
        [("practice", 1)],
    ]
    for plan_ in (plan, odd, short, longer):
        for scheduled in plan_.items:
            got = sum(m for w in plan_.weeks for i, m in w.slices if i == scheduled.item["id"])
            assert got == scheduled.minutes


def test_hours_to_fit_over_two_weeks() -> None:
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=13), 20 * 60) == 10
    assert hours_to_fit(MONDAY, MONDAY + timedelta(days=13), 20 * 60 + 1) == 11


def test_a_replan_of_a_plan_saved_without_a_choice_of_certifications_keeps_the_default() -> None:
    cat = catalog(item("a", 5))
    stored = json.loads(dumps(from_planner(plan_of(cat), cat)))
    stored["request"]["certs"] = None
    saved = loads(json.dumps(stored))
    assert saved.request.certs is None
    assert replan_request(saved, set(), MONDAY).certs is None


# -- certifications ----------------------------------------------------------------------------------


def test_each_chosen_certification_for_the_stack_is_placed_where_its_study_starts() -> None:
    cat = catalog(
        item("a", 10),
        item("sa1", 3, cert="alpha"),
        item("sd", 2, cert="delta"),
        item("b", 10, "p2"),
        item("sa2", 5, "p2", cert="alpha"),
        certs=("ghost", "alpha", "beta", "gamma", "delta", "unchosen"),
        cert_fields={
            "beta": {"phase": "p2"},  # no study items: it starts with its phase
            "gamma": {"phase": "p1", "stacks": ["go"]},  # not for this stack
            "delta": {"phase": "p2", "stacks": ["go", "py"]},  # its phase is its own, not its item's
        },
    )
    chosen = frozenset({"ghost", "alpha", "beta", "gamma", "delta"})
    plan = plan_of(cat, certs=chosen)
    assert order(plan) == ["a", "sa1", "sd", "b", "sa2"]
    week = MONDAY + timedelta(days=7)
    assert [
        (c.id, c.name, c.issuer, c.phase, c.start, c.week, c.minutes, c.items) for c in plan.certifications
    ] == [
        ("alpha", "ALPHA", "I", "p1", week, 1, 8 * 60, ("sa1", "sa2")),  # 3 h + 5 h, from its first item
        ("delta", "DELTA", "I", "p2", week + timedelta(days=2), 1, 2 * 60, ("sd",)),  # 180 of 600 in
        ("beta", "BETA", "I", "p2", week + timedelta(days=3), 1, 0, ()),  # b starts 300 of 600 in
    ]
    # ghost has neither study items nor a phase: nowhere to start; unchosen was not asked for


# -- what the plan says ----------------------------------------------------------------------------------


def test_the_warnings_word_for_word() -> None:
    # 200 h at 2 h/week: a hundred weeks, to Sunday 3 December 2028, 23 months from 4 January 2027.
    # By 3 March (8 weeks and 3 days) 24 h/week give 11,520 + 617 minutes >= 12,000; 23 give 11,631.
    assert plan_of(catalog(item("a", 200)), hours=2, months=(1, 2)).warnings == [
        "At 2 h/week the core alone takes 23 months, until 2028-12-03: past the end of the 1-2 month "
        "window on 2027-03-03. To finish by then you would need about 24 h/week, or allow a longer "
        "window with --months."
    ]
    # 43 h end on 3 February, a month in; by 3 April (12 weeks and 5 days) 4 h/week give 3,051 minutes
    assert plan_of(catalog(item("a", 43)), months=(2, 3)).warnings == [
        "At 10 h/week everything fits in 1 month, so the plan ends early, on 2027-02-03, before the 2-3 "
        "month window. About 4 h/week would spread it over the window; or keep the pace and finish sooner."
    ]


def test_the_hours_needed_are_named_up_to_the_most_a_week_can_hold() -> None:
    # 1-month window: 80 h/week give 4 * 4,800 + 2,057 = 21,257 minutes, 79 give 20,991
    (at_most,) = plan_of(catalog(item("a", 350)), months=(1, 1)).warnings
    assert "the 1-month window on 2027-02-03. To finish by then you would need about 80 h/week," in at_most
    (beyond,) = plan_of(catalog(item("a", 360)), months=(1, 1)).warnings
    assert "To finish by then you would need more than 80 h/week, or allow a longer window" in beyond


def test_practice_that_sets_the_end_says_so_instead_of_asking_for_more_hours() -> None:
    plan = plan_of(catalog(item("practice", 10, weekly=2), item("work", 1)), months=(1, 1))
    assert not plan.fits
    assert plan.warnings == [
        "At 10 h/week the core alone takes 1.1 months, until 2027-02-07: past the end of the 1-month "
        "window on 2027-02-03. Weekly practice sets that end: it takes the same few hours every week, "
        "so more hours a week would not bring it forward; allow a longer window with --months."
    ]


def test_the_core_is_counted_at_its_hours_for_the_stack() -> None:
    # the core takes 30 h for py (1,800 of 2,657 minutes): 857 are left, for small but not for big
    cat = catalog(
        item("core", 1, stack_hours={"py": 30}),
        item("big", 20, priority="optional", rank=1),
        item("small", 10, priority="optional", rank=2),
    )
    plan = plan_of(cat, months=(1, 1))
    assert order(plan) == ["core", "small"]
    assert [i["id"] for i in plan.left_out] == ["big"]


@st.composite
def small_catalogs(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(min_value=1, max_value=12))
    made: list[dict[str, Any]] = []
    for n in range(count):
        earlier = [f"i{k}" for k in range(n)]
        made.append(
            item(
                f"i{n}",
                draw(st.integers(min_value=1, max_value=30)),
                draw(st.sampled_from(["p1", "p2"])),
                depends_on=tuple(draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)))
                if earlier
                else (),
                priority=draw(st.sampled_from(["core", "optional"])),
                rank=draw(st.integers(min_value=1, max_value=5)),
                weekly=draw(st.sampled_from([None, None, None, 1, 3])),
            )
        )
    return made


@given(
    items=small_catalogs(),
    minutes=st.integers(min_value=60, max_value=40 * 60),
    start=st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 31)),
    months=st.integers(min_value=1, max_value=3),
)
def test_every_plan_keeps_the_rules(
    items: list[dict[str, Any]], minutes: int, start: date, months: int
) -> None:
    """Whatever the items and the hours: every minute planned once, no week over its hours, each item
    after what it depends on, every core item in, and an optional one only while the plan still fits."""
    cat = catalog(*items)
    plan = plan_of(cat, hours=minutes / 60, start=start, months=(months, months))
    planned = order(plan)
    core = [i["id"] for i in items if i["priority"] == "core"]
    assert set(core) <= set(planned)
    optional = {i["id"] for i in items if i["priority"] == "optional"}
    assert sorted(planned + [i["id"] for i in plan.left_out]) == sorted(i["id"] for i in items)
    assert {i["id"] for i in plan.left_out} <= optional
    for n, week in enumerate(plan.weeks):
        assert week.index == n
        assert week.start == plan.weeks[0].start + timedelta(days=7 * n)
        assert week.used <= week.capacity
        assert all(minutes > 0 for _, minutes in week.slices)
    for scheduled in plan.items:
        got = sum(m for w in plan.weeks for i, m in w.slices if i == scheduled.item["id"])
        assert got == scheduled.minutes == scheduled.item["hours"] * 60
        assert start <= scheduled.start <= scheduled.end <= plan.end
        for dep in scheduled.item["depends_on"]:  # a core item may wait for an optional one left out
            assert dep not in planned or planned.index(dep) < planned.index(scheduled.item["id"])
    if plan.items:
        assert plan.end == max(s.end for s in plan.items)
    if any(s.item["id"] in optional for s in plan.items):
        assert plan.fits  # optional items stay only in a plan that ends inside its window
    assert plan.fits == (plan.end <= plan.window_end)


def test_weekly_practice_is_titled_for_the_stack_and_its_tools() -> None:
    practice = item("practice", 2, weekly=1, title="Practise with {test_tool}")
    practice["titles"] = {"py": "Daily {language} katas with {test_tool}"}
    plan = plan_of(catalog(practice, item("work", 1, title="Set up {package_manager}")))
    assert [s.title for s in plan.items] == ["Daily Py katas with Test", "Set up Pkg"]
    go = make_plan(catalog(practice), PlanRequest(stack="go", hours_per_week=10, start=MONDAY))
    assert [s.title for s in go.items] == ["Practise with Test"]
