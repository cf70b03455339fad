"""YAML reading and writing.

Reading drives the parser of ruamel.yaml's C extension (``ruamel.yaml.clib``) one event at a time and builds
plain data from the events itself, without recursion. That is both the fast path and the safe one:

- YAML 1.2 core-schema scalars: ``no``, ``on`` and ``2026-11-26`` stay strings; only ``true``/``false``,
  ``null``/``~``, integers and floats are resolved. Dates are checked later, by the converter.
- tags, anchors and aliases are refused (no alias bombs, no arbitrary objects), duplicate keys are reported,
  nesting deeper than :data:`~careerconv.formats._plain.MAX_DEPTH` stops the parse before any C code
  can recurse, and a stream of several documents is refused.

Positions are recorded only when asked for (``locate=True``), which the document layer does only when a
document has problems to report.

Writing is careerconv's own writer (:mod:`careerconv.formats.emitter`), in the layout ruamel.yaml's round-trip
emitter first gave careerconv's files, at a fraction of the cost, and read back as what was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML, events
from ruamel.yaml.docinfo import DocInfo
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.loader import SafeLoader
from ruamel.yaml.reader import ReaderError

from careerconv.errors import Problem
from careerconv.formats import emitter
from careerconv.formats._plain import (
    MAX_DEPTH,
    MAX_DIGITS,
    Parsed,
    Path,
    Position,
    Positions,
    decode,
    describe,
    problem,
    shown,
    wanted_paths,
)


class _PureSafeLoader(SafeLoader):
    """ruamel.yaml's pure-Python parser, standalone.

    It records directives on its loader's ``doc_infos``, which only a ``YAML`` instance sets up, so a
    document with ``%YAML`` or ``%TAG`` needs it here.
    """

    def __init__(self, stream: str) -> None:
        self.doc_infos = [DocInfo()]
        super().__init__(stream)


_EventSource: Any
try:  # pragma: no cover - which branch runs depends on the platform
    from ruamel.yaml.cyaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - no C extension (PyPy): the pure-Python parser, same events
    _EventSource = _PureSafeLoader

__all__ = ["dumps", "read", "without_aliases"]

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_SPECIAL_START = frozenset("-+.0123456789~nNtTfF")


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain (unquoted) scalar.

    Examples:
        >>> [resolve_plain(v) for v in ("no", "true", "~", "12", "0x1f", "1.5", "2026-11-26")]
        ['no', True, None, 12, 31, 1.5, '2026-11-26']
    """
    if not value:
        return None
    if value[0] not in _SPECIAL_START:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        digits = value.lstrip("+-")
        if len(digits) - (2 if digits[:2] in ("0o", "0x") else 0) > MAX_DIGITS:
            return TOO_LONG
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return _SPECIAL_FLOATS.get(value, value)


