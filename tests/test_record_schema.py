"""The JSON Schema of one template's records, checked with jsonschema against careerconv itself, both ways.

For the bundled templates, the example plugin's and generated ones with every question type: every record
careerconv accepts validates against the schema, and every record the schema refuses careerconv refuses
too. With ``complete=True`` the two agree exactly on which records answer every required question.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import careerconv
from careerconv import Choice, Question, Registry, Section, Template
from tests import strategies
from tests.cli_runner import run
from tests.conftest import examples

ACME = Path(__file__).parent.parent / "examples" / "acme-careerconv" / "src" / "acme_careerconv" / "templates"


def acme_registry() -> Registry:
    """The default sources plus the example plugin's files, registered as the plugin would give them."""
    registry = Registry()
    for path in sorted(ACME.glob("*.yaml")):
        template = careerconv.load(path, resolve=False)
        assert isinstance(template, Template)
        registry.register(template)
    return registry


#: Validators by their schema's JSON: each schema is checked against the metaschema once, not once an example
#: (the check was three quarters of the time of the properties below).
_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}


def validator(template: Template, *, complete: bool = False) -> jsonschema.Draft202012Validator:
    schema = careerconv.json_schema(template, complete=complete)
    key = json.dumps(schema, sort_keys=True)
    if key not in _VALIDATORS:
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATORS[key] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return _VALIDATORS[key]


def plain(record: careerconv.Conversation) -> dict[str, Any]:
    """A record's data as JSON gives it to a front end: dates as text."""
    data: dict[str, Any] = json.loads(json.dumps(careerconv.to_data(record), default=str))
    return data


def accepted(data: dict[str, Any], registry: Registry, *, complete: bool = False) -> bool:
    try:
        record = careerconv.from_data(data, registry=registry)
        careerconv.validate(record, registry=registry, complete=complete)
    except careerconv.ValidationError:
        return False
    return True


# Values a front end might send where an answer's value, a ranking or a record's part belongs.
junk = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 12) | st.sampled_from(["", "often", "Often", "2026-02-30", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "value", "x"]), inner),
    max_leaves=4,
)


def near(question: Question) -> st.SearchStrategy[Any]:
    """Values close to a valid answer: ids and labels of the options, repeated; points just off the scale."""
    words = [*question.option_ids(), *(o.label for o in question.options), *question.labels] or ["x"]
    low, high = question.min or 0, question.max or 0
    return (
        st.sampled_from(words)
        | st.lists(st.sampled_from(words), max_size=4)
        | st.integers(low - 1, high + 1)
        | st.sampled_from(["2026-01-31", "2026-1-31", "31/01/2026"])
    )


@st.composite
def mutated(draw: st.DrawFn, data: dict[str, Any], template: Template) -> dict[str, Any]:
    """``data`` with one part replaced: an answer's value, an unknown answer, the ranking, params or grow."""
    changed = copy.deepcopy(data)
    questions = [q.id for q in template.iter_questions()]
    where = draw(st.sampled_from(["value", "value", "value", "answer", "ranking", "params", "grow", "template"]))
    answers = changed.setdefault("answers", {})
    if where == "value" and questions:
        question = template.question(draw(st.sampled_from(questions)))
        answers.setdefault(question.id, {})["value"] = draw(junk | near(question))
    elif where == "answer":
        answers[draw(st.sampled_from(["unknown-question", *questions]))] = draw(junk)
    elif where == "ranking":
        ids = [m.id for m in template.motivations()] or ["mastery"]
        changed["motivations"] = {"ranking": draw(st.lists(st.sampled_from([*ids, "nope"]), max_size=len(ids) + 1))}
    elif where == "params":
        changed["params"] = {draw(st.sampled_from(["company", "site", "other"])): draw(junk)}
    elif where == "grow":
        changed["grow"] = draw(st.none() | st.just({"goal": {"statement": "Lead"}}))
    else:
        changed["template"] = {**changed["template"], "name": draw(st.sampled_from([template.name, "other-name"]))}
    return changed


def check_both_ways(template: Template, registry: Registry, data: st.DataObject) -> None:
    record = data.draw(strategies.conversations(template))
    assert accepted(plain(record), registry)
    schema = validator(template)
    assert list(schema.iter_errors(plain(record))) == []  # accepted by careerconv: valid for the schema
    bad = data.draw(mutated(plain(record), template))
    if not schema.is_valid(bad):  # refused by the schema: refused by careerconv
        refused = [f"{e.json_path}: {e.message[:120]}" for e in schema.iter_errors(bad)]
        assert not accepted(bad, registry), (refused, json.dumps(bad, default=str)[:500])
    complete = validator(template, complete=True)
    assert complete.is_valid(plain(record)) == accepted(plain(record), registry, complete=True)


