"""The fast path accepts only what the full path accepts, and builds equal objects.

Valid generated records must take the fast path and equal the full path's objects; mutated records (a key
removed, added or doubled, a value of another type, a bad date, an unknown question...) may take the fast
path only if the full path accepts them too, with an equal result.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.documents import fast
from careerconv.documents.core import _build, _loads, _merged, check, to_data
from careerconv.errors import ConversionProblem
from careerconv.formats import plain
from careerconv.formats import python as python_format
from careerconv.formats import yaml as yaml_format
from careerconv.questions import parse_date
from careerconv.registry import default_registry
from careerconv.rules.envelope import body
from careerconv.rules.structure import converter
from careerconv.rules.text import FORBIDDEN_TEXT, FORBIDDEN_TEXT_JSON, forbidden_in_json
from tests import strategies
from tests.conftest import examples

LOOKUP = fast.Lookup(default_registry())


def full(text: str, format: str) -> Any:
    """The full path's result: the record, or the problems' codes."""
    try:
        return _loads(text, format, None, default_registry(), resolve=True, quick=False)
    except careerconv.ValidationError as error:
        return sorted({p.code for p in error.problems})


@settings(max_examples=examples(150), deadline=None)
@given(strategies.conversations())
def test_valid_records_take_the_fast_path_and_equal_the_full_path(record: careerconv.Conversation) -> None:
    text = careerconv.dumps(record, format="json")
    assert full(text, "json") == record
    try:
        assert fast.conversation_json(text, LOOKUP) == record
    except fast.Slow:  # a \u escape or a forbidden character's escape (\r): the full path's, on purpose
        assert "\\u" in text or FORBIDDEN_TEXT_JSON.search(text.encode())
    yaml_text = careerconv.dumps(record)
    data = yaml_format.read(yaml_text).data
    assert fast.conversation(data, LOOKUP) == record == full(yaml_text, "yaml")


def _mutations() -> st.SearchStrategy[tuple[str, Any]]:
    values = st.sampled_from(
        [None, True, False, 0, 1, -1, 1.5, "", "x", "2026-02-30", "2026-2-3", [], ["x"], {}, {"x": 1}]
    )
    return st.tuples(st.sampled_from(["set", "delete", "add", "rename"]), values)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


def _mutate(data: Any, path: tuple[Any, ...], how: str, value: Any) -> Any:
    if not path:
        return value if how == "set" else data
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "set":
        parent[last] = value
    elif how == "rename":  # a key made unknown, as long as it was: in its place
        if isinstance(parent, dict) and last:
            renamed = {
                (key[:-1] + ("q" if key[-1] != "q" else "z") if key == last else key): v for key, v in parent.items()
            }
            parent.clear()
            parent.update(renamed)
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent["unknown-key" if isinstance(last, str) else "x"] = value
    else:
        parent.append(value)
    return data


@settings(max_examples=examples(400), deadline=None)
@given(strategies.conversations(), st.data())
def test_a_mutated_record_takes_the_fast_path_only_if_the_full_path_agrees(
    record: careerconv.Conversation, data: st.DataObject
) -> None:
    # Half the texts as careerconv writes JSON Lines (compact, every field, the envelope first): a mutated line
    # starts as a line careerconv wrote, and must not pass for one.
    compact = data.draw(st.booleans())
    plain = json.loads(careerconv.dumps(record, format="jsonl" if compact else "json"))
    path = data.draw(st.sampled_from(_paths(plain)))
    how, value = data.draw(_mutations())
    mutated = _mutate(plain, path, how, value)
    text = json.dumps(mutated, ensure_ascii=False, separators=(",", ":") if compact else None)
    expected = full(text, "json")
    # Every example asserts: each fast path gives exactly the full path's record, or gives up where the full
    # path finds problems (a valid record written without escapes always takes the fast path).
    accepted = expected if isinstance(expected, careerconv.Conversation) else None
    escaped = "\\u" in text or FORBIDDEN_TEXT_JSON.search(text.encode()) is not None
    for fast_path, argument in ((fast.conversation_json, text), (fast.conversation, mutated)):
        try:
            quick = fast_path(argument, LOOKUP)
        except fast.Slow:
            quick = None
        if fast_path is fast.conversation_json and escaped:
            assert quick in (None, accepted)
        else:
            assert quick == accepted


@settings(max_examples=examples(150), deadline=None)
@given(strategies.conversations())
def test_lines_careerconv_writes_take_the_fast_path(record: careerconv.Conversation) -> None:
    """A JSON Lines line as careerconv writes it is read on the fast path, equal, with or without its newline."""
    line = careerconv.dumps(record, format="jsonl").encode("utf-8")
    assert line.startswith(fast.LINE_START)
    for text in (line, line[:-1]):
        try:
            assert fast.conversation_json(text, LOOKUP) == record
        except fast.Slow:
            assert b"\\u" in text or FORBIDDEN_TEXT_JSON.search(text)


def test_a_line_like_careerconvs_with_an_extra_or_doubled_key_is_refused() -> None:
    """Starting as careerconv's own line is no pass: an unknown key or a key written twice goes to the full path."""
    record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    line = careerconv.dumps(record, format="jsonl")
    assert line.startswith(fast.LINE_START.decode())
    cases = {
        line.replace('"id":"alex"', '"id":"alex","id":"kim"'): ["duplicate-key"],
        line.replace('"id":"alex"', '"id":"alex","role":"x"'): ["unknown-key"],
        line.replace('"notes":[]', '"notes":[],"notes":[]'): ["duplicate-key"],
        line.replace('"team":null', '"tame":null', 1): ["unknown-key"],  # as long as careerconv's own line
    }
    for text, codes in cases.items():
        assert text != line
        with pytest.raises(fast.Slow):
            fast.conversation_json(text, LOOKUP)
        assert full(text, "json") == codes


