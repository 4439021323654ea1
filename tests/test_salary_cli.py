"""`roadmap salary` as a person runs it: every city figure, the filters, aliases, errors and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from roadmap_cli.cli import app


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def salary_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = run(runner, "salary", *args, "--json")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


# Source 002 (The Code Deck): base salary by level for London, Berlin and San Francisco.
# (level, place, currency, low, high, open-ended, notation)
CODEDECK = [
    ("junior", "london", "GBP", 35_000, 55_000, False, "£35k–£55k"),
    ("junior", "berlin", "EUR", 40_000, 55_000, False, "€40k–€55k"),
    ("junior", "san-francisco", "USD", 110_000, 140_000, False, "$110k–$140k"),
    ("mid", "london", "GBP", 55_000, 85_000, False, "£55k–£85k"),
    ("mid", "berlin", "EUR", 55_000, 80_000, False, "€55k–€80k"),
    ("mid", "san-francisco", "USD", 140_000, 190_000, False, "$140k–$190k"),
    ("senior", "london", "GBP", 85_000, 140_000, False, "£85k–£140k"),
    ("senior", "berlin", "EUR", 80_000, 120_000, False, "€80k–€120k"),
    ("senior", "san-francisco", "USD", 190_000, 280_000, False, "$190k–$280k"),
    ("staff", "london", "GBP", 140_000, 200_000, True, "£140k–£200k+"),
    ("staff", "berlin", "EUR", 110_000, 170_000, True, "€110k–€170k+"),
    ("staff", "san-francisco", "USD", 280_000, 400_000, True, "$280k–$400k+"),
]


@pytest.mark.parametrize(
    ("level", "place", "currency", "low", "high", "open_ended", "text"), CODEDECK, ids=lambda v: str(v)
)
def test_every_city_figure_is_under_its_level_and_currency(
    runner: CliRunner, level: str, place: str, currency: str, low: int, high: int, open_ended: bool, text: str
) -> None:
    doc = salary_json(runner, "--level", level, "--city", place)
    assert doc["filter"] == {"level": level, "place": place}
    [figure] = [f for f in doc["figures"] if f["source"] == "codedeck-2026"]
    assert figure["level"] == level
    assert figure["place"] == place
    assert figure["currency"] == currency
    assert (figure["basis"], figure["stat"]) == ("base", "range")
    assert (figure["low"], figure["high"], figure["open_ended"]) == (low, high, open_ended)
    assert figure["value"] is None
    assert figure["text"] == text
    assert figure["as_of"] == "2026"
    # and the same figure in the human view, with its source
    code, out, _ = run(runner, "salary", "--level", level, "--city", place)
    assert code == 0
    assert text in out
    assert "codedeck-2026" in out
    assert "base salary, range" in out


def test_the_city_table_has_nothing_else(runner: CliRunner) -> None:
    for place in ("london", "berlin", "san-francisco"):
        doc = salary_json(runner, "--city", place)
        got = {(f["level"], f["text"]) for f in doc["figures"]}
        assert got == {(lv, text) for lv, p, *_, text in CODEDECK if p == place}


def by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in doc["figures"]}


def test_dollar_figures_from_every_guide_stay_as_given(runner: CliRunner) -> None:
    figures = by_id(salary_json(runner, "--city", "us")) | by_id(salary_json(runner, "--city", "usd"))
    glassdoor = figures["whatmatters-all-us-glassdoor-average"]
    assert (glassdoor["value"], glassdoor["stat"], glassdoor["as_of"]) == (174_678, "average", "2026-02")
    assert glassdoor["text"] == "$174,678"
    assert figures["whatmatters-all-us-glassdoor-range"]["text"] == "$135k–$228k"
    assert figures["whatmatters-senior-us-glassdoor-average"]["value"] == 201_434
    assert figures["whatmatters-senior-us-glassdoor-range"]["text"] == "$153k–$268k"
    levels_fyi = figures["whatmatters-all-us-levelsfyi-median"]
    assert (levels_fyi["value"], levels_fyi["basis"], levels_fyi["stat"]) == (190_000, "total", "median")
    faang = figures["whatmatters-senior-us-faang-total"]
    assert (faang["low"], faang["high"], faang["open_ended"], faang["text"]) == (
        350_000,
        None,
        True,
        "$350k+",
    )
    table = {
        ("junior", "base"): "$95k–$130k",
        ("junior", "total"): "$100k–$150k",
        ("mid", "base"): "$130k–$175k",
        ("mid", "total"): "$150k–$220k",
        ("senior", "base"): "$153k–$268k",
        ("senior", "total"): "$200k–$350k",
        ("staff", "base"): "$200k–$300k",
        ("staff", "total"): "$350k–$500k+",
    }
    for (level, basis), text in table.items():
        assert figures[f"whatmatters-{level}-us-{basis}"]["text"] == text
    assert figures["careerpath-mid-us"]["text"] == "$130k"
    assert figures["skillexchange-all-us-median"]["text"] == "$164,201"
    assert figures["skillexchange-senior-us-median"]["text"] == "$164k+"
    assert figures["skillexchange-lead-us"]["text"] == "$200k–$300k"
    assert figures["skillexchange-principal-us"]["text"] == "$300k–$360k"
    assert figures["devroadmap-senior-us"]["text"] == "$140k+"
    assert figures["devroadmap-senior-us"]["open_ended"] is True


def test_dollar_figures_with_no_country_are_not_shown_as_us(runner: CliRunner) -> None:
    # Only the career-path page says "(US)"; the what-matters guide, SkillExchange and the
    # dev-roadmap guide give dollars and name no country.
    us = salary_json(runner, "--city", "us")
    assert {f["source"] for f in us["figures"]} == {"careerpath-2026"}
    unplaced = salary_json(runner, "--city", "usd")
    assert {f["source"] for f in unplaced["figures"]} == {
        "whatmatters-2026",
        "skillexchange-2026",
        "devroadmap-2026",
    }
    assert {f["place"] for f in unplaced["figures"]} == {"usd-no-country"}
    assert len([f for f in unplaced["figures"] if f["source"] == "whatmatters-2026"]) == 14
    code, out, _ = run(runner, "salary")
    assert code == 0
    assert "No" in out
    assert "country" in out
    assert "do not read them as US figures" in " ".join(out.split())


def test_india_in_lakh(runner: CliRunner) -> None:
    doc = salary_json(runner, "--city", "india")
    [figure] = doc["figures"]
    assert (figure["level"], figure["currency"], figure["value"], figure["text"]) == (
        "mid",
        "INR",
        2_600_000,
        "₹26L",
    )
    code, out, _ = run(runner, "salary", "--city", "india")
    assert code == 0
    assert "₹26L" in out


def test_both_filters_show_each_source_and_one_span_per_kind_of_pay(runner: CliRunner) -> None:
    doc = salary_json(runner, "--level", "senior", "--city", "usd")
    assert {f["source"] for f in doc["figures"]} == {
        "whatmatters-2026",
        "skillexchange-2026",
        "devroadmap-2026",
    }
    spans = [(s["low"], s["high"], s["open_ended"], s["text"], s["figures"]) for s in doc["spans"]]
    assert spans == [
        (153_000, 268_000, False, "$153k–$268k (base salary)", 1),
        (200_000, 350_000, True, "$200k–$350k+ (total comp)", 2),  # $200k–$350k and FAANG's $350k+
        # Glassdoor's average and range (000), SkillExchange's $164k+ median, dev-roadmap's $140k+
        (140_000, 268_000, False, "$140k–$268k (basis not stated; 3 sources)", 4),
    ]
    assert sum(s["figures"] for s in doc["spans"]) == len(doc["figures"])
    code, out, _ = run(runner, "salary", "--level", "senior", "--city", "usd")
    assert code == 0
    assert "Senior · No country · base salary" in out
    assert "Span $200k–$350k+ (total comp)" in out
    assert "lowest to highest of 4 figures from 3 sources" in " ".join(out.split())
    assert "2026-02" in out  # Glassdoor's date next to its figures


def test_only_level_shows_every_place(runner: CliRunner) -> None:
    doc = salary_json(runner, "--level", "mid")
    assert doc["filter"] == {"level": "mid", "place": None}
    assert {s["place"] for s in doc["spans"]} == {
        "london",
        "berlin",
        "san-francisco",
        "us",
        "usd-no-country",
        "india",
    }
    assert {f["level"] for f in doc["figures"]} == {"mid"}
    code, out, _ = run(runner, "salary", "--level", "mid")
    assert code == 0
    for text in ("Mid · London", "Mid · Berlin", "Mid · San Francisco", "Mid · United States", "Mid · India"):
        assert text in out


def test_only_city_shows_every_level(runner: CliRunner) -> None:
    doc = salary_json(runner, "--city", "us")
    assert doc["filter"] == {"level": None, "place": "us"}
    levels = list(dict.fromkeys(s["level"] for s in doc["spans"]))
    assert levels == ["mid"]
    unplaced = list(dict.fromkeys(s["level"] for s in salary_json(runner, "--city", "usd")["spans"]))
    assert unplaced == ["junior", "mid", "senior", "staff", "lead", "principal", "all"]
    code, out, _ = run(runner, "salary", "--city", "berlin")
    assert code == 0
    for level in ("Junior", "Mid", "Senior", "Staff"):
        assert f"{level} · Berlin" in out
    assert "London" not in out


def test_neither_filter_is_a_compact_matrix(runner: CliRunner) -> None:
    doc = salary_json(runner)
    assert doc["filter"] == {"level": None, "place": None}
    cells: dict[tuple[str, str], list[str]] = {}
    for span in doc["spans"]:
        cells.setdefault((span["level"], span["place"]), []).append(span["text"])
    assert cells[("senior", "london")] == ["£85k–£140k (base salary)"]
    assert cells[("mid", "india")] == ["₹26L (basis not stated)"]
    assert cells[("junior", "usd-no-country")] == [
        "$95k–$130k (base salary)",
        "$100k–$150k (total comp)",
        "$60k–$100k (basis not stated; 2 sources)",
    ]
    assert ("lead", "london") not in cells
    code, out, _ = run(runner, "salary")
    assert code == 0
    assert "every level and place" in out
    for text in ("£85k–£140k", "€110k–€170k+", "$190k–$280k", "₹26L", "Principal", "All levels"):
        assert text in out
    assert "Sources" in out


@pytest.mark.parametrize(
    ("given", "place"),
    [
        ("sf", "san-francisco"),
        ("san francisco", "san-francisco"),
        ("San Francisco", "san-francisco"),
        ("SF", "san-francisco"),
        ("uk", "london"),
        ("gb", "london"),
        ("London", "london"),
        ("usa", "us"),
        ("united states", "us"),
        ("germany", "berlin"),
    ],
)
def test_place_aliases(runner: CliRunner, given: str, place: str) -> None:
    assert salary_json(runner, "--city", given)["filter"]["place"] == place


@pytest.mark.parametrize(
    ("given", "level"),
    [
        ("jr", "junior"),
        ("sr", "senior"),
        ("intermediate", "mid"),
        ("principal", "principal"),
        ("SR", "senior"),
    ],
)
def test_level_aliases(runner: CliRunner, given: str, level: str) -> None:
    doc = salary_json(runner, "--level", given)
    assert doc["filter"]["level"] == level
    assert doc["figures"]
    assert {f["level"] for f in doc["figures"]} == {level}


def test_place_option_spellings(runner: CliRunner) -> None:
    for option in ("--city", "--place", "-c"):
        assert salary_json(runner, option, "sf")["filter"]["place"] == "san-francisco"


@pytest.mark.parametrize(
    ("args", "kind", "suggestion"),
    [
        (["--city", "londn"], "place", "london"),
        (["--city", "berln"], "place", "berlin"),
        (["--level", "seniour"], "level", "senior"),
        (["--level", "juinor", "--city", "uk"], "level", "junior"),
    ],
)
def test_unknown_names_exit_2_with_choices_and_a_suggestion(
    runner: CliRunner, args: list[str], kind: str, suggestion: str
) -> None:
    code, out, err = run(runner, "salary", *args)
    assert code == 2
    assert out == ""
    assert f"unknown {kind}" in err
    choices = ["berlin", "india", "london", "san-francisco", "us"] if kind == "place" else ["junior", "staff"]
    for choice in choices:
        assert choice in err
    assert f"did you mean '{suggestion}'" in err
    assert "Traceback" not in err


def test_unknown_place_lists_only_places_with_figures(runner: CliRunner) -> None:
    code, _, err = run(runner, "salary", "--city", "paris", "--json")
    assert code == 2
    assert "choose from: berlin, india, london, san-francisco, us" in err


def test_a_level_with_no_figures_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "intern.yaml"
    pack.write_text(
        "levels:\n"
        "  - id: intern\n    order: 0\n    title: Intern\n    years: '0-1'\n"
        "    summary: Learning.\n    sources: [codedeck-2026]\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "salary", "--level", "intern", "--pack", str(pack))
    assert code == 65  # order 0 is not allowed
    pack.write_text(pack.read_text(encoding="utf-8").replace("order: 0", "order: 9"), encoding="utf-8")
    code, out, err = run(runner, "salary", "--level", "intern", "--pack", str(pack))
    assert code == 2
    assert out == ""
    assert "no salary figures for level 'intern'" in err
    assert "senior" in err


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("level: senior\n    place: mars\n    stat: range\n    low: 1\n    high: 2", "unknown place 'mars'"),
        ("level: boss\n    place: us\n    stat: range\n    low: 1\n    high: 2", "unknown level 'boss'"),
        ("level: senior\n    place: us\n    stat: range\n    low: 5", "must say `open_ended: true`"),
        ("level: senior\n    place: us\n    stat: range\n    low: 5\n    high: 2", "is below `low`"),
        ("level: senior\n    place: us\n    stat: median\n    low: 5\n    high: 9", "takes one `value`"),
    ],
)
def test_bad_salary_rows_are_content_errors(
    runner: CliRunner, tmp_path: Path, row: str, problem: str
) -> None:
    pack = tmp_path / "pay.yaml"
    pack.write_text(
        f"salaries:\n  - id: my-row\n    {row}\n    currency: USD\n    basis: base\n"
        "    source: codedeck-2026\n    as_of: '2026'\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "salary", "--pack", str(pack))
    assert code == 65
    assert problem in err
    assert "pay.yaml:" in err


def test_a_salary_row_without_a_date_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pay.yaml"
    pack.write_text(
        "salaries:\n  - id: my-row\n    level: mid\n    place: us\n    currency: USD\n    basis: base\n"
        "    stat: figure\n    value: 1000\n    source: codedeck-2026\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "salary", "--pack", str(pack))
    assert code == 65
    assert "missing required field `as_of`" in err


def test_salary_json_shape(runner: CliRunner) -> None:
    doc = salary_json(runner, "--level", "senior")
    assert set(doc) == {"version", "filter", "figures", "spans", "sources"}
    assert doc["version"] == 1
    for figure in doc["figures"]:
        assert set(figure) == {
            "id", "level", "place", "currency", "basis", "stat", "value", "low", "high",
            "open_ended", "text", "source", "as_of", "note",
        }  # fmt: skip
    for span in doc["spans"]:
        assert set(span) == {
            "level",
            "place",
            "currency",
            "basis",
            "low",
            "high",
            "open_ended",
            "text",
            "figures",
            "sources",
        }
    for source in doc["sources"]:
        assert set(source) == {"id", "title", "publisher", "as_of"}
    assert {s["id"] for s in doc["sources"]} == {f["source"] for f in doc["figures"]}


def test_a_level_a_place_has_no_figures_for(runner: CliRunner) -> None:
    doc = salary_json(runner, "--level", "staff", "--city", "india")
    assert (doc["figures"], doc["spans"]) == ([], [])
    code, out, _ = run(runner, "salary", "--level", "staff", "--city", "india")
    assert code == 0
    assert "No figures for Staff in India" in out
    assert "India has figures for: mid" in out
    assert "Staff has figures for: london, berlin, san-francisco, us" in out


def test_shell_completion_offers_names_with_figures() -> None:
    from roadmap_cli.commands.salary import complete_level, complete_place

    assert complete_place("s") == ["san-francisco"]
    # usd-no-country holds dollar figures that name no place: --city takes it, TAB does not offer it.
    assert complete_place("") == ["london", "berlin", "san-francisco", "us", "india"]
    assert complete_level("s") == ["senior", "staff"]


def test_a_salary_row_id_is_unique(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "dup.yaml"
    pack.write_text(
        "salaries:\n  - id: codedeck-senior-london\n    level: senior\n    place: london\n    currency: GBP\n"
        "    basis: base\n    stat: figure\n    value: 90000\n    source: codedeck-2026\n    as_of: '2026'\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "salary", "--pack", str(pack))
    assert code == 65
    assert "salary id 'codedeck-senior-london' is already defined at" in err
    assert "salaries.yaml:" in err


@pytest.mark.parametrize(
    ("words", "expected"),
    [("roadmap salary --level s", ["senior", "staff"]), ("roadmap salary --city l", ["london"])],
)
def test_tab_completes_levels_and_places(words: str, expected: list[str], roadmap_home: Path) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "ROADMAP_HOME": str(roadmap_home),
        "_ROADMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": "3",
    }
    done = subprocess.run(
        [sys.executable, "-m", "roadmap_cli"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected
