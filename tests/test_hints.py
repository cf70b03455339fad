"""Hints for the YAML mistakes people make filling in a record by hand, each with its exact problems.

Every mistake is checked on both YAML readers: the C parser (which hands a syntax error on to the pure-Python
one, so their words are the pure one's) and the pure-Python parser alone, as careerconv runs where the C
extension is missing. A hint is recognised from the parser's (or a rule's) words and the shape of the lines
around the position, so a file without the mistake never gets one, and no message repeats what was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.formats import yaml as yaml_format
from tests.cli_runner import run
from tests.conftest import examples

HEAD = (
    "kind: conversation\nschema_version: 1\nid: 2026-11-26-alex\n"
    "template: {name: standard, version: 1.0.0, locale: en}\ndate: 2026-11-26\nemployee: {id: alex}\n"
)  # 6 lines: a mistake's first line is line 7

COLON = (
    "to keep ': ' in a text, put the text in quotes, or write '|' in its place and the text on the next lines, indented"
)
FLOW_COLON = "to keep ': ' in a text inside '{}' or '[]', put the text in quotes"
INDENT = "indent the lines of a '|' text further than its key"
DASH = "put a space after the '-' of each list item"
AFTER_BAR = "write it on the lines below, indented further than its key"

Found = tuple[str, int | None, int | None, str, str]

#: Each mistake, as the lines after HEAD, with exactly the problems it gives: (path, line, column, code, message).
MISTAKES: dict[str, tuple[str, list[Found]]] = {
    "a ': ' in a text after its key": (
        "answers:\n  career-so-far:\n    text: Goal: lead a team\n",
        [
            (
                "$.answers.career-so-far",
                9,
                15,
                "yaml-syntax",
                f"invalid YAML: mapping values are not allowed here; {COLON}",
            )
        ],
    ),
    "a ': ' in a list item's text": (
        "grow:\n  reality:\n    obstacles:\n      - Blocker: no budget\n",
        [("$.grow.reality.obstacles[0]", 10, 9, "wrong-type", f"expected text, found a mapping; {COLON}")],
    ),
    "a ': ' in a text on the line below its key": (
        "answers:\n  career-so-far:\n    text:\n      Goal: lead\n      Why: growth\n",
        [("$.answers.career-so-far.text", 10, 7, "wrong-type", f"expected text, found a mapping; {COLON}")],
    ),
    "a ': ' in a text inside braces": (
        "grow:\n  options:\n    - {text: Goal: mentor two juniors, chosen: true}\n",
        [("$.grow.options[0]", 9, 18, "yaml-syntax", f"invalid YAML: expected ',' or '}}', but got ':'; {FLOW_COLON}")],
    ),
    "lines under '|' not indented": (
        "answers:\n  career-so-far:\n    text: |\n    Started in support\n    moved to backend\n",
        [("$.answers.career-so-far", 11, 5, "yaml-syntax", f"invalid YAML: could not find expected ':'; {INDENT}")],
    ),
    "lines under '|' not indented, at the start of the line": (
        "answers:\n  career-so-far:\n    text: |\n\n    # a comment\nStarted in support\nmoved to backend\n",
        [("$.answers.career-so-far", 13, 1, "yaml-syntax", f"invalid YAML: could not find expected ':'; {INDENT}")],
    ),
    "a line under '|' not indented, then the next answer": (
        "answers:\n  career-so-far:\n    text: |\n    Started in support\n  team:\n    text: Fine\n",
        [("$.answers.career-so-far", 11, 3, "yaml-syntax", f"invalid YAML: could not find expected ':'; {INDENT}")],
    ),
    "lines under '|' not indented, the first with a ': '": (
        "answers:\n  career-so-far:\n    text: |\n    Goal: lead a team\n",
        [
            (
                "$.answers.career-so-far.Goal",
                10,
                5,
                "unknown-key",
                f"unknown key 'Goal'; expected one of: text, value, visibility; {INDENT}",
            )
        ],
    ),
    "text on the line of '|'": (
        "answers:\n  career-so-far:\n    text: | Started in support\n",
        [
            (
                "$.answers.career-so-far.text",
                9,
                13,
                "yaml-syntax",
                f"invalid YAML: a text cannot start on the line of its '|'; {AFTER_BAR}",
            )
        ],
    ),
    "text right after '|'": (
        "answers:\n  career-so-far:\n    text: |-Started in support\n",
        [
            (
                "$.answers.career-so-far.text",
                9,
                13,
                "yaml-syntax",
                f"invalid YAML: a text cannot start on the line of its '|'; {AFTER_BAR}",
            )
        ],
    ),
    "a tab indenting a key": (
        "answers:\n  career-so-far:\n\ttext: Started in support\n",
        [("$.answers.career-so-far", 9, 1, "yaml-syntax", "invalid YAML: a tab cannot indent YAML; use spaces")],
    ),
    "a tab indenting a list item": (
        "grow:\n  reality:\n    obstacles:\n    \t- No experience\n",
        [("$.grow.reality.obstacles", 10, 5, "yaml-syntax", "invalid YAML: a tab cannot indent YAML; use spaces")],
    ),
    "'-item' for every item: one text": (
        "motivations:\n  ranking:\n    -mastery\n    -autonomy\n",
        [("$.motivations.ranking", 9, 5, "wrong-type", f"expected a list, found text; {DASH}")],
    ),
    "'-item' on the key's line": (
        "grow:\n  reality:\n    obstacles: -No experience\n",
        [("$.grow.reality.obstacles", 9, 16, "wrong-type", f"expected a list, found text; {DASH}")],
    ),
    "'-key: value' for a list of mappings: one mapping": (
        "notes:\n  -text: Worried about the reorg\n",
        [("$.notes", 8, 3, "wrong-type", f"expected a list, found a mapping; {DASH}")],
    ),
    "'-item' after '- item'": (
        "grow:\n  reality:\n    obstacles:\n      - No experience\n      -Reorg\n",
        [("$.grow.reality.obstacles[1]", 12, 1, "yaml-syntax", f"invalid YAML: could not find expected ':'; {DASH}")],
    ),
    "'-key: value' after '- key: value'": (
        "grow:\n  will:\n    - text: Mentor Kim\n      owner: employee\n    -text: Course\n",
        [("$.grow.will[1]", 11, 5, "yaml-syntax", f"invalid YAML: expected <block end>, but found '?'; {DASH}")],
    ),
}

#: The C parser's words where they differ from the pure-Python parser's, as ``_read`` gives them alone.
C_WORDS = {
    "mapping values are not allowed here": "mapping values are not allowed in this context",
    "expected ',' or '}', but got ':'": "did not find expected ',' or '}'",
    "expected <block end>, but found '?'": "did not find expected '-' indicator",
}

#: Records with a problem that none of the mistakes explains: exactly their problems, and no hint.
NO_MISTAKE: dict[str, tuple[str, list[Found]]] = {
    "a key indented under a text (a ': ' on the continued line)": (
        "answers:\n  career-so-far:\n    text: Started in support\n      visibility: private\n",
        [("$.answers.career-so-far", 10, 17, "yaml-syntax", "invalid YAML: mapping values are not allowed here")],
    ),
    "a text continued by a line that is not indented, without '|'": (
        "answers:\n  career-so-far:\n    text: Started\n    in support\n",
        [("$.answers.career-so-far", 11, 1, "yaml-syntax", "invalid YAML: could not find expected ':'")],
    ),
    "a text where a list belongs": (
        "motivations:\n  ranking: mastery\n",
        [("$.motivations.ranking", 8, 12, "wrong-type", "expected a list, found text")],
    ),
    "a quoted text starting with '-' where a list belongs": (
        'motivations:\n  ranking: "-mastery"\n',
        [("$.motivations.ranking", 8, 12, "wrong-type", "expected a list, found text")],
    ),
    "a list started on its key's line": (
        "motivations:\n  ranking: - mastery\n",
        [("$.motivations.ranking", 8, 12, "yaml-syntax", "invalid YAML: sequence entries are not allowed here")],
    ),
    "a list item, with its space, under a text": (
        "answers:\n  career-so-far:\n    text: Started\n    - item\n",
        [("$.answers.career-so-far", 10, 5, "yaml-syntax", "invalid YAML: expected <block end>, but found '-'")],
    ),
    "an empty list item": (
        "motivations:\n  ranking:\n    - mastery\n    -\n",
        [("$.motivations.ranking[1]", 10, 6, "wrong-type", "expected text, found nothing (null)")],
    ),
    "a misspelt key after an empty '|'": (
        "answers:\n  career-so-far:\n    text: |\n    visibilty: private\n",
        [
            (
                "$.answers.career-so-far.visibilty",
                10,
                5,
                "unknown-key",
                "unknown key 'visibilty'; did you mean 'visibility'?",
            )
        ],
    ),
    "an unknown key after a text": (
        "answers:\n  career-so-far:\n    text: Started in support\n    mood: good\n",
        [
            (
                "$.answers.career-so-far.mood",
                10,
                5,
                "unknown-key",
                "unknown key 'mood'; expected one of: text, value, visibility",
            )
        ],
    ),
    "a mapping in braces where a text belongs": (
        "answers:\n  career-so-far:\n    text: {goal: lead}\n",
        [("$.answers.career-so-far.text", 9, 11, "wrong-type", "expected text, found a mapping")],
    ),
}

#: Records that are valid: colons quoted or inside a '|' text, dashes with their space or quoted.
VALID = [
    "answers:\n  career-so-far:\n    text: 'Goal: lead a team'\n",
    'answers:\n  career-so-far:\n    text: "Goal: lead a team"\n',
    "answers:\n  career-so-far:\n    text: |\n      Goal: lead a team\n      Why: growth\n    visibility: private\n",
    "answers:\n  career-so-far:\n    text: >-\n      Goal: lead\n      - not a list item\n",
    "grow:\n  options:\n    - {text: 'Goal: mentor', chosen: true}\n",
    'grow:\n  reality:\n    obstacles:\n      - "Blocker: no budget"\n      - "-no experience"\n',
    "notes:\n  - text: |\n      Worried: the reorg\n    visibility: private\n",
]


@contextlib.contextmanager
def reading_with(reader: str) -> Iterator[None]:
    """careerconv's YAML reading as it runs: ``c`` (the C parser, if installed) or ``pure`` (without it)."""
    if reader == "c":
        yield
        return
    with mock.patch.object(yaml_format, "_EventSource", yaml_format._PureSafeLoader):
        yield


