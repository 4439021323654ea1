"""Read one pack file safely and validate it, with every problem pointing at file:line:column.

YAML is untrusted input. The file is composed into nodes by PyYAML's safe loader and turned into
plain values here, so that this module decides the limits: file size, nesting depth, how many
values aliases may expand to, duplicate keys. Every value keeps the position it came from, so a
validation error can name the line a person has to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from roadmap_cli.errors import ContentError, closest

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from roadmap_cli.catalog.schema import PackFile

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_VALUES = 200_000

Loc = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based
    plain: bool = False  # an unquoted scalar, which YAML may have turned into a bool, number or date


@dataclass
class Document:
    """The plain data of one pack file and where each value stood in it."""

    path: Path
    data: Any
    marks: dict[Loc, Mark] = field(default_factory=dict)

    def where(self, loc: Loc) -> str:
        """``file:line:column`` of the value at ``loc``, or of its nearest enclosing value."""
        for end in range(len(loc), -1, -1):
            mark = self.marks.get(loc[:end])
            if mark is not None:
                return f"{self.path}:{mark.line}:{mark.column}"
        return f"{self.path}:1:1"


def _mark(node: yaml.Node) -> Mark:
    plain = isinstance(node, yaml.ScalarNode) and node.style is None
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1, plain)


class _Builder:
    def __init__(self, path: Path, loader: yaml.SafeLoader) -> None:
        self.path = path
        self.loader = loader
        self.marks: dict[Loc, Mark] = {}
        self.values = 0
        self.problems: list[str] = []

    def at(self, node: yaml.Node) -> str:
        return f"{self.path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"

    def build(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise ContentError(
                [f"{self.at(node)}: the file expands to more than {MAX_VALUES:,} values (aliases?)"]
            )
        if depth > MAX_DEPTH:
            raise ContentError([f"{self.at(node)}: nested deeper than {MAX_DEPTH} levels"])
        self.marks[loc] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            seen: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(f"{self.at(key_node)}: merge keys (<<) are not supported")
                    continue
                key = self.build(key_node, (*loc, "<key>"), depth + 1)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    self.problems.append(
                        f"{self.at(key_node)}: a key must be text, found {type(key).__name__} {key!r}"
                    )
                    continue
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    self.problems.append(
                        f"{self.at(key_node)}: duplicate key {key!r} (first at line {first})"
                    )
                    continue
                seen[key] = key_node
                result[key] = self.build(value_node, (*loc, key), depth + 1)
            self.marks.pop((*loc, "<key>"), None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i), depth + 1) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)


def read_document(path: Path) -> Document:
    """Parse one YAML file into plain values with positions; raise ContentError if it can't be."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError([f"{path}: {size:,} bytes is larger than the {MAX_FILE_BYTES:,}-byte limit"])
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ContentError([f"{path}: is a directory, not a pack file"]) from None
    except OSError as exc:
        raise ContentError([f"{path}: cannot be read: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError([f"{path}: is not UTF-8 text (byte {exc.start}); save it as UTF-8"]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContentError([f"{path}:1:1: the file is empty; a pack needs at least one section"])
        builder = _Builder(path, loader)
        data = builder.build(node, (), 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ContentError([f"{where}: not valid YAML: {exc.problem or exc.context}"]) from None
    except yaml.YAMLError as exc:
        raise ContentError([f"{path}: not valid YAML: {exc}"]) from None
    except RecursionError:
        raise ContentError([f"{path}: nested too deeply to read"]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise ContentError(builder.problems)
    if not isinstance(data, dict):
        raise ContentError(
            [f"{path}:1:1: a pack is a mapping of sections (pack, stacks, phases, milestones, ...)"]
        )
    return Document(path, data, builder.marks)


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_keys(loc: Loc) -> list[str]:
    """The field names a mapping at ``loc`` may have, found by walking the schema's TypedDicts."""
    from typing import get_args, get_origin, get_type_hints

    from typing_extensions import is_typeddict

    from roadmap_cli.catalog import schema

    shape: Any = schema.PackFile
    for part in loc:
        if isinstance(part, int) and get_origin(shape) is list:
            shape = get_args(shape)[0]
        elif isinstance(part, str) and is_typeddict(shape):
            shape = get_type_hints(shape).get(part)
        else:
            return []
    return list(get_type_hints(shape)) if is_typeddict(shape) else []


def describe_error(doc: Document, error: ErrorDetails) -> str:
    loc: Loc = tuple(error["loc"])
    where = doc.where(loc)
    path = _dotted(loc)
    kind = error["type"]
    found = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        near = closest(name, allowed, n=1)
        hint = f"did you mean `{near[0]}`?" if near else f"allowed: {', '.join(allowed)}"
        return f"{where}: {path}: unknown field `{name}`; {hint}"
    if kind == "missing":
        return f"{where}: {_dotted(loc[:-1]) or 'pack'}: missing required field `{loc[-1]}`"
    message = f"{where}: {path}: {error['msg'][0].lower()}{error['msg'][1:]}, found {found!r}"
    mark = doc.marks.get(loc)
    if mark is not None and mark.plain and kind in {"string_type", "int_type"} and not isinstance(found, str):
        message += " (YAML read the unquoted value as a " + type(found).__name__ + "; put it in quotes)"
    return message


def validate_document(doc: Document) -> PackFile:
    """Check a document against the pack schema; every problem is reported together."""
    from pydantic import ValidationError

    from roadmap_cli.catalog.schema import pack_adapter

    try:
        return pack_adapter().validate_python(doc.data)
    except ValidationError as exc:
        raise ContentError([describe_error(doc, e) for e in exc.errors()]) from None


def load_pack_file(path: Path) -> tuple[Document, PackFile]:
    doc = read_document(path)
    return doc, validate_document(doc)
