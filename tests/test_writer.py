"""careerconv's YAML writer writes the bytes ruamel.yaml's round-trip emitter wrote, at C-like speed.

Two kinds of evidence:

- golden files (``tests/data/golden``), written by ruamel.yaml's emitter before careerconv's own writer took
  its place: every bundled and generated template and record, ``careerconv new`` drafts and reports give the
  same bytes now;
- properties: for any plain data, :func:`emitter.emit` writes what ruamel.yaml writes (or declines, and
  ruamel.yaml writes it), and its table of words a reader resolves to another type is ruamel.yaml's.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

import careerconv
from careerconv.formats import emitter
from careerconv.formats import yaml as yaml_format
from careerconv.rules.structure import converter
from tests import strategies

GOLDEN = Path(__file__).parent / "data" / "golden"


def _make() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_make", GOLDEN / "make.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _golden() -> list[dict[str, Any]]:
    with gzip.open(GOLDEN / "documents.jsonl.gz", "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


DOCUMENTS = _golden()


def _document(case: dict[str, Any]) -> careerconv.Template | careerconv.Conversation:
    if case["kind"] == "template":
        return converter().structure(case["data"], careerconv.Template)
    return converter().structure(case["data"], careerconv.Conversation)


@pytest.mark.parametrize("case", DOCUMENTS, ids=[f"{c['kind']}-{n}" for n, c in enumerate(DOCUMENTS)])
def test_golden_documents(case: dict[str, Any]) -> None:
    """dumps in YAML (with and without defaults), JSON and JSON Lines: the saved bytes exactly."""
    document = _document(case)
    assert careerconv.dumps(document) == case["yaml"]
    assert careerconv.dumps(document, defaults=True) == case["yaml-defaults"]
    assert careerconv.dumps(document, format="json") == case["json"]
    assert careerconv.dumps(document, format="jsonl") == case["jsonl"]


def test_golden_documents_take_the_new_writer() -> None:
    """Every golden document is written by careerconv's writer, none handed to ruamel.yaml."""
    for case in DOCUMENTS:
        document = _document(case)
        for defaults in (False, True):
            assert (
                emitter.emit(careerconv.to_data(document, defaults=defaults))
                == case["yaml-defaults" if defaults else "yaml"]
            )


def test_golden_dump_writes_the_same_bytes(tmp_path: Path) -> None:
    """dump() to a .yaml file writes the bytes of dumps()."""
    case = DOCUMENTS[0]
    template = converter().structure(case["data"], careerconv.Template)
    careerconv.dump(template, tmp_path / "t.yaml")
    assert (tmp_path / "t.yaml").read_bytes() == case["yaml"].encode("utf-8")


