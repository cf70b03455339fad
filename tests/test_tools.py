"""Authoring tools: the JSON Schema of both document kinds, and ``diff`` of two templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

import careerconv
from careerconv.documents.core import to_data
from careerconv.formats import yaml as yaml_format
from tests import strategies
from tests.cli_runner import run
from tests.conftest import examples

ROOT = Path(__file__).parent.parent
TEMPLATE_FILES = sorted(
    [
        *(ROOT / "templates").glob("*.yaml"),
        *(ROOT / "examples").rglob("templates/*.yaml"),
        *(Path(__file__).parent / "data" / "derived").glob("*.yaml"),
    ]
)


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = careerconv.json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(kind: str, data: Any) -> list[str]:
    """Each error as ``path: keyword``; inside ``anyOf`` (an optional object), the object's own errors."""
    found = []
    todo = list(validator(kind).iter_errors(data))
    while todo:
        error = todo.pop()
        if error.validator == "anyOf" and error.context:
            todo += [e for e in error.context if e.validator_value != "null"]
        else:
            found.append(f"{error.json_path}: {error.validator}")
    return sorted(set(found))


# ---------------------------------------------------------------------------------------------- schema


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_and_example_template_matches_the_schema(path: Path) -> None:
    data = yaml_format.read(path.read_bytes()).data
    assert errors("template", data) == []


def test_the_schema_refuses_what_careerconv_refuses() -> None:
    data = to_data(careerconv.get_template("standard"))
    data["sections"][0]["questions"][0]["type"] = "essay"
    data["sections"][0]["titel"] = "typo"
    data["name"] = "Standard"
    data["schema_version"] = 2
    data["parameters"]["Company"] = {"default": "x"}
    assert errors("template", data) == [
        "$.name: pattern",
        "$.parameters: pattern",
        "$.schema_version: maximum",
        "$.sections[0].questions[0].type: enum",
        "$.sections[0]: additionalProperties",
    ]


def test_the_conversation_schema() -> None:
    record = careerconv.loads(careerconv.draft_record(careerconv.get_template("standard"), employee="alex"))
    assert isinstance(record, careerconv.Conversation)
    assert errors("conversation", json.loads(careerconv.dumps(record, format="json"))) == []
    bad = {
        "kind": "conversation",
        "schema_version": 1,
        "id": "r1",
        "template": {"name": "standard"},
        "employee": {"id": "alex"},
        "date": "26/11/2026",
        "answers": {"team": {"text": "ok", "visibility": "secret"}},
        "grow": {"will": [{"text": "x", "owner": "hr"}]},
    }
    assert errors("conversation", bad) == [
        "$.answers.team.visibility: enum",
        "$.date: format",
        "$.date: pattern",
        "$.grow.will[0].owner: enum",
    ]
    with pytest.raises(careerconv.TemplateNotFoundError, match="'record'"):
        careerconv.json_schema("record")  # neither a document kind nor a template's name


@settings(max_examples=examples(40), deadline=None)
@given(strategies.templates())
def test_generated_templates_match_the_schema(template: careerconv.Template) -> None:
    assert errors("template", json.loads(careerconv.dumps(template, format="json"))) == []


@settings(max_examples=examples(40), deadline=None)
@given(strategies.conversations())
def test_generated_records_match_the_schema(record: careerconv.Conversation) -> None:
    assert errors("conversation", json.loads(careerconv.dumps(record, format="json"))) == []


def test_cli_schema_prints_it() -> None:
    code, out, err = run("schema", "conversation")
    assert (code, err) == (0, "")
    assert json.loads(out) == careerconv.json_schema("conversation")
    assert run("schema", "record")[0] == 2


# ------------------------------------------------------------------------------------------------ diff


DERIVED = Path(__file__).parent / "data" / "derived"


def test_diff_of_a_derived_template_and_the_records_it_orphans(tmp_path: Path) -> None:
    record = tmp_path / "alex.yaml"
    record.write_text(
        "kind: conversation\nschema_version: 1\nid: 2026-alex\ntemplate: {name: standard, version: 1.0.0}\n"
        "employee: {id: alex}\nanswers:\n  dream-role: {text: astronaut}\n  team: {text: fine}\n"
        "  staying: {}\n"
        "motivations: {ranking: [mastery, autonomy, meaning, influence, compensation, prestige, authority]}\n"
    )
    code, out, err = run("diff", "standard@1", str(DERIVED / "acme.yaml"), str(record))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "standard@1.0.0 -> acme-career@1.0.0",
        "added    motivation learning",
        "added    question on-call",
        "added    question pairing",
        "added    section acme-values",
        "added    question values-lived",
        "added    question later",
        "added    question will-first",
        "removed  question opportunities-sought",
        "removed  question future-work",
        "removed  question ultimate-success",
        "removed  question three-to-five-years",
        "removed  question path-there",
        "removed  question staying",
        "removed  question dream-role",
        "changed  question company-appeal: text",
        "changed  section long-term: title",
        "orphan   2026-alex: $.answers.dream-role",
    ]


def test_diff_reports_moves_kinds_and_lost_motivations() -> None:
    import attrs

    old = careerconv.get_template("standard")
    life, seek, short, *rest = old.sections
    moved = attrs.evolve(short, questions=(*short.questions, *life.questions))
    renamed = attrs.evolve(seek, motivations=seek.motivations[1:])
    new = attrs.evolve(old, version="2.0.0", sections=(attrs.evolve(life, questions=()), renamed, moved, *rest))
    record = careerconv.Conversation(
        id="r1",
        template=careerconv.TemplateRef(name="standard"),
        employee=careerconv.Person(id="alex"),
        motivations=careerconv.MotivationRanking(ranking=tuple(m.id for m in seek.motivations)),
    )
    diff = careerconv.diff_templates(old, new, [record])
    assert diff.lines() == [
        "standard@1.0.0 -> standard@2.0.0",
        "removed  motivation influence",
        "changed  question career-so-far: moved from life-story to short-term",
        "orphan   r1: $.motivations.ranking[0]",
    ]


def test_diff_usage_errors(tmp_path: Path) -> None:
    record = tmp_path / "r.yaml"
    record.write_text(careerconv.draft_record(careerconv.get_template("standard"), employee="alex"))
    assert run("diff", "standard@x", "standard") == (
        2,
        "",
        "careerconv: error: expected a template file, NAME or NAME@VERSION, got 'standard@x'\n",
    )
    assert run("diff", str(record), "standard") == (
        2,
        "",
        f"careerconv: error: {record} is a conversation record, not a template\n",
    )
    assert run("diff", "standard", "standard", "standard") == (
        2,
        "",
        "careerconv: error: cannot tell the format of 'standard': use .yaml, .yml or .json\n",
    )
    assert run("diff", "standard", "standard", str(DERIVED / "acme.yaml"))[0] == 2