def problems_of(text: str, reader: str) -> list[Found]:
    """The problems ``careerconv.loads`` finds in ``text``, read with ``reader``; none when it is valid."""
    with reading_with(reader):
        try:
            careerconv.loads(text)
        except careerconv.ValidationError as error:
            return [(p.path, p.line, p.column, p.code, p.message) for p in error.problems]
    return []


@pytest.mark.parametrize("reader", ["c", "pure"])
@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_gives_exactly_its_problems_with_the_fix(name: str, reader: str) -> None:
    """Each mistake: its path, line, column and code as before, and the message ends with the fix."""
    body, expected = MISTAKES[name]
    assert problems_of(HEAD + body, reader) == expected


@pytest.mark.parametrize("name", MISTAKES)
def test_each_parser_alone_gives_the_same_fix(name: str) -> None:
    """The reader run on each parser by itself: a syntax error gets the same fix, in that parser's words.

    A mistake that parses (found by a rule) parses alike on both.
    """
    body, expected = MISTAKES[name]
    for parser in (yaml_format._EventSource, yaml_format._PureSafeLoader):
        parsed = yaml_format._read(HEAD + body, None, True, [], parser, None)
        found = [(p.path, p.line, p.column, p.code, p.message) for p in parsed.problems]
        if expected[0][3] != "yaml-syntax":
            assert (parsed.ok, found) == (True, [])
            continue
        words = C_WORDS if parser is not yaml_format._PureSafeLoader else {}
        in_words = [(*p[:4], _in_words(p[4], words)) for p in expected]
        assert (parsed.ok, found) == (False, in_words)


