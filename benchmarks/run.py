"""How fast roadmap starts, and how it scales: whole processes, timed side by side in one run.

    python benchmarks/run.py            # 20 rounds of start-up, 3 of each scale case (several minutes)
    python benchmarks/run.py --quick    # small sizes, few rounds, no verdicts: the CI smoke run
    python benchmarks/run.py --write    # also rewrite BENCHMARKS.md with the figures
    python benchmarks/run.py --only-scale   # the scale cases alone (--no-scale: start-up alone)

Run it with the Python of the environment roadmap is installed in (its ``roadmap`` script is used,
so the figures include what a user's shell pays). Everything runs in a temporary ROADMAP_HOME; the
real home is never read or written. Every figure comes from a fresh process: this script only
starts processes and writes files, so nothing it holds can leak into what it measures.

Start-up: every command is run once to warm the disk cache and the catalog cache, then all of them
are run in turns, round after round, so that a busy machine slows them alike; the table gives the
median wall time and its ratio to two floors measured in the same rounds: ``python -c pass`` and
the import floor, ``python -c "import typer, rich.console, pydantic, yaml, platformdirs"``.
Peers installed on the machine (Taskwarrior, sqlite-utils) and a Typer hello-world run in the
same rounds, for scale. Peak memory is the child's own maximum resident set size, from
``/usr/bin/time -f %M`` where there is one, else from ``getrusage(RUSAGE_CHILDREN)`` of a fresh
intermediate process (a child's peak counts from what its parent held when it started it, so it
is never read in this process).

Scale: synthetic packs of 1,000, 10,000 and 50,000 milestones (spread over the built-in phases,
with dependencies inside and across phases) are written as user packs. They are shaped like a big
organisation's pack: a couple of hundred short core items, the rest optional, so that every size
makes a plan of about a year that the planner chooses from all the items. Load + validate and the
planner are timed in a fresh process; the CLI is timed cold (no catalog cache: YAML parsing and
validation included) and warm.

A long history: a backup of a million events (the most a backup may hold) is imported into a
fresh home, and ``roadmap status`` over it is timed in turns with ``status`` over a hundred events.

``--quick`` runs the same steps at small sizes with a few rounds and gives no verdicts: it checks
that every step still runs (CI runs it), not how fast.
"""

from __future__ import annotations

import argparse
import json
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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FLOOR_IMPORTS = "import typer, rich.console, pydantic, yaml, platformdirs"
PLAN_ARGS = ["plan", "--lang", "python", "--hours", "12"]
START = "2027-01-04"
SIZES = (1_000, 10_000, 50_000)
QUICK_SIZES = (200, 1_000)
PER_FILE = 2_500  # milestones per file: each file stays under the loader's 50,000-value limit
CORE_ITEMS = 200  # about this many generated items are core, whatever the size
STATUS_EVENTS = 100_000
QUICK_STATUS_EVENTS = 2_000
HISTORY_EVENTS = 1_000_000  # the most a backup may hold
QUICK_HISTORY_EVENTS = 5_000
IMPORT_TARGET = 10.0  # seconds to import a backup of HISTORY_EVENTS
HISTORY_STATUS_TARGET = 1.5  # `status` over HISTORY_EVENTS, at most this many times `status` over a few
COLD_TARGET, WARM_TARGET = 3.0, 0.5  # seconds, for the CLI over the largest size
TIME = "/usr/bin/time"

HELLO_TYPER = """\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"Hello {name}")


if __name__ == "__main__":
    app()
"""


# ------------------------------------------------------------------------------------ processes


@dataclass
class Run:
    seconds: float
    code: int
    out: str = ""
    cpu: float | None = None  # the child's user + system time: what other load on the machine cannot inflate


def roadmap_command() -> list[str]:
    """The ``roadmap`` script next to this Python, else on PATH, else ``python -m roadmap_cli``."""
    script = Path(sys.executable).with_name("roadmap.exe" if os.name == "nt" else "roadmap")
    if script.exists():
        return [str(script)]
    found = shutil.which("roadmap")
    return [found] if found else [sys.executable, "-m", "roadmap_cli"]


