"""`roadmap report`: one self-contained HTML page, checked as text and in a real browser (headless
Chromium, driven over the DevTools protocol; skipped where Chromium is missing).

Screenshots (1280×800 and 390×844, light and dark) and an A4 PDF of each page the browser tests load
are written to the test's tmp dir and copied to ``tests/artifacts/`` (ignored by git) to look at.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from datetime import date, datetime, timedelta
from datetime import time as clock
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app
from roadmap_cli.progress.models import log_value
from roadmap_cli.progress.store import open_store
from roadmap_cli.render.report import code_spans, visible, web_link
from roadmap_cli.views.report import heatmap_range, phase_dates, plan_weeks, study_days
from roadmap_cli.views.state import compute_progress

START = "2027-01-04"
ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = '<script>alert("x")</script> \'single\' "double" \\n \\u0041 &amp; </td>'


def ok(runner: CliRunner, *args: str, today: str = START) -> str:
    result = runner.invoke(app, list(args), env={"ROADMAP_TODAY": today})
    assert result.exit_code == 0, f"roadmap {' '.join(args)}: {result.stderr}"
    return result.stdout


def make_plan(runner: CliRunner, *extra: str, hours: str = "12") -> None:
    ok(runner, "plan", "-l", "python", "-H", hours, "--start", START, *extra)


def study(until: date, *, weekdays: tuple[int, ...] = (0, 2, 5), minutes: int = 120) -> None:
    """A learner working through the plan in order on some weekdays, logging time and ticking each
    item once its estimate is spent; every third item gets a note and a repository as evidence."""
    with open_store(readonly=False) as store:
        plan = store.require_plan()
        items, spent, n = list(plan.items), 0, 0
        day = plan.start
        while day <= until and n < len(items):
            if day.weekday() in weekdays:
                item = items[n]
                part = min(minutes, item.minutes - spent)
                at = datetime.combine(day, clock(20, 0)).astimezone()
                store.record([(item.id, "log", log_value(day, part, None))], at=at)
                spent += part
                if spent >= item.minutes:
                    store.record([(item.id, "tick", plan.request.lang)], at=at)
                    if n % 3 == 0:
                        store.record([(item.id, "note", f"Finished {item.title}")], at=at)
                        store.record([(item.id, "evidence", f"https://github.com/me/{item.id}")], at=at)
                    n, spent = n + 1, 0
            day += timedelta(days=1)


def report(runner: CliRunner, path: Path, today: str, *extra: str) -> str:
    ok(runner, "report", "--output", str(path), *extra, today=today)
    return path.read_text(encoding="utf-8")


def plan_ids(today: str) -> tuple[list[str], list[str]]:
    """The ids of every item and the titles of every phase, as the progress has them."""
    with open_store() as store:
        progress = compute_progress(store.require_plan(), store.state(), date.fromisoformat(today))
    return [i.item.id for i in progress.items], [p.title for p in progress.phases]


class Page(HTMLParser):
    """What a page is made of: its tags with their attributes, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def assert_self_contained(html: str) -> Page:
    page = Page(html)
    names = {t for t, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "image"}
    for _, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            if name in ("src", "srcset", "xlink:href", "action", "poster"):
                assert (value or "").startswith("#"), (name, value)
    assert "@import" not in html
    assert "url(" not in html.replace("url(#", "")
    for a in page.all("a"):
        assert (a["href"] or "").startswith(("https://", "http://")), a
    return page


# -- the page as text -----------------------------------------------------------------------------


