"""How fast roadmap starts, and how it scales: whole processes, timed side by side in one run.

    python benchmarks/run.py            # 20 rounds of start-up, 3 of each scale case
    python benchmarks/run.py --quick    # fewer rounds: a rough picture in under a minute or so
    python benchmarks/run.py --write    # also rewrite BENCHMARKS.md with the figures

Run it with the Python of the environment roadmap is installed in (its ``roadmap`` script is used,
so the figures include what a user's shell pays). Everything runs in a temporary ROADMAP_HOME; the
real home is never read or written.

Start-up: every command is run once to warm the disk cache and the catalog cache, then all of them
are run in turns, round after round, so that a busy machine slows them alike; the table gives the
median wall time and its ratio to two floors measured in the same rounds: ``python -c pass`` and
the import floor, ``python -c "import typer, rich.console, pydantic, yaml, platformdirs"``.

Scale: synthetic packs of 1,000, 10,000 and 50,000 milestones (spread over the built-in phases,
with dependencies inside and across phases, core and optional) are written as user packs. The
planner is timed on the loaded catalog, in this process; the CLI is timed cold (no catalog cache:
YAML parsing and validation included) and warm. Peak memory is tracemalloc's peak for the
planner and the child's maximum resident set size for the CLI.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOOR_IMPORTS = "import typer, rich.console, pydantic, yaml, platformdirs"
PLAN_ARGS = ["plan", "--lang", "python", "--hours", "12"]
START = "2027-01-04"
SIZES = (1_000, 10_000, 50_000)
PER_FILE = 2_500  # milestones per file: each file stays under the loader's 50,000-value limit
STATUS_EVENTS = 100_000


# ------------------------------------------------------------------------------------ processes


@dataclass
class Run:
    seconds: float
    rss_mb: float | None
    code: int
    out: str = ""


def roadmap_command() -> list[str]:
    """The ``roadmap`` script next to this Python, else on PATH, else ``python -m roadmap_cli``."""
    script = Path(sys.executable).with_name("roadmap.exe" if os.name == "nt" else "roadmap")
    if script.exists():
        return [str(script)]
    found = shutil.which("roadmap")
    return [found] if found else [sys.executable, "-m", "roadmap_cli"]


def run(argv: Sequence[str], env: dict[str, str], *, capture: bool = False) -> Run:
    """Run a whole process; its wall time, and its peak resident memory where the OS says."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024  # bytes on macOS, KiB elsewhere
        rss: float | None = usage.ru_maxrss * scale
    else:
        proc.wait()
        seconds = time.perf_counter() - start
        rss = None
    if proc.stdout:
        proc.stdout.close()
    return Run(seconds, rss, proc.returncode, out)


