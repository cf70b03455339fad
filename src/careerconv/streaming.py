"""Reading many records one at a time: a JSON Lines file, or a folder of YAML and JSON records."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from careerconv.errors import Problem, ValidationError
from careerconv.model import Conversation

if TYPE_CHECKING:
    from careerconv.registry import Registry

__all__ = ["iter_conversations"]

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
    from careerconv.documents import format_for, load, loads  # noqa: PLC0415 - documents is loaded on first use

    source = Path(path)
    problems: list[Problem] = []
    if source.is_dir():
        files = sorted(p for p in source.rglob("*") if p.suffix.lower() in _RECORD_SUFFIXES and p.is_file())
        for file in files:
            try:
                document = load(file, registry=registry)
            except ValidationError as error:
                problems.extend(error.problems)
                continue
            if isinstance(document, Conversation):
                yield document
            else:
                problems.append(_not_a_record(str(file), 1))
    elif source.suffix.lower() == ".jsonl":
        with source.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    document = loads(line, format="json", source=str(source), registry=registry)
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


def _not_a_record(source: str, line: int) -> Problem:
    message = "expected a conversation record, found a template"
    return Problem(path="$.kind", message=message, code="not-a-record", source=source, line=line, column=1)
