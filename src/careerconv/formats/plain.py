"""What every format reader shares: limits, paths, positions and parse results."""

from __future__ import annotations

import os
import re
import stat
from typing import Any, Literal

import attrs

from careerconv.errors import Path, PathPart, Problem, ValidationError, describe

__all__ = [
    "HIDDEN",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_PROBLEMS",
    "SUFFIXES",
    "Parsed",
    "Path",
    "PathPart",
    "Position",
    "Positions",
    "capped",
    "decode",
    "describe",
    "json_path",
    "open_regular",
    "problem",
    "read_file",
    "shown",
    "type_name",
    "wanted_paths",
]

#: The format each document file name suffix gives (JSON Lines, many records, is read by the streaming functions).
SUFFIXES: dict[str, Literal["yaml", "json"]] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
#: Documents larger than this many bytes are refused before parsing (a template of 5,000 questions is
#: about 1 MiB; a conversation record a few KiB).
MAX_BYTES = 8 * 1024 * 1024
#: Collections nested deeper than this are refused (careerconv's own documents nest 8 levels at most).
MAX_DEPTH = 40
#: At most this many problems are listed for one document; past it, one ``too-many-problems`` problem says
#: that more were left out. Collecting stops there too, so a hostile document costs bounded time and memory.
MAX_PROBLEMS = 100
#: Whole numbers longer than this many digits are refused (``number-too-large``), before Python converts them.
MAX_DIGITS = 100

Position = tuple[int, int]

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]{1,64}")  # as long as messages show an identifier: no longer
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
    if type(value) is str and _ID_LIKE.fullmatch(value):
        return f"'{value}'"
    return "(not shown: not an identifier)"


def type_name(value: object) -> str:
    """The name of ``value``'s class, read without running any code of the object or its class.

    Examples:
        >>> type_name(1), type_name(None)
        ('int', 'NoneType')
    """
    name = _TYPE_NAME.__get__(type(value), type)  # type's own slot: a metaclass cannot override it
    return name if type(name) is str else "object"


_TYPE_NAME: Any = type.__dict__["__name__"]


def json_path(path: Path) -> str:
    """Format a path of keys and indexes as a JSON path.

    Examples:
        >>> json_path(("sections", 2, "questions", 0, "id"))
        '$.sections[2].questions[0].id'
        >>> json_path(("answers", "a.b")), json_path(("answers", "my private worry")), json_path(("x" * 65,))
        ("$.answers['a.b']", "$.answers['…']", "$['…']")
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


#: One step of a path `json_path` wrote: ``.key``, ``[index]`` or ``['key']``.
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\['([^']*)'\]")


def path_parts(path: str) -> tuple[str | int, ...]:
    """The keys and indexes of a path `json_path` wrote: its inverse (a hidden key stays ``…``).

    Examples:
        >>> path_parts("$.sections[2].questions[0].id"), path_parts("$.answers['a.b']")
        (('sections', 2, 'questions', 0, 'id'), ('answers', 'a.b'))
    """
    return tuple(int(index) if index else name or quoted for name, index, quoted in _STEP.findall(path[1:]))


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

    @property
    def full(self) -> bool:
        """Whether more problems would be left out (so a reader need not build them)."""
        return len(self.problems) > MAX_PROBLEMS

    def add(self, found: Problem) -> None:
        """Keep ``found`` unless `MAX_PROBLEMS` are kept already (the document layer says more were left out)."""
        if len(self.problems) <= MAX_PROBLEMS:
            self.problems.append(found)


def wanted_paths(paths: Any) -> set[Path]:
    """Every path of ``paths`` and all their ancestors: the positions a reader records to locate them.

    Examples:
        >>> sorted(wanted_paths([("a", 1)]), key=len)
        [(), ('a',), ('a', 1)]
    """
    out: set[Path] = set()
    for path in paths:
        for end in range(len(path) + 1):
            out.add(tuple(path[:end]))
    return out


def capped(problems: list[Problem], source: str | None = None) -> list[Problem]:
    """``problems`` cut to `MAX_PROBLEMS`, with one ``too-many-problems`` problem when some were cut.

    Examples:
        >>> many = [problem(("a", i), "bad", "wrong-type") for i in range(150)]
        >>> kept = capped(many)
        >>> len(kept), kept[-1].code
        (101, 'too-many-problems')
    """
    if len(problems) <= MAX_PROBLEMS:
        return problems
    message = f"more than {MAX_PROBLEMS} problems; the first {MAX_PROBLEMS} are listed: fix them and check again"
    return [*problems[:MAX_PROBLEMS], problem((), message, "too-many-problems", None, source)]


def read_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file of at most `MAX_BYTES`, read without ever holding more.

    The size is checked from ``stat`` before reading and again while reading (a file that grows); a FIFO,
    a device (``/dev/zero``) or a folder is refused without reading a byte, and opening never blocks. A
    symbolic link is followed to what it names, which must itself be a regular file.

    Raises [`ValidationError`][careerconv.ValidationError] (``too-large``, ``not-a-file``) or ``OSError`` when the file
    cannot be opened.

    Examples:
        >>> read_file("/dev/null")
        Traceback (most recent call last):
        careerconv.errors.ValidationError: 1 problem found
          /dev/null: $: not a regular file (a character device); careerconv reads files [not-a-file]
    """
    source = os.fspath(path)
    handle, info = open_regular(source)
    try:
        if info.st_size > MAX_BYTES:
            raise ValidationError([_too_large(info.st_size, source)])
        chunks = []
        total = 0
        while True:
            chunk = os.read(handle, min(1 << 20, MAX_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_BYTES:  # grew while being read
                raise ValidationError([_too_large(total, source, more=True)])
        return b"".join(chunks)
    finally:
        os.close(handle)


def open_regular(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """A file descriptor of ``path`` opened for reading, and its ``stat``, when it is a regular file.

    Opening never blocks (a FIFO would wait for a writer); the descriptor is returned blocking again.
    Anything else than a regular file is closed at once and refused (``not-a-file``).
    """
    source = os.fspath(path)
    handle = os.open(source, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):
        os.close(handle)
        message = f"not a regular file ({_file_kind(info.st_mode)}); careerconv reads files"
        raise ValidationError([problem((), message, "not-a-file", None, source)])
    os.set_blocking(handle, True)
    return handle, info


def _file_kind(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _too_large(size: int, source: str | None, *, more: bool = False) -> Problem:
    at_least = "more than " if more else ""
    message = f"the document is {at_least}{size:,} bytes; the limit is {MAX_BYTES:,}"
    return problem((), message, "too-large", None, source)


def problem(
    path: Path, message: str, code: str, position: Position | None = None, source: str | None = None
) -> Problem:
    """Build a [`Problem`][careerconv.Problem] from a path tuple and an optional position."""
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
        return None, [_too_large(size, source)]
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
