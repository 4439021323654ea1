"""`roadmap plan` as a person runs it: the views, the JSON contract and every bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app

START = "2027-01-04"  # a Monday


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_human_view_has_summary_and_months(runner: CliRunner) -> None:
    code, out, err = run(runner, "plan", "--lang", "python", "--hours", "12", "--start", START)
    assert code == 0, err
    assert "Python with FastAPI" in out
    assert "12 h/week" in out
    assert "Mon 2027-01-04" in out
    assert "Jan 2027" in out
    assert "Oct 2027" in out
    assert "Project:" in out
    assert err == "Saved as your active plan. Tick items with `roadmap check ID`.\n"


def test_weeks_view_lists_every_week(runner: CliRunner) -> None:
    code, out, _ = run(runner, "plan", "-l", "go", "-H", "12", "--start", START, "--weeks", "--json")
    weeks = json.loads(out)["weeks"]
    code, out, _ = run(runner, "plan", "-l", "go", "-H", "12", "--start", START, "--weeks")
    assert code == 0
    assert f"{len(weeks)} weeks" in out
    assert "Mon 2027-01-11" in out  # week 2


def test_json_contract(runner: CliRunner) -> None:
    code, out, err = run(runner, "plan", "--lang", "ts", "--hours", "12", "--start", START, "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["version"] == 1
    assert doc["request"] == {
        "lang": "typescript",
        "framework": "express",
        "hours": 12.0,
        "start": START,
        "months": [10, 12],
        "core_only": False,
        "packs": [],
        "certs": ["aws-solutions-architect-associate"],
    }
    summary = doc["summary"]
    assert {"start", "end", "months", "total_hours", "warnings"} <= set(summary)
    assert summary["start"] == START
    assert date.fromisoformat(summary["end"]) > date.fromisoformat(START)
    assert 10 <= summary["months"] <= 12
    assert summary["warnings"] == []
    for week in doc["weeks"]:
        assert date.fromisoformat(week["start"]).weekday() == 0
        assert week["hours"] <= 12
        for item in week["items"]:
            assert set(item) == {"id", "title", "kind", "phase", "hours"}
    ids = [i["id"] for i in doc["items"]]
    assert len(ids) == len(set(ids))
    for item in doc["items"]:
        assert {"id", "title", "kind", "phase", "priority", "hours", "start", "end"} <= set(item)
        assert item["kind"] in {"milestone", "project"}
        assert item["start"] <= item["end"]
    assert sum(i["hours"] for i in doc["items"]) == pytest.approx(summary["total_hours"])
    assert "{" not in out.replace("{\n", "").split('"title"')[1]  # placeholders are filled in


@pytest.mark.parametrize(
    ("alias", "stack"),
    [
        ("py", "python"),
        ("ts", "typescript"),
        ("node", "typescript"),
        ("golang", "go"),
        ("c#", "csharp"),
        ("dotnet", "csharp"),
        ("Java", "java"),
        ("rust", "rust"),
    ],
)
def test_lang_aliases(runner: CliRunner, alias: str, stack: str) -> None:
    code, out, _ = run(runner, "plan", "--lang", alias, "--hours", "10", "--json", "--start", START)
    assert code == 0
    assert json.loads(out)["request"]["lang"] == stack


def test_framework_choice_changes_titles(runner: CliRunner) -> None:
    _, out, _ = run(
        runner, "plan", "-l", "python", "-H", "12", "--framework", "django", "--json", "--start", START
    )
    doc = json.loads(out)
    assert doc["request"]["framework"] == "django"
    assert any("Django" in i["title"] for i in doc["items"])
    assert not any("FastAPI" in i["title"] for i in doc["items"])


def test_months_window_and_core_only(runner: CliRunner) -> None:
    _, out, _ = run(runner, "plan", "-l", "python", "-H", "20", "--months", "8-9", "--json", "--start", START)
    summary = json.loads(out)["summary"]
    assert summary["months"] <= 9
    _, out, _ = run(runner, "plan", "-l", "python", "-H", "12", "--core-only", "--json", "--start", START)
    assert {i["priority"] for i in json.loads(out)["items"]} == {"core"}


@pytest.mark.parametrize("hours", ["0", "-3", "nan", "inf", "1000", "80.5", "0.5"])
def test_hours_out_of_range(runner: CliRunner, hours: str) -> None:
    code, out, err = run(runner, "plan", "--lang", "python", "--hours", hours)
    assert code == 2
    assert out == ""
    assert "--hours" in err
    assert "1 to 80" in err
    assert "Traceback" not in err


def test_hours_not_a_number(runner: CliRunner) -> None:
    code, _, err = run(runner, "plan", "--lang", "python", "--hours", "abc")
    assert code == 2
    assert "--hours" in err
    assert "abc" in err


def test_unknown_lang_lists_choices_and_suggests(runner: CliRunner) -> None:
    code, out, err = run(runner, "plan", "--lang", "pyhton", "--hours", "12")
    assert code == 2
    assert out == ""
    assert "unknown --lang 'pyhton'" in err
    for stack in ("python", "typescript", "go", "java", "rust", "csharp"):
        assert stack in err
    assert "did you mean 'python'" in err


def test_unknown_framework(runner: CliRunner) -> None:
    code, _, err = run(runner, "plan", "--lang", "go", "--hours", "12", "--framework", "django")
    assert code == 2
    assert "Go has no framework 'django'" in err
    assert "gin" in err.lower()


@pytest.mark.parametrize("start", ["2027-13-01", "tomorrow", "04/01/2027", "2027-02-30"])
def test_malformed_start(runner: CliRunner, start: str) -> None:
    code, _, err = run(runner, "plan", "--lang", "go", "--hours", "12", "--start", start)
    assert code == 2
    assert "--start" in err
    assert "YYYY-MM-DD" in err


@pytest.mark.parametrize("months", ["0", "13-9", "abc", "40", "-2", "5-", "1-99"])
def test_impossible_months(runner: CliRunner, months: str) -> None:
    code, _, err = run(runner, "plan", "--lang", "go", "--hours", "12", "--months", months)
    assert code == 2
    assert "--months" in err
    assert "Traceback" not in err


def test_missing_options_exit_2(runner: CliRunner) -> None:
    code, _, err = run(runner, "plan", "--lang", "go")
    assert code == 2
    assert "--hours" in err


def test_version_and_help(runner: CliRunner) -> None:
    from roadmap_cli import __version__

    code, out, _ = run(runner, "--version")
    assert code == 0
    assert out.strip() == f"roadmap {__version__}"
    for flag in ("-h", "--help"):
        code, out, _ = run(runner, flag)
        assert code == 0
        assert "Example:" in out


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    import typer
    import typer.main

    def paths(command: Any, prefix: list[str]) -> list[list[str]]:
        found = [prefix]
        if hasattr(command, "list_commands"):  # a group; the root one loads its commands lazily
            ctx = typer.Context(command)
            for name in command.list_commands(ctx):
                found += paths(command.get_command(ctx, name), [*prefix, name])
        return found

    every = paths(typer.main.get_command(app), [])
    assert ["plan"] in every
    assert ["progress", "import"] in every
    for path in every:
        code, out, _ = run(runner, *path, "--help")
        assert code == 0, path
        assert "Example" in out, f"`roadmap {' '.join(path)} --help` has no example"


def test_a_plan_of_centuries_is_refused_not_crashed(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "huge.yaml"
    items = "".join(
        f"  - {{id: huge-{n}, phase: foundations, title: Huge, hours: 1000, sources: [careerpath-2026]}}\n"
        for n in range(6)
    )
    pack.write_text("milestones:\n" + items, encoding="utf-8")
    code, out, err = run(runner, "plan", "--lang", "go", "--hours", "1", "--pack", str(pack), "--dry-run")
    assert code == 2
    assert out == ""
    assert "years" in err
    assert "Traceback" not in err
    code, _, _ = run(runner, "plan", "--lang", "go", "--hours", "80", "--pack", str(pack), "--dry-run")
    assert code == 0
