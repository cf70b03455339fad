"""careerconv's YAML writer: plain data to block-style YAML, in the layout careerconv has always written.

careerconv's YAML files were first written by ruamel.yaml's round-trip emitter (block style, two spaces for a
mapping, a sequence's dash two spaces in and its items four, lines folded at 100 columns, multi-line text as
literal blocks). That emitter examines each scalar one character at a time in Python, which made writing YAML
the slowest thing careerconv did. libyaml's C emitter cannot take its place: it writes a sequence inside a
mapping without indenting it, so every file would change.

This module writes the same bytes at a fraction of the cost. It walks the data once; a scalar's style is
decided by a few regular expressions (run in C) and its text is written whole unless it needs folding. The
rules it follows, each checked against ruamel.yaml by the property tests in ``tests/test_writer.py``:

- A text is written *plain* when a YAML 1.2 reader reads it back as that same text: no leading or trailing
  space, no line break, only printable characters, no indicator where one means something (``- ``, ``: ``,
  `` #``, a leading ``[``, ``&``, quote, ...), and not a word the reader resolves to another type (``true``,
  ``12``, ``~``, ``2026-11-26``; :data:`IMPLICIT`).
- Otherwise in single quotes, unless it holds a quote, a line break or a character that must be escaped; then
  in double quotes with escapes.
- Text of several lines with nothing to escape is a literal block (``|``, ``|-``, ``|+``).
- Plain and quoted text is folded at a single space once a line passes 100 columns.

Data outside what careerconv writes (a float, a list directly inside a list, a key that is not plain text, a
top level that is not a non-empty mapping) raises :class:`Unwritable`; :mod:`careerconv.formats.yaml` then
writes it with ruamel.yaml, so every input still gets the same bytes as before.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["IMPLICIT", "Unwritable", "emit", "style"]

#: The column past which plain and quoted text is folded.
WIDTH = 100
#: A mapping key is written as a simple key (``key: value``) only when shorter than this.
MAX_KEY = 128
_MAP_INDENT = 2  # a mapping's keys, two spaces in from their parent's
_SEQ_INDENT = 4  # a sequence item's content, four spaces in from the sequence's mapping
_DASH = "  -"  # a sequence's dash, two spaces in


class Unwritable(Exception):  # noqa: N818 - a signal to let ruamel.yaml write it, not an error anyone sees
    """Data outside the subset this writer lays out (ruamel.yaml writes it instead)."""


#: A plain text that a YAML 1.2 reader resolves to something else than text (the core schema as ruamel.yaml
#: resolves it): booleans, numbers in any base, ``.inf``/``.nan``, null, dates and timestamps, ``<<``, ``=``,
#: ``!``, ``&``, ``*``. As there, a word is tried only against the kinds its first character may begin (so ``_``
#: stays text).
IMPLICIT = re.compile(
    r"""
    (?: true|True|TRUE|false|False|FALSE
    | [-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    | [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
    | [-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | [-+]?0b[01_]+ | [-+]?0o?[0-7_]+ | [-+][0-9_]+ | [0-9][0-9_]* | [-+]?0x[0-9a-fA-F_]+
    | << | = | ! | & | \*
    | ~ | null|Null|NULL |
    | [0-9]{4}-[0-9]{2}-[0-9]{2}
    | [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[\ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
      (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?
    )""",
    re.VERBOSE,
).fullmatch

# Characters a plain or single-quoted text may hold: printable, no line break, no byte order mark.
_PRINTABLE = "\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_QUOTABLE = re.compile(f"[{_PRINTABLE}]*").fullmatch
# What keeps a printable text from being plain: a leading indicator or space, a document marker, '- ', '? ' or
# ': ' at the start, ': ' or ' #' inside, a ':' or a space at the end.
_NOT_PLAIN = re.compile(
    r"""^(?:[\ #,\[\]{}&*!|>'"%@`] | [-?:](?:\ |$) | --- | \.\.\.) | .:(?:\ |$) | \ \# | \ $""", re.VERBOSE
).search
# Line breaks other than '\n': a YAML 1.1 reader breaks lines at them too, so text holding one is double quoted.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]").search
# What a literal block cannot hold as it is (careerconv writes such text double quoted instead).
_NOT_LITERAL = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]").search
# Runs of spaces and runs of anything else: the places a single-line text may fold.
_RUNS = re.compile(r" +|[^ ]+").findall
# Runs of line feeds and runs of anything else: the lines of a literal block.
_LINES = re.compile(r"\n+|[^\n]+").findall
# What a double-quoted text writes as an escape.
_ESCAPE = re.compile(f'["\\\\\u2028\u2029\ufeff]|[^{_PRINTABLE}]').search
_ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r", "\x1b": "e",
    '"': '"', "\\": "\\", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P",
}  # fmt: skip

PLAIN, SINGLE, DOUBLE, LITERAL = "", "'", '"', "|"


def style(text: str) -> str:
    """How a text is written as a value: ``""`` plain, ``"'"`` or ``'"'`` quoted, ``"|"`` a literal block.

    Examples:
        >>> [style(t) for t in ("Lead a team", "true", "it's: fine", "- a", "two\\nlines", "tab\\there")]
        ['', "'", '"', "'", '|', '"']
    """
    if _OTHER_BREAKS(text):
        return DOUBLE
    if "\n" in text:
        return DOUBLE if _NOT_LITERAL(text) else LITERAL
    if not _QUOTABLE(text):
        return DOUBLE
    if text and not _NOT_PLAIN(text) and not IMPLICIT(text):
        return PLAIN
    return DOUBLE if "'" in text else SINGLE


def emit(data: Any) -> str:
    """``data`` (a non-empty mapping of plain data) as block-style YAML; :class:`Unwritable` outside that.

    Examples:
        >>> print(emit({"title": "Short-term", "prompts": ["Why?", "How?"], "tags": []}), end="")
        title: Short-term
        prompts:
          - Why?
          - How?
        tags: []
    """
    if type(data) is not dict or not data:
        raise Unwritable("the top level is not a non-empty mapping")
    writer = _Writer()
    writer.mapping(data, 0)
    writer.indent(0)
    if writer.open_ended:  # the document ends in a literal block that keeps its final line breaks
        writer.indicator("...")
        writer.indent(0)
    return "".join(writer.out)


class _Writer:
    """The text written so far and where it stands: the column, and whether a line has only indentation."""

    __slots__ = ("column", "indention", "open_ended", "out", "whitespace")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.column = 0
        self.whitespace = True  # the last thing written was a space or a line break
        self.indention = True  # the current line holds nothing but indentation (and indicators)
        self.open_ended = False

    def indent(self, indent: int) -> None:
        """Go to column ``indent``: on a new line unless this one holds only indentation short of it."""
        column = self.column
        if not self.indention or column > indent or (column == indent and not self.whitespace):
            self.out.append("\n")
            column = 0
            self.whitespace = self.indention = True
        if column < indent:
            self.out.append(" " * (indent - column))
            column = indent
            self.whitespace = True
        self.column = column

    def indicator(self, text: str) -> None:
        """An indicator (a dash, a quote, ``|``, ``[]``), a space before it unless one stands there."""
        if not self.whitespace:
            text = " " + text
        self.close(text)

    def line_break(self, breaks: str = "\n") -> None:
        """End the line (``breaks`` may hold several line feeds): the next one starts at column 0."""
        self.out.append(breaks)
        self.column = 0
        self.whitespace = self.indention = True

    def close(self, text: str) -> None:
        """A closing indicator, right after what it closes."""
        self.out.append(text)
        self.column += len(text)
        self.whitespace = self.indention = self.open_ended = False

    def mapping(self, data: dict[Any, Any], indent: int) -> None:
        """A block mapping whose keys stand at ``indent``."""
        out = self.out
        value_indent = indent + _MAP_INDENT
        for key, value in data.items():
            if type(key) is not str or len(key) >= MAX_KEY or style(key) != PLAIN:
                raise Unwritable("a key that is not plain text")
            self.indent(indent)
            if self.column + len(key) > WIDTH:
                raise Unwritable("a key past the line's width")
            out.append(key)
            out.append(":")
            self.column += len(key) + 1
            self.whitespace = self.indention = self.open_ended = False
            kind = type(value)
            if kind is dict:
                if value:
                    self.mapping(value, value_indent)
                else:
                    self.empty("{}")
            elif kind is list or kind is tuple:
                if value:
                    self.sequence(value, indent)
                else:
                    self.empty("[]")
            else:
                self.scalar(value, value_indent)

    def sequence(self, items: list[Any] | tuple[Any, ...], indent: int) -> None:
        """A block sequence under a mapping key at ``indent``: each dash two spaces in, each item four."""
        item_indent = indent + _SEQ_INDENT
        for item in items:
            self.indent(indent)
            self.indicator(_DASH)
            self.indention = True  # a dash counts as indentation
            kind = type(item)
            if kind is dict:
                if item:
                    self.mapping(item, item_indent)
                else:
                    self.empty("{}")
            elif kind is list or kind is tuple:
                if item:
                    raise Unwritable("a sequence directly inside a sequence")
                self.empty("[]")
            else:
                self.indent(item_indent)
                self.scalar(item, item_indent)

    def empty(self, text: str) -> None:
        """An empty mapping or sequence, in flow style; the line ends after it."""
        self.indicator(text)
        self.line_break()

    def scalar(self, value: Any, indent: int) -> None:
        """A value after ``key:`` or a dash; ``indent`` is where its folded lines go."""
        kind = type(value)
        if kind is str:
            how = style(value)
            if how == PLAIN:
                self.plain(value, indent)
            elif how == SINGLE:
                self.single_quoted(value, indent)
            elif how == LITERAL:
                self.literal(value, indent)
            else:
                self.double_quoted(value, indent)
        elif value is None:
            return  # null is written as nothing: ``key:``
        elif kind is bool:
            self.plain("true" if value else "false", indent)
        elif kind is int:
            self.plain(str(value), indent)
        elif kind is dt.date:
            self.plain(value.isoformat(), indent)
        else:
            raise Unwritable(f"a {kind.__name__} value")

    def plain(self, text: str, indent: int) -> None:
        out = self.out
        if not self.whitespace:
            out.append(" ")
            self.column += 1
        self.whitespace = self.indention = False
        if self.column + len(text) <= WIDTH:  # fits: no fold is possible
            out.append(text)
            self.column += len(text)
            return
        for run in _RUNS(text):
            if run[0] == " ":
                if len(run) == 1 and self.column >= WIDTH:  # fold here: the space becomes the line break
                    self.indent(indent)
                    self.whitespace = self.indention = False
                    continue
            elif len(run) + self.column > WIDTH and self.column > indent:  # a long word starts a line of its own
                self.indent(indent)
            out.append(run)
            self.column += len(run)

    def single_quoted(self, text: str, indent: int) -> None:
        self.indicator("'")
        out = self.out
        if self.column + len(text) <= WIDTH:
            out.append(text)
            self.column += len(text)
        else:
            at = 0
            last = len(text)
            for run in _RUNS(text):
                end = at + len(run)
                if run == " " and self.column > WIDTH and at != 0 and end != last:
                    self.indent(indent)
                else:
                    out.append(run)
                    self.column += len(run)
                at = end
        self.close("'")

    def literal(self, text: str, indent: int) -> None:
        hints = "2" if text[0] in " \n" else ""
        if text[-1] != "\n":
            chomp = "-"
        elif len(text) == 1 or text[-2] == "\n":
            chomp = "+"
        else:
            chomp = ""
        self.indicator("|" + hints + chomp)
        self.open_ended = chomp == "+"
        self.line_break()
        lines = _LINES(text)
        for line in lines:
            if line[0] == "\n":
                self.line_break(line)
            else:
                self.indent(indent)
                self.out.append(line)  # the column is not advanced: nothing on a literal line folds
        if lines[-1][0] != "\n":
            self.line_break()

    def double_quoted(self, text: str, indent: int) -> None:
        """Text in double quotes, escapes for what is not printable, folded at spaces past the width.

        A fold ends a line with a backslash (an escaped line break, read as nothing) unless the line break
        itself can stand for the space, which it does when the next word is plain enough.
        """
        self.indicator('"')
        out = self.out
        escaped = _escaped(text)
        if self.column + len(escaped) <= WIDTH:  # no fold is possible
            out.append(escaped)
            self.column += len(escaped)
            self.close('"')
            return
        start = 0
        size = len(text)
        for end in range(size + 1):
            char = text[end] if end < size else None
            if char is None or _ESCAPE(char):
                if start < end:
                    out.append(text[start:end])
                    self.column += end - start
                if char is not None:
                    escape = _escape(char)
                    out.append(escape)
                    self.column += len(escape)
                    start = end + 1
            if 0 < end < size - 1 and (char == " " or start >= end) and self.column + (end - start) > WIDTH:
                backslash = _needs_backslash(text, start, end)
                piece = text[start:end] + ("\\" if backslash else "")
                start = max(start, end)
                out.append(piece)
                self.column += len(piece)
                self.indent(indent)
                self.whitespace = self.indention = False
                if text[start] == " ":
                    if backslash:
                        out.append("\\")
                        self.column += 1
                    else:
                        start += 1  # the line break is read as this space
        self.close('"')


def _needs_backslash(text: str, start: int, end: int) -> bool:
    """Whether a fold of double-quoted ``text`` before ``end`` must be escaped with a backslash."""
    space = text.find(" ", end)
    if space < 0:
        return True
    feed = text.find("\n", end, space)
    if feed >= 0:
        space = feed
    if space + 1 >= len(text):
        return True
    if text[space] == "\n" and text[space + 1] != " ":
        return True
    word = text[end:space]
    return (
        not ('"' not in word and "'" not in word and text[space + 1] not in " \n" and text[end - 1 : end + 1] != "  ")
        or start == end
    )


def _escape(char: str) -> str:
    short = _ESCAPES.get(char)
    if short is not None:
        return "\\" + short
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"  # pragma: no cover - every character past U+FFFF is printable: never escaped


def _escaped(text: str) -> str:
    if not _ESCAPE(text):
        return text
    return "".join(_escape(char) if _ESCAPE(char) else char for char in text)
