"""Every human view at every width, in every encoding; the timeline; completion; the pager.

The layout promise (render/term.py): no line wider than the terminal, no word or id split, colour
codes only when colour is asked for, marks the output's encoding can show.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app

START = "2027-01-04"
TODAY = "2027-03-10"
WIDTHS = (40, 60, 80, 100, 160, 250)
VIEWS: tuple[tuple[str, ...], ...] = (
    ("plan", "--lang", "python", "--hours", "12", "--start", START, "--dry-run"),
    ("plan", "--lang", "python", "--hours", "12", "--start", START, "--dry-run", "--weeks"),
    ("status",),
    ("next",),
    ("today",),
    ("show",),
    ("show", "--weeks"),
    ("show", "sql-fundamentals"),
    ("plans",),
    ("salary",),
    ("salary", "--level", "senior"),
    ("salary", "--city", "london"),
    ("salary", "--level", "senior", "--city", "london"),
    ("levels",),
    ("certs",),
    ("skills",),
    ("stacks",),
    ("market",),
    ("packs", "list"),
    ("doctor",),
)
#: Characters of bars and the timeline: pictures, not words.
PICTURE = set("█░━·│#=|-.")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def short_home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A home with a short path, so that the file paths `doctor` and `packs list` show fit too."""
    home = Path(tempfile.mkdtemp(prefix="r", dir="/tmp"))
    monkeypatch.setenv("ROADMAP_HOME", str(home))
    yield home
    shutil.rmtree(home, ignore_errors=True)


def show(runner: CliRunner, args: tuple[str, ...], columns: int, **env: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns), "ROADMAP_TODAY": TODAY, **env})
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def words(text: str) -> set[str]:
    """The words of a view: what layout may move between lines but never change."""
    return {w for w in ANSI.sub("", text).split() if not set(w) & PICTURE and "…" not in w}


def flat(text: str) -> str:
    return " ".join(ANSI.sub("", text).split())


def make_progress(runner: CliRunner) -> list[dict[str, object]]:
    """An active plan with two ticks and a skip, as of TODAY; its items."""
    result = runner.invoke(app, ["plan", "--lang", "python", "--hours", "12", "--start", START, "--json"])
    assert result.exit_code == 0, result.stderr
    items: list[dict[str, object]] = json.loads(result.stdout)["items"]
    ids = [str(i["id"]) for i in items]
    assert runner.invoke(app, ["check", ids[0], ids[1]]).exit_code == 0
    assert runner.invoke(app, ["skip", ids[2]]).exit_code == 0
    return items


@pytest.mark.parametrize("columns", WIDTHS)
def test_every_view_fits_the_width_and_splits_no_word(
    runner: CliRunner, short_home: Path, columns: int
) -> None:
    items = make_progress(runner)
    titles = [str(i["title"]) for i in items]
    ids = [str(i["id"]) for i in items]
    for args in VIEWS:
        wide = show(runner, args, 1000)
        text = show(runner, args, columns)
        assert "\x1b" not in text, args  # no colour unless asked
        for line in text.splitlines():
            # only a word wider than the line (a path, a URL) may run past it, on a line of its own
            alone = " " not in line.strip()
            assert len(line) <= columns or str(short_home) in line or alone, (args, columns, line)
        new = (
            words(text)
            - words(wide)
            - {"(a", "label", "every", "months)", "year)", "years)", "2", "3", "6", "·"}
        )
        assert not new, (args, columns, sorted(new)[:10])  # a split word or id leaves a piece behind
        shown, narrow = flat(wide), flat(text)
        for title in titles:
            if title in shown:
                assert title in narrow, (args, columns, title)
        for item_id in ids:
            if item_id in shown:
                assert item_id in narrow.split() or item_id in narrow, (args, columns, item_id)
    # check's feedback: the same change at this width and at a wide one
    for width in (columns, 1000):
        result = runner.invoke(
            app, ["check", ids[3], ids[4]], env={"COLUMNS": str(width), "ROADMAP_TODAY": TODAY}
        )
        assert result.exit_code == 0
        if width == columns:
            narrow_check = result.stdout
        else:
            assert words(narrow_check) <= words(result.stdout)
        assert runner.invoke(app, ["check", "--undo", ids[3], ids[4]]).exit_code == 0
    assert all(len(line) <= columns for line in narrow_check.splitlines())


