"""The content-pack format: what a pack file may say, checked strictly.

A pack file is YAML holding one mapping with any of the sections below. The shapes are
``TypedDict``s so that validated data stays plain dicts: the planner and the views read them
without importing pydantic, and the validated catalog can be cached as JSON. This module is
imported only to validate a pack or to print the JSON Schema.

Optional keys are filled with their defaults by :mod:`roadmap_cli.catalog.registry` after
validation, so code past the loader may index every key.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, TypeAdapter, with_config
from typing_extensions import NotRequired, TypedDict

from roadmap_cli.safetext import LINES, ONE_LINE

STRICT = ConfigDict(extra="forbid", strict=True)

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=64),
    Field(description="A stable id: lowercase letters, digits and single dashes."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=LINES)]
Title = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=ONE_LINE)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=ONE_LINE)]
AsOf = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    Field(description="When the source's figures were true: YYYY, YYYY-MM or YYYY-MM-DD, quoted."),
]
Hours = Annotated[int, Field(ge=1, le=1000, description="Estimated hours of study.")]
Priority = Literal["core", "optional"]


@with_config(STRICT)
class Entry(TypedDict):
    """What every section entry with an id may say besides its own fields."""

    replace: NotRequired[
        Annotated[
            bool,
            Field(
                description="true to replace the item of an earlier pack (e.g. the built-in one) that has "
                "this id; the whole item is replaced. Without it, reusing an id is an error."
            ),
        ]
    ]


@with_config(STRICT)
class PackInfo(TypedDict):
    """Who made the pack and which version of it this is."""

    id: Slug
    title: Title
    version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.+-]{1,32}$")]
    description: NotRequired[Text]


@with_config(STRICT)
class Source(Entry):
    """A public guide that facts in the pack come from."""

    id: Slug
    title: Title
    publisher: Title
    as_of: AsOf
    url: NotRequired[Annotated[str, StringConstraints(max_length=500, pattern=ONE_LINE)]]
    cites: NotRequired[list[Title]]


@with_config(STRICT)
class Framework(TypedDict):
    id: Slug
    name: Title
    why: NotRequired[Text]


@with_config(STRICT)
class Stack(Entry):
    """A language and the tools that go with it; titles may name them as {placeholders}."""

    id: Slug
    name: Title
    aliases: NotRequired[list[Short]]
    frameworks: Annotated[list[Framework], Field(min_length=1, description="The first is the default.")]
    orm: Title
    test_tool: Title
    job_queue: Title
    package_manager: Title
    use_cases: NotRequired[Text]
    why: NotRequired[Text]
    sources: Annotated[list[Slug], Field(min_length=1)]


@with_config(STRICT)
class Phase(Entry):
    """A stage of the plan. Phases run in ``order``; the capstone project closes the phase."""

    id: Slug
    order: Annotated[int, Field(ge=1, le=1000)]
    title: Title
    months: NotRequired[Annotated[str, StringConstraints(pattern=r"^\d{1,2}(-\d{1,2})?$")]]
    goal: Text
    skills: NotRequired[list[Title]]
    capstone: NotRequired[Slug]
    sources: Annotated[list[Slug], Field(min_length=1)]


@with_config(STRICT)
class Track(Entry):
    """An optional specialty whose milestones are added when the hours allow."""

    id: Slug
    title: Title
    description: Text
    sources: Annotated[list[Slug], Field(min_length=1)]


@with_config(STRICT)
class Milestone(Entry):
    """Something to learn and be able to show. Titles may use {framework}, {orm}, {language}..."""

    id: Slug
    phase: Slug
    title: Title
    description: NotRequired[Text]
    hours: Hours
    priority: NotRequired[Priority]
    rank: NotRequired[
        Annotated[int, Field(ge=0, le=100000, description="Optional items are added lowest rank first.")]
    ]
    depends_on: NotRequired[list[Slug]]
    stacks: NotRequired[Annotated[list[Slug], Field(description="Stacks it applies to; empty means all.")]]
    track: NotRequired[Slug]
    titles: NotRequired[
        Annotated[dict[Slug, Title], Field(description="Stack-specific wording, by stack id.")]
    ]
    sources: Annotated[list[Slug], Field(min_length=1)]


@with_config(STRICT)
class Project(Milestone):
    """A portfolio project: a milestone with deliverables a person can link to."""

    deliverables: NotRequired[list[Title]]


@with_config(STRICT)
class Certification(Entry):
    id: Slug
    name: Title
    issuer: Title
    phase: NotRequired[Slug]
    months: NotRequired[Annotated[str, StringConstraints(pattern=r"^\d{1,2}(-\d{1,2})?$")]]
    why: Text
    stacks: NotRequired[Annotated[list[Slug], Field(description="Stacks it is meant for; empty means all.")]]
    sources: Annotated[list[Slug], Field(min_length=1)]


Currency = Literal["GBP", "EUR", "USD", "INR"]
Money = Annotated[int, Field(ge=0, le=100_000_000, description="A yearly amount in whole units.")]
Alias = Short


@with_config(STRICT)
class Place(Entry):
    """A city or country that salary figures are given for."""

    id: Slug
    name: Title
    currency: Currency
    aliases: NotRequired[list[Alias]]
    note: NotRequired[Text]


@with_config(STRICT)
class SalaryRow(Entry):
    """One salary figure exactly as a source gives it: a range, or a single value.

    ``stat`` is what the figure is: ``range`` (``low`` and ``high``; ``high`` may be left out when
    ``open_ended``), or ``average``, ``median`` or ``figure`` (one ``value``; ``figure`` when the
    source does not say which). ``open_ended`` marks a "+" (a lower bound, or a top that goes on).
    """

    id: Slug
    level: Annotated[Slug, Field(description='A level id, or "all" for a figure over every level.')]
    place: Slug
    currency: Currency
    basis: Literal["base", "total", "unspecified"]
    stat: Literal["average", "median", "range", "figure"]
    value: NotRequired[Money]
    low: NotRequired[Money]
    high: NotRequired[Money]
    open_ended: NotRequired[bool]
    source: Slug
    as_of: AsOf
    note: NotRequired[Text]


@with_config(STRICT)
class Level(Entry):
    """A rung of the career ladder."""

    id: Slug
    order: Annotated[int, Field(ge=1, le=1000)]
    title: Title
    years: Annotated[str, StringConstraints(pattern=r"^\d{1,2}(-\d{1,2}|\+)$")]
    aliases: NotRequired[list[Alias]]
    summary: Text
    expects: NotRequired[list[Text]]
    promoted_by: NotRequired[list[Text]]
    note: NotRequired[Text]
    sources: Annotated[list[Slug], Field(min_length=1)]


@with_config(STRICT)
class Skill(Entry):
    """A skill with the demand and salary effect the sources give, and when to learn it."""

    id: Slug
    name: Title
    demand: NotRequired[Title]
    salary_impact: NotRequired[Title]
    months: NotRequired[Annotated[str, StringConstraints(pattern=r"^\d{1,2}(-\d{1,2}|\+)?$")]]
    note: NotRequired[Text]
    sources: Annotated[list[Slug], Field(min_length=1)]


@with_config(STRICT)
class PackFile(TypedDict, total=False):
    """One YAML file of a content pack. Every section is optional."""

    pack: PackInfo
    sources: list[Source]
    stacks: list[Stack]
    phases: list[Phase]
    tracks: list[Track]
    milestones: list[Milestone]
    projects: list[Project]
    certifications: list[Certification]
    places: list[Place]
    salaries: list[SalaryRow]
    levels: list[Level]
    skills: list[Skill]


SECTIONS: tuple[str, ...] = tuple(PackFile.__annotations__)


@cache
def pack_adapter() -> TypeAdapter[PackFile]:
    """Built once per run: building it costs far more than validating a file with it."""
    return TypeAdapter(PackFile)
