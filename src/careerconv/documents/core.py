"""Documents: text in, typed objects out, and back.

``loads`` parses (fast, positions not recorded), checks the envelope, structures with the converter and
runs the validation rules. Only when there are problems is the text read again to locate them, so a valid
document costs one parse.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import logging
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from careerconv.documents import fast
from careerconv.errors import CareerconvError, Finding, Problem, ValidationError
from careerconv.formats import json as json_format
from careerconv.formats import plain
from careerconv.formats import python as python_format
from careerconv.formats import yaml as yaml_format
from careerconv.model import Conversation, Template
from careerconv.rules.envelope import SCHEMA_VERSION, body, check_envelope
from careerconv.rules.structure import (
    check_date_answers,
    check_types,
    date_answers,
    problems_from,
    structure_capped,
    to_data,
)
from careerconv.rules.text import check_text
from careerconv.rules.translations import check_translation
from careerconv.rules.validation import check_conversation, check_record, check_template

if TYPE_CHECKING:
    from careerconv.rules.lookup import TemplateLookup

_log = logging.getLogger("careerconv.documents")

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "Format",
    "check",
    "dump",
    "dumps",
    "expect_kind",
    "from_data",
    "json_line",
    "load",
    "loads",
    "locate",
    "to_data",
    "translation_problems",
    "validate",
]

Document: TypeAlias = Template | Conversation
Format: TypeAlias = Literal["yaml", "json", "jsonl"]


def format_for(path: str | os.PathLike[str]) -> Format:
    """The format a file's suffix names.

    Examples:
        >>> format_for("record.yml")
        'yaml'
    """
    suffix = FilePath(path).suffix.lower()
    if suffix not in plain.SUFFIXES:
        raise ValueError(f"cannot tell the format of {os.fspath(path)!r}: use .yaml, .yml or .json")
    fmt: Format = plain.SUFFIXES[suffix]
    return fmt


def load(
    path: str | os.PathLike[str], *, registry: TemplateLookup | None, resolve: bool = True, complete: bool = False
) -> Document:
    """Read a template or record from a file; ``careerconv.load`` with the template lookup given."""
    fmt = format_for(path)
    raw = plain.read_file(path)
    return _loads(raw, fmt, os.fspath(path), registry, resolve=resolve, complete=complete)


def loads(
    text: str | bytes,
    *,
    format: Format = "yaml",
    source: str | None = None,
    registry: TemplateLookup,
    complete: bool = False,
) -> Document:
    """Read a template or record from text; ``careerconv.loads`` with the template lookup given."""
    if not isinstance(text, (str, bytes)):
        hint = "; for plain data (a dict) use from_data" if isinstance(text, Mapping) else ""  # type: ignore[unreachable]
        raise TypeError(f"loads reads text (str or bytes), not {type(text).__name__}{hint}")
    return _loads(text, format, source, registry, resolve=True, complete=complete)


def _loads(
    text: str | bytes,
    format: str,
    source: str | None,
    registry: TemplateLookup | None,
    *,
    resolve: bool,
    lookup: fast.Lookup | None = None,
    quick: bool = True,
    complete: bool = False,
) -> Document:
    """``loads``; with ``resolve=False`` no template is looked up (a derived template's base, a record's).

    A valid record takes the fast path (`careerconv.documents.fast`) unless ``quick`` is false; anything else, the
    full one. ``lookup`` carries the templates found from one record to the next in a stream. ``complete``
    also reports each required question left unanswered (on the full path).
    """
    if resolve and registry is None:
        raise ValueError("a template lookup is needed to check a document against its templates")
    lookup = _fast_lookup(registry, lookup) if resolve and quick and not complete else None  # no completeness there
    record = _fast(fast.conversation_json, text, lookup, source) if format == "json" else None
    if record is not None:
        return record
    parsed = _reader(format).read(text, source=source)
    if not parsed.ok:
        raise ValidationError(plain.capped(_sorted(parsed.problems), source))
    record = _fast(fast.conversation, parsed.data, lookup, source) if format == "yaml" and not parsed.problems else None
    if record is not None:
        return record
    found: list[Finding] = []
    obj = _build(parsed.data, found, registry, resolve=resolve, complete=complete)
    if not found and not parsed.problems:
        assert obj is not None
        return attrs.evolve(obj, source=source) if isinstance(obj, Template) and source else obj
    raise locate(text, format, source, found, parsed)


def locate(
    text: str | bytes,
    format: str,
    source: str | None,
    found: list[Finding],
    parsed: plain.Parsed | None = None,
) -> ValidationError:
    """The error for the ``found`` problems of the document ``text``, each located at its line and column.

    ``found`` holds ``(path, message, code, at_key)``; ``at_key`` points a problem at a key, not its value.
    """
    reader = _reader(format)
    if parsed is None:
        parsed = reader.read(text, source=source)
    wanted = [f.path for f in found]
    positions = parsed.positions or reader.read(text, source=source, locate=True, wanted=wanted).positions
    decoded = plain.decode(text, source)[0] if format == "yaml" else None
    hint = yaml_format.fixes_for(decoded) if decoded is not None else None  # the fixes of hand-editing mistakes
    problems = _merged(parsed.problems, found, positions, source, hint)
    _log.info("%s: %d problem(s) found", source or "<string>", len(problems))
    return ValidationError(plain.capped(_sorted(problems), source))


def _merged(
    read: list[Problem],
    found: list[Finding],
    positions: plain.Positions | None,
    source: str | None,
    hint: Callable[[str, plain.Position | None], str] | None = None,
) -> list[Problem]:
    """The reader's problems, then the ``found`` ones (located where ``positions`` say), each once.

    A value the reader already refused (an alias, a tag, a number too long) is not reported again as a wrong
    type, and a problem found twice at one path (by the rules and again while resolving) is listed once.
    ``hint`` adds the fix to the message of a problem that a hand-editing mistake explains (``-item`` in YAML).
    """
    problems = list(read)
    refused = {p.path for p in problems}
    seen: set[tuple[str, str]] = set()
    for path, message, code, at_key in found:
        where = positions.locate(path, key=at_key) if positions else None
        said = hint(message, where) if hint is not None and where is not None else message
        located = plain.problem(path, said, code, where, source)
        if located.path not in refused and (located.path, located.code) not in seen:
            seen.add((located.path, located.code))
            problems.append(located)
    return problems


def expect_kind(
    document: Document,
    kind: Literal["template", "conversation"] | None,
    text: str | bytes | None,
    format: str,
    source: str | None,
) -> None:
    """Unless ``document`` is a ``kind``, raise ``wrong-kind``, located at ``kind`` in ``text`` when there is one."""
    found = "template" if isinstance(document, Template) else "conversation"
    if kind is None or found == kind:
        return
    what = {"template": "a template", "conversation": "a conversation record"}
    message = f"expected {what[kind]}, found {what[found]}"
    if text is None:
        raise ValidationError([Problem(path="$.kind", message=message, code="wrong-kind", source=source)])
    raise locate(text, format, source, [Finding(("kind",), message, "wrong-kind")])


def _fast_lookup(registry: TemplateLookup | None, lookup: fast.Lookup | None) -> fast.Lookup | None:
    """The fast path's lookup: the one carried along a stream, else one over ``registry`` (if any)."""
    return lookup if lookup is not None or registry is None else fast.Lookup(registry)


