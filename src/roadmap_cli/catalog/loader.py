"""Read one pack file safely and validate it, with every problem pointing at file:line:column.

YAML is untrusted input. Before anything is built, the file's size is capped, its bytes must be
UTF-8, and a pass over the parser's events caps the nesting depth (libyaml's composer recurses
and would crash the process on a deep enough file) and the number of values. The composed nodes
are then checked for what aliases expand to (the "billion laughs" file) and turned into plain
values here, so that this module decides the rules: tags are refused, duplicate keys and merge
keys are rejected, and unquoted scalars that YAML 1.1 reads as something else (``no`` as false,
``012`` as 10, ``1:30`` as 90) are reported. Every value keeps the position it came from, so a
validation error names the line a person has to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

from roadmap_cli.errors import ContentError, closest
from roadmap_cli.files import MAX_PACK_BYTES
from roadmap_cli.safetext import LINES, ONE_LINE

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from roadmap_cli.catalog.schema import PackFile

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

#: What a pattern in the schema means, in words, for "expected ..." messages.
_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lowercase letters, digits and single dashes, e.g. `my-item`",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": 'a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes',
    r"^[0-9A-Za-z.+-]{1,32}$": 'a version such as "1.0" or "2026.11", in quotes',
    r"^\d{1,2}(-\d{1,2})?$": 'a month or a range of months such as "3" or "4-6", in quotes',
    ONE_LINE: "one line of text, without newlines, tabs or other control characters",
    LINES: "text without control characters other than newlines",
}


class Mark(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based
    source: str | None = None  # the text of an unquoted scalar, which YAML may have read as a non-string


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
    marks: dict[Loc, Mark] = field(default_factory=dict)
    key_marks: dict[Loc, Mark] = field(default_factory=dict)  # where the key of the value at a loc stands
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


def _surprise(node: yaml.ScalarNode, value: Any) -> str | None:
    """Why an unquoted scalar that YAML 1.1 turned into a bool or a number is probably a mistake."""
    text = node.value
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


class _Builder:
    """Turns composed nodes into plain values, with marks, refusing what a pack must not contain."""

    def __init__(self, doc: Document, loader: yaml.SafeLoader) -> None:
        self.doc = doc
        self.loader = loader

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        start = node.start_mark
        if isinstance(node, yaml.ScalarNode):
            plain = not node.style
            if node.tag == _STR_TAG:
                self.doc.marks[loc] = Mark(start.line + 1, start.column + 1, None)
                return node.value
            value = self.loader.construct_object(node, deep=True)
            self.doc.marks[loc] = Mark(start.line + 1, start.column + 1, node.value if plain else None)
            why = _surprise(node, value) if plain else None
            if why is not None and loc and loc[-1] != "<key>":
                self.doc.add(loc, f"{_dotted(loc)}: {why}")
            return value
        self.doc.marks[loc] = Mark(start.line + 1, start.column + 1)
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _fail(self.doc.path, node, f"the tag `{tag}` is not allowed in a pack")
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        result: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key_loc = (*loc, "<key>")
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.doc.marks[key_loc] = Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                self.doc.add(key_loc, "merge keys (<<) are not supported in packs; write the fields out")
                continue
            key = self.build(key_node, key_loc)
            if not isinstance(key, str):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                self.doc.add(
                    key_loc,
                    f"{_dotted(loc)}: the key `{shown}` is read by YAML as {type(key).__name__} "
                    f'{key!r}; a key must be text: put it in quotes ("{shown}")',
                )
                continue
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.doc.add(
                    key_loc, f"{_dotted((*loc, key))}: duplicate key `{key}` (first at line {first})"
                )
                continue
            seen[key] = key_node
            value_loc: Loc = (*loc, key)
            self.doc.key_marks[value_loc] = self.doc.marks[key_loc]
            result[key] = self.build(value_node, value_loc)
        self.doc.marks.pop((*loc, "<key>"), None)
        return result


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


def _scan(path: Path, text: str) -> int:
    """Walk the parser's events (no recursion, no values built): refuse nesting deeper than
    MAX_DEPTH or more than MAX_VALUES values; return how many aliases the file uses."""
    loader = _Loader(text)
    depth = values = aliases = 0
    try:
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _fail(path, event, f"nested deeper than {MAX_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                continue
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
            elif not isinstance(event, yaml.ScalarEvent):
                continue
            values += 1
            if values > MAX_VALUES:
                raise _fail(
                    path, event, f"holds more than {MAX_VALUES:,} values; split it into smaller packs"
                )
    finally:
        loader.dispose()
    return aliases


def _check_expansion(path: Path, root: yaml.Node) -> None:
    """Refuse a file whose aliases expand to more than MAX_VALUES values, nest deeper than
    MAX_DEPTH, or refer to themselves.

    An alias shares its anchor's node, and an anchor comes before its aliases, so each node is
    measured once: this takes time in proportion to the file, however far the aliases would expand.
    """
    measured: dict[int, tuple[int, int]] = {}  # id(node) -> (values, levels of nesting)
    open_nodes: set[int] = set()

    def measure(node: yaml.Node) -> tuple[int, int]:
        key = id(node)
        if key in measured:
            return measured[key]
        if key in open_nodes:
            raise _fail(path, node, "an alias refers to the value that contains it")
        size, height = 1, 0
        if not isinstance(node, yaml.ScalarNode):
            open_nodes.add(key)
            children = (
                node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
            )
            for child in children:
                child_size, child_height = measure(child)
                size += child_size
                height = max(height, child_height)
            height += 1
            open_nodes.discard(key)
        if height > MAX_DEPTH:
            raise _fail(path, node, f"nested deeper than {MAX_DEPTH} levels (through aliases)")
        if size > MAX_VALUES:
            raise _fail(
                path,
                node,
                f"expands to more than {MAX_VALUES:,} values: aliases (*name) repeat an anchored "
                "value (&name) too many times",
            )
        measured[key] = (size, height)
        return size, height

    measure(root)


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
    loader = _Loader(text)
    try:
        aliases = _scan(path, text)
        node = loader.get_single_node()
        if node is None:
            raise ContentError([f"{path}:1:1: the file is empty; a pack needs at least one section"])
        if aliases:
            _check_expansion(path, node)
        doc = Document(path, None)
        doc.data = _Builder(doc, loader).build(node, ())
    except yaml.MarkedYAMLError as exc:
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
    if not isinstance(doc.data, dict):
        found = "nothing" if doc.data is None else f"a {type(doc.data).__name__}"
        raise ContentError(
            [
                f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: a pack is a mapping of "
                f"sections (pack, sources, stacks, phases, milestones, ...), found {found}"
            ]
        )
    return doc


def _allowed_keys(loc: Loc) -> list[str]:
    """The field names a mapping at ``loc`` may have, found by walking the schema's TypedDicts."""
    from typing import get_args, get_origin, get_type_hints

    from typing_extensions import is_typeddict

    from roadmap_cli.catalog import schema

    def unwrap(shape: Any) -> Any:
        while get_origin(shape) is not None and not is_typeddict(shape) and get_origin(shape) is not list:
            args = [a for a in get_args(shape) if a is not type(None)]
            if not args:
                break
            shape = args[0]
        return shape

    shape: Any = schema.PackFile
    for part in loc:
        shape = unwrap(shape)
        if isinstance(part, int) and get_origin(shape) is list:
            shape = get_args(shape)[0]
        elif isinstance(part, str) and is_typeddict(shape):
            shape = get_type_hints(shape).get(part)
        else:
            return []
    shape = unwrap(shape)
    return list(get_type_hints(shape)) if is_typeddict(shape) else []


