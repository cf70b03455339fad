"""careerconv's YAML writer: plain data to block-style YAML, in the layout careerconv has always written.

careerconv's YAML files were first written by ruamel.yaml's round-trip emitter (block style, two spaces for a
mapping, a sequence's dash two spaces in and its items four, lines folded at 100 columns, multi-line text as
literal blocks). That emitter examines each scalar one character at a time in Python, which made writing YAML
the slowest thing careerconv did. libyaml's C emitter cannot take its place: it writes a sequence inside a
mapping without indenting it, so every file would change.

This module writes the same layout at a fraction of the cost. It walks the data once; a scalar's style is
decided by a few regular expressions (run in C) and its text is written whole unless it needs folding. The
rules it follows:

- A text is written *plain* when a YAML 1.2 reader reads it back as that same text: no leading or trailing
  space, no line break, only printable characters, no indicator where one means something (``- ``, ``: ``,
  `` #``, a leading ``[``, ``&``, quote, ...), and not a word a reader resolves to another type (``true``,
  ``12``, ``~``, ``2026-11-26``, ``.5e3``; `IMPLICIT`).
- Otherwise in single quotes, unless it holds a quote, a line break or a character that must be escaped; then
  in double quotes with escapes.
- Text of several lines with nothing to escape is a literal block (``|``, ``|-``, ``|+``).
- Plain and quoted text is folded at a single space once a line passes 100 columns, and only where the reader
  gives the very text back: a plain or single-quoted line ends only where the text has one space; a
  double-quoted line ends with an escaped line break (``\\``) wherever the break cannot stand for a space.
- A key is written as a value would be, on one line; one of 128 characters or more as an explicit key.

What is written reads back as what was given: ``read(emit(x)) == x`` for any plain data, the property that
``tests/test_writer.py`` checks with any characters and the spaces, escapes and words of any length placed
around every fold column. Where ruamel.yaml's emitter wrote text that reads back the same, the bytes are
its bytes (the golden files and the properties hold that too). Where it did not (two spaces before a long
word at a fold lost one; an escape before a fold gained a space; ``.5e3`` written plain read back as a number;
a literal block starting with a tab could not be read), careerconv writes what reads back.

Anything but plain data (an object, a ``datetime``, a key that is not text, a top level that is not a
non-empty mapping) raises `Unwritable`, a ``TypeError``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

__all__ = ["ESCAPES", "IMPLICIT", "RULES", "Unwritable", "emit", "inline", "style"]

#: The column past which plain and quoted text is folded.
WIDTH = 100
#: A mapping key is written as a simple key (``key: value``) when shorter than this, as ruamel.yaml does; a longer
#: one as an explicit key (``? key``, then ``: value``).
MAX_KEY = 128
_MAP_INDENT = 2  # a mapping's keys, two spaces in from their parent's
_SEQ_INDENT = 4  # a sequence item's content, four spaces in from the sequence's mapping
_DASH = "  -"  # a sequence's dash, two spaces in


class Unwritable(TypeError):  # noqa: N818 - named for what it says of the data
    """Data that is not plain data: careerconv's documents are always plain data, so this is a programming error."""


# The rules that decide a scalar's style are regular expressions written in the syntax Python's ``re`` and
# JavaScript's ``RegExp`` (with the ``u`` flag) share, so the fill-in form's script writes YAML by the same
# rules (`RULES`): no verbose mode, no escape of a character that means nothing in a pattern.

# Characters a plain or single-quoted text may hold: printable, no line break, no byte order mark.
_PRINTABLE = "\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"

#: The pattern sources of the style rules, by name, shared with the form's script (``rendering/templates/yaml.js``):
#:
#: - ``implicit``: a whole text that a YAML 1.2 reader resolves to something else than text. That is the core
#:   schema as ruamel.yaml resolves it (booleans, numbers in any base, ``.inf``/``.nan``, null, dates and
#:   timestamps, ``<<``, ``=``, ``!``, ``&``, ``*``; a word tried only against the kinds its first character may
#:   begin, so ``_`` stays text), and whatever careerconv's own reader resolves (``.5e3``, a decimal number
#:   with an unsigned exponent, which ruamel.yaml leaves as text);
#: - ``printable``: the characters plain and single-quoted text may hold (a character class's content);
#: - ``not_plain``: what keeps a printable text from being plain: a leading indicator or space, a document
#:   marker, ``- ``, ``? `` or ``: `` at the start, ``: `` or `` #`` inside, a ``:`` or a space at the end;
#: - ``other_breaks``: line breaks other than ``\n`` (a YAML 1.1 reader breaks lines at them: double quoted);
#: - ``not_literal``: a character a literal block cannot hold as it is;
#: - ``escape``: a character double-quoted text writes as an escape.
_IMPLICIT_KINDS = (
    "true|True|TRUE|false|False|FALSE",
    "[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+]?[0-9]+)?",
    "[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+",
    "[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?",
    "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)",
    "[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+][0-9_]+|[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+",
    "<<|=|!|&|\\*",
    "~|null|Null|NULL|",
    "[0-9]{4}-[0-9]{2}-[0-9]{2}",
    (
        "[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
        "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?"
    ),
)
RULES: dict[str, str] = {
    "implicit": "|".join(_IMPLICIT_KINDS),
    "printable": _PRINTABLE,
    "not_plain": "^(?:[ #,\\[\\]{}&*!|>'\"%@`]|[-?:](?: |$)|---|\\.\\.\\.)|.:(?: |$)| #| $",
    "other_breaks": "[\x85\u2028\u2029]",
    "not_literal": "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]",
    "escape": f'["\\\\\u2028\u2029\ufeff]|[^{_PRINTABLE}]',
}
#: Whether a whole text is one a YAML 1.2 reader resolves to another type than text (``RULES["implicit"]``).
IMPLICIT = re.compile(RULES["implicit"]).fullmatch
_QUOTABLE = re.compile(f"[{_PRINTABLE}]*").fullmatch
_NOT_PLAIN = re.compile(RULES["not_plain"]).search
_OTHER_BREAKS = re.compile(RULES["other_breaks"]).search
_NOT_LITERAL = re.compile(RULES["not_literal"]).search
# Runs of spaces and runs of anything else: the places a single-line text may fold.
_RUNS = re.compile(r" +|[^ ]+").findall
# Runs of line feeds and runs of anything else: the lines of a literal block.
_LINES = re.compile(r"\n+|[^\n]+").findall
_ESCAPE = re.compile(RULES["escape"]).search
#: The short escapes of double-quoted text; any other character to escape is written ``\xXX``, ``\uXXXX``.
ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f", "\r": "r", "\x1b": "e",
    '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P",
}  # fmt: skip