SETTINGS = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_standard_records_and_the_schema_agree(data: st.DataObject) -> None:
    registry = Registry()
    check_both_ways(registry.get("standard"), registry, data)


@SETTINGS
@given(st.data())
def test_moving_motivators_records_and_the_schema_agree(data: st.DataObject) -> None:
    registry = Registry()
    check_both_ways(registry.get("moving-motivators"), registry, data)


@SETTINGS
@given(st.data())
def test_the_example_plugins_records_and_the_schema_agree(data: st.DataObject) -> None:
    registry = acme_registry()
    for locale in ("en", "es"):
        check_both_ways(registry.get("acme-career", locale=locale), registry, data)


@SETTINGS
@given(strategies.every_type_templates(), st.data())
def test_records_of_a_template_with_every_question_type_and_the_schema_agree(
    template: Template, data: st.DataObject
) -> None:
    required = attrs.evolve(
        template,
        sections=tuple(
            attrs.evolve(s, questions=tuple(attrs.evolve(q, required=i % 2 == 0) for i, q in enumerate(s.questions)))
            for s in template.sections
        ),
    )
    registry = Registry(entry_points=False)
    registry.register(required)
    check_both_ways(required, registry, data)


# ------------------------------------------------------------------------------------ exact schemas


def mini() -> Template:
    return Template(
        name="mini",
        version="1.0.0",
        title="Mini at {company}",
        parameters={"company": careerconv.Parameter(default="Acme")},
        sections=(
            Section(
                id="now",
                title="Now",
                questions=(
                    Question(id="story", text="Your story at {company}?", required=True, help="Take your time."),
                    Question(id="energy", text="Energy?", type="scale", min=1, max=3, labels=("Low", "Ok", "High")),
                    Question(
                        id="mode",
                        text="Where?",
                        type="choice",
                        multiple=True,
                        options=(Choice(id="office", label="At {company}"), "home"),
                    ),
                    Question(id="start", text="Since?", type="date", required=True),
                ),
            ),
        ),
    )


def test_a_templates_answers_are_typed_by_their_questions() -> None:
    schema = careerconv.json_schema(mini())
    answers = schema["properties"]["answers"]
    assert answers["additionalProperties"] is False
    assert "required" not in answers
    assert answers["properties"]["story"] == {
        "$ref": "#/$defs/Answer",
        "title": "Your story at Acme?",
        "description": "Take your time.",
        "properties": {"value": {"type": "null", "description": "a text question is answered with 'text'"}},
    }
    assert answers["properties"]["energy"]["properties"]["value"] == {
        "anyOf": [
            {
                "type": "integer",
                "minimum": 1,
                "maximum": 3,
                "oneOf": [{"const": 1, "title": "Low"}, {"const": 2, "title": "Ok"}, {"const": 3, "title": "High"}],
            },
            {"type": "null"},
        ]
    }
    option = {"oneOf": [{"const": "office", "title": "At Acme"}, {"const": "home", "title": "home"}]}
    assert answers["properties"]["mode"]["properties"]["value"] == {
        "anyOf": [{"anyOf": [option, {"type": "array", "items": option, "uniqueItems": True}]}, {"type": "null"}]
    }
    assert schema["properties"]["motivations"] == {"type": "null"}
    assert schema["properties"]["grow"] == {"type": "null"}
    assert schema["properties"]["params"] == {
        "type": "object",
        "properties": {"company": {"type": "string"}},
        "additionalProperties": False,
    }
    assert schema["properties"]["template"]["properties"] == {"name": {"const": "mini"}}
    assert schema["$id"] == "urn:careerconv:record:mini:1.0.0:en"
    assert schema["title"] == "Mini at Acme: a record of mini 1.0.0 (en)"


def test_a_complete_records_schema_requires_the_required_answers() -> None:
    answers = careerconv.json_schema(mini(), complete=True)["properties"]["answers"]
    assert answers["required"] == ["story", "start"]
    assert answers["properties"]["start"]["anyOf"] == [
        {"required": ["text"], "properties": {"text": {"type": "string", "pattern": r"\S"}}},
        {"required": ["value"], "properties": {"value": {"not": {"type": "null"}}}},
    ]
    assert "anyOf" not in answers["properties"]["energy"]


