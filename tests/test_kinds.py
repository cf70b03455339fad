"""``kind=`` on load, loads and from_data: the document must be of that kind, and type checkers know it."""

from __future__ import annotations

from pathlib import Path

import pytest

import careerconv

RECORD = "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\nemployee: {id: alex}\n"


def problems(error: pytest.ExceptionInfo[careerconv.ValidationError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_the_kind_asked_for_comes_back() -> None:
    record = careerconv.loads(RECORD, kind="conversation")
    assert isinstance(record, careerconv.Conversation)
    data = careerconv.to_data(careerconv.get_template("standard"))
    assert isinstance(careerconv.from_data(data, kind="template"), careerconv.Template)


def test_another_kind_is_a_located_problem(tmp_path: Path) -> None:
    with pytest.raises(careerconv.ValidationError) as error:
        careerconv.loads("# a record\n" + RECORD, kind="template", source="r1.yaml")
    assert problems(error) == ["r1.yaml:2:7: $.kind: expected a template, found a conversation record [wrong-kind]"]
    path = tmp_path / "standard.json"
    careerconv.dump(careerconv.get_template("standard"), path)
    with pytest.raises(careerconv.ValidationError) as error:
        careerconv.load(path, kind="conversation")
    assert problems(error) == [f"{path}:2:11: $.kind: expected a conversation record, found a template [wrong-kind]"]
    with pytest.raises(careerconv.ValidationError) as error:
        careerconv.from_data(careerconv.to_data(careerconv.loads(RECORD)), kind="template")
    assert problems(error) == ["<string>: $.kind: expected a template, found a conversation record [wrong-kind]"]


def test_other_problems_come_first_as_they_always_did() -> None:
    with pytest.raises(careerconv.ValidationError) as error:
        careerconv.loads(RECORD.replace("id: alex", "id: alex, nmae: A"), kind="template")
    assert [p.code for p in error.value.problems] == ["unknown-key"]