def run(argv: Sequence[str], env: dict[str, str], *, capture: bool = False) -> Run:
    """Run a whole process; its wall time, CPU time and exit code (and its stdout if ``capture``)."""
    before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    seconds = time.perf_counter() - start
    after = _children_cpu()
    out = done.stdout.decode("utf-8", "replace") if capture else ""
    cpu = after - before if after is not None and before is not None else None
    return Run(seconds, done.returncode, out, cpu)


def _children_cpu() -> float | None:
    """User + system time of every child this process has waited for, where the OS says."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: A fresh, small Python that runs a command and reports the peak memory of that child alone.
RSS_PROBE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _gnu_time() -> bool:
    if not Path(TIME).exists():
        return False
    with tempfile.NamedTemporaryFile("r") as out:
        done = subprocess.run([TIME, "-f", "%M", "-o", out.name, "true"], capture_output=True, check=False)
        return done.returncode == 0 and out.read().strip().isdigit()


HAS_GNU_TIME = _gnu_time()


def peak_rss_mb(argv: Sequence[str], env: dict[str, str]) -> float | None:
    """The peak resident memory of one run of ``argv``, counting that process only."""
    if HAS_GNU_TIME:
        with tempfile.NamedTemporaryFile("r") as out:
            subprocess.run(
                [TIME, "-f", "%M", "-o", out.name, *argv],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            text = out.read().strip().splitlines()
        return int(text[-1]) / 1024 if text and text[-1].isdigit() else None
    if os.name == "nt":
        return None
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, *argv], env=env, capture_output=True, text=True, check=False
    )
    try:
        kib = int(done.stdout.strip())
    except ValueError:
        return None
    return kib / 1024 / 1024 if sys.platform == "darwin" else kib / 1024  # bytes on macOS, KiB elsewhere


def in_child(code: str, env: dict[str, str], *args: str) -> Any:
    """Run ``code`` in a fresh Python and return the JSON it prints last: in-process measurements
    never run in this process, so what they load cannot weigh on what is measured after them."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"a measuring child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


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
    expect: str = ""  # what its stdout must hold, checked on the warm-up run
    times: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)


def startup_cases(rm: list[str], home: Path, tmp: Path) -> list[Case]:
    env = make_env(home)
    made = run([*rm, *PLAN_ARGS, "--start", START], env)  # the daily commands read the active plan
    if made.code != 0:
        raise SystemExit(f"`roadmap plan` exited {made.code}: cannot measure the daily commands")

    def completing(words: str) -> dict[str, str]:
        cword = str(len(words.split()) - 1)
        return make_env(home, _ROADMAP_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=cword)

    daily = 0.5
    cases = [
        Case("python -c pass", [sys.executable, "-c", "pass"], env),
        Case("import floor", [sys.executable, "-c", FLOOR_IMPORTS], env),
        Case("roadmap --version", [*rm, "--version"], env, 0.25, expect="roadmap "),
        Case("roadmap --help", [*rm, "--help"], env, daily, expect="Track commands"),
        Case("roadmap status", [*rm, "status"], env, daily),
        Case("roadmap next", [*rm, "next"], env, daily),
        Case("roadmap check ID", [*rm, "check", "learn-language-core"], env, daily),
        Case("roadmap note ID TEXT", [*rm, "note", "learn-language-core", "read it twice"], env, daily),
        Case("roadmap skip ID", [*rm, "skip", "programming-fundamentals"], env, daily),
        Case("roadmap today", [*rm, "today"], env, daily),
        Case("roadmap show", [*rm, "show"], env, daily),
        Case("roadmap show ID", [*rm, "show", "sql-fundamentals"], env, daily, expect="sql-fundamentals"),
        Case("roadmap log ID 30m", [*rm, "log", "learn-language-core", "30m"], env, daily),
        Case("completion: `roadmap s<TAB>`", rm, completing("roadmap s"), daily, expect="status"),
        Case(
            "completion: `roadmap check sql<TAB>`",
            rm,
            completing("roadmap check sql"),
            daily,
            expect="sql-fundamentals",
        ),
        Case(
            "completion: `roadmap plan --lang p<TAB>`",
            rm,
            completing("roadmap plan --lang p"),
            daily,
            expect="python",
        ),
        Case("roadmap plan --lang python --hours 12 --dry-run", [*rm, *PLAN_ARGS, "--dry-run"], env, 0.7),
        Case("roadmap salary", [*rm, "salary"], env, 0.6),
    ]
    return cases + peer_cases(tmp)


