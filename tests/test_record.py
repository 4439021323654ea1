"""``roadmap_cli.record``: records behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import pickle
import sys
from typing import Any

import pytest

from roadmap_cli.record import FrozenInstanceError, Record, field, replace


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


class Pair(Record):
    left: int
    right: str


class Counter(Record, frozen=False):
    name: str
    seen: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.seen.append(len(self.name))


def test_fields_by_position_by_name_and_by_default() -> None:
    assert (Point(1).x, Point(1).y, Point(1).tags) == (1, 0, [])
    assert Point(1, 2).y == 2
    assert Point(y=3, x=1) == Point(1, 3)


def test_each_record_gets_its_own_default_from_a_factory() -> None:
    first, second = Point(1), Point(1)
    first.tags.append("a")
    assert second.tags == []
    assert "tags" not in Point.__dict__


def test_wrong_arguments_are_refused_as_a_constructor_would() -> None:
    made: Any = Point
    with pytest.raises(TypeError, match="missing argument 'x'"):
        made()
    with pytest.raises(TypeError, match="takes 4 arguments, 5 given"):
        made(1, 2, [], {}, 5)
    with pytest.raises(TypeError, match="unexpected arguments z"):
        made(1, z=2)


def test_equality_and_hash_use_the_compared_fields_of_the_same_class() -> None:
    assert Point(1, cache={"a": 1}) == Point(1)
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != (1, 0, [])
    assert Point(1) != Counter("a")
    assert hash(Pair(1, "a")) == hash(Pair(1, "a"))
    assert {Pair(1, "a"), Pair(1, "a"), Pair(1, "b")} == {Pair(1, "a"), Pair(1, "b")}


def test_a_frozen_record_refuses_changes_and_a_mutable_one_takes_them() -> None:
    point: Any = Point(1)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2
    with pytest.raises(FrozenInstanceError, match="cannot delete field 'x'"):
        del point.x
    counter = Counter("abc")
    counter.name = "b"
    assert counter.name == "b"
    with pytest.raises(TypeError):
        hash(counter)


def test_post_init_runs_after_the_fields_are_set() -> None:
    assert Counter("abc").seen == [3]


def test_repr_shows_the_shown_fields_in_order() -> None:
    assert repr(Point(1, 2, ["a"])) == "Point(x=1, y=2, tags=['a'])"


def test_copies_and_pickles_are_equal() -> None:
    point = Point(1, 2, ["a"])
    assert copy.copy(point) == point
    assert copy.deepcopy(point) == point
    assert pickle.loads(pickle.dumps(point)) == point


def test_a_class_made_now_reads_its_fields_in_order() -> None:
    """A record type made while the test runs, so that what happens as a class is made is tested
    as it happens (the types above were made when this module was imported)."""

    class Made(Record):
        first: int
        second: str = "b"
        kept: list[int] = field(default_factory=list, repr=False)
        ignored: list[int] = field(default_factory=list, compare=False)
        plain = "not a field"

    assert [name for name, _, _ in Made.__record_fields__] == ["first", "second", "kept", "ignored"]
    assert Made.__record_compare__ == ("first", "second", "kept")
    assert Made.__record_repr__ == ("first", "second", "ignored")
    made = Made(1)
    assert (made.first, made.second, made.kept, made.ignored) == (1, "b", [], [])
    assert made == Made(1, ignored=[5])
    assert made != Made(1, kept=[5])
    assert (
        repr(made)
        == "test_a_class_made_now_reads_its_fields_in_order.<locals>.Made(first=1, second='b', ignored=[])"
    )
    assert "kept" not in Made.__dict__
    assert Made.__dict__["second"] == "b"
    with pytest.raises(FrozenInstanceError):
        made.first = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del made.first
    with pytest.raises(TypeError, match="missing argument 'first'"):
        Made()  # type: ignore[call-arg]

    class Key(Record):
        a: int
        b: int

    assert hash(Key(1, 2)) == hash((1, 2))  # as a dataclass hashes: its fields, as a tuple
    assert hash(Key(1, 2)) != hash(Key(2, 1))

    class Empty(Record):
        pass

    assert Empty() == Empty()
    assert repr(Empty()).endswith("Empty()")

    class Loose(Record, frozen=False):
        value: int

    loose = Loose(1)
    loose.value = 2
    del loose.value
    assert not hasattr(loose, "value")
    assert Loose.__hash__ is None


# -- inheritance: a subclass has its parents' fields, first, as a dataclass's has -------------------


class Named(Record):
    name: str
    size: int = 1


class Tagged(Named):
    tags: list[str] = field(default_factory=list)


class Leaf(Tagged):
    size: int = 9  # redefined: keeps its place, takes the new default
    note: str = ""


def test_a_subclass_of_a_subclass_takes_every_field_of_its_parents_in_order() -> None:
    """The constructor a type checker reads (``dataclass_transform``) is the one that runs."""
    leaf = Leaf("a", 2, ["t"], "n")
    assert (leaf.name, leaf.size, leaf.tags, leaf.note) == ("a", 2, ["t"], "n")
    assert [name for name, _, _ in Leaf.__record_fields__] == ["name", "size", "tags", "note"]
    assert Leaf("a") == Leaf(name="a", size=9, tags=[], note="")
    assert Tagged("a").size == 1
    assert repr(Leaf("a")) == "Leaf(name='a', size=9, tags=[], note='')"
    assert Leaf("a") != Leaf("a", note="n")
    assert Leaf("a") != Tagged("a", 9)


def test_a_parents_compared_and_shown_fields_stay_so_in_a_subclass() -> None:
    class Base(Record):
        key: int
        cache: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    class Child(Base):
        extra: int = 0

    assert Child(1, {"a": 1}) == Child(1)
    assert repr(Child(1, {"a": 1}, 2)) == (
        "test_a_parents_compared_and_shown_fields_stay_so_in_a_subclass.<locals>.Child(key=1, extra=2)"
    )


def test_frozen_and_mutable_records_do_not_inherit_from_each_other() -> None:
    """As with dataclasses: a mutable child of a frozen record would still refuse assignment, and a
    frozen child of a mutable one would hash values that can change."""
    with pytest.raises(TypeError, match="cannot inherit a mutable record from a frozen one"):

        class Loose(Named, frozen=False):  # type: ignore[misc]
            pass

    with pytest.raises(TypeError, match="cannot inherit a frozen record from a mutable one"):

        class Stiff(Counter):  # type: ignore[misc]
            pass


# -- replace() --------------------------------------------------------------------------------------


def test_replace_makes_a_new_record_with_the_given_fields_changed() -> None:
    point = Point(1, 2, ["a"])
    moved = replace(point, y=5)
    assert moved == Point(1, 5, ["a"])
    assert point == Point(1, 2, ["a"])
    assert moved.tags is point.tags  # as dataclasses.replace: the other fields are the same objects
    assert replace(point) == point
    assert point.__replace__(x=0) == Point(0, 2, ["a"])  # what copy.replace() calls (Python 3.13+)
    assert replace(Leaf("a"), note="n") == Leaf("a", note="n")


def test_replace_runs_post_init_and_refuses_a_field_the_record_has_not() -> None:
    assert replace(Counter("ab"), name="abcd").seen == [2, 4]  # the same list, as dataclasses would
    made: Any = replace
    with pytest.raises(TypeError, match="Point has no field 'z'"):
        made(Point(1), z=2)
    with pytest.raises(TypeError, match="takes a record, not object"):
        made(object(), x=1)


# -- annotations, read as Python 3.14 reads them ---------------------------------------------------


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="Python 3.14 reads them through annotationlib")
def test_annotations_made_on_demand_are_read_not_only_those_in_the_class_dict() -> None:
    """From Python 3.14 (PEP 649) a class's annotations are made when first asked for, by its
    ``__annotate__``, and are not in its ``__dict__``. Before 3.14 a metaclass can do the same."""

    class OnDemand(type):
        @property
        def __annotations__(cls) -> dict[str, Any]:  # type: ignore[override]
            return {"first": "int", "second": "str"}

    class Lazy(Record, metaclass=OnDemand):
        second = "b"

    assert "__annotations__" not in Lazy.__dict__
    assert [name for name, _, _ in Lazy.__record_fields__] == ["first", "second"]
    made: Any = Lazy
    assert made(1).second == "b"


SOURCE_314 = """
from roadmap_cli.record import Record

class Later(Record):
    first: Undefined
    second: "AlsoUndefined" = 2
"""


@pytest.mark.skipif(sys.version_info < (3, 14), reason="annotations are evaluated lazily from Python 3.14")
def test_annotations_naming_what_is_not_defined_yet_are_read_without_evaluating_them() -> None:
    namespace: dict[str, Any] = {}
    exec(SOURCE_314, namespace)
    later = namespace["Later"]
    assert [name for name, _, _ in later.__record_fields__] == ["first", "second"]
    assert later(1).second == 2


def test_annotations_under_the_future_import_are_kept_as_strings() -> None:
    """This module uses ``from __future__ import annotations``: the types stay unevaluated."""
    assert Point.__annotations__["tags"] == "list[str]"
    assert [name for name, _, _ in Point.__record_fields__] == ["x", "y", "tags", "cache"]
