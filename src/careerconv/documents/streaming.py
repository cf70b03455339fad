"""Reading many records one at a time: a JSON Lines file, or a folder of YAML and JSON records."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, TypeAlias, overload

import attrs

from careerconv.documents.core import _loads, format_for, json_line, write_atomic
from careerconv.documents.fast import Lookup, paused_gc
from careerconv.errors import Problem, ValidationError, check_choice
from careerconv.formats.plain import MAX_BYTES, SUFFIXES, open_regular, read_file, shown
from careerconv.model import Conversation

if TYPE_CHECKING:
    from careerconv.rules.lookup import TemplateLookup

__all__ = [
    "ON_ERROR",
    "LoadResult",
    "OnError",
    "RecordStream",
    "dump_conversations",
    "iter_conversations",
    "load_conversations",
]


OnError: TypeAlias = Literal["raise", "skip", "collect"]
#: What a bulk read does with a bad file or line.
ON_ERROR: tuple[OnError, ...] = ("raise", "skip", "collect")


class RecordStream(Iterator[Conversation]):
    """The records of a JSON Lines file or a folder, one at a time, and the problems met so far.

    ``problems`` grows as the stream is read: once it is exhausted, it holds every problem of every file.
    ``iter_conversations(..., on_error="collect")`` returns one.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "team.jsonl"
        >>> _ = path.write_text('{"kind": "conversation"}\\n')
        >>> stream = careerconv.iter_conversations(path, on_error="collect")
        >>> list(stream), [p.code for p in stream.problems]
        ([], ['missing-field', 'missing-field', 'missing-field', 'missing-field'])
    """

    def __init__(self, records: Iterator[Conversation], problems: list[Problem]) -> None:
        """Wrap ``records``, whose reader appends to ``problems``."""
        self._records = records
        self._problems = problems

    def __next__(self) -> Conversation:
        """The next valid record."""
        return next(self._records)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem met so far, in the order the files and lines were read."""
        return tuple(self._problems)

    def __repr__(self) -> str:
        """A count of the problems so far; never the records' content."""
        return f"<RecordStream: {len(self._problems)} problems so far>"


@attrs.frozen(repr=False)
class LoadResult(Sequence[Conversation]):
    """The valid records of a bulk read and every problem of the bad ones: ``load_conversations(on_error="collect")``.

    It is a sequence of its records (``len``, indexing, iteration), so it can be passed wherever a list of
    records goes. Its ``problems`` each name the file, line and rule code. A notebook shows the counts and the
    problems (never the records' content).

    Attributes:
        records: the valid records, in the order they were read.
        problems: every problem of the files and lines that were left out.

    Examples:
        >>> result = LoadResult((), (Problem(path="$", message="not YAML", code="syntax", source="a.yaml"),))
        >>> len(result), [str(p) for p in result.problems]
        (0, ['a.yaml: $: not YAML [syntax]'])
        >>> result
        LoadResult(0 records, 1 problem)
    """

    records: tuple[Conversation, ...]
    problems: tuple[Problem, ...]

    @overload
    def __getitem__(self, index: int) -> Conversation: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Conversation]: ...
    def __getitem__(self, index: int | slice) -> Conversation | Sequence[Conversation]:
        """The record at ``index`` (or the records of a slice)."""
        return self.records[index]

    def __len__(self) -> int:
        """How many records were read."""
        return len(self.records)

    @property
    def files(self) -> tuple[str, ...]:
        """The files that had a problem, each once, in the order they were read."""
        return tuple(dict.fromkeys(p.source or "<string>" for p in self.problems))

    def __repr__(self) -> str:
        """The counts alone: records hold personal data, and a repr may end up in a log."""
        return f"LoadResult({_count(len(self.records), 'record')}, {_count(len(self.problems), 'problem')})"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def iter_conversations(
    path: str | os.PathLike[str], *, registry: TemplateLookup, on_error: OnError = "raise"
) -> RecordStream:
    """Records of a JSON Lines file or a folder; ``careerconv.iter_conversations`` with the lookup given."""
    check_choice("on_error", on_error, ON_ERROR)
    source = Path(path).expanduser()
    if not source.exists():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(source))
    if not source.is_dir() and source.suffix.lower() != ".jsonl":
        format_for(source)  # a clear error for a suffix careerconv does not read
        raise ValueError(f"{source}: iter_conversations reads a .jsonl file or a folder; use load() for one record")
    problems: list[Problem] = []
    return RecordStream(_records(source, registry, problems, raise_at_end=on_error == "raise"), problems)


def _records(
    source: Path, registry: TemplateLookup, problems: list[Problem], *, raise_at_end: bool
) -> Iterator[Conversation]:
    lookup = Lookup(registry)  # each template is looked up once for the whole stream
    # Each record id: where it was first read, as one whole number (the file's index, then the line), which
    # takes a third of the memory a (file, line) tuple would: the index grows with the stream.
    first: dict[str, int] = {}
    files = record_files(source) if source.is_dir() else [source]
    names = [str(file) for file in files]
    for index, file in enumerate(files):
        if file.suffix.lower() == ".jsonl":
            records = _from_lines(file, registry, lookup, problems)
        else:
            records = _from_file(file, registry, lookup, problems)
        for record, _, line in records:
            if _first(record, index << _LINE_BITS | line, first, names, problems):
                yield record
    if problems and raise_at_end:
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


#: A place in a stream is ``file index << _LINE_BITS | line`` (line 0: a file of one record).
_LINE_BITS = 40


def _first(record: Conversation, place: int, first: dict[str, int], names: list[str], problems: list[Problem]) -> bool:
    """Whether ``record``'s id is new to the stream; one read before is ``duplicate-record-id``, left out.

    Records of one stream must not repeat each other (a line pasted twice, a notebook's checkpoint copy, an
    export kept beside its records): the first one read, in the order of the files' names and lines, is kept,
    and the problem says where it was; a later one is left out, as its rows would count twice.
    """
    seen = first.setdefault(record.id, place)
    if seen == place:
        return True
    mask = (1 << _LINE_BITS) - 1
    where, line = names[place >> _LINE_BITS], place & mask
    before = names[seen >> _LINE_BITS] + (f":{seen & mask}" if seen & mask else "")
    message = (
        f"record id {shown(record.id)} was read before, from {before}: that one is kept and this one left out; "
        "each record needs an id of its own"
    )
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
            if line.isspace():  # a blank line (isspace stops at the first other byte; strip would copy the line)
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


def load_conversations(
    path: str | os.PathLike[str], *, registry: TemplateLookup, on_error: OnError = "raise"
) -> list[Conversation] | LoadResult:
    """Every record of a JSON Lines file or a folder; ``careerconv.load_conversations``, lookup given."""
    stream = iter_conversations(path, registry=registry, on_error=on_error)
    with paused_gc():
        records = list(stream)
    return LoadResult(tuple(records), stream.problems) if on_error == "collect" else records


def dump_conversations(records: Iterable[Conversation], path: str | os.PathLike[str]) -> None:
    """Write records to a JSON Lines file, one record a line, atomically.

    [`iter_conversations`][careerconv.iter_conversations] reads them back. The records are written as they come, so a
    stream of any length needs memory for one record only.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "team.jsonl"
        >>> careerconv.dump_conversations([record], path)
        >>> path.read_bytes().count(b"\\n")
        1
    """
    write_atomic(Path(path), (json_line(record) for record in records), private=True)