def peer_cases(tmp: Path) -> list[Case]:
    """Other command-line tools, where installed: how long a run of theirs takes on this machine."""
    env = make_env(tmp / "peers")
    hello = tmp / "hello_typer.py"
    hello.write_text(HELLO_TYPER, encoding="utf-8")
    peers = [Case("peer: a Typer hello-world", [sys.executable, str(hello)], env, expect="Hello world")]
    task = shutil.which("task")
    if task:
        data = tmp / "taskwarrior"
        data.mkdir()
        rc = data / "taskrc"
        rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=99.0.0\n")
        task_env = {**env, "TASKRC": str(rc), "TASKDATA": str(data)}
        for n in range(20):
            subprocess.run([task, "add", f"task {n}"], env=task_env, capture_output=True, check=False)
        peers.append(Case("peer: Taskwarrior `task next`", [task, "next"], task_env))
    sqlite_utils = shutil.which("sqlite-utils") or _beside_python("sqlite-utils")
    if sqlite_utils:
        db = tmp / "peer.db"
        subprocess.run([sqlite_utils, "create-table", str(db), "t", "id", "integer"], capture_output=True)
        peers.append(Case("peer: `sqlite-utils tables`", [sqlite_utils, "tables", str(db)], env))
    return peers


def _beside_python(name: str) -> str | None:
    script = Path(sys.executable).with_name(name)
    return str(script) if script.exists() else None


def missing_peers() -> list[str]:
    found = []
    if not shutil.which("task"):
        found.append("Taskwarrior (`task`)")
    if not (shutil.which("sqlite-utils") or _beside_python("sqlite-utils")):
        found.append("sqlite-utils")
    return found


def measure_startup(cases: list[Case], rounds: int, rss_runs: int) -> None:
    for case in cases:  # warm the disk cache and the catalog cache, and check each does its job
        first = run(case.argv, case.env, capture=True)
        if first.code != 0:
            case.note = f"exit {first.code}"
        elif case.expect and case.expect not in first.out:
            case.note = f"printed no {case.expect!r}"
    order = list(cases)
    shuffle = random.Random(7).shuffle
    for _ in range(rounds):
        shuffle(order)
        for case in order:
            case.times.append(run(case.argv, case.env).seconds)
    for case in cases:
        for _ in range(rss_runs):
            rss = peak_rss_mb(case.argv, case.env)
            if rss is not None:
                case.rss.append(rss)


