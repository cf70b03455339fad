"""Rules for records of templates with typed questions, checked against a registry of their own."""

from __future__ import annotations

import datetime as dt

import pytest

import careerconv
from careerconv import Registry

SURVEY = """\
kind: template
schema_version: 1
name: survey
version: 2.1.0
title: Survey
sections:
  - id: s
    title: S
    questions:
      - {id: energy, text: Energy, type: scale, min: 1, max: 5}
      - {id: track, text: Track, type: choice, options: [ic, manager]}
      - {id: skills, text: Skills, type: choice, options: [go, rust, sql], multiple: true}
      - {id: start, text: Start, type: date}
      - {id: story, text: Story}
"""


@pytest.fixture
def registry() -> Registry:
    survey = careerconv.loads(SURVEY)
    assert isinstance(survey, careerconv.Template)
    registry = Registry(entry_points=False)
    registry.register(survey)
    return registry


def record(answers: str, extra: str = "") -> str:
    return (
        "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: survey, version: '2'}\n"
        f"employee: {{id: alex}}\nanswers:\n{answers}{extra}"
    )


def test_typed_answers_that_fit(registry: Registry) -> None:
    answers = (
        "  energy: {value: 4}\n  track: {value: manager}\n  skills: {value: [go, sql]}\n"
        "  start: {value: 2027-01-15}\n  story: {text: Long}\n"
    )
    loaded = careerconv.loads(record(answers), registry=registry)
    assert isinstance(loaded, careerconv.Conversation)
    assert [a.value for a in loaded.answers.values()] == [4, "manager", ("go", "sql"), dt.date(2027, 1, 15), None]


def test_typed_answers_that_do_not_fit(registry: Registry) -> None:
    answers = (
        "  energy: {value: 9}\n  track: {value: [ic]}\n  skills: {value: [go, cobol]}\n"
        "  start: {value: 2027-02-30}\n  story: {value: 3}\n"
    )
    extra = "motivations: {ranking: [a]}\ngrow: {}\n"
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(record(answers, extra), source="r1.yaml", registry=registry)
    assert [str(p) for p in caught.value.problems] == [
        "r1.yaml:7:19: $.answers.energy.value: expected a whole number from 1 to 5 [answer-out-of-range]",
        "r1.yaml:8:18: $.answers.track.value: this question takes one option, not a list [answer-type]",
        "r1.yaml:9:19: $.answers.skills.value: expected one of the options: go, rust, sql [answer-not-an-option]",
        "r1.yaml:10:18: $.answers.start.value: not a date in the calendar [invalid-date]",
        "r1.yaml:11:18: $.answers.story.value: a text question is answered with 'text', not 'value' [answer-type]",
        "r1.yaml:12:14: $.motivations: template survey 2.1.0 has no motivations section [no-motivations-section]",
        "r1.yaml:13:7: $.grow: template survey 2.1.0 has no grow section [no-grow-section]",
    ]


def test_a_scale_answer_must_be_a_number(registry: Registry) -> None:
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(record("  energy: {value: high}\n"), registry=registry)
    assert [(p.path, p.code) for p in caught.value.problems] == [("$.answers.energy.value", "answer-type")]


def test_validate_a_record_built_in_python(registry: Registry) -> None:
    """``validate`` checks an object by the same rules, against the registry given."""
    built = careerconv.Conversation(
        id="r1",
        template=careerconv.TemplateRef(name="survey"),
        employee=careerconv.Person(id="alex"),
        answers={"energy": careerconv.Answer(value=0)},
    )
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(built, registry=registry)
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [
        ("$.answers.energy.value", "answer-out-of-range", None)
    ]
