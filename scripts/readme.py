"""Regenerate the parts of README.md, docs/guide.md and docs/reference.md that come from the program.

    python scripts/readme.py          # rewrite them
    python scripts/readme.py --check  # exit 1 if one is out of date (run by the tests)

Each generated part sits between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME -->``.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: The files with generated parts: the short README, the full guide and the command reference.
FILES = (README, ROOT / "docs" / "guide.md", ROOT / "docs" / "reference.md")
EXAMPLE_START = "2027-01-04"


def _run(*args: str) -> str:
    from typer.testing import CliRunner

    from roadmap_cli.cli import app

    with tempfile.TemporaryDirectory() as home:
        env = {"ROADMAP_HOME": home, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
        result = CliRunner().invoke(app, list(args), env=env, prog_name="roadmap")
    if result.exit_code != 0:
        raise SystemExit(f"`roadmap {' '.join(args)}` failed:\n{result.output}")
    return "\n".join(line.rstrip() for line in result.stdout.splitlines())


def _session(steps: list[tuple[list[str], bool]], today: str) -> str:
    """Run commands one after another in one fresh home, as of ``today``; show those marked True."""
    from typer.testing import CliRunner

    from roadmap_cli.cli import app

    shown = []
    with tempfile.TemporaryDirectory() as home:
        env = {
            "ROADMAP_HOME": home,
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "TERM": "dumb",
            "ROADMAP_TODAY": today,
        }
        for args, show in steps:
            result = CliRunner().invoke(app, args, env=env, prog_name="roadmap")
            if result.exit_code != 0:
                raise SystemExit(f"`roadmap {' '.join(args)}` failed:\n{result.output}")
            text = "\n".join(line.rstrip() for line in result.stdout.splitlines())
            shown.append(f"$ roadmap {shlex.join(args)}" + (f"\n{text}" if show else ""))
    return "\n".join(shown)


def _command_paths() -> list[list[str]]:
    import typer
    import typer.main

    from roadmap_cli.cli import app

    found: list[list[str]] = []

    def walk(command: Any, prefix: list[str]) -> None:
        found.append(prefix)
        if not hasattr(command, "list_commands"):
            return
        # The root group loads its commands lazily: ask it for them, as Click's help does.
        ctx = typer.Context(command)
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                walk(sub, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


def reference() -> str:
    parts = []
    for path in _command_paths():
        title = " ".join(["roadmap", *path])
        parts.append(f"### `{title}`\n\n```text\n{_run(*path, '--help')}\n```")
    return "\n\n".join(parts)


def example_plan() -> str:
    args = ["plan", "--lang", "python", "--hours", "12", "--start", EXAMPLE_START]
    lines = _run(*args).splitlines()
    shown = "\n".join(lines[:30])
    return f"```console\n$ roadmap {' '.join(args)}\n{shown}\n...\n```"


def example_warning() -> str:
    args = ["plan", "--lang", "go", "--hours", "5", "--start", EXAMPLE_START]
    lines = _run(*args).splitlines()
    head = "\n".join(lines[: next(i for i, line in enumerate(lines) if not line.strip())])
    return f"```console\n$ roadmap {' '.join(args)}\n{head}\n...\n```"


def _console(*args: str, lines: int | None = None) -> str:
    out = _run(*args).splitlines()
    shown = "\n".join(out[:lines] if lines else out)
    more = "\n..." if lines and len(out) > lines else ""
    return f"```console\n$ roadmap {' '.join(args)}\n{shown}{more}\n```"


def example_daily() -> str:
    steps = [
        (["plan", "--lang", "python", "--hours", "12", "--start", EXAMPLE_START], False),
        (["check", "learn-language-core", "programming-fundamentals", "crud-cli-tool"], True),
        (["log", "joins-and-indexes", "1h30m"], True),
        (["today"], True),
        (["next"], True),
        (["status"], True),
    ]
    return f"```console\n{_session(steps, PROGRESS_TODAY)}\n```"


def example_salary_short() -> str:
    return _console("salary", "--level", "senior", "--city", "london")


def example_salary() -> str:
    return _console("salary")


def example_salary_city() -> str:
    return (
        _console("salary", "--level", "senior", "--city", "sf")
        + "\n\n"
        + _console("salary", "--level", "senior", "--city", "usd")
    )


def example_certs() -> str:
    return _console("certs", lines=14)


def example_market() -> str:
    return _console("market", "--topic", "jobs")


PROGRESS_TODAY = "2027-02-10"


def example_progress() -> str:
    steps = [
        (["plan", "--lang", "python", "--hours", "12", "--start", EXAMPLE_START], False),
        (["check", "learn-language-core", "programming-fundamentals", "crud-cli-tool"], True),
        (["skip", "sql-fundamentals"], True),
        (["note", "joins-and-indexes", "composite index on (user_id, created_at)"], True),
        (["log", "joins-and-indexes", "1h30m", "--note", "three-table join"], True),
        (["status"], True),
        (["today"], True),
        (["next"], True),
        (["show", "joins-and-indexes"], True),
    ]
    return f"```console\n{_session(steps, PROGRESS_TODAY)}\n```"


EXAMPLE_PACK = """\
pack:
  id: my-team
  title: "Our team's additions"
  version: "1.0"

