"""The README's generated parts (command reference, examples) match what the program prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_readme_is_up_to_date() -> None:
    if not (ROOT / "scripts" / "readme.py").is_file():
        pytest.skip("scripts/ is not part of this source tree")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("```sh")
    install_and_plan, install_and_test = lines[start + 1 : start + 3]
    assert install_and_plan.endswith("pip install . && roadmap plan --lang python --hours 12")
    assert install_and_test.endswith('pip install -e ".[test]" && python -m pytest')


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython -m pytest\n" in ci
    assert 'python -m pip install -q -e ".[test]"' in ci
