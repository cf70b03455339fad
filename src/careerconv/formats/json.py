"""JSON reading and writing.

The standard library parses. Everything it would accept silently that careerconv refuses is found by this
module itself, not by another reader of the same text:

- duplicate keys, however the keys are written (``"a"`` and ``"\\u0061"`` are the same key) and whatever
  whitespace stands between a key and its colon: found by the parser's own pairs hook, then located by
  `scan`, a tokenizer of the same text that decodes each key as JSON does;
- ``NaN``, ``Infinity`` and numbers too large for a float (``1e999``): ``non-finite-number``;
- whole numbers of more than `MAX_DIGITS` digits: ``number-too-large``;
- nesting deeper than `MAX_DEPTH`: ``too-deep``, with its line and column.

Positions (line and column of each value and key) come from `scan` too, recorded only for the paths
a caller asks for.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import re
from collections.abc import Collection
from typing import Any

from careerconv.formats.plain import (
    MAX_DEPTH,
    MAX_DIGITS,
    Parsed,
    Path,
    Position,
    Positions,
    decode,
    problem,
    shown,
    wanted_paths,
)

__all__ = ["compact", "dumps", "read", "scan"]


class _Refused:
    """A number the parser saw that careerconv refuses: replaced by ``None`` and reported at its path."""

    __slots__ = ("code", "message")

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message


_NON_FINITE = _Refused("non-finite-number", "NaN, Infinity and numbers beyond a float's range are not JSON numbers")
_TOO_LONG = _Refused("number-too-large", f"a whole number has at most {MAX_DIGITS} digits")


# The smallest whole number of more than MAX_DIGITS digits.
_TOO_LONG_FROM = 10**MAX_DIGITS


def _parse_int(text: str) -> int | _Refused:
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else _TOO_LONG


def _constant(_: str) -> _Refused:
    return _NON_FINITE


def read(
    raw: bytes | str, *, source: str | None = None, locate: bool = False, wanted: Collection[Path] | None = None
) -> Parsed:
    """Parse one JSON document into plain data.

    With ``locate``, positions are recorded (for ``wanted`` paths and their ancestors only, when given).

    Examples:
        >>> read('{"a": [1, "no"]}').data
        {'a': [1, 'no']}
        >>> [(p.code, p.line) for p in read('{"a": NaN,\\n "a"\\n : 1}').problems]
        [('duplicate-key', 2), ('non-finite-number', 1)]
    """
    text, problems = decode(raw, source)
    if text is None:
        return Parsed(None, problems, ok=False)
    out = Parsed(None, problems)
    duplicates = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        result = dict(items)
        if len(result) == len(items):
            return result
        duplicates = True  # located and reported by scan(); the first value of each key is kept
        first: dict[str, Any] = {}
        for key, value in items:
            first.setdefault(key, value)
        return first

    recursed = False
    data: Any = None
    try:
        try:
            data = json.loads(text, object_pairs_hook=pairs, parse_constant=_constant)
        except ValueError as error:  # a whole number past Python's digit limit: read again, numbers checked one by one
            if isinstance(error, json.JSONDecodeError):
                raise
            data = json.loads(text, object_pairs_hook=pairs, parse_constant=_constant, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        out.add(problem((), message, "json-syntax", (error.lineno, error.colno), source))
        out.ok = False
        return out
    except RecursionError:
        recursed = True
    refused, depth_ok = _inspect(data)
    if recursed or not depth_ok or refused or locate or duplicates:
        paths = wanted_paths([path for path, _ in refused])
        every = locate and wanted is None
        found = scan(
            text,
            None if every else paths | wanted_paths(wanted or ()),
            whole=duplicates or every or recursed or not depth_ok,
        )
        if found.too_deep is not None or recursed:
            message = f"the document nests deeper than {MAX_DEPTH} levels"
            out.add(problem(found.too_deep_path, message, "too-deep", found.too_deep, source))
            out.ok = False
            return out
        for path, key_position, first in found.duplicates:
            message = f"duplicate key {shown(path[-1])} (first at line {first[0]})"
            out.add(problem(path, message, "duplicate-key", key_position, source))
        for path, marker in refused:
            out.add(problem(path, marker.message, marker.code, found.positions.locate(path), source))
            if path:
                _replace(data, path, None)
            else:
                data = None
        if locate:
            out.positions = found.positions
    out.data = data
    return out


def _inspect(data: Any) -> tuple[list[tuple[Path, _Refused]], bool]:
    """The refused numbers of ``data`` with their paths, and whether it nests within `MAX_DEPTH`."""
    if not isinstance(data, (dict, list)):
        inside, _ = _inspect([data])
        return [((), marker) for _, marker in inside], True
    refused: list[tuple[Path, _Refused]] = []
    todo: list[tuple[Path, Any]] = [((), data)]
    while todo:
        path, value = todo.pop()
        if len(path) >= MAX_DEPTH:
            return refused, False
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(item, (dict, list)):
                todo.append(((*path, key), item))
            elif isinstance(item, _Refused):
                refused.append(((*path, key), item))
            elif type(item) is float and not math.isfinite(item):  # 1e999: past a float's range
                refused.append(((*path, key), _NON_FINITE))
            elif type(item) is int and abs(item) >= _TOO_LONG_FROM:
                refused.append(((*path, key), _TOO_LONG))
    refused.sort(key=lambda entry: [str(part) for part in entry[0]])
    return refused, True


def _replace(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    if path:
        data[path[-1]] = value


# ------------------------------------------------------------------------------------------------ scanning

# One token of JSON text after optional whitespace: a string, a punctuation mark, or a bare word (number,
# literal). The text was accepted by the parser (or nests too deeply for it), so the tokens are well formed.
_TOKEN = re.compile(r'[ \t\n\r]*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))', re.DOTALL)


class Scan:
    """What `scan` found: positions, duplicate keys and where the text first nests too deeply."""

    __slots__ = ("duplicates", "positions", "too_deep", "too_deep_path")

    def __init__(self) -> None:
        """Nothing found yet."""
        self.positions = Positions()
        self.duplicates: list[tuple[Path, Position, Position]] = []
        self.too_deep: Position | None = None
        self.too_deep_path: Path = ()


class _Frame:
    __slots__ = ("expect_key", "index", "key", "path", "seen")

    def __init__(self, path: Path, *, mapping: bool) -> None:
        self.path = path
        self.seen: dict[str, int] | None = {} if mapping else None
        self.expect_key = mapping
        self.key: str | None = None
        self.index = 0


def scan(text: str, wanted: Collection[Path] | None = None, *, whole: bool = True) -> Scan:
    """Tokenize JSON text: where each value and key of ``wanted`` paths starts, duplicate keys, nesting.

    Keys are decoded as the parser decodes them, so escapes cannot hide a duplicate. Every path is recorded
    when ``wanted`` is ``None``. Unless ``whole``, the scan stops once every wanted value is found (so
    duplicate keys after that are not).

    Examples:
        >>> found = scan('{"a": 1,\\n "\\\\u0061": 2}')
        >>> found.duplicates, found.positions.values[("a",)]
        ([(('a',), (2, 2), (1, 2))], (1, 7))
    """
    out = Scan()
    lines = [m.end() for m in re.finditer("\n", text)]
    offsets_values: list[tuple[Path, int]] = []
    offsets_keys: list[tuple[Path, int]] = []
    duplicates: list[tuple[Path, int, int]] = []
    stack: list[_Frame] = []
    match = _TOKEN.match
    position = 0
    size = len(text)
    while position < size:
        token = match(text, position)
        if token is None:
            break
        position = token.end()
        string, mark, _word = token.groups()
        frame = stack[-1] if stack else None
        if frame is not None and frame.expect_key and string is not None:
            key = json.loads(string)
            assert frame.seen is not None
            path = (*frame.path, key)
            start = token.start(1)
            if key in frame.seen:
                duplicates.append((path, start, frame.seen[key]))
            else:
                frame.seen[key] = start
            if wanted is None or path in wanted:
                offsets_keys.append((path, start))
            frame.key = key
            frame.expect_key = False
            continue
        if mark is not None and mark in ":,}]":
            if mark == "," and frame is not None and frame.seen is not None:
                frame.expect_key = True
            elif mark in "}]":
                stack.pop()
            continue
        # a value: a string, a word, or the start of an object or array
        if frame is None:
            path = ()
        elif frame.seen is None:
            path = (*frame.path, frame.index)
            frame.index += 1
        else:
            path = (*frame.path, frame.key if frame.key is not None else "")
        start = token.start(1) if string is not None else token.start(2) if mark is not None else token.start(3)
        if wanted is None or path in wanted:
            offsets_values.append((path, start))
            if not whole and wanted is not None and len(offsets_values) >= len(wanted):
                break
        if mark is not None:  # '{' or '['
            if len(stack) >= MAX_DEPTH:
                out.too_deep = _position(lines, start)
                out.too_deep_path = path
                break
            stack.append(_Frame(path, mapping=mark == "{"))
    for path, offset in offsets_values:
        out.positions.values.setdefault(path, _position(lines, offset))
    for path, offset in offsets_keys:
        out.positions.keys.setdefault(path, _position(lines, offset))
    out.duplicates = [(path, _position(lines, at), _position(lines, first)) for path, at, first in duplicates]
    return out


def _position(lines: list[int], offset: int) -> Position:
    """The 1-based line and column of ``offset``, from the offsets where lines start."""
    line = bisect.bisect_right(lines, offset)
    start = lines[line - 1] if line else 0
    return (line + 1, offset - start + 1)


# ------------------------------------------------------------------------------------------------- writing


def dumps(data: Any) -> str:
    """Write plain data as indented UTF-8 JSON with a final newline.

    msgspec's encoder writes it, byte for byte the text of ``json.dumps(data, ensure_ascii=False, indent=2)``
    with dates as ``YYYY-MM-DD`` (a property test holds the two equal), in a tenth of the time. A document holds
    no decimal number; one in an object built wrongly in Python is written as msgspec writes it (``1e16``).

    Examples:
        >>> print(dumps({"a": [1, "é"]}), end="")
        {
          "a": [
            1,
            "é"
          ]
        }
    """
    try:
        import msgspec  # noqa: PLC0415 - the encoder in C, loaded on first write, not by ``import careerconv``
    except ImportError:  # pragma: no cover - msgspec is a dependency on CPython
        return _slow_dumps(data)
    try:
        return msgspec.json.format(msgspec.json.encode(data), indent=2).decode() + "\n"
    except (TypeError, ValueError, OverflowError, UnicodeError):  # a value msgspec refuses: the json module says
        return _slow_dumps(data)


def _slow_dumps(data: Any) -> str:
    """`dumps` by the json module: the same text, where msgspec refuses the data (a lone surrogate)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso_date) + "\n"


def _iso_date(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def compact(data: Any) -> str:
    """Plain data as one line of UTF-8 JSON, no spaces.

    Examples:
        >>> compact({"a": [1, "é"]})
        '{"a":[1,"é"]}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_iso_date)
