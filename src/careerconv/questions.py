"""Question types: each type of question, and everything that differs between types, in one place.

A question's ``type`` says what its answer's ``value`` holds. Each type is one class here: its own template
fields and their rule, the check of a value with its message, how a file's value becomes a Python one (a date
is text in a file), its JSON Schema, how it is described (the comment of a draft, the notes of a guide, a
value as people read it) and what the browser form needs to draw its control. The form's script has one
control per type name. Every path asks the type: the full and the fast path, dicts and objects, the schema,
drafts, reports and the form.

To add a type: write its class (a subclass of `QuestionKind`), add its name to [`QuestionType`][careerconv.QuestionType]
and its instance to `KINDS`, and give ``form.js`` a control of the same name.

This module knows a question only by the fields it reads (`Asked`), so the model can ask it without a
circle.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar, Literal, Protocol, TypeAlias, get_args

from careerconv.errors import ConversionProblem, Finding, Found, Path, describe

__all__ = [
    "DATE_SCHEMA",
    "FILE_SCALARS",
    "KINDS",
    "AnswerValue",
    "Asked",
    "Fault",
    "QuestionKind",
    "QuestionType",
    "check_question",
    "kind_of",
    "parse_date",
]

#: The types a question may have; ``text`` is the default.
QuestionType: TypeAlias = Literal["text", "scale", "choice", "date", "boolean"]

#: What an answer's ``value`` holds in Python, whatever the question's type: a number, an option (text), a list of
#: options, a date, yes or no; every type's values are among these.
AnswerValue: TypeAlias = int | str | dt.date | tuple[str, ...] | bool | None

#: The single values (not lists) that a file writes as an answer's ``value``: a date is text there.
FILE_SCALARS: tuple[type, ...] = tuple(
    t for t in get_args(AnswerValue) if isinstance(t, type) and t not in (dt.date, type(None))
)

#: What is wrong with a value: ``(message, code)``.
Fault: TypeAlias = tuple[str, str]

#: Fills a template's ``{parameter}`` placeholders in one text, for people to read.
Fill: TypeAlias = Callable[[str], str]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A date as JSON Schema says it: the text careerconv writes, ``YYYY-MM-DD``.
DATE_SCHEMA: Mapping[str, str] = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


class Option(Protocol):
    """An option of a choice, as the types read it ([`Choice`][careerconv.Choice])."""

    @property
    def id(self) -> str:
        """The id an answer gives."""

    @property
    def label(self) -> str:
        """The words people read."""


class Asked(Protocol):
    """A question, as the types read it ([`Question`][careerconv.Question])."""

    @property
    def type(self) -> str:
        """The type's name."""

    @property
    def min(self) -> int | None:
        """A scale's lowest point."""

    @property
    def max(self) -> int | None:
        """A scale's highest point."""

    @property
    def labels(self) -> Sequence[str]:
        """A scale's labels, one per point, or none."""

    @property
    def options(self) -> Sequence[Option]:
        """A choice's options."""

    @property
    def multiple(self) -> bool:
        """Whether a choice takes several options."""


