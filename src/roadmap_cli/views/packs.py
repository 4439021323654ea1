"""What `roadmap packs` computes: the pack list, a validation report, the JSON Schema, a starter pack.

Nothing here prints; the command hands the results to a renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from roadmap_cli import __version__
from roadmap_cli.catalog.catalog import Catalog, PackRecord

SCHEMA_ID = "urn:roadmap-cli:pack-schema:1"
SCHEMA_FILE = "roadmap-pack.schema.json"

_LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$", re.DOTALL)


@dataclass(frozen=True)
class PackList:
    """``roadmap packs list``: the packs in use, built-in first, and the folder your own come from."""

    packs: list[PackRecord]
    folder: str


def pack_list(catalog: Catalog, folder: str) -> PackList:
    return PackList(list(catalog.packs), folder)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: int | None
    message: str

    @classmethod
    def parse(cls, text: str) -> Problem:
        """Split ``file:line:column: message`` (as every content problem is written) into its parts."""
        found = _LOCATED.match(text)
        if found:
            return cls(found["file"], int(found["line"]), int(found["column"]), found["message"])
        file, sep, message = text.partition(": ")
        return cls(file, None, None, message) if sep else cls("", None, None, text)

    def as_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message}


@dataclass
class FileReport:
    path: str
    pack: PackRecord | None = None
    problems: list[Problem] = field(default_factory=list)
    unlisted: int = 0  # problems past the first ones of a very broken file, counted but not described

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass
class ValidationReport:
    files: list[FileReport]
    other: list[Problem]  # problems that name no given file (a clash between two built-in stacks...)

    @property
    def valid(self) -> bool:
        return not self.other and all(f.valid for f in self.files)

    @property
    def unlisted(self) -> dict[str, int]:
        return {f.path: f.unlisted for f in self.files if f.unlisted}

    @property
    def problems(self) -> list[str]:
        return [_text(p) for f in self.files for p in f.problems] + [_text(p) for p in self.other]


def _text(problem: Problem) -> str:
    if not problem.file:
        return problem.message
    if problem.line is None:
        return f"{problem.file}: {problem.message}"
    return f"{problem.file}:{problem.line}:{problem.column}: {problem.message}"


def validate_packs(files: list[Path]) -> ValidationReport:
    """Check pack files together with the built-in packs, so they may use the built-in ids."""
    from roadmap_cli.catalog.registry import build_catalog_data, builtin_files
    from roadmap_cli.errors import ContentError

    builtin = builtin_files()
    given = [f for f in files if f.resolve() not in {b.resolve() for b in builtin}]
    reports = {str(f): FileReport(str(f)) for f in files}
    other: list[Problem] = []
    try:
        data = build_catalog_data([*builtin, *given], builtin=set(builtin))
    except ContentError as exc:
        for text in exc.problems:
            problem = Problem.parse(text)
            target = reports.get(problem.file)
            (target.problems if target else other).append(problem)
        for name, count in exc.more.items():
            if name in reports:
                reports[name].unlisted = count
        return ValidationReport(list(reports.values()), other)
    for record in data["packs"]:
        for name in record["files"]:
            if name in reports:
                reports[name].pack = record
    return ValidationReport(list(reports.values()), other)


def pack_json_schema() -> dict[str, Any]:
    """The JSON Schema of a pack file, generated from the models in :mod:`roadmap_cli.catalog.schema`."""
    from roadmap_cli.catalog.schema import pack_adapter

    generated = pack_adapter().json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "roadmap content pack",
        "description": (
            f"One YAML file of a content pack for roadmap-cli {__version__}. "
            "Check a pack with `roadmap packs validate FILE`."
        ),
        **{k: v for k, v in generated.items() if k not in {"title", "description"}},
    }


NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_NAME = 40


def starter_pack(name: str) -> str:
    """A commented pack that validates as it is: one source and one optional milestone."""
    return STARTER.replace("NAME", name)


STARTER = """\
# yaml-language-server: $schema=roadmap-pack.schema.json
#
# A roadmap content pack. Every section is optional; each adds to the built-in content.
#   Check it:          roadmap packs validate NAME.yaml
#   See it in a plan:  roadmap plan --lang python --hours 12
#   Editor checks:     roadmap packs schema > roadmap-pack.schema.json  (next to this file;
#                      the first line points editors with the YAML language server at it)
#
# Ids are lowercase letters, digits and dashes, and should never change once shared:
# progress is kept by id. Quote text that YAML could read as something else:
# "no", "on", "1.10", "012" and "2026-01-02" all need quotes to stay text.

pack:
  id: NAME
  title: "NAME"
  version: "0.1"
  description: "What this pack adds, and for whom."

# Where the facts in this pack come from; every item names its sources by these ids.
sources:
  - id: NAME-notes
    title: "Our onboarding notes"
    publisher: "Our team"
    as_of: "2026-11"

milestones:
  # A new milestone in a built-in phase (foundations, production-basics, cloud-and-scale,
  # advanced-patterns, portfolio-and-interviews). Titles may use {language}, {framework},
  # {orm}, {migrations}, {test_tool}, {job_queue} and {package_manager}.
  - id: NAME-first-milestone
    phase: foundations
    title: "Read our team's service code in {language}"
    description: "Clone the service, run its tests, and explain one request from route to database."
    hours: 6
    priority: optional  # core items always go in; optional ones while the plan fits the window
    depends_on: [learn-language-core]  # a built-in milestone
    review:  # 3 to 5 prompts, asked in turn when it comes up for review (`roadmap review`)
      - "Trace one request through the service, from its route to the query it runs."
      - "Name the service's two slowest endpoints and say why each is slow."
      - "Explain how the service is deployed, and how you would roll a bad release back."
    sources: [NAME-notes]

  # To replace a built-in item, use its id and say `replace: true`; the whole item is replaced,
  # so give every required field:
  # - id: sql-fundamentals
  #   replace: true
  #   phase: foundations
  #   title: "Write raw SQL against our PostgreSQL schema"
  #   hours: 8
  #   sources: [NAME-notes]
"""