def _in_words(message: str, words: dict[str, str]) -> str:
    for pure, c in words.items():
        message = message.replace(pure, c)
    return message


@pytest.mark.parametrize("reader", ["c", "pure"])
@pytest.mark.parametrize("name", NO_MISTAKE)
def test_no_hint_for_a_problem_without_the_mistake(name: str, reader: str) -> None:
    """A problem that looks like a mistake's (the same parser words, the same rule) but is not one: no fix."""
    body, expected = NO_MISTAKE[name]
    assert problems_of(HEAD + body, reader) == expected


@pytest.mark.parametrize("reader", ["c", "pure"])
@pytest.mark.parametrize("body", VALID)
def test_a_valid_record_with_colons_and_dashes_reads(body: str, reader: str) -> None:
    """Colons in quotes or in a '|' text, dashes with their space: valid, no problem at all."""
    assert problems_of(HEAD + body, reader) == []


def test_json_gets_no_yaml_hint() -> None:
    """JSON has none of these mistakes: a negative number where a list belongs is only the wrong type.

    Read as YAML, ``-1`` there would be the '-item' mistake.
    """
    text = (
        '{"kind": "conversation", "schema_version": 1, "id": "r1", "template": {"name": "standard"},\n'
        ' "employee": {"id": "alex"},\n "motivations": {"ranking": -1}}'
    )
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(text, format="json")
    assert [str(p) for p in caught.value.problems] == [
        "<string>:3:29: $.motivations.ranking: expected a list, found a whole number [wrong-type]"
    ]


