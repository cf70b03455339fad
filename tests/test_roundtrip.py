"""Round trips: what careerconv writes, it reads back equal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv.rules.structure import converter
from tests import strategies
from tests.conftest import examples

FORMATS = st.sampled_from(["yaml", "json"])


@settings(max_examples=examples(150), deadline=None)
@given(template=strategies.templates(), fmt=FORMATS)
def test_template_round_trip(template: careerconv.Template, fmt: str) -> None:
    """loads(dumps(t)) == t for generated templates, in YAML and JSON."""
    text = careerconv.dumps(template, format=fmt)  # type: ignore[arg-type]
    assert careerconv.loads(text, format=fmt) == template  # type: ignore[call-overload]


@settings(max_examples=examples(150), deadline=None)
@given(record=strategies.conversations(), fmt=FORMATS)
def test_conversation_round_trip(record: careerconv.Conversation, fmt: str) -> None:
    """loads(dumps(c)) == c for generated records of the standard template, in YAML and JSON."""
    text = careerconv.dumps(record, format=fmt)  # type: ignore[arg-type]
    assert careerconv.loads(text, format=fmt) == record  # type: ignore[call-overload]


@settings(max_examples=examples(100), deadline=None)
@given(
    value=st.one_of(
        strategies.people,
        strategies.goals,
        strategies.realities,
        strategies.options,
        strategies.actions,
        strategies.grow_plans,
        strategies.notes,
    )
)
def test_converter_round_trip_of_every_part(value: object) -> None:
    """The converter structures what it unstructures, for each part of a record."""
    conv = converter()
    assert conv.structure(conv.unstructure(value), type(value)) == value


@settings(max_examples=examples(50), deadline=None)
@given(template=strategies.templates())
def test_generated_templates_validate_as_objects(template: careerconv.Template) -> None:
    """An object built in Python passes the same rules as its file."""
    careerconv.validate(template)


def test_dump_output_is_friendly() -> None:
    """Key order as in the design, literal blocks for multi-line text, ISO dates, no flow style."""
    record = careerconv.Conversation(
        id="2026-11-26-alex",
        template=careerconv.TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=__import__("datetime").date(2026, 11, 26),
        employee=careerconv.Person(id="alex", name="Alex Doe", team="platform"),
        answers={"career-so-far": careerconv.Answer(text="Started in support,\nmoved to backend.\n")},
        notes=(careerconv.Note(text="Worried about the reorg", visibility="private"),),
    )
    assert careerconv.dumps(record) == (
        "kind: conversation\n"
        "schema_version: 1\n"
        "id: 2026-11-26-alex\n"
        "template:\n"
        "  name: standard\n"
        "  version: 1.0.0\n"
        "  locale: en\n"
        "date: 2026-11-26\n"
        "employee:\n"
        "  id: alex\n"
        "  name: Alex Doe\n"
        "  team: platform\n"
        "answers:\n"
        "  career-so-far:\n"
        "    text: |\n"
        "      Started in support,\n"
        "      moved to backend.\n"
        "notes:\n"
        "  - text: Worried about the reorg\n"
        "    visibility: private\n"
    )


def test_dump_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    """A new file gets 0o666 less the umask; a replaced file keeps its mode; no temporary file is left."""
    import os

    template = careerconv.get_template("standard")
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.yaml"
        careerconv.dump(template, fresh)
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o600)
        careerconv.dump(template, kept)
        assert kept.stat().st_mode & 0o777 == 0o600
        assert careerconv.load(kept) == template
    finally:
        os.umask(umask)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.yaml", "kept.json"]


def test_one_date_object_in_several_places_is_written_out_each_time() -> None:
    """A date shared by the record, its goal and an action is written as text each time, never as an alias."""
    day = dt.date(2026, 11, 26)
    record = careerconv.Conversation(
        id="r1",
        template=careerconv.TemplateRef(name="standard"),
        date=day,
        employee=careerconv.Person(id="alex"),
        grow=careerconv.GrowPlan(
            goal=careerconv.Goal(statement="Lead", by=day),
            will=(careerconv.Action(text="Mentor", due=day, agreed=day),),
        ),
    )
    text = careerconv.dumps(record)
    assert "&" not in text
    assert "*" not in text
    assert text.count("2026-11-26") == 4
    assert careerconv.loads(text) == record