def bare(name: str) -> dict[str, Any]:
    """The least record of template ``name``: its envelope, id, template and employee."""
    return {
        "kind": "conversation",
        "schema_version": 1,
        "id": "r1",
        "template": {"name": name},
        "employee": {"id": "a"},
    }


def test_the_standard_ranking_is_a_permutation_of_its_motivations() -> None:
    schema = validator(careerconv.get_template("standard"))
    base = bare("standard")
    ids = [m.id for m in careerconv.get_template("standard").motivations()]
    ok = [[], ids, list(reversed(ids))]
    bad = [ids[:-1], [*ids[:-1], ids[0]], [*ids, "fame"], [*ids[:-1], "fame"]]
    assert [schema.is_valid({**base, "motivations": {"ranking": r}}) for r in ok] == [True, True, True]
    assert [schema.is_valid({**base, "motivations": {"ranking": r}}) for r in bad] == [False, False, False, False]


def test_cli_schema_of_a_name_a_file_and_a_kind(tmp_path: Path) -> None:
    code, out, err = run("schema", "standard", "--locale", "es", "--complete")
    assert (code, err) == (0, "")
    spanish = careerconv.get_template("standard", locale="es")
    assert json.loads(out) == careerconv.json_schema(spanish, complete=True)
    path = tmp_path / "mini.yaml"
    careerconv.dump(mini(), path)
    code, out, err = run("schema", str(path))
    assert (code, err) == (0, "")
    assert json.loads(out) == careerconv.json_schema(mini())
    assert run("schema", "template", "--complete") == (
        2,
        "",
        "careerconv: error: --complete, --locale and --version apply to a template's records, not a document kind\n",
    )
    assert run("schema", str(path), "--locale", "es") == (
        2,
        "",
        "careerconv: error: --locale and --version choose among a name's templates; a template file is one of them\n",
    )
    assert run("schema", "standrd") == (
        2,
        "",
        "careerconv: error: no template named 'standrd'; did you mean 'standard'?\n",
    )


# --------------------------------------------------------------------------------------- complete


def test_validate_complete_reports_each_unanswered_required_question(tmp_path: Path) -> None:
    registry = Registry(entry_points=False)
    registry.register(mini())
    record = careerconv.Conversation(
        id="r1",
        template=careerconv.TemplateRef(name="mini", version="1.0.0", locale="en"),
        employee=careerconv.Person(id="alex"),
        answers={"story": careerconv.Answer(text="   "), "energy": careerconv.Answer(value=2)},
    )
    careerconv.validate(record, registry=registry)  # a record may be half filled in
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.validate(record, registry=registry, complete=True)
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.answers.story: required question 'story' is not answered [unanswered-required]",
        "<string>: $.answers.start: required question 'start' is not answered [unanswered-required]",
    ]
    done = attrs.evolve(record, answers={**record.answers, "story": careerconv.Answer(text="Support, then code")})
    done = attrs.evolve(done, answers={**done.answers, "start": careerconv.Answer(text="Some years ago")})
    careerconv.validate(done, registry=registry, complete=True)
    # The same rule for a file, located, through the command line.
    folder = tmp_path / "templates"
    folder.mkdir()
    careerconv.dump(mini(), folder / "mini.yaml")
    path = tmp_path / "r1.yaml"
    careerconv.dump(record, path)
    assert run("validate", str(path), "--template-path", str(folder)) == (0, "", "")
    code, out, err = run("validate", "--complete", str(path), "--template-path", str(folder))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{path}:11:3: $.answers.start: required question 'start' is not answered [unanswered-required]",
        f"{path}:12:5: $.answers.story: required question 'story' is not answered [unanswered-required]",
    ]


def test_a_repeated_option_is_refused_by_both() -> None:
    registry = Registry(entry_points=False)
    registry.register(mini())
    data = {**bare("mini"), "answers": {"mode": {"value": ["office", "office"]}}}
    assert not validator(mini()).is_valid(data)
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.from_data(data, registry=registry)
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.answers.mode.value: each option is chosen once [answer-repeats-option]"
    ]
    data["answers"] = {"mode": {"value": ["home", "office"]}, "energy": {"value": 3}}
    assert validator(mini()).is_valid(data)
    record = careerconv.from_data(data, registry=registry)
    assert isinstance(record, careerconv.Conversation)
    assert record.answers["mode"].value == ("home", "office")
