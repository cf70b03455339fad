"""The fill-in form's YAML writer (``rendering/templates/yaml.js``), run in Node.js against the Python writer.

The form writes a record as careerconv's own writer does, by the same rules (``emitter.RULES``): for any text
the script picks the style Python picks, and what it writes reads back as the record, whatever the keys
(question ids such as ``123``, ``1e3`` or ``0x1f``) and texts. Without line folding, it writes Python's bytes.

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

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.formats import emitter
from tests import strategies
from tests.test_writer import read_both

SCRIPT = (importlib.resources.files("careerconv.rendering") / "templates" / "yaml.js").read_text(encoding="utf-8")
RUNNER = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const writer = careerconvYaml(input.rules, input.escapes);
process.stdout.write(JSON.stringify({
  styles: input.texts.map(writer.style),
  dumps: input.records.map(writer.dump),
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


def run_js(texts: list[str], records: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The script's style of each text, and its YAML of each record."""
    given = {"rules": emitter.RULES, "escapes": emitter.ESCAPES, "texts": texts, "records": records}
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


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(TEXTS, min_size=50, max_size=80), st.lists(st.dictionaries(KEYS, RECORDS, min_size=1), max_size=30))
def test_the_script_quotes_as_python_and_reads_back(texts: list[str], records: list[dict[str, Any]]) -> None:
    """For any text the script picks Python's style; any record it writes reads back as that record."""
    styles, dumps = run_js(texts, records)
    assert styles == [emitter.style(text) for text in texts]
    for record, written in zip(records, dumps, strict=True):
        assert read_both(written) == record


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
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
