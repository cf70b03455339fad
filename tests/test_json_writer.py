"""careerconv's JSON writer (msgspec's encoder) writes exactly what the json module writes, for any plain data."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.formats import json as json_format
from tests import strategies
from tests.conftest import examples

plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def by_the_json_module(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=lambda d: d.isoformat()) + "\n"


@settings(max_examples=examples(500))
@given(plain)
def test_any_plain_data_is_written_as_the_json_module_writes_it(data: Any) -> None:
    assert json_format.dumps(data) == by_the_json_module(data)


@settings(max_examples=examples(100), deadline=None)
@given(strategies.conversations())
def test_records_are_written_as_before_and_read_back(record: careerconv.Conversation) -> None:
    text = careerconv.dumps(record, format="json")
    assert text == by_the_json_module(careerconv.to_data(record))
    assert careerconv.loads(text, format="json") == record


def test_what_msgspec_refuses_is_written_by_the_json_module() -> None:
    data = {"text": "a lone \ud800 surrogate", "day": dt.date(2026, 12, 7), "big": 10**40}
    assert json_format.dumps(data) == by_the_json_module(data)
