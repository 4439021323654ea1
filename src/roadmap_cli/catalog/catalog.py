"""The merged, validated content that every command reads: plain data and a few lookups.

Nothing here imports pydantic or YAML: a warm start reads this straight from the JSON cache.
"""

from __future__ import annotations

import string

# typing's TypedDict, not typing_extensions': these shapes are never validated by pydantic (which
# would want the latter before Python 3.12), and typing_extensions alone would cost the warm
# paths that read the catalog (`plan`, `salary`, completion of `--lang`) about 3 ms to import.
from typing import Any, Literal, TypedDict

from roadmap_cli.errors import UsageError, unknown_name

Kind = Literal["milestone", "project"]

#: How the hour figures were set: shown wherever hours are, since no guide gives them.

#: The names an item title may use, filled from the chosen stack.
PLACEHOLDERS = ("language", "framework", "orm", "migrations", "test_tool", "job_queue", "package_manager")

#: What {migrations} reads when a stack names no migration tool (a user pack's stack, or a plan
#: saved before stacks named one).
NO_MIGRATIONS_TOOL = "versioned migrations"


class Item(TypedDict):
    """A milestone or project with every optional key filled in."""

    id: str
    kind: Kind
    phase: str
    title: str
    description: str
    hours: int
    priority: Literal["core", "optional"]
    rank: int
    depends_on: list[str]
    stacks: list[str]
    track: str | None
    titles: dict[str, str]
    stack_hours: dict[str, int]
    weekly: int | None  # recurring practice: hours in each week of its span
    cert: str | None  # study for this certification: planned only when it is chosen
    resources: list[dict[str, str]]
    resources_by_stack: dict[str, list[dict[str, str]]]
    sources: list[str]
    deliverables: list[str]
    review: list[str]  # review prompts, asked in turn


class PackRecord(TypedDict):
    id: str
    title: str
    version: str
    description: str
    builtin: bool
    files: list[str]
    counts: dict[str, int]  # entries per section, as written in the pack
    replaces: list[str]  # ids of earlier items this pack replaces


class Catalog:
    """Lookups over the catalog data (a JSON-ready dict, as cached)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.packs: list[PackRecord] = data["packs"]
        self.sources: dict[str, dict[str, Any]] = {s["id"]: s for s in data["sources"]}
        self.stacks: dict[str, dict[str, Any]] = {s["id"]: s for s in data["stacks"]}
        self.phases: list[dict[str, Any]] = sorted(data["phases"], key=lambda p: p["order"])
        self.tracks: dict[str, dict[str, Any]] = {t["id"]: t for t in data["tracks"]}
        self.items: list[Item] = data["items"]
        self.certifications: list[dict[str, Any]] = data["certifications"]
        self.by_id: dict[str, Item] = {i["id"]: i for i in self.items}
        self.places: dict[str, dict[str, Any]] = {p["id"]: p for p in data.get("places", [])}
        self.salaries: list[dict[str, Any]] = data.get("salaries", [])
        self.levels: list[dict[str, Any]] = data.get("levels", [])
        self.skills: list[dict[str, Any]] = data.get("skills", [])
        self.market: list[dict[str, Any]] = data.get("market", [])
        self.cert_by_id: dict[str, dict[str, Any]] = {c["id"]: c for c in self.certifications}
        #: What holds together but is likely a mistake (two packs replacing one item), in words.
        self.warnings: list[str] = data.get("warnings", [])

    def default_certs(self) -> list[str]:
        """The certifications a plan holds when none are chosen."""
        return [c["id"] for c in self.certifications if c.get("default")]

    def resolve_certs(self, names: list[str], stack_id: str) -> frozenset[str]:
        """The chosen certification ids (``none``: none); unknown or wrong-stack ids are usage errors."""
        chosen: set[str] = set()
        for name in names:
            key = name.strip().lower()
            if key == "none":
                continue
            cert = self.cert_by_id.get(key)
            if cert is None:
                allowed = ", ".join(["none", *self.cert_by_id])
                raise UsageError(
                    f"unknown certification {name!r} for --cert; choose from: {allowed}",
                    hint="`roadmap certs` lists them with when to study for each",
                )
            if cert.get("stacks") and stack_id not in cert["stacks"]:
                raise UsageError(
                    f"{cert['name']} is meant for the {', '.join(cert['stacks'])} stack, not {stack_id}",
                    hint="`roadmap certs --lang " + stack_id + "` lists those for your stack",
                )
            chosen.add(key)
        return frozenset(chosen)

    def phase(self, phase_id: str) -> dict[str, Any]:
        return next(p for p in self.phases if p["id"] == phase_id)

    def stack_names(self) -> dict[str, str]:
        """Every name ``--lang`` accepts (ids and aliases, lowercased) and the stack id it means."""
        names: dict[str, str] = {}
        for stack in self.stacks.values():
            names[stack["id"]] = stack["id"]
            for alias in stack.get("aliases", []):
                names[alias.lower()] = stack["id"]
        return names

    def resolve_stack(self, name: str) -> dict[str, Any]:
        names = self.stack_names()
        key = name.strip().lower()
        if key not in names:
            raise unknown_name("--lang", name, self.stacks)
        return self.stacks[names[key]]

    def resolve_framework(self, stack: dict[str, Any], name: str | None) -> dict[str, Any]:
        frameworks: list[dict[str, Any]] = stack["frameworks"]
        if name is None:
            return frameworks[0]
        key = name.strip().lower()
        for fw in frameworks:
            if key in {fw["id"], fw["name"].lower()}:
                return fw
        choices = ", ".join(f"{fw['id']} ({fw['name']})" for fw in frameworks)
        raise UsageError(
            f"{stack['name']} has no framework {name!r}; choose from: {choices}",
            hint="leave out --framework to use the first one",
        )


def tools_of(stack: dict[str, Any], framework: dict[str, Any]) -> dict[str, str]:
    """The values a title's {placeholders} take for one stack and framework."""
    tools = {"language": stack["name"], "framework": framework["name"]}
    for key in ("orm", "test_tool", "job_queue", "package_manager"):
        tools[key] = framework.get(key) or stack[key]
    tools["migrations"] = framework.get("migrations") or stack.get("migrations") or NO_MIGRATIONS_TOOL
    return tools


def placeholders_in(text: str) -> list[str]:
    """The {names} a title uses; raises ValueError for a malformed template."""
    if "{" not in text and "}" not in text:  # most titles: nothing to parse (a catalog has thousands)
        return []
    return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]


def item_title(item: Item, stack_id: str, tools: dict[str, str]) -> str:
    template = item["titles"].get(stack_id, item["title"])
    if "migrations" not in tools and "{migrations}" in template:  # a plan saved before the key
        tools = {**tools, "migrations": NO_MIGRATIONS_TOOL}
    return template.format_map(tools)


def item_hours(item: Item, stack_id: str) -> int:
    """The estimated hours of an item for a stack."""
    return item["stack_hours"].get(stack_id, item["hours"])


def item_resources(item: Item, stack_id: str) -> list[dict[str, str]]:
    """The official documentation an item points to, for a stack."""
    return item["resources_by_stack"].get(stack_id, item["resources"])


def worded_per_stack(item: Item) -> bool:
    """Whether the item's words or hours depend on the stack (its language, framework or tools)."""
    return bool(item["titles"] or item["stack_hours"] or placeholders_in(item["title"]))


def applies_to(item: Item, stack_id: str) -> bool:
    return not item["stacks"] or stack_id in item["stacks"]
