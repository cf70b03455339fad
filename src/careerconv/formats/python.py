"""Plain data from Python (an HR tool's dicts) read as the text readers read a file.

The same contract as :mod:`careerconv.formats.yaml` and :mod:`careerconv.formats.json`: a :class:`Parsed`
with a copy of the data made only of ``dict`` (text keys), ``list``, ``str``, ``int``, ``float``, ``bool``,
``None`` and ``datetime.date``, and the problems of what is not. Tuples are read as lists. What a file
cannot hold is refused, never converted: a key that is not text (``invalid-key``), a ``datetime`` where a
date belongs, a set or any other object (``wrong-type``), ``NaN`` (``non-finite-number``), a whole number of
more than :data:`~careerconv.formats._plain.MAX_DIGITS` digits (``number-too-large``), nesting deeper than
:data:`~careerconv.formats._plain.MAX_DEPTH` (``too-deep``, which also ends a structure that holds itself).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from careerconv.formats._plain import MAX_DEPTH, MAX_DIGITS, Parsed, Path, describe, problem

__all__ = ["read"]

_TOO_LONG_FROM = 10**MAX_DIGITS


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
    while todo:
        value, path, into, at = todo.pop()
        if isinstance(value, (dict, list, tuple)):
            if len(path) >= MAX_DEPTH:
                out.add(problem(path, f"the data nests deeper than {MAX_DEPTH} levels", "too-deep", None, source))
                out.ok = False
                return out
            children: list[tuple[Any, Path, Any, Any]] = []
            if isinstance(value, dict):
                mapping: dict[str, Any] = {}
                for key, item in value.items():
                    if type(key) is not str:
                        message = f"a mapping key must be text, not {describe(key)}"
                        out.add(problem(path, message, "invalid-key", None, source))
                        continue
                    mapping[key] = None  # keeps the key order; the value is filled in when popped
                    children.append((item, (*path, key), mapping, key))
                into[at] = mapping
            else:
                items: list[Any] = [None] * len(value)
                children = [(item, (*path, index), items, index) for index, item in enumerate(value)]
                into[at] = items
            todo.extend(reversed(children))  # popped in the data's own order, so problems come in that order
            continue
        into[at] = _scalar(value, path, out, source)
    out.data = root[0]
    return out


def _scalar(value: Any, path: Path, out: Parsed, source: str | None) -> Any:
    kind = type(value)
    if value is None or kind in (str, bool, dt.date):
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
    what = "a date and time (a date is a datetime.date)" if isinstance(value, dt.datetime) else describe(value)
    out.add(problem(path, f"a file cannot hold {what}", "wrong-type", None, source))
    return None
