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
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

import careerconv
from careerconv.formats import emitter
from careerconv.formats import yaml as yaml_format
from careerconv.rules.structure import converter
from tests import strategies
from tests.conftest import examples

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


def read_both(text: str) -> Any:
    """``text`` read by careerconv's reader with the C parser and with the pure-Python one: the same data."""
    found = []
    for parser in (yaml_format._EventSource, yaml_format._PureSafeLoader):
        parsed = yaml_format._read(text, None, False, [], parser, None)
        assert parsed.ok, parsed.problems
        assert parsed.problems == []
        found.append(parsed.data)
    assert found[0] == found[1]
    return found[0]


def as_read(data: Any) -> Any:
    """``data`` as careerconv's reader gives it back: tuples as lists, dates as text (a field's type parses them)."""
    if isinstance(data, dict):
        return {key: as_read(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [as_read(item) for item in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def before(data: Any) -> str:
    """``data`` as ruamel.yaml's round-trip emitter wrote it for careerconv before issue 14: the layout of before.

    Block style, two spaces a mapping, a sequence's dash two spaces in and its items four, lines folded at 100
    columns, multi-line text as literal blocks, line separators double quoted, dates never as aliases.
    """

    def prepared(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: prepared(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [prepared(v) for v in value]
        if isinstance(value, str):
            if re.search("[\x85\u2028\u2029]", value):
                return DoubleQuotedScalarString(value)
            if "\n" in value and not re.search(
                "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", value
            ):
                return LiteralScalarString(value)
        return value

    writer = YAML(typ="rt")
    writer.default_flow_style = False
    writer.width = 100
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.representer.add_representer(
        dt.date, lambda rep, d: rep.represent_scalar("tag:yaml.org,2002:timestamp", d.isoformat())
    )
    stream = io.StringIO()
    yaml_format.without_aliases(writer).dump(prepared(data), stream)
    return stream.getvalue()


def reads_back(text: str, data: Any) -> bool:
    """Whether careerconv's reader reads ``text`` as ``data`` with either parser."""
    for parser in (yaml_format._EventSource, yaml_format._PureSafeLoader):
        parsed = yaml_format._read(text, None, False, [], parser, None)
        if not parsed.ok or parsed.problems or parsed.data != as_read(data):
            return False
    return True


_RESOLVER = VersionedResolver()
_STR = "tag:yaml.org,2002:str"


def _ruamel_resolves_to_text(value: str) -> bool:
    return str(_RESOLVER.resolve(ScalarNode, value, (True, False))) == _STR


@settings(max_examples=examples(3000), deadline=None)
@given(st.text(alphabet="0123456789-+._eExXoObB:TtZ aAfF~nNulLrRsS<=!&*\t", max_size=24))
@example("2026-11-26")
@example("2026-1-2 3:04:05.5 +01:00")
@example("1_000")
@example(".NaN")
@example("0o17")
@example("")
@example(".5e3")  # careerconv's reader reads a number; ruamel.yaml's, text
@example("+.5E3")
def test_implicit_words_are_those_any_reader_resolves(value: str) -> None:
    """A plain text is quoted exactly when ruamel.yaml's reader or careerconv's resolves it to another type."""
    if "\n" not in value:
        careerconv_resolves = not isinstance(yaml_format.resolve_plain(value), str)
        assert (emitter.IMPLICIT(value) is not None) == (not _ruamel_resolves_to_text(value) or careerconv_resolves)


# Text of every kind: any character, words and spaces for folding, indicators, line breaks.
_CHARS = st.characters(codec="utf-8") | st.sampled_from(list(" \n\t\r\x85\u2028\u2029\ufeff\xa0'\"#:-?,[]{}|>&*!%@`\\"))
_WORD = st.text(alphabet=_CHARS, min_size=1, max_size=12) | st.sampled_from(["a", "word", "x" * 40, "-", "#", ":"])
_TEXT = st.one_of(
    st.text(alphabet=_CHARS, max_size=30),
    st.lists(_WORD, max_size=40).map(" ".join),
    st.lists(
        st.sampled_from(["a", "bb", "it's", " ", "  ", "\n", "\n\n", ": ", " #", '"', "é", "\t"]), max_size=80
    ).map("".join),
    st.sampled_from(["true", "~", "12", "0x1f", "2026-11-26", "---", "...", "- a", "? a", ": a", "'a'", "a:", ".5e3"]),
    strategies.folding_texts(),
)
_KEYS = st.one_of(
    st.sampled_from(["id", "text", "answers", "a b", "x" * 127, "x" * 128, "true", "1", "1e3", "0x1f", "a\nb"]), _TEXT
)
_SCALARS = st.one_of(
    _TEXT,
    st.none(),
    st.booleans(),
    st.integers(),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
)
_DATA = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=20,
)
_SHAPES = (lambda t: {"k": t}, lambda t: {"k": [t]}, lambda t: {"k": [{"key": {"more": t}}]})


@settings(max_examples=examples(400), deadline=None)
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
@example({"a": "y" * 60 + "  " + "z" * 101})  # the second review: two spaces before a long word
@example({"a": "x" * 95 + "\t0 0", "b": "x" * 95 + "\u20280 0"})  # ... an escape before a fold
@example({"a": ".5e3", "-.5E3": "+.5e3"})  # ... what careerconv's reader resolves
@example({"a": "\tx\ny"})  # a literal block whose first line starts with a tab
@example({"1e3": 1, "x" * 200: {"y" * 130: [1]}})  # keys that must be quoted, and keys too long to be simple
def test_any_data_reads_back_as_written(data: dict[Any, Any]) -> None:
    """What careerconv's writer writes, careerconv's reader reads back as the same data, with either parser.

    And the layout of before is kept: wherever ruamel.yaml's round-trip writer (careerconv's writer until
    issue 14) wrote text that reads back as the data, careerconv writes the same bytes.
    """
    written = yaml_format.dumps(data)
    assert read_both(written) == as_read(data)
    earlier = before(data)
    if reads_back(earlier, data) and _document_shaped(data):
        assert written == earlier


def _document_shaped(data: Any) -> bool:
    """Whether ``data`` has the shapes of careerconv's documents, whose layout ruamel.yaml set: keys short and
    on one line (ruamel.yaml wrote others as explicit keys), no list directly in a list (it wrote ``- - x``)."""
    if isinstance(data, dict):
        keys = all(
            type(k) is str and len(k) < 100 and emitter.style(k) in (emitter.PLAIN, emitter.SINGLE) for k in data
        )
        return keys and all(_document_shaped(v) for v in data.values())
    if isinstance(data, (list, tuple)):
        return all(not isinstance(v, (list, tuple)) and _document_shaped(v) for v in data)
    return True


@settings(max_examples=examples(1000), deadline=None)
@given(strategies.folding_texts(), st.sampled_from(_SHAPES))
def test_text_at_every_fold_reads_back(text: str, shape: Any) -> None:
    """Text built to meet a fold (spaces, escapes and words of any length around column 100) reads back."""
    data = shape(text)
    assert read_both(emitter.emit(data)) == data


_FOLD_TAILS = ("0 0", "z" * 101 + " q", "a", "  b", " b c", "\tb", "b\n", "é é")


#: The process ``untraced`` starts: it runs each check of this module it is sent, and answers ``null`` or the
#: check's traceback.
_UNTRACED = """
import json, sys, traceback
sys.path.insert(0, sys.argv[1])
from tests import test_writer
for line in sys.stdin:
    check, args = json.loads(line)
    try:
        getattr(test_writer, check)(*args)
    except Exception:
        print(json.dumps(traceback.format_exc()), flush=True)
    else:
        print("null", flush=True)
"""


@pytest.fixture(scope="module")
def untraced() -> Iterator[Callable[..., None]]:
    """Run a check of this module in a Python process of its own, without the coverage tracer (as the security
    review's largest documents are read, ``tests/test_security_review.py``).

    The two exhaustive checks below write and read tens of thousands of documents: traced, they took three times
    as long, a third of the suite's time, and each line they run the golden files and the properties run too.
    The process serves the whole module (each pytest-xdist worker starts its own).
    """
    command = [sys.executable, "-c", _UNTRACED, str(Path(__file__).parent.parent)]
    # Coverage follows into subprocesses through these variables (pytest-cov, coverage's own .pth): not here.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_PROCESS_"))}
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment) as child:
        stdin, stdout = child.stdin, child.stdout
        assert stdin is not None
        assert stdout is not None

        def run(check: Callable[..., None], *args: object) -> None:
            stdin.write(json.dumps([check.__name__, args]) + "\n")
            stdin.flush()
            failure = json.loads(stdout.readline())
            assert failure is None, failure

        yield run
        stdin.close()


def every_hazard_at_every_column(hazard: str) -> None:
    """Each hazard placed at each column from 84 to 119, before each kind of word, at three depths."""
    for lead in ("ab ", "\x1b"):
        for column in range(84, 120):
            for tail in _FOLD_TAILS:
                text = (lead * column)[:column] + hazard + tail
                for shape in _SHAPES:
                    data = shape(text)
                    assert read_both(emitter.emit(data)) == data, (column, text)


@pytest.mark.parametrize("hazard", strategies.FOLD_HAZARDS)
def test_every_hazard_at_every_column_reads_back(hazard: str, untraced: Callable[..., None]) -> None:
    """Each hazard placed at each column from 84 to 119, before each kind of word, at three depths."""
    untraced(every_hazard_at_every_column, hazard)


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.sampled_from(["text", "name", "notes"]), _TEXT, min_size=1))
def test_any_text_is_written_by_careerconv(data: dict[str, str]) -> None:
    """Text of any kind under a plain key never needs ruamel.yaml: careerconv's writer lays it all out."""
    assert read_both(emitter.emit(data)) == data


@settings(max_examples=examples(100), deadline=None)
@given(document=strategies.conversations() | strategies.templates() | strategies.every_type_templates())
def test_documents_are_written_by_careerconv(document: careerconv.Template | careerconv.Conversation) -> None:
    """Every generated template and record, with and without defaults, is written by careerconv's writer and
    reads back; where ruamel.yaml's writer got it right, in its very bytes."""
    for defaults in (False, True):
        data = careerconv.to_data(document, defaults=defaults)
        written = emitter.emit(data)
        assert careerconv.loads(written) == document
        earlier = before(data)
        if reads_back(earlier, data):
            assert written == earlier


def test_what_careerconv_declines() -> None:
    """Anything but plain data is a TypeError naming what it is; floats and lists in lists are plain data."""
    cases: list[tuple[Any, str]] = [
        ([1], "the top level is not a non-empty mapping"),
        ({}, "the top level is not a non-empty mapping"),
        ({1: "a"}, "a key that is not text"),
        ({"a": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)}, "a datetime value"),
        ({"a": [{1, 2}]}, "a set value"),
    ]
    for data, reason in cases:
        with pytest.raises(TypeError) as raised:
            emitter.emit(data)
        assert str(raised.value) == reason
    data = {"a": [[1, [2.5, []]], -0.0, 1e16, float("inf"), -float("inf")], "b": 5e-324}
    written = emitter.emit(data)
    assert (
        written
        == "a:\n  -\n    - 1\n    -\n      - 2.5\n      - []\n  - -0.0\n  - 1e+16\n  - .inf\n  - -.inf\nb: 5e-324\n"
    )
    assert read_both(written) == data


