"""Every sentence in the built-in content is our own: none shares eight words in a row with a guide.

The guides the facts come from are read from ``$ROADMAP_SOURCES``, by default the ``shared/sources``
folder beside the checkout (the test is skipped where they are not at hand); the
bibliographic entries of the pack (source titles, publishers, what a source cites) are excepted,
and so are the titles of the works a guide cites, since a title has to be quoted to be found.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_cli.catalog.registry import builtin_files

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("ROADMAP_SOURCES", ROOT.parent / "shared" / "sources"))
RUN = 8
#: Sections whose strings are bibliographic: the guides' own titles, quoted on purpose.
BIBLIOGRAPHIC = {"sources"}
#: Keys that hold the title of a work a guide cites (a market figure's `cited`), also quoted.
CITED = {"cited"}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[n : n + RUN]) for n in range(len(w) - RUN + 1)}


def strings(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in CITED:
                yield from strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from strings(value, f"{where}[{n}]")


def guide_runs() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for path in sorted(SOURCES.glob("0*.txt")):
        found |= runs(path.read_text(encoding="utf-8"))
    return found


def content_strings() -> Iterator[tuple[str, str]]:
    for path in builtin_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section, value in data.items():
            if section not in BIBLIOGRAPHIC:
                yield from strings(value, f"{path.name}:{section}")


def test_the_check_finds_a_copied_sentence() -> None:
    if not SOURCES.is_dir():
        pytest.skip("the guides are not on this machine")
    guide = next(iter(sorted(SOURCES.glob("0*.txt")))).read_text(encoding="utf-8")
    sentence = " ".join(words(guide)[40:52])
    assert runs(sentence) & guide_runs()
    assert not runs("a sentence written for this test alone, that no guide would ever print") & guide_runs()


def test_no_content_string_shares_eight_words_with_a_guide() -> None:
    if not SOURCES.is_dir():
        pytest.skip("the guides are not on this machine")
    known = guide_runs()
    copied = [
        f"{where}: {' '.join(sorted(runs(text) & known)[0])!r}"
        for where, text in content_strings()
        if runs(text) & known
    ]
    assert copied == []
