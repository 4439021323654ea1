"""Plain typed records for the types the daily commands load: the saved plan, the progress state
and the views drawn from them.

Why it exists: start-up. ``roadmap status``, ``next`` and ``today`` run many times a day and their
own work takes a few milliseconds. ``dataclasses`` writes and compiles the source of ``__init__``,
``__repr__``, ``__eq__``, ``__hash__`` and, when frozen, ``__setattr__`` and ``__delattr__`` for each
class as its module is imported, and importing it imports ``inspect`` and with it ``ast``, ``dis``
and ``tokenize``. Measured on Python 3.11 (median of 31 fresh processes, six fields a class, frozen),
the 35 record types the package defines cost about 28 ms as dataclasses (7 ms to import
``dataclasses``, 21 ms to make the classes) and about 3.5 ms as records (3 ms to import this
module, 0.5 ms to make the classes): some 25 ms off every run, more than the daily commands' own
work.

``Record`` gives the same things without writing code: the fields are the annotations of the class
and of its parent records, in order (a parent's first; a field declared again keeps its place and
takes its new default), read once when the class is made, and a few shared methods use them. The
annotations are read the way Python 3.14 reads them (``annotationlib``, never evaluated), and as
strings, as before, under ``from __future__ import annotations``. What a class gets:

* ``__init__`` taking the fields by position or by name, with their defaults and
  ``field(default_factory=...)``, then ``__post_init__`` if the class has one;
* ``__repr__`` (``Name(a=1, b=2)``), ``__eq__`` between records of the same class, and for frozen
  records (the default) ``__hash__`` from the fields, and assignment refused with
  ``FrozenInstanceError``; ``class Name(Record, frozen=False)`` makes a mutable, unhashable one (a
  frozen record and a mutable one do not inherit from each other);
* ``replace(record, **changes)`` (and ``copy.replace()`` from Python 3.13), as ``dataclasses.replace``.

Type checkers read a ``Record`` as a dataclass (``dataclass_transform``), so constructors are
checked as before, inherited fields included.

When to use a dataclass instead: anywhere start-up does not count, and wherever a record needs more
than the above (``field(init=False)``, ``kw_only``, ``slots``, ``order``, ``ClassVar`` fields,
``dataclasses.fields()`` or ``asdict()``). Making an instance is slower than a dataclass's (about
1.2 µs against 0.8 µs for eight fields), which matters only for tens of thousands of objects. The
planner makes a few hundred (a ``Day`` per study day, a ``Scheduled`` per item: under 0.2 ms more),
and as dataclasses its six classes cost 3-4 ms at import: ``roadmap plan --dry-run`` measured
83 ms against 87 ms (median of 25 runs each, one session). The catalog's reader keeps
``dataclasses``: it runs only when a pack is read afresh.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
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
    __record_frozen__: bool | None = None

    def __init_subclass__(cls, *, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        parent_frozen = getattr(cls, "__record_frozen__", None)  # None: the parent is Record itself
        if parent_frozen is not None and parent_frozen != frozen:
            raise TypeError(
                f"cannot inherit a {'frozen' if frozen else 'mutable'} record from a "
                f"{'mutable' if frozen else 'frozen'} one ({cls.__name__})"
            )
        # The parents' fields first, in the order they were declared; a field declared again keeps
        # its place and takes its new default (as dataclasses does).
        fields: dict[str, tuple[str, Any, Callable[[], Any] | None]] = {}
        compared: dict[str, bool] = {}
        shown: dict[str, bool] = {}
        for base in reversed(cls.__mro__[1:]):
            if issubclass(base, Record):
                for entry in base.__dict__.get("__record_fields__", ()):
                    fields[entry[0]] = entry
                    compared[entry[0]] = entry[0] in base.__record_compare__
                    shown[entry[0]] = entry[0] in base.__record_repr__
        for name in _own_annotations(cls):
            value = cls.__dict__.get(name, MISSING)
            factory = None
            compared[name] = shown[name] = True
            if isinstance(value, Field):
                factory = value.default_factory
                compared[name], shown[name] = value.compare, value.repr
                delattr(cls, name)  # as dataclasses does: the class keeps no shared default
                value = MISSING
            fields[name] = (name, value, factory)
        cls.__record_fields__ = tuple(fields.values())
        cls.__record_compare__ = tuple(name for name in fields if compared[name])
        cls.__record_repr__ = tuple(name for name in fields if shown[name])
        cls.__record_frozen__ = frozen
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

    def __replace__(self, /, **changes: Any) -> Self:
        """What ``copy.replace()`` calls (Python 3.13+): see :func:`replace`."""
        return replace(self, **changes)


R = TypeVar("R", bound=Record)


def replace(record: R, /, **changes: Any) -> R:
    """A new record of the same class with the ``changes`` made, as ``dataclasses.replace`` makes
    one: every other field is the same object as in ``record``, and ``__post_init__`` runs again."""
    cls = type(record)
    if not isinstance(record, Record):
        raise TypeError(f"replace() takes a record, not {cls.__name__}")
    names = [name for name, _, _ in cls.__record_fields__]
    for name in changes:
        if name not in names:
            raise TypeError(f"{cls.__name__} has no field {name!r}")
    values = {name: changes[name] if name in changes else getattr(record, name) for name in names}
    make: Any = cls
    made: R = make(**values)
    return made


if sys.version_info >= (3, 14):
    from annotationlib import Format, get_annotations

    def _own_annotations(cls: type) -> dict[str, Any]:
        """The annotations in the class's own body, in order, never evaluated: from Python 3.14
        (PEP 649, 749) they are made on demand by the class's ``__annotate__``, and a name not yet
        defined stays a forward reference."""
        return get_annotations(cls, format=Format.FORWARDREF)

else:

    def _own_annotations(cls: type) -> dict[str, Any]:
        """The annotations in the class's own body, in order, as written: strings under
        ``from __future__ import annotations``. From Python 3.10 a class's ``__annotations__`` are
        its own, never a parent's."""
        annotations: dict[str, Any] = cls.__annotations__
        return annotations


def _values(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in record.__record_compare__)


def _hash(self: Record) -> int:
    return hash(_values(self))


def _refuse_set(self: Record, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_del(self: Record, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