def test_a_learners_page_has_every_part_and_needs_nothing_else(runner: CliRunner, tmp_path: Path) -> None:
    make_plan(runner)
    study(date(2027, 6, 20))
    html = report(runner, tmp_path / "r.html", "2027-06-20")
    page = assert_self_contained(html)
    text = " ".join(page.text)
    for heading in ("Summary", "Charts", "Phases", "Items", "Sources"):
        assert f">{heading}</h2>" in html
    assert "Python with FastAPI" in text
    assert "12 h" in text
    assert "2027-01-04" in text
    assert "2028-01-03" in text  # the plan's last day: 625 h at 12 h/week fill the window to its end
    assert re.search(r"Behind plan by [\d.]+ h", text)
    assert "Forecast: " in text
    assert "<code>roadmap replan</code> re-flows what is left" in html  # the advice status gives
    charts = [d for d in page.all("div") if d.get("role") == "img"]
    assert len(charts) == 5  # and what is still remembered, once something is finished
    assert all(len(d["aria-label"] or "") > 40 for d in charts)
    assert html.count("<svg") == 5
    ids, phases = plan_ids("2027-06-20")
    for item_id in ids:
        assert f'data-item="{item_id}"' in html
    for title in phases:
        assert title in text
    assert "Backend engineer in 2026: what actually matters" in text  # a source
    assert '<a href="https://github.com/me/learn-language-core"' in html  # evidence as a link
    # the phase that is finished has real dates; the tables have headers for their columns
    first_phase = re.search(r'<tr id="phase-1">(.*?)</tr>', html, flags=re.S)
    assert first_phase is not None
    cells = [" ".join(Page(cell).text) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", first_phase[1])]
    # planned: 128 h of phase 1 at 12 h/week; real: the simulated learner's 6 h/week
    assert cells[1:4] == ["2027-01-04  →  2027-03-22", "2027-01-04", "2027-06-12"]
    assert len(page.all("th")) > 12
    assert len(page.all("caption")) == 1


def test_the_same_data_and_date_give_the_same_bytes_in_another_process(
    runner: CliRunner, tmp_path: Path, roadmap_home: Path
) -> None:
    make_plan(runner)
    study(date(2027, 3, 1))
    first = report(runner, tmp_path / "a.html", "2027-03-01")
    done = subprocess.run(
        [sys.executable, "-m", "roadmap_cli", "report", "-o", str(tmp_path / "b.html")],
        capture_output=True,
        text=True,
        env={**os.environ, "ROADMAP_HOME": str(roadmap_home), "ROADMAP_TODAY": "2027-03-01"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "b.html").read_bytes() == first.encode("utf-8")
    later = report(runner, tmp_path / "c.html", "2027-03-02")
    assert later != first  # the date is on the page: it is not a copy of an old one


HOSTILE_PACK = f"""\
sources:
  - id: evil-source
    title: {json.dumps(HOSTILE)}
    publisher: "Evil & Co"
    as_of: "2026"
    url: "javascript:alert(1)"
milestones:
  - id: evil-milestone
    phase: foundations
    title: {json.dumps(HOSTILE)}
    hours: 2
    sources: [evil-source]
"""


def make_hostile(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "evil.yaml"
    pack.write_text(HOSTILE_PACK, encoding="utf-8")
    make_plan(runner, "--pack", str(pack))
    ok(runner, "note", "evil-milestone", HOSTILE + " \x1b[31mred\x1b[0m")
    ok(runner, "check", "evil-milestone", "--evidence", "javascript:alert(document.cookie)")
    ok(
        runner,
        "check",
        "learn-language-core",
        "--evidence",
        'https://example.org/"><script>alert(1)</script>',
    )


def test_hostile_titles_notes_and_links_show_as_text(runner: CliRunner, tmp_path: Path) -> None:
    make_hostile(runner, tmp_path)
    html = report(runner, tmp_path / "r.html", START)
    page = assert_self_contained(html)
    text = "".join(page.text)
    assert text.count('<script>alert("x")</script>') >= 3  # the title (twice: item, source) and the note
    assert "javascript:alert(document.cookie)" in text  # shown, not linked
    assert "javascript:alert(1)" in text
    assert not any("javascript" in (a.get("href") or "") for a in page.all("a"))
    assert "<script>" not in html
    assert "\x1b" not in html
    assert "\\x1b[31mred\\x1b[0m" in text
    assert '"><script>' not in html
    # a quote cannot end an attribute: the one link made of the odd address is escaped whole
    links = [a["href"] for a in page.all("a") if "example.org" in (a["href"] or "")]
    assert links == [] or all("<" not in (h or "") for h in links)


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://github.com/me/api", "https://github.com/me/api"),
        ("HTTP://example.org/x?a=1&b=2", "HTTP://example.org/x?a=1&b=2"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("file:///etc/passwd", None),
        ("//evil.example", None),
        ("https://x.org/\"onmouseover='1'", None),
        ("https://x.org/a b", None),
        ("", None),
        (None, None),
    ],
)
def test_only_web_addresses_become_links(url: str | None, link: str | None) -> None:
    assert web_link(url) == link


def test_commands_in_sentences_become_code_and_control_characters_show() -> None:
    assert str(code_spans("run `roadmap <b>` & go")) == "run <code>roadmap &lt;b&gt;</code> &amp; go"
    assert str(code_spans("one ` <i>")) == "one ` &lt;i&gt;"
    assert visible("a\x1b[0m\x00b\u202ec\n") == "a\\x1b[0m\\x00b\\u202ec\n"


@pytest.mark.parametrize(
    ("name", "today", "studied_until", "standing"),
    [
        ("empty", "2026-12-20", None, "Your plan starts on"),
        ("finished", "2028-01-10", date(2028, 1, 10), "Finished"),
        ("year-behind", "2029-01-10", date(2027, 2, 1), "Behind plan by"),
    ],
)
def test_empty_finished_and_a_year_behind(
    runner: CliRunner, tmp_path: Path, name: str, today: str, studied_until: date | None, standing: str
) -> None:
    make_plan(runner, hours="40" if name == "finished" else "12")
    if studied_until:
        study(studied_until, weekdays=tuple(range(7)) if name == "finished" else (0, 2, 5), minutes=8 * 60)
    html = report(runner, tmp_path / f"{name}.html", today)
    page = assert_self_contained(html)
    text = " ".join(page.text)
    assert standing in text
    assert html.count("<svg") == (4 if name == "empty" else 5)  # nothing finished: no recall
    ids, _ = plan_ids(today)
    assert all(f'data-item="{i}"' in html for i in ids)
    if name == "finished":
        assert "100%" in text
        assert 'class="state overdue"' not in html
    if name == "year-behind":
        assert 'class="state overdue"' in html
    if name == "empty":
        assert "0%" in text
        assert "0 days with study" in text


def test_the_default_file_an_existing_one_and_force(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_plan(runner)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report"], env={"ROADMAP_TODAY": START})
    assert result.exit_code == 0, result.stderr
    assert "Wrote roadmap-report.html" in result.stderr
    assert (tmp_path / "roadmap-report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = runner.invoke(app, ["report"], env={"ROADMAP_TODAY": "2027-01-05"})
    assert again.exit_code == 1
    assert "already exists" in again.stderr
    assert "--force" in again.stderr
    assert "2027-01-05" not in (tmp_path / "roadmap-report.html").read_text(encoding="utf-8")
    forced = runner.invoke(app, ["report", "--force"], env={"ROADMAP_TODAY": "2027-01-05"})
    assert forced.exit_code == 0
    assert "2027-01-05" in (tmp_path / "roadmap-report.html").read_text(encoding="utf-8")
    to_stdout = runner.invoke(app, ["report", "-o", "-"], env={"ROADMAP_TODAY": START})
    assert to_stdout.stdout.startswith("<!DOCTYPE html>")


def test_without_a_plan_it_says_so(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "roadmap plan" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_open_hands_the_page_to_the_browser_and_copes_without_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    make_plan(runner)
    opened: list[str] = []

    def fake_open(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    ok(runner, "report", "-o", str(tmp_path / "r.html"), "--open")
    assert opened == [(tmp_path / "r.html").resolve().as_uri()]
    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "r2.html"), "--open"])
    assert result.exit_code == 0
    assert "No web browser could be opened" in result.stderr
    # the page's name is shown escaped, never obeyed by the terminal
    result = runner.invoke(app, ["report", "-o", str(tmp_path / "r\x1b]2;x\x07.html"), "--open"])
    assert result.exit_code == 0
    assert "\\x1b]2;x\\x07.html yourself" in result.stderr
    assert "\x1b" not in result.stderr


def test_the_daily_commands_never_import_jinja2_or_matplotlib(runner: CliRunner, roadmap_home: Path) -> None:
    make_plan(runner)
    probe = (
        "import sys\nsys.argv = ['roadmap', *sys.argv[1:]]\nfrom roadmap_cli.cli import main\n"
        "try:\n    main()\nfinally:\n"
        "    heavy = ('jinja2', 'matplotlib')\n"
        "    print('MODULES', ' '.join(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    for command in ("status", "next", "today"):
        done = subprocess.run(
            [sys.executable, "-c", probe, command],
            capture_output=True,
            text=True,
            env={**os.environ, "ROADMAP_HOME": str(roadmap_home)},
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.rstrip().endswith("MODULES"), (command, done.stdout[-300:])


# -- the numbers behind the charts ----------------------------------------------------------------


def test_the_burndown_ends_where_status_stands_and_phases_get_real_dates(runner: CliRunner) -> None:
    make_plan(runner)
    study(date(2027, 4, 1), minutes=8 * 60)
    today = date(2027, 4, 1)
    with open_store() as store:
        state = store.state()
        progress = compute_progress(store.require_plan(), state, today)
    weeks = plan_weeks(progress, state)
    assert weeks[0].start == date(2027, 1, 4)
    assert weeks[-1].start <= progress.plan.end
    assert weeks[0].planned_left_minutes == progress.plan.total_minutes - weeks[0].planned_minutes
    assert weeks[-1].planned_left_minutes == 0
    reached = [w for w in weeks if w.left_minutes is not None]
    assert reached[-1].left_minutes == progress.overall.total_minutes - progress.overall.done_minutes
    lefts = [w.left_minutes or 0 for w in reached]
    assert lefts == sorted(lefts, reverse=True)  # work done never comes back
    assert sum(w.studied_minutes for w in weeks) == sum(study_days(progress, state).values())
    assert sum(study_days(progress, state).values()) == sum(e.minutes for e in state.logs)
    first = phase_dates(progress, state)[0]
    assert first.started == date(2027, 1, 4)
    assert first.done
    assert first.finished is not None
    assert first.finished <= today
    assert not phase_dates(progress, state)[-1].started
    # the plan ends Monday 2028-01-03, the window's last day; the heatmap runs to that week's Sunday
    assert progress.plan.end == date(2028, 1, 3)
    assert heatmap_range(progress) == (date(2027, 1, 4), date(2028, 1, 9))


# -- in a real browser ----------------------------------------------------------------------------


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


needs_browser = pytest.mark.skipif(
    chromium() is None or not __import__("importlib").util.find_spec("websockets"),
    reason="headless Chromium (Debian's `chromium` package) or the websockets library is not installed",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """Headless Chromium over the DevTools protocol: every network request, console message,
    exception and log entry of the pages it loads is kept."""

    def __init__(self, profile: Path) -> None:
        import http.client

        from websockets.sync.client import connect

        port = _free_port()
        self.process = subprocess.Popen(
            [
                str(chromium()),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--user-data-dir={profile}",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                try:
                    conn.request("GET", "/json/list")
                    targets = json.loads(conn.getresponse().read())
                finally:
                    conn.close()
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration, ValueError):
                if time.monotonic() > deadline:
                    self.close()
                    raise
                time.sleep(0.1)
        self.connection = ExitStack()
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        try:
            self.ws = self.connection.enter_context(
                connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30)
            )
            for domain in ("Page", "Network", "Runtime", "Log"):
                self.call(f"{domain}.enable")
        except BaseException:
            self.close()
            raise

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=60))
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str) -> None:
        while not any(e.get("method") == method for e in self.events):
            self.events.append(json.loads(self.ws.recv(timeout=60)))

    def load(self, path: Path, *, width: int = 1280, height: int = 800, dark: bool = False) -> None:
        self.events.clear()
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.call(
            "Emulation.setEmulatedMedia",
            features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
        )
        self.call("Page.navigate", url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, script: str) -> Any:
        result = self.call("Runtime.evaluate", expression=script, returnByValue=True)
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))

    def pdf(self, path: Path) -> None:
        data = self.call("Page.printToPDF", paperWidth=8.27, paperHeight=11.69, printBackground=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def problems(self, page: Path) -> list[str]:
        """Requests for anything but the page itself, console messages, exceptions and log errors."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent" and params["request"]["url"] != page.as_uri():
                found.append(f"request: {params['request']['url']}")
            elif method == "Runtime.consoleAPICalled":
                found.append(f"console.{params['type']}: {params['args']}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(f"log: {params['entry']['text']}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params['message']}")
        return found

    def close(self) -> None:
        if hasattr(self, "ws"):
            with suppress(Exception):  # already gone: it is stopped below either way
                self.ws.send(json.dumps({"id": 0, "method": "Browser.close"}))
        if hasattr(self, "connection"):
            self.connection.close()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):  # the browser and every process it started
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    started = Browser(tmp_path / "chromium-profile")
    try:
        yield started
    finally:
        started.close()


INSPECT = """(() => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  return {
    charts: [...document.querySelectorAll('.chart svg')].map(box),
    labels: [...document.querySelectorAll('[role=img]')].map(e => e.getAttribute('aria-label')),
    items: [...document.querySelectorAll('tr[data-item]')].map(e => e.dataset.item),
    text: document.body.innerText,
    scripts: document.scripts.length,
    background: getComputedStyle(document.body).backgroundColor,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    // elements reaching past the viewport with no scrolling box around them to hold them
    escaping: [...document.body.querySelectorAll('*')].filter(e => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.right <= window.innerWidth + 1) return false;
      for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        const scrolls = o === 'auto' || o === 'scroll' || o === 'hidden';
        if (scrolls && a.getBoundingClientRect().right <= window.innerWidth + 1) return false;
      }
      return true;
    }).map(e => e.tagName + '.' + e.className),
    // chart labels that overlap another label of the same chart, as drawn
    overlaps: [...document.querySelectorAll('.chart svg')].flatMap(svg => {
      const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
        .filter(([, r]) => r.width > 0);
      const found = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (x > 1 && y > 1) found.push(a + ' / ' + b);
      }
      return found;
    }),
  };
})()"""


def look(browser: Browser, page: Path, name: str, tmp_path: Path, *, full: bool = True) -> dict[str, Any]:
    """Load the page wide, on a phone, dark and in print; save what people can look at; return what
    the wide page holds, with any problem on the way."""
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    seen: dict[str, Any] = {}
    views = [("1280x800", 1280, 800, False), ("390x844", 390, 844, False), ("1280x800-dark", 1280, 800, True)]
    for label, width, height, dark in views if full else views[:2]:
        browser.load(page, width=width, height=height, dark=dark)
        problems += browser.problems(page)
        seen[label] = browser.evaluate(INSPECT)
        shot = tmp_path / f"report-{name}-{label}.png"
        browser.screenshot(shot)
        shutil.copy(shot, ARTIFACTS / shot.name)
    result: dict[str, Any] = seen["1280x800"]
    result["problems"] = problems
    result["phone"] = seen["390x844"]
    if full:
        browser.pdf(tmp_path / f"report-{name}-a4.pdf")
        shutil.copy(tmp_path / f"report-{name}-a4.pdf", ARTIFACTS / f"report-{name}-a4.pdf")
        result["dark"] = seen["1280x800-dark"]
    return result


@needs_browser
def test_in_a_browser_a_learners_page_loads_alone_with_every_chart_phase_and_item(
    runner: CliRunner, tmp_path: Path, browser: Browser
) -> None:
    make_plan(runner)
    study(date(2027, 6, 20))
    page = tmp_path / "learner.html"
    report(runner, page, "2027-06-20")
    seen = look(browser, page, "learner", tmp_path)
    assert seen["problems"] == []
    assert seen["scripts"] == 0
    assert len(seen["charts"]) == 5
    assert all(w > 100 and h > 40 for w, h in seen["charts"]), seen["charts"]
    assert all(w > 100 and h > 40 for w, h in seen["phone"]["charts"]), seen["phone"]["charts"]
    assert all(label and len(label) > 40 for label in seen["labels"])
    ids, phases = plan_ids("2027-06-20")
    assert seen["items"] == ids
    assert all(title in seen["text"] for title in phases)
    assert seen["phone"]["overflow"] <= 0  # wide tables and charts scroll inside the page, not the page
    for view in (seen, seen["phone"]):  # at 1280x800 and at 390x844
        assert view["escaping"] == []  # nothing wider than the screen outside a scrolling box
        assert view["overlaps"] == []  # no label drawn over another, month labels included
    assert seen["background"] == "rgb(255, 255, 255)"
    assert seen["dark"]["background"] == "rgb(20, 24, 29)"
    assert (tmp_path / "report-learner-a4.pdf").read_bytes().startswith(b"%PDF")
    print(f"\nscreenshots and PDF: {ARTIFACTS}")


@needs_browser
def test_in_a_browser_hostile_text_stays_text(runner: CliRunner, tmp_path: Path, browser: Browser) -> None:
    make_hostile(runner, tmp_path)
    page = tmp_path / "hostile.html"
    report(runner, page, START)
    browser.load(page)
    assert browser.problems(page) == []
    seen = browser.evaluate(INSPECT)
    assert seen["scripts"] == 0
    assert '<script>alert("x")</script>' in seen["text"]
    assert "javascript:alert(document.cookie)" in seen["text"]
    assert "evil-milestone" in seen["items"]


@needs_browser
@pytest.mark.parametrize(
    ("name", "today", "studied_until"),
    [
        ("empty", "2026-12-20", None),
        ("finished", "2028-01-10", date(2028, 1, 10)),
        ("year-behind", "2029-01-10", date(2027, 2, 1)),
    ],
)
def test_in_a_browser_empty_finished_and_a_year_behind(
    runner: CliRunner, tmp_path: Path, browser: Browser, name: str, today: str, studied_until: date | None
) -> None:
    make_plan(runner, hours="40" if name == "finished" else "12")
    if studied_until:
        study(studied_until, weekdays=tuple(range(7)) if name == "finished" else (0, 2, 5), minutes=8 * 60)
    page = tmp_path / f"{name}.html"
    report(runner, page, today)
    seen = look(browser, page, name, tmp_path, full=False)
    assert seen["problems"] == []
    assert len(seen["charts"]) == (4 if name == "empty" else 5)
    assert all(w > 100 and h > 40 for w, h in seen["charts"])
    ids, _ = plan_ids(today)
    assert seen["items"] == ids