def test_keys_of_every_kind_are_written_by_careerconv() -> None:
    """A key that is not plain is quoted as a value would be; one too long for a simple key is explicit."""
    data = {"123": 1, "a: b": "x", "tab\there": [1], "x" * 127: "simple", "y" * 128: {"a": "b"}}
    assert emitter.emit(data) == (
        "'123': 1\n'a: b': x\n\"tab\\there\":\n  - 1\n" + "x" * 127 + ": \n  simple\n? " + "y" * 128 + "\n:\n  a: b\n"
    )
    assert read_both(emitter.emit(data)) == data


def test_folds_at_the_width_exactly() -> None:
    """Around column 100, in each style and at each depth, text reads back, folded where ruamel.yaml folded it
    wherever ruamel.yaml's text read back."""
    for width in range(85, 120):
        for text in (
            "x" * width + " y z",
            "ab " * (width // 3) + "c" * (width % 7) + " y",
            "- " + "x" * width + " y z",  # single quotes
            "\x1b" + "x" * width + " y z",  # double quotes
            "\x1b" + "x " * (width // 2) + "'y' \"z\"",
        ):
            for data in ({"k": text}, {"k": [text]}, {"k": [{"key": {"more": text}}]}):
                written = emitter.emit(data)
                assert read_both(written) == data
                earlier = before(data)
                assert written == earlier or not reads_back(earlier, data), (width, text)


def test_golden_documents_keep_the_layout_of_before(untraced: Callable[..., None]) -> None:
    """Wherever ruamel.yaml's writer (careerconv's before issue 14) wrote a golden document so that it reads
    back, the golden bytes are its bytes; where it did not, careerconv's read back and ruamel.yaml's do not."""
    untraced(golden_documents_keep_the_layout_of_before)


def golden_documents_keep_the_layout_of_before() -> None:
    """The check of the test above."""
    changed = 0
    for case in DOCUMENTS:  # as files are written, without defaults (ruamel.yaml's writer is slow: 30 ms each)
        data = careerconv.to_data(_document(case))
        earlier = before(data)
        if reads_back(earlier, data):
            assert case["yaml"] == earlier
        else:
            changed += 1
            assert reads_back(case["yaml"], data)
    assert changed == CHANGED_FROM_BEFORE


#: How many of the 386 golden documents ruamel.yaml's writer would have written so that they read back as
#: another text (87) or that libyaml cannot read (136, a literal block that starts with a tab): the tricky
#: records holding the second review's texts, and generated documents whose text meets a fold
#: (``strategies.folding_texts``).
CHANGED_FROM_BEFORE = 223
