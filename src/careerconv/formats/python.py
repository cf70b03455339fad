"""Plain data from Python (an HR tool's dicts) read as the text readers read a file.

The same contract as `careerconv.formats.yaml` and `careerconv.formats.json`: a `Parsed`
with a copy of the data made only of ``dict`` (text keys), ``list``, ``str``, ``int``, ``float``, ``bool``,
``None`` and ``datetime.date``, and the problems of what is not. Tuples are read as lists. What a file
cannot hold is refused, never converted: a key that is not text (``invalid-key``), a ``datetime`` where a
date belongs, a set or any other object (``wrong-type``), ``NaN`` (``non-finite-number``), a whole number of
more than `MAX_DIGITS` digits (``number-too-large``), nesting deeper than
`MAX_DEPTH` (``too-deep``, which also ends a structure that holds itself),
data larger than a file may be (``too-large``, `MAX_SIZE`).

The data may come from anyone, so reading it runs none of its code. A ``dict``, ``list`` or ``tuple``
subclass is read through the built-in type's own methods (``dict.items(d)``, ``list.__iter__``), never
through methods the subclass overrides, and every type is asked of ``type()``, never of ``isinstance``,
which would call an object's ``__class__``. A subclass of ``str``, ``int``, ``float`` or ``date`` (an enum
member too) is refused: its methods could answer anything.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from careerconv.formats.plain import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, Parsed, Path, describe, problem

__all__ = ["read"]

_TOO_LONG_FROM = 10**MAX_DIGITS
#: The most data `read` copies: a count of its containers' items plus the characters of its texts, the
#: same figure as the largest file (`MAX_BYTES`). Past it, ``too-large``.
MAX_SIZE = MAX_BYTES


def read(data: Any, *, source: str | None = None) -> Parsed:
    """A plain copy of ``data`` and its problems.

    Examples:
        >>> read({"a": (1, "x")}).data
        {'a': [1, 'x']}
        >>> [(p.path, p.code) for p in read({"a": {1: "x"}, "b": {"x"}}).problems]
        [('$.a', 'invalid-key'), ('$.b', 'wrong-type')]
    """
    out = Parsed(None)
    root: list[Any] = [None]
    # (value, path, the container to put its copy in, and the key or index there)
    todo: list[tuple[Any, Path, Any, Any]] = [(data, (), root, 0)]
    size = 0
    while todo:
        value, path, into, at = todo.pop()
        kind = type(value)
        if issubclass(kind, (dict, list, tuple)):
            if len(path) >= MAX_DEPTH:
                out.add(problem(path, f"the data nests deeper than {MAX_DEPTH} levels", "too-deep", None, source))
                out.ok = False
                return out
            children: list[tuple[Any, Path, Any, Any]] = []
            if issubclass(kind, dict):
                size += dict.__len__(value)  # the real length, before anything is copied
                if size > MAX_SIZE:
                    return _too_large(out, source)
                mapping: dict[str, Any] = {}
                for key, item in dict.items(value):  # the dict's own content, whatever a subclass overrides
                    if type(key) is not str:
                        message = f"a mapping key must be text, not {describe(key)}"
                        out.add(problem(path, message, "invalid-key", None, source))
                        continue
                    size += len(key)
                    mapping[key] = None  # keeps the key order; the value is filled in when popped
                    children.append((item, (*path, key), mapping, key))
                into[at] = mapping
            else:
                size += list.__len__(value) if issubclass(kind, list) else tuple.__len__(value)
                if size > MAX_SIZE:
                    return _too_large(out, source)
                items = list(list.__iter__(value) if issubclass(kind, list) else tuple.__iter__(value))
                children = [(item, (*path, index), items, index) for index, item in enumerate(items)]
                into[at] = items
            if size > MAX_SIZE:
                return _too_large(out, source)
            todo.extend(reversed(children))  # popped in the data's own order, so problems come in that order
            continue
        if kind is str:
            size += len(value)
            if size > MAX_SIZE:
                return _too_large(out, source)
        into[at] = _scalar(value, kind, path, out, source)
    out.data = root[0]
    return out


def _too_large(out: Parsed, source: str | None) -> Parsed:
    message = f"the data holds more than {MAX_SIZE:,} items and characters, more than a file may"
    out.add(problem((), message, "too-large", None, source))
    out.ok = False
    return out


def _scalar(value: Any, kind: type[Any], path: Path, out: Parsed, source: str | None) -> Any:
    if value is None or kind is str or kind is bool or kind is dt.date:
        return value
    if kind is int:
        if abs(value) >= _TOO_LONG_FROM:
            out.add(problem(path, f"a whole number has at most {MAX_DIGITS} digits", "number-too-large", None, source))
            return None
        return value
    if kind is float:
        if not math.isfinite(value):
            message = "NaN and Infinity are not numbers a file can hold"
            out.add(problem(path, message, "non-finite-number", None, source))
            return None
        return value
    out.add(problem(path, f"a file cannot hold {_what(value, kind)}", "wrong-type", None, source))
    return None


def _what(value: Any, kind: type[Any]) -> str:
    """What ``value`` (of the class ``kind``) is, in a message, without repeating it."""
    if issubclass(kind, dt.datetime):
        return "a date and time (a date is a datetime.date)"
    if issubclass(kind, dt.date):
        return "a subclass of datetime.date"
    return describe(value)
