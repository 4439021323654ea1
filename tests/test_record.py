"""``roadmap_cli.record``: records behave as the dataclasses they replace."""

from __future__ import annotations

import copy
import pickle

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
    with pytest.raises(TypeError, match="missing argument 'x'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="takes 4 arguments"):
        Point(1, 2, [], {}, 5)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected arguments z"):
        Point(1, z=2)  # type: ignore[call-arg]


def test_equality_and_hash_use_the_compared_fields_of_the_same_class() -> None:
    assert Point(1, cache={"a": 1}) == Point(1)
    assert hash(Pair(1, "a")) == hash(Pair(1, "a"))
    assert {Pair(1, "a"), Pair(1, "a")} == {Pair(1, "a")}
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != (1, 0, [])
    assert Point(1) != Counter("a")


def test_a_frozen_record_refuses_changes_and_a_mutable_one_takes_them() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
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
