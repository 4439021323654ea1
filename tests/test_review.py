"""Spaced review: FSRS schedules each finished milestone's reviews, ``today`` keeps a share of each
study day for them, and the plan's dates make room for that share. Through the CLI with
``ROADMAP_TODAY``, and by hand over the pure parts (the share, the backlog, the forgetting curve)."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from roadmap_cli.catalog.registry import builtin_files
from roadmap_cli.planner import pack_days
from roadmap_cli.progress.saved import SavedPlan, loads, to_json
from roadmap_cli.reviewing import scheduler
from roadmap_cli.studytime import Break, StudyCalendar, spread
from roadmap_cli.views.reviews import (
    FIRST_STABILITY,
    REVIEW_MINUTES,
    Card,
    retrievability,
    review_days,
    reviewed_at,
)
from test_time_by_the_day import START, active_plan, follow_today, js, ok, run, standing


def review(runner: CliRunner, item_id: str, rating: str, day: date) -> dict[str, Any]:
    recorded: dict[str, Any] = js(runner, "review", item_id, "--rating", rating, today=day)["recorded"][0]
    return recorded


@pytest.fixture
def ticked(runner: CliRunner) -> CliRunner:
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat(), "--review", "10%")
    ok(runner, "check", "sql-fundamentals", "joins-and-indexes")
    return runner


# -- FSRS, with a fixed scheduler ----------------------------------------------------------------------


def test_the_scheduler_is_fixed_no_fuzz_no_minute_steps() -> None:
    fixed = scheduler()
    assert fixed.enable_fuzzing is False
    assert fixed.learning_steps == ()
    assert fixed.relearning_steps == ()


def test_intervals_grow_with_good_and_shrink_with_again(ticked: CliRunner) -> None:
    day, intervals = START, []
    for _ in range(4):
        card = review(ticked, "sql-fundamentals", "good", day)
        due = date.fromisoformat(card["next_review"])
        intervals.append((due - day).days)
        day = due
    assert intervals == sorted(intervals)
    assert intervals[-1] > intervals[0]
    assert len(set(intervals)) == 4
    forgot = review(ticked, "sql-fundamentals", "again", day)
    assert (date.fromisoformat(forgot["next_review"]) - day).days < intervals[-1]
    # and the same answers on the same days give the same days: nothing random
    again = review(ticked, "joins-and-indexes", "good", START)
    assert again["next_review"] == (START + timedelta(days=intervals[0])).isoformat()


def test_the_hand_written_curve_is_fsrs_own(ticked: CliRunner) -> None:
    from fsrs import Card as FsrsCard
    from fsrs import State

    fixed = scheduler()
    for stability in (0.5, FIRST_STABILITY, 10.0, 300.0):
        for days in (0, 1, 7, 30, 365):
            card = FsrsCard(
                card_id=1,
                state=State.Review,
                step=None,
                stability=stability,
                difficulty=5.0,
                last_review=reviewed_at(START),
            )
            expected = fixed.get_card_retrievability(card, reviewed_at(START + timedelta(days=days)))
            assert retrievability(stability, days) == pytest.approx(expected, rel=1e-12)
    assert retrievability(7.0, 7) == pytest.approx(0.9)  # the stability is the days to 90% recall


def test_a_card_survives_a_backup_and_its_import(
    ticked: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review(ticked, "sql-fundamentals", "good", START + timedelta(days=1))
    review(ticked, "sql-fundamentals", "hard", START + timedelta(days=3))
    day = START + timedelta(days=5)
    before = js(ticked, "review", "--list", today=day)
    backup = tmp_path / "backup.json"
    ok(ticked, "progress", "export", str(backup), today=day)
    monkeypatch.setenv("ROADMAP_HOME", str(tmp_path / "elsewhere"))
    ok(ticked, "progress", "import", str(backup), today=day)
    assert js(ticked, "review", "--list", today=day) == before
    kinds = [e["kind"] for e in json.loads(backup.read_text(encoding="utf-8"))["events"]]
    assert kinds.count("review") == 2


def test_editing_a_milestone_keeps_its_card(ticked: CliRunner, tmp_path: Path) -> None:
    first = review(ticked, "sql-fundamentals", "good", START + timedelta(days=1))
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        yaml.safe_dump(
            {
                "pack": {"id": "ours", "title": "Ours", "version": "1", "description": "Our words."},
                "milestones": [
                    {
                        "id": "sql-fundamentals",
                        "replace": True,
                        "phase": "foundations",
                        "title": "Write SQL by hand against our schema",
                        "hours": 8,
                        "review": [
                            "Say what our orders table holds.",
                            "Join orders to customers by hand.",
                            "Count yesterday's orders by country.",
                        ],
                        "sources": ["whatmatters-2026"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    ok(ticked, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat(), "--pack", str(pack))
    due = date.fromisoformat(first["next_review"])
    listed = {c["id"]: c for c in js(ticked, "review", "--list", today=due)["due"]}
    card = listed["sql-fundamentals"]
    assert card["title"] == "Write SQL by hand against our schema"
    assert card["reviews"] == 1
    assert card["due"] == first["next_review"]
    assert card["prompt"] == "Join orders to customers by hand."  # the next prompt, in turn


# -- the command -----------------------------------------------------------------------------------


def test_review_without_a_terminal_or_a_rating_says_how(ticked: CliRunner) -> None:
    code, _, err = run(ticked, "review")
    assert code == 2
    assert "no terminal" in err
    assert "--rating good" in err
    assert "Traceback" not in err
    code, _, err = run(ticked, "review", "sql-fundamentals", "--rating", "perfect")
    assert code == 2
    assert "again, hard, good, easy" in err
    code, _, err = run(ticked, "review", "crud-cli-tool", "--rating", "good")
    assert code == 2
    assert "once you tick it" in err
    code, _, err = run(ticked, "review", "no-such-item", "--rating", "good")
    assert code == 2
    assert "not an item of your plan" in err


def test_a_review_is_an_event_and_undo_takes_it_back(ticked: CliRunner) -> None:
    day = START + timedelta(days=2)
    before = js(ticked, "review", "--list", today=day)
    review(ticked, "sql-fundamentals", "easy", day)
    assert js(ticked, "status", today=day)["reviews"]["done_this_week"] == 1
    undone = js(ticked, "review", "--undo", today=day)
    assert undone["undone"]["id"] == "sql-fundamentals"
    assert js(ticked, "review", "--list", today=day) == before
    code, _, err = run(ticked, "review", "--undo", today=day)
    assert code == 2
    assert "no review to take back" in err


def test_today_lists_the_reviews_due_most_forgotten_first_within_the_share(ticked: CliRunner) -> None:
    review(ticked, "joins-and-indexes", "good", START + timedelta(days=1))
    day = START + timedelta(days=20)  # both due; sql-fundamentals never reviewed, so the more forgotten
    doc = js(ticked, "today", today=day)["reviews"]
    share = active_plan().calendar.review_minutes_on(day)
    assert doc["share_percent"] == 10
    assert share == 10
    assert [r["id"] for r in doc["planned"]] == ["sql-fundamentals"]
    assert doc["planned"][0]["minutes"] == REVIEW_MINUTES
    assert doc["planned"][0]["prompt"]
    assert doc["waiting"] == 1
    assert doc["due"] == 2
    status = js(ticked, "status", today=day)["reviews"]
    assert status["cards"] == 2
    assert 0 < status["remembered"] < 1
    assert "Review" in ok(ticked, "today", today=day)


def test_a_plan_without_a_share_says_how_to_keep_one(runner: CliRunner) -> None:
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat())
    ok(runner, "check", "sql-fundamentals")
    text = ok(runner, "today", today=START + timedelta(days=3))
    assert "--review 10%" in " ".join(text.split())
    code, _, err = run(runner, "plan", "--lang", "python", "--hours", "12", "--review", "90%")
    assert code == 2
    assert "0% to 50%" in err


def test_replan_keeps_the_share_and_review_changes_it(ticked: CliRunner) -> None:
    ok(ticked, "replan", "--from", "2027-02-01")
    assert active_plan().calendar.review == 10
    assert "12 h/week, 10% kept for review ·" in " ".join(ok(ticked, "show").split())
    ok(ticked, "replan", "--from", "2027-02-01", "--review", "0")
    assert active_plan().calendar.review == 0
    assert "kept for review" not in ok(ticked, "show")


# -- the share, by hand ----------------------------------------------------------------------------


def cards_due(count: int, due: date, stabilities: list[float]) -> list[Card]:
    return [
        Card(
            f"m{n}",
            f"M {n}",
            "Explain it.",
            due,
            due - timedelta(days=1),
            stabilities[n % len(stabilities)],
            0,
        )
        for n in range(count)
    ]


calendars = st.builds(
    lambda week, share: StudyCalendar(week, review=share),
    st.tuples(*[st.integers(0, 240)] * 7).filter(any),
    st.integers(0, 50),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    calendars,
    st.integers(0, 60),
    st.lists(st.floats(0.5, 400), min_size=1, max_size=5),
    st.integers(0, 30),
)
def test_review_minutes_on_a_day_never_exceed_its_share(
    calendar: StudyCalendar, count: int, stabilities: list[float], spread_days: int
) -> None:
    cards = [
        Card(c.id, c.title, c.prompt, START + timedelta(days=n % (spread_days + 1)), START, c.stability, 0)
        for n, c in enumerate(cards_due(count, START, stabilities))
    ]
    placed = review_days(cards, calendar, START)
    for day in placed:
        assert day.used <= day.share == calendar.review_minutes_on(day.day)
        forgotten = [s.retrievability for s in day.slots]
        assert forgotten == sorted(forgotten)  # most forgotten first
    if calendar.review and max(calendar.weekdays) * calendar.review // 100:
        assert sum(len(d.slots) for d in placed) == count  # every review finds a day


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.integers(5, 50), st.integers(5, 30))
def test_after_a_two_week_break_the_backlog_is_spread_not_dumped(count: int, share: int) -> None:
    off = Break(START, START + timedelta(days=13), "holiday")
    calendar = StudyCalendar(spread(720), breaks=(off,), review=share)
    due = [
        Card(c.id, c.title, c.prompt, START + timedelta(days=n % 14), c.since, c.stability, 0)
        for n, c in enumerate(cards_due(count, START, [3.0, 30.0]))
    ]
    placed = review_days(due, calendar, START)
    assert all(d.used == 0 for d in placed if off.holds(d.day))
    after = [d for d in placed if d.day > off.end]
    assert all(d.used <= d.share for d in after)
    assert sum(len(d.slots) for d in after) == count
    if count * REVIEW_MINUTES > calendar.review_minutes_on(off.end + timedelta(days=1)):
        assert len([d for d in after if d.slots]) > 1  # more than a day's share: spread over days


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.tuples(*[st.integers(0, 180)] * 7).filter(any),
    st.integers(1, 50),
    st.lists(st.integers(30, 3000), min_size=1, max_size=12),
)
def test_the_plan_end_moves_by_the_reserved_time_not_more(
    week: tuple[int, int, int, int, int, int, int], share: int, minutes: list[int]
) -> None:
    """Without weekly practice each day is filled to its time for new work: the plan ends on the first
    day by which the days' time, less the share kept for review, holds all the work."""
    work: list[tuple[str, int, int | None]] = [(f"i{n}", m, None) for n, m in enumerate(minutes)]
    total = sum(minutes)
    for calendar in (StudyCalendar(week), StudyCalendar(week, review=share)):
        if not any(calendar.work_minutes_on(START + timedelta(days=n)) for n in range(7)):
            continue
        spans, days = pack_days(work, START, calendar)
        end = max(e for _, e in spans.values())
        assert all(d.capacity == calendar.work_minutes_on(d.day) for d in days)
        assert calendar.work_minutes_between(START, end) >= total
        assert calendar.work_minutes_between(START, end - timedelta(days=1)) < total


