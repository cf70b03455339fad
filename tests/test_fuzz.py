"""Fuzzing: mutated valid documents either load as valid objects or raise ValidationError, nothing else.

The suite runs a short profile: 150 examples a property in the thorough profile, a tenth of them every day
(``tests/conftest.py``). The long one is a documented command (docs/security.md):

    CAREERCONV_FUZZ_EXAMPLES=1000 python -m pytest tests/test_fuzz.py --no-cov -p no:cacheprovider
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.cli import main
from careerconv.documents.core import _loads
from careerconv.formats import yaml as yaml_format
from careerconv.formats.plain import decode
from careerconv.registry import default_registry
from tests import strategies
from tests.conftest import examples
from tests.figures import FIGURES
from tests.hostile_objects import RaisingDict, RaisingList

EXAMPLES = int(os.environ.get("CAREERCONV_FUZZ_EXAMPLES") or examples(150))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Bytes and text that break YAML and JSON in interesting ways.
HAZARDS = [
    b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"\t", b"&a ", b"*a", b"!!python/name:os.system ", b"!tag ",
    b"{", b"}", b"[", b"]", b":", b": ", b"- ", b"? ", b"#", b"'", b'"', b"\\u0000", b"NaN", b"1e999",
    b"---\n", b"...\n", b"<<: *a\n", b"\xe2\x80\xa8", b"\xc2\x85", b"~", b"no", b"2026-02-30", b"-1",
    # what the security review found the fuzzer had missed: directives and document markers, flow keys
    # starting with '?', block scalars with trailing spaces, huge numbers, escapes of every kind
    b"%YAML 1.1\n---\n", b"%YAML 1.2\n--- ", b"%YAML 2.0\n", b"%TAG !e! tag:x.org,2026:\n---\n", b"--- ",
    b"...", b"? ", b"{? a: b}", b"[? a]", b"|  \n  x  \n", b">-\n  x \n", b"|+\n", b"1" * 5000, b"-" + b"9" * 101,
    b"0x" + b"f" * 200, b"1e999", b"-1e999", b"\\U00110000", b"\\ud800", b"\\udc00", b"\\e", b"\\x1b", b"\\u001b",
    b"\\u0000", b"\\0", b"\\N", b"\\_", b"\\L", b"\\P", b"\\r", b"\\b", b"\\f", b"\\/", b"\\u202e",
    b"\xe2\x80\xae", b"\x7f", b"\xc2\x9b", b"\xed\xa0\x80", b'"\\u006b', b"\r\n", b"\t",
    # what the second review found: escapes past what a C integer holds, which the pure-Python YAML reader
    # (taken when the C one refuses) turned into an OverflowError
    b"\\UFFFFFFFF", b"\\U80000000", b"\\U7FFFFFFF", b'"\\UFFFFFFFF"', b'"\\U80000000"', b"\\Uffffffff",
]  # fmt: skip
# At the very start of a document, where directives and markers mean most.
PREFIXES = [b"%YAML 1.1\n---\n", b"%YAML 1.2\n---\n", b"%YAML 2.0\n---\n", b"%TAG !e! tag:x.org,2026:\n---\n", b"--- "]


def check(text: bytes, format: str) -> None:
    """Loading ``text`` gives a valid object that round-trips, or a ValidationError; never anything else.

    The same text goes through every reader: ``loads``, ``load`` and ``edit_record`` of a file, and
    ``iter_conversations`` of a JSON Lines file, and ``careerconv validate``.
    """
    FIGURES["fuzz: documents tried"] += 1
    every_reader(text, format)
    try:
        document = careerconv.loads(text, format=format)  # type: ignore[call-overload]
    except careerconv.ValidationError as error:
        problems = error.problems
    else:
        careerconv.validate(document)
        assert careerconv.loads(careerconv.dumps(document, format=format), format=format) == document  # type: ignore[arg-type,call-overload]
        FIGURES["fuzz: accepted and round-tripped"] += 1
        return
    assert problems
    for problem in problems:
        assert problem.code
        assert problem.path.startswith("$")
    FIGURES["fuzz: refused with problems"] += 1


def every_reader(text: bytes, format: str) -> None:
    """The other readers of ``text``: each gives a result or a ValidationError, never anything else.

    Each parser alone too: YAML's C parser and its pure-Python fallback, JSON's full path without the fast one,
    and the reader of Python data on what the JSON parser made of the text.
    """
    if format == "yaml":
        decoded, _ = decode(text, None)
        if decoded is not None:
            for parser in (yaml_format._EventSource, yaml_format._PureSafeLoader):
                yaml_format._read(decoded, None, True, [], parser, None)  # a Parsed, whatever the text
    else:
        with contextlib.suppress(careerconv.ValidationError):
            _loads(text, format, None, default_registry(), resolve=True, quick=False)
        with contextlib.suppress(ValueError):  # the JSON parser's own refusal: not careerconv's to judge
            data = json.loads(text)
            if isinstance(data, dict):
                with contextlib.suppress(careerconv.ValidationError):
                    careerconv.from_data(data)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc.{format}"
        path.write_bytes(text)
        with contextlib.suppress(careerconv.ValidationError):
            careerconv.load(path)
        if format == "yaml":
            with contextlib.suppress(careerconv.ValidationError), careerconv.edit_record(path) as editor:
                editor.note("fuzzed")
        lines = Path(folder) / "doc.jsonl"
        lines.write_bytes(text)
        with contextlib.suppress(careerconv.ValidationError):
            for _ in careerconv.iter_conversations(lines):
                pass
        assert main(["validate", str(path)], stdout=io.StringIO(), stderr=io.StringIO()) in (0, 1)


@st.composite
def byte_mutations(draw: st.DrawFn, text: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "hazard"]))
        if how == "insert":
            text = text[:position] + draw(st.binary(min_size=1, max_size=3)) + text[position:]
        elif how == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 8)) :]
        elif how == "replace":
            text = text[:position] + draw(st.binary(min_size=1, max_size=2)) + text[position + 1 :]
        else:
            text = text[:position] + draw(st.sampled_from(HAZARDS)) + text[position:]
    if draw(st.integers(0, 4)) == 0:
        text = draw(st.sampled_from(PREFIXES)) + text
    return text


@FUZZ
@given(st.data())
def test_mutated_yaml_records(data: st.DataObject) -> None:
    FIGURES["fuzz: examples run"] += 1
    record = data.draw(strategies.conversations())
    check(data.draw(byte_mutations(careerconv.dumps(record).encode())), "yaml")


@FUZZ
@given(st.data())
def test_mutated_json_records(data: st.DataObject) -> None:
    FIGURES["fuzz: examples run"] += 1
    record = data.draw(strategies.conversations())
    check(data.draw(byte_mutations(careerconv.dumps(record, format="json").encode())), "json")


@FUZZ
@given(st.data())
def test_mutated_templates(data: st.DataObject) -> None:
    FIGURES["fuzz: examples run"] += 1
    template = data.draw(strategies.templates())
    format = data.draw(st.sampled_from(["yaml", "json"]))
    check(data.draw(byte_mutations(careerconv.dumps(template, format=format).encode())), format)  # type: ignore[arg-type]


VALUES: list[Any] = [None, True, 0, -1, 1.5, "", "x", "2026-02-30", [], ["x"], {}, {"x": 1}, "no", 10**30]


@FUZZ
@given(st.data())
def test_structurally_mutated_records(data: st.DataObject) -> None:
    """A key removed, added or given a value of another type, anywhere in the record."""
    FIGURES["fuzz: examples run"] += 1
    plain = json.loads(careerconv.dumps(data.draw(strategies.conversations()), format="json"))
    for _ in range(data.draw(st.integers(1, 3))):
        node: Any = plain
        while isinstance(node, (dict, list)) and node and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else list(range(len(node)))))
            if not isinstance(node[key], (dict, list)):
                break
            node = node[key]
        value = copy.deepcopy(data.draw(st.sampled_from(VALUES)))  # later rounds may mutate it
        if isinstance(node, dict):
            node[data.draw(st.sampled_from([*sorted(node), "unknown"]))] = value
        elif isinstance(node, list):
            node.append(value)
    check(json.dumps(plain).encode(), "json")


# Pieces of YAML that reach the corners of a parser: escapes of every length (past Unicode, past a C integer),
# flow and block indicators, directives, tags, anchors, block scalar headers.
_ESCAPES = st.tuples(
    st.sampled_from([*'xuUN_LP0abtnvfre "/\\\t', "", "\n"]),
    st.sampled_from(["FFFFFFFF", "80000000", "7FFFFFFF", "00110000", "0010FFFF", "D800", "DC00", "0000"])
    | st.text("0123456789abcdefABCDEFxZ-+ ", max_size=10),
).map(lambda piece: "\\" + piece[0] + piece[1])
_PIECES = _ESCAPES | st.sampled_from(
    ['"', "'", "\n", " ", "  ", "a", "\t", "{", "}", "[", "]", ",", ": ", "? ", "- ", "#", "%YAML 1.2\n---\n",
     "%YAML 99999999999999999999999.1\n---\n", "%TAG !a! tag:x,1:\n---\n", "!a!b ", "!<tag:x> ", "!!str ", "|9",
     ">1-", "|+", "&x ", "*x", "<<", "\u2028", "\x85", "\ufeff"]
)  # fmt: skip


@FUZZ
@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(['a: "%s"', 'a: ["%s"]', "%s", "{a: '%s'}"]))
@example("\\UFFFFFFFF", 'a: "%s"')  # the second review's: an OverflowError before
def test_the_pure_python_yaml_reader_alone_gives_problems_not_exceptions(text: str, frame: str) -> None:
    """The fallback parser, fed pieces that reach its corners, returns a Parsed: never an exception."""
    FIGURES["fuzz: examples run"] += 1
    document = frame.replace("%s", text)
    for parser in (yaml_format._PureSafeLoader, yaml_format._EventSource):
        parsed = yaml_format._read(document, None, True, [], parser, None)
        assert parsed.ok or parsed.problems


def _hostile(value: Any, draw: Callable[[st.SearchStrategy[bool]], bool]) -> Any:
    """``value`` with some of its containers swapped for lying subclasses holding the same content."""
    if isinstance(value, dict):
        inner = {key: _hostile(item, draw) for key, item in value.items()}
        return RaisingDict(inner) if draw(st.booleans()) else inner
    if isinstance(value, list):
        items = [_hostile(item, draw) for item in value]
        return RaisingList(items) if draw(st.booleans()) else items
    return value


@FUZZ
@given(st.data())
def test_hostile_containers_read_as_their_content(data: st.DataObject) -> None:
    """Plain data with lying dict and list subclasses anywhere reads exactly as the plain data does."""
    FIGURES["fuzz: examples run"] += 1
    plain = json.loads(careerconv.dumps(data.draw(strategies.conversations()), format="json"))
    hostile = _hostile(plain, data.draw)
    try:
        expected: Any = careerconv.from_data(plain)
    except careerconv.ValidationError as error:
        expected = [str(p) for p in error.problems]
    try:
        found: Any = careerconv.from_data(hostile)
    except careerconv.ValidationError as error:
        found = [str(p) for p in error.problems]
    assert found == expected
