"""The fast path for conversation records: valid plain data to model objects, with no cattrs.

Loading a year of records for a company is mostly loading *valid* records. For them, this module checks
every rule the full path checks, with plain type tests, and builds the objects directly. At the first thing
that is not exactly right it gives up (`Slow`), and the caller runs the full path, which reports the
exact problems with file, line and column. So the fast path accepts only what the full path accepts, and
builds equal objects; the tests check both on generated and on mutated records.

JSON text is read by msgspec when it is installed: into Structs mirroring the model (made from it, so the
types are checked and unknown keys refused in C), and into the model's attrs classes. msgspec keeps the last
of two equal keys, so the text is checked for duplicate keys by counting: in JSON every key is followed by
the one ``:`` outside strings, so the text and the mirror record encoded again hold the same number of
colons unless a key was written twice. Text with a ``\\u`` escape (which could write a colon) takes the
full path. YAML is parsed by careerconv's reader, which reports duplicate keys itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import operator
import typing
from typing import TYPE_CHECKING, Any, Literal

import attrs

from careerconv.errors import CareerconvError, ConversionProblem
from careerconv.formats.plain import MAX_BYTES
from careerconv.model import (
    Action,
    ActionOwner,
    ActionStatus,
    Answer,
    AnswerValue,
    Conversation,
    Goal,
    GrowPlan,
    MotivationRanking,
    Note,
    Option,
    Person,
    Question,
    Reality,
    Template,
    TemplateRef,
    Visibility,
    file_fields,
)
from careerconv.questions import FILE_SCALARS, kind_of, parse_date
from careerconv.rules.envelope import ENVELOPE, SCHEMA_VERSION
from careerconv.rules.text import FORBIDDEN_TEXT, forbidden_in_json
from careerconv.rules.validation import action_ids_fit, are_record_ids, has_grow, ranks_each_once, undeclared

if TYPE_CHECKING:
    from careerconv.rules.lookup import TemplateLookup

__all__ = [
    "LINE_START",
    "Lookup",
    "Slow",
    "check_rules",
    "conversation",
    "conversation_json",
    "paused_gc",
    "record_fits",
    "record_line",
]


class Slow(Exception):  # noqa: N818 - a signal to take the full path, not an error anyone sees
    """The data is not exactly as the fast path expects: take the full path."""


def _file_keys(cls: type) -> frozenset[str]:
    """The keys a file may give an object of ``cls``: its fields, less those files never hold."""
    return frozenset(field.name for field in file_fields(cls))


# Shapes and allowed values, derived from the model (the property tests hold the two paths equal).
_RECORD_KEYS = _file_keys(Conversation) | frozenset(ENVELOPE)
_REF_KEYS = _file_keys(TemplateRef)
_PERSON_KEYS = _file_keys(Person)
_ANSWER_KEYS = _file_keys(Answer)
_RANKING_KEYS = _file_keys(MotivationRanking)
_GROW_KEYS = _file_keys(GrowPlan)
_GOAL_KEYS = _file_keys(Goal)
_REALITY_KEYS = _file_keys(Reality)
_OPTION_KEYS = _file_keys(Option)
_ACTION_KEYS = _file_keys(Action)
_NOTE_KEYS = _file_keys(Note)
_VISIBILITY = frozenset(typing.get_args(Visibility))
_OWNERS = frozenset(typing.get_args(ActionOwner))
_STATUSES = frozenset(typing.get_args(ActionStatus))


class paused_gc:  # noqa: N801 - used as a function: ``with paused_gc():``
    """No garbage collection while a record's objects are built (they hold no cycles); restored after.

    A class, not a generator-based context manager: it is entered once a record, and costs a tenth of one.

    Examples:
        >>> import gc
        >>> with paused_gc():
        ...     gc.isenabled()
        False
    """

    __slots__ = ("enabled",)

    def __enter__(self) -> None:
        """Pause the collector, remembering whether it ran."""
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        """Let the collector run again, if it ran before."""
        if self.enabled:
            gc.enable()


# -------------------------------------------------------------------------------------------- parsing

# --------------------------------------------------------------------------------------- structuring


class _Facts:
    """What the checks of a record need from its template, computed once per template."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.questions: dict[str, Question] = {q.id: q for q in template.iter_questions()}
        self.motivations = frozenset(m.id for m in template.motivations())
        self.count = len(self.motivations)
        self.grow = has_grow(template)
        self.parameters = frozenset(template.parameters)
        self.kinds = {q.id: kind_of(q.type) for q in self.questions.values()}
        # The questions whose file value Python holds otherwise (a date's text as a date).
        self.converted = frozenset(key for key, kind in self.kinds.items() if kind.converts)