class _TooLong:
    """A plain scalar that is a whole number of more than :data:`MAX_DIGITS` digits (refused)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "TOO_LONG"


#: What :func:`resolve_plain` gives for a whole number too long to convert safely.
TOO_LONG: Any = _TooLong()


class _Frame:
    __slots__ = ("container", "key", "key_position", "path", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.key_position: Position | None = None
        self.seen: dict[Any, Position | None] | None = {} if isinstance(container, dict) else None


_NO_KEY = object()
_INVALID_KEY = object()


def read(raw: bytes | str, *, source: str | None = None, locate: bool = False, wanted: Any = None) -> Parsed:
    """Parse one YAML document into plain data (dicts, lists, str, int, float, bool, None).

    Problems that leave the data usable (a tag, an anchor, a duplicate key) come back with the data; a
    syntax error, too deep a nesting or more than one document come back with ``ok=False`` and no data.
    With ``locate``, positions are recorded: of ``wanted`` paths and their ancestors only, when given.

    Examples:
        >>> read("a: no\\nb: [1, 2]\\n").data
        {'a': 'no', 'b': [1, 2]}
    """
    text, problems = decode(raw, source)
    if text is None:
        return Parsed(None, problems, ok=False)
    keep = wanted_paths(wanted) if locate and wanted is not None else None
    out = _read(text, source, locate, list(problems), _EventSource, keep)
    if not out.ok and out.problems and out.problems[-1].code == "yaml-syntax" and _EventSource is not _PureSafeLoader:
        # libyaml follows YAML 1.1, which ends a plain scalar at '?' in flow style ({text: Why?}); YAML 1.2
        # does not. The pure-Python YAML 1.2 parser reads what libyaml refused, or gives the 1.2 error.
        with contextlib.suppress(YAMLError, ValueError):  # the pure reader refuses it too: keep the C one's words
            out = _read(text, source, locate, list(problems), _PureSafeLoader, keep)
    return out


def _read(
    text: str, source: str | None, locate: bool, problems: list[Problem], parser: Any, keep: set[Path] | None
) -> Parsed:
    positions = Positions() if locate else None
    out = Parsed(None, problems, positions)
    loader: Any = None
    stack: list[_Frame] = []
    documents = 0
    root: Any = None
    scalar_event = events.ScalarEvent
    quick = positions is None  # no positions to record: the usual scalar is placed here, not by _add
    try:
        loader = parser(text)  # the pure-Python reader checks the characters here
        get_event = loader.get_event
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            if kind is scalar_event:
                if event.ctag is not None or event.anchor is not None:  # ctag: the tag, without the property's cost
                    _refuse_decoration(event, stack, out, source)
                value = event.value if event.style else resolve_plain(event.value)
                if value is TOO_LONG:
                    message = f"a whole number has at most {MAX_DIGITS} digits"
                    out.add(problem(_child_path(stack), message, "number-too-large", _mark(event), source))
                    value = None
                if quick and stack:  # what _add does for an item, a text key, or the value of a new key
                    frame = stack[-1]
                    seen = frame.seen
                    if seen is None:
                        frame.container.append(value)  # type: ignore[union-attr]
                        continue
                    key = frame.key
                    if key is _NO_KEY:
                        if type(value) is str:
                            frame.key = value
                            frame.key_position = _mark(event)
                            continue
                    elif key is not _INVALID_KEY and key not in seen:
                        frame.key = _NO_KEY
                        seen[key] = frame.key_position
                        frame.container[key] = value
                        continue
                root = _add(stack, value, event, out, source, root, keep)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                if event.ctag is not None or event.anchor is not None:
                    _refuse_decoration(event, stack, out, source)
                container: dict[str, Any] | list[Any] = {} if kind is events.MappingStartEvent else []
                path = _child_path(stack)
                if len(stack) >= MAX_DEPTH:
                    message = f"the document nests deeper than {MAX_DEPTH} levels"
                    out.add(problem(path, message, "too-deep", _mark(event), source))
                    out.ok = False
                    return out
                root = _add(stack, container, event, out, source, root, keep)
                stack.append(_Frame(container, path))
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                stack.pop()
            elif kind is events.AliasEvent:
                message = "YAML aliases (*name) are not allowed; write the value out"
                out.add(problem(_child_path(stack), message, "yaml-alias", _mark(event), source))
                root = _add(stack, None, event, out, source, root, keep)
            elif kind is events.DocumentStartEvent:
                documents += 1
                if event.version is not None and tuple(event.version) != (1, 2):
                    major, minor = event.version
                    message = f"careerconv reads YAML 1.2; remove the '%YAML {major}.{minor}' line"
                    out.add(problem((), message, "yaml-version", _mark(event), source))
                if documents > 1:
                    message = "a file holds one document; remove the second '---' and what follows"
                    out.add(problem((), message, "multiple-documents", _mark(event), source))
                    out.ok = False
                    return out
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = (mark.line + 1, mark.column + 1) if mark is not None else None
        message = "invalid YAML: " + (error.problem or error.context or "syntax error")
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            message = "invalid YAML: a tab cannot indent YAML; use spaces"
        out.add(problem(_child_path(stack), message, "yaml-syntax", position, source))
        out.ok = False
        return out
    except (ValueError, OverflowError):  # an escape beyond Unicode ("\U00110000", "\UFFFFFFFF") as it is decoded
        message = "invalid YAML: an escape names no Unicode character (beyond U+10FFFF)"
        out.add(problem(_child_path(stack), message, "yaml-syntax", _loader_mark(loader), source))
        out.ok = False
        return out
    except ReaderError as error:  # a character YAML does not allow in a document (a control character)
        before = text[: error.position]
        position = (before.count("\n") + 1, error.position - before.rfind("\n"))
        code = ord(error.character) if isinstance(error.character, str) else int(error.character)
        message = f"invalid YAML: the character U+{code:04X} is not allowed in YAML; remove it"
        out.add(problem(_child_path(stack), message, "yaml-syntax", position, source))
        out.ok = False
        return out
    out.data = root
    return out


def _loader_mark(loader: Any) -> Position | None:
    """Where the parser stopped, when it can say."""
    with contextlib.suppress(Exception):
        mark = loader.get_mark() if loader is not None and hasattr(loader, "get_mark") else None
        if mark is not None:
            return (mark.line + 1, mark.column + 1)
    return None


def _mark(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _child_path(stack: list[_Frame]) -> Path:
    if not stack:
        return ()
    frame = stack[-1]
    if frame.seen is None:
        assert isinstance(frame.container, list)
        return (*frame.path, len(frame.container))
    if frame.key is _NO_KEY:
        return frame.path
    return (*frame.path, str(frame.key))


def _refuse_decoration(event: Any, stack: list[_Frame], out: Parsed, source: str | None) -> None:
    path = _child_path(stack)
    if event.tag is not None:
        message = "YAML tags are not allowed; remove the '!' tag"
        out.add(problem(path, message, "yaml-tag", _mark(event), source))
    if event.anchor is not None:
        message = "YAML anchors (&name) are not allowed; write the value out"
        out.add(problem(path, message, "yaml-anchor", _mark(event), source))


def _add(
    stack: list[_Frame], value: Any, event: Any, out: Parsed, source: str | None, root: Any, keep: set[Path] | None
) -> Any:
    """Put ``value`` where the parser is: the root, a list item, a mapping key or a mapping value.

    Positions are recorded when ``out`` has them, for the paths of ``keep`` only unless it is ``None``.
    """
    if not stack:
        if out.positions is not None:
            out.positions.values[()] = _mark(event)
        return value
    frame = stack[-1]
    container = frame.container
    if frame.seen is None:
        assert isinstance(container, list)
        if out.positions is not None:
            item_path = (*frame.path, len(container))
            if keep is None or item_path in keep:
                out.positions.values[item_path] = _mark(event)
        container.append(value)
        return root
    assert isinstance(container, dict)
    if frame.key is _NO_KEY:  # this event is a key
        position = _mark(event)
        if not isinstance(value, str):
            message = f"a mapping key must be text, not {describe(value)}; quote it"
            out.add(problem(frame.path, message, "invalid-key", position, source))
            value = _INVALID_KEY
        frame.key = value
        frame.key_position = position
        return root
    key = frame.key
    frame.key = _NO_KEY
    if key is _INVALID_KEY:  # reported with the key; its value is dropped
        return root
    path = (*frame.path, key)
    if key in frame.seen:
        if out.full:
            return root
        first = frame.seen[key]
        message = f"duplicate key {shown(key)}" + (f" (first at line {first[0]})" if first else "")
        out.add(problem(path, message, "duplicate-key", frame.key_position, source))
        return root
    frame.seen[key] = frame.key_position
    if out.positions is not None and (keep is None or path in keep):
        out.positions.values[path] = _mark(event)
        if frame.key_position is not None:
            out.positions.keys[path] = frame.key_position
    container[key] = value
    return root


# --------------------------------------------------------------------------------------------- writing


def without_aliases(yaml: YAML) -> YAML:
    """``yaml``, set to write a date found in two places out twice, never as an anchor and an alias.

    A record's date is often the day its action was agreed too: one object. careerconv's reader refuses the
    anchor and alias (``&id001``, ``*id001``) ruamel.yaml would write for it.

    Dates are the only shared values: every list and mapping written is built for the writing.
    """
    aliases = yaml.representer.ignore_aliases
    yaml.representer.ignore_aliases = lambda data: isinstance(data, dt.date) or aliases(data)
    return yaml


def dumps(data: Any) -> str:
    """Write plain data as block-style YAML, multi-line strings as literal blocks: careerconv's own writer.

    See :mod:`careerconv.formats.emitter`; what it writes reads back as ``data``.

    Examples:
        >>> print(dumps({"title": "Short-term", "prompts": ["Why?", "How?"]}), end="")
        title: Short-term
        prompts:
          - Why?
          - How?
    """
    return emitter.emit(data)
