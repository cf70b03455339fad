"""The ``boolean`` question type (yes or no), end to end: the type added in one home proves the design.

Every path asks the type: YAML and JSON files (the full and the fast path), dicts, objects, sessions, the JSON
Schema, drafts, reports, tables and the browser form (that test runs where Chromium does).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import careerconv
from careerconv import Answer, Conversation, Person, Registry, TemplateRef
from careerconv.documents import fast
from careerconv.questions import kind_of
from careerconv.rendering.form import form
from tests.test_form import chromium, page, save, write_form  # noqa: F401 - the browser fixtures

if TYPE_CHECKING:
    from playwright.sync_api import Page

TEMPLATE = """\
kind: template
schema_version: 1
name: checkin
version: 1.0.0
locale: {locale}
title: Check-in
sections:
  - id: now
    title: Now
    questions:
      - {{id: mentor, text: Would you like a mentor?, type: boolean, required: true}}
      - {{id: notes, text: Anything else?}}
"""

RECORD = """\
kind: conversation
schema_version: 1
id: r1
template: {{name: checkin}}
employee: {{id: alex}}
answers:
  mentor: {{value: {value}}}
"""


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "checkin.yaml").write_text(TEMPLATE.format(locale="en"), encoding="utf-8")
    return Registry(paths=[folder], environment=False)


def problems(text: str, registry: Registry, format: str = "yaml") -> list[str]:
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(text, format=format, registry=registry)  # type: ignore[call-overload]
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("written", "held"), [("true", True), ("false", False)])
def test_a_yes_or_no_answer_reads_from_yaml_json_dicts_and_objects(
    registry: Registry, written: str, held: bool
) -> None:
    from_yaml = careerconv.loads(RECORD.format(value=written), registry=registry, kind="conversation")
    assert from_yaml.answers["mentor"].value is held
    line = json.dumps({"kind": "conversation", "schema_version": 1, **careerconv.to_data(from_yaml)})
    assert fast.conversation_json(line.encode(), fast.Lookup(registry)) == from_yaml  # the fast path took it
    assert careerconv.loads(line, format="json", registry=registry) == from_yaml
    data = {"kind": "conversation", "schema_version": 1, **careerconv.to_data(from_yaml)}
    assert careerconv.from_data(data, registry=registry) == from_yaml
    careerconv.validate(from_yaml, registry=registry, complete=True)  # raises if not: false answers it too
    assert careerconv.loads(careerconv.dumps(from_yaml), registry=registry) == from_yaml
    assert f"value: {written}" in careerconv.dumps(from_yaml)


@pytest.mark.parametrize("value", ["1", "0", "yes", '"true"', "[true]"])
def test_anything_but_true_or_false_is_refused_at_its_place(registry: Registry, value: str) -> None:
    expected = ["<string>:7:19: $.answers.mentor.value: a yes/no question takes true or false [answer-type]"]
    if value == "[true]":
        expected.insert(0, "<string>:7:19: $.answers.mentor.value: expected a list of options (text) [wrong-type]")
    assert problems(RECORD.format(value=value), registry) == expected


def test_json_and_dicts_give_the_same_problem(registry: Registry) -> None:
    data = {"kind": "conversation", "schema_version": 1, "id": "r1", "template": {"name": "checkin"},
            "employee": {"id": "alex"}, "answers": {"mentor": {"value": 1}}}  # fmt: skip
    wanted = "$.answers.mentor.value: a yes/no question takes true or false [answer-type]"
    assert problems(json.dumps(data), registry, "json") == [f"<string>:1:152: {wanted}"]
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.from_data(data, registry=registry)
    assert [str(p) for p in caught.value.problems] == [f"<string>: {wanted}"]


def test_sessions_and_objects_ask_the_type() -> None:
    template = careerconv.loads(TEMPLATE.format(locale="en"), kind="template")
    session = careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 12, 7))
    assert session.answer("mentor", value=False).record.answers["mentor"].value is False
    with pytest.raises(careerconv.ValidationError) as caught:
        session.answer("mentor", value=1)
    assert [p.code for p in caught.value.problems] == ["answer-type"]
    record = Conversation(
        id="r1", template=TemplateRef(name="checkin"), employee=Person(id="alex"), answers={"notes": Answer(value=True)}
    )
    lookup = Registry(environment=False)
    lookup.register(template)
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(record, registry=lookup)
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.answers.notes.value: a text question is answered with 'text', not 'value' [answer-type]"
    ]


def test_a_template_gives_a_yes_or_no_question_no_field_of_another_type(registry: Registry) -> None:
    text = TEMPLATE.format(locale="en").replace("type: boolean,", "type: boolean, min: 1, options: [a, b],")
    assert problems(text, registry) == [
        "<string>:11:74: $.sections[0].questions[0].min: 'min' applies to scale questions only [field-not-allowed]",
        "<string>:11:86: $.sections[0].questions[0].options: 'options' applies to choice questions only "
        "[field-not-allowed]",
    ]


def test_the_json_schema_says_true_or_false(registry: Registry) -> None:
    schema = careerconv.json_schema(registry.get("checkin"))
    assert schema["properties"]["answers"]["properties"]["mentor"]["properties"]["value"] == {
        "anyOf": [{"type": "boolean"}, {"type": "null"}]
    }
    generic = careerconv.json_schema("conversation")["$defs"]["Answer"]["properties"]["value"]
    assert {"type": "boolean"} in generic["anyOf"]
    assert careerconv.json_schema("template")["$defs"]["Question"]["properties"]["type"]["enum"][-1] == "boolean"


def test_drafts_guides_and_reports_say_yes_or_no(registry: Registry, tmp_path: Path) -> None:
    template = registry.get("checkin")
    draft = careerconv.draft_record(template, employee="alex", date=dt.date(2026, 12, 7))
    assert "    # value: true (yes) or false (no)\n" in draft
    assert "yes or no; required" in careerconv.render(template, format="markdown", registry=registry)
    record = careerconv.loads(RECORD.format(value="true"), registry=registry, kind="conversation")
    report = careerconv.render(record, format="markdown", audience="employee", registry=registry)
    assert "**Would you like a mentor?**\n\nAnswer: yes\n" in report
    spanish = careerconv.loads(TEMPLATE.format(locale="es"), kind="template")
    assert spanish.sections[0].questions[0].describe(False, "es") == "no"
    assert spanish.sections[0].questions[0].describe(True, "es") == "sí"
    assert kind_of("boolean").notes(spanish.sections[0].questions[0], "es", str) == ["sí o no"]


def test_tables_and_archives_hold_the_value(registry: Registry, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    record = careerconv.loads(RECORD.format(value="false"), registry=registry, kind="conversation")
    frame = careerconv.to_pandas([record], "answers", registry=registry)
    assert frame[["question", "value"]].values.tolist() == [["mentor", False]]
    table = careerconv.to_arrow([record], "answers", registry=registry)
    assert table.column("value").to_pylist() == ["false"]


def test_the_form_draws_two_choices(registry: Registry) -> None:
    html = form(registry.get("checkin"))
    assert '"control":{"points":[{"id":true,"label":"Yes"},{"id":false,"label":"No"}]}' in html


def test_the_browser_form_saves_no_as_false_and_shows_it_again(
    page: Page,  # noqa: F811 - the fixture imported above
    tmp_path: Path,
    registry: Registry,
) -> None:
    folder = tmp_path / "templates"
    page.goto(write_form(tmp_path, "checkin", "--template-path", str(folder)).as_uri())
    page.fill("[name=employee-id]", "alex")
    page.fill("[name=date]", "2026-12-07")
    assert page.inner_text("#question-mentor .choices") == "Yes\nNo\nClear"
    page.check("[name=value-mentor][value=false]")
    saved = save(page, tmp_path)
    assert "  mentor:\n    value: false\n" in saved.read_text(encoding="utf-8")
    record = careerconv.load(saved, registry=registry, kind="conversation")
    assert record.answers["mentor"].value is False
    page.click("text=Yes")  # the draft keeps what was chosen last, and shows it again after a reload
    page.wait_for_timeout(400)
    page.reload()
    page.fill("[name=date]", "2026-12-07")
    page.fill("[name=employee-id]", "alex")
    page.press("[name=employee-id]", "Tab")  # the draft of this employee and record is restored
    assert page.is_checked("[name=value-mentor][value=true]")
    assert not page.is_checked("[name=value-mentor][value=false]")
