"""Exports rendered from a plan and its progress: Markdown, CSV and an RFC 5545 calendar."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.errors import UsageError
from roadmap_cli.planner import PlanRequest, make_plan
from roadmap_cli.progress.models import Event, EventKind, ProgressState
from roadmap_cli.progress.saved import from_planner
from roadmap_cli.render.csvout import COLUMNS, render_csv
from roadmap_cli.render.ical import parse_sessions, render_ics
from roadmap_cli.render.markdown import render_markdown
from roadmap_cli.views.state import Progress, compute_progress
from roadmap_cli.views.timeline import TODAY, Span, timeline

START = date(2027, 1, 6)  # a Wednesday


def _state(*entries: tuple[str, EventKind, str | None]) -> ProgressState:
    return ProgressState.replay(
        Event(str(n), item_id, kind, value, f"2027-01-07T10:00:{n:02d}+00:00")
        for n, (item_id, kind, value) in enumerate(entries)
    )


@pytest.fixture
def export(catalog: Catalog) -> Progress:
    plan = from_planner(
        make_plan(catalog, PlanRequest(stack="python", hours_per_week=12, start=START)), catalog
    )
    state = _state(
        ("learn-language-core", "tick", None),
        ("learn-language-core", "note", "took longer than planned"),
        ("bookmark-manager-api", "tick", None),
        ("bookmark-manager-api", "evidence", "https://example.org/bookmarks"),
        ("crud-cli-tool", "tick", None),
        ("programming-fundamentals", "skip", None),
    )
    return compute_progress(plan, state, START)


def test_markdown_task_list_matches_progress(export: Progress) -> None:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    text = render_markdown(export)
    tokens = MarkdownIt("commonmark").use(tasklists_plugin).parse(text)
    inline = [child for t in tokens if t.type == "inline" for child in t.children or []]
    boxes = [t for t in inline if t.type == "html_inline" and "task-list-item-checkbox" in t.content]
    checked = [t for t in boxes if 'checked="checked"' in t.content]
    assert len(boxes) == len(export.items)
    assert len(checked) == 4  # three ticks and one skip
    assert "https://example.org/bookmarks" in text
    assert "took longer than planned" in text
    assert text.startswith("# Backend study plan: Python with FastAPI")
    assert "## 1. Foundations" in text


def test_csv_has_one_row_per_item(export: Progress) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(export))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["id"] for r in rows] == [i.item.id for i in export.items]
    statuses = {r["id"]: r["state"] for r in rows}
    assert statuses["crud-cli-tool"] == "done"
    assert statuses["programming-fundamentals"] == "skipped"
    assert statuses["sql-fundamentals"] == "planned"
    done = sum(float(r["hours"]) for r in rows if r["state"] in ("done", "skipped"))
    total = sum(float(r["hours"]) for r in rows)
    assert round(100 * done / total, 1) == export.overall.percent


def test_done_before_this_plan_still_shows(catalog: Catalog) -> None:
    made = make_plan(
        catalog,
        PlanRequest(stack="go", hours_per_week=12, start=START, done=frozenset({"learn-language-core"})),
    )
    plan = from_planner(made, catalog)
    settled = plan.item("learn-language-core")
    assert settled is not None
    assert settled.start is None
    assert settled.title.startswith("Learn Go")
    export = compute_progress(plan, _state(("learn-language-core", "tick", None)), START)
    text = render_markdown(export)
    assert "done or skipped before this plan" in text
    assert "- [x] Learn Go" in text
    # unticked since: no longer done, and shown as not scheduled rather than ticked
    unticked = compute_progress(
        plan, _state(("learn-language-core", "tick", None), ("learn-language-core", "untick", None)), START
    )
    entry = unticked.of("learn-language-core")
    assert entry is not None
    assert entry.state == "unscheduled"
    assert "- [ ] Learn Go" in render_markdown(unticked)


def test_ics_follows_rfc_5545(export: Progress) -> None:
    from icalendar import Calendar

    raw = render_ics(
        export, sessions=parse_sessions("mon,wed 19:00-21:00; sat 10:00-12:30"), tz="Europe/Berlin"
    )
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    cal = Calendar.from_ical(raw)
    assert cal["VERSION"] == "2.0"
    assert "roadmap" in str(cal["PRODID"])
    events = cal.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    for event in events:
        for prop in ("UID", "DTSTAMP", "DTSTART"):
            assert prop in event
    all_day = [e for e in events if "session" not in str(e["UID"])]
    assert len(all_day) == len(export.plan.items)
    timed = [e for e in events if "session" in str(e["UID"])]
    assert timed
    first = timed[0]
    begins = first.decoded("DTSTART")
    assert str(begins.tzinfo) == "Europe/Berlin"
    assert begins.date() >= START
    assert "Study:" in str(first["SUMMARY"])
    assert cal.walk("VTIMEZONE")


def test_ics_is_the_same_twice(export: Progress) -> None:
    sessions = parse_sessions("tue 18:00-20:00")
    assert render_ics(export, sessions=sessions, tz="UTC") == render_ics(export, sessions=sessions, tz="UTC")


@pytest.mark.parametrize(
    "spec", ["", "funday 19:00-21:00", "mon 25:00-26:00", "mon 21:00-19:00", "mon", "mon 19:00"]
)
def test_bad_sessions(spec: str) -> None:
    with pytest.raises(UsageError):
        parse_sessions(spec)


def test_session_day_ranges() -> None:
    sessions = parse_sessions("mon-fri 7:30-8:30")
    assert [s.weekday for s in sessions] == [0, 1, 2, 3, 4]


def test_timeline_marks_today_and_progress() -> None:
    spans = [
        Span("1. A", date(2027, 1, 4), date(2027, 3, 1), done=0.5),
        Span("2. B", date(2027, 3, 2), date(2027, 6, 30)),
    ]
    picture = timeline(spans, date(2027, 1, 4), date(2027, 6, 30), today=date(2027, 2, 1), width=40)
    assert picture.today_column is not None
    assert all(bar[picture.today_column] == TODAY for _, bar in picture.rows)
    assert "Jan" in picture.axis
    assert "Jun" in picture.axis
    first, second = (bar for _, bar in picture.rows)
    assert first.startswith("█")
    assert second.startswith("·")
    outside = timeline(spans, date(2027, 1, 4), date(2027, 6, 30), today=date(2028, 1, 1), width=40)
    assert outside.today_column is None
