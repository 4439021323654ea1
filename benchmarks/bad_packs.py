"""Time `roadmap packs validate` on every malformed or hostile pack, each in a fresh process.

    python benchmarks/bad_packs.py

Each line: wall time, exit status, file. Every file should be refused (65) within a second.
Generated in a temporary folder: 2 MB of text, 300,000 levels of brackets, and a file just under
the value limit with three problems in each of its 9,900 items.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAD = Path(__file__).resolve().parent.parent / "tests" / "packs" / "bad"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        huge = work / "huge.yaml"
        huge.write_text("# padding\n" * 210_000, encoding="utf-8")
        deep = work / "deep.yaml"
        deep.write_text("a: " + "[" * 300_000 + "]" * 300_000 + "\n", encoding="utf-8")
        near_limit = work / "near-limit.yaml"
        near_limit.write_text(
            "milestones:\n" + "".join(f"  - {{id: m{i}, title: x}}\n" for i in range(9_900)),
            encoding="utf-8",
        )
        files = [*sorted(p for p in BAD.glob("*.yaml") if p.name != "EXPECTED.yaml"), huge, deep, near_limit]
        env = {**os.environ, "ROADMAP_HOME": str(work / "home"), "NO_COLOR": "1"}
        slowest = 0.0
        for path in files:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "roadmap_cli", "packs", "validate", str(path)],
                capture_output=True,
                env=env,
                check=False,
            )
            took = time.perf_counter() - started
            slowest = max(slowest, took)
            traceback = "  TRACEBACK" if b"Traceback" in done.stderr else ""
            print(f"{took:6.3f}s  exit {done.returncode:3d}  {path.name}{traceback}")
        print(f"slowest: {slowest:.3f}s over {len(files)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
