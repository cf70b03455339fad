"""Edits that keep the user's file: set answers in a YAML record, and migrate it to the current form.

A manager's record file is theirs: their comments, their key order, their layout. These edits go through
ruamel.yaml's round-trip mode, which keeps all three, and change only what they set. The file is read by
careerconv's strict reader first (so a hostile file never reaches the round-trip loader), the result is
checked by the same rules as any record before it is written, and it is written atomically: on any
problem the file is left as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

from careerconv.documents.core import format_for, loads, write_atomic
from careerconv.errors import ValidationError
from careerconv.formats import emitter
from careerconv.formats import yaml as yaml_format
from careerconv.formats.plain import problem, read_file
from careerconv.model import Action, action_id, new_action_id
from careerconv.rules.envelope import SCHEMA_VERSION, check_version
from careerconv.rules.validation import check_closing

if TYPE_CHECKING:
    from careerconv.model import ActionOwner, ActionStatus, AnswerValue, Visibility
    from careerconv.rules.lookup import TemplateLookup

__all__ = [
    "MAX_EDIT_BYTES",
    "MIGRATIONS",
    "RecordEditor",
    "edit_record",
    "migrate",
    "round_trip",
    "set_text",
    "written",
]

#: The largest file [`edit_record`][careerconv.edit_record] and [`migrate`][careerconv.migrate] take. They go through
#: ruamel.yaml's round-trip mode, pure Python, which needs about a hundred times the file's size in memory and some ten
#: seconds a mebibyte; a record is a few KiB. A larger file is refused (``too-large``): ``load`` and ``dump`` it.
MAX_EDIT_BYTES = 1024 * 1024

#: Upgrade steps: ``MIGRATIONS[n]`` turns a document of schema version ``n`` into one of ``n + 1``, in place,
#: on the round-trip data. Schema version 1 is the first, so there is no step yet.
MIGRATIONS: dict[int, Callable[[CommentedMap], None]] = {}

_NO_FOLD = 2**30


def round_trip(text: str, source: str | None) -> tuple[Any, Any]:
    """The round-trip loader's data of ``text``, and a writer with the file's own indentation.

    ``text`` was accepted by careerconv's reader. What ruamel.yaml's pure-Python round-trip reader still
    refuses (a tab inside unquoted text, which YAML 1.2 allows) is a ``not-editable`` problem, located.
    """
    yaml = YAML(typ="rt")
    # Lines are never folded: ruamel.yaml's folding drops a space where a fold meets several, and adds one
    # after an escape. A long line stays long; what it says stays the same.
    yaml.width = _NO_FOLD
    yaml.preserve_quotes = True
    mapping, offset = _guess_indent(text)
    # Sequences as the file indents them; careerconv's own way (``  - item``) when it has none in block style.
    if offset is None:
        yaml.indent(mapping=mapping, sequence=4, offset=2)
    else:
        yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_EDIT_BYTES:
        message = f"the file is {size:,} bytes; files are edited up to {MAX_EDIT_BYTES:,}: load and dump it instead"
        raise ValidationError([problem((), message, "too-large", None, source)])
    try:
        return yaml.load(text), yaml_format.without_aliases(yaml)
    except (YAMLError, ValueError) as error:
        mark = error.problem_mark if isinstance(error, MarkedYAMLError) else None
        where = (mark.line + 1, mark.column + 1) if mark is not None else None
        message = "the editor cannot keep this file's layout here (a tab in unquoted text?): quote the value"
        raise ValidationError([problem((), message, "not-editable", where, source)]) from None


def _guess_indent(text: str) -> tuple[int, int | None]:
    """How the file indents a mapping under its key, and a block sequence's dash (``None``: it has none).

    Examples:
        >>> _guess_indent("a:\\n    b: 1\\nc:\\n- x\\n")
        (4, 0)
    """
    lines = [line.split(" #")[0].rstrip() for line in text.splitlines()]
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    mapping: int | None = None
    offset: int | None = None
    for above, line in itertools.pairwise(lines):
        if not above.endswith(":"):
            continue
        depth = len(line) - len(line.lstrip(" ")) - (len(above) - len(above.lstrip(" ")))
        if line.lstrip().startswith("- "):
            offset = depth if offset is None else offset
        elif depth > 0 and mapping is None:
            mapping = depth
    return mapping or 2, offset


def _text(value: str) -> Any:
    """``value`` marked with the style careerconv's own writer gives it, for ruamel.yaml's round-trip writer.

    ruamel.yaml's own choice differs where it would write text careerconv reads back as something else
    (``.5e3`` plain, a number), or cannot read (a literal block that starts with a tab, which a YAML 1.1 reader
    takes for indentation): such text is double quoted here.
    """
    how = emitter.style(value)
    if how == emitter.LITERAL and value[0] != "\t":
        return LiteralScalarString(value)
    if how == emitter.SINGLE:
        return SingleQuotedScalarString(value)
    if how in (emitter.DOUBLE, emitter.LITERAL):
        return DoubleQuotedScalarString(value)
    return value


def set_text(data: Any, path: tuple[str | int, ...], value: str) -> None:
    """Set the text at ``path`` of a document's data (plain or round trip), as careerconv's writer would style it.

    A mapping's missing key is added; a list one item short grows by it. An option written as plain text (its id
    and its label at once) becomes ``{id, label}``, so that its id stays when its label changes.

    Examples:
        >>> data = {"options": ["yes"], "help": "Why?"}
        >>> set_text(data, ("options", 0), "oui")
        >>> set_text(data, ("help",), "Pourquoi ?")
        >>> data
        {'options': [{'id': 'yes', 'label': 'oui'}], 'help': 'Pourquoi ?'}
    """
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    styled = _text(value) if isinstance(parent, (CommentedMap, CommentedSeq)) else value
    if isinstance(last, int) and path[-2:-1] == ("options",) and last < len(parent):  # a plain-text option
        option = [("id", parent[last]), ("label", styled)]
        styled = CommentedMap(option) if isinstance(parent, CommentedSeq) else dict(option)
    if isinstance(last, int) and last == len(parent):
        parent.append(styled)
    else:
        parent[last] = styled


def _mapping(parent: Any, key: str) -> Any:
    child = parent.get(key)
    if not isinstance(child, dict):
        child = CommentedMap()
        parent[key] = child
    return child


def _sequence(items: Iterable[Any], like: Any) -> Any:
    """A list written as ``like`` was: in flow style (``[a, b]``) when it was, or was the empty ``[]``."""
    sequence = CommentedSeq(items)
    if getattr(like, "fa", None) is not None and (like.fa.flow_style() or not like):
        sequence.fa.set_flow_style()
    return sequence


class RecordEditor:
    """The record being edited: each method sets one thing and leaves the rest of the file alone.

    Examples:
        >>> from ruamel.yaml.comments import CommentedMap
        >>> editor = RecordEditor(CommentedMap())
        >>> _ = editor.answer("team", "Great people").note("Worried about the reorg", visibility="private")
        >>> dict(editor.data["answers"]["team"]), dict(editor.data["notes"][0])
        ({'text': 'Great people'}, {'text': 'Worried about the reorg', 'visibility': 'private'})
    """

    def __init__(self, data: Any) -> None:
        """Edit the round-trip ``data`` of a record."""
        self.data = data

    def answer(
        self,
        question_id: str,
        text: str | None = None,
        *,
        value: AnswerValue = None,
        visibility: Visibility | None = None,
    ) -> RecordEditor:
        """Set the text (and value, visibility) of one answer; what is not given stays as it is."""
        answer = _mapping(_mapping(self.data, "answers"), question_id)
        if text is not None:
            answer["text"] = _text(text)
        if isinstance(value, dt.date):
            answer["value"] = value.isoformat()
        elif value is not None:
            answer["value"] = list(value) if isinstance(value, tuple) else value
        if visibility is not None:
            answer["visibility"] = visibility
        return self

    def rank(self, *motivation_ids: str, notes: str | None = None) -> RecordEditor:
        """Set the motivation ranking, most important first."""
        section = _mapping(self.data, "motivations")
        section["ranking"] = _sequence(motivation_ids, section.get("ranking"))
        if notes is not None:
            section["notes"] = _text(notes)
        return self

    def note(self, text: str, *, visibility: Visibility = "shared") -> RecordEditor:
        """Add a note at the end of the notes."""
        notes = self.data.get("notes")
        entry = CommentedMap([("text", _text(text))] + ([("visibility", visibility)] if visibility != "shared" else []))
        if isinstance(notes, list) and notes:
            notes.append(entry)
        else:
            self.data["notes"] = _sequence([entry], None)
        return self

    def action(
        self,
        text: str,
        *,
        owner: ActionOwner = "employee",
        due: dt.date | None = None,
        status: ActionStatus = "open",
        id: str | None = None,
    ) -> RecordEditor:
        """Add an action to the GROW plan's will, agreed on the record's day; its id as ``Session.action`` makes it."""
        grow = _mapping(self.data, "grow")
        will = grow.get("will")
        taken = [key for key, _ in self._actions()]
        fields: list[tuple[str, Any]] = [
            ("id", id if id is not None else new_action_id(str(self.data.get("id")), taken))
        ]
        fields += [("text", _text(text)), ("owner", owner)]
        fields += [("due", due.isoformat())] if due is not None else []
        fields.append(("status", status))
        day = self.data.get("date")
        fields += [("agreed", day)] if isinstance(day, dt.date) else []
        if isinstance(will, list) and will:
            will.append(CommentedMap(fields))
        else:
            grow["will"] = _sequence([CommentedMap(fields)], None)
        return self

    def close_action(self, id: str, status: Literal["done", "dropped"] = "done") -> RecordEditor:
        """Mark the action ``id`` ``done`` or ``dropped``; an action written without an id gets it written.

        ``id`` is the action's own, or for one written without, the id [`action_id`][careerconv.action_id] derives.
        """
        actions = self._actions()
        check_closing([key for key, _ in actions], id, status)
        for key, item in actions:
            if key == id:
                if "id" not in item:
                    item.insert(0, "id", key)
                item["status"] = status
        return self

    def _actions(self) -> list[tuple[str, Any]]:
        """Each action of the will with its id, its own or derived."""
        grow = self.data.get("grow")
        will = grow.get("will") if isinstance(grow, dict) else None
        employee = self.data.get("employee")
        person = str(employee.get("id")) if isinstance(employee, dict) else ""
        return [
            (str(item["id"]) if "id" in item else action_id(person, Action(text=str(item.get("text")))), item)
            for item in (will if isinstance(will, list) else ())
            if isinstance(item, dict)
        ]


@contextmanager
def edit_record(path: str | os.PathLike[str], *, registry: TemplateLookup) -> Iterator[RecordEditor]:
    """Edit a YAML record in place; ``careerconv.edit_record`` with the template lookup given."""
    target = Path(path)
    if format_for(target) != "yaml":  # the round-trip writer writes YAML: it would turn a JSON file into YAML
        raise ValueError(f"{target}: edit_record edits YAML records (.yaml, .yml); use load and dump for JSON")
    raw = read_file(target)
    loads(raw, source=str(target), registry=registry)  # refuse a bad or hostile file before editing
    original = raw.decode("utf-8")
    data, yaml = round_trip(original, str(target))
    editor = RecordEditor(data)
    yield editor
    edited = written(yaml, data, str(target))
    loads(edited, source=str(target), registry=registry)
    if edited != original:
        write_atomic(target, edited)


def migrate(
    text: str,
    *,
    source: str | None = None,
    steps: dict[int, Callable[[CommentedMap], None]] | None = None,
) -> str:
    """``text`` upgraded to the current form, keeping comments and layout.

    The current form is the schema version this careerconv writes and, in a template, every choice's
    options written ``{id, label}``. An option given as plain text becomes ``{id: TEXT, label: TEXT}``: its id
    stays the text, so records that answer with it stay valid, and its label can now be translated (a
    translation keeps the id and changes the label). A document already in the current form comes back
    unchanged, byte for byte; one newer than careerconv knows is a problem (upgrade careerconv). ``steps``
    defaults to `MIGRATIONS`.

    Examples:
        >>> text = "# mine\\nkind: conversation\\nschema_version: 1\\nid: r1\\n"
        >>> text += "template: {name: standard}\\nemployee: {id: a}\\n"
        >>> migrate(text) == text
        True
        >>> print(migrate('''kind: template
        ... schema_version: 1
        ... name: mini
        ... version: 1.0.0
        ... title: Mini
        ... sections:
        ...   - id: s
        ...     title: S
        ...     questions:
        ...       - id: how
        ...         text: How often?
        ...         type: choice
        ...         options: [Often, Rarely]  # kept
        ... ''').splitlines()[-1])
                options: [{id: Often, label: Often}, {id: Rarely, label: Rarely}] # kept
    """
    parsed = yaml_format.read(text, source=source)
    if not parsed.ok or parsed.problems:
        raise ValidationError(parsed.problems)
    version = parsed.data.get("schema_version") if isinstance(parsed.data, dict) else None
    wrong = check_version(version)
    if wrong is not None and wrong.code != "invalid-schema-version":  # before 1: a migration step may know it
        raise ValidationError([problem(wrong.path, wrong.message, wrong.code, None, source)])
    assert isinstance(version, int)
    plain_options = parsed.data.get("kind") == "template" and any(True for _ in _plain_options(parsed.data))
    if version == SCHEMA_VERSION and not plain_options:
        return text
    known = MIGRATIONS if steps is None else steps
    data, yaml = round_trip(text, source)
    while version < SCHEMA_VERSION:
        step = known.get(version)
        if step is None:
            message = f"no migration from schema_version {version}; this careerconv reads {SCHEMA_VERSION}"
            raise ValidationError([problem(("schema_version",), message, "no-migration", None, source)])
        step(data)
        version += 1
        data["schema_version"] = version
    if data.get("kind") == "template":
        for options in _plain_options(data):
            for index, option in enumerate(options):
                if isinstance(option, str):
                    upgraded = CommentedMap([("id", str(option)), ("label", str(option))])
                    upgraded.fa.set_flow_style()
                    options[index] = upgraded
    return written(yaml, data, source)


def written(yaml: YAML, data: Any, source: str | None) -> str:
    """The round-trip ``data`` as text, checked to read back as the same data: an edit never changes other text.

    ruamel.yaml's writer is not careerconv's; what it writes is read by careerconv's reader and compared, and a
    difference is a ``not-editable`` problem (the file is left as it was) rather than a changed text.
    """
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    read = yaml_format.read(text, source=source)
    if not read.ok or read.data != _plain(data):
        message = "the editor cannot write this file back unchanged; edit it by hand, or load and dump it"
        raise ValidationError([problem((), message, "not-editable", None, source)])
    return text


def _plain(node: Any) -> Any:
    """Round-trip data as careerconv's reader gives it: plain containers, numbers and text; dates as text."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, bool) or type(node).__name__ == "ScalarBoolean":
        return bool(node)
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    for kind in (str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


def _plain_options(data: Any) -> Iterator[list[Any]]:
    """Each choice's ``options`` list holding an option written as plain text, anywhere in a template."""
    todo = [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            options = node.get("options")
            if node.get("type") == "choice" and isinstance(options, list) and any(isinstance(o, str) for o in options):
                yield options
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