def startup_table(cases: list[Case], verdicts: bool) -> list[str]:
    pass_ms = median(cases[0].times) * 1000
    floor_ms = median(cases[1].times) * 1000
    lines = [
        "| command | median ms | × import floor | × `python -c pass` | peak RSS MB | target | |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for case in cases:
        ms = median(case.times) * 1000
        ratio = ms / floor_ms
        rss = f"{median(case.rss):.1f}" if case.rss else "–"
        target = f"≤ {case.target:g}×" if case.target is not None else ""
        verdict = ""
        if case.target is not None and verdicts:
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

    About CORE_ITEMS of them are core, of 1-3 hours (a few hundred hours in all, about a year at
    12 hours a week, whatever ``n``); the rest are optional, of 1-20 hours, each with a rank, so
    the planner chooses from all of them what still fits the window. Most items follow the one
    before them in their phase, some also need a random earlier item (so in the same or an
    earlier phase); a core item depends only on core items.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    core_share = min(0.7, CORE_ITEMS / n)
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
        core = rng.random() < core_share
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
            f"    hours: {rng.randint(1, 3) if core else rng.randint(1, 20)}",
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


#: Run in a fresh process: the built-in phases and a source id, for the generated packs.
BUILTIN_FACTS = """
import json
from roadmap_cli.catalog.registry import load_catalog
catalog = load_catalog((), use_cache=False)
print(json.dumps({"phases": [p["id"] for p in catalog.phases], "source": next(iter(catalog.sources))}))
"""

#: Run in a fresh process over one generated home: load + validate once (cold), then the planner
#: and one plain pass over the items, each the median of ``reps``, and the planner's peak memory.
IN_PROCESS_SCALE = """
import json, statistics, sys, time, tracemalloc
from datetime import date
from roadmap_cli.catalog.registry import load_catalog
from roadmap_cli.planner import PlanRequest, make_plan

reps, start = int(sys.argv[1]), date.fromisoformat(sys.argv[2])
began = time.perf_counter()
catalog = load_catalog((), use_cache=False)
load = time.perf_counter() - began
request = PlanRequest(stack="python", hours_per_week=12, start=start)

def timed(fn, n):
    times = []
    for _ in range(n):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)

def one_pass():
    return sum(i["hours"] for i in catalog.items if not i["stacks"] or "python" in i["stacks"])

plan = make_plan(catalog, request)
tracemalloc.start()
make_plan(catalog, request)
peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
tracemalloc.stop()
print(json.dumps({
    "items": len(catalog.items),
    "packs": len(catalog.packs),
    "scheduled": len(plan.items),
    "load": load,
    "plan": timed(lambda: make_plan(catalog, request), reps),
    "scan": timed(one_pass, max(reps, 5)),
    "plan_peak_mb": peak,
}))
"""


@dataclass
class ScaleRow:
    n: int
    items: int = 0
    scheduled: int = 0
    load: float = 0.0
    plan: float = 0.0
    plan_peak_mb: float = 0.0
    scan: float = 0.0  # one plain pass over the items: the machine's own cost per item at this size
    cold: float = 0.0
    cold_cpu: float | None = None
    cold_rss: float | None = None
    warm: float = 0.0
    warm_cpu: float | None = None
    warm_rss: float | None = None


def measure_scale(rm: list[str], base: Path, sizes: Sequence[int], reps: int) -> list[ScaleRow]:
    facts = in_child(BUILTIN_FACTS, make_env(base / "facts"))
    rows = []
    for n in sizes:
        home = base / f"scale-{n}"
        packs = write_packs(home / "config" / "packs", n, facts["phases"], facts["source"])
        env = make_env(home)
        row = ScaleRow(n)
        found = in_child(IN_PROCESS_SCALE, env, str(reps), START)
        if found["packs"] != len(packs) + 1:
            raise SystemExit(f"only {found['packs'] - 1} of {len(packs)} generated pack files were read")
        row.items, row.scheduled = found["items"], found["scheduled"]
        row.load, row.plan, row.scan, row.plan_peak_mb = (
            found["load"],
            found["plan"],
            found["scan"],
            found["plan_peak_mb"],
        )

        argv = [*rm, *PLAN_ARGS, "--start", START, "--json", "--dry-run"]
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
        row.cold_cpu = _median_cpu(cold_runs)
        row.warm_cpu = _median_cpu(warm_runs)
        cache.unlink(missing_ok=True)
        row.cold_rss = peak_rss_mb(argv, env)
        row.warm_rss = peak_rss_mb(argv, env)
        rows.append(row)
        shutil.rmtree(home, ignore_errors=True)
    return rows


def _median_cpu(runs: list[Run]) -> float | None:
    found = [r.cpu for r in runs if r.cpu is not None]
    return median(found) if found else None


def _s(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "–"


def _mb(value: float | None) -> str:
    return f"{value:.0f}" if value is not None else "–"


def scale_tables(rows: list[ScaleRow], verdicts: bool) -> list[str]:
    largest = rows[-1].n
    lines = [
        "| milestones (catalog items) | planned | load + validate s | planner s | planner peak MB "
        "| CLI cold s | cold CPU s | CLI cold RSS MB "
        "| CLI warm s | warm CPU s | CLI warm RSS MB | target (CLI) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        verdict = ""
        if r.n == largest and verdicts:
            cold_ok = "ok" if r.cold <= COLD_TARGET else "**over**"
            warm_ok = "ok" if r.warm <= WARM_TARGET else "**over**"
            verdict = f"cold ≤ {COLD_TARGET:g} s: {cold_ok}; warm ≤ {WARM_TARGET:g} s: {warm_ok}"
        lines.append(
            f"| {r.n:,} ({r.items:,}) | {r.scheduled:,} | {r.load:.2f} | {r.plan:.3f} | {r.plan_peak_mb:.0f} "
            f"| {r.cold:.2f} | {_s(r.cold_cpu)} | {_mb(r.cold_rss)} | {r.warm:.2f} | {_s(r.warm_cpu)} "
            f"| {_mb(r.warm_rss)} | {verdict} |"
        )
    lines += [
        "",
        "Growth from one size to the next, against what n log n predicts (ok: no faster than n log n). "
        "For reference, the last column is how much one plain pass over the items grows on this "
        "machine: more than n once the catalog outgrows the CPU caches, and the same excess shows in "
        "everything that reads the catalog. A step that grows faster than n log n but no faster than "
        "that plain pass is marked *memory*: what it adds over n log n is the machine's, not the "
        "algorithm's.",
        "",
        "| sizes | n | n log n | load + validate | planner | CLI cold | CLI warm | one pass over the items |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for a, b in pairwise(rows):
        predicted = b.items * math.log(b.items) / (a.items * math.log(a.items))
        cells = []
        scan = b.scan / a.scan
        for before, after in ((a.load, b.load), (a.plan, b.plan), (a.cold, b.cold), (a.warm, b.warm)):
            ratio = after / before
            verdict = ""
            if verdicts:
                verdict = " ok" if ratio <= predicted else " *memory*" if ratio <= scan else " **over**"
            cells.append(f"{ratio:.1f}×{verdict}")
        lines.append(
            f"| {a.n:,} → {b.n:,} | {b.items / a.items:.1f}× | {predicted:.1f}× | {' | '.join(cells)} "
            f"| {scan:.1f}× |"
        )
    return lines


# ------------------------------------------------------------------------------------ status

#: Run in a fresh process: write ``count`` events through the store's own API into the active plan.
SEED_EVENTS = """
import json, sys
from pathlib import Path
from roadmap_cli.progress.store import DATABASE_NAME, open_store

home, count = Path(sys.argv[1]), int(sys.argv[2])
kinds = ("tick", "note", "untick", "skip", "unskip", "tick")
with open_store(readonly=False, path=home / "data" / DATABASE_NAME) as store:
    ids = [item.id for item in store.require_plan().items]
    entries = [
        (ids[n % len(ids)], kind, f"note {n}" if kind == "note" else None)
        for n in range(count)
        for kind in (kinds[(n // len(ids)) % len(kinds)],)
    ]
    store.record(entries)
    print(json.dumps(len(store.events())))
"""


def measure_status_events(rm: list[str], base: Path, count: int, reps: int, verdicts: bool) -> list[str]:
    """``roadmap status`` over ``count`` progress events, written through the store's own API:
    ticks, unticks, skips, unskips and notes spread over every item of a real plan."""
    home = base / "status"
    env = make_env(home)
    done = run([*rm, *PLAN_ARGS, "--start", START], env)
    if done.code != 0:
        raise SystemExit(f"`roadmap plan` exited {done.code}")
    seeded = in_child(SEED_EVENTS, env, str(home), str(count))
    run([*rm, "status"], env)  # warm
    runs = [run([*rm, "status"], env) for _ in range(max(reps, 3))]
    if any(r.code != 0 for r in runs):
        return [f"`roadmap status` failed over {seeded:,} events: exit {runs[0].code}."]
    seconds = median([r.seconds for r in runs])
    rss = peak_rss_mb([*rm, "status"], env)
    verdict = ("ok" if seconds <= 0.5 else "**over**") if verdicts else ""
    return [
        "| events | `roadmap status` s | peak RSS MB | target | |",
        "|---:|---:|---:|---:|---|",
        f"| {seeded:,} | {seconds:.3f} | {_mb(rss)} | ≤ 0.5 s | {verdict} |",
        "",
        "The events cycle through tick, note, untick, skip, unskip and tick over every item of the plan.",
    ]


def measure_history(rm: list[str], base: Path, count: int, reps: int, verdicts: bool) -> list[str]:
    """A backup of ``count`` events (the status seeding's mix, written through the store's own
    API, then exported) imported into a fresh home; then ``roadmap status`` over that history
    against ``status`` over a hundred events, in turns."""
    source, small = base / "history-source", base / "history-small"
    for home, events in ((source, count), (small, 100)):
        env = make_env(home)
        if run([*rm, *PLAN_ARGS, "--start", START], env).code != 0:
            raise SystemExit("`roadmap plan` failed: cannot measure a long history")
        in_child(SEED_EVENTS, env, str(home), str(events))
    backup = base / "history.json"
    if run([*rm, "progress", "export", str(backup)], make_env(source)).code != 0:
        raise SystemExit("`roadmap progress export` failed")
    size_mb = backup.stat().st_size / 1024 / 1024
    shutil.rmtree(source, ignore_errors=True)
    imports = []
    target = base / "history-import"
    for _ in range(max(1, reps - 1)):  # each import is into a fresh home
        shutil.rmtree(target, ignore_errors=True)
        imports.append(run([*rm, "progress", "import", str(backup)], make_env(target)))
    if any(r.code != 0 for r in imports):
        raise SystemExit(f"`roadmap progress import` of {count:,} events failed: exit {imports[0].code}")
    big_env, small_env = make_env(target), make_env(small)
    run([*rm, "status"], big_env)  # warm
    run([*rm, "status"], small_env)
    big: list[float] = []
    few: list[float] = []
    for _ in range(max(reps, 5)):
        big.append(run([*rm, "status"], big_env).seconds)
        few.append(run([*rm, "status"], small_env).seconds)
    ratio = median(big) / median(few)
    seconds = median([r.seconds for r in imports])
    verdict_import = ("ok" if seconds <= IMPORT_TARGET else "**over**") if verdicts else ""
    verdict_status = ("ok" if ratio <= HISTORY_STATUS_TARGET else "**over**") if verdicts else ""
    return [
        "| measure | s | CPU s | × `status` over 100 events | target | |",
        "|---|---:|---:|---:|---:|---|",
        f"| `roadmap progress import` of {count:,} events ({size_mb:.0f} MB) | {seconds:.2f} "
        f"| {_s(_median_cpu(imports))} |  | ≤ {IMPORT_TARGET:g} s | {verdict_import} |",
        f"| `roadmap status` over those {count:,} events | {median(big):.3f} |  | {ratio:.2f} "
        f"| ≤ {HISTORY_STATUS_TARGET:g}× | {verdict_status} |",
        f"| `roadmap status` over 100 events | {median(few):.3f} |  | 1.00 |  |  |",
    ]


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
    parser.add_argument("--quick", action="store_true", help="small sizes, few rounds, no verdicts (CI)")
    parser.add_argument("--write", action="store_true", help="rewrite BENCHMARKS.md with the results")
    parser.add_argument("--no-scale", action="store_true", help="start-up only")
    parser.add_argument("--only-scale", action="store_true", help="scale only: no start-up rounds")
    args = parser.parse_args(argv)
    if args.no_scale and args.only_scale:
        parser.error("--no-scale and --only-scale leave nothing to measure")
    from importlib.util import find_spec

    if find_spec("roadmap_cli") is None:
        parser.exit(
            2, "roadmap is not installed for this Python: run this with the Python of its environment\n"
        )
    if args.quick and args.write:
        parser.error("--quick gives no figures worth keeping: leave out --write")
    if args.only_scale and args.write:
        parser.error("--only-scale leaves out the start-up figures BENCHMARKS.md keeps: leave out --write")
    rounds, reps, rss_runs = (3, 1, 1) if args.quick else (20, 3, 3)
    sizes = QUICK_SIZES if args.quick else SIZES
    events = QUICK_STATUS_EVENTS if args.quick else STATUS_EVENTS
    history = QUICK_HISTORY_EVENTS if args.quick else HISTORY_EVENTS
    verdicts = not args.quick

    rm = roadmap_command()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    how = "the installed `roadmap` script" if len(rm) == 1 else "`python -m roadmap_cli`"
    memory = "`/usr/bin/time -f %M`" if HAS_GNU_TIME else "`getrusage` of a fresh intermediate process"
    report = [f"Measured {when} on {machine()}; `roadmap` run as {how}; peak memory from {memory}.", ""]
    with tempfile.TemporaryDirectory(prefix="roadmap-bench-") as tmp:
        base = Path(tmp)
        cases: list[Case] = []
        if not args.only_scale:
            cases = startup_cases(rm, base / "startup", base)
            print(f"start-up: {len(cases)} commands × {rounds} rounds ...", file=sys.stderr)
            measure_startup(cases, rounds, rss_runs)
            missing = missing_peers()
            report += [
                f"## Start-up (median of {rounds} rounds, warm caches)",
                "",
                *startup_table(cases, verdicts),
                "",
                "Targets are ratios to the import floor measured in the same rounds. "
                + (f"Not installed here, so not measured: {', '.join(missing)}." if missing else ""),
                "",
            ]
        if not args.no_scale:
            print(f"scale: {', '.join(f'{n:,}' for n in sizes)} milestones ...", file=sys.stderr)
            rows = measure_scale(rm, base, sizes, reps)
            report += [
                f"## Scale: `roadmap plan` over generated packs (median of {reps})",
                "",
                "Catalog items are the generated milestones plus the built-in ones; planned is how many "
                "of them the plan holds. Load + validate (cold, no catalog cache) and the planner are "
                "timed in a fresh process on the loaded catalog; the CLI runs `roadmap plan --lang "
                "python --hours 12 --json --dry-run` as a whole process, cold (no catalog cache) and warm; "
                "its CPU time (user + system) is what other load on the machine does not inflate.",
                "",
                *scale_tables(rows, verdicts),
                "",
            ]
        print(f"status over {events:,} events ...", file=sys.stderr)
        report += [
            f"## Scale: `roadmap status` over {events:,} progress events",
            "",
            *measure_status_events(rm, base, events, reps, verdicts),
            "",
        ]
        if not args.no_scale:
            print(f"a history of {history:,} events: import and status ...", file=sys.stderr)
            report += [
                f"## Scale: a history of {history:,} events",
                "",
                "A backup of that many events (the mix above, written through the store's own API) is "
                "imported into a fresh home; then `roadmap status` over it and over 100 events run in "
                "turns. CPU time (user + system) is what other load on the machine does not inflate.",
                "",
                *measure_history(rm, base, history, reps, verdicts),
                "",
            ]
    text = "\n".join(report)
    print(text)
    failed = [case.name for case in cases if case.note]
    if args.write:
        page = (
            "# Benchmarks\n\n"
            "How fast `roadmap` starts and how it scales, as measured by `python benchmarks/run.py` "
            "(see its docstring for the method). Every figure is a whole process, as a shell "
            "runs it: the interpreter starting, imports (from bytecode, as after `pip install`), the "
            "work and the exit. The figures come from one machine and one run; the ratios to the "
            "floors measured in the same run are what carry over to other machines.\n\n"
            f"{text}\n"
        )
        (ROOT / "BENCHMARKS.md").write_text(page, encoding="utf-8")
        print(f"wrote {ROOT / 'BENCHMARKS.md'}", file=sys.stderr)
    if failed:
        raise SystemExit(f"these did not run as they should: {', '.join(failed)}")


if __name__ == "__main__":
    main()