# -- the content -----------------------------------------------------------------------------------


def test_every_built_in_milestone_has_three_to_five_prompts_of_its_own() -> None:
    for path in builtin_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for milestone in data.get("milestones", []):
            prompts = milestone.get("review", [])
            assert 3 <= len(prompts) <= 5, milestone["id"]
            assert len(set(prompts)) == len(prompts), milestone["id"]
            for prompt in prompts:
                assert prompt not in milestone.get("description", ""), milestone["id"]
    # none copied from the guides: tests/test_content_words.py checks every string of the content,
    # the prompts included, against the guides' sentences


# -- the self-assessment ---------------------------------------------------------------------------

SQL = ("sql-fundamentals", "joins-and-indexes", "explain-analyze")


def schedule_of(plan: SavedPlan) -> tuple[Any, ...]:
    """What a plan asks of the learner: its end, its items and its days."""
    return plan.end, plan.items, plan.settled, plan.days


@pytest.mark.parametrize("stack", ["python", "go"])
def test_rating_sql_3_takes_the_sql_items_out_and_undo_puts_them_back(runner: CliRunner, stack: str) -> None:
    ok(runner, "plan", "--lang", stack, "--hours", "12", "--start", START.isoformat())
    before = active_plan()
    sql_minutes = sum(i.planned for i in before.items if i.id in SQL)
    assert sql_minutes > 0
    doc = js(runner, "assess", "--rate", "sql=3")
    after = active_plan()
    assert doc["recorded"] == [{"skill": "postgresql", "rating": 3}]
    assert not {i.id for i in after.items} & set(SQL)
    assert {i.id for i in after.settled} >= set(SQL)
    assert before.planned_minutes - after.planned_minutes == sql_minutes
    assert doc["plan"]["saved_hours"] == round(sql_minutes / 60, 2)
    assert after.end < before.end
    # ends earlier by their hours, not more: the study time between the two ends is about theirs
    moved = after.calendar.work_minutes_between(after.end + timedelta(days=1), before.end)
    assert moved <= sql_minutes + max(after.calendar.weekdays)
    shown = js(runner, "show")
    states = {i["id"]: i["state"] for i in [*shown["items"], *shown["settled"]]}
    assert {states[i] for i in SQL} == {"skipped"}
    undone = js(runner, "assess", "--undo")
    assert undone["undone"] == {"skill": "postgresql", "rating": 3}
    assert schedule_of(active_plan()) == schedule_of(before)


