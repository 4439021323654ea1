"""``roadmap_cli.record``: records behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

from roadmap_cli.record import FrozenInstanceError, Record, field


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
