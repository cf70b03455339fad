"""Reading many records one at a time: a JSON Lines file, or a folder of YAML and JSON records."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from careerconv.documents.core import _loads, format_for, json_line, write_atomic
from careerconv.documents.fast import Lookup, paused_gc
from careerconv.errors import Problem, ValidationError
from careerconv.formats._plain import MAX_BYTES, SUFFIXES, open_regular, read_file
from careerconv.model import Conversation

if TYPE_CHECKING:
    from careerconv.rules.lookup import TemplateLookup

__all__ = ["dump_conversations", "iter_conversations", "load_conversations"]


def iter_conversations(path: str | os.PathLike[str], *, registry: TemplateLookup) -> Iterator[Conversation]:
    """Records of a JSON Lines file or a folder; ``careerconv.iter_conversations`` with the lookup given."""
    source = Path(path)
    problems: list[Problem] = []
    lookup = Lookup(registry)  # each template is looked up once for the whole stream
    if source.is_dir():
        files = sorted(p for p in source.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        for file in files:
            try:
                document = _loads(read_file(file), format_for(file), str(file), registry, resolve=True, lookup=lookup)
            except ValidationError as error:
                problems.extend(error.problems)
                continue
            except OSError as error:
                message = f"cannot read the file: {error.strerror}"
                problems.append(Problem(path="$", message=message, code="unreadable", source=str(file)))
                continue
            if isinstance(document, Conversation):
                yield document
            else:
                problems.append(_not_a_record(str(file), 1))
    elif source.suffix.lower() == ".jsonl":
        with _open_lines(source) as stream:
            for number, line in _lines(stream, str(source), problems):
                if not line.strip():
                    continue
                try:
                    document = _loads(line, "json", str(source), registry, resolve=True, lookup=lookup)
                except ValidationError as error:
                    problems.extend(attrs.evolve(p, line=number) for p in error.problems)  # one line a record
                    continue
                if isinstance(document, Conversation):
                    yield document
                else:
                    problems.append(_not_a_record(str(source), number))
    else:
        format_for(source)  # a clear error for a suffix careerconv does not read
        raise ValueError(f"{source}: iter_conversations reads a .jsonl file or a folder; use load() for one record")
    if problems:
        raise ValidationError(problems)


def _open_lines(path: Path) -> BinaryIO:
    """A JSON Lines file opened for reading: a regular file (never a FIFO or a device), opened without blocking."""
    handle, _ = open_regular(path)
    return os.fdopen(handle, "rb")


def _lines(stream: BinaryIO, source: str, problems: list[Problem]) -> Iterator[tuple[int, bytes]]:
    """The lines of ``stream`` with their numbers; a line over ``MAX_BYTES`` is skipped, reported, never held."""
    number = 0
    while True:
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            message = f"the record is more than {MAX_BYTES:,} bytes; the limit is {MAX_BYTES:,}"
            problems.append(Problem(path="$", message=message, code="too-large", source=source, line=number, column=1))
            continue
        yield number, line


def _not_a_record(source: str, line: int) -> Problem:
    message = "expected a conversation record, found a template"
    return Problem(path="$.kind", message=message, code="not-a-record", source=source, line=line, column=1)


def load_conversations(path: str | os.PathLike[str], *, registry: TemplateLookup) -> list[Conversation]:
    """Every record of a JSON Lines file or a folder; ``careerconv.load_conversations``, lookup given."""
    with paused_gc():
        return list(iter_conversations(path, registry=registry))


def dump_conversations(records: Iterable[Conversation], path: str | os.PathLike[str]) -> None:
    """Write records to a JSON Lines file, one record a line, atomically.

    :func:`iter_conversations` reads them back. The records are written as they come, so a stream of any
    length needs memory for one record only.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "team.jsonl"
        >>> careerconv.dump_conversations([record], path)
        >>> path.read_bytes().count(b"\\n")
        1
    """
    write_atomic(Path(path), (json_line(record) for record in records), private=True)