_READ_AS = {bool: "true or false", int: "a number", float: "a number", type(None): "an empty value"}


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_error(doc: Document, error: ErrorDetails) -> str:
    """One pydantic error as ``field: what was expected, what was found`` (without the position)."""
    loc: Loc = tuple(error["loc"])
    path = _dotted(loc)
    kind = error["type"]
    found = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        near = closest(name, allowed, n=1)
        hint = f"did you mean `{near[0]}`?" if near else f"allowed: {', '.join(allowed)}"
        return f"{path}: unknown field `{name}`; {hint}"
    if kind == "missing":
        return f"{_dotted(loc[:-1])}: missing required field `{loc[-1]}`"
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        expected = "expected " + _PATTERNS[ctx["pattern"]]
    else:
        expected = error["msg"][0].lower() + error["msg"][1:]
    mark = doc.marks.get(loc)
    quoted = kind in {"string_type", "literal_error", "enum"}
    if found is None and (mark is None or mark.source in {None, ""}):
        message = f"{path}: {expected}, found no value"
    elif quoted and mark is not None and mark.source is not None and not isinstance(found, str):
        read_as = _READ_AS.get(type(found), f"a {type(found).__name__}")
        message = (
            f"{path}: {expected}, found unquoted `{mark.source}`, which YAML reads as {read_as}; "
            f'put it in quotes: "{mark.source}"'
        )
    else:
        message = f"{path}: {expected}, found {_shown(found)}"
    if kind == "list_type" and isinstance(found, (str, int)):
        message += f" (write a list: [{found}])"
    return message


def validate_document(doc: Document) -> PackFile:
    """Check a document against the pack schema; every problem in the file is reported together."""
    from pydantic import ValidationError

    from roadmap_cli.catalog.schema import pack_adapter

    result: PackFile | None = None
    try:
        result = pack_adapter().validate_python(doc.data)
    except ValidationError as exc:
        described = 0
        for error in exc.errors(include_url=False):
            loc: Loc = tuple(error["loc"])
            if any(loc[:n] in doc.reported for n in range(len(loc) + 1)):
                continue  # the reader already said what is wrong here
            described += 1
            if described > MAX_PROBLEMS:
                doc.unlisted += 1  # counted, not described: a file this broken needs only the first few
                continue
            doc.add(loc, describe_error(doc, error), at_key=error["type"] == "extra_forbidden")
    if doc.problems:
        problems = sorted(doc.problems, key=lambda p: (p.line, p.column))
        texts = [p.text for p in problems[:MAX_PROBLEMS]]
        more = len(problems) - len(texts) + doc.unlisted
        raise ContentError(texts, more={str(doc.path): more} if more else None)
    assert result is not None
    return result


def load_pack_file(path: Path) -> tuple[Document, PackFile]:
    doc = read_document(path)
    return doc, validate_document(doc)
