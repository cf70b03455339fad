"""Objects built in Python meet the rules files meet: wrong Python types are located problems, never crashes.

The cases of issue 11, each with its exact problem: a ``str`` due date, a ``str`` employee, a list where a
tuple is typed, an unknown visibility; the same refused by ``Session`` at the call; a date answer is a
``datetime.date`` in Python and ``YYYY-MM-DD`` in files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv import Action, Answer, GrowPlan, Note, Registry
from tests import strategies
from tests.conftest import examples

SURVEY = """\
kind: template
schema_version: 1
name: survey
version: 1.0.0
title: Survey
sections:
  - id: plans
    title: Plans
    questions:
      - {id: start, text: When do you start?, type: date}
      - {id: energy, text: Energy?, type: scale, min: 1, max: 5}
  - id: one-thing
    title: One thing
    kind: grow
    stages:
      - {id: goal, title: Goal}
      - {id: reality, title: Reality}
      - {id: options, title: Options}
      - {id: will, title: Will}
"""


@pytest.fixture
def survey() -> tuple[careerconv.Template, Registry]:
    template = careerconv.loads(SURVEY)
    assert isinstance(template, careerconv.Template)
    registry = Registry(entry_points=False, environment=False)
    registry.register(template)
    return template, registry


def record() -> careerconv.Conversation:
    template = careerconv.get_template("standard")
    return careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 11, 26)).record


def problems(obj: careerconv.Document, registry: Registry | None = None) -> list[str]:
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(obj, registry=registry)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"employee": "alex"},
            "<string>: $.employee: expected a Person, found str [wrong-type]",
        ),
        (
            {"grow": GrowPlan(will=(Action(text="Mentor Kim", due="2027-01-01"),))},  # type: ignore[arg-type]
            "<string>: $.grow.will[0].due: expected a datetime.date or None, found str [wrong-type]",
        ),
        (
            {"notes": [Note(text="A list, not a tuple")]},
            "<string>: $.notes: expected a tuple, found list [wrong-type]",
        ),
        (
            {"notes": (Note(text="x", visibility="secret"),)},  # type: ignore[arg-type]
            "<string>: $.notes[0].visibility: expected one of: shared, private [invalid-choice]",
        ),
        (
            {"date": dt.datetime(2026, 11, 26, 9, 30)},  # noqa: DTZ001 - a datetime is not a date, zone or none
            "<string>: $.date: expected a datetime.date or None, found datetime [wrong-type]",
        ),
        (
            {"answers": {"team": Answer(value=2.5)}},  # type: ignore[arg-type]
            "<string>: $.answers.team.value: expected int, str, a datetime.date, a tuple, bool or None, found float "
            "[wrong-type]",
        ),
        (  # true/false is a value now (boolean questions): a text question still takes none
            {"answers": {"team": Answer(value=True)}},
            "<string>: $.answers.team.value: a text question is answered with 'text', not 'value' [answer-type]",
        ),
        (
            {"params": {"company": 3}},
            "<string>: $.params.company: expected str, found int [wrong-type]",
        ),
    ],
)
def test_validate_locates_a_value_of_the_wrong_python_type(change: dict[str, Any], expected: str) -> None:
    assert problems(attrs.evolve(record(), **change)) == [expected]


def test_a_wrong_type_inside_a_template_is_located() -> None:
    template = careerconv.get_template("standard")
    section = attrs.evolve(template.sections[0], duration_minutes="10")  # type: ignore[arg-type]
    assert problems(attrs.evolve(template, sections=(section, *template.sections[1:]))) == [
        "<string>: $.sections[0].duration_minutes: expected int or None, found str [wrong-type]"
    ]


def test_session_refuses_a_text_date_at_the_call() -> None:
    session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
    with pytest.raises(careerconv.ValidationError) as caught:
        session.action("Mentor Kim", due="2027-01-01")  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.grow.will[0].due: expected a datetime.date or None, found str [wrong-type]"
    ]
    with pytest.raises(careerconv.ValidationError) as caught:
        session.goal("Lead a team", by="2028-12-31")  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.grow.goal.by: expected a datetime.date or None, found str [wrong-type]"
    ]
    assert session.record.grow is None  # nothing refused was kept
    session.action("Mentor Kim", due=dt.date(2027, 1, 1))
    assert careerconv.History([session.record]).overdue(dt.date(2027, 2, 1))[0].days_late == 31


def test_a_date_answer_is_a_date_in_python_and_text_in_files(survey: tuple[careerconv.Template, Registry]) -> None:
    template, registry = survey
    session = careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 11, 26))
    with pytest.raises(careerconv.ValidationError) as caught:
        session.answer("start", value="2027-03-01")
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.answers.start.value: a date question's value is a datetime.date in Python, found str [wrong-type]"
    ]
    answered = session.answer("start", value=dt.date(2027, 3, 1)).record
    text = careerconv.dumps(answered)
    assert "  start:\n    value: 2027-03-01\n" in text
    for format in ("yaml", "json"):
        written = careerconv.dumps(answered, format=format)
        loaded = careerconv.loads(written, format=format, registry=registry)
        assert isinstance(loaded, careerconv.Conversation)
        assert loaded.answers["start"].value == dt.date(2027, 3, 1)
        assert loaded == answered
    data = careerconv.to_data(answered)
    assert data["answers"]["start"] == {"value": dt.date(2027, 3, 1)}
    assert careerconv.from_data(data, registry=registry) == answered
    data["answers"]["start"]["value"] = "2027-03-01"  # dicts take the files' convention too
    assert careerconv.from_data(data, registry=registry) == answered


def test_session_refuses_a_record_with_a_str_employee() -> None:
    template = careerconv.get_template("standard")
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.Session(template, attrs.evolve(record(), employee="alex"))  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.employee: expected a Person, found str [wrong-type]"
    ]


def test_loads_of_a_dict_points_to_from_data() -> None:
    with pytest.raises(TypeError, match=r"^loads reads text \(str or bytes\), not dict; for plain data \(a dict\) use"):
        careerconv.loads({"kind": "conversation"})  # type: ignore[call-overload]


def test_to_data_with_defaults_writes_owner_and_status() -> None:
    session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
    data = careerconv.to_data(session.action("Mentor Kim", id="a1").record, defaults=True)
    day = session.record.date
    expected = {"id": "a1", "text": "Mentor Kim", "owner": "employee", "due": None, "status": "open", "agreed": day}
    assert data["grow"]["will"] == [expected]


ODD_VALUES = st.sampled_from(
    [None, "", "x", "2027-01-01", 0, 1.5, True, [], ["x"], (), ("x",), {}, {"x": 1}, dt.date(2027, 1, 1), object()]
)


def _replace(obj: Any, path: list[int], value: object) -> Any:
    """``obj`` with the field (or item) that ``path`` picks, among its attrs fields and tuple items, set."""
    if not path:
        return value
    if attrs.has(type(obj)):
        fields = attrs.fields(type(obj))
        field = fields[path[0] % len(fields)]
        return attrs.evolve(obj, **{field.name: _replace(getattr(obj, field.name), path[1:], value)})
    if type(obj) is tuple and obj:
        index = path[0] % len(obj)
        return (*obj[:index], _replace(obj[index], path[1:], value), *obj[index + 1 :])
    return value


@settings(max_examples=examples(300), deadline=None)
@given(
    strategies.conversations() | strategies.templates(),
    st.lists(st.integers(0, 20), min_size=1, max_size=4),
    ODD_VALUES,
)
def test_validate_of_any_object_gives_problems_never_a_crash(
    document: careerconv.Document, path: list[int], value: object
) -> None:
    changed = _replace(document, path, value)
    with contextlib.suppress(careerconv.ValidationError):  # a problem list, or nothing: any other exception fails
        careerconv.validate(changed)
