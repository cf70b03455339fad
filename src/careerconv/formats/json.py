"""JSON reading and writing.

The standard library parses; duplicate keys and the non-standard constants ``NaN``, ``Infinity`` and
``-Infinity`` are problems, not silently accepted values. JSON is YAML 1.2 flow style, so problems are
located by reading the same text with the YAML reader in locating mode.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from careerconv.formats import yaml
from careerconv.formats._plain import Parsed, Path, decode, problem

__all__ = ["compact", "dumps", "read"]


class _NonFinite:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def read(raw: bytes | str, *, source: str | None = None, locate: bool = False) -> Parsed:
    """Parse one JSON document into plain data.

    Examples:
        >>> read('{"a": [1, "no"]}').data
        {'a': [1, 'no']}
        >>> [p.code for p in read('{"a": NaN, "a": 1}').problems]
        ['duplicate-key', 'non-finite-number']
    """
    text, problems = decode(raw, source)
    if text is None:
        return Parsed(None, problems, ok=False)
    duplicates = False
    constants = False

    def constant(name: str) -> _NonFinite:
        nonlocal constants
        constants = True
        return _NonFinite(name)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        result = dict(items)
        if len(result) != len(items):
            duplicates = True
            result = {}
            for key, value in items:
                result.setdefault(key, value)
        return result

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        problems.append(problem((), message, "json-syntax", (error.lineno, error.colno), source))
        return Parsed(None, problems, ok=False)
    except RecursionError:
        problems.append(problem((), "the document nests too deeply", "too-deep", None, source))
        return Parsed(None, problems, ok=False)
    nonfinite = _find_nonfinite(data) if constants else []
    positions = None
    if locate or duplicates or nonfinite:
        located = yaml.read(text, source=source, locate=True)
        positions = located.positions
        problems.extend(p for p in located.problems if p.code == "duplicate-key")
    for path in nonfinite:
        message = "NaN and Infinity are not JSON numbers"
        where = positions.locate(path) if positions else None
        problems.append(problem(path, message, "non-finite-number", where, source))
        _replace(data, path, None)
    return Parsed(data, problems, positions)


def _find_nonfinite(data: Any) -> list[Path]:
    found: list[Path] = []
    todo: list[tuple[Path, Any]] = [((), data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, _NonFinite):
            found.append(path)
        elif isinstance(value, dict):
            todo.extend(((*path, k), v) for k, v in value.items())
        elif isinstance(value, list):
            todo.extend(((*path, i), v) for i, v in enumerate(value))
    return sorted(found, key=lambda p: [str(x) for x in p])


def _replace(data: Any, path: Path, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    if path:
        data[path[-1]] = value


def dumps(data: Any) -> str:
    """Write plain data as indented UTF-8 JSON with a final newline.

    Examples:
        >>> print(dumps({"a": [1, "é"]}), end="")
        {
          "a": [
            1,
            "é"
          ]
        }
    """
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
