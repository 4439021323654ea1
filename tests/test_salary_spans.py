"""A salary span says what it is, in every view that shows one.

A span that joins two sources says how many; base salary and total comp are never joined into one
range; two floors (``$140k+`` from one guide, a median of ``$164k+`` from another) are never joined
into a range nobody gave. Checked for the terminal matrix, the detail views and ``--json``, over
the built-in figures and over a pack written to provoke each case.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.cli import app
from roadmap_cli.views.salary import BASIS_LABELS, lower_bound_only, salary_view, span_of

# Two floors from two sources, and base and total comp from one: the cases an honest span must name.
PACK = """\
places:
  - id: testland
    name: "Testland"
    currency: USD
salaries:
  - {id: t-floor-a, level: senior, place: testland, currency: USD, basis: unspecified, stat: range,
     low: 140000, open_ended: true, source: devroadmap-2026, as_of: "2026"}
  - {id: t-floor-b, level: senior, place: testland, currency: USD, basis: unspecified, stat: median,
     value: 164000, open_ended: true, source: skillexchange-2026, as_of: "2026"}
  - {id: t-base, level: junior, place: testland, currency: USD, basis: base, stat: range,
     low: 95000, high: 130000, source: whatmatters-2026, as_of: "2026"}
  - {id: t-total, level: junior, place: testland, currency: USD, basis: total, stat: range,
     low: 100000, high: 150000, source: whatmatters-2026, as_of: "2026"}
  - {id: t-mid-a, level: mid, place: testland, currency: USD, basis: unspecified, stat: range,
     low: 90000, high: 130000, source: devroadmap-2026, as_of: "2026"}
  - {id: t-mid-b, level: mid, place: testland, currency: USD, basis: unspecified, stat: range,
     low: 120000, high: 180000, source: skillexchange-2026, as_of: "2026"}
"""

#: A range built between two figures: ``$140k–$164k+``.
JOINED = re.compile(r"[$£€₹][\d,.]+[kL]?–[$£€₹]")


def honest(text: str, rows: list[dict[str, Any]]) -> list[str]:
    """What is wrong with a span's text, given the figures it was built from."""
    problems = []
    sources = {r["source"] for r in rows}
    bases = {r["basis"] for r in rows}
    if len(bases) > 1:
        problems.append(f"{text!r} joins kinds of pay {sorted(bases)}")
    elif BASIS_LABELS[next(iter(bases))] not in text:
        problems.append(f"{text!r} does not say its kind of pay")
    if len(sources) > 1 and f"{len(sources)} sources" not in text:
        problems.append(f"{text!r} joins {len(sources)} sources without saying so")
    floors = [r for r in rows if lower_bound_only(r)]
    if len(floors) == len(rows) > 1 and (JOINED.search(text) or "lower bounds only" not in text):
        problems.append(f"{text!r} joins floors into a range")
    return problems


def run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def test_two_floors_from_two_sources_are_listed_not_joined() -> None:
    rows = [
        {"id": "a", "level": "senior", "place": "x", "currency": "USD", "basis": "unspecified",
         "stat": "range", "low": 140_000, "open_ended": True, "source": "devroadmap-2026"},
        {"id": "b", "level": "senior", "place": "x", "currency": "USD", "basis": "unspecified",
         "stat": "median", "value": 164_000, "open_ended": True, "source": "skillexchange-2026"},
    ]  # fmt: skip
    span = span_of(rows)
    assert span.text == "$140k+ / $164k+ (basis not stated; 2 sources; lower bounds only)"
    assert "$140k–$164k" not in span.text
    assert honest(span.text, rows) == []


def test_a_span_never_joins_base_salary_and_total_comp() -> None:
    base = {
        "level": "junior",
        "place": "x",
        "currency": "USD",
        "basis": "base",
        "stat": "range",
        "low": 95_000,
        "high": 130_000,
        "source": "whatmatters-2026",
    }
    total = base | {"basis": "total", "low": 100_000, "high": 150_000}  # fmt: skip
    with pytest.raises(ValueError, match="kinds of pay"):
        span_of([base, total])


def test_the_checker_catches_what_it_is_for() -> None:
    rows = [
        {"basis": "unspecified", "stat": "range", "low": 140_000, "open_ended": True, "source": "a"},
        {"basis": "unspecified", "stat": "median", "value": 164_000, "open_ended": True, "source": "b"},
    ]
    assert len(honest("$140k–$164k+", rows)) == 3  # no kind of pay, no count, floors joined
    mixed = [{"basis": "base", "stat": "range", "low": 1, "high": 2, "source": "a"}, rows[0]]
    assert honest("$1–$2 (base salary; 2 sources)", mixed)


@pytest.mark.parametrize("level", [None, "junior", "mid", "senior", "staff", "lead", "principal", "all"])
def test_every_builtin_span_says_what_it_is(catalog: Catalog, level: str | None) -> None:
    view = salary_view(catalog, level=level)
    assert view.spans
    for span in view.spans:
        assert honest(span.text, span.rows) == [], span


def test_every_view_of_a_provoking_pack_says_what_each_span_is(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pay.yaml"
    pack.write_text(PACK, encoding="utf-8")
    opts = ("--pack", str(pack))
    floors = "$140k+ / $164k+ (basis not stated; 2 sources; lower bounds only)"
    expected = {
        "junior": ["$95k–$130k (base salary)", "$100k–$150k (total comp)"],
        "mid": ["$90k–$180k (basis not stated; 2 sources)"],
        "senior": [floors],
    }
    # --json, for the whole table, one place, and each level in that place
    for args in ((), ("--city", "testland")):
        doc = json.loads(run(runner, "salary", *args, *opts, "--json"))
        got: dict[str, list[str]] = {}
        for span in doc["spans"]:
            if span["place"] == "testland":
                got.setdefault(span["level"], []).append(span["text"])
        assert got == expected
    for level, texts in expected.items():
        doc = json.loads(run(runner, "salary", "--level", level, "--city", "testland", *opts, "--json"))
        assert [s["text"] for s in doc["spans"]] == texts
        # the detail view: one section and one span line per kind of pay
        out = flat(run(runner, "salary", "--level", level, "--city", "testland", *opts))
        for text in texts:
            assert f"Span {text}" in out
    out = flat(run(runner, "salary", "--level", "senior", "--city", "testland", *opts))
    assert "none with a top: listed, not joined" in out
    assert "$140k–$164k" not in out
    # the matrix, at a width where it is a table and at one where it is records
    for columns in ("1000", "60"):
        result = runner.invoke(app, ["salary", *opts], env={"COLUMNS": columns})
        assert result.exit_code == 0
        out = flat(result.stdout)
        for texts in expected.values():
            for text in texts:
                assert text in out, (columns, text)
        assert "$140k–$164k" not in out
        assert "$95k–$150k" not in out  # base and total comp joined


def test_every_span_in_json_names_its_one_kind_of_pay(runner: CliRunner) -> None:
    doc = json.loads(run(runner, "salary", "--json"))
    kinds = {"base": "base salary", "total": "total comp", "unspecified": "basis not stated"}
    for span in doc["spans"]:
        assert span["basis"] in kinds
        figures = [
            f
            for f in doc["figures"]
            if (f["level"], f["place"], f["currency"], f["basis"])
            == (span["level"], span["place"], span["currency"], span["basis"])
        ]
        assert len(figures) == span["figures"]
