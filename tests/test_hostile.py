"""Hostile input the corpus cannot hold as files: huge, very deep, and odd encodings."""

from __future__ import annotations

import pytest

import careerconv
from careerconv.formats import plain
from careerconv.formats import yaml as yaml_format

VALID = (
    "kind: template\nschema_version: 1\nname: mini\nversion: 1.0.0\ntitle: Mini\n"
    "sections:\n  - id: a\n    title: A\n    questions:\n      - id: q\n        text: Why?\n"
)


def codes(text: str | bytes, fmt: str = "yaml") -> list[tuple[str, str, int | None, int | None]]:
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(text, format=fmt)  # type: ignore[call-overload]
    return [(p.code, p.path, p.line, p.column) for p in caught.value.problems]


def test_over_the_size_limit_is_refused_before_parsing() -> None:
    text = VALID + "# " + "x" * plain.MAX_BYTES + "\n"
    assert codes(text) == [("too-large", "$", None, None)]


@pytest.mark.parametrize("depth", [41, 100_000, 1_000_000])
def test_deep_yaml_stops_at_the_limit_without_crashing(depth: int) -> None:
    """The C parser would overflow its stack composing 100,000 levels; the reader stops at 40."""
    assert codes("[" * depth + "]" * depth) == [("too-deep", "$" + "[0]" * 40, 1, 41)]


def test_deep_json_is_a_problem() -> None:
    """Deeper than the parser's recursion limit or not, JSON stops at level 41, located like YAML."""
    for depth in (41, 100_000):
        assert codes("[" * depth + "]" * depth, "json") == [("too-deep", "$" + "[0]" * 40, 1, 41)]


def test_bom_and_crlf_are_fine() -> None:
    text = "\ufeff" + VALID.replace("\n", "\r\n")
    assert careerconv.loads(text.encode("utf-8")) == careerconv.loads(VALID)


def test_yaml_1_2_scalars_stay_text() -> None:
    """'no', 'on', 'yes' and dates are text in YAML 1.2: a text field takes them as they are."""
    for word in ("no", "on", "yes", "2026-11-26", "0o17x"):
        template = careerconv.loads(VALID.replace("title: Mini", f"title: {word}"))
        assert isinstance(template, careerconv.Template)
        assert template.title == word


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("0x1f", 31),
        ("0o17", 15),
        ("-3", -3),
        ("1e3", 1000.0),
        ("-.inf", float("-inf")),
        (".5", 0.5),
        ("+1", 1),
    ],
)
def test_core_schema_resolution(plain: str, value: object) -> None:
    assert yaml_format.resolve_plain(plain) == value


def test_nan_resolves_to_a_float() -> None:
    nan = yaml_format.resolve_plain(".nan")
    assert isinstance(nan, float)
    assert nan != nan


def test_error_messages_do_not_repeat_what_people_wrote() -> None:
    """A wrong value's text never appears in the problem: answers are personal data."""
    secret = "SECRET-MARKER-42"
    text = (
        "kind: conversation\nschema_version: 1\nid: r\ntemplate: {name: standard}\nemployee: {id: alex}\n"
        f"answers:\n  career-so-far: {{text: [{secret}], visibility: {secret}, value: {secret}}}\n"
        f"notes:\n  - {{text: {secret}, visibility: {secret}}}\n  - {secret}\n"
        f"grow:\n  will:\n    - {{text: x, due: {secret}, status: {secret}}}\n"
    )
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(text)
    assert len(caught.value.problems) == 7
    assert secret not in str(caught.value)