class Lookup:
    """Finds the template of each record, remembering it for the records that follow."""

    def __init__(self, registry: TemplateLookup) -> None:
        """Look templates up in ``registry``."""
        self.registry = registry
        self.known: dict[tuple[Any, Any, Any], _Facts] = {}

    def facts(self, name: Any, version: Any, locale: Any) -> _Facts:
        """What the rules need of the template a record pins; Slow when there is no usable one."""
        key = (name, version, locale)
        found = self.known.get(key)
        if found is None:
            try:
                template = self.registry.pinned(TemplateRef(name=name, version=version, locale=locale))
            except CareerconvError:
                raise Slow("no usable template") from None
            found = self.known[key] = facts_of(template)
        return found


# Each template's facts, by the template object: a Lookup made for one call (``from_data``, ``validate``) finds
# them made already. A template is immutable and a registry's refresh makes new ones, so they never go stale;
# the template is kept with them so that its id is not reused, and a few hundred are kept at most.
_FACTS: dict[int, tuple[Template, _Facts]] = {}
_MAX_FACTS = 256


def facts_of(template: Template) -> _Facts:
    """The facts of ``template``, made once while it is among the last few hundred asked about."""
    held = _FACTS.get(id(template))
    if held is not None and held[0] is template:
        return held[1]
    if len(_FACTS) >= _MAX_FACTS:
        _FACTS.clear()
    found = _Facts(template)
    _FACTS[id(template)] = (template, found)
    return found


def _keys(data: Any, allowed: frozenset[str]) -> dict[str, Any]:
    if type(data) is not dict or not allowed.issuperset(data):
        raise Slow("not a mapping of known keys")
    return data


_forbidden = FORBIDDEN_TEXT.search


def _str(value: Any) -> str:
    if type(value) is not str or _forbidden(value):
        raise Slow("not text, or a forbidden character")
    return value


def _opt_str(value: Any) -> str | None:
    if value is not None and (type(value) is not str or _forbidden(value)):
        raise Slow("not text, or a forbidden character")
    return value


def _choice(value: Any, allowed: frozenset[str]) -> Any:
    """``value`` if it is one of ``allowed`` (a Literal's values); else Slow."""
    if type(value) is not str or value not in allowed:
        raise Slow("not one of the allowed values")
    return value


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ConversionProblem:
        raise Slow("not a date") from None


def _person(data: Any) -> Person:
    data = _keys(data, _PERSON_KEYS)
    return Person(id=_str(data.get("id", 0)), name=_opt_str(data.get("name")), team=_opt_str(data.get("team")))


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise Slow("not a list")
    for item in value:
        if type(item) is not str or _forbidden(item):
            raise Slow("not text, or a forbidden character")
    return tuple(value)


#: An answer's single values in plain data: a file's, and a date (a dict from Python may hold one).
_ANSWER_SCALARS = (*FILE_SCALARS, dt.date)


def _answer(data: Any) -> Answer:
    data = _keys(data, _ANSWER_KEYS)
    value = data.get("value")
    if type(value) is list:
        value = _strings(value)
    elif value is not None and type(value) not in _ANSWER_SCALARS:
        raise Slow("not an answer value")
    visibility = _choice(data.get("visibility", "shared"), _VISIBILITY)
    return Answer(text=_opt_str(data.get("text")), value=value, visibility=visibility)


def _ranking(data: Any) -> MotivationRanking:
    data = _keys(data, _RANKING_KEYS)
    return MotivationRanking(ranking=_strings(data.get("ranking", [])), notes=_opt_str(data.get("notes")))