@pytest.mark.parametrize("reader", ["c", "pure"])
def test_no_hint_for_a_rule_where_the_parsers_count_lines_apart(reader: str) -> None:
    """A text holding a line separator (U+2028), a line break to libyaml and not to ruamel.yaml's parser: a
    rule's line may then name another line than it seems to (here one with '-xy'), so no hint is given."""
    text = (
        HEAD.replace("{id: alex}", '{id: alex, name: "A\u2028B"}')
        + "motivations:\n  ranking: mastery\n  notes:   -xy\n"
    )
    found = problems_of(text, reader)
    assert [(path, code, message) for path, _, _, code, message in found] == [
        ("$.motivations.ranking", "wrong-type", "expected a list, found text")
    ]
    said = "expected a list, found text"  # the same line and column without the separator: the hint
    assert yaml_format.with_fix(said, text.replace("\u2028", " "), (9, 12)) == f"{said}; {DASH}"


def _draft() -> str:
    template = careerconv.get_template("standard")
    return careerconv.draft_record(template, employee="alex", date=dt.date(2026, 11, 26))


def _line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


@pytest.mark.parametrize("reader", ["c", "pure"])
def test_a_draft_and_its_file_give_the_same_hints_all_at_once(tmp_path: Path, reader: str) -> None:
    """A draft from ``careerconv new`` filled in with three mistakes that parse: each one's fix, all at once,
    the same from the text, from the file and from ``careerconv validate``."""
    text = _draft()
    for blank, filled in [
        ("  career-so-far:\n    text:\n", "  career-so-far:\n    text: |\n    Goal: lead a team\n"),
        ("  ranking: []\n", "  ranking:\n    -mastery\n    -autonomy\n"),
        ("notes: []\n", "notes:\n  -text: Worried about the reorg\n"),
    ]:
        assert text.count(blank) == 1
        text = text.replace(blank, filled)
    path = tmp_path / "alex.yaml"
    path.write_text(text, encoding="utf-8")
    expected = [
        f"{path}:{_line_of(text, '    Goal: lead a team')}:5: $.answers.career-so-far.Goal: unknown key 'Goal'; "
        f"expected one of: text, value, visibility; {INDENT} [unknown-key]",
        f"{path}:{_line_of(text, '    -mastery')}:5: $.motivations.ranking: expected a list, found text; {DASH} "
        "[wrong-type]",
        f"{path}:{_line_of(text, '  -text: Worried about the reorg')}:3: $.notes: expected a list, found a mapping; "
        f"{DASH} [wrong-type]",
    ]
    with reading_with(reader):
        with pytest.raises(careerconv.ValidationError) as from_text:
            careerconv.loads(text, source=str(path))
        with pytest.raises(careerconv.ValidationError) as from_file:
            careerconv.load(path)
        code, out, err = run("validate", str(path))
    assert [str(p) for p in from_text.value.problems] == expected
    assert [str(p) for p in from_file.value.problems] == expected
    assert (code, out, err.splitlines()) == (1, "", expected)


