"""What the job pays: salary figures filtered by level and place, their spans, and money notation.

Pure: a catalog and the names a user typed go in, plain data comes out. Figures are never
averaged, converted or rounded into each other: each stays as its source gives it. A span says
where the lowest and the highest figure of one kind of pay lie, and says so when it is built from
more than one source; it never joins base salary with total comp, nor two floors into a range.
"""

from __future__ import annotations

from typing import Any, Literal

from roadmap_cli.catalog.catalog import Catalog
from roadmap_cli.errors import UsageError, closest, unknown_name
from roadmap_cli.record import Record, field

#: The level of a figure that covers every level (an overall average or median).
ALL_LEVELS = "all"

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "INR": "₹"}
Basis = Literal["base", "total", "unspecified"]
BASIS_LABELS = {"base": "base salary", "total": "total comp", "unspecified": "basis not stated"}
STAT_LABELS = {"average": "average", "median": "median", "range": "range", "figure": "single figure"}
LAKH = 100_000


def money(amount: int, currency: str) -> str:
    """``£85k``, ``$174,678``, ``₹26L``: thousands as k, Indian amounts in lakh."""
    symbol = SYMBOLS.get(currency, f"{currency} ")
    if currency == "INR":
        lakhs = amount / LAKH
        return f"{symbol}{lakhs:.2f}".rstrip("0").rstrip(".") + "L"
    if amount and amount % 1000 == 0:
        return f"{symbol}{amount // 1000}k"
    return f"{symbol}{amount:,}"


def figure_text(row: dict[str, Any]) -> str:
    """A row in its place's notation: ``£85k–£140k``, ``£140k–£200k+``, ``$140k+``, ``$174,678``."""
    cur = row["currency"]
    plus = "+" if row.get("open_ended") else ""
    if row["stat"] == "range":
        if "high" not in row:
            return money(row["low"], cur) + "+"
        return f"{money(row['low'], cur)}–{money(row['high'], cur)}{plus}"
    return money(row["value"], cur) + plus


def what_text(row: dict[str, Any]) -> str:
    """What a figure is: ``base salary, range`` or ``total comp, median``."""
    return f"{BASIS_LABELS[row['basis']]}, {STAT_LABELS[row['stat']]}"


def level_label(level_id: str) -> str:
    return "All levels" if level_id == ALL_LEVELS else level_id.capitalize()


#: The order kinds of pay are shown in, within one level and place.
BASIS_ORDER = ("base", "total", "unspecified")


def lower_bound_only(row: dict[str, Any]) -> bool:
    """A figure that gives only a floor: ``$140k+`` (a range with no top) or ``median $164k+``."""
    if row["stat"] == "range":
        return "high" not in row
    return bool(row.get("open_ended"))


class Span(Record):
    """Where the figures of one kind of pay lie for one level, place and currency, lowest to highest.

    A span never mixes kinds of pay (base salary, total comp, basis not stated): each kind has its
    own span. Its text says the kind, and how many sources it was built from when there is more
    than one; when every figure is only a floor (``$140k+``, ``$164k+``), the floors are listed
    rather than joined into a range nobody gave.
    """

    level: str
    place: str
    currency: str
    basis: Basis
    low: int
    high: int
    open_ended: bool  # the highest figure is a "+" bound
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(r["source"] for r in self.rows))

    @property
    def floors_only(self) -> bool:
        """Every figure is a lower bound: there is no top to run a range to."""
        return all(lower_bound_only(r) for r in self.rows)

    @property
    def figures(self) -> str:
        """The numbers alone: ``$95k–$130k``, ``$350k+``, or floors listed ``$140k+ / $164k+``."""
        if self.floors_only:
            floors = sorted({r["low"] if r["stat"] == "range" else r["value"] for r in self.rows})
            return " / ".join(money(f, self.currency) + "+" for f in floors)
        plus = "+" if self.open_ended else ""
        if self.low == self.high:
            return money(self.low, self.currency) + plus
        return f"{money(self.low, self.currency)}–{money(self.high, self.currency)}{plus}"

    @property
    def qualifier(self) -> str:
        """What the span is: its kind of pay, the number of sources, and floors-only if so."""
        parts = [BASIS_LABELS[self.basis]]
        count = len(self.sources)
        if count > 1:
            parts.append(f"{count} sources")
        if self.floors_only and len(self.rows) > 1:
            parts.append("lower bounds only")
        return "; ".join(parts)

    @property
    def text(self) -> str:
        """The span as every view shows it: ``$90k–$130k (basis not stated; 2 sources)``."""
        return f"{self.figures} ({self.qualifier})"


