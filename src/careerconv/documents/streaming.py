"""Reading many records one at a time: a JSON Lines file, or a folder of YAML and JSON records."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from careerconv.documents.core import _loads, format_for, json_line, write_atomic
from careerconv.documents.fast import Lookup, paused_gc
from careerconv.errors import Problem, ValidationError
from careerconv.formats._plain import MAX_BYTES, SUFFIXES, open_regular, read_file, shown
from careerconv.model import Conversation

if TYPE_CHECKING:
    from careerconv.rules.lookup import TemplateLookup

__all__ = ["dump_conversations", "iter_conversations", "load_conversations"]


def iter_conversations(path: str | os.PathLike[str], *, registry: TemplateLookup) -> Iterator[Conversation]:
    """Records of a JSON Lines file or a folder; ``careerconv.iter_conversations`` with the lookup given."""
    source = Path(path).expanduser()
    if not source.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    problems: list[Problem] = []
    lookup = Lookup(registry)  # each template is looked up once for the whole stream
    first: dict[str, tuple[str, int]] = {}  # each record id of a folder: the file (and line) it was first read from
    if source.is_dir():
        for file in record_files(source):
            if file.suffix.lower() == ".jsonl":
                records = _from_lines(file, registry, lookup, problems)
            else:
                records = _from_file(file, registry, lookup, problems)
            for record, where, line in records:
                if _first(record, where, line, first, problems):
                    yield record
    elif source.suffix.lower() == ".jsonl":
        for record, _, _ in _from_lines(source, registry, lookup, problems):
            yield record
    else:
        format_for(source)  # a clear error for a suffix careerconv does not read
        raise ValueError(f"{source}: iter_conversations reads a .jsonl file or a folder; use load() for one record")
    if problems:
        raise ValidationError(problems)


def record_files(folder: Path) -> list[Path]:
    """The record files of a folder and its sub-folders, in name order: ``.yaml``, ``.yml``, ``.json``, ``.jsonl``.

    Hidden files and folders (``.*``: ``.git``, ``.ipynb_checkpoints``, macOS ``._x.yaml``) and ``__pycache__``
    are left out; symbolic links to folders are not followed.

    Examples:
        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> for name in ("b.yaml", "a.jsonl", "._b.yaml", ".ipynb_checkpoints/b-checkpoint.yaml", "notes.txt"):
        ...     (folder / name).parent.mkdir(exist_ok=True)
        ...     _ = (folder / name).write_text("")
        >>> [p.name for p in record_files(folder)]
        ['a.jsonl', 'b.yaml']
    """
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _hidden(name)]
        found += [
            Path(root, name)
            for name in files
            if not _hidden(name) and (Path(name).suffix.lower() in SUFFIXES or name.lower().endswith(".jsonl"))
        ]
    return sorted((p for p in found if p.is_file()), key=lambda p: p.relative_to(folder).parts)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__pycache__"


def _first(
    record: Conversation, where: str, line: int, first: dict[str, tuple[str, int]], problems: list[Problem]
) -> bool:
    """Whether ``record``'s id is new to the folder; one read before from another file is ``duplicate-record-id``.

    A folder's files must not repeat each other's records (a notebook's checkpoint copy, an export kept beside
    its records); the records of one file are that file's business.
    """
    seen = first.setdefault(record.id, (where, line))
    if seen[0] == where:
        return True
    place = seen[0] if not seen[1] else f"{seen[0]}:{seen[1]}"
    message = f"record id {shown(record.id)} was read before, from {place}; each record needs an id of its own"
    problems.append(Problem(path="$.id", message=message, code="duplicate-record-id", source=where, line=line or None))
    return False


def _from_file(
    file: Path, registry: TemplateLookup, lookup: Lookup, problems: list[Problem]
) -> Iterator[tuple[Conversation, str, int]]:
    try:
        document = _loads(read_file(file), format_for(file), str(file), registry, resolve=True, lookup=lookup)
    except ValidationError as error:
        problems.extend(error.problems)
        return
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        problems.append(Problem(path="$", message=message, code="unreadable", source=str(file)))
        return
    if isinstance(document, Conversation):
        yield document, str(file), 0
    else:
        problems.append(_not_a_record(str(file), 1))


def _from_lines(
    file: Path, registry: TemplateLookup, lookup: Lookup, problems: list[Problem]
) -> Iterator[tuple[Conversation, str, int]]:
    with _open_lines(file) as stream:
        for number, line in _lines(stream, str(file), problems):
            if not line.strip():
                continue
            try:
                document = _loads(line, "json", str(file), registry, resolve=True, lookup=lookup)
            except ValidationError as error:
                problems.extend(attrs.evolve(p, line=number) for p in error.problems)  # one line a record
                continue
            if isinstance(document, Conversation):
                yield document, str(file), number
            else:
                problems.append(_not_a_record(str(file), number))


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
