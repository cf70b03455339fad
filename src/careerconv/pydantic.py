"""Career records as a pydantic type: a FastAPI body or response model checked by careerconv, every problem at once.

Install the extra (``pip install 'careerconv[pydantic]'``); this module is imported only when used. A field
typed ``Annotated[Conversation, RecordOf("standard")]`` (or ``record_type("standard")``, the same thing) takes
a JSON body or a dict through careerconv's [`from_data`][careerconv.from_data] (its fast path for valid
dicts), a built [`Conversation`][careerconv.Conversation] through [`validate`][careerconv.validate], and gives
back the same `Conversation` careerconv would. It writes the record as [`to_data`][careerconv.to_data] does,
and its JSON Schema is the template's ([`json_schema`][careerconv.json_schema]), so an OpenAPI page shows the
question ids, types and options.

A bad record is a ``pydantic_core.ValidationError`` listing every careerconv problem: ``loc`` is the problem's
path, ``type`` its code, ``msg`` its message, and ``input`` is left empty (error responses never echo what people
wrote). FastAPI answers 422 with all of them. JSON text is best read by [`read_json`][careerconv.pydantic.read_json]
first: pydantic's own parser keeps the last of a key written twice, and puts the text in its syntax errors.

Examples:
    >>> from pydantic import TypeAdapter
    >>> from careerconv.pydantic import record_type
    >>> adapter = TypeAdapter(record_type("standard"))
    >>> body = {"kind": "conversation", "schema_version": 1, "id": "r1", "template": {"name": "standard"},
    ...         "employee": {"id": "alex"}, "answers": {"team": {"text": "Platform", "visibility": "secret"}}}
    >>> try:
    ...     adapter.validate_python(body)
    ... except Exception as error:
    ...     print([(e["loc"], e["type"]) for e in error.errors()])
    [(('answers', 'team', 'visibility'), 'invalid-choice')]
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import pydantic_core
from pydantic_core import core_schema

from careerconv.api import from_data, json_schema, validate
from careerconv.errors import Problem, ValidationError
from careerconv.formats import json as json_format
from careerconv.formats.plain import path_parts
from careerconv.model import Conversation, Template
from careerconv.registry import Registry, default_registry
from careerconv.rules.structure import to_data

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = ["RecordOf", "read_json", "record_type"]


class RecordOf:
    """The pydantic marker of a record of one template: ``Annotated[Conversation, RecordOf("standard")]``.

    ``template`` is a template's name (looked up in ``registry``, or the default one, with ``version`` and
    ``locale``, when first needed) or a `Template` (made whole first, if it extends another). A record must
    name that template; with a ``version`` (or a `Template`), that version too.

    Examples:
        >>> from typing import Annotated
        >>> from pydantic import BaseModel
        >>> from careerconv import Conversation
        >>> class Upload(BaseModel):
        ...     record: Annotated[Conversation, RecordOf("standard")]
        >>> Upload.model_json_schema()["properties"]["record"]["title"]
        'Career Conversations: a record of standard 1.0.0 (en)'
    """

    def __init__(
        self,
        template: Template | str,
        *,
        version: str | None = None,
        locale: str | None = None,
        registry: Registry | None = None,
    ) -> None:
        """A marker for records of ``template``; nothing is looked up until pydantic builds its schema."""
        if not isinstance(template, (Template, str)):
            raise TypeError(f"expected a template or a template's name, got {type(template).__name__}")
        if isinstance(template, Template) and (version is not None or locale is not None):
            raise ValueError("version and locale choose a template by name; a Template is already one")
        self._given = template
        self._version = version
        self._locale = locale
        self._registry = registry
        self._lock = threading.Lock()
        self._found: tuple[Template, Registry] | None = None

    def __repr__(self) -> str:
        """``RecordOf('standard')``, as it was written."""
        name = self._given if isinstance(self._given, str) else self._given.name
        return f"RecordOf({name!r})"

    def _template(self) -> tuple[Template, Registry]:
        """The template (whole) and the registry records are checked in: looked up once."""
        with self._lock:
            if self._found is None:
                registry = self._registry or default_registry()
                if isinstance(self._given, str):
                    template = registry.get(self._given, version=self._version, locale=self._locale)
                    self._found = (template, registry)
                else:  # a template of its own: checked in a registry that knows it alone, made whole
                    template = registry.resolve(self._given)
                    own = Registry(entry_points=False, environment=False)
                    own.register(template)
                    self._found = (template, own)
            return self._found

    def _pinned(self) -> bool:
        return self._version is not None or isinstance(self._given, Template)

    def validate(self, value: object) -> Conversation:
        """``value`` (plain data or a `Conversation`) as a record of this template; else pydantic's error."""
        template, registry = self._template()
        if not isinstance(value, (Conversation, dict)):
            raise _pydantic_error([Problem(path="$", message="expected a record (a JSON object)", code="wrong-type")])
        try:
            if isinstance(value, Conversation):
                validate(value, registry=registry)
                record = value
            else:
                record = from_data(value, kind="conversation", registry=registry)
        except ValidationError as error:
            raise _pydantic_error(error.problems) from None
        ref = record.template
        if ref.name != template.name or (self._pinned() and ref.version not in (None, template.version)):
            wanted = template.name + (f" {template.version}" if self._pinned() else "")
            message = f"this takes records of template {wanted}"
            raise _pydantic_error([Problem(path="$.template", message=message, code="wrong-template")])
        return record

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        """Pydantic's hook: validate with careerconv, write with `to_data`."""
        return core_schema.no_info_plain_validator_function(
            self.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(to_data, when_used="always"),
        )

    def __get_pydantic_json_schema__(
        self,
        schema: core_schema.CoreSchema,
        handler: GetJsonSchemaHandler,
    ) -> JsonSchemaValue:
        """Pydantic's hook: the template's JSON Schema, its definitions written in place (OpenAPI keeps its own)."""
        template, registry = self._template()
        whole = json_schema(template, registry=registry)
        definitions = whole.pop("$defs", {})
        for key in ("$schema", "$id"):
            whole.pop(key, None)
        inlined: JsonSchemaValue = _inlined(whole, definitions)
        return inlined