def span_of(rows: list[dict[str, Any]]) -> Span:
    """The span of rows that share a level, place, currency and kind of pay."""
    first = rows[0]
    if len({r["basis"] for r in rows}) != 1:
        raise ValueError("a span never mixes kinds of pay")
    low = min(r["low"] if r["stat"] == "range" else r["value"] for r in rows)
    tops = [(r.get("high", r.get("low", r.get("value", 0))), bool(r.get("open_ended"))) for r in rows]
    high = max(top for top, _ in tops)
    open_ended = any(is_open for top, is_open in tops if top == high)
    return Span(
        first["level"], first["place"], first["currency"], first["basis"], low, high, open_ended, list(rows)
    )


class SalaryView(Record):
    level: str | None
    place: str | None
    rows: list[dict[str, Any]]
    spans: list[Span]
    levels: list[str]  # levels shown, in ladder order
    places: list[str]  # places shown, in pack order
    sources: dict[str, dict[str, Any]]
    levels_at_place: list[str] = field(default_factory=list)  # when nothing matched: what the place has
    places_for_level: list[str] = field(default_factory=list)  # ... and where the level has figures


def level_order(catalog: Catalog) -> list[str]:
    """Level ids with salary figures, in ladder order, then "all"."""
    have = {r["level"] for r in catalog.salaries}
    ordered = [lv["id"] for lv in catalog.levels if lv["id"] in have]
    return ordered + ([ALL_LEVELS] if ALL_LEVELS in have else [])


def place_order(catalog: Catalog) -> list[str]:
    have = {r["place"] for r in catalog.salaries}
    return [p for p in catalog.places if p in have]


def _key(name: str) -> str:
    return " ".join(name.strip().lower().replace("-", " ").replace("_", " ").split())


def _resolve(kind: str, given: str, names: dict[str, str], with_data: list[str]) -> str:
    found = names.get(_key(given))
    if found is not None and found in with_data:
        return found
    if found is not None:
        raise UsageError(
            f"no salary figures for {kind} {given!r}; {kind}s with figures: {', '.join(with_data)}"
        )
    error = unknown_name(kind, given, with_data)
    if error.hint is None:  # perhaps it is close to a name or alias rather than an id
        near = closest(_key(given), names, n=1)
        if near and names[near[0]] in with_data:
            error.hint = f"did you mean {names[near[0]]!r}?"
    raise error


def resolve_place(catalog: Catalog, name: str) -> str:
    """A place id from an id, a name or an alias (``sf``, ``san francisco``, ``uk``, ``usa``)."""
    names: dict[str, str] = {}
    for place in catalog.places.values():
        for alias in [place["id"], place["name"], *place.get("aliases", [])]:
            names[_key(alias)] = place["id"]
    return _resolve("place", name, names, place_order(catalog))


def resolve_level(catalog: Catalog, name: str) -> str:
    """A level id from an id or an alias (``jr``, ``sr``, ``intermediate``); ``all`` for overall figures."""
    names: dict[str, str] = {ALL_LEVELS: ALL_LEVELS, "all levels": ALL_LEVELS, "overall": ALL_LEVELS}
    for level in catalog.levels:
        for alias in [level["id"], *level.get("aliases", [])]:
            names[_key(alias)] = level["id"]
    return _resolve("level", name, names, level_order(catalog))


def salary_view(catalog: Catalog, level: str | None = None, place: str | None = None) -> SalaryView:
    """Every figure for the level and place asked for (either may be None: every one), with spans."""
    level_id = resolve_level(catalog, level) if level is not None else None
    place_id = resolve_place(catalog, place) if place is not None else None
    levels = [lv for lv in level_order(catalog) if level_id in (None, lv)]
    places = [p for p in place_order(catalog) if place_id in (None, p)]
    rows = [r for r in catalog.salaries if r["level"] in levels and r["place"] in places]
    rows.sort(
        key=lambda r: (levels.index(r["level"]), places.index(r["place"]), BASIS_ORDER.index(r["basis"]))
    )
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row["level"], row["place"], row["currency"], row["basis"]), []).append(row)
    spans = [span_of(group) for group in groups.values()]
    used = dict.fromkeys(r["source"] for r in rows)
    # When nothing matched, say what the place and the level do have.
    at_place = {r["level"] for r in catalog.salaries if r["place"] == place_id}
    for_level = {r["place"] for r in catalog.salaries if r["level"] == level_id}
    return SalaryView(
        level=level_id,
        place=place_id,
        rows=rows,
        spans=spans,
        levels=[lv for lv in levels if any(r["level"] == lv for r in rows)],
        places=[p for p in places if any(r["place"] == p for r in rows)],
        sources={s: catalog.sources[s] for s in used if s in catalog.sources},
        levels_at_place=[] if rows else [lv for lv in level_order(catalog) if lv in at_place],
        places_for_level=[] if rows else [p for p in place_order(catalog) if p in for_level],
    )