def _fast(
    build: Callable[[Any, fast.Lookup], Conversation], data: Any, lookup: fast.Lookup | None, source: str | None
) -> Conversation | None:
    """The record the fast path ``build`` makes of ``data``; ``None`` when there is no ``lookup`` or it gives up."""
    if lookup is None:
        return None
    try:
        with fast.paused_gc():
            return build(data, lookup)
    except fast.Slow as slow:
        _log.debug("%s: the full path, the fast one gave up: %s", source or "<string>", slow)
        return None


#: The reader of each text format.
_READERS: dict[str, Any] = {"yaml": yaml_format, "json": json_format}


def _reader(format: str) -> Any:
    if format not in _READERS:
        raise ValueError(f"unknown format {format!r}: expected 'yaml' or 'json'")
    return _READERS[format]


def _sorted(problems: list[Problem]) -> list[Problem]:
    def key(problem: Problem) -> tuple[bool, int, int]:
        return (problem.line is None, problem.line or 0, problem.column or 0)

    return sorted(problems, key=key)


def _build(
    data: Any,
    found: list[Finding],
    registry: TemplateLookup | None,
    *,
    resolve: bool = True,
    complete: bool = False,
) -> Document | None:
    """Check the envelope, structure the body and run the rules, appending every problem to ``found``.

    ``complete`` also reports each required question a record leaves unanswered.

    At most about `MAX_PROBLEMS` are collected: the structuring and each
    rule stop there, so a hostile document costs bounded time and memory.
    """
    if resolve and registry is None:
        raise ValueError("a template lookup is needed to check a document against its templates")
    cls, envelope, readable = check_envelope(data)
    found.extend(envelope)
    if cls is None or not readable:
        return None
    body_data = body(data)
    obj: Document | None = None
    try:
        obj = structure_capped(body_data, cls)
    except Exception as error:  # noqa: BLE001 - every structuring failure becomes problems
        found.extend(itertools.islice(problems_from(error), plain.MAX_PROBLEMS + 1))

    def collect(rules: Iterable[Finding]) -> None:
        room = max(plain.MAX_PROBLEMS + 1 - len(found), 0)
        found.extend(itertools.islice(rules, room))

    collect(check_text(data))
    if cls is Template:
        collect(check_template(data))
        if registry is not None and resolve and obj is not None and data.get("extends") is not None:
            collect(Finding(*found) for found in registry.derive(data)[2])  # a lookup may give plain tuples
    elif registry is not None and resolve:
        collect(check_conversation(data, registry, complete=complete))
        if not found and isinstance(obj, Conversation):  # the template is known and the record fits it
            obj = date_answers(obj, registry.pinned(obj.template))
    else:
        collect(check_record(data))
    return obj


