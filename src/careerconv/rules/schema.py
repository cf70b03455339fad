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
from typing import Any, Literal, get_args, get_origin

import attrs

from careerconv import model
from careerconv.rules.envelope import SCHEMA_VERSION
from careerconv.rules.validation import EXTENDS, ID, LOCALE, PARAMETER, RECORD_ID, SEMVER

__all__ = ["DocumentKind", "json_schema"]

DocumentKind = Literal["template", "conversation"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ROOTS: dict[str, type[Any]] = {"template": model.Template, "conversation": model.Conversation}
_NOT_IN_FILES = {(model.Template, "source"), (model.Template, "origins")}

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
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def json_schema(kind: DocumentKind) -> dict[str, Any]:
    """The JSON Schema of a template (``"template"``) or a conversation record (``"conversation"``).

    Examples:
        >>> schema = json_schema("template")
        >>> schema["required"]
        ['kind', 'schema_version', 'name', 'version', 'title']
        >>> schema["$defs"]["Question"]["properties"]["type"]
        {'enum': ['text', 'scale', 'choice', 'date'], 'default': 'text'}
    """
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


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}

    def object(self, cls: type[Any]) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if (cls, field.name) in _NOT_IN_FILES:
                continue
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
            return dict(_DATE)
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
