"""The fill-in form's YAML writer (``rendering/templates/yaml.js``), run in Node.js against the Python writer.

The form writes a record as careerconv's own writer does, by the same rules (``emitter.RULES``): for any text
the script picks the style Python picks, and what it writes reads back as the record, whatever the keys
(question ids such as ``123``, ``1e3`` or ``0x1f``) and texts. Without line folding, it writes Python's bytes;
given the record's JSON Schema, with its dates written as dates, as ``careerconv.dumps`` writes a record.

``.ci/run`` requires Node.js (``CAREERCONV_BROWSER_TESTS=required``); elsewhere these tests are skipped without it.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import subprocess
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.formats import emitter
from tests import strategies
from tests.conftest import examples
from tests.test_writer import read_both

SCRIPT = (importlib.resources.files("careerconv.rendering") / "templates" / "yaml.js").read_text(encoding="utf-8")
RUNNER = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const writer = careerconvYaml(input.rules, input.escapes);
process.stdout.write(JSON.stringify({
  styles: input.texts.map(writer.style),
  dumps: input.records.map((record, i) => writer.dump(record, input.schemas[i], input.orders[i])),
}));
"""
# Text of any kind but lone surrogates (a browser's text fields cannot hold them, and JSON cannot carry them).
TEXTS = st.text(st.characters(exclude_categories=["Cs"]), max_size=30) | strategies.folding_texts()
KEYS = st.sampled_from(["123", "1e3", "0x1f", "0o17", ".5e3", "true", "no", "~", "a b", "- a", "x" * 130]) | TEXTS


def node() -> str:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CAREERCONV_BROWSER_TESTS") == "required":
            pytest.fail("CAREERCONV_BROWSER_TESTS=required but Node.js is not installed")
        pytest.skip("Node.js is not installed")
    return found


def run_js(
    texts: list[str],
    records: list[dict[str, Any]],
    template: careerconv.Template | None = None,
    schema: dict[str, Any] | None = None,
) -> tuple[list[str], list[str]]:
    """The script's style of each text, and its YAML of each record; given the record's ``template``, with its
    JSON Schema (or ``schema``) and the order of its questions, as the form hands them to the script."""
    if template is not None and schema is None:
        schema = careerconv.json_schema(template)
    orders = None if template is None else {"/answers": [question.id for question in template.iter_questions()]}
    given = {
        "rules": emitter.RULES,
        "escapes": emitter.ESCAPES,
        "texts": texts,
        "records": records,
        "schemas": [schema] * len(records),
        "orders": [orders] * len(records),
    }
    done = subprocess.run(
        [node(), "-e", SCRIPT + RUNNER], input=json.dumps(given), capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    return result["styles"], result["dumps"]


SCALARS = TEXTS | st.integers(-5, 5) | st.booleans()
# Plain data of the shapes records have: mappings, and lists of scalars or mappings (never a list in a list).
RECORDS = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(SCALARS | st.dictionaries(KEYS, children, max_size=3), max_size=3)
        | st.dictionaries(KEYS, children, max_size=3)
    ),
    max_leaves=12,
)


@settings(
    max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(TEXTS, min_size=50, max_size=80), st.lists(st.dictionaries(KEYS, RECORDS, min_size=1), max_size=30))
def test_the_script_quotes_as_python_and_reads_back(texts: list[str], records: list[dict[str, Any]]) -> None:
    """For any text the script picks Python's style; any record it writes reads back as that record."""
    styles, dumps = run_js(texts, records)
    assert styles == [emitter.style(text) for text in texts]
    for record, written in zip(records, dumps, strict=True):
        assert read_both(written) == record


@settings(
    max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.lists(strategies.conversations(), min_size=5, max_size=10))
def test_without_folding_the_script_writes_pythons_bytes(records: list[careerconv.Conversation]) -> None:
    """A record written by the script is byte for byte careerconv's own writing of it, with folding off."""
    data = [json.loads(careerconv.dumps(record, format="json")) for record in records]  # dates as the form has them
    _, dumps = run_js([], data)
    with mock.patch.object(emitter, "WIDTH", 10**9):  # the script never folds a line
        assert dumps == [emitter.emit(item) for item in data]
    assert [careerconv.loads(written) for written in dumps] == records


def test_the_reviews_question_ids_are_quoted() -> None:
    """Security review, second round, 6: numeric-looking question ids are keys the reader takes back."""
    record = {"answers": {"123": {"text": "a"}, "1e3": {"value": "0x1f"}, "0x1f": {"text": ".5e3"}}}
    _, (written,) = run_js([], [record])
    assert written == "answers:\n  '123':\n    text: a\n  '1e3':\n    value: '0x1f'\n  '0x1f':\n    text: '.5e3'\n"
    assert read_both(written) == record


@settings(
    max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.data())
def test_given_the_schema_the_script_writes_a_record_as_careerconv_dumps_it(data: st.DataObject) -> None:
    """The form hands the script its template's JSON Schema: the dates of a record (its date, a date question's
    answer, a goal's ``by``, an action's ``due`` and ``agreed``) are written plain, as careerconv writes a date,
    not quoted as texts, and each mapping's keys come in the model's order (a JavaScript object puts ``"123"``
    first); a record is then written byte for byte as ``careerconv.dumps`` writes it, its answers in the
    template's order as the form holds them."""
    template = data.draw(strategies.every_type_templates())
    order = [question.id for question in template.iter_questions()]
    records = [
        attrs.evolve(record, answers=dict(sorted(record.answers.items(), key=lambda item: order.index(item[0]))))
        for record in data.draw(st.lists(strategies.conversations(template), min_size=3, max_size=6))
    ]
    plain = [json.loads(careerconv.dumps(record, format="json")) for record in records]  # dates as texts
    _, dumps = run_js([], plain, template)
    with mock.patch.object(emitter, "WIDTH", 10**9):  # the script never folds a line
        assert dumps == [emitter.emit(careerconv.to_data(record)) for record in records]


def test_a_date_is_plain_only_where_the_schema_has_a_date() -> None:
    """A text that looks like a date stays quoted where the record holds a text (an answer's text, a choice
    whose option id reads as a date); it is plain where the schema has a date."""
    template = careerconv.Template(
        name="days",
        version="1.0.0",
        title="Days",
        sections=(
            careerconv.Section(
                id="s",
                title="S",
                questions=(
                    careerconv.Question(id="since", text="Since?", type="date"),
                    careerconv.Question(id="pick", text="Pick?", type="choice", options=("2026-01-01", "later")),
                ),
            ),
        ),
    )
    record = {
        "date": "2026-11-26",
        "answers": {
            "since": {"text": "2024-03-01", "value": "2024-03-01"},
            "pick": {"value": "2026-01-01"},
        },
    }
    _, (written,) = run_js([], [record], template)
    assert written == (
        "date: 2026-11-26\nanswers:\n  since:\n    text: '2024-03-01'\n    value: 2024-03-01\n"
        "  pick:\n    value: '2026-01-01'\n"
    )
    # The schema of any record: an answer's value may be a text, so one that looks like a date stays quoted.
    _, (written,) = run_js([], [record], schema=careerconv.json_schema("conversation"))
    assert written == (
        "date: 2026-11-26\nanswers:\n  since:\n    text: '2024-03-01'\n    value: '2024-03-01'\n"
        "  pick:\n    value: '2026-01-01'\n"
    )