def _grow(data: Any) -> GrowPlan:
    data = _keys(data, _GROW_KEYS)
    goal = data.get("goal")
    if goal is not None:
        goal = _keys(goal, _GOAL_KEYS)
        goal = Goal(
            statement=_opt_str(goal.get("statement")), success=_opt_str(goal.get("success")), by=_date(goal.get("by"))
        )
    reality = data.get("reality")
    if reality is not None:
        reality = _keys(reality, _REALITY_KEYS)
        reality = Reality(current=_opt_str(reality.get("current")), obstacles=_strings(reality.get("obstacles", [])))
    options = data.get("options", [])
    if type(options) is not list:
        raise Slow("not a list")
    built_options = []
    for item in options:
        option = _keys(item, _OPTION_KEYS)
        chosen = option.get("chosen", False)
        if type(chosen) is not bool:
            raise Slow("not true/false")
        built_options.append(Option(text=_str(option.get("text", 0)), chosen=chosen))
    will = data.get("will", [])
    if type(will) is not list:
        raise Slow("not a list")
    actions = []
    for item in will:
        action = _keys(item, _ACTION_KEYS)
        owner = _choice(action.get("owner", "employee"), _OWNERS)
        status = _choice(action.get("status", "open"), _STATUSES)
        due, agreed = _date(action.get("due")), _date(action.get("agreed"))
        text, action_id = _str(action.get("text", 0)), _opt_str(action.get("id"))
        actions.append(Action(text=text, owner=owner, due=due, status=status, id=action_id, agreed=agreed))
    return GrowPlan(goal=goal, reality=reality, options=tuple(built_options), will=tuple(actions))


def conversation(data: Any, lookup: Lookup) -> Conversation:
    """A record from plain data (the envelope included), every rule checked; else `Slow`.

    The types are checked here, as the record is built; the rules that need the template by
    `check_rules`, as for a record read from JSON.

    Examples:
        >>> from careerconv.registry import default_registry
        >>> data = {"kind": "conversation", "schema_version": 1, "id": "r1",
        ...         "template": {"name": "standard"}, "employee": {"id": "alex"}}
        >>> conversation(data, Lookup(default_registry())).employee.id
        'alex'
    """
    data = _keys(data, _RECORD_KEYS)
    if (
        data.get("kind") != "conversation"
        or type(data.get("schema_version")) is not int
        or data["schema_version"] != SCHEMA_VERSION
    ):
        raise Slow("not a record of this schema version")
    ref = _keys(data.get("template"), _REF_KEYS)
    params = data.get("params", {})
    if type(params) is not dict:
        raise Slow("not a mapping")
    for value in params.values():
        _str(value)
    answers = data.get("answers", {})
    if type(answers) is not dict:
        raise Slow("not a mapping")
    manager = data.get("manager")
    motivations = data.get("motivations")
    grow = data.get("grow")
    notes = data.get("notes", [])
    if type(notes) is not list:
        raise Slow("not a list")
    built_notes = []
    for item in notes:
        note = _keys(item, _NOTE_KEYS)
        visibility = _choice(note.get("visibility", "shared"), _VISIBILITY)
        built_notes.append(Note(text=_str(note.get("text", 0)), visibility=visibility))
    record = Conversation(
        id=_str(data.get("id", 0)),
        template=TemplateRef(
            name=_str(ref.get("name", 0)), version=_opt_str(ref.get("version")), locale=_opt_str(ref.get("locale"))
        ),
        date=_date(data.get("date")),
        employee=_person(data.get("employee")),
        manager=None if manager is None else _person(manager),
        params=dict(params),
        answers={key: _answer(value) for key, value in answers.items()},
        motivations=None if motivations is None else _ranking(motivations),
        grow=None if grow is None else _grow(grow),
        notes=tuple(built_notes),
    )
    return check_rules(record, lookup)


# ------------------------------------------------------------------------------------ typed JSON decoding


