"""``careerconv.pydantic``: a record type that validates with careerconv and reports every problem to pydantic."""

from __future__ import annotations

from typing import Annotated, Any

import attrs
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv import Answer, Conversation, Person, Template, TemplateRef
from careerconv.formats.plain import json_path, path_parts
from careerconv.pydantic import RecordOf, record_type
from tests.conftest import examples

BODY: dict[str, Any] = {
    "kind": "conversation",
    "schema_version": 1,
    "id": "r1",
    "template": {"name": "standard"},
    "employee": {"id": "alex"},
}


class Upload(pydantic.BaseModel):
    record: Annotated[Conversation, RecordOf("standard")]
    comment: str


def errors(call: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
    with pytest.raises(pydantic.ValidationError) as caught:
        call()
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in caught.value.errors()]


def test_a_model_field_gives_back_careerconvs_record_and_writes_its_data() -> None:
    upload = Upload.model_validate({"record": BODY, "comment": "ok"})
    assert upload.record == careerconv.from_data(BODY)
    assert upload.model_dump(mode="json") == {"record": BODY, "comment": "ok"}
    assert Upload.model_validate_json(upload.model_dump_json()) == upload


def test_every_problem_with_its_place_inside_the_model() -> None:
    body = {**BODY, "answers": {"team": {"text": "x", "value": "1"}}, "notes": [{"text": "{company}", "colour": 1}]}
    assert errors(lambda: Upload.model_validate({"record": body, "comment": 3})) == [
        (("record", "notes", 0, "colour"), "unknown-key", "unknown key 'colour'; expected one of: text, visibility"),
        (("record", "answers", "team", "value"), "answer-type", "a text question is answered with 'text', not 'value'"),
        (("comment",), "string_type", "Input should be a valid string"),
    ]


def test_a_built_record_is_checked_as_it_is() -> None:
    record = careerconv.from_data(BODY, kind="conversation")
    assert Upload(record=record, comment="x").record is record
    bad = attrs.evolve(record, answers={"nope": Answer(text="x")})
    assert errors(lambda: Upload(record=bad, comment="x")) == [
        (("record", "answers", "nope"), "unknown-question", "no question 'nope' in template standard 1.0.0")
    ]
    assert errors(lambda: Upload.model_validate({"record": [BODY], "comment": "x"})) == [
        (("record",), "wrong-type", "expected a record (a JSON object)")
    ]


def test_a_template_object_of_ones_own_and_a_pinned_version() -> None:
    own = Template(
        name="mini", version="2.0.0", title="Mini", sections=careerconv.get_template("standard").sections[:1]
    )
    adapter = pydantic.TypeAdapter(record_type(own))
    mini = {**BODY, "template": {"name": "mini", "version": "2.0.0"}, "answers": {"career-so-far": {"text": "x"}}}
    assert adapter.validate_python(mini).answers["career-so-far"].text == "x"
    # A record of another template: checked where only this template is known.
    assert errors(lambda: adapter.validate_python(BODY)) == [
        (("template",), "unknown-template", "no template named 'standard'")
    ]
    built = careerconv.from_data(BODY, kind="conversation")
    assert errors(lambda: adapter.validate_python(built)) == [
        (("template",), "unknown-template", "no template named 'standard'")
    ]
    other = pydantic.TypeAdapter(record_type("standard", version="1.0.0"))
    assert errors(lambda: other.validate_python({**BODY, "template": {"name": "moving-motivators"}})) == [
        (("template",), "wrong-template", "this takes records of template standard 1.0.0")
    ]
    pinned = pydantic.TypeAdapter(record_type("standard", version="1.0.0"))
    assert pinned.validate_python({**BODY, "template": {"name": "standard", "version": "1.0.0"}}).id == "r1"
    with pytest.raises(ValueError, match="version and locale choose a template by name"):
        RecordOf(own, version="1")
    with pytest.raises(TypeError, match="expected a template or a template's name, got int"):
        RecordOf(3)  # type: ignore[arg-type]


def test_the_schema_is_the_templates_with_its_definitions_in_place() -> None:
    schema = pydantic.TypeAdapter(record_type("standard", locale="es")).json_schema()
    assert "$defs" not in schema
    assert "$ref" not in str(schema)
    career = schema["properties"]["answers"]["properties"]["career-so-far"]
    assert career["title"] == "Cuéntame en 10 minutos tu carrera hasta hoy."
    answer = career["allOf"][0]  # careerconv's Answer, written in place
    assert (sorted(answer["properties"]), answer["additionalProperties"]) == (["text", "value", "visibility"], False)


def test_a_hidden_key_and_an_index_make_a_loc() -> None:
    person = {"id": "alex", "my worry": "x"}
    body = {**BODY, "employee": person, "params": {"a b": "x"}}
    got = errors(lambda: pydantic.TypeAdapter(record_type("standard")).validate_python(body))
    assert [(loc, code) for loc, code, _ in got] == [
        (("employee", "…"), "unknown-key"),
        (("params", "…"), "unknown-parameter"),
    ]
    assert "worry" not in repr(got)


def test_repr_names_the_template() -> None:
    assert repr(RecordOf("standard")) == "RecordOf('standard')"
    record = Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="a"))
    assert pydantic.TypeAdapter(record_type("standard")).validate_python(record) is record


@settings(max_examples=examples(200))
@given(
    st.lists(
        st.integers(0, 10_000)
        | st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True)
        | st.from_regex(r"[A-Za-z0-9_.@-]{1,64}", fullmatch=True),
        max_size=8,
    )
)
def test_a_problems_path_reads_back_as_its_parts(parts: list[str | int]) -> None:
    """``loc`` is ``path_parts(json_path(parts))``: the parts themselves, for every key a path names."""
    assert path_parts(json_path(tuple(parts))) == tuple(parts)