def test_a_rating_counts_in_every_stack(runner: CliRunner) -> None:
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat())
    ok(runner, "assess", "--rate", "postgresql=3")
    ok(runner, "plan", "--lang", "go", "--hours", "12", "--start", START.isoformat())
    assert not {i.id for i in active_plan().items} & set(SQL)


def test_rating_2_cuts_the_hours_by_half_and_makes_a_card(runner: CliRunner) -> None:
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat())
    before = {i.id: i for i in active_plan().items}
    ok(runner, "assess", "docker=2")
    after = {i.id: i for i in active_plan().items}
    docker = after["docker-containerize"]
    assert (
        docker.planned == before["docker-containerize"].minutes - before["docker-containerize"].minutes // 2
    )
    due = js(runner, "review", "--list", today=START + timedelta(days=1))["due"]
    assert [c["id"] for c in due] == ["docker-containerize"]


def test_assess_says_what_is_wrong(runner: CliRunner) -> None:
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat())
    for args, words in (
        ((), "no terminal"),
        (("--rate", "sql=7"), "0 to 3"),
        (("--rate", "cobol=2"), "not a skill"),
        (("--undo",), "no self-assessment"),
        (("--undo", "sql=3"), "one at a time"),
    ):
        code, _, err = run(runner, "assess", *args)
        assert code == 2, args
        assert words in err
        assert "Traceback" not in err