class _Mirror:
    """msgspec Structs of the record's shape, made from the model: the JSON decoder checks types in C.

    Every field defaults to ``UNSET``, so encoding a decoded record writes back exactly the keys the text
    held. msgspec reads dates as strictly as careerconv (``YYYY-MM-DD``, a day of the calendar).
    """

    def __init__(self) -> None:
        import msgspec  # noqa: PLC0415

        self.msgspec = msgspec
        self.structs: dict[type, Any] = {}
        root = self.struct(
            Conversation,
            extra=[
                ("kind", Literal["conversation"]),
                ("schema_version", int),
            ],
        )
        self.decode = msgspec.json.Decoder(root).decode
        encoder = msgspec.json.Encoder()
        self.encode = encoder.encode
        self.encode_into = encoder.encode_into
        # msgspec refuses a union of text and dates (both are JSON strings), and a file's answer value is never a
        # date, only text that check_rules turns into one for a date question (as the full path does). So the
        # decoder that builds the model is made while Answer.value reads as that union without dates.
        annotations = Answer.__annotations__
        typed = annotations["value"]
        annotations["value"] = _FILE_ANSWER_VALUE
        try:
            self.build = msgspec.json.Decoder(Conversation).decode
        finally:
            annotations["value"] = typed

    def struct(self, cls: type, extra: list[tuple[str, Any]] | None = None) -> Any:
        if cls not in self.structs:
            hints = typing.get_type_hints(cls)
            unset = self.msgspec.UnsetType
            fields: list[tuple[str, Any] | tuple[str, Any, Any]] = list(extra or [])
            for field in attrs.fields(cls):
                kind = self.hint(hints[field.name])
                if field.default is attrs.NOTHING:
                    fields.append((field.name, kind))
                else:
                    fields.append((field.name, kind | unset, self.msgspec.UNSET))
            self.structs[cls] = self.msgspec.defstruct(
                f"_{cls.__name__}", fields, forbid_unknown_fields=True, kw_only=True
            )
        return self.structs[cls]

    def hint(self, hint: Any) -> Any:
        if hint == AnswerValue:
            hint = _FILE_ANSWER_VALUE
        origin = typing.get_origin(hint)
        if hint in (str, int, bool):
            return hint
        if hint is dt.date:
            return dt.date
        if attrs.has(hint):
            return self.struct(hint)
        if origin is Literal:
            return hint
        if origin is tuple:
            return list[self.hint(typing.get_args(hint)[0])]  # type: ignore[misc]
        if origin is dict:
            return dict[str, self.hint(typing.get_args(hint)[1])]  # type: ignore[misc]
        args = typing.get_args(hint)
        result = self.hint(args[0])
        for arg in args[1:]:
            result = result | (None if arg is type(None) else self.hint(arg))
        return result


#: An answer's value as files write it (a date answer is text there), for msgspec.
_FILE_ANSWER_VALUE: Any = functools.reduce(operator.or_, FILE_SCALARS) | tuple[str, ...] | None

_mirror: _Mirror | None = None


def _typed() -> _Mirror | None:
    global _mirror  # noqa: PLW0603 - made once, on first use
    if _mirror is None:
        try:
            _mirror = _Mirror()
        except ImportError:  # pragma: no cover - msgspec is a dependency on CPython; elsewhere the full path
            return None
    return _mirror


#: How a record's line in careerconv's JSON Lines begins: the envelope, then the record's fields.
LINE_START = b'{"kind":"conversation","schema_version":%d,' % SCHEMA_VERSION


def record_line(record: Conversation) -> bytearray | None:
    """A record as careerconv writes it in JSON Lines (compact, every field, a final newline); ``None`` without msgspec.

    The record is encoded once, into a buffer that already holds the envelope: its opening brace lands on the
    envelope's last comma, which is put back.

    Examples:
        >>> from careerconv.model import Person, TemplateRef
        >>> record_line(Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex")))[:60]
        bytearray(b'{"kind":"conversation","schema_version":1,"answers":{},"date')
    """
    mirror = _typed()
    if mirror is None:
        return None
    line = bytearray(LINE_START)
    comma = len(LINE_START) - 1
    mirror.encode_into(record, line, comma)
    line[comma] = 44  # ","
    line.append(10)  # "\n"
    return line


