"""Reading many records one at a time: a JSON Lines file, or a folder of YAML and JSON records."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from careerconv.errors import Problem, ValidationError
from careerconv.formats._plain import MAX_BYTES, open_regular, read_file
from careerconv.model import Conversation

if TYPE_CHECKING:
    from careerconv.registry import Registry

__all__ = ["dump_conversations", "iter_conversations", "load_conversations"]

_RECORD_SUFFIXES = (".yaml", ".yml", ".json")


def iter_conversations(path: str | os.PathLike[str], *, registry: Registry | None = None) -> Iterator[Conversation]:
    """Yield the records of a JSON Lines file (``.jsonl``) or a folder, one at a time, each checked.

    A folder's ``.yaml``, ``.yml`` and ``.json`` files are read in name order, sub-folders included; each
    record is checked against its template.

    Only one record is in memory at a time. A bad record does not stop the others: every valid record is
    yielded, then a :class:`~careerconv.ValidationError` lists the problems of all the bad ones, each with
    its file and, in JSON Lines, the line.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> line = careerconv.dumps(record, format="json").replace("\\n", "")
        >>> _ = (folder / "team.jsonl").write_text(line + "\\n\\n" + line + "\\n")
        >>> [r.employee.id for r in iter_conversations(folder / "team.jsonl")]
        ['alex', 'alex']
    """
    from careerconv.documents import _loads, format_for  # noqa: PLC0415 - documents is loaded on first use
    from careerconv.fast import Lookup, Slow, conversation_json  # noqa: PLC0415

    source = Path(path)
    problems: list[Problem] = []
    lookup = Lookup(registry)  # each template is looked up once for the whole stream
    if source.is_dir():
        files = sorted(p for p in source.rglob("*") if p.suffix.lower() in _RECORD_SUFFIXES and p.is_file())
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
        collecting = gc.isenabled()
        with _open_lines(source) as stream:
            for number, line in _lines(stream, str(source), problems):
                if not line.strip():
                    continue
                gc.disable()  # the record's objects hold no cycles: no collection while they are built
                try:
                    record: Conversation | None = conversation_json(line, lookup)
                except Slow:
                    record = None
                finally:
                    if collecting:
                        gc.enable()
                if record is not None:
                    yield record
                    continue
                try:
                    document = _loads(line, "json", str(source), registry, resolve=True, lookup=lookup, quick=False)
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


def load_conversations(path: str | os.PathLike[str], *, registry: Registry | None = None) -> list[Conversation]:
    """Every record of a JSON Lines file or a folder, as a list: :func:`iter_conversations` in one go.

    The garbage collector is paused while the records are read (no user code runs meanwhile, and records
    hold no reference cycles), which makes a bulk load about twice as fast as collecting the stream.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "team.jsonl"
        >>> careerconv.dump_conversations([record, record], path)
        >>> [r.employee.id for r in careerconv.load_conversations(path)]
        ['alex', 'alex']
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return list(iter_conversations(path, registry=registry))
    finally:
        if collecting:
            gc.enable()


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
    from careerconv.documents import json_line, write_atomic  # noqa: PLC0415

    write_atomic(Path(path), (json_line(record) for record in records), private=True)
