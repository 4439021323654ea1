"""Behaviour that needs a real process: closed pipes, Ctrl-C, `python -m`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap_cli import cli

ROADMAP = [sys.executable, "-m", "roadmap_cli"]


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "ROADMAP_HOME": str(home), "NO_COLOR": "1"}


def test_python_dash_m(roadmap_home: Path) -> None:
    done = subprocess.run([*ROADMAP, "--version"], capture_output=True, text=True, env=env(roadmap_home))
    assert done.returncode == 0
    assert done.stdout.startswith("roadmap ")


@pytest.mark.parametrize("flags", [["--weeks"], ["--json"], []])
def test_closed_pipe_ends_quietly(roadmap_home: Path, flags: list[str]) -> None:
    """`roadmap plan ... | head -1`: no traceback, no "Broken pipe" noise."""
    with subprocess.Popen(
        [*ROADMAP, "plan", "--lang", "python", "--hours", "2", *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(roadmap_home),
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # the reader goes away after the first line
        err = proc.stderr.read().decode()
        code = proc.wait(timeout=60)
    assert "Traceback" not in err
    assert "Broken pipe" not in err
    assert "BrokenPipeError" not in err
    assert code in (0, 1)


def test_shell_pipe_to_head(roadmap_home: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m roadmap_cli plan --lang go --hours 3 --weeks --dry-run | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env=env(roadmap_home),
    )
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""


def test_ctrl_c_exits_130_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("roadmap_cli.planner.make_plan", interrupted)
    monkeypatch.setattr(sys, "argv", ["roadmap", "plan", "--lang", "go", "--hours", "5"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_in_a_real_process(roadmap_home: Path) -> None:
    """A real Ctrl-C while the plan is printed into a slow reader."""
    proc = subprocess.Popen(
        [*ROADMAP, "plan", "--lang", "python", "--hours", "1", "--weeks"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(roadmap_home),
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # it has started and is blocked writing into the full pipe
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130)
    assert b"Traceback" not in err