def test_golden_drafts_and_reports() -> None:
    """``careerconv new`` drafts and the reports in every format: the saved text exactly."""
    make = _make()
    assert make.drafts() == json.loads((GOLDEN / "drafts.json").read_text(encoding="utf-8"))
    assert make.reports() == json.loads((GOLDEN / "reports.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------ properties

_RESOLVER = VersionedResolver()
_STR = "tag:yaml.org,2002:str"


def _ruamel_resolves_to_text(value: str) -> bool:
    return str(_RESOLVER.resolve(ScalarNode, value, (True, False))) == _STR


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789-+._eExXoObB:TtZ aAfF~nNulLrRsS<=!&*\t", max_size=24))
@example("2026-11-26")
@example("2026-1-2 3:04:05.5 +01:00")
@example("1_000")
@example(".NaN")
@example("0o17")
@example("")
def test_implicit_words_are_ruamels(value: str) -> None:
    """A plain text resolves to another type for careerconv's writer exactly when it does for ruamel.yaml."""
    if "\n" not in value:
        assert (emitter.IMPLICIT(value) is None) == _ruamel_resolves_to_text(value)


# Text of every kind: any character, words and spaces for folding, indicators, line breaks.
_CHARS = st.characters(codec="utf-8") | st.sampled_from(list(" \n\t\r\x85\u2028\u2029\ufeff\xa0'\"#:-?,[]{}|>&*!%@`\\"))
_WORD = st.text(alphabet=_CHARS, min_size=1, max_size=12) | st.sampled_from(["a", "word", "x" * 40, "-", "#", ":"])
_TEXT = st.one_of(
    st.text(alphabet=_CHARS, max_size=30),
    st.lists(_WORD, max_size=40).map(" ".join),
    st.lists(
        st.sampled_from(["a", "bb", "it's", " ", "  ", "\n", "\n\n", ": ", " #", '"', "é", "\t"]), max_size=80
    ).map("".join),
    st.sampled_from(["true", "~", "12", "0x1f", "2026-11-26", "---", "...", "- a", "? a", ": a", "'a'", "a:"]),
)
_KEYS = st.one_of(st.sampled_from(["id", "text", "answers", "a b", "x" * 127, "x" * 128, "true", "1"]), _TEXT)
_SCALARS = st.one_of(
    _TEXT,
    st.none(),
    st.booleans(),
    st.integers(),
    st.dates(),
    st.floats(allow_nan=False),
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=1500, deadline=None)
@given(st.dictionaries(_KEYS, _DATA, min_size=1, max_size=6))
@example({"a": "x " * 60})
@example({"a": ["word " * 30, {"b": "c" * 120}]})
@example({"a": "\n"})
@example({"a": "end\n\n"})
@example({"a": [None, "", [], {}]})
@example({"a": 'say "hi" ' * 20 + "\t"})
@example({"a": "x" * 110 + "\tyy"})  # a fold at an escape, no space after it
@example({"a": "x" * 105 + "\x1by\nz w"})  # ... a line feed before the next space
@example({"a": "x" * 105 + "\x1by\n w"})  # ... and a space after it
@example({"a": "x" * 120 + " y", "b": ["z" * 120 + "  y"]})  # a plain fold after a word past the width
@example({"a": "x" * 105 + "\tyy "})  # ... the next space the last character
@example({"a": ("word " * 25 + "\t") * 3})
def test_emit_writes_what_ruamel_writes(data: dict[Any, Any]) -> None:
    """careerconv's writer writes ruamel.yaml's bytes, or declines and ruamel.yaml writes them."""
    try:
        written = emitter.emit(data)
    except emitter.Unwritable:
        assert yaml_format.dumps(data) == yaml_format.dumps_ruamel(data)
    else:
        assert written == yaml_format.dumps_ruamel(data)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["text", "name", "notes"]), _TEXT, min_size=1))
def test_any_text_is_written_by_careerconv(data: dict[str, str]) -> None:
    """Text of any kind under a plain key never needs ruamel.yaml: careerconv's writer lays it all out."""
    assert emitter.emit(data) == yaml_format.dumps_ruamel(data)


@settings(max_examples=200, deadline=None)
@given(document=strategies.conversations() | strategies.templates() | strategies.every_type_templates())
def test_documents_are_written_by_careerconv(document: careerconv.Template | careerconv.Conversation) -> None:
    """Every generated template and record, with and without defaults, is written by careerconv's writer."""
    for defaults in (False, True):
        data = careerconv.to_data(document, defaults=defaults)
        assert emitter.emit(data) == yaml_format.dumps_ruamel(data)


def test_what_careerconv_declines() -> None:
    """The shapes careerconv's documents never hold go to ruamel.yaml: the exact reasons."""
    cases: list[tuple[Any, str]] = [
        ([1], "the top level is not a non-empty mapping"),
        ({}, "the top level is not a non-empty mapping"),
        ({"a": 1.5}, "a float value"),
        ({"a": [[1]]}, "a sequence directly inside a sequence"),
        ({1: "a"}, "a key that is not plain text"),
        ({"x" * 128: "a"}, "a key that is not plain text"),
        ({"a: b": "a"}, "a key that is not plain text"),
        ({"a": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}, "a datetime value"),
    ]
    for data, reason in cases:
        with pytest.raises(emitter.Unwritable) as raised:
            emitter.emit(data)
        assert str(raised.value) == reason
        assert yaml_format.dumps(data) == yaml_format.dumps_ruamel(data)


def test_folds_at_the_width_exactly() -> None:
    """Around column 100, in each style and at each depth, text folds where ruamel.yaml folds it."""
    for width in range(85, 120):
        for text in (
            "x" * width + " y z",
            "ab " * (width // 3) + "c" * (width % 7) + " y",
            "- " + "x" * width + " y z",  # single quotes
            "\x1b" + "x" * width + " y z",  # double quotes
            "\x1b" + "x " * (width // 2) + "'y' \"z\"",
        ):
            for data in ({"k": text}, {"k": [text]}, {"k": [{"key": {"more": text}}]}):
                assert emitter.emit(data) == yaml_format.dumps_ruamel(data), (width, text)