def test_colour_only_when_asked(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    make_progress(runner)
    monkeypatch.delenv("NO_COLOR")
    for args in (("status",), ("next",), ("salary",), VIEWS[0]):
        assert "\x1b[" not in show(runner, args, 60)  # not a terminal: no colour
        forced = show(runner, args, 60, FORCE_COLOR="1")
        assert "\x1b[" in forced, args
        assert all(len(ANSI.sub("", line)) <= 60 for line in forced.splitlines())
        assert words(forced) == words(show(runner, args, 60)), args  # colour changes no layout
        assert "\x1b[" not in show(runner, args, 60, FORCE_COLOR="1", NO_COLOR="1")


def test_colour_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_cli.render import term as term_module

    class Tty:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR")
    for env, expected in (({}, True), ({"TERM": "dumb"}, False), ({"NO_COLOR": "1"}, False)):
        for name in ("TERM", "NO_COLOR"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        term_module.reset()
        assert term_module.term().colour is expected, env
    term_module.reset()


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_every_view_in_an_ascii_or_latin1_output(short_home: Path, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "ROADMAP_TODAY": TODAY, "COLUMNS": "80"}
    roadmap = [sys.executable, "-m", "roadmap_cli"]
    setup = subprocess.run(
        [*roadmap, "plan", "--lang", "python", "--hours", "12", "--start", START],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert setup.returncode == 0, setup.stderr
    checks = [("check", "learn-language-core"), ("status", "--json")]
    for args in [*VIEWS, *checks]:
        done = subprocess.run([*roadmap, *args], env=env, capture_output=True, timeout=120)
        assert done.returncode == 0, (args, done.stderr)
        assert b"Traceback" not in done.stderr
        done.stdout.decode(encoding)  # what was written is text in that encoding
        if args[0] in ("plan", "status", "next") and not {"--weeks", "--json"} & set(args):
            assert re.search(rb"\n  [ox+~!] [a-z]", done.stdout), args  # the marks, as ASCII stand-ins


def test_ascii_switch_and_env(runner: CliRunner) -> None:
    make_progress(runner)
    for args, env in ((["--ascii", "next"], {}), (["next"], {"ROADMAP_ASCII": "1"})):
        result = runner.invoke(app, args, env={"ROADMAP_TODAY": TODAY, **env})
        assert result.exit_code == 0
        assert result.stdout.isascii()
    assert not runner.invoke(app, ["status"], env={"ROADMAP_TODAY": TODAY}).stdout.isascii()


def test_ascii_tables_line_up_though_a_stand_in_is_longer_than_its_mark(runner: CliRunner) -> None:
    """£ becomes GBP: the columns are measured as written, so every row starts each column where
    the header does."""
    result = runner.invoke(app, ["--ascii", "salary", "--city", "london"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    heads = [n for n, line in enumerate(lines) if line.startswith("Figure ")]
    assert heads
    for n in heads:
        head, row = lines[n], lines[n + 1]
        assert row.startswith("GBP")
        for header in ("As of", "Source", "What"):
            column = head.index(header)
            assert row[column - 2 : column] == "  ", (head, row)
            assert row[column] != " ", (head, row)


def test_marks_mean_one_thing(runner: CliRunner) -> None:
    """✓ only for done: a new plan has no tick at all; its legend explains the marks it uses."""
    plan = show(runner, VIEWS[0], 100)
    assert "✓" not in plan
    assert "ids are what" in plan
    legend = next(line for line in plan.splitlines() if "ends this month" in line)
    assert "◆" in legend
    assert "◐" in legend
    assert "★" in legend
    assert plan.index("ends this month") < plan.index("Jan 2027  ")  # explained before the months
    items = make_progress(runner)
    week = show(runner, ("next",), 100)
    status = show(runner, ("status",), 100)
    assert f"✓ {items[0]['id']}" in week or f"✓ {items[1]['id']}" in week or "○" in week
    assert "◆" not in week + status


def axis_of(text: str) -> tuple[list[str], list[int], int]:
    """The month labels, the years and the label step of the timeline in a plan view."""
    lines = text.splitlines()
    first_bar = next(n for n, line in enumerate(lines) if re.match(r"1\.\S* .*[━█·│]{8}", line))
    above = [line for line in lines[first_bar - 2 : first_bar] if line.strip()]
    years = [int(y) for y in above[-1].split()]
    months = above[0].split() if len(above) == 2 and not above[0].split()[0].isdigit() else []
    legend = next(line for line in lines[first_bar:] if "planned" in line)
    step = 1
    if found := re.search(r"a label every (\d+ )?(month|year)", legend):
        count = int(found.group(1) or 1)
        step = count * (12 if found.group(2) == "year" else 1)
    return months, years, step


@pytest.mark.parametrize("hours", [1, 12, 80])
def test_the_timeline_labels_months_and_years_for_every_start(runner: CliRunner, hours: int) -> None:
    for month in range(1, 13):
        start = date(2027, month, 1 + (month * 7) % 27)
        args = ["plan", "--lang", "go", "--hours", str(hours), "--start", start.isoformat(), "--dry-run"]
        doc = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
        end = date.fromisoformat(doc["summary"]["end"])
        text = runner.invoke(app, args, env={"COLUMNS": "80"}).stdout
        months, years, step = axis_of(text)
        span = []
        day = start.replace(day=1)
        while day <= end:
            span.append(day)
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        if step < 12:
            expected = [d for d in span if (d.year * 12 + d.month - 1) % step == 0 or d == span[0]]
            names = [f"{d:%b}" for d in expected]
            # the first month may be too short for its label, the last too near the edge
            assert months in (names, names[1:], names[:-1], names[1:-1]), (start, hours, months, names)
            if step == 1:
                assert len(months) >= len(span) - 2
        assert years == sorted(set(years)), (start, years)
        assert years
        assert start.year <= years[0] <= start.year + 1
        wanted = {d.year for d in span[1:-1] if d.month == 1 and (d.year * 12) % step == 0}
        wanted -= {years[0] + 1, max(wanted, default=0)}  # next to the first label; at the edge
        assert wanted <= set(years) | {start.year}, (start, hours, years)


def test_done_work_is_never_drawn_right_of_today(runner: CliRunner) -> None:
    result = runner.invoke(app, ["plan", "--lang", "python", "--hours", "12", "--start", START, "--json"])
    ids = [str(i["id"]) for i in json.loads(result.stdout)["items"]]

    def bars(columns: int) -> list[str]:
        text = show(runner, ("status",), columns)
        rows = [line for line in text.splitlines() if "│" in line and re.search("[━·█]{5}", line)]
        assert rows
        for row in rows:
            assert "█" not in row[row.index("│") :], row
        return rows

    assert runner.invoke(app, ["check", *ids[:3]], env={"ROADMAP_TODAY": TODAY}).exit_code == 0
    assert any("█" in row for row in bars(100))  # done work shows, left of today
    # Work done far ahead of the plan, then re-planned: nothing done is drawn in the future.
    assert runner.invoke(app, ["check", *ids[:25]], env={"ROADMAP_TODAY": TODAY}).exit_code == 0
    assert runner.invoke(app, ["replan"], env={"ROADMAP_TODAY": TODAY}).exit_code == 0
    for columns in (60, 100, 200):
        bars(columns)


def test_the_timeline_view_rules() -> None:
    from roadmap_cli.views.timeline import DONE, TODAY, Span, timeline

    spans = [Span("1. A", date(2027, 3, 1), date(2027, 6, 30), done=1.0)]
    before = timeline(spans, date(2027, 1, 4), date(2027, 12, 31), today=date(2027, 2, 1), width=60)
    assert DONE not in before.rows[0][1]  # done, but planned after today: not drawn in the future
    assert before.rows[0][1][before.today_column or 0] == TODAY
    assert before.step == 1
    assert before.axis.split() == [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    assert before.years.split() == ["2027"]
    long = timeline(spans, date(2027, 1, 4), date(2037, 12, 31), today=None, width=60)
    assert long.step == 12
    assert long.axis == ""
    assert [int(y) for y in long.years.split()] == list(range(2027, 2038))


def complete(words: str, home: Path, cword: int | None = None) -> list[str]:
    env = {
        **os.environ,
        "ROADMAP_HOME": str(home),
        "_ROADMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(
            cword if cword is not None else len(words.split()) - (0 if words.endswith(" ") else 1)
        ),
    }
    done = subprocess.run(
        [sys.executable, "-m", "roadmap_cli"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_completion_of_ids_levels_places_frameworks_and_files(
    runner: CliRunner, roadmap_home: Path, tmp_path: Path
) -> None:
    # ids from the content before there is a plan, the active plan's first once there is one
    assert "crud-cli-tool" in complete("roadmap check cr", roadmap_home)
    result = runner.invoke(app, ["plan", "--lang", "go", "--hours", "12", "--start", START, "--json"])
    plan_ids = [str(i["id"]) for i in json.loads(result.stdout)["items"]]
    offered = complete("roadmap check ", roadmap_home)
    assert set(offered[: len(plan_ids)]) == set(plan_ids)  # the plan's ids come first
    assert set(offered) >= set(plan_ids)
    assert complete("roadmap skip crud-c", roadmap_home) == ["crud-cli-tool"]
    assert complete("roadmap note crud-c", roadmap_home) == ["crud-cli-tool"]
    assert complete("roadmap salary --level s", roadmap_home) == ["senior", "staff"]
    assert complete("roadmap salary --city l", roadmap_home) == ["london"]
    assert complete("roadmap plan --lang go --framework ", roadmap_home) == ["chi", "gin"]
    assert complete("roadmap plan --lang python --framework d", roadmap_home) == ["django"]
    assert complete("roadmap export --format ", roadmap_home) == ["md", "json", "csv", "ics"]
    assert complete("roadmap export --tz Europe/Lon", roadmap_home) == ["Europe/London"]
    (tmp_path / "team.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    assert complete(f"roadmap plan --pack {tmp_path}/", roadmap_home) == [
        f"{tmp_path}/roadmap-home/",
        f"{tmp_path}/team.yaml",
    ]
    assert complete(f"roadmap packs validate {tmp_path}/te", roadmap_home) == [f"{tmp_path}/team.yaml"]


ROADMAP = [sys.executable, "-m", "roadmap_cli"]
PAGER = "sh -c 'echo PAGED-BY-THE-PAGER; cat'"


def test_long_output_goes_through_the_pager_on_a_terminal_only(roadmap_home: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "ROADMAP_HOME": str(roadmap_home), "ROADMAP_PAGER": PAGER}
    plan = ["plan", "--lang", "python", "--hours", "12", "--start", START]

    def on_a_terminal(*args: str) -> str:
        child = pexpect.spawn(
            ROADMAP[0], [*ROADMAP[1:], *args], env=env, encoding="utf-8", dimensions=(24, 100)
        )
        child.expect(pexpect.EOF, timeout=60)
        child.close()
        assert child.exitstatus == 0, child.before
        return str(child.before)

    paged = on_a_terminal(*plan)
    assert "PAGED-BY-THE-PAGER" in paged
    # what matters comes first: the saved notice, then the summary, ahead of the months
    assert (
        paged.index("Saved as your active plan") < paged.index("Backend study plan") < paged.index("Jan 2027")
    )
    assert "PAGED-BY-THE-PAGER" not in on_a_terminal("--no-pager", *plan)
    assert "PAGED-BY-THE-PAGER" not in on_a_terminal("next")  # short: fits on the screen
    piped = subprocess.run([*ROADMAP, *plan], env=env, capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0
    assert "PAGED-BY-THE-PAGER" not in piped.stdout
    assert "Saved as your active plan" in piped.stderr


def test_pager_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_cli.render.pager import pager_command

    for name in ("ROADMAP_PAGER", "PAGER", "ROADMAP_NO_PAGER"):
        monkeypatch.delenv(name, raising=False)
    assert pager_command() == (["less", "-FRX"] if shutil.which("less") else None)
    monkeypatch.setenv("PAGER", "more")
    assert pager_command() == (["more"] if shutil.which("more") else None)
    monkeypatch.setenv("ROADMAP_PAGER", "cat")
    assert pager_command() is None
    monkeypatch.setenv("ROADMAP_PAGER", "sh -c 'cat'")
    assert pager_command() == ["sh", "-c", "cat"]
    monkeypatch.setenv("ROADMAP_NO_PAGER", "1")
    assert pager_command() is None


def test_usage_errors_look_like_the_programs_own(runner: CliRunner) -> None:
    parser = runner.invoke(app, ["plan", "--lang", "python", "--hours", "0"])
    program = runner.invoke(app, ["salary", "--level", "nope"])
    unknown = runner.invoke(app, ["plna"])
    for result in (parser, program, unknown):
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ")
        assert "Usage:" not in result.stderr
        assert "Traceback" not in result.stderr
    assert "hint: `roadmap plan --help` shows what it takes" in parser.stderr
    assert "hint: did you mean 'plan'" in unknown.stderr


def test_top_level_help_groups_the_commands_with_whole_summaries(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    heads = [f"{g} commands:" for g in ("Plan", "Track", "Career", "Data", "Setup")]
    assert [out.index(h) for h in heads] == sorted(out.index(h) for h in heads)
    assert not [line for line in out.splitlines() if line.endswith("...") and "Usage:" not in line]
    assert (
        "Show what backend engineers are paid, by level and place, each figure with its source and date."
        in flat(out)
    )


def test_the_checklist_shows_hours_and_due_dates_and_says_when_nothing_was_saved(roadmap_home: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    # 2027-01-27: learning the language (36 h, weeks 1-3) is overdue, the week's items are due
    env = {**os.environ, "ROADMAP_HOME": str(roadmap_home), "ROADMAP_TODAY": "2027-01-27", "TERM": "xterm"}
    env.pop("COLUMNS", None)
    plan = ["plan", "--lang", "python", "--hours", "12", "--start", START, "--json"]
    made = subprocess.run([*ROADMAP, *plan], env=env, capture_output=True, text=True, timeout=60)
    week = json.loads(
        subprocess.run([*ROADMAP, "next", "--json"], env=env, capture_output=True, text=True).stdout
    )
    overdue = week["overdue"][0]
    assert made.returncode == 0

    def checklist(keys: str) -> tuple[str, int]:
        child = pexpect.spawn(
            ROADMAP[0], [*ROADMAP[1:], "check"], env=env, encoding="utf-8", timeout=30, dimensions=(24, 100)
        )
        seen = io.StringIO()
        child.logfile_read = seen
        try:
            child.expect("This week and overdue")
            child.expect(week["items"][-1]["id"])  # the whole list is drawn
            child.send(keys)
            child.expect(pexpect.EOF)
        finally:
            child.close()
        return seen.getvalue(), int(child.exitstatus if child.exitstatus is not None else -1)

    shown, code = checklist("\r")  # Enter, with nothing changed
    assert code == 0
    assert "Nothing changed, so nothing was saved." in shown
    assert f"! {overdue['id']} · {overdue['hours']:g} h · overdue, was due {overdue['end']}" in shown
    first = week["items"][0]
    assert f"{first['id']} · " in shown
    assert f"due {first['end']}" in shown
    shown, code = checklist("\x03")  # Ctrl-C
    assert code == 130
    assert "nothing was saved" in shown
    status = subprocess.run([*ROADMAP, "status", "--json"], env=env, capture_output=True, text=True)
    assert json.loads(status.stdout)["progress"]["done_items"] == 0