def from_data(data: Mapping[str, Any], *, registry: TemplateLookup) -> Document:
    """A template or record from plain data; ``careerconv.from_data`` with the template lookup given.

    The data is copied by the Python reader (which refuses what a file cannot hold and runs none of its code);
    a valid record then takes the fast path, as a file's does, and anything else the full path, which says
    exactly what is wrong.
    """
    parsed = python_format.read(data)
    if not parsed.ok:
        raise ValidationError(plain.capped(parsed.problems))
    if not parsed.problems:  # a valid record takes the fast path, as a file's does; anything else the full one
        record = _fast(fast.conversation, parsed.data, _fast_lookup(registry, None), None)
        if record is not None:
            return record
    found: list[Finding] = []
    obj = _build(parsed.data, found, registry)
    if not found and not parsed.problems:
        assert obj is not None
        return obj
    raise ValidationError(plain.capped(_merged(parsed.problems, found, None, None)))


def dumps(obj: Document, *, format: Format = "yaml", defaults: bool = False) -> str:
    """Write a template or record as text: stable key order, block style, literal blocks, ISO dates.

    With ``defaults``, fields at their defaults are written too (see [`to_data`][careerconv.to_data]).

    Examples:
        >>> from careerconv import Template
        >>> print(dumps(Template(name="mini", version="1.0.0", title="Mini")), end="")
        kind: template
        schema_version: 1
        name: mini
        version: 1.0.0
        locale: en
        title: Mini
    """
    if format == "jsonl":
        if defaults:
            return json_format.compact(to_data(obj, defaults=True)) + "\n"
        return _line(obj).decode("utf-8")
    text: str = _reader(format).dumps(to_data(obj, defaults=defaults))
    return text


def json_line(obj: Document) -> bytes:
    """A template or record as one line of compact JSON (UTF-8, ending in a newline), for JSON Lines.

    A record is written fast, every field included (``null`` and ``[]`` for those not filled in); it reads
    back equal.

    Examples:
        >>> import careerconv
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> line = json_line(record)
        >>> line.count(b"\\n"), careerconv.loads(line, format="json") == record
        (1, True)
    """
    return bytes(_line(obj))


def _line(obj: Document) -> bytes | bytearray:
    """`json_line`, in the buffer it was written into (``dumps`` decodes it without a copy)."""
    if isinstance(obj, Conversation):
        line = fast.record_line(obj)
        if line is not None:
            return line
    return json_format.compact(to_data(obj)).encode("utf-8") + b"\n"


