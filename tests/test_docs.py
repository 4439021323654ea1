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
