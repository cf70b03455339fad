"""YAML reading and writing.

Reading drives the parser of ruamel.yaml's C extension (``ruamel.yaml.clib``) one event at a time and builds
plain data from the events itself, without recursion. That is both the fast path and the safe one:

- YAML 1.2 core-schema scalars: ``no``, ``on`` and ``2026-11-26`` stay strings; only ``true``/``false``,
  ``null``/``~``, integers and floats are resolved. Dates are checked later, by the converter.
- tags, anchors and aliases are refused (no alias bombs, no arbitrary objects), duplicate keys are reported,
  nesting deeper than `MAX_DEPTH` stops the parse before any C code
  can recurse, and a stream of several documents is refused.

Positions are recorded only when asked for (``locate=True``), which the document layer does only when a
document has problems to report.

Writing is careerconv's own writer (`careerconv.formats.emitter`), in the layout ruamel.yaml's round-trip
emitter first gave careerconv's files, at a fraction of the cost, and read back as what was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ruamel.yaml import YAML, events
from ruamel.yaml.docinfo import DocInfo
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.loader import SafeLoader
from ruamel.yaml.reader import ReaderError

from careerconv.errors import Problem
from careerconv.formats import emitter
from careerconv.formats.plain import (
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

__all__ = ["dumps", "fixes_for", "read", "with_fix", "without_aliases"]

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
    """A plain scalar that is a whole number of more than `MAX_DIGITS` digits (refused)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "TOO_LONG"


#: What `resolve_plain` gives for a whole number too long to convert safely.
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
        said = error.problem or error.context or "syntax error"
        at, context = (_line_and_column(text, m.index) if m is not None else None for m in (mark, error.context_mark))
        message = "invalid YAML: " + with_fix(said, text, at, context=context, syntax=True)
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


# --------------------------------------------------------------------------------------------- hints
#
# People fill in records by hand and make the same few mistakes. The parser (or a rule, for a mistake that
# still parses) says what went wrong; each row below recognises one mistake from those words and from the
# shape of the lines around the position (where a colon, a dash, a '|' or a tab stands), and adds its fix to
# the message. A hint is chosen from that shape, never from the words written, and repeats none of them.

# A line break: CR LF, LF or CR.
_BREAK = re.compile("\r\n|[\r\n]")
# What else str.splitlines() breaks lines at.
_ODD_BREAK = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")
# Characters the two parsers count differently (libyaml breaks lines at NEL, LS and PS; ruamel.yaml's parser
# does not, nor does it count a BOM in a column): in a text that holds one, the line and column of a value
# may not name what they seem to, so no hint is given for a rule's problem. A parser's error is placed by its
# index in the text instead (`_line_and_column`).
_MISCOUNTED = re.compile("[\x85\u2028\u2029\ufeff]")


# A line that ends with a block scalar's header after its key or its dash: 'text: |', '- >-', 'notes: |2 # c'.
_BLOCK_HEADER = re.compile(r"(?:^|[:-])[ \t]+[|>][-+1-9]{0,2}[ \t]*(?:#.*)?$")
# A line's indentation (spaces and tabs).
_INDENT = re.compile(r"[ \t]*")
# What a line starts with before a key: its indentation and any dashes of list items.
_LEAD = re.compile(r"[ \t]*(?:-[ \t]+)*")
# A key's colon and its space, after something: 'text: ' in 'text: Goal: lead'.
_KEY_COLON = re.compile(r"\S:[ \t]")
# How many blank or comment lines a hint looks back over for the '|' a line was meant to be under.
_LOOK_BACK = 20
# A key and its value on one line, in block style: 'Blocker: no budget'.
_PAIR = re.compile(r"[^\s{\[#][^#]*?:[ \t]+[^\s#]")


def _line_and_column(text: str, index: int) -> Position:
    """The 1-based line and column of ``text[index]``, lines broken at LF, CR LF or CR."""
    lines = _BREAK.split(text[:index])
    return (len(lines), len(lines[-1]) + 1)