def dump(obj: Document, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write a template or record to a file, atomically: readers see the old file or the new one, whole.

    The format comes from the suffix unless given. The text goes to a temporary file in the same folder,
    which is flushed to disk and then renamed over the target. An existing file keeps its permissions; a new
    record is readable by its owner only (``0o600``), a new template as the umask says. Through a symbolic
    link, the file it names is written; a target that is not a regular file is refused.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "standard.json"
        >>> careerconv.dump(careerconv.get_template("standard"), path)
        >>> path.read_text().startswith('{\\n  "kind": "template"')
        True
    """
    text = dumps(obj, format=format or format_for(path))
    write_atomic(FilePath(path), text, private=isinstance(obj, Conversation))


#: The mode of a new file that may hold personal data: readable and writable by its owner only.
PRIVATE_MODE = 0o600


def write_atomic(target: FilePath, text: str | Iterable[bytes], *, private: bool = False) -> None:
    """Replace ``target`` with ``text`` (or chunks of UTF-8 bytes) through a temporary file in the same folder.

    - The temporary file is created (``O_EXCL``, never through a link) with the final permissions before a
      byte is written: an existing file's own mode, owner and group; for a new file ``0o600`` when
      ``private`` (records, reports), else ``0o666`` less the umask.
    - A symbolic link is followed: the file it names is replaced and the link stays. A target that exists
      and is not a regular file (a device, a FIFO, a folder) is refused with ``OSError``, untouched.
    - The data is flushed to disk before the rename, and the folder after it.
    """
    target = FilePath(os.path.realpath(target))
    folder = target.parent
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file; careerconv writes only regular files", str(target))
    mode = stat.S_IMODE(info.st_mode) if info is not None else PRIVATE_MODE if private else 0o666
    while True:
        temporary = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            handle = os.open(temporary, flags, mode & 0o777)  # the umask can only narrow it
            break
        except FileExistsError:  # pragma: no cover - a 48-bit random name taken: draw another
            continue
    try:
        with os.fdopen(handle, "wb") as stream:
            if info is not None:  # the existing file's own mode (the umask may have narrowed it) and owner
                os.fchmod(stream.fileno(), mode)
                if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                    with contextlib.suppress(PermissionError):
                        os.fchown(stream.fileno(), info.st_uid, info.st_gid)
            if isinstance(text, str):
                stream.write(text.encode("utf-8"))
            else:
                for chunk in text:
                    stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        _log.debug("wrote %s atomically", target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the platform allows
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def validate(obj: Document, *, registry: TemplateLookup, complete: bool = False) -> None:
    """Check an object built in Python; ``careerconv.validate`` with the template lookup given."""
    problems = check(obj, registry=registry, resolve=True, complete=complete)
    if problems:
        raise ValidationError(problems)


def check(
    obj: Document,
    *,
    registry: TemplateLookup | None = None,
    resolve: bool = False,
    complete: bool = False,
    quick: bool = True,
) -> list[Problem]:
    """The problems of an object built in Python; a derived template's base is looked up when ``resolve``.

    First the Python type of every value (a ``str`` where a date belongs is a problem, not a crash), then the
    rules every file meets: a valid record passes the fast path's checks on the object itself (the predicates
    the rules use, and the text rule on its JSON image), and anything else the full path on its plain data,
    which says exactly what is wrong (``quick=False`` takes the full path alone).

    Examples:
        >>> from careerconv import Template
        >>> [p.code for p in check(Template(name="mini", version="1", title="Mini"))]
        ['invalid-version', 'empty-template']
    """
    if resolve and registry is None:
        raise ValueError("a template lookup is needed to check a document against its templates")
    if not isinstance(obj, (Template, Conversation)):
        raise TypeError(f"expected a Template or a Conversation, got {type(obj).__name__}")
    typed = list(itertools.islice(check_types(obj), plain.MAX_PROBLEMS + 1))
    if not typed and registry is not None and resolve and isinstance(obj, Conversation):
        with contextlib.suppress(CareerconvError):  # no usable template: the rules below say so
            typed = list(check_date_answers(obj, registry.pinned(obj.template)))
    if typed:
        return plain.capped([plain.problem(f.path, f.message, f.code) for f in typed])
    if quick and resolve and not complete and isinstance(obj, Conversation):
        lookup = _fast_lookup(registry, None)
        if lookup is not None and fast.record_fits(obj, lookup):
            return []
    data = to_data(obj)
    found: list[Finding] = []
    _build(data, found, registry, resolve=resolve, complete=complete)
    return plain.capped(_merged([], found, None, None))


def translation_problems(original: Template, translation: Template) -> list[Problem]:
    """What a translation lacks or adds compared with its original: ids missing, extra or out of order.

    A translation shares the original's name, version, parameters and every id; only the text differs.

    Examples:
        >>> import attrs, careerconv
        >>> english = careerconv.get_template("standard")
        >>> spanish = careerconv.get_template("standard", locale="es")
        >>> translation_problems(english, spanish)
        []
        >>> shorter = attrs.evolve(spanish, sections=spanish.sections[1:])
        >>> for problem in translation_problems(english, shorter):
        ...     print(problem)
        <string>: $.sections: section 'life-story' of the original is missing [translation-coverage]
        <string>: $.sections: question 'career-so-far' of the original is missing [translation-coverage]
    """
    return [plain.problem(f.path, f.message, f.code) for f in check_translation(original, translation)]