@pytest.mark.parametrize("reader", ["c", "pure"])
def test_a_draft_with_a_syntax_mistake_gives_the_fix(tmp_path: Path, reader: str) -> None:
    """A draft with an unquoted ': ' in an answer: the same fix from the text, the file and the CLI."""
    text = _draft().replace("  career-so-far:\n    text:\n", "  career-so-far:\n    text: Goal: lead a team\n")
    path = tmp_path / "alex.yaml"
    path.write_text(text, encoding="utf-8")
    line = _line_of(text, "    text: Goal: lead a team")
    expected = [
        f"{path}:{line}:15: $.answers.career-so-far: invalid YAML: mapping values are not allowed here; {COLON} "
        "[yaml-syntax]"
    ]
    with reading_with(reader):
        with pytest.raises(careerconv.ValidationError) as from_text:
            careerconv.loads(text, source=str(path))
        with pytest.raises(careerconv.ValidationError) as from_file:
            careerconv.load(path)
        code, out, err = run("validate", str(path))
    assert [str(p) for p in from_text.value.problems] == expected
    assert [str(p) for p in from_file.value.problems] == expected
    assert (code, out, err.splitlines()) == (1, "", expected)


#: Written into an answer; not an identifier, so a key made of it is not shown either (an identifier-like key
#: is, by the rule for keys: see ``shown``).
MARKER = "qz private marker jx"

#: Where an answer's text goes in a record, each frame the place of one of the mistakes.
FRAMES = [
    "answers:\n  career-so-far:\n    text: {}\n",
    "answers:\n  career-so-far:\n    text: |\n    {}\n",
    "answers:\n  career-so-far:\n    text: | {}\n",
    "answers:\n  career-so-far:\n    text:\n      {}\n",
    "answers:\n  career-so-far:\n\ttext: {}\n",
    "motivations:\n  ranking:\n    -{}\n",
    "notes:\n  -{}\n",
    "notes:\n  - text: {}\n",
    "grow:\n  options:\n    - {{text: {}}}\n",
    "grow:\n  reality:\n    obstacles:\n      - {}\n",
]

#: Pieces around the marker that make the mistakes (and others): colons, dashes, bars, tabs, quotes, breaks.
PIECES = st.sampled_from(
    ["Goal", ": ", ":", "-", "- ", " ", "|", "\t", "{", "}", "[", ",", "#", "'", '"', "?", "\n", "\n  ", "\n    ", "x"]
)


@settings(max_examples=examples(150), deadline=None)
@given(st.sampled_from(FRAMES), st.lists(PIECES, max_size=6).map("".join), st.lists(PIECES, max_size=6).map("".join))
def test_no_message_repeats_the_text_of_an_answer(frame: str, before: str, after: str) -> None:
    """Whatever the mistake around it, the marker written in an answer is in no message and no path."""
    text = HEAD + frame.format(before + MARKER + after)
    for reader in ("c", "pure"):
        for path, _, _, _, message in problems_of(text, reader):
            assert MARKER not in message
            assert MARKER not in path