class _Lines:
    """A document's lines, split on first use, once for the hints of all its problems."""

    __slots__ = ("_split", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._split: list[str] | None = None

    def __call__(self, number: int) -> str:
        """The line ``number`` (1-based) without its line break; empty past either end."""
        if self._split is None:  # splitlines() is many times faster, where it breaks lines as _BREAK does
            text = self._text
            self._split = _BREAK.split(text) if _ODD_BREAK.search(text) else text.splitlines()
        return self._split[number - 1] if 0 < number <= len(self._split) else ""


class _Spot:
    """Where a problem was found, as a hint sees it: what the parser or rule said, and the lines around it.

    ``position`` and ``context`` (where the parser began what failed) are 1-based (line, column).
    """

    __slots__ = ("context", "line", "position", "said", "syntax")

    def __init__(
        self, said: str, lines: _Lines, position: Position | None, context: Position | None, *, syntax: bool
    ) -> None:
        self.said = said
        self.syntax = syntax
        self.position = position
        self.context = context
        self.line = lines

    def at(self, where: Position | None, offset: int = 0) -> str:
        """The character ``offset`` after ``where``; empty when there is none."""
        if where is None:
            return ""
        index = where[1] - 1 + offset
        return self.line(where[0])[index : index + 1] if index >= 0 else ""

    def starts_line(self, where: Position | None) -> bool:
        """Whether ``where`` is the first character of its line that is not a space or a tab."""
        return where is not None and _INDENT.match(self.line(where[0])).end() >= where[1] - 1  # type: ignore[union-attr]

    def dash_glued(self, where: Position | None) -> bool:
        """Whether a '-' stands at ``where`` with no space after it: '-mastery', '-text: ...'."""
        return self.at(where) == "-" and self.at(where, 1) not in ("", " ", "\t")

    def after_empty_block(self, where: Position) -> bool:
        """Whether the line of ``where`` follows a '|' or '>' header with nothing under it but blanks or comments.

        So it stands no further in than the header's key: it was meant to be the text's first line. At most
        `_LOOK_BACK` blank or comment lines are passed over, so the cost of a problem stays small.
        """
        number = where[0] - 1
        stop = max(where[0] - 1 - _LOOK_BACK, 0)
        while number > stop and self.line(number).strip(" \t")[:1] in ("", "#"):
            number -= 1
        header = self.line(number)
        if number < 1 or not _BLOCK_HEADER.search(header):
            return False
        key_column = len(_LEAD.match(header).group())  # type: ignore[union-attr] # the pattern matches any line
        return where[1] - 1 <= key_column


def _tab(spot: _Spot) -> bool:
    """A tab where the parser stopped: YAML indents with spaces only."""
    return spot.syntax and spot.at(spot.position) == "\t"


def _text_after_block_header(spot: _Spot) -> bool:
    """Text on the line of a block scalar's '|' (``text: | Started ...``, ``text: |Started``)."""
    said = "line break" in spot.said or "chomping or indentation indicators" in spot.said
    return spot.syntax and said and spot.at(spot.context) in ("|", ">")


def _dash_without_space(spot: _Spot) -> bool:
    """A list item written '-item': text (or a key) that starts with '-' where a list, or its next item, belongs."""
    if spot.syntax:  # a line of '-item' among '- item's, or where a key was looked for
        return any(spot.starts_line(where) and spot.dash_glued(where) for where in (spot.position, spot.context))
    return spot.said.startswith("expected a list,") and spot.dash_glued(spot.position)


def _block_not_indented(spot: _Spot) -> bool:
    """The lines meant for a '|' text start no further in than its key, so the text ends before them.

    The parser then reads the first of them as a key without a colon; a rule, when it has a colon
    (``Goal: lead``), as an unknown key (one close to a known key is more likely a misspelt key: no hint).
    """
    if spot.syntax:
        start = spot.context if "expected ':'" in spot.said else None
    else:
        start = spot.position if spot.said.startswith("unknown key") and "did you mean" not in spot.said else None
    return start is not None and spot.starts_line(start) and spot.after_empty_block(start)


def _colon_in_text(spot: _Spot) -> bool:
    """A ': ' in a text of block style, read as a key and its value.

    After a key on its line (``text: Goal: lead``) the parser refuses it; as a list item (``- Blocker: budget``)
    it parses, and a rule finds a mapping where a text belongs.
    """
    if spot.position is None:
        return False
    line, column = spot.position
    if spot.syntax:
        said = "mapping values are not allowed" in spot.said and spot.at(spot.position) == ":"
        return said and _KEY_COLON.search(spot.line(line)[: column - 1]) is not None
    said = spot.said.startswith("expected text, found a mapping")
    return said and _PAIR.match(spot.line(line), column - 1) is not None


def _colon_in_flow_text(spot: _Spot) -> bool:
    """A ': ' in the text of a flow mapping or list (``{text: Goal: lead}``) where a ',' or the end belongs."""
    return spot.syntax and "',' or" in spot.said and spot.at(spot.position) == ":"


class _Hint(NamedTuple):
    """One row of `_HINTS`: how a mistake is recognised, and the fix a message then ends with."""

    recognise: Callable[[_Spot], bool]
    fix: str
    #: Plain words for what went wrong, instead of the parser's, where those differ between the C parser and
    #: the pure-Python one or show a character of the text.
    instead: str | None = None


#: The mistakes people make editing YAML by hand, each with its fix; the first row that recognises one wins.
_HINTS = (
    _Hint(_tab, "use spaces", instead="a tab cannot indent YAML"),
    _Hint(
        _text_after_block_header,
        "write it on the lines below, indented further than its key",
        instead="a text cannot start on the line of its '|'",
    ),
    _Hint(_dash_without_space, "put a space after the '-' of each list item"),
    _Hint(_block_not_indented, "indent the lines of a '|' text further than its key"),
    _Hint(
        _colon_in_text,
        "to keep ': ' in a text, put the text in quotes, or write '|' in its place and the text on the next "
        "lines, indented",
    ),
    _Hint(_colon_in_flow_text, "to keep ': ' in a text inside '{}' or '[]', put the text in quotes"),
)


def with_fix(
    said: str, text: str, position: Position | None, *, context: Position | None = None, syntax: bool = False
) -> str:
    """``said``, followed by the fix for the hand-editing mistake at ``position`` when one is recognised.

    ``said`` is what the parser said (``syntax``, with ``context`` where it began what failed) or a rule's
    message about a document that parsed; ``text`` is the document; positions are 1-based (line, column),
    lines broken at LF, CR LF or CR. The rows of ``_HINTS`` say which mistakes are recognised, and how.

    Examples:
        >>> print(with_fix("expected ',' or '}', but got ':'", "- {text: Goal: lead}\\n", (1, 14), syntax=True))
        expected ',' or '}', but got ':'; to keep ': ' in a text inside '{}' or '[]', put the text in quotes
        >>> with_fix("expected a list, found text", "ranking:\\n  -mastery\\n", (2, 3))
        "expected a list, found text; put a space after the '-' of each list item"
        >>> with_fix("mapping values are not allowed here", "name: mini\\n  version: 1.0.0\\n", (2, 10), syntax=True)
        'mapping values are not allowed here'
    """
    if not syntax:
        return fixes_for(text)(said, position)
    return _fixed(_Spot(said, _Lines(text), position, context, syntax=True))


def fixes_for(text: str) -> Callable[[str, Position | None], str]:
    """`with_fix` for the problems rules found in the document ``text``, its lines split once for all.

    Examples:
        >>> fix = fixes_for("notes:\\n  -text: Worried\\n")
        >>> fix("expected a list, found a mapping", (2, 3))
        "expected a list, found a mapping; put a space after the '-' of each list item"
    """
    if _MISCOUNTED.search(text):
        return lambda said, _: said
    lines = _Lines(text)
    return lambda said, position: _fixed(_Spot(said, lines, position, None, syntax=False))


def _fixed(spot: _Spot) -> str:
    for hint in _HINTS:
        if hint.recognise(spot):
            return f"{hint.instead or spot.said}; {hint.fix}"
    return spot.said


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

    See `careerconv.formats.emitter`; what it writes reads back as ``data``.

    Examples:
        >>> print(dumps({"title": "Short-term", "prompts": ["Why?", "How?"]}), end="")
        title: Short-term
        prompts:
          - Why?
          - How?
    """
    return emitter.emit(data)
