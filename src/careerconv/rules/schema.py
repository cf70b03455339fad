"""JSON Schema (draft 2020-12) of the two document kinds, generated from the model.

The schema describes the shape of a file: its keys, their types, the fixed sets of values and the patterns of
names, ids and versions. Editors use it to complete and underline keys as people type. The rules that need
more than one field (unique ids, rankings, a section's content matching its kind, a record's answers
matching its template) are careerconv's own: ``careerconv validate`` checks them.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin

import attrs

from careerconv import model
from careerconv.questions import DATE_SCHEMA, kind_of
from careerconv.rules.envelope import SCHEMA_VERSION
from careerconv.rules.text import fill_line
from careerconv.rules.validation import EXTENDS, ID, LOCALE, PARAMETER, RECORD_ID, SEMVER

__all__ = ["DocumentKind", "json_schema"]

DocumentKind = Literal["template", "conversation"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ROOTS: dict[str, type[Any]] = {"template": model.Template, "conversation": model.Conversation}

# Patterns of particular fields, as ``(class, field)``.
_PATTERNS: dict[tuple[type[Any], str], str] = {
    (model.Template, "name"): ID.pattern,
    (model.Template, "version"): re.sub(r"\(\?P<\w+>", "(", SEMVER.pattern),  # JSON Schema patterns have no (?P<
    (model.Template, "locale"): LOCALE.pattern,
    (model.Template, "extends"): EXTENDS.pattern,
    (model.Section, "id"): ID.pattern,
    (model.Question, "id"): ID.pattern,
    (model.Motivation, "id"): ID.pattern,
    (model.Replacement, "id"): ID.pattern,
    (model.Change, "remove"): ID.pattern,
    (model.Conversation, "id"): RECORD_ID.pattern,
    (model.Person, "id"): RECORD_ID.pattern,
    (model.TemplateRef, "name"): ID.pattern,
}
# Patterns of the keys of particular mappings.
_KEYS: dict[tuple[type[Any], str], str] = {
    (model.Template, "parameters"): PARAMETER.pattern,
    (model.Conversation, "params"): PARAMETER.pattern,
    (model.Conversation, "answers"): ID.pattern,
}


def json_schema(kind: DocumentKind | model.Template, *, complete: bool = False) -> dict[str, Any]:
    """The JSON Schema of a template (``"template"``), of any record (``"conversation"``), or of one template's.

    Given a [`Template`][careerconv.Template], the schema is that of its records: ``answers`` keyed by its
    question ids, each value typed by its question (a scale's range, a choice's option ids), the labels
    people read as ``title``, the ranking a permutation of its motivations, ``grow`` only where it has a
    GROW section and ``params`` only its parameters. With ``complete=True`` each required question must be
    answered (text that is not blank, or a value), as ``validate(record, complete=True)`` asks. A front end
    can build and check a form from it; careerconv still checks what a schema cannot say.

    Examples:
        >>> schema = json_schema("template")
        >>> schema["required"]
        ['kind', 'schema_version', 'name', 'version', 'title']
        >>> schema["$defs"]["Question"]["properties"]["type"]["default"]
        'text'
        >>> from careerconv import get_template
        >>> record = json_schema(get_template("standard"), complete=True)
        >>> record["properties"]["answers"]["properties"]["career-so-far"]["title"]
        'Tell me in 10 minutes about your career so far.'
        >>> record["properties"]["motivations"]["anyOf"][0]["properties"]["ranking"]["maxItems"]
        7
    """
    if isinstance(kind, model.Template):
        return _record_schema(kind, complete=complete)
    if kind not in _ROOTS:
        raise ValueError(f"unknown document kind {kind!r}: expected 'template' or 'conversation'")
    builder = _Builder()
    root = builder.object(_ROOTS[kind])
    envelope = {
        "kind": {"const": kind},
        "schema_version": {"type": "integer", "minimum": 1, "maximum": SCHEMA_VERSION},
    }
    return {
        "$schema": _DIALECT,
        "$id": f"https://careerconv.readthedocs.io/schema/{kind}-{SCHEMA_VERSION}.json",
        "title": f"careerconv {kind}",
        "description": (_ROOTS[kind].__doc__ or "").strip().splitlines()[0],
        "type": "object",
        "properties": {**envelope, **root["properties"]},
        "required": ["kind", "schema_version", *root["required"]],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.definitions.items())),
    }


def _record_schema(template: model.Template, *, complete: bool) -> dict[str, Any]:
    """The schema of ``template``'s records: the generic record's, with each part narrowed to the template."""
    schema = json_schema("conversation")
    values = {name: p.default for name, p in template.parameters.items() if p.default is not None}

    def words(text: str) -> str:
        return fill_line(text, values)

    answers: dict[str, Any] = {}
    required: list[str] = []
    for question in template.iter_questions():
        answer: dict[str, Any] = {"$ref": "#/$defs/Answer", "title": words(question.text)}
        if question.help:
            answer["description"] = words(question.help)
        answer["properties"] = {"value": _value_schema(question, words)}
        if complete and question.required:
            required.append(question.id)
            answer["anyOf"] = [
                {"required": ["text"], "properties": {"text": {"type": "string", "pattern": r"\S"}}},
                {"required": ["value"], "properties": {"value": {"not": {"type": "null"}}}},
            ]
        answers[question.id] = answer
    properties = schema["properties"]
    properties["template"] = {**properties["template"], "properties": {"name": {"const": template.name}}}
    properties["params"] = {
        "type": "object",
        "properties": {
            name: {"type": "string", **({"description": p.description} if p.description else {})}
            for name, p in template.parameters.items()
        },
        "additionalProperties": False,
    }
    properties["answers"] = {
        "type": "object",
        "properties": answers,
        "additionalProperties": False,
        **({"required": required} if required else {}),
    }
    motivations = template.motivations()
    if motivations:
        each = {"oneOf": [{"const": m.id, "title": words(m.label)} for m in motivations]}
        ranking = {
            "type": "array",
            "items": each,
            "uniqueItems": True,
            "maxItems": len(motivations),
            "anyOf": [{"maxItems": 0}, {"minItems": len(motivations)}],  # not ranked yet, or every one once
            "description": "every motivation once, the most important first",
        }
        properties["motivations"] = {
            "anyOf": [{"$ref": "#/$defs/MotivationRanking", "properties": {"ranking": ranking}}, {"type": "null"}]
        }
    else:
        properties["motivations"] = {"type": "null"}
    if not any(section.kind == "grow" for section in template.sections):
        properties["grow"] = {"type": "null"}
    if required:  # a record that leaves out ``answers`` answers nothing
        schema["required"] = [*schema["required"], "answers"]
    label = f"{template.name} {template.version} ({template.locale})"
    return {
        **schema,
        "$id": f"urn:careerconv:record:{template.name}:{template.version}:{template.locale}",
        "title": f"{words(template.title)}: a record of {label}",
        "description": f"A careerconv conversation record of template {label}.",
    }


def _value_schema(question: model.Question, words: Callable[[str], str]) -> dict[str, Any]:
    """An answer's ``value`` for ``question``, as its type says: none for text, else its type or ``null``."""
    kind = kind_of(question.type)
    typed = kind.value_schema(question, words)
    return {"anyOf": [typed, {"type": "null"}]} if kind.takes_value else typed


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}

    def object(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in model.file_fields(cls):
            schema = self.type(hints[field.name])
            pattern = _PATTERNS.get((cls, field.name))
            if pattern is not None:
                schema = _with_pattern(schema, pattern)
            keys = _KEYS.get((cls, field.name))
            if keys is not None:
                schema = {**schema, "propertyNames": {"pattern": f"^(?:{keys})$"}}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif not isinstance(field.default, attrs.Factory) and field.default not in (None, ()):  # type: ignore[arg-type]
                schema = {**schema, "default": field.default}
            properties[field.name] = schema
        return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.definitions:
            self.definitions[name] = {}  # a placeholder first: classes may refer to each other
            definition = self.object(cls)
            doc = (cls.__doc__ or "").strip().splitlines()
            self.definitions[name] = {"description": doc[0], **definition} if doc else definition
        return {"$ref": f"#/$defs/{name}"}

    def type(self, hint: Any) -> dict[str, Any]:
        origin = get_origin(hint)
        if hint is str:
            return {"type": "string"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is dt.date:
            return dict(DATE_SCHEMA)
        if hint is model.Choice:  # a plain text is both an option's id and its label
            return {"anyOf": [{"type": "string"}, self.ref(hint)]}
        if attrs.has(hint):
            return self.ref(hint)
        if origin is Literal:
            return {"enum": list(get_args(hint))}
        if origin is tuple:
            return {"type": "array", "items": self.type(get_args(hint)[0])}
        if origin is dict:
            value = self.type(get_args(hint)[1])
            return {"type": "object", "additionalProperties": value}
        if origin in (typing.Union, types.UnionType):
            choices = [self.type(arg) for arg in get_args(hint) if arg is not type(None)]
            nullable = type(None) in get_args(hint)
            if nullable and len(choices) == 1 and isinstance(choices[0].get("type"), str):
                return {**choices[0], "type": [choices[0]["type"], "null"]}  # an optional text, number or date
            options = [*choices, {"type": "null"}] if nullable else choices
            return options[0] if len(options) == 1 else {"anyOf": options}
        raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - every model type is covered


def _with_pattern(schema: dict[str, Any], pattern: str) -> dict[str, Any]:
    anchored = f"^(?:{pattern})$"
    if "anyOf" in schema:
        options = [{**o, "pattern": anchored} if o.get("type") == "string" else o for o in schema["anyOf"]]
        return {**schema, "anyOf": options}
    return {**schema, "pattern": anchored}