def parse_date(value: Any) -> dt.date:
    """Read an ISO date (``YYYY-MM-DD``) strictly; raise `ConversionProblem` if not one.

    Examples:
        >>> parse_date("2026-11-26")
        datetime.date(2026, 11, 26)
    """
    if type(value) is dt.date:
        return value
    if type(value) is not str:
        raise ConversionProblem("wrong-type", f"expected a date (YYYY-MM-DD), found {describe(value)}")
    if not _ISO_DATE.fullmatch(value):
        raise ConversionProblem("invalid-date", "expected a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConversionProblem("invalid-date", "not a date in the calendar") from None


class QuestionKind:
    """How one type of question behaves. The base is a question answered in words alone (``text``).

    Examples:
        >>> kind_of("scale").fields
        ('min', 'max', 'labels')
    """

    #: The type's name, as templates write it.
    name: ClassVar[str] = "text"
    #: The template fields only this type takes (another type's question leaving them out).
    fields: ClassVar[tuple[str, ...]] = ()
    #: For each field, the values that count as leaving it out.
    empty: ClassVar[tuple[object, ...]] = (None, [])
    #: Whether Python holds a file's value otherwise (`from_file` changes it: a date's text).
    converts: ClassVar[bool] = False
    #: The Python types a file's value may have for this type (before `from_file`).
    file_values: ClassVar[tuple[type, ...]] = ()
    #: The type's words for reports, guides and forms, by language; English is the fallback.
    words: ClassVar[Mapping[str, Mapping[str, str]]] = {}

    @property
    def takes_value(self) -> bool:
        """Whether an answer has a ``value``: a type with value types (a text question is answered with text)."""
        return bool(self.file_values)

    def word(self, language: str, key: str, **values: object) -> str:
        """One of the type's words in ``language`` (English when it has none), filled with ``values``."""
        found = self.words.get(language) or self.words["en"]
        return found[key].format(**values)

    def check_template(self, question: Mapping[str, Any], where: Path) -> Found:
        """The type's own rules on a template's question, as plain data (its fields are typed already)."""
        return iter(())

    def check_value(self, value: Any, question: Asked) -> Fault | None:
        """What is wrong with ``value`` as an answer's ``value`` (plain data: lists, not tuples); ``None`` if fine."""
        return "a text question is answered with 'text', not 'value'", "answer-type"

    def from_file(self, value: Any) -> Any:
        """A file's value, already checked, as Python holds it (a date's text as a date)."""
        return value

    def check_python(self, value: Any) -> str | None:
        """What is wrong with a value built in Python that files write differently; ``None`` if nothing."""
        return None

    def value_schema(self, question: Asked, words: Fill) -> dict[str, Any]:
        """The JSON Schema of an answer's ``value`` (``null`` allowed besides), labels as ``title``."""
        return {"type": "null", "description": "a text question is answered with 'text'"}

    def describe(self, question: Asked, value: Any, language: str = "en") -> str:
        """A value as people read it."""
        return "" if value is None else str(value)

    def hint(self, question: Asked, fill: Fill) -> str | None:
        """The comment a draft writes above the question's ``value``; ``None`` for no value."""
        return None

    def notes(self, question: Asked, language: str, fill: Fill) -> list[str]:
        """What a guide says under the question about its answer (``scale 1 to 5``, the options)."""
        return []

    def control(self, question: Asked, language: str, fill: Fill) -> dict[str, Any]:
        """What the form's control of this type draws, besides the question's own fields."""
        return {}


class Text(QuestionKind):
    """Free text, the default: answered with ``text``, no ``value``."""

    name = "text"


class Scale(QuestionKind):
    """A whole number from ``min`` to ``max``, with optional ``labels``, one per point."""

    name = "scale"
    fields: ClassVar[tuple[str, ...]] = ("min", "max", "labels")
    file_values = (int,)
    words: ClassVar[Mapping[str, Mapping[str, str]]] = {
        "en": {"note": "scale {low} to {high}"},
        "es": {"note": "escala de {low} a {high}"},
    }

    def check_template(self, question: Mapping[str, Any], where: Path) -> Found:
        """``min`` and ``max`` given, ``max`` above ``min``, one label per point or none."""
        low, high = question.get("min"), question.get("max")
        for field, value in (("min", low), ("max", high)):
            if value is None:
                yield Finding((*where, field), f"a scale question needs '{field}'", "missing-field")
        if type(low) is int and type(high) is int:
            if low >= high:
                yield Finding((*where, "max"), "'max' must be greater than 'min'", "invalid-scale")
                return
            labels = question.get("labels")
            points = high - low + 1
            if isinstance(labels, list) and labels and len(labels) != points:
                message = f"a scale from {low} to {high} takes {points} labels, one per point, or none"
                yield Finding((*where, "labels"), message, "invalid-scale")

    def check_value(self, value: Any, question: Asked) -> Fault | None:
        """A whole number (not true/false), within the scale."""
        if type(value) is not int:
            return "a scale question takes a whole number", "answer-type"
        if question.min is not None and question.max is not None and not question.min <= value <= question.max:
            return f"expected a whole number from {question.min} to {question.max}", "answer-out-of-range"
        return None

    def value_schema(self, question: Asked, words: Fill) -> dict[str, Any]:
        """An integer in range; with labels, each point with its label as ``title``."""
        typed: dict[str, Any] = {"type": "integer", "minimum": question.min, "maximum": question.max}
        if question.labels and question.min is not None:
            points = enumerate(question.labels, start=question.min)
            typed["oneOf"] = [{"const": point, "title": words(label)} for point, label in points]
        return typed

    def describe(self, question: Asked, value: Any, language: str = "en") -> str:
        """The point with its label: ``3 \N{EN DASH} High``."""
        if type(value) is int and question.labels and question.min is not None:
            index = value - question.min
            if 0 <= index < len(question.labels):
                return f"{value} \N{EN DASH} {question.labels[index]}"
        return super().describe(question, value)

    def points(self, question: Asked) -> range:
        """The scale's points, from ``min`` to ``max``."""
        return range(question.min or 0, (question.max or -1) + 1)

    def hint(self, question: Asked, fill: Fill) -> str | None:
        """``value: a whole number from 1 to 5 (1 \N{EN DASH} Low, ...)``."""
        hint = f"value: a whole number from {question.min} to {question.max}"
        if question.labels and question.min is not None:
            labelled = range(question.min, question.min + len(question.labels))
            hint += " (" + ", ".join(fill(self.describe(question, point)) for point in labelled) + ")"
        return hint

    def notes(self, question: Asked, language: str, fill: Fill) -> list[str]:
        """The range, then the labels."""
        notes = [self.word(language, "note", low=question.min, high=question.max)]
        if question.labels:
            notes.append(", ".join(fill(label) for label in question.labels))
        return notes

    def control(self, question: Asked, language: str, fill: Fill) -> dict[str, Any]:
        """Each point, with its label."""
        if question.min is None or question.max is None:
            return {"points": []}
        return {"points": [{"id": p, "label": fill(self.describe(question, p))} for p in self.points(question)]}


class Choice(QuestionKind):
    """One of ``options``, or several when ``multiple``."""

    name = "choice"
    fields: ClassVar[tuple[str, ...]] = ("options", "multiple")
    empty: ClassVar[tuple[object, ...]] = (None, [], False)
    file_values = (str, list)
    words: ClassVar[Mapping[str, Mapping[str, str]]] = {
        "en": {"any": "choose any of", "one": "choose one of"},
        "es": {"any": "elige las que quieras de", "one": "elige una de"},
    }

    def check_template(self, question: Mapping[str, Any], where: Path) -> Found:
        """At least two options, no empty id, no id and no label twice."""
        options = question.get("options")
        if options is None or (isinstance(options, list) and len(options) < 2):
            yield Finding((*where, "options"), "a choice question needs at least two options", "invalid-options")
        elif isinstance(options, list):
            yield from _check_options(options, (*where, "options"))

    def check_value(self, value: Any, question: Asked) -> Fault | None:
        """Option ids the question has, each once; a list only when it takes several."""
        chosen = value if isinstance(value, list) else [value]
        if isinstance(value, list) and not question.multiple:
            return "this question takes one option, not a list", "answer-type"
        ids = [option.id for option in question.options]
        if not all(isinstance(item, str) and item in ids for item in chosen):
            return f"expected one of the options: {', '.join(ids)}", "answer-not-an-option"
        if len(set(chosen)) != len(chosen):
            return "each option is chosen once", "answer-repeats-option"
        return None

    def value_schema(self, question: Asked, words: Fill) -> dict[str, Any]:
        """One of the option ids (labels as ``title``); or, when ``multiple``, a list of them, each once."""
        option = {"oneOf": [{"const": o.id, "title": words(o.label)} for o in question.options]}
        if question.multiple:  # several options, each once; one option alone is an answer too
            return {"anyOf": [option, {"type": "array", "items": option, "uniqueItems": True}]}
        return option

    def describe(self, question: Asked, value: Any, language: str = "en") -> str:
        """The option's label (an unknown id as it is)."""
        if isinstance(value, str):
            return next((option.label for option in question.options if option.id == value), value)
        return super().describe(question, value)

    def hint(self, question: Asked, fill: Fill) -> str | None:
        """``value: one of: often (Often), never``."""
        options = ", ".join(o.id if o.id == o.label else f"{o.id} ({fill(o.label)})" for o in question.options)
        return f"value: a list of any of: {options}" if question.multiple else f"value: one of: {options}"

    def notes(self, question: Asked, language: str, fill: Fill) -> list[str]:
        """``choose one of: Often, Never``."""
        how = self.word(language, "any" if question.multiple else "one")
        return [f"{how}: " + ", ".join(fill(option.label) for option in question.options)]

    def control(self, question: Asked, language: str, fill: Fill) -> dict[str, Any]:
        """Each option, with its label; whether several may be chosen."""
        points = [{"id": o.id, "label": fill(o.label)} for o in question.options]
        return {"points": points, "multiple": question.multiple}


def _check_options(options: list[Any], where: Path) -> Found:
    """A choice's options: no empty id, no id and no label twice."""
    ids: set[str] = set()
    labels: set[str] = set()
    for index, option in enumerate(options):
        option_id, label = (option, option) if isinstance(option, str) else (None, None)
        if isinstance(option, dict):
            option_id, label = option.get("id"), option.get("label")
            if option_id == "":
                yield Finding((*where, index, "id"), "an option's id is not empty", "invalid-id")
        if isinstance(option_id, str) and option_id in ids:
            yield Finding((*where, index), f"option '{option_id}' is listed twice", "invalid-options")
        elif isinstance(label, str) and label in labels:
            yield Finding((*where, index), "two options have the same label", "invalid-options")
        if isinstance(option_id, str):
            ids.add(option_id)
        if isinstance(label, str):
            labels.add(label)


class Date(QuestionKind):
    """A day of the calendar: ``YYYY-MM-DD`` in files, a `datetime.date` in Python."""

    name = "date"
    converts = True
    file_values = (str,)
    words: ClassVar[Mapping[str, Mapping[str, str]]] = {
        "en": {"note": "a date", "label": "Date"},
        "es": {"note": "una fecha", "label": "Fecha"},
    }

    def check_value(self, value: Any, question: Asked) -> Fault | None:
        """A date, or its text ``YYYY-MM-DD``."""
        try:
            parse_date(value)
        except ConversionProblem as problem:
            return problem.message, problem.code
        return None

    def from_file(self, value: Any) -> Any:
        """The date the text writes."""
        return parse_date(value)

    def check_python(self, value: Any) -> str | None:
        """Text is how files write a date; in Python it is a date."""
        if type(value) is str:
            return "a date question's value is a datetime.date in Python, found str"
        return None

    def value_schema(self, question: Asked, words: Fill) -> dict[str, Any]:
        """A date as text."""
        return dict(DATE_SCHEMA)

    def hint(self, question: Asked, fill: Fill) -> str | None:
        """``value: a date, YYYY-MM-DD``."""
        return "value: a date, YYYY-MM-DD"

    def notes(self, question: Asked, language: str, fill: Fill) -> list[str]:
        """``a date``."""
        return [self.word(language, "note")]

    def control(self, question: Asked, language: str, fill: Fill) -> dict[str, Any]:
        """The date field's label."""
        return {"label": self.word(language, "label")}


class Boolean(QuestionKind):
    """Yes or no: ``true`` or ``false`` in files, ``True`` or ``False`` in Python."""

    name = "boolean"
    file_values = (bool,)
    words: ClassVar[Mapping[str, Mapping[str, str]]] = {
        "en": {"true": "yes", "false": "no", "note": "yes or no", "Yes": "Yes", "No": "No"},
        "es": {"true": "sí", "false": "no", "note": "sí o no", "Yes": "Sí", "No": "No"},
    }

    def check_value(self, value: Any, question: Asked) -> Fault | None:
        """``true`` or ``false``: not a number, not the text ``yes``."""
        if type(value) is not bool:
            return "a yes/no question takes true or false", "answer-type"
        return None

    def value_schema(self, question: Asked, words: Fill) -> dict[str, Any]:
        """A JSON boolean."""
        return {"type": "boolean"}

    def describe(self, question: Asked, value: Any, language: str = "en") -> str:
        """``yes`` or ``no``, in ``language``."""
        if type(value) is bool:
            return self.word(language, "true" if value else "false")
        return super().describe(question, value)

    def hint(self, question: Asked, fill: Fill) -> str | None:
        """``value: true (yes) or false (no)``."""
        return "value: true (yes) or false (no)"

    def notes(self, question: Asked, language: str, fill: Fill) -> list[str]:
        """``yes or no``."""
        return [self.word(language, "note")]

    def control(self, question: Asked, language: str, fill: Fill) -> dict[str, Any]:
        """The two answers, with their words."""
        return {
            "points": [
                {"id": True, "label": self.word(language, "Yes")},
                {"id": False, "label": self.word(language, "No")},
            ]
        }


#: Every type, by name, in the order the docs list them.
KINDS: Mapping[str, QuestionKind] = {kind.name: kind for kind in (Text(), Scale(), Choice(), Date(), Boolean())}


def kind_of(name: str) -> QuestionKind:
    """The type named ``name``; an unknown name (only an object built wrongly in Python has one) acts as text.

    Examples:
        >>> kind_of("scale").check_value(7, type("Q", (), {"min": 1, "max": 5})())
        ('expected a whole number from 1 to 5', 'answer-out-of-range')
    """
    return KINDS.get(name) or KINDS["text"]


def check_question(question: Mapping[str, Any], where: Path) -> Found:
    """A template's question (plain data): no field of another type, then its own type's rules.

    Examples:
        >>> [f.code for f in check_question({"type": "text", "min": 1}, ("q",))]
        ['field-not-allowed']
    """
    name = question.get("type", "text")
    if not isinstance(name, str):
        return
    for field, owner in _FOREIGN.get(name, _EVERY_FIELD):
        if question.get(field) not in owner.empty:
            yield Finding((*where, field), f"'{field}' applies to {owner.name} questions only", "field-not-allowed")
    kind = KINDS.get(name)
    if kind is not None:
        yield from kind.check_template(question, where)


# Each type's fields of other types, with the type they belong to (every field, for a name no type has).
_EVERY_FIELD = tuple((field, kind) for kind in KINDS.values() for field in kind.fields)
_FOREIGN = {name: tuple(pair for pair in _EVERY_FIELD if pair[0] not in kind.fields) for name, kind in KINDS.items()}
