"""The progress display: on a terminal's stderr, for work that takes more than about a second, and
nowhere else."""

from __future__ import annotations

import io
import subprocess
import sys
import time

import pytest

from roadmap_cli.render.progress_display import Shown, progress_display


class FakeTerminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def a_capable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")


def wait_until_showing(shown: Shown, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not shown.showing:
        assert time.monotonic() < deadline, "the display never showed"
        time.sleep(0.01)


def test_slow_work_on_a_terminal_shows_its_steps_then_clears_them() -> None:
    screen = FakeTerminal()
    stdout, stderr = sys.stdout, sys.stderr
    with progress_display(2, stream=screen, after=0) as shown:
        shown.step("Checking the backup")
        wait_until_showing(shown)
        assert (sys.stdout, sys.stderr) == (stdout, stderr)  # the data on stdout goes where it went
        shown.step("Merging it into your progress")
        assert shown.done == 1
    assert not shown.showing
    drawn = screen.getvalue()
    assert "Checking the backup" in drawn
    assert "\x1b[" in drawn  # drawn and then cleared with the terminal's own codes


def test_quick_work_shows_nothing_even_on_a_terminal() -> None:
    screen = FakeTerminal()
    with progress_display(1, stream=screen, after=30) as shown:
        shown.step("Writing the page")
    assert screen.getvalue() == ""
    assert not shown.showing


def test_nothing_is_shown_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    piped = io.StringIO()
    with progress_display(1, stream=piped, after=0) as shown:
        shown.step("Checking the backup")
        time.sleep(0.2)
        assert not shown.showing
    with progress_display(1, after=0) as shown:  # stderr itself, captured: not a terminal
        shown.step("Checking the backup")
        time.sleep(0.2)
        assert not shown.showing
    assert piped.getvalue() == ""
    assert capsys.readouterr() == ("", "")


def test_a_dumb_terminal_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    screen = FakeTerminal()
    with progress_display(1, stream=screen, after=0) as shown:
        shown.step("Checking the backup")
        time.sleep(0.2)
    assert screen.getvalue() == ""


def test_the_display_is_gone_when_the_work_fails() -> None:
    screen = FakeTerminal()
    seen: list[Shown] = []

    def work() -> None:
        with progress_display(1, stream=screen, after=0) as shown:
            seen.append(shown)
            shown.step("Checking the backup")
            wait_until_showing(shown)
            raise RuntimeError("broken")

    with pytest.raises(RuntimeError, match="broken"):
        work()
    assert not seen[0].showing


def test_rich_is_imported_only_once_the_display_is_due() -> None:
    code = (
        "import io, sys\n"
        "from roadmap_cli.render.progress_display import progress_display\n"
        "class T(io.StringIO):\n"
        "    def isatty(self): return True\n"
        "with progress_display(1, stream=T(), after=30) as shown:\n"
        "    shown.step('quick')\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