def record_type(
    template: Template | str,
    *,
    version: str | None = None,
    locale: str | None = None,
    registry: Registry | None = None,
) -> type[Conversation]:
    """A pydantic type (a FastAPI body or response model) for records of ``template``, checked by careerconv.

    It is ``Annotated[Conversation, RecordOf(template, ...)]``; see `RecordOf` for the arguments. In code that
    mypy checks, write that form in annotations (a call is not a type to mypy); ``record_type`` serves where a
    type is made at run time (``TypeAdapter(record_type(name))``, a model built from a template's name).

    Examples:
        >>> from pydantic import TypeAdapter
        >>> adapter = TypeAdapter(record_type("standard"))
        >>> record = adapter.validate_python({"kind": "conversation", "schema_version": 1, "id": "r1",
        ...                                   "template": {"name": "standard"}, "employee": {"id": "alex"}})
        >>> record.employee.id, adapter.dump_python(record)["employee"]
        ('alex', {'id': 'alex'})
    """
    marker = RecordOf(template, version=version, locale=locale, registry=registry)
    return Annotated[Conversation, marker]  # type: ignore[return-value]  # an annotated form of the type


def read_json(text: str | bytes) -> object:
    """JSON text as careerconv reads it: plain data, or a pydantic error listing every problem, located.

    pydantic's own JSON parser (``validate_json``, ``model_validate_json``, and the body parser of web frameworks)
    keeps the last of a key written twice, so ``{"visibility": "private", "visibility": "shared"}`` would read as
    shared; and its syntax errors carry the whole text as their ``input``. careerconv's reader refuses a repeated
    key (``duplicate-key``), ``NaN`` and ``Infinity``, a lone surrogate, and nesting deeper than 40, and never puts
    the text in an error. Read a body with it, then validate the data: ``adapter.validate_python(read_json(body))``.

    Examples:
        >>> try:
        ...     read_json('{"answers": {"team": {"text": "x", "visibility": "private", "visibility": "shared"}}}')
        ... except Exception as error:
        ...     print([(e["loc"], e["type"], e["input"]) for e in error.errors()])
        [(('answers', 'team', 'visibility'), 'duplicate-key', None)]
    """
    parsed = json_format.read(text)
    if parsed.problems or not parsed.ok:
        problems = parsed.problems or [Problem(path="$", message="not JSON", code="json-syntax")]
        raise _pydantic_error(problems)
    data: object = parsed.data
    return data


def _pydantic_error(problems: Sequence[Problem]) -> pydantic_core.ValidationError:
    """The problems as one pydantic error: each a line with its path, code and message, no input."""
    lines: list[pydantic_core.InitErrorDetails] = [
        {
            # The message is given as context, so braces in it are never read as a template's fields.
            "type": pydantic_core.PydanticCustomError(problem.code, "{message}", {"message": problem.message}),
            "loc": path_parts(problem.path),
            "input": None,
        }
        for problem in problems
    ]
    return pydantic_core.ValidationError.from_exception_data("Conversation", lines)


def _inlined(schema: Any, definitions: dict[str, Any]) -> Any:
    """``schema`` with each ``#/$defs/X`` reference replaced by its definition (kept beside any other keyword)."""
    if isinstance(schema, list):
        return [_inlined(item, definitions) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _inlined(value, definitions) for key, value in schema.items()}
    ref = schema.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return out
    del out["$ref"]
    target = _inlined(definitions[ref.removeprefix("#/$defs/")], definitions)
    if not out:
        return target
    return {**out, "allOf": [*out.get("allOf", []), target]}