def test_duplicate_keys_and_escapes_take_the_full_path() -> None:
    record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
    text = careerconv.dumps(record, format="json")
    doubled = text.replace('"id": "alex"', '"id": "alex", "id": "kim"')
    with pytest.raises(fast.Slow, match="duplicate keys"):
        fast.conversation_json(doubled, LOOKUP)
    assert full(doubled, "json") == ["duplicate-key"]
    escaped = text.replace('"alex"', '"\\u0061lex"')
    with pytest.raises(fast.Slow, match="not for the fast path"):
        fast.conversation_json(escaped, LOOKUP)
    assert full(escaped, "json") == record


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-26",
        "2026-02-29",
        "2024-02-29",
        "0000-01-01",
        "9999-12-31",
        "2026-1-01",
        "2026-13-01",
        "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0666",
        "2026-11-26T00:00",
    ],
)
def test_msgspec_reads_dates_as_strictly_as_careerconv(text: str) -> None:
    import msgspec

    try:
        ours: dt.date | None = parse_date(text)
    except ConversionProblem:
        ours = None
    try:
        theirs: dt.date | None = msgspec.json.decode(json.dumps(text), type=dt.date)
    except msgspec.ValidationError:
        theirs = None
    assert theirs is None or theirs == ours  # msgspec may refuse more, never accept more


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(strategies.conversations(), max_size=4, unique_by=lambda r: r.id))
def test_json_lines_round_trip(records: list[careerconv.Conversation]) -> None:
    import tempfile
    from pathlib import Path

    for record in records:
        line = careerconv.dumps(record, format="jsonl")
        assert line.endswith("\n")
        assert line.count("\n") == 1
        assert careerconv.loads(line, format="json") == record
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        careerconv.dump_conversations(iter(records), path)
        assert careerconv.load_conversations(path) == records
        assert list(careerconv.iter_conversations(path)) == records


