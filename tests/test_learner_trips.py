"""Small things a learner tripped on, each as they met it on the command line."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app

START = "2027-01-04"  # a Monday


def run(runner: CliRunner, *args: str, today: str | None = START) -> tuple[int, str, str]:
    env = {"ROADMAP_TODAY": today} if today else {}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: str, today: str | None = START) -> str:
    code, out, err = run(runner, *args, today=today)
    assert code == 0, err
    return out


@pytest.fixture
def planned(runner: CliRunner) -> Any:
    """An active plan: Python, 12 h/week from 2027-01-04; returns its JSON."""
    return json.loads(ok(runner, "plan", "--lang", "python", "--hours", "12", "--start", START, "--json"))


# -- words for numbers and times ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["plan", "--lang", "python", "--hours", "twelve"], "a week; give one from 1 to 80, e.g. --hours 12"),
        (["replan", "--hours=twelve"], "a week; give one from 1 to 80, e.g. --hours 12"),
        (["today", "--hours", "two"], "in a day; give one from 0.25 to 24, e.g. --hours 2"),
    ],
)
def test_hours_in_words_say_what_is_allowed(
    runner: CliRunner, planned: Any, args: list[str], allowed: str
) -> None:
    code, out, err = run(runner, *args)
    assert code == 2
    assert out == ""
    word = args[-1].partition("=")[2] or args[-1]
    assert f"'{word}' is not a number of hours {allowed}" in " ".join(err.split())
    assert "valid float" not in err
    assert "Traceback" not in err


def test_a_time_without_its_unit_says_so_and_shows_the_forms(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "log", "sql-fundamentals", "90")
    assert code == 2
    assert out == ""
    assert "'90' has no unit: 90m for minutes or 90h for hours?" in err
    assert "30m, 90min, 1h, 1h30m" in err
    assert "1 minute to 24 hours" not in err
    code, _, err = run(runner, "log", "sql-fundamentals", "90 secs")
    assert code == 2
    assert "'secs' is not a unit of time" in err


@pytest.mark.parametrize(("text", "hours"), [("90 minutes", 1.5), ("1 hour", 1.0), ("2 hours", 2.0)])
def test_times_written_out_in_words_are_taken(
    runner: CliRunner, planned: Any, text: str, hours: float
) -> None:
    ok(runner, "log", "sql-fundamentals", text)
    status = json.loads(ok(runner, "status", "--json"))
    assert status["progress"]["logged_hours"] == hours


def test_a_date_option_points_to_on(runner: CliRunner, planned: Any) -> None:
    code, out, err = run(runner, "log", "sql-fundamentals", "2h", "--date", "2027-01-03")
    assert code == 2
    assert out == ""
    assert "no such option: --date" in err
    assert "did you mean --on" in err
    assert "--note" not in err


@pytest.mark.parametrize(
    ("args", "said", "hint"),
    [
        (["today", "--hurs", "2"], "no such option: --hurs\n", "did you mean --hours?"),
        (["stauts"], "no such command 'stauts'.\n", "did you mean 'status', 'stacks'?"),
    ],
)
def test_a_misspelling_is_named_and_the_near_spelling_offered(
    runner: CliRunner, planned: Any, args: list[str], said: str, hint: str
) -> None:
    code, out, err = run(runner, *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {said}hint: {hint} ")
    assert "Possible options" not in err


# -- show and check: one rule for an id ------------------------------------------------------------


def test_show_before_any_plan_shows_the_item_from_the_content(runner: CliRunner, roadmap_home: Any) -> None:
    out = ok(runner, "show", "crud-api-with-auth")
    assert out.startswith("Build a CRUD REST API with your framework, with sign-up and login\n")
    assert "Foundations: language, SQL and a first API" in out
    assert "not in a plan yet" in out
    assert "18 h estimated" in out
    assert "sql-fundamentals" in out  # what it depends on
    assert "State" not in out
    assert "Planned" not in out
    assert "logged" not in out
    doc = json.loads(ok(runner, "show", "crud-api-with-auth", "--json"))
    assert doc["in_plan"] is False
    assert doc["state"] == "unscheduled"
    assert (doc["start"], doc["end"], doc["hours"]) == (None, None, 18)
    assert [d["id"] for d in doc["depends_on"]] == ["learn-language-core", "sql-fundamentals"]
    assert not (roadmap_home / "data").exists()  # still read-only
    # An item for one stack is worded for it; an id the content lacks is a usage error.
    assert "Depends on" in ok(runner, "show", "typescript-trpc")
    code, out, err = run(runner, "show", "crud-api-with-atuh")
    assert (code, out) == (2, "")
    assert "unknown item id 'crud-api-with-atuh'" in err
    assert "'crud-api-with-auth'" in err


def test_show_and_check_take_the_same_ids(runner: CliRunner, planned: Any) -> None:
    assert "typescript-trpc" not in [i["id"] for i in planned["items"]]
    out = ok(runner, "show", "typescript-trpc")
    assert "not in your plan: it is for the TypeScript stack" in out
    assert json.loads(ok(runner, "show", "typescript-trpc", "--json"))["in_plan"] is False
    assert "not in your plan" in ok(runner, "check", "typescript-trpc")
    doc = json.loads(ok(runner, "show", "typescript-trpc", "--json"))
    assert (doc["state"], doc["in_plan"]) == ("done", False)
    # In the plan: no such line, and the item's own state.
    doc = json.loads(ok(runner, "show", "sql-fundamentals", "--json"))
    assert (doc["state"], doc["in_plan"]) == ("planned", True)
    assert "not in your plan" not in ok(runner, "show", "sql-fundamentals")
    # An id that is nowhere: both refuse it the same way.
    show = run(runner, "show", "no-such-item")
    check = run(runner, "check", "no-such-item")
    assert show[0] == check[0] == 2
    assert show[2] == check[2]
    assert "unknown item id 'no-such-item'" in show[2]


# -- TAB ---------------------------------------------------------------------------------------------


def tab(words: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What TAB offers for the last word of ``words``, as Typer completes it for bash; the fast path
    must offer the same when it answers at all."""
    from roadmap_cli import fast
    from roadmap_cli.cli import build_app

    at = str(len(words.split(" ")) - 1)
    env = {"_ROADMAP_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": at}
    done = CliRunner().invoke(build_app(), [], env=env, prog_name="roadmap", catch_exceptions=False)
    assert done.exit_code == 0
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    quick = fast.complete()
    assert quick is None or quick == done.stdout
    return done.stdout.split()