# -- on a terminal, and in the report ------------------------------------------------------------


def test_review_and_assess_ask_on_a_terminal(ticked: CliRunner, roadmap_home: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    from test_face import ROADMAP

    day = (START + timedelta(days=3)).isoformat()
    env = {**os.environ, "ROADMAP_HOME": str(roadmap_home), "ROADMAP_TODAY": day, "TERM": "dumb"}

    def answer(args: list[str], steps: list[tuple[str, str]]) -> str:
        child = pexpect.spawn(ROADMAP[0], [*ROADMAP[1:], *args], env=env, encoding="utf-8", timeout=60)
        for expected, reply in steps:
            child.expect(expected)
            child.sendline(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
        return str(child.before)

    recall = "How well did you recall it"
    answer(["review"], [(recall, "x"), (recall, "good"), (recall, "again")])  # "x" is asked again
    recorded = [r["id"] for r in js(ticked, "review", "--list", today=day)["due"]]
    assert recorded == []  # both reviewed: the next reviews lie ahead
    events = json.loads(ok(ticked, "progress", "export"))["events"]
    ratings = [json.loads(e["value"])["rating"] for e in events if e["kind"] == "review"]
    assert sorted(ratings) == ["again", "good"]
    check = "without notes"
    answer(["assess"], [(check, "y"), (check, "y"), (check, "y"), ("Your rating", ""), (check, "q")])
    assert js(ticked, "assess", "--list")["skills"][0]["rating"] == 3  # the self-checks' suggestion


def test_the_report_charts_what_is_still_remembered(ticked: CliRunner, tmp_path: Path) -> None:
    review(ticked, "sql-fundamentals", "good", START + timedelta(days=1))
    page = tmp_path / "report.html"
    ok(ticked, "report", "--output", str(page), today=START + timedelta(days=30))
    html = page.read_text(encoding="utf-8")
    assert "Still remembered" in html
    assert "still recall, by FSRS" in html


# -- what is kept ----------------------------------------------------------------------------------


def test_a_schema_5_database_migrates_and_keeps_its_ticks(tmp_path: Path) -> None:
    from roadmap_cli.progress import store as kept
    from roadmap_cli.progress.migrations import MIGRATIONS, migrate
    from roadmap_cli.progress.models import CardState, review_value

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, MIGRATIONS[:5], now=kept.utc_now, rebuild=kept._rebuild)
    db.execute("BEGIN")
    db.execute(
        "INSERT INTO events (uid, item_id, kind, value, created_at) "
        "VALUES ('u1', 'sql-fundamentals', 'tick', NULL, '2027-01-05T10:00:00+00:00')"
    )
    kept._keep(db, kept._rebuild(db), ["sql-fundamentals"])
    db.execute("COMMIT")
    with pytest.raises(sqlite3.IntegrityError):  # schema 5 knows no review
        db.execute(
            "INSERT INTO events (uid, item_id, kind, value, created_at) VALUES ('u2', 'x', 'review', '', '')"
        )
    db.close()
    card = CardState(START + timedelta(days=3), START, 3.1, 5.0)
    with kept.open_store(readonly=False, path=path) as store:
        assert store.schema_version() == kept.LATEST_VERSION == 7
        store.record([("sql-fundamentals", "review", review_value(START, "good", card))])
        state = store.state()
        assert state.get("sql-fundamentals").ticked
        assert state.get("sql-fundamentals").card == card
        assert store.replay() == state


def test_a_plan_saved_before_the_share_keeps_none(ticked: CliRunner) -> None:
    doc = to_json(active_plan())
    assert doc["calendar"]["review"] == 10
    del doc["calendar"]["review"]
    for item in doc["items"]:
        del item["review"], item["skills"]
    old = loads(json.dumps(doc))
    assert old.calendar.review == 0
    assert old.days == active_plan().days  # its days as they were planned


def test_after_a_break_today_spreads_the_backlog_within_each_days_share(ticked: CliRunner) -> None:
    for item_id in ("learn-language-core", "programming-fundamentals", "crud-cli-tool", "explain-analyze"):
        ok(ticked, "check", item_id)
    ok(ticked, "break", "2027-01-05..2027-01-18")
    plan = active_plan()
    waiting, days_used = 6, 0
    for offset in range(1, 30):
        day = START + timedelta(days=offset)
        reviews = js(ticked, "today", today=day)["reviews"]
        assert sum(r["minutes"] for r in reviews["planned"]) <= plan.calendar.review_minutes_on(day)
        if plan.calendar.break_on(day) is not None:
            assert reviews["planned"] == []
            continue
        assert reviews["due"] == waiting  # none dropped
        for slot in reviews["planned"]:  # the learner does what today lists (easy: not back for days)
            review(ticked, slot["id"], "easy", day)
        waiting -= len(reviews["planned"])
        days_used += bool(reviews["planned"])
        if not waiting:
            break
    assert waiting == 0
    assert days_used > 1  # spread over the days after the break, not dumped on the first


def test_a_pack_gives_three_to_five_prompts_or_is_told_where(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "milestones:\n"
        "  - id: our-service\n"
        "    phase: foundations\n"
        '    title: "Read our service"\n'
        "    hours: 4\n"
        "    review:\n"
        '      - "Trace one request through the service."\n'
        '      - "Name its slowest endpoint and why."\n'
        "    sources: [whatmatters-2026]\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "packs", "validate", str(pack))
    assert code == 65
    assert f"{pack}:7:7: milestones[0].review" in err
    assert "at least 3" in out + err


def test_a_learner_who_does_today_with_its_reviews_stays_on_plan(runner: CliRunner) -> None:
    """Six weeks with a fifth of each day kept for review: the new work fills the rest of each day, the
    reviews their share, and doing both keeps the learner on plan, every day."""
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat(), "--review", "20%")
    calendar = active_plan().calendar
    reviewed = 0
    for offset in range(42):
        day = START + timedelta(days=offset)
        shown = js(runner, "today", today=day)
        assert sum(i["minutes"] for i in shown["items"]) <= calendar.work_minutes_on(day)
        assert sum(r["minutes"] for r in shown["reviews"]["planned"]) <= calendar.review_minutes_on(day)
        follow_today(runner, day)
        for slot in shown["reviews"]["planned"]:
            review(runner, slot["id"], "good", day)
            reviewed += 1
        assert abs(standing(runner, day + timedelta(days=1))) <= 3, day
    assert reviewed > 0


def test_the_list_of_skills_wraps_to_a_narrow_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START.isoformat())
    monkeypatch.setenv("COLUMNS", "40")
    out = ok(runner, "assess", "--list")
    assert "postgresql" in out
    assert max(len(line) for line in out.splitlines()) <= 40


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["review", "programming-fundamentals", "--rating", "bogus"], "--rating 'bogus' is not a rating"),
        (["assess", "--rate", "=3"], "'=3' is not SKILL=RATING"),
        (["assess", "--rate", "sql=9"], "'sql=9' is not SKILL=RATING"),
    ],
)
def test_a_rating_that_is_not_one_is_named_with_what_is_allowed(
    ticked: CliRunner, args: list[str], said: str
) -> None:
    code, out, err = run(ticked, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {said}")
    assert "hint: " in err