@settings(max_examples=examples(200), deadline=None)
@given(strategies.conversations(), strategies.any_text, st.sampled_from(["note", "param", "goal", "employee-name"]))
def test_any_text_the_fast_path_accepts_the_full_path_accepts(
    record: careerconv.Conversation, text: str, where: str
) -> None:
    """Text with control, bidirectional or surrogate characters: refused by both paths, in both formats."""
    if where == "note":
        record = attrs.evolve(record, notes=(*record.notes, careerconv.Note(text=text or "x")))
    elif where == "param":
        record = attrs.evolve(record, params={"company": text})
    elif where == "goal":
        record = attrs.evolve(record, grow=careerconv.GrowPlan(goal=careerconv.Goal(statement=text)))
    else:
        record = attrs.evolve(record, employee=attrs.evolve(record.employee, name=text))
    data = json.loads(json.dumps(to_data(record), default=str))
    json_text = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
    expected = full(json_text.decode("utf-8", "surrogatepass"), "json")
    if FORBIDDEN_TEXT.search(text):
        assert expected == ["control-character"]
    else:
        assert expected == record
    for fast_path, argument in ((fast.conversation_json, json_text), (fast.conversation, data)):
        try:
            fast_result = fast_path(argument, LOOKUP)
        except fast.Slow:
            continue
        assert fast_result == expected


@given(strategies.any_text)
def test_the_json_image_of_the_text_rule_misses_nothing(text: str) -> None:
    """A string the text rule refuses is, written as JSON, either \\u-escaped or found by the byte pattern."""
    for encoded in (json.dumps(text, ensure_ascii=False), json.dumps(text)):
        data = encoded.encode("utf-8", "surrogatepass")
        if FORBIDDEN_TEXT.search(text):
            assert b"\\u" in data or FORBIDDEN_TEXT_JSON.search(data)


@pytest.mark.parametrize(
    "path",
    [
        ("answers", "team", "visibility"),
        ("notes", 0, "visibility"),
        ("grow", "will", 0, "owner"),
        ("grow", "will", 0, "status"),
    ],
)
def test_a_value_outside_a_fixed_set_takes_neither_fast_path(path: tuple[Any, ...]) -> None:
    """Each field with allowed values (a Literal of the model), set to another text: both fast paths give up."""
    session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
    record = session.answer("team", "Fine").note("n").action("Mentor Kim").record
    plain = json.loads(careerconv.dumps(record, format="json"))
    mutated = _mutate(plain, path, "set", "secret")
    text = json.dumps(mutated)
    assert full(text, "json") == ["invalid-choice"]
    with pytest.raises(fast.Slow):
        fast.conversation_json(text, LOOKUP)
    with pytest.raises(fast.Slow):
        fast.conversation(mutated, LOOKUP)


@settings(max_examples=examples(100), deadline=None)
@given(st.data())
def test_records_of_typed_templates_are_equal_on_every_path(data: st.DataObject) -> None:
    """Scale, choice and date answers (a date answer is a datetime.date) read back equal, fast and full."""
    template = data.draw(strategies.templates())
    registry = careerconv.Registry(entry_points=False, environment=False)
    registry.register(template)
    record = data.draw(strategies.conversations(template))
    careerconv.validate(record, registry=registry)
    lookup = fast.Lookup(registry)
    for format in ("json", "yaml"):
        text = careerconv.dumps(record, format=format)
        assert _loads(text, format, None, registry, resolve=True, quick=False) == record
        assert careerconv.loads(text, format=format, registry=registry) == record
    text = careerconv.dumps(record, format="json")
    try:
        assert fast.conversation_json(text, lookup) == record
    except fast.Slow:  # only text the fast path leaves to the full one on purpose
        assert "\\u" in text or FORBIDDEN_TEXT_JSON.search(text.encode())
    assert fast.conversation(yaml_format.read(careerconv.dumps(record)).data, lookup) == record