def make_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a measured process: a temp home, no colour, and bytecode caching on.

    An installed package has its modules compiled to bytecode by pip, so a warm run never
    compiles source; PYTHONDONTWRITEBYTECODE would make every run of a source checkout do it.
    """
    skip = ("_ROADMAP_COMPLETE", "COMP_", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(ROADMAP_HOME=str(home), NO_COLOR="1", **extra)
    env.pop("FORCE_COLOR", None)
    return env


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


# ------------------------------------------------------------------------------------ start-up


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    target: float | None = None  # at most this many times the import floor
    note: str = ""
    times: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)


def startup_cases(rm: list[str], home: Path) -> list[Case]:
    env = make_env(home)
    run([*rm, *PLAN_ARGS], env)  # status and next read the active plan: save one
    words = "roadmap plan --lang p"
    complete_env = make_env(home, _ROADMAP_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD="3")
    return [
        Case("python -c pass", [sys.executable, "-c", "pass"], env),
        Case("import floor", [sys.executable, "-c", FLOOR_IMPORTS], env),
        Case("roadmap --version", [*rm, "--version"], env, 0.5),
        Case("roadmap --help", [*rm, "--help"], env),
        Case("roadmap plan --lang python --hours 12 --dry-run", [*rm, *PLAN_ARGS, "--dry-run"], env, 1.0),
        Case("roadmap status", [*rm, "status"], env, 0.9),
        Case("roadmap next", [*rm, "next"], env, 0.9),
        Case(f"completion: `{words}<TAB>`", rm, complete_env, 1.0),
    ]


def measure_startup(cases: list[Case], rounds: int) -> None:
    for case in cases:  # warm the disk cache and the catalog cache
        first = run(case.argv, case.env, capture=True)
        if first.code != 0:
            case.note = f"exit {first.code}"
        elif case.name.startswith("completion") and "python" not in first.out:
            case.note = "completion did not offer `python`"
    order = list(cases)
    shuffle = random.Random(7).shuffle
    for _ in range(rounds):
        shuffle(order)
        for case in order:
            result = run(case.argv, case.env)
            case.times.append(result.seconds)
            if result.rss_mb is not None:
                case.rss.append(result.rss_mb)


def startup_table(cases: list[Case]) -> list[str]:
    pass_ms = median(cases[0].times) * 1000
    floor_ms = median(cases[1].times) * 1000
    lines = [
        "| command | median ms | × import floor | × `python -c pass` | peak RSS MB | target | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for case in cases:
        ms = median(case.times) * 1000
        ratio = ms / floor_ms
        rss = f"{median(case.rss):.0f}" if case.rss else "–"
        target = f"≤ {case.target:.1f}×" if case.target is not None else ""
        verdict = ""
        if case.target is not None:
            verdict = "ok" if ratio <= case.target else "**over**"
        if case.note:
            verdict = f"{verdict} ({case.note})".strip()
        lines.append(
            f"| {case.name} | {ms:.1f} | {ratio:.2f} | {ms / pass_ms:.1f} | {rss} | {target} | {verdict} |"
        )
    return lines


# ------------------------------------------------------------------------------------ scale


def write_packs(folder: Path, n: int, phases: list[str], source: str, seed: int = 1) -> list[Path]:
    """``n`` synthetic milestones in pack files of PER_FILE each, phase by phase in order.

    About 70 % are core. Most items follow the one before them in their phase, some also need a
    random earlier item (so in the same or an earlier phase); a core item depends only on core items.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    core_ids: list[str] = []
    all_ids: list[str] = []
    previous: dict[str, tuple[str, bool]] = {}
    files: list[Path] = []
    lines: list[str] = []

    def flush(number: int) -> None:
        path = folder / f"synthetic-{number:03d}.yaml"
        head = [
            "pack:",
            f"  id: synthetic-{number}",
            f'  title: "Synthetic pack {number}"',
            '  version: "1.0"',
            "milestones:",
        ]
        path.write_text("\n".join([*head, *lines]) + "\n", encoding="utf-8")
        files.append(path)
        lines.clear()

    for k in range(n):
        phase = phases[k * len(phases) // n]
        core = rng.random() < 0.7
        item_id = f"syn-{k:06d}"
        pool = core_ids if core else all_ids
        deps: list[str] = []
        before = previous.get(phase)
        if before is not None and rng.random() < 0.6 and (before[1] or not core):
            deps.append(before[0])
        if pool and rng.random() < 0.3:
            extra = pool[rng.randrange(len(pool))]
            if extra not in deps:
                deps.append(extra)
        lines += [
            f"  - id: {item_id}",
            f"    phase: {phase}",
            f'    title: "Synthetic milestone {k} in {{language}}"',
            f"    hours: {rng.randint(2, 20)}",
            f"    priority: {'core' if core else 'optional'}",
        ]
        if not core:
            lines.append(f"    rank: {rng.randrange(100_000)}")
        if deps:
            lines.append(f"    depends_on: [{', '.join(deps)}]")
        lines.append(f"    sources: [{source}]")
        previous[phase] = (item_id, core)
        all_ids.append(item_id)
        if core:
            core_ids.append(item_id)
        if (k + 1) % PER_FILE == 0:
            flush(len(files) + 1)
    if lines:
        flush(len(files) + 1)
    return files


@dataclass
class ScaleRow:
    n: int
    items: int = 0
    load: float = 0.0
    plan: float = 0.0
    plan_peak_mb: float = 0.0
    scan: float = 0.0  # one plain pass over the items: the machine's own cost per item at this size
    cold: float = 0.0
    cold_rss: float | None = None
    warm: float = 0.0
    warm_rss: float | None = None


def best_of(fn: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return median(times)


def one_pass(items: list[Any]) -> int:
    """Touch every item once, as the cheapest step of planning does."""
    return sum(item["hours"] for item in items if not item["stacks"] or "python" in item["stacks"])


def measure_scale(rm: list[str], base: Path, reps: int) -> list[ScaleRow]:
    from roadmap_cli.catalog.registry import load_catalog
    from roadmap_cli.planner import PlanRequest, make_plan

    builtin = load_catalog((), use_cache=False)
    phases = [p["id"] for p in builtin.phases]
    source = next(iter(builtin.sources))
    request = PlanRequest(stack="python", hours_per_week=12, start=date.fromisoformat(START))
    rows = []
    for n in SIZES:
        home = base / f"scale-{n}"
        packs = write_packs(home / "config" / "packs", n, phases, source)
        row = ScaleRow(n)
        os.environ["ROADMAP_HOME"] = str(home)  # the user packs are read from there
        start = time.perf_counter()
        catalog = load_catalog((), use_cache=False)
        row.load = time.perf_counter() - start
        assert len(packs) == len(catalog.packs) - 1, "every generated pack file is read"
        row.items = len(catalog.items)
        row.plan = best_of(partial(make_plan, catalog, request), reps)
        row.scan = best_of(partial(one_pass, catalog.items), max(reps, 5))
        tracemalloc.start()
        make_plan(catalog, request)
        row.plan_peak_mb = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        del catalog

        env = make_env(home)
        argv = [*rm, *PLAN_ARGS, "--start", START, "--json"]
        if "--dry-run" in run([*rm, "plan", "--help"], env, capture=True).out:
            argv.append("--dry-run")
        cache = home / "cache" / "catalog.json"
        cold_runs = []
        for _ in range(reps):
            cache.unlink(missing_ok=True)
            cold_runs.append(run(argv, env))
        warm_runs = [run(argv, env) for _ in range(reps)]
        for label, runs in (("cold", cold_runs), ("warm", warm_runs)):
            if any(r.code != 0 for r in runs):
                raise SystemExit(f"roadmap plan over {n:,} milestones ({label}) failed: exit {runs[0].code}")
        row.cold = median([r.seconds for r in cold_runs])
        row.warm = median([r.seconds for r in warm_runs])
        rss = [r.rss_mb for r in cold_runs if r.rss_mb is not None]
        row.cold_rss = max(rss) if rss else None
        rss = [r.rss_mb for r in warm_runs if r.rss_mb is not None]
        row.warm_rss = max(rss) if rss else None
        rows.append(row)
        shutil.rmtree(home, ignore_errors=True)
    return rows


def _mb(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "–"


def scale_tables(rows: list[ScaleRow]) -> list[str]:
    targets = {10_000: 1.0, 50_000: 5.0}
    lines = [
        "| milestones (catalog items) | load + validate s | planner s | planner peak MB "
        "| CLI cold s | CLI cold RSS MB | CLI warm s | CLI warm RSS MB | target (planner) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        target = targets.get(r.n)
        verdict = ""
        if target is not None:
            verdict = f"≤ {target:g} s: " + ("ok" if r.plan <= target else "**over**")
        lines.append(
            f"| {r.n:,} ({r.items:,}) | {r.load:.2f} | {r.plan:.3f} | {r.plan_peak_mb:.0f} "
            f"| {r.cold:.2f} | {_mb(r.cold_rss)} | {r.warm:.2f} | {_mb(r.warm_rss)} | {verdict} |"
        )
    lines += [
        "",
        "Growth from one size to the next, against what n log n predicts (ok: no faster than n log n). "
        "For reference, the last column is how much one plain pass over the items grows on this "
        "machine: more than n once the catalog outgrows the CPU caches, and the same excess shows in "
        "everything that reads the catalog.",
        "",
        "| sizes | n | n log n | load + validate | planner | CLI cold | CLI warm | one pass over the items |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for a, b in pairwise(rows):
        predicted = b.items * math.log(b.items) / (a.items * math.log(a.items))
        cells = []
        for before, after in ((a.load, b.load), (a.plan, b.plan), (a.cold, b.cold), (a.warm, b.warm)):
            ratio = after / before
            cells.append(f"{ratio:.1f}× " + ("ok" if ratio <= predicted else "**over**"))
        lines.append(
            f"| {a.n:,} → {b.n:,} | {b.items / a.items:.1f}× | {predicted:.1f}× | {' | '.join(cells)} "
            f"| {b.scan / a.scan:.1f}× |"
        )
    return lines


# ------------------------------------------------------------------------------------ status


def measure_status_events(rm: list[str], base: Path, reps: int) -> list[str]:
    """``roadmap status`` over STATUS_EVENTS progress events, written through the store's own API:
    ticks, unticks, skips, unskips and notes spread over every item of a real plan."""
    home = base / "status"
    env = make_env(home)
    seeded = _seed_events(rm, home, env)
    run([*rm, "status"], env)  # warm
    runs = [run([*rm, "status"], env) for _ in range(max(reps, 3))]
    if any(r.code != 0 for r in runs):
        return [f"`roadmap status` failed over {seeded:,} events: exit {runs[0].code}."]
    seconds = median([r.seconds for r in runs])
    rss = [r.rss_mb for r in runs if r.rss_mb is not None]
    verdict = "ok" if seconds <= 0.5 else "**over**"
    return [
        "| events | `roadmap status` s | peak RSS MB | target | |",
        "|---:|---:|---:|---:|---|",
        f"| {seeded:,} | {seconds:.3f} | {_mb(max(rss) if rss else None)} | ≤ 0.5 s | {verdict} |",
        "",
        "The events cycle through tick, note, untick, skip, unskip and tick over every item of the plan.",
    ]


def _seed_events(rm: list[str], home: Path, env: dict[str, str]) -> int:
    from roadmap_cli.progress.store import DATABASE_NAME, open_store

    done = run([*rm, *PLAN_ARGS, "--start", START], env)
    if done.code != 0:
        raise RuntimeError(f"`roadmap plan` exited {done.code}")
    kinds = ("tick", "note", "untick", "skip", "unskip", "tick")
    with open_store(readonly=False, path=home / "data" / DATABASE_NAME) as store:
        ids = [item.id for item in store.require_plan().snapshot().items]
        entries = [
            (ids[n % len(ids)], kind, f"note {n}" if kind == "note" else None)
            for n in range(STATUS_EVENTS)
            for kind in (kinds[(n // len(ids)) % len(kinds)],)
        ]
        store.record(entries)
        return len(store.events())


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if sys.platform == "darwin":
        done = subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True)
        cpu = done.stdout.strip() or cpu
    from importlib.metadata import version

    libs = ", ".join(f"{name} {version(name)}" for name in ("typer", "rich", "pydantic", "PyYAML"))
    return (
        f"{cpu}, {os.cpu_count()} cores · {platform.system()} {platform.release()} · "
        f"Python {platform.python_version()} · {libs}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a rough picture")
    parser.add_argument("--write", action="store_true", help="rewrite BENCHMARKS.md with the results")
    parser.add_argument("--no-scale", action="store_true", help="start-up only")
    args = parser.parse_args(argv)
    from importlib.util import find_spec

    if find_spec("roadmap_cli") is None:
        parser.exit(
            2, "roadmap is not installed for this Python: run this with the Python of its environment\n"
        )
    rounds, reps = (5, 1) if args.quick else (20, 3)

    rm = roadmap_command()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    how = "the installed `roadmap` script" if len(rm) == 1 else "`python -m roadmap_cli`"
    report = [f"Measured {when} on {machine()}; `roadmap` run as {how}.", ""]
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        base = Path(tmp)
        os.environ["ROADMAP_HOME"] = str(base / "in-process")  # the in-process loads below
        cases = startup_cases(rm, base / "startup")
        print(f"start-up: {len(cases)} commands × {rounds} rounds ...", file=sys.stderr)
        measure_startup(cases, rounds)
        report += [f"## Start-up (median of {rounds} rounds, warm caches)", "", *startup_table(cases), ""]
        # Before the scale runs: a child's peak memory counts from what this process holds when it
        # starts it, and the scale runs load big catalogs into this process.
        status_report = [
            f"## Scale: `roadmap status` over {STATUS_EVENTS:,} progress events",
            "",
            *measure_status_events(rm, base, reps),
            "",
        ]
        if not args.no_scale:
            print(f"scale: {', '.join(f'{n:,}' for n in SIZES)} milestones ...", file=sys.stderr)
            rows = measure_scale(rm, base, reps)
            report += [
                f"## Scale: `roadmap plan` over generated packs (median of {reps})",
                "",
                "Catalog items are the generated milestones plus the built-in ones. The planner and "
                "load + validate are timed in one process on the loaded catalog; the CLI runs "
                "`roadmap plan --lang python --hours 12 --json` as a whole process, cold (no catalog "
                "cache) and warm.",
                "",
                *scale_tables(rows),
                "",
            ]
        report += status_report
    text = "\n".join(report)
    print(text)
    if args.write:
        page = (
            "# Benchmarks\n\n"
            "How fast `roadmap` starts and how it scales, as measured by `python benchmarks/run.py` "
            "(see its docstring for the method). Every start-up figure is a whole process, as a shell "
            "runs it: the interpreter starting, imports (from bytecode, as after `pip install`), the "
            "work and the exit. The figures come from one machine and one run; the ratios to the "
            "floors measured in the same run are what carry over to other machines.\n\n"
            f"{text}\n"
        )
        (ROOT / "BENCHMARKS.md").write_text(page, encoding="utf-8")
        print(f"wrote {ROOT / 'BENCHMARKS.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
