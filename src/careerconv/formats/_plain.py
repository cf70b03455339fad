"""What every format reader shares: limits, paths, positions and parse results."""

from __future__ import annotations

import re
from typing import Any

import attrs

from careerconv.errors import Problem

#: Documents larger than this many bytes are refused before parsing (a template of 5,000 questions is
#: about 1 MiB; a conversation record a few KiB).
MAX_BYTES = 8 * 1024 * 1024
#: Collections nested deeper than this are refused (careerconv's own documents nest 8 levels at most).
MAX_DEPTH = 40

PathPart = str | int
Path = tuple[PathPart, ...]
Position = tuple[int, int]

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A key or value that looks like an identifier is shown in messages; anything else may be what a person wrote
# (an answer typed where a key belongs), so it is not.
_ID_LIKE = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
HIDDEN = "…"


def shown(value: object) -> str:
    """``value`` quoted for a message when it looks like an identifier; else a placeholder.

    Messages never repeat what people wrote: a key or an id that is free text is not shown.

    Examples:
        >>> shown("carrer-so-far"), shown("I am worried about my pay")
        ("'carrer-so-far'", '(not shown: not an identifier)')
    """
    if isinstance(value, str) and _ID_LIKE.fullmatch(value):
        return f"'{value}'"
    return "(not shown: not an identifier)"


def describe(value: Any) -> str:
    """Name what a value is, without repeating it.

    Examples:
        >>> [describe(v) for v in ("x", 1, 1.5, True, None, [], {})]
        ['text', 'a whole number', 'a decimal number', 'true/false', 'nothing (null)', 'a list', 'a mapping']
    """
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "an unsupported value"


def json_path(path: Path) -> str:
    """Format a path of keys and indexes as a JSON path.

    Examples:
        >>> json_path(("sections", 2, "questions", 0, "id"))
        '$.sections[2].questions[0].id'
        >>> json_path(("answers", "a.b")), json_path(("answers", "my private worry"))
        ("$.answers['a.b']", "$.answers['…']")
    """
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.fullmatch(part):
            out.append(f".{part}")
        elif _ID_LIKE.fullmatch(part):
            out.append(f"['{part}']")
        else:  # perhaps what a person wrote: the line and column locate it, the path does not repeat it
            out.append(f"['{HIDDEN}']")
    return "".join(out)


@attrs.define
class Positions:
    """Where each value (and each mapping key) of a parsed document starts: 1-based line and column."""

    values: dict[Path, Position] = attrs.field(factory=dict)
    keys: dict[Path, Position] = attrs.field(factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Position | None:
        """The position of ``path``, or of its nearest ancestor that the document has.

        With ``key``, the position of the key itself where the path ends in a mapping key.
        """
        if key and path in self.keys:
            return self.keys[path]
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return None
            path = path[:-1]


@attrs.define
class Parsed:
    """The outcome of parsing: plain data (``None`` when parsing failed), problems, and positions."""

    data: Any
    problems: list[Problem] = attrs.field(factory=list)
    positions: Positions | None = None
    ok: bool = True


def problem(
    path: Path, message: str, code: str, position: Position | None = None, source: str | None = None
) -> Problem:
    """Build a :class:`Problem` from a path tuple and an optional position."""
    line, column = position or (None, None)
    return Problem(path=json_path(path), message=message, code=code, source=source, line=line, column=column)


def decode(raw: bytes | str, source: str | None) -> tuple[str | None, list[Problem]]:
    """Check the size and decode UTF-8 text; a byte-order mark is dropped.

    Returns the text, or ``None`` and the problems that stop parsing.
    """
    size = len(raw)
    if isinstance(raw, str) and size * 4 > MAX_BYTES:  # at most 4 bytes a character: encode only near the limit
        size = len(raw.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        message = f"the document is {size:,} bytes; the limit is {MAX_BYTES:,}"
        return None, [problem((), message, "too-large", None, source)]
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            before = raw[: error.start]
            line = before.count(b"\n") + 1
            column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
            message = f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x})"
            return None, [problem((), message, "invalid-utf8", (line, column), source)]
    else:
        text = raw
    return text.removeprefix("\ufeff"), []
