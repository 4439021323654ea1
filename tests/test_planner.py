"""The planner's rules, checked over every stack and every weekly budget from 1 to 80 hours."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from roadmap_cli.catalog.catalog import Catalog, applies_to, item_hours
from roadmap_cli.planner import PlanRequest, add_months, capacity_until, make_plan, months_between

STACKS = ["python", "typescript", "go", "java", "rust", "csharp", "php"]
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

starts = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))
hours = st.one_of(
    st.integers(min_value=1, max_value=80), st.floats(min_value=1, max_value=80).map(lambda h: round(h, 1))
)


@SETTINGS
@given(stack=st.sampled_from(STACKS), per_week=hours, start=starts, core_only=st.booleans())
def test_plan_rules_hold(catalog: Catalog, stack: str, per_week: float, start: date, core_only: bool) -> None:
    request = PlanRequest(stack=stack, hours_per_week=per_week, start=start, core_only=core_only)
    plan = make_plan(catalog, request)
    scheduled = {s.item["id"]: s for s in plan.items}

    # every core item (certification study only for the default certification) appears once,
    # with all its hours; no other certification's study is planned
    certs = set(catalog.default_certs())
    core = [
        i
        for i in catalog.items
        if i["priority"] == "core" and applies_to(i, stack) and (i["cert"] is None or i["cert"] in certs)
    ]
    assert {i["id"] for i in core} <= set(scheduled)
    assert all(s.item["cert"] in (None, *certs) for s in plan.items)
    assert len(plan.items) == len(scheduled)
    for item in core:
        assert scheduled[item["id"]].minutes == item_hours(item, stack) * 60
    # the weeks carry exactly the scheduled minutes of each item
    per_item: dict[str, int] = {}
    for week in plan.weeks:
        for item_id, minutes in week.slices:
            per_item[item_id] = per_item.get(item_id, 0) + minutes
    assert per_item == {i: s.minutes for i, s in scheduled.items()}

    # weeks start on Monday, follow each other, and never hold more than the hours
    for n, week in enumerate(plan.weeks):
        assert week.start.weekday() == 0
        assert week.start == plan.weeks[0].start + timedelta(weeks=n)
        assert week.used <= week.capacity <= round(per_week * 60)
    assert plan.weeks[0].start <= start < plan.weeks[0].start + timedelta(days=7)

    # dependencies end before dependants start; phases come in order; the capstone closes its phase
    order = [s.item["id"] for s in plan.items]
    position = {item_id: n for n, item_id in enumerate(order)}
    for s in plan.items:
        assert start <= s.start <= s.end
        for dep in s.item["depends_on"]:
            if dep in position:
                assert position[dep] < position[s.item["id"]]
                assert scheduled[dep].end <= s.start
    phase_rank = {p["id"]: n for n, p in enumerate(catalog.phases)}
    ranks = [phase_rank[s.item["phase"]] for s in plan.items]
    assert ranks == sorted(ranks)
    for phase in catalog.phases:
        in_phase = [s.item["id"] for s in plan.items if s.item["phase"] == phase["id"]]
        if in_phase and phase.get("capstone") in in_phase:
            # the capstone closes its phase; only what presents the capstone may follow it
            after = in_phase[in_phase.index(phase["capstone"]) + 1 :]
            assert all(phase["capstone"] in catalog.by_id[i]["depends_on"] for i in after), after
    if core_only:
        assert all(s.item["priority"] == "core" for s in plan.items)

    # optional items only when the plan stays in the window
    if any(s.item["priority"] == "optional" for s in plan.items):
        assert plan.end <= plan.window_end

    # same input, same output
    again = make_plan(catalog, request)
    assert again == plan


@pytest.mark.parametrize("stack", [s for s in STACKS if s != "rust"])
def test_twelve_hours_ends_within_ten_to_twelve_months(catalog: Catalog, stack: str) -> None:
    start = date(2027, 1, 4)
    plan = make_plan(catalog, PlanRequest(stack=stack, hours_per_week=12, start=start))
    assert 9 < plan.months <= 12
    assert add_months(start, 9) <= plan.end + timedelta(days=1) <= add_months(start, 12)
    assert plan.warnings == []
    assert plan.fits
    assert not plan.ends_early


def test_rust_at_twelve_hours_says_it_needs_thirteen(catalog: Catalog) -> None:
    """Learning Rust is estimated at 56 h against Python's 36 h, which takes its core (640 h) past
    the 12-month window at 12 h/week: the plan is made at its true length and says what would fit."""
    start = date(2027, 1, 4)
    plan = make_plan(catalog, PlanRequest(stack="rust", hours_per_week=12, start=start))
    assert not plan.fits
    assert 12 < plan.months < 12.5
    (warning,) = plan.warnings
    assert "about 13 h/week" in warning
    assert make_plan(catalog, PlanRequest(stack="rust", hours_per_week=13, start=start)).fits


@pytest.mark.parametrize("stack", STACKS)
def test_five_hours_warns_with_true_length_and_enough_hours(catalog: Catalog, stack: str) -> None:
    start = date(2027, 1, 4)
    plan = make_plan(catalog, PlanRequest(stack=stack, hours_per_week=5, start=start))
    assert not plan.fits
    assert plan.months > 12
    assert all(s.item["priority"] == "core" for s in plan.items)
    (warning,) = plan.warnings
    assert f"{plan.months:g} months" in warning
    assert plan.end.isoformat() in warning
    needed = int(warning.split("you would need about ")[1].split(" h/week")[0])
    # the suggested hours really fit the core inside 12 months, and one hour less does not
    quicker = make_plan(catalog, PlanRequest(stack=stack, hours_per_week=needed, start=start))
    assert quicker.fits
    assert quicker.end <= add_months(start, 12) - timedelta(days=1)
    slower = make_plan(catalog, PlanRequest(stack=stack, hours_per_week=needed - 1, start=start))
    assert not slower.fits


@pytest.mark.parametrize("stack", STACKS)
def test_forty_hours_ends_early_and_says_so(catalog: Catalog, stack: str) -> None:
    start = date(2027, 1, 4)
    plan = make_plan(catalog, PlanRequest(stack=stack, hours_per_week=40, start=start))
    assert plan.ends_early
    assert plan.months < 9
    assert not plan.left_out  # everything fits
    (warning,) = plan.warnings
    assert "ends early" in warning
    assert plan.end.isoformat() in warning


def test_done_items_leave_the_schedule(catalog: Catalog) -> None:
    start = date(2027, 1, 4)
    full = make_plan(catalog, PlanRequest(stack="python", hours_per_week=12, start=start, core_only=True))
    first = full.items[0].item["id"]
    rest = make_plan(
        catalog,
        PlanRequest(stack="python", hours_per_week=12, start=start, core_only=True, done=frozenset({first})),
    )
    assert first not in {s.item["id"] for s in rest.items}
    assert rest.end < full.end


def test_mid_week_start_gets_a_partial_first_week(catalog: Catalog) -> None:
    thursday = date(2027, 1, 7)
    plan = make_plan(catalog, PlanRequest(stack="go", hours_per_week=14, start=thursday))
    assert plan.weeks[0].start == date(2027, 1, 4)
    assert plan.weeks[0].capacity == 14 * 60 * 4 // 7
    assert plan.items[0].start == thursday


def test_calendar_helpers() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert months_between(date(2027, 1, 1), date(2027, 12, 31)) == 12
    assert months_between(date(2027, 1, 1), date(2027, 1, 31)) == 1
    monday = date(2027, 1, 4)
    assert capacity_until(monday, monday + timedelta(days=13), 600) == 1200
    assert capacity_until(monday, monday - timedelta(days=1), 600) == 0


WEEKLY = ("system-design-weekly", "coding-interview-practice")


@SETTINGS
@given(stack=st.sampled_from(STACKS), per_week=hours, start=starts, core_only=st.booleans())
def test_weekly_practice_is_spread_over_consecutive_weeks(
    catalog: Catalog, stack: str, per_week: float, start: date, core_only: bool
) -> None:
    plan = make_plan(
        catalog, PlanRequest(stack=stack, hours_per_week=per_week, start=start, core_only=core_only)
    )
    for item_id in WEEKLY:
        sched = next(s for s in plan.items if s.item["id"] == item_id)
        assert sched.item["weekly"] is not None
        weekly = sched.item["weekly"] * 60
        slices = [(w, m) for w in plan.weeks for i, m in w.slices if i == item_id]
        numbers = [w.index for w, _ in slices]
        # a few hours in each week of its span, in weeks that follow each other, never a block
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert sum(m for _, m in slices) == sched.minutes
        assert all(m <= weekly for _, m in slices)
        if per_week * 60 >= 2 * weekly:
            # room for both practices: every full week of its span but the last gets its hours
            for week, minutes in slices[1:-1]:
                assert minutes == weekly, (item_id, week.index)
        assert len(slices) >= sched.minutes // weekly
        # its span runs from its first week to its last
        first_day = plan.start if numbers[0] == 0 else slices[0][0].start
        assert first_day <= sched.start < slices[0][0].start + timedelta(days=7)
        assert slices[-1][0].start <= sched.end < slices[-1][0].start + timedelta(days=7)
        assert sched.end <= plan.end


def test_weekly_practice_shares_its_weeks_with_other_items(catalog: Catalog) -> None:
    plan = make_plan(catalog, PlanRequest(stack="python", hours_per_week=12, start=date(2027, 1, 4)))
    sched = next(s for s in plan.items if s.item["id"] == "system-design-weekly")
    weeks = [w for w in plan.weeks if any(i == "system-design-weekly" for i, _ in w.slices)]
    assert len(weeks) == 9  # 18 h at 2 h a week
    for week in weeks:
        assert dict(week.slices)["system-design-weekly"] == 120
        assert len(week.slices) > 1  # the rest of the week goes to the other items
        assert week.used <= week.capacity
    assert (sched.end - sched.start).days > 7 * 8


def test_practice_that_outlasts_the_window_drops_optional_items_and_says_so(tmp_path: Path) -> None:
    from roadmap_cli.catalog.registry import build_catalog_data, builtin_files

    pack = tmp_path / "long-practice.yaml"
    pack.write_text(
        "milestones:\n"
        "  - id: long-practice\n"
        "    phase: portfolio-and-interviews\n"
        '    title: "Practise one hour every week for a long time"\n'
        "    hours: 60\n"
        "    weekly: 1\n"
        "    sources: [whatmatters-2026]\n",
        encoding="utf-8",
    )
    files = builtin_files()
    catalog = Catalog(build_catalog_data([*files, pack], builtin=set(files)))
    start = date(2027, 1, 4)
    plan = make_plan(catalog, PlanRequest(stack="go", hours_per_week=12, start=start))
    practice = next(s for s in plan.items if s.item["id"] == "long-practice")
    # 60 weeks of an hour: it runs past the window, so no optional item may stay in the plan,
    # and the plan says the core does not fit instead of claiming it does
    assert practice.end > plan.window_end
    assert all(s.item["priority"] == "core" for s in plan.items)
    assert plan.left_out
    assert not plan.fits
    assert plan.end == practice.end
    (warning,) = plan.warnings
    assert "Weekly practice sets that end" in warning
    assert "you would need" not in warning
    assert all(week.used <= week.capacity for week in plan.weeks)