def test_tab_after_check_offers_open_items_due_ones_first(
    runner: CliRunner, planned: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = "2027-02-10"
    ok(runner, "check", "learn-language-core", today=today)
    ok(runner, "skip", "programming-fundamentals", today=today)
    ok(runner, "log", "crud-api-with-auth", "1h", today=today)  # in progress, planned after explain-analyze
    monkeypatch.setenv("ROADMAP_TODAY", today)
    overdue = [i["id"] for i in json.loads(ok(runner, "status", "--json", today=today))["overdue"]]
    assert overdue
    plan_ids = [i["id"] for i in planned["items"]]
    offered = tab("roadmap check ", monkeypatch)
    assert "learn-language-core" not in offered  # done
    assert "programming-fundamentals" not in offered  # skipped
    assert "typescript-trpc" not in offered  # another stack's
    assert set(plan_ids) - {"learn-language-core", "programming-fundamentals"} <= set(offered)
    assert offered[: len(overdue)] == overdue  # overdue first
    assert plan_ids.index("explain-analyze") < plan_ids.index("crud-api-with-auth")
    assert offered.index("crud-api-with-auth") < offered.index("explain-analyze")  # due now comes first
    assert offered.index("crud-cli-tool") < offered.index("realtime-chat")  # else plan order
    # The ones to untick or unskip: only those.
    assert tab("roadmap check --undo ", monkeypatch) == ["learn-language-core"]
    assert tab("roadmap check -u l", monkeypatch) == ["learn-language-core"]
    assert tab("roadmap skip --undo ", monkeypatch) == ["programming-fundamentals"]
    # show takes every id: the plan's first, another stack's last.
    shown = tab("roadmap show ", monkeypatch)
    assert {"learn-language-core", "typescript-trpc"} <= set(shown)
    assert max(shown.index(i) for i in plan_ids) < shown.index("typescript-trpc")


def test_tab_after_city_offers_only_real_places(monkeypatch: pytest.MonkeyPatch) -> None:
    offered = tab("roadmap salary --city ", monkeypatch)
    assert "london" in offered
    assert "usd-no-country" not in offered


# -- replan --cert -------------------------------------------------------------------------------


def test_replan_cert_changes_only_the_certifications(runner: CliRunner, planned: Any) -> None:
    def certs_and_study() -> tuple[list[str], list[str]]:
        doc = json.loads(ok(runner, "show", "--json", today="2027-02-10"))
        study = [i["id"] for i in doc["items"] if i["id"].startswith(("aws-saa", "docker-associate"))]
        return doc["request"]["certs"] or [], study

    before = json.loads(ok(runner, "show", "--json", today="2027-02-10"))
    assert certs_and_study()[1] == ["aws-saa-study", "aws-saa-exam"]
    ok(runner, "replan", "--cert", "docker-certified-associate", today="2027-02-10")
    assert certs_and_study() == (["docker-certified-associate"], ["docker-associate-study"])
    after = json.loads(ok(runner, "show", "--json", today="2027-02-10"))
    assert after["request"]["hours"] == before["request"]["hours"]
    assert after["request"]["lang"] == before["request"]["lang"]
    ok(
        runner,
        "replan",
        "-c",
        "docker-certified-associate",
        "-c",
        "aws-solutions-architect-associate",
        today="2027-02-10",
    )
    assert set(certs_and_study()[1]) == {"docker-associate-study", "aws-saa-study", "aws-saa-exam"}
    ok(runner, "replan", "--cert", "none", today="2027-02-10")
    assert certs_and_study() == ([], [])
    ok(runner, "replan", "--hours", "10", today="2027-02-10")  # kept when not given
    assert certs_and_study() == ([], [])
    code, out, err = run(runner, "replan", "--cert", "oracle-java-se-17-developer", today="2027-02-10")
    assert (code, out) == (2, "")
    assert "meant for the java stack, not python" in err
    code, out, err = run(runner, "replan", "--cert", "nope", today="2027-02-10")
    assert (code, out) == (2, "")
    assert "unknown certification 'nope' for --cert; choose from: none," in err


# -- plans and counts ----------------------------------------------------------------------------


def test_plans_are_dated_by_the_day_roadmap_takes_as_today(runner: CliRunner, planned: Any) -> None:
    ok(runner, "check", "learn-language-core", today="2027-02-10")
    replanned = ok(runner, "replan", today="2027-02-10")
    assert "1 done or skipped item kept." in " ".join(replanned.split())
    out = ok(runner, "plans", today="2027-02-10")
    assert f" 1  {START}  " in out
    assert " 2  2027-02-10  " in out
    doc = json.loads(ok(runner, "plans", "--json"))
    assert [p["created_at"][:10] for p in doc["plans"]] == [START, "2027-02-10"]


# -- marks and columns ---------------------------------------------------------------------------


def test_ascii_marks_tell_skipped_from_the_current_phase(runner: CliRunner, planned: Any) -> None:
    ok(runner, "skip", "learn-language-core")
    shown = ok(runner, "--ascii", "show")
    status = ok(runner, "--ascii", "status")
    skipped = next(line for line in shown.splitlines() if "learn-language-core" in line).split()[0]
    current = next(line for line in status.splitlines() if "current phase" in line).split()[0]
    assert skipped != current
    assert f"{skipped} skipped" in shown
    assert current == ">"


def test_the_checklist_cursor_is_not_the_skipped_mark(
    planned: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import questionary

    from roadmap_cli import track
    from roadmap_cli.render.term import MARKS

    asked: dict[str, Any] = {}

    class Answer:
        def unsafe_ask(self) -> list[str]:
            return []

    def checkbox(*args: Any, **kwargs: Any) -> Answer:
        asked.update(kwargs)
        return Answer()

    monkeypatch.setattr(questionary, "checkbox", checkbox)
    monkeypatch.setenv("ROADMAP_TODAY", START)
    track._checklist()
    assert asked["pointer"] not in MARKS["skipped"]  # », or its stand-in
    assert asked["pointer"] == MARKS["pointer"][0]
    assert "Nothing changed" in capsys.readouterr().out


def test_an_id_longer_than_the_column_keeps_the_titles_in_line(runner: CliRunner, planned: Any) -> None:
    lines = ok(runner, "show").splitlines()
    at = next(i for i, line in enumerate(lines) if "system-design-interview-prep" in line)
    assert lines[at].split() == ["○", "system-design-interview-prep"]  # the id alone
    # the next row whose id fits the column: its title starts where every title does
    below = next(line for line in lines[at + 1 :] if line.startswith("  ○ ") and len(line.split()) > 2)
    column = below.index(below.split()[2])
    assert lines[at + 1].startswith(" " * column + "Rehearse system design")


def test_a_phase_title_that_wraps_keeps_its_bar_in_its_column(
    runner: CliRunner, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A phase of a thousand items has longer counts: its bar still stays beside its title."""
    pack = tmp_path / "many.yaml"
    lines = ["pack:", "  id: many", '  title: "Many"', '  version: "1.0"', "milestones:"]
    for k in range(1000):
        lines += [
            f"  - id: many-{k:04d}",
            "    phase: production-basics",
            f'    title: "Small step {k}"',
            "    hours: 1",
            "    priority: core",
            "    sources: [whatmatters-2026]",
        ]
    pack.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ok(runner, "plan", "-l", "python", "-H", "40", "--start", START, "--pack", str(pack))
    monkeypatch.setenv("COLUMNS", "100")
    status = ok(runner, "status").splitlines()
    phases = status[
        status.index("Phases") + 1 : next(i for i, s in enumerate(status) if "current phase" in s)
    ]
    bars = [line for line in phases if "%" in line]
    assert len(bars) == 5
    assert all(line[:5].strip()[:1].isdigit() or line.startswith("▸") for line in bars)  # beside the title
    assert len({line.index("%") for line in bars}) == 1  # in one column
    assert all(len(line) <= 100 for line in phases)


# -- certs and skills in the learner's own dates ------------------------------------------------------


def test_certs_and_skills_speak_in_the_plans_dates(runner: CliRunner, planned: Any) -> None:
    saa = next(c for c in planned["certifications"] if c["id"] == "aws-solutions-architect-associate")
    study = [i for i in planned["items"] if i["id"] in saa["items"]]
    first, last = min(i["start"] for i in study), max(i["end"] for i in study)
    text = " ".join(ok(runner, "certs").split())
    assert "of a 12-month plan" not in text
    assert f"Your plan study from {date.fromisoformat(first):%a} {first}" in text
    assert last in text
    assert "`roadmap replan --cert docker-certified-associate` puts it in" in text
    doc = json.loads(ok(runner, "certs", "--json"))["certifications"]
    mine = next(c for c in doc if c["id"] == saa["id"])
    assert mine["your_plan"]["in_plan"] is True
    assert (mine["your_plan"]["start"], mine["your_plan"]["end"]) == (first, last)
    docker = next(c for c in doc if c["id"] == "docker-certified-associate")
    assert docker["your_plan"]["in_plan"] is False
    assert docker["your_plan"]["phase_start"] is not None
    # The plan's stack first, other stacks' after.
    assert doc[-1]["id"] == "oracle-java-se-17-developer"
    assert doc[-1]["your_stack"] is False
    assert text.index("For other stacks") < text.index("Oracle Java SE 17 Developer")
    # A skill is dated by the items that teach it, in the plan.
    skills = json.loads(ok(runner, "skills", "--json"))["skills"]
    k8s = next(s for s in skills if s["id"] == "kubernetes")
    items = [i for i in planned["items"] if i["id"] in k8s["items"]]
    assert items
    assert k8s["your_plan"]["start"] == min(i["start"] for i in items)
    month = f"{date.fromisoformat(k8s['your_plan']['start']):%b}"
    table = ok(runner, "skills")
    assert month in table
    assert "in a 12-month plan" not in table


def test_certs_and_skills_before_any_plan_keep_the_general_months(runner: CliRunner) -> None:
    text = " ".join(ok(runner, "certs").split())
    assert "months 5-7 of a 12-month plan" in text
    assert "Your plan" not in text
    assert "For other stacks" not in text
    assert "8-10" in ok(runner, "skills")
    java = json.loads(ok(runner, "certs", "--lang", "java", "--json"))["certifications"]
    mine = [c["id"] for c in java if c["your_stack"]]
    assert "oracle-java-se-17-developer" in mine
    assert [c["your_stack"] for c in java] == sorted((c["your_stack"] for c in java), reverse=True)  # first
