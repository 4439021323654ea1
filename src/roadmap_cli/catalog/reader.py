"""Read one pack file safely into plain values, each with the file:line:column it came from.

This is the safe YAML reader; turning pydantic's validation errors into a person's words is the
job of :mod:`roadmap_cli.catalog.loader`, which also re-exports the names here.

YAML is untrusted input. Before anything is read, the file's size is capped and its bytes must be
UTF-8. The file is then parsed once: ``_Reader`` takes the parser's events one by one and turns
them into plain values, checking each event before it builds anything from it. It caps the
nesting depth (it never recurses over the file, and libyaml's own composer, which does, is not
used) and the number of values, and adds up what aliases would expand to, so the "billion laughs"
file is refused after work in proportion to its size. This module decides the rules: tags are
refused, duplicate keys and merge keys are rejected, and unquoted scalars that YAML 1.1 reads as
something else (``no`` as false, ``012`` as 10, ``1:30`` as 90) are reported. Every value keeps
the position it came from, so a validation error names the line a person has to fix.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from roadmap_cli.errors import ContentError
from roadmap_cli.files import MAX_PACK_BYTES

# The largest built-in file is about 20 KB and 2,000 values: these limits leave room for packs
# twenty-five times that size or more, and keep the time to read or refuse any file under a second.
MAX_FILE_BYTES = MAX_PACK_BYTES
MAX_DEPTH = 32
MAX_VALUES = 50_000
MAX_PROBLEMS = 50  # per file; a file with more is reported with the first ones and a count

Loc = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")

_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based
    source: str | None = None  # the text of an unquoted scalar, which YAML may have read as a non-string


class _Marks(dict[Loc, Any]):
    """Where each value stood, read as a :class:`Mark`.

    The reader keeps the parser's own mark of a value (0-based, and made for every event anyway)
    where it would only copy its line and column: a big pack has a million values, and making a
    Mark for each costs a tenth of reading it. The few marks ever read, for a message, are turned
    into Marks here."""

    def __getitem__(self, loc: Loc) -> Mark:
        return _as_mark(dict.__getitem__(self, loc))

    def get(self, loc: Loc, default: Mark | None = None) -> Mark | None:  # type: ignore[override]
        found = dict.get(self, loc)
        return default if found is None else _as_mark(found)


def _as_mark(found: Any) -> Mark:
    if type(found) is Mark:
        mark: Mark = found
        return mark
    return Mark(found.line + 1, found.column + 1)


@dataclass
class Located:
    line: int
    column: int
    text: str  # already starts with "file:line:column: "


@dataclass
class Document:
    """The plain data of one pack file, where each value stood in it, and what was wrong on the way."""

    path: Path
    data: Any
    marks: _Marks = field(default_factory=_Marks)
    key_marks: _Marks = field(default_factory=_Marks)  # where the key of the value at a loc stands
    problems: list[Located] = field(default_factory=list)
    reported: set[Loc] = field(default_factory=set)  # values a problem already speaks of
    unlisted: int = 0  # problems found but not described, past MAX_PROBLEMS

    def mark(self, loc: Loc) -> Mark:
        """The position of the value at ``loc``, or of its nearest enclosing value."""
        for end in range(len(loc), -1, -1):
            found = self.marks.get(loc[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def where(self, loc: Loc) -> str:
        """``file:line:column`` of the value at ``loc``, or of its nearest enclosing value."""
        mark = self.mark(loc)
        return f"{self.path}:{mark.line}:{mark.column}"

    def add(self, loc: Loc, message: str, *, at_key: bool = False) -> None:
        mark = self.key_marks.get(loc) if at_key else None
        mark = mark or self.mark(loc)
        self.problems.append(
            Located(mark.line, mark.column, f"{self.path}:{mark.line}:{mark.column}: {message}")
        )
        self.reported.add(loc)


def _fail(path: Path, node_or_mark: Any, message: str) -> ContentError:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return ContentError([f"{path}:{mark.line + 1}:{mark.column + 1}: {message}"])


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _surprise(text: str, value: Any) -> str | None:
    """Why an unquoted scalar that YAML 1.1 turned into a bool or a number is probably a mistake."""
    if isinstance(value, bool):
        if text.lower() in {"true", "false"}:
            return None
        return (
            f"unquoted `{text}` is read by YAML as {str(value).lower()}; write true or false, "
            f'or put it in quotes ("{text}") if you mean the text'
        )
    if isinstance(value, int):
        if _DECIMAL.fullmatch(text):
            return None
        return (
            f"unquoted `{text}` is read by YAML as the number {value}; write {value} if you mean "
            f'that number, or put it in quotes ("{text}") if you mean the text'
        )
    if isinstance(value, float) and not _PLAIN_FLOAT.fullmatch(text):
        return (
            f"unquoted `{text}` is read by YAML as the number {value}; "
            f'put it in quotes ("{text}") if you mean the text'
        )
    return None


#: ``_new_mark(Mark, (line, column, None))`` makes a Mark without the Python-level ``__new__`` of a
#: NamedTuple: one is made for every value of a pack, so on a cold load of a big one it shows.
_new_mark = tuple.__new__


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


_EVERYTHING = _Everything()
_MERGE_TAG = "tag:yaml.org,2002:merge"
_KIND_TAGS: dict[type[yaml.Node], str] = {
    yaml.ScalarNode: _STR_TAG,
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
_INT_TAG = "tag:yaml.org,2002:int"
_VALUES_MESSAGE = f"holds more than {MAX_VALUES:,} values; split it into smaller packs"


class _Collection:
    """A sequence or mapping being read: its value so far, where it stands, its expanded size."""

    __slots__ = (
        "anchor",
        "count",
        "expect_key",
        "height",
        "is_map",
        "key",
        "loc",
        "mark",
        "muted",
        "seen",
        "size",
        "skip_value",
        "value",
        "value_loc",
    )

    def __init__(self, is_map: bool, loc: Loc, mark: Any, muted: bool, anchor: str | None) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.loc = loc
        self.mark = mark  # the parser's mark where it starts, for messages
        self.muted = muted  # read but not kept: the value of a refused key, and everything in it
        self.anchor = anchor
        self.size = 1  # values it holds once aliases are expanded, itself included
        self.height = 0  # levels of nesting in it once aliases are expanded
        self.count = 0  # entries read so far (a sequence's next index)
        self.expect_key = True
        self.key = ""
        self.value_loc: Loc = ()
        self.skip_value = False  # the key just read was refused
        self.seen: dict[str, int] = {}  # key -> the line it first stood on


class _Anchor:
    __slots__ = ("first", "height", "last", "mark", "open", "size")

    def __init__(self, first: int, mark: Any) -> None:
        self.first = first  # where its events start on the reader's tape
        self.last = first  # and end (exclusive), once it is closed
        self.mark = mark
        self.open = True
        self.size = 1
        self.height = 0


class _Reader:
    """Turns the parser's events into plain values with marks, in one pass over the file.

    Each event is checked as it comes, before anything is built from it: nesting deeper than
    MAX_DEPTH and more than MAX_VALUES values stop the read at once, and nothing here recurses
    over the file, so no depth can crash it. The size and depth each collection would have with
    its aliases expanded are added up as the events pass (an alias counts what its anchor holds),
    so the "billion laughs" file is refused when a collection closes over MAX_VALUES, after work
    in proportion to the file, not to what it would expand to. An anchored value's events are
    kept on a tape; an alias is read by replaying them at its own place, which gives a fresh copy
    whose marks point at the anchored text.

    Problems are reported in this order, whatever their order in the file: a syntax error or a
    limit of the pass (the first in the file); an alias or document problem; a collection too
    large or too deep through aliases (the first to close); a tag, or a value YAML cannot build.
    After the first problem the rest of the file is still parsed, but nothing more is built.
    """

    def __init__(self, doc: Document, loader: yaml.SafeLoader) -> None:
        self.doc = doc
        self.path = doc.path
        self.loader = loader
        self.base: Loc = ()  # the loc of the value being read: the file's root, or an alias's place
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors = 0
        self.tape: list[Any] = []  # the events read while an anchor is open
        self.building = True
        self.replayed = 0  # values built by replaying aliases, kept under MAX_VALUES
        self.replaying = 0  # how many replays are under way, one inside another
        self.compose_error: yaml.MarkedYAMLError | None = None
        self.expansion_error: ContentError | None = None
        self.build_error: Exception | None = None
        self.root_mark: Any = None
        self.plain_tags: dict[str, str] = {}
        resolvers = loader.yaml_implicit_resolvers
        # With patterns for any text at all (None), every text must be resolved.
        self.resolved_by_first: Container[str | None] = resolvers if None not in resolvers else _EVERYTHING

    def read(self) -> tuple[bool, Any]:
        """Whether the file holds a document, and its value; raises the first problem, ranked as above."""
        get_event = self.loader.get_event
        in_place = self._text_in_place
        # The event types as locals: this loop runs once for every event of every pack.
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        stack: list[_Collection] = []
        result: list[Any] = []
        values = documents = 0
        first_document: Any = None
        while True:
            event = get_event()  # type: ignore[no-untyped-call]
            kind = type(event)
            if kind is scalar_event or kind is alias_event:
                values += 1
                if values > MAX_VALUES:
                    raise _fail(self.path, event, _VALUES_MESSAGE)
                if kind is alias_event:
                    if self.open_anchors:
                        self.tape.append(event)
                    self._alias(stack, result, event)
                    continue
                if stack and in_place(stack[-1], event):
                    continue
                anchor = self._record(event)
                self._scalar(stack, result, event)
                if anchor is not None:
                    self._close(anchor, 1, 0)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                values += 1
                if values > MAX_VALUES:
                    raise _fail(self.path, event, _VALUES_MESSAGE)
                if len(stack) >= MAX_DEPTH:
                    raise _fail(self.path, event, f"nested deeper than {MAX_DEPTH} levels")
                anchor = self._record(event)
                self._start(stack, event, kind is yaml.MappingStartEvent, anchor)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                if self.open_anchors:
                    self.tape.append(event)
                self._end(stack, result, replaying=False)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 1:
                    first_document = event.start_mark
                elif documents == 2:
                    self._compose_failed(
                        yaml.composer.ComposerError(
                            "expected a single document in the stream",
                            first_document,
                            "but found another document",
                            event.start_mark,
                        )
                    )
            elif kind is yaml.StreamEndEvent:
                break
        if self.replayed > MAX_VALUES and self.expansion_error is None:
            # Cannot happen (the root holds at least what was replayed), but never return half a file.
            self._expansion_failed(self.root_mark, f"expands to more than {MAX_VALUES:,} values")
        for problem in (self.compose_error, self.expansion_error, self.build_error):
            if problem is not None:
                raise problem
        return documents > 0, result[0] if result else None

    # ---------------------------------------------------------------- anchors and problems

    def _record(self, event: Any) -> str | None:
        """Put the event on the tape if an anchor is open or it opens one; the anchor it opens."""
        name = event.anchor
        if self.open_anchors or name is not None:
            self.tape.append(event)
        if name is None:
            return None
        if name in self.anchors:
            self._compose_failed(
                yaml.composer.ComposerError(
                    f"found duplicate anchor {name!r}; first occurrence",
                    self.anchors[name].mark,
                    "second occurrence",
                    event.start_mark,
                )
            )
            return None
        self.anchors[name] = _Anchor(len(self.tape) - 1, event.start_mark)
        self.open_anchors += 1
        return str(name)

    def _close(self, name: str, size: int, height: int) -> None:
        anchor = self.anchors[name]
        anchor.open = False
        anchor.last = len(self.tape)
        anchor.size, anchor.height = size, height
        self.open_anchors -= 1

    def _compose_failed(self, error: yaml.MarkedYAMLError) -> None:
        self.compose_error = self.compose_error or error
        self.building = False

    def _expansion_failed(self, mark: Any, message: str) -> None:
        self.expansion_error = self.expansion_error or _fail(self.path, mark, message)
        self.building = False

    def _build_failed(self, error: Exception) -> None:
        self.build_error = self.build_error or error
        self.building = False

    # ---------------------------------------------------------------- values

    def _place(self, stack: list[_Collection]) -> tuple[Loc, bool]:
        """Where the next value goes, and whether it is muted."""
        if not stack:
            return self.base, False
        parent = stack[-1]
        if not parent.is_map:
            return (*parent.loc, parent.count), parent.muted
        if parent.expect_key:
            return (*parent.loc, "<key>"), parent.muted
        return parent.value_loc, parent.muted or parent.skip_value

    def _tag(self, event: Any, kind: type[yaml.Node], value: str | None) -> str:
        """The tag YAML gives a node: its own, or the one the resolver finds, as the composer does."""
        tag = event.tag
        if tag is not None and tag != "!":
            return str(tag)
        if kind is yaml.ScalarNode and event.implicit[0]:
            return self._plain_tag(str(value))
        if not self.loader.yaml_path_resolvers:  # then the resolver goes by the kind alone
            return _KIND_TAGS[kind]
        return str(self.loader.resolve(kind, value, event.implicit))  # type: ignore[no-untyped-call]

    def _plain_tag(self, text: str) -> str:
        """What YAML reads an untagged plain scalar as, as ``Resolver.resolve`` decides it.

        The resolver tries only the patterns filed under the text's first character, so a text
        whose first character has none (most ids and words of a pack) is text without asking it;
        the rest are remembered, as the same keys and words recur all through a pack.
        """
        if text and text[0] not in self.resolved_by_first:
            return _STR_TAG
        tag = self.plain_tags.get(text)
        if tag is None:
            tag = str(self.loader.resolve(yaml.ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]
            if len(self.plain_tags) < 4096:
                self.plain_tags[text] = tag
        return tag

    def _text_in_place(self, parent: _Collection, event: Any) -> bool:
        """Read the commonest events of a pack, a text in a collection or a plain whole number in a
        list or as a value (hours, ranks), in one step; False if it is neither.

        The same as ``_scalar`` for a scalar with no tag or anchor that YAML reads as text or as
        such a number, with the steps it needs written out: most of a pack's events take this way,
        so it sets the pace of a cold load. Anything else is left to ``_scalar``.
        """
        if not self.building or parent.muted or event.anchor is not None or self.open_anchors:
            return False
        if event.tag is not None:
            return False
        text = event.value
        value: Any = text
        source = None  # what the mark keeps of a number's text, as _scalar_value does
        if event.implicit[0] and (not text or text[0] in self.resolved_by_first):  # as _plain_tag
            tag = self._plain_tag(text)
            if tag != _STR_TAG:
                # Only what _scalar_value reads as a plain decimal int, which nothing reports; a
                # key that is a number is left to _key to refuse.
                if tag != _INT_TAG or event.style or (parent.is_map and parent.expect_key):
                    return False
                if not _DECIMAL.fullmatch(text):
                    return False
                value, source = int(text), text
        # The parser's own mark is kept as it is (see _Marks), unless a number's text goes with it.
        mark = event.start_mark
        if source is not None:
            mark = _new_mark(Mark, (mark.line + 1, mark.column + 1, source))
        parent.size += 1
        if not parent.is_map:
            item_loc = (*parent.loc, parent.count)
            self.doc.marks[item_loc] = mark
            parent.value.append(value)
            parent.count += 1
        elif parent.expect_key:
            parent.expect_key = False
            if text in parent.seen:
                key_loc = (*parent.loc, "<key>")
                self.doc.marks[key_loc] = mark  # where _key reports it
                self._key(parent, text, event)  # says where it was first
            else:  # what _key does for a new text key (which needs no mark of the key as a value)
                parent.seen[text] = mark.line + 1
                parent.skip_value = False
                parent.key = text
                parent.value_loc = (*parent.loc, text)
                self.doc.key_marks[parent.value_loc] = mark
        else:
            parent.expect_key = True
            if not parent.skip_value:
                self.doc.marks[parent.value_loc] = mark
                parent.value[parent.key] = value
        return True

    def _scalar(self, stack: list[_Collection], result: list[Any], event: Any) -> None:
        loc, muted = self._place(stack)
        value = self._scalar_value(event, loc) if self.building and not muted else None
        self._deliver(stack, result, value, 1, 0, event)

    def _scalar_value(self, event: Any, loc: Loc) -> Any:
        text = event.value
        tag = self._tag(event, yaml.ScalarNode, text)
        mark = event.start_mark
        if tag == _STR_TAG:
            self.doc.marks[loc] = Mark(mark.line + 1, mark.column + 1, None)
            return text
        at_key = bool(loc) and loc[-1] == "<key>"
        if at_key and tag == _MERGE_TAG:
            return None  # the mapping it keys refuses it
        plain = not event.style
        if tag == _INT_TAG and plain and _DECIMAL.fullmatch(text):
            value: Any = int(text)  # what the constructor would give, sooner
        else:
            try:
                node = yaml.ScalarNode(tag, text, mark, event.end_mark, event.style)
                value = self.loader.construct_object(node, deep=True)
            except yaml.MarkedYAMLError as error:
                self._build_failed(error)
                return None
        self.doc.marks[loc] = Mark(mark.line + 1, mark.column + 1, text if plain else None)
        why = _surprise(text, value) if plain and loc and not at_key else None
        if why is not None:
            self.doc.add(loc, f"{_dotted(loc)}: {why}")
        return value

    def _start(self, stack: list[_Collection], event: Any, is_map: bool, anchor: str | None) -> None:
        mark = event.start_mark
        loc, muted = self._place(stack)
        stack.append(_Collection(is_map, loc, mark, muted, anchor))
        if not self.building or muted:
            return
        self.doc.marks[loc] = mark  # the parser's own (see _Marks)
        tag = self._tag(event, yaml.MappingNode if is_map else yaml.SequenceNode, None)
        if tag not in _PLAIN_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self._build_failed(_fail(self.path, mark, f"the tag `{shown}` is not allowed in a pack"))

    def _end(self, stack: list[_Collection], result: list[Any], *, replaying: bool) -> None:
        frame = stack.pop()
        if frame.is_map and self.building and not frame.muted:
            self.doc.marks.pop((*frame.loc, "<key>"), None)
        if not replaying:
            frame.height += 1
            if frame.height > MAX_DEPTH:
                self._expansion_failed(frame.mark, f"nested deeper than {MAX_DEPTH} levels (through aliases)")
            elif frame.size > MAX_VALUES:
                self._expansion_failed(
                    frame.mark,
                    f"expands to more than {MAX_VALUES:,} values: aliases (*name) repeat an anchored "
                    "value (&name) too many times",
                )
            if frame.anchor is not None:
                self._close(frame.anchor, frame.size, frame.height)
        self._deliver(stack, result, frame.value, frame.size, frame.height, frame.mark)

    def _alias(self, stack: list[_Collection], result: list[Any], event: Any) -> None:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            self._compose_failed(
                yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            )
        elif anchor.open:
            self._expansion_failed(anchor.mark, "an alias refers to the value that contains it")
        if anchor is None or anchor.open:
            self._deliver(stack, result, None, 1, 0, event.start_mark)
            return
        loc, muted = self._place(stack)
        value = self._replay(anchor, loc) if self.building and not muted else None
        self._deliver(stack, result, value, anchor.size, anchor.height, self.tape[anchor.first])

    def _replay(self, anchor: _Anchor, loc: Loc) -> Any:
        """The anchored value built again at ``loc``, from its events on the tape."""
        if not self.replaying:  # the values of an alias inside an alias are counted with the outer one
            self.replayed += anchor.size
            if self.replayed > MAX_VALUES:
                self.building = False  # more than the file may expand to: refused by its end
                return None
        events = self.tape[anchor.first : anchor.last]
        if type(events[0]) is yaml.ScalarEvent:
            return self._scalar_value(events[0], loc)
        stack: list[_Collection] = []
        result: list[Any] = []
        saved, self.base = self.base, loc
        self.replaying += 1
        try:
            for event in events:
                kind = type(event)
                if kind is yaml.ScalarEvent:
                    self._scalar(stack, result, event)
                elif kind is yaml.AliasEvent:
                    inner = self.anchors[event.anchor]
                    inner_loc, muted = self._place(stack)
                    value = self._replay(inner, inner_loc) if self.building and not muted else None
                    self._deliver(stack, result, value, 0, 0, self.tape[inner.first])
                elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                    self._start(stack, event, kind is yaml.MappingStartEvent, None)
                else:
                    self._end(stack, result, replaying=True)
        finally:
            self.base = saved
            self.replaying -= 1
        return result[0] if result else None

    def _deliver(
        self, stack: list[_Collection], result: list[Any], value: Any, size: int, height: int, source: Any
    ) -> None:
        """Hand a value read to its collection (``source``: its event, or its mark)."""
        if not stack:
            result.append(value)
            self.root_mark = getattr(source, "start_mark", source)
            return
        parent = stack[-1]
        parent.size += size
        if height > parent.height:
            parent.height = height
        if not parent.is_map:
            if self.building and not parent.muted:
                parent.value.append(value)
            parent.count += 1
        elif parent.expect_key:
            parent.expect_key = False
            if self.building and not parent.muted:
                self._key(parent, value, source)
        else:
            parent.expect_key = True
            if self.building and not parent.muted and not parent.skip_value:
                parent.value[parent.key] = value

    def _key(self, mapping: _Collection, key: Any, source: Any) -> None:
        """Check a mapping's key; the value of a refused key is read but not kept."""
        doc = self.doc
        key_loc = (*mapping.loc, "<key>")
        start = getattr(source, "start_mark", source)
        scalar = type(source) is yaml.ScalarEvent
        mapping.skip_value = True
        if scalar and key is None and self._tag(source, yaml.ScalarNode, source.value) == _MERGE_TAG:
            doc.marks[key_loc] = Mark(start.line + 1, start.column + 1)
            doc.add(key_loc, "merge keys (<<) are not supported in packs; write the fields out")
            return
        if not isinstance(key, str):
            shown = source.value if scalar else "a list or mapping"
            doc.add(
                key_loc,
                f"{_dotted(mapping.loc)}: the key `{shown}` is read by YAML as {type(key).__name__} "
                f'{key!r}; a key must be text: put it in quotes ("{shown}")',
            )
            return
        if key in mapping.seen:
            doc.add(
                key_loc,
                f"{_dotted((*mapping.loc, key))}: duplicate key `{key}` (first at line {mapping.seen[key]})",
            )
            return
        mapping.seen[key] = start.line + 1
        mapping.skip_value = False
        mapping.key = key
        mapping.value_loc = (*mapping.loc, key)
        doc.key_marks[mapping.value_loc] = doc.marks[key_loc]


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file (a FIFO, a device, a link to one) before
    reading it, and what is larger than the cap without reading past it."""
    from roadmap_cli.files import NotRegular, TooLarge, read_regular

    try:
        return read_regular(path, MAX_FILE_BYTES)
    except IsADirectoryError:
        raise ContentError([f"{path}: is a directory, not a pack file"]) from None
    except NotRegular as exc:
        if path.is_dir():
            raise ContentError([f"{path}: is a directory, not a pack file"]) from None
        raise ContentError([f"{path}: {exc}"]) from None
    except TooLarge as exc:
        raise ContentError([f"{path}: {exc}"]) from None
    except OSError as exc:
        raise ContentError([f"{path}: cannot be read: {exc.strerror or exc}"]) from None


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError([f"{path}:1:1: is UTF-16 text; save the file as UTF-8"])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise ContentError(
            [f"{path}:{line}:{column}: is not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"]
        ) from None


def _syntax_problem(path: Path, exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    problem = exc.problem or "cannot be parsed"
    if exc.context:
        started = exc.context_mark
        at = f" at line {started.line + 1}" if started and mark and started.line != mark.line else ""
        problem = f"{exc.context}{at}, {problem}"
    if "tab" in problem:
        problem += "; indent with spaces, not tabs"
    return f"{where}: not valid YAML: {problem}"


def read_document(path: Path) -> Document:
    """Parse one YAML file into plain values with positions; raise ContentError if it can't be.

    Problems that leave the structure readable (duplicate keys, surprising scalars) are kept on
    the document, to be reported with the validation errors.
    """
    text = _decode(path, _read_bytes(path))
    try:
        return _read_text(path, text, _Loader)
    except _ParserDepthLimit:
        # libyaml (PyYAML 6.0.4 and later) has a nesting limit of its own, reached while it scans
        # ahead of the events we read, so it fires before ours with its own words and position.
        # The pure-Python parser has none and scans ahead at most 1,024 characters: read the file
        # again with it, and the reader refuses the file at its 33rd level in roadmap's words,
        # whatever PyYAML is installed.
        return _read_text(path, text, yaml.SafeLoader)


class _ParserDepthLimit(Exception):
    """The YAML parser itself refused to nest any deeper."""


def _read_text(path: Path, text: str, loader_class: type[yaml.SafeLoader]) -> Document:
    loader = loader_class(text)
    doc = Document(path, None)
    reader = _Reader(doc, loader)
    try:
        has_document, doc.data = reader.read()
    except yaml.MarkedYAMLError as exc:
        if loader_class is not yaml.SafeLoader and "nesting depth" in str(exc.problem):
            raise _ParserDepthLimit from None
        raise ContentError([_syntax_problem(path, exc)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = f"U+{exc.character:04X}"
        raise ContentError(
            [f"{path}:{line}:{column}: contains the control character {code}, not allowed in YAML"]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError([f"{path}: not valid YAML: {exc}"]) from None
    except RecursionError:
        raise ContentError([f"{path}: nested too deeply to read"]) from None
    finally:
        loader.dispose()
    if not has_document:
        raise ContentError([f"{path}:1:1: the file is empty; a pack needs at least one section"])
    if not isinstance(doc.data, dict):
        found = "nothing" if doc.data is None else f"a {type(doc.data).__name__}"
        raise ContentError(
            [
                f"{path}:{reader.root_mark.line + 1}:{reader.root_mark.column + 1}: a pack is a mapping of "
                f"sections (pack, sources, stacks, phases, milestones, ...), found {found}"
            ]
        )
    return doc