def conversation_json(raw: bytes | str, lookup: Lookup) -> Conversation:
    """A record from JSON text: decoded and type-checked in C, every other rule checked here; else Slow.

    msgspec builds the model's attrs classes from the text, checking every type, without Python code. A line
    exactly as careerconv writes it (`record_line` of the record built from it) holds no unknown or
    repeated key: that is checked by writing the record again and comparing. Any other text is read a second
    time, into the mirror Structs, which refuse unknown keys; and the text and the mirror record written again
    must hold as many colons, which they do unless a key was written twice. Then the rules that need the
    template are checked on the built record.

    Examples:
        >>> from careerconv.registry import default_registry
        >>> text = b'{"kind": "conversation", "schema_version": 1, "id": "r1", "template": {"name": "standard"},'
        >>> conversation_json(text + b' "employee": {"id": "alex"}}', Lookup(default_registry())).template.name
        'standard'
    """
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    mirror = _typed()
    if mirror is None or len(data) > MAX_BYTES or (b"\\" in data and b"\\u" in data) or forbidden_in_json(data):
        raise Slow("not for the fast path")
    try:
        record = mirror.build(data)
    except Exception:  # noqa: BLE001 - any refusal (syntax, type, NaN, depth): the full path says why
        raise Slow("not plainly valid") from None
    if not (data.startswith(LINE_START) and _canonical(data, mirror.encode(record))):
        try:
            checked = mirror.decode(data)
        except Exception:  # noqa: BLE001 - an unknown key, a missing envelope: the full path says why
            raise Slow("not plainly valid") from None
        # Without \\u escapes a colon is written as itself, so the text and the record written again hold as
        # many colons (one a key, plus those inside strings) unless the text wrote a key twice.
        if checked.schema_version != SCHEMA_VERSION or data.count(b":") != mirror.encode(checked).count(b":"):
            raise Slow("schema version, or duplicate keys")
    return check_rules(record, lookup)


def _canonical(data: bytes, encoded: bytes) -> bool:
    """Whether ``data`` is the line careerconv writes for the record ``encoded`` (with or without its newline)."""
    start = len(LINE_START)
    end = len(data) - 1 if data.endswith(b"\n") else len(data)
    return end - start == len(encoded) - 1 and data[start:end] == encoded[1:]


def record_fits(record: Conversation, lookup: Lookup) -> bool:
    """Whether a record built in Python, its Python types checked already, meets every rule; else the full path.

    The text rule is asked of the record's JSON image (the same scan as for JSON text), the template's rules of
    the record itself (`check_rules`): no plain data is made. A no means "ask the full path", which says
    exactly what is wrong.

    Examples:
        >>> from careerconv.model import Person, TemplateRef
        >>> from careerconv.registry import default_registry
        >>> record = Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex"))
        >>> record_fits(record, Lookup(default_registry()))
        True
    """
    line = record_line(record)
    if line is None or b"\\u" in line or forbidden_in_json(line):  # an escape may hide a forbidden character
        return False
    try:
        check_rules(record, lookup)
    except Slow:
        return False
    return True


def check_rules(record: Conversation, lookup: Lookup) -> Conversation:
    """The rules of ``validation.check_conversation`` on a built record, as a yes (the record) or no (Slow).

    Each rule is the predicate the full path calls (``validation``, ``questions``), asked for a yes or a no.
    The record given back holds each answer as Python does (a date question's text as a date): a new record
    when one changed, as a frozen record is never written to.
    """
    manager = record.manager
    ids = (record.id, record.employee.id) if manager is None else (record.id, record.employee.id, manager.id)
    if not are_record_ids(ids):
        raise Slow("bad id")
    ref = record.template
    facts = lookup.facts(ref.name, ref.version, ref.locale)
    if record.params and undeclared(record.params, facts.parameters):
        raise Slow("undeclared parameter")
    changed = _answers_fit(record.answers, facts) if record.answers else None
    ranking = record.motivations
    if ranking is not None and (not facts.count or not ranks_each_once(ranking.ranking, facts.motivations)):
        raise Slow("no motivations section, or not a ranking of every motivation once")
    if record.grow is not None and (
        not facts.grow or not action_ids_fit([action.id for action in record.grow.will if action.id is not None])
    ):
        raise Slow("no grow section, or a bad or repeated action id")
    return record if changed is None else attrs.evolve(record, answers={**record.answers, **changed})


def _answers_fit(answers: dict[str, Answer], facts: _Facts) -> dict[str, Answer] | None:
    """Every answer to a question of the template, its value fit for the question; else Slow.

    The answers whose file value Python holds otherwise (a date's text), as Python holds them; ``None`` if none.
    """
    changed = None
    questions = facts.questions
    if undeclared(answers, questions):
        raise Slow("unknown question")
    for key, answer in answers.items():
        if answer.value is not None:
            question = questions[key]
            kind = facts.kinds[key]
            if kind.check_value(list(answer.value) if type(answer.value) is tuple else answer.value, question):
                raise Slow("value does not fit its question")
            if key in facts.converted:
                changed = changed or {}
                changed[key] = attrs.evolve(answer, value=kind.from_file(answer.value))
    return changed
