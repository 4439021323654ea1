"""Read one pack file safely and validate it, with every problem pointing at file:line:column.

Two rooms: :mod:`roadmap_cli.catalog.reader` reads the YAML safely into plain values and keeps
where each one stood; this module checks them against the pack schema (pydantic) and turns each
validation error into a person's words (``milestones[3].hours: expected a number, found unquoted
`ten```...), placed at the line a person has to fix. The reader's public names are importable from
here too, as they always were.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from roadmap_cli.catalog.reader import MAX_DEPTH as MAX_DEPTH
from roadmap_cli.catalog.reader import MAX_FILE_BYTES as MAX_FILE_BYTES
from roadmap_cli.catalog.reader import MAX_PROBLEMS as MAX_PROBLEMS
from roadmap_cli.catalog.reader import MAX_VALUES as MAX_VALUES
from roadmap_cli.catalog.reader import Document as Document
from roadmap_cli.catalog.reader import Loc as Loc
from roadmap_cli.catalog.reader import Located as Located
from roadmap_cli.catalog.reader import Mark as Mark
from roadmap_cli.catalog.reader import _dotted
from roadmap_cli.catalog.reader import read_document as read_document
from roadmap_cli.errors import ContentError, closest
from roadmap_cli.safetext import LINES, ONE_LINE

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from roadmap_cli.catalog.schema import PackFile

#: What a pattern in the schema means, in words, for "expected ..." messages.
_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "an id of lowercase letters, digits and single dashes, e.g. `my-item`",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": 'a date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes',
    r"^[0-9A-Za-z.+-]{1,32}$": 'a version such as "1.0" or "2026.11", in quotes',
    r"^\d{1,2}(-\d{1,2})?$": 'a month or a range of months such as "3" or "4-6", in quotes',
    ONE_LINE: "one line of text, without newlines, tabs or other control characters",
    LINES: "text without control characters other than newlines",
}


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