PLAIN, SINGLE, DOUBLE, LITERAL = "", "'", '"', "|"
_NOT_FINITE = {"inf": ".inf", "-inf": "-.inf", "nan": ".nan"}


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


_FLOW_INDICATOR = re.compile("[,\\[\\]{}]").search


def inline(text: str, *, flow: bool = False) -> str:
    """``text`` as one YAML scalar on one line, by the rules of `style`, for YAML written line by line.

    Plain or single-quoted as `style` says, else double-quoted with escapes (a literal block's text
    too: its line breaks written ``\\n``). Inside a flow collection (``flow``), text holding ``,[]{}`` is
    quoted as well.

    Examples:
        >>> [inline(t) for t in ("Acme", "12", "two\\nlines", "a, b")], inline("a, b", flow=True)
        (['Acme', "'12'", '"two\\\\nlines"', 'a, b'], "'a, b'")
    """
    how = style(text)
    if how == PLAIN and flow and _FLOW_INDICATOR(text):
        how = SINGLE if "'" not in text else DOUBLE
    if how == PLAIN:
        return text
    if how == SINGLE:
        return f"'{text}'"
    return f'"{_escaped(text)}"'


def emit(data: Any) -> str:
    """``data`` (a non-empty mapping of plain data) as block-style YAML; `Unwritable` for anything else.

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
            if type(key) is not str:
                raise Unwritable("a key that is not text")
            written = inline(key)  # on one line: a key never folds
            self.indent(indent)
            if len(written) < MAX_KEY:  # a simple key: ``key: value``
                out.append(written)
                self.column += len(written)
            else:  # longer than a reader takes as a simple key: ``? key``, then ``: value`` on the next line
                out.append("? " + written)
                self.column += 2 + len(written)
                self.whitespace = self.indention = self.open_ended = False
                self.indent(indent)
            out.append(":")
            self.column += 1
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
                if item:  # a sequence in a sequence: its dashes on the next lines, under this one's item
                    self.sequence(item, indent + _SEQ_INDENT - _MAP_INDENT)
                else:
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
        elif kind is float:  # Python's shortest form reads back as the same number; YAML's words for the rest
            self.plain(repr(value) if math.isfinite(value) else _NOT_FINITE[repr(value)], indent)
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
        # A line break in plain text is read as one space, and the spaces before it are dropped: a line may
        # end only where the text has one space (at the break, or left before it), never at several.
        single = True  # before the first word: the space after the key's colon
        for run in _RUNS(text):
            if run[0] == " ":
                single = len(run) == 1
                if single and self.column >= WIDTH:  # fold here: the space becomes the line break
                    self.indent(indent)
                    self.whitespace = self.indention = False
                    continue
            elif single and len(run) + self.column > WIDTH and self.column > indent:  # a long word, a line of its own
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
        # The block's indentation is said outright when its first line would not show it: a leading space or
        # line feed, or a tab, which a YAML 1.1 reader (libyaml) takes for indentation.
        hints = "2" if text[0] in " \n\t" else ""
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
                backslash = _needs_backslash(text, start, end) or not _space_folds(text, max(start, end))
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


def _space_folds(text: str, at: int) -> bool:
    """Whether a line break in double quotes can stand for the space at ``at`` of ``text``.

    A reader turns an unescaped line break into one space and drops the spaces around it: the break must take
    the place of a space that has no other space beside it. Anywhere else a fold is escaped (``\\``).
    """
    return text[at] == " " and text[at - 1] != " " and at + 1 < len(text) and text[at + 1] != " "


def _escape(char: str) -> str:
    short = ESCAPES.get(char)
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
