"""Plain typed records for the types the daily commands load: the saved plan, the progress state
and the views drawn from them.

Why not ``dataclasses``: it writes and compiles the source of ``__init__``, ``__repr__``,
``__eq__``, ``__hash__`` and, when frozen, ``__setattr__`` and ``__delattr__`` for every class as
its module is imported (about half a millisecond a class here), and importing it imports
``inspect`` and with it ``ast``, ``dis`` and ``tokenize`` (several milliseconds more). The daily
commands load some thirty such classes on every run, which cost more than their whole work.

``Record`` gives the same things without writing code: the fields are the class's annotations, in
order, read once when the class is made, and a few shared methods use them. What a class gets:

* ``__init__`` taking the fields by position or by name, with their defaults and
  ``field(default_factory=...)``, then ``__post_init__`` if the class has one;
* ``__repr__`` (``Name(a=1, b=2)``), ``__eq__`` between records of the same class, and for frozen
  records (the default) ``__hash__`` from the fields, and assignment refused with
  ``FrozenInstanceError``; ``class Name(Record, frozen=False)`` makes a mutable, unhashable one.

Type checkers read a ``Record`` as a dataclass (``dataclass_transform``), so constructors are
checked as before. It is slower than a dataclass to make an instance (about 1.2 µs against 0.8 µs
for eight fields), which matters for the planner's tens of thousands of objects: the planner and
the catalog keep ``dataclasses``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # only type checkers read it (typing has it from Python 3.11)

    def dataclass_transform(**_kwargs: Any) -> Any:
        return lambda cls: cls


T = TypeVar("T")


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


MISSING: Any = object()  #: a field with no default


class Field:
    """What ``field()`` gives: how a field is made, compared and shown."""

    __slots__ = ("compare", "default_factory", "repr")

    def __init__(self, default_factory: Callable[[], Any], compare: bool, repr: bool) -> None:
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(*, default_factory: Callable[[], T], compare: bool = True, repr: bool = True) -> T:
    """A field whose default is made afresh for each record; left out of ``==`` and ``repr`` on request."""
    made: T = Field(default_factory, compare, repr)  # type: ignore[assignment]
    return made  # a Field where the class is read, the field's own type for a type checker


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    """The base of a record type; see the module's documentation."""

    __slots__ = ()
    #: (name, default or MISSING, factory or None) for each field, in order.
    __record_fields__: tuple[tuple[str, Any, Callable[[], Any] | None], ...] = ()
    __record_compare__: tuple[str, ...] = ()
    __record_repr__: tuple[str, ...] = ()

    def __init_subclass__(cls, *, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields, compare, shown = [], [], []
        for name in cls.__dict__.get("__annotations__", {}):  # noqa: RUF063 (the class's own, unevaluated)
            value = cls.__dict__.get(name, MISSING)
            factory = None
            if isinstance(value, Field):
                factory = value.default_factory
                if value.compare:
                    compare.append(name)
                if value.repr:
                    shown.append(name)
                delattr(cls, name)  # as dataclasses does: the class keeps no shared default
                value = MISSING
            else:
                compare.append(name)
                shown.append(name)
            fields.append((name, value, factory))
        cls.__record_fields__ = tuple(fields)
        cls.__record_compare__ = tuple(compare)
        cls.__record_repr__ = tuple(shown)
        if frozen:
            cls.__setattr__ = _refuse_set  # type: ignore[method-assign,assignment]
            cls.__delattr__ = _refuse_del  # type: ignore[method-assign,assignment]
            cls.__hash__ = _hash  # type: ignore[method-assign,assignment]
        else:
            cls.__hash__ = None  # type: ignore[method-assign,assignment]

    if not TYPE_CHECKING:  # type checkers make each record's own __init__ from its fields

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            fields = self.__record_fields__
            if len(args) > len(fields):
                raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments, {len(args)} given")
            put = object.__setattr__
            for (name, _, _), value in zip(fields, args, strict=False):
                put(self, name, value)
            for name, default, factory in fields[len(args) :]:
                if name in kwargs:
                    value = kwargs.pop(name)
                elif factory is not None:
                    value = factory()
                elif default is not MISSING:
                    value = default
                else:
                    raise TypeError(f"{type(self).__name__}() missing argument {name!r}")
                put(self, name, value)
            if kwargs:
                raise TypeError(f"{type(self).__name__}() got unexpected arguments {', '.join(kwargs)}")
            post = getattr(self, "__post_init__", None)
            if post is not None:
                post()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)


def _values(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in record.__record_compare__)


def _hash(self: Record) -> int:
    return hash(_values(self))


def _refuse_set(self: Record, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_del(self: Record, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
