"""One truth: after every step of a year's life with a plan, every view tells the same story.

The walk: plan → check → skip → note → replan → undo → a new plan with another window → a backup
→ the backup imported into an empty home. After each step ``status --json``, the feedback of the
command that changed something, and the Markdown, CSV and JSON exports must agree on every item's
state and on the percent done.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app

START = "2027-01-04"
TODAY = "2027-03-15"
FEEDBACK = re.compile(r"(\d+) of (\d+) items done · .* \((\d+(?:\.\d+)?)% of the plan's estimated hours\)")


def run(runner: CliRunner, home: Path, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"ROADMAP_HOME": str(home), "ROADMAP_TODAY": TODAY})
    assert result.exit_code == 0, f"roadmap {' '.join(args)}: {result.output}"
    return result.stdout


def views(runner: CliRunner, home: Path) -> dict[str, Any]:
    """What each view says: each item's state (or only done or not), and the percent."""
    status = json.loads(run(runner, home, "status", "--json"))
    export = json.loads(run(runner, home, "export", "--format", "json"))
    rows = list(csv.DictReader(io.StringIO(run(runner, home, "export", "--format", "csv"))))
    markdown = run(runner, home, "export", "--format", "md")

    items = [*export["items"], *export["settled"]]
    states = {i["id"]: i["state"] for i in items}
    boxes = {
        item_id: box for box, item_id in re.findall(r"^- \[(x| )\] .*? — `([a-z0-9-]+)`", markdown, re.M)
    }
    md_percent = re.search(
        r"\*\*Progress:\*\* .*\((\d+(?:\.\d+)?)% of the plan's estimated hours\)", markdown
    )
    assert md_percent is not None
    csv_done = sum(float(r["hours"]) for r in rows if r["state"] in ("done", "skipped"))
    csv_total = sum(float(r["hours"]) for r in rows)
    return {
        "status": status,
        "export": export,
        "states": states,
        "csv_states": {r["id"]: r["state"] for r in rows},
        "md_done": {item_id: box == "x" for item_id, box in boxes.items()},
        "percents": {
            "status": status["progress"]["percent"],
            "export": export["progress"]["percent"],
            "markdown": float(md_percent[1]),
            "csv": round(100 * csv_done / csv_total, 1) if csv_total else 0.0,
        },
    }


def agree(runner: CliRunner, home: Path, feedback: str | None = None) -> dict[str, Any]:
    seen = views(runner, home)
    states = seen["states"]
    assert seen["csv_states"] == states
    assert seen["md_done"] == {i: s in ("done", "skipped") for i, s in states.items()}
    percents = set(seen["percents"].values())
    assert len(percents) == 1, seen["percents"]
    done = sum(1 for s in states.values() if s in ("done", "skipped"))
    status = seen["status"]
    assert status["progress"]["done_items"] == done
    assert status["progress"]["total_items"] == len(states)
    assert sorted(status["unscheduled"]) == sorted(i for i, s in states.items() if s == "unscheduled")
    assert sorted(i["id"] for i in status["overdue"]) == sorted(
        i for i, s in states.items() if s == "overdue"
    )
    if feedback is not None:
        found = FEEDBACK.search(feedback)
        assert found, feedback
        assert (int(found[1]), int(found[2]), float(found[3])) == (done, len(states), percents.pop())
    return seen


def test_every_view_agrees_at_every_step(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    run(runner, home, "plan", "-l", "python", "-H", "12", "--start", START)
    agree(runner, home)

    first = agree(runner, home, run(runner, home, "check", "learn-language-core", "crud-cli-tool"))
    assert first["states"]["learn-language-core"] == "done"

    seen = agree(runner, home, run(runner, home, "skip", "sql-fundamentals"))
    assert seen["states"]["sql-fundamentals"] == "skipped"
    assert 0 < seen["percents"]["status"] < 100

    agree(runner, home, run(runner, home, "note", "crud-cli-tool", "argparse, then typer"))

    run(runner, home, "replan", "--from", TODAY)
    seen = agree(runner, home)
    assert seen["states"]["learn-language-core"] == "done"  # settled in the new plan, still done
    assert not any(i["id"] == "learn-language-core" for i in seen["export"]["items"])

    # the tick taken back after the replan: not done anywhere, and not ticked in the Markdown
    seen = agree(runner, home, run(runner, home, "check", "--undo", "learn-language-core"))
    assert seen["states"]["learn-language-core"] == "unscheduled"
    assert seen["md_done"]["learn-language-core"] is False

    run(runner, home, "plan", "-l", "python", "-H", "8", "--months", "14-16", "--start", TODAY)
    seen = agree(runner, home)
    assert seen["states"]["learn-language-core"] == "planned"  # back in the schedule
    assert seen["states"]["crud-cli-tool"] == "done"

    backup = tmp_path / "backup.json"
    run(runner, home, "progress", "export", str(backup))
    before = views(runner, home)

    fresh = tmp_path / "fresh"
    run(runner, fresh, "progress", "import", str(backup))
    after = agree(runner, fresh)
    assert after["status"] == before["status"]
    assert after["export"] == before["export"]


@pytest.mark.parametrize("stack", ["go", "rust"])
def test_a_tick_made_in_another_plan_counts_the_same_everywhere(
    runner: CliRunner, tmp_path: Path, stack: str
) -> None:
    home = tmp_path / "home"
    run(runner, home, "plan", "-l", "python", "-H", "12", "--start", START)
    run(runner, home, "check", "sql-fundamentals")
    run(runner, home, "plan", "-l", stack, "-H", "12", "--start", START)
    seen = agree(runner, home)
    assert seen["states"]["sql-fundamentals"] == "done"
