"""Dicts in and out: ``from_data`` checks plain data exactly as a file, ``to_data`` writes it, defaults or not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.documents.core import format_for
from careerconv.formats import json as json_format
from careerconv.formats import yaml as yaml_format
from tests import strategies
from tests.conftest import examples

BAD = Path(__file__).parent / "bad"
HOW_TO = Path(__file__).parent.parent / "docs" / "how-to" / "dicts.md"


def problems(data: Any) -> list[str]:
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.from_data(data)
    return [str(p) for p in caught.value.problems]


@settings(max_examples=examples(60), deadline=None)
@given(strategies.conversations() | strategies.templates(), st.booleans())
def test_from_data_reads_back_what_to_data_writes(
    document: careerconv.Template | careerconv.Conversation, defaults: bool
) -> None:
    data = careerconv.to_data(document, defaults=defaults)
    assert careerconv.from_data(data) == document
    if defaults:
        assert careerconv.loads(careerconv.dumps(document, format="json", defaults=True), format="json") == document


def test_defaults_write_every_field_of_an_action() -> None:
    record = (
        careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").action("Mentor Kim").record
    )
    day, ident = record.date, f"{record.id}-a1"
    assert careerconv.to_data(record)["grow"] == {"will": [{"id": ident, "text": "Mentor Kim", "agreed": day}]}
    assert careerconv.to_data(record, defaults=True)["grow"] == {
        "goal": None,
        "reality": None,
        "options": [],
        "will": [
            {"id": ident, "text": "Mentor Kim", "owner": "employee", "due": None, "status": "open", "agreed": day}
        ],
    }


def corpus() -> list[Path]:
    """The bad documents whose text reads as plain data without a reader's problem: the rest is rules."""
    found = []
    for path in sorted(p for p in BAD.iterdir() if p.suffix in (".yaml", ".json")):
        reader = yaml_format if format_for(path) == "yaml" else json_format
        parsed = reader.read(path.read_bytes())
        if parsed.ok and not parsed.problems:
            found.append(path)
    return found


@pytest.mark.parametrize("document", corpus(), ids=lambda p: p.name)
def test_from_data_of_a_bad_document_gives_the_files_problems(document: Path) -> None:
    """The same codes, paths and messages as loading the file; only the source, line and column differ."""
    reader = yaml_format if format_for(document) == "yaml" else json_format
    data = reader.read(document.read_bytes()).data
    with pytest.raises(careerconv.ValidationError) as from_file:
        careerconv.loads(document.read_bytes(), format=format_for(document))
    expected = sorted((p.path, p.code, p.message) for p in from_file.value.problems)
    with pytest.raises(careerconv.ValidationError) as from_dict:
        careerconv.from_data(data)
    assert sorted((p.path, p.code, p.message) for p in from_dict.value.problems) == expected
    assert all(p.line is None for p in from_dict.value.problems)


def test_the_corpus_gives_from_data_enough_to_check() -> None:
    assert len(corpus()) >= 40


RECORD = {"kind": "conversation", "schema_version": 1, "id": "r1", "template": {"name": "standard"}}


def test_what_a_file_cannot_hold_is_refused_never_converted() -> None:
    looping: dict[str, Any] = {}
    looping["a"] = looping
    assert problems({**RECORD, "employee": {"id": "a"}, "answers": {1: {"text": "x"}}}) == [
        "<string>: $.answers: a mapping key must be text, not a whole number [invalid-key]"
    ]
    assert problems({**RECORD, "employee": {"id": "a"}, "date": dt.datetime(2026, 11, 26, 9, 0)}) == [  # noqa: DTZ001
        "<string>: $.date: a file cannot hold a date and time (a date is a datetime.date) [wrong-type]"
    ]
    assert problems({**RECORD, "employee": {"id": "a"}, "notes": [{"text": {"x"}}]}) == [
        "<string>: $.notes[0].text: a file cannot hold an unsupported value [wrong-type]"
    ]
    assert problems({**RECORD, "employee": {"id": "a"}, "answers": {"team": {"value": float("nan")}}}) == [
        "<string>: $.answers.team.value: NaN and Infinity are not numbers a file can hold [non-finite-number]"
    ]
    assert problems(looping) == ["<string>: $" + ".a" * 40 + ": the data nests deeper than 40 levels [too-deep]"]


def test_tuples_and_dates_are_welcome_and_the_input_is_not_changed() -> None:
    data = {
        **RECORD,
        "employee": {"id": "a"},
        "grow": {"will": ({"text": "Mentor Kim", "due": dt.date(2027, 3, 31)},)},
    }
    record = careerconv.from_data(data)
    assert isinstance(record, careerconv.Conversation)
    assert record.grow is not None
    assert record.grow.will[0].due == dt.date(2027, 3, 31)
    assert isinstance(data["grow"], dict)
    assert isinstance(data["grow"]["will"], tuple)


def test_the_how_to_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", HOW_TO.read_text(encoding="utf-8"), re.DOTALL)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(HOW_TO), "exec"), namespace)
    assert namespace["record"] == careerconv.from_data(namespace["data"])  # type: ignore[call-overload]