@settings(max_examples=examples(2000), deadline=None)
@given(
    st.binary(max_size=60)
    | st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass"))
    | st.lists(
        st.sampled_from([b"a", b"\\", b"b", b"r", b"u", b"\x7f", b"\xc2", b"\x85", b"\xe2", b"\x80", b"\xab"])
    ).map(b"".join)
)
def test_forbidden_in_json_is_the_regular_expression(data: bytes) -> None:
    """The fast search for forbidden text answers exactly what FORBIDDEN_TEXT_JSON.search answers."""
    assert forbidden_in_json(data) == (FORBIDDEN_TEXT_JSON.search(data) is not None)


def _full_from_data(data: Any) -> Any:
    """``from_data`` by the full path alone: the record, or every problem, as text."""
    parsed = python_format.read(data)
    found: list[Any] = []
    obj = _build(parsed.data, found, default_registry()) if parsed.ok else None
    if parsed.ok and not found and not parsed.problems:
        return obj
    return [str(p) for p in plain.capped(_merged(parsed.problems, found, None, None) if parsed.ok else parsed.problems)]


@settings(max_examples=examples(400), deadline=None)
@given(strategies.conversations(), st.data())
def test_from_data_of_a_mutated_dict_equals_the_full_path(record: careerconv.Conversation, data: st.DataObject) -> None:
    """Dicts take the fast path too: a mutated dict (Python values among them: dates, tuples) gives exactly the
    full path's record, or exactly its problems."""
    plain_data = {"kind": "conversation", "schema_version": 1, **to_data(record)}
    path = data.draw(st.sampled_from(_paths(plain_data)))
    how, value = data.draw(
        _mutations() | st.tuples(st.just("set"), st.sampled_from([dt.date(2026, 2, 3), ("x",), (1,), 2.0]))
    )
    mutated = _mutate(plain_data, path, how, value)
    expected = _full_from_data(mutated)
    try:
        got: Any = careerconv.from_data(mutated)
    except careerconv.ValidationError as error:
        got = [str(p) for p in error.problems]
    assert got == expected


@settings(max_examples=examples(150), deadline=None)
@given(strategies.conversations())
def test_a_valid_dict_takes_the_fast_path(record: careerconv.Conversation) -> None:
    data = {"kind": "conversation", "schema_version": 1, **to_data(record)}
    assert fast.conversation(python_format.read(data).data, LOOKUP) == careerconv.from_data(data) == record


@settings(max_examples=examples(400), deadline=None)
@given(strategies.conversations(), st.data())
def test_validate_of_a_mutated_object_is_the_full_paths(record: careerconv.Conversation, data: st.DataObject) -> None:
    """``validate(obj)`` takes the fast path's checks for a valid record: a record built in Python from mutated
    data (well typed, the rules broken anyhow) gets exactly the full path's problems."""
    plain_data = to_data(record)
    path = data.draw(st.sampled_from(_paths(plain_data)))
    how, value = data.draw(_mutations() | st.tuples(st.just("set"), st.sampled_from(["a\x1b[2J", "b\u202e", "\x00"])))
    mutated = _mutate(plain_data, path, how, value)
    try:
        obj = converter().structure(body(mutated), careerconv.Conversation)
    except Exception:  # noqa: BLE001 - not an object of the model's types: validate's type check says so
        return
    registry = default_registry()
    quick = [str(p) for p in check(obj, registry=registry, resolve=True)]
    assert quick == [str(p) for p in check(obj, registry=registry, resolve=True, quick=False)]
    assert (quick == []) == (_full_from_data(to_data(obj)) == obj)


def test_facts_follow_the_template_object() -> None:
    """A template's facts are made once and kept by the template object: a changed template gets its own."""
    template = careerconv.get_template("standard")
    assert fast.facts_of(template) is fast.facts_of(template)
    changed = attrs.evolve(template, sections=template.sections[1:])
    assert "career-so-far" in fast.facts_of(template).questions
    assert "career-so-far" not in fast.facts_of(changed).questions
