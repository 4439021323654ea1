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
Hours = Annotated[
    int,
    Field(
        ge=1,
        le=1000,
        description="The pack's estimate of study hours. No guide gives hours: they are the pack "
        "author's estimate, and every view labels them so.",
    ),
]
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
    """A framework of a stack; it may bring its own tools in place of the stack's."""

    id: Slug
    name: Title
    why: NotRequired[Text]
    orm: NotRequired[Annotated[Title, Field(description="Replaces the stack's {orm} with this framework.")]]
    migrations: NotRequired[
        Annotated[Title, Field(description="Replaces the stack's {migrations} with this framework.")]
    ]
    test_tool: NotRequired[Title]
    job_queue: NotRequired[Title]
    package_manager: NotRequired[Title]


@with_config(STRICT)
class Stack(Entry):
    """A language and the tools that go with it; titles may name them as {placeholders}."""

    id: Slug
    name: Title
    aliases: NotRequired[list[Short]]
    frameworks: Annotated[list[Framework], Field(min_length=1, description="The first is the default.")]
    orm: Annotated[Title, Field(description="The ORM or query layer (sqlc generates queries; it is no ORM).")]
    migrations: NotRequired[
        Annotated[
            Title,
            Field(description="What versions schema changes, as a title names it: 'Alembic migrations'."),
        ]
    ]
    test_tool: Title
    job_queue: Title
    package_manager: Title
    use_cases: NotRequired[Text]
    why: NotRequired[Text]
    note: NotRequired[
        Annotated[Text, Field(description="What the guides do not say about this stack's tools, and so on.")]
    ]
    sources: Annotated[list[Slug], Field(min_length=1)]
    as_of: NotRequired[
        Annotated[AsOf, Field(description="When the figures in `why` (survey shares, demand) were true.")]
    ]


ResourceKind = Literal["docs", "tutorial", "reference", "spec"]


@with_config(STRICT)
class Resource(TypedDict):
    """A page of official documentation for a tool an item names."""

    title: Title
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$", max_length=500)]
    kind: ResourceKind


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
    """A specialty that groups milestones; each milestone says whether it is core or optional."""

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
    stack_hours: NotRequired[
        Annotated[dict[Slug, Hours], Field(description="Stack-specific hour estimates, by stack id.")]
    ]
    weekly: NotRequired[
        Annotated[
            int,
            Field(
                ge=1,
                le=40,
                description="Recurring practice: the planner spreads the item's hours as this many hours "
                "in each week from its start, alongside the other items, instead of one block.",
            ),
        ]
    ]
    cert: NotRequired[
        Annotated[
            Slug,
            Field(description="Study for this certification: planned only when the certification is chosen."),
        ]
    ]
    resources: NotRequired[
        Annotated[
            list[Resource],
            Field(max_length=4, description="Official documentation of the tools the item names."),
        ]
    ]
    resources_by_stack: NotRequired[
        Annotated[
            dict[Slug, Annotated[list[Resource], Field(max_length=4)]],
            Field(description="Resources by stack id; they replace `resources` for that stack."),
        ]
    ]
    review: NotRequired[
        Annotated[
            list[Annotated[str, StringConstraints(min_length=10, max_length=300, pattern=ONE_LINE)]],
            Field(
                min_length=3,
                max_length=5,
                description="3 to 5 review prompts: what to explain or show to prove you still know it, "
                "asked in turn when the item comes up for review (`roadmap review`).",
            ),
        ]
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
    when: NotRequired[
        Annotated[Text, Field(description="When in the plan to study for it, as the sources put it.")]
    ]
    default: NotRequired[
        Annotated[bool, Field(description="In the plan unless the user chooses others with --cert.")]
    ]
    stacks: NotRequired[Annotated[list[Slug], Field(description="Stacks it is meant for; empty means all.")]]
    sources: Annotated[list[Slug], Field(min_length=1)]
    as_of: NotRequired[AsOf]


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
    flag: NotRequired[Annotated[Text, Field(description="A warning shown under the salary table.")]]


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
    as_of: NotRequired[AsOf]


@with_config(STRICT)
class Skill(Entry):
    """A skill with the demand and salary effect the sources give, and when to learn it."""

    id: Slug
    name: Title
    demand: NotRequired[Title]
    salary_impact: NotRequired[Title]
    months: NotRequired[Annotated[str, StringConstraints(pattern=r"^\d{1,2}(-\d{1,2}|\+)?$")]]
    items: NotRequired[
        Annotated[
            list[Slug],
            Field(description="The milestones and projects that teach it: a plan dates the skill by them."),
        ]
    ]
    note: NotRequired[Text]
    sources: Annotated[list[Slug], Field(min_length=1)]
    as_of: NotRequired[AsOf]


@with_config(STRICT)
class MarketFigure(Entry):
    """One job-market figure exactly as a source gives it, with its date."""

    id: Slug
    topic: Annotated[str, StringConstraints(pattern=r"^[a-z]+(-[a-z]+)*$", max_length=32)]
    title: Title
    value: Annotated[Title, Field(description="The figure as text, e.g. '17%' or 'about 129,200'.")]
    note: NotRequired[Text]
    source: Slug
    cited: NotRequired[Annotated[Title, Field(description="Whom the source cites for the figure.")]]
    as_of: AsOf


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
    market: list[MarketFigure]


SECTIONS: tuple[str, ...] = tuple(PackFile.__annotations__)


@cache
def pack_adapter() -> TypeAdapter[PackFile]:
    """Built once per run: building it costs far more than validating a file with it."""
    return TypeAdapter(PackFile)