sources:
  - id: team-handbook
    title: "Engineering handbook"
    publisher: "Our team"
    as_of: "2026-11"

milestones:
  - id: team-service-tour
    phase: foundations
    title: "Read our {framework} service and trace one request"
    hours: 6
    depends_on: [learn-language-core]
    sources: [team-handbook]

  - id: sql-fundamentals          # a built-in id: replaced, not added
    replace: true
    phase: foundations
    title: "Write raw SQL against our PostgreSQL schema"
    hours: 10
    sources: [team-handbook]
"""

BROKEN_PACK = """\
pack:
  id: my-team
  title: "Our team's additions"
  version: 1.10
milestones:
  - id: team-service-tour
    phase: foundations
    title: no
    hourz: 6
    priority: must
    sources: [team-handbook]
"""


def _validate(text: str) -> str:
    """`roadmap packs validate my-team.yaml` on ``text``, stdout and stderr as a terminal shows them."""
    from typer.testing import CliRunner

    from roadmap_cli.cli import app

    here = Path.cwd()
    with tempfile.TemporaryDirectory() as home:
        Path(home, "my-team.yaml").write_text(text, encoding="utf-8")
        env = {"ROADMAP_HOME": home, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
        os.chdir(home)
        try:
            result = CliRunner().invoke(app, ["packs", "validate", "my-team.yaml"], env=env)
        finally:
            os.chdir(here)
    shown = (result.stdout + result.stderr).rstrip()
    return f"```console\n$ roadmap packs validate my-team.yaml\n{shown}\n```"


def example_pack() -> str:
    return f"```yaml\n{EXAMPLE_PACK}```\n\n{_validate(EXAMPLE_PACK)}"


def example_pack_errors() -> str:
    return f"```yaml\n{BROKEN_PACK}```\n\n{_validate(BROKEN_PACK)}"


def example_export() -> str:
    steps = [
        (["plan", "--lang", "go", "--hours", "10", "--start", EXAMPLE_START], False),
        (["check", "learn-language-core", "programming-fundamentals"], False),
        (["skip", "crud-cli-tool"], False),
        (["export", "--format", "md"], True),
    ]
    lines = _session(steps, PROGRESS_TODAY).splitlines()
    shown = lines[lines.index("$ roadmap export --format md") :][:22]
    return "```console\n" + "\n".join(shown) + "\n...\n```"


SECTIONS: dict[str, Callable[[], str]] = {
    "example-export": example_export,
    "example-progress": example_progress,
    "example-daily": example_daily,
    "example-salary-short": example_salary_short,
    "reference": reference,
    "example-plan": example_plan,
    "example-warning": example_warning,
    "example-salary": example_salary,
    "example-salary-city": example_salary_city,
    "example-certs": example_certs,
    "example-market": example_market,
    "example-pack": example_pack,
    "example-pack-errors": example_pack_errors,
}


def render(text: str, sections: dict[str, str]) -> str:
    """``text`` with each generated part it holds made afresh (``sections``: name to body)."""
    for name, body in sections.items():
        pattern = re.compile(
            rf"(<!-- BEGIN generated: {name} -->\n)(?:.*?\n)?(<!-- END generated: {name} -->)", re.DOTALL
        )
        text = pattern.sub(lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text)
    return text


def main(argv: list[str]) -> int:
    os.environ.setdefault("COLUMNS", "100")
    current = {path: path.read_text(encoding="utf-8") for path in FILES}
    used = {name for name in SECTIONS if any(f"BEGIN generated: {name} -->" in t for t in current.values())}
    missing = set(SECTIONS) - used
    if missing:
        raise SystemExit(f"no file has the generated sections {sorted(missing)}")
    sections = {name: make() for name, make in SECTIONS.items()}
    stale = []
    for path, text in current.items():
        fresh = render(text, sections)
        if fresh != text:
            stale.append(path.relative_to(ROOT))
            if "--check" not in argv:
                path.write_text(fresh, encoding="utf-8")
    if stale and "--check" in argv:
        print(f"out of date: {', '.join(map(str, stale))}: run `python scripts/readme.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
