"""Edits that keep the user's file: comments, key order and layout survive; only what is set changes."""

from __future__ import annotations

import datetime as dt
import difflib
import io
from pathlib import Path
from typing import Any

import pytest

import careerconv
from careerconv.cli import main

# A record as a person writes it: comments everywhere, their own key order, sequences at the key's indent.
HAND_WRITTEN = """\
# Alex, second conversation. Keep this file in the team folder.
kind: conversation
schema_version: 1
id: 2026-11-26-alex
employee: {id: alex, name: Alex Doe}   # flow style, on purpose
template:
    name: standard      # four-space indentation, on purpose
    version: 1.0.0
date: 2026-11-26
answers:
    # What they said about the team:
    team:
        text: >-
            Enjoys the team,
            wants more pairing.
        visibility: private
    career-so-far:
        text:
motivations:
    notes: ranked at the end   # notes before ranking
    ranking: []
grow:
    will:
    - text: Mentor Kim   # sequences at the key's own indent
      due: 2027-03-31
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_setting_answers_keeps_everything_else(tmp_path: Path) -> None:
    path = tmp_path / "alex.yaml"
    path.write_text(HAND_WRITTEN)
    with careerconv.edit_record(path) as record:
        record.answer("career-so-far", "Support, then backend.\nLoved on-call.")
        record.rank("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
        record.action("Book a course", owner="manager")
    after = path.read_text()
    assert changed_lines(HAND_WRITTEN, after) == [
        "-        text:",
        "+        text: |-",
        "+            Support, then backend.",
        "+            Loved on-call.",
        "-    ranking: []",
        "+    ranking: [mastery, autonomy, meaning, influence, compensation, prestige, authority]",
        "+    - id: 2026-11-26-alex-a1",
        "+      text: Book a course",
        "+      owner: manager",
        "+      status: open",
        "+      agreed: 2026-11-26",
    ]
    loaded = careerconv.load(path)
    assert isinstance(loaded, careerconv.Conversation)
    assert loaded.answers["career-so-far"].text == "Support, then backend.\nLoved on-call."
    assert loaded.answers["team"].text == "Enjoys the team, wants more pairing."


def test_closing_an_action_in_a_file_writes_its_status_and_its_id(tmp_path: Path) -> None:
    path = tmp_path / "alex.yaml"
    path.write_text(HAND_WRITTEN)
    with careerconv.edit_record(path) as record:
        record.action("Book a course", due=dt.date(2027, 1, 31))
    legacy = path.read_text().replace("    - id: 2026-11-26-alex-a1\n      text:", "    - text:")
    path.write_text(legacy)  # as written before actions had ids
    derived = careerconv.action_id("alex", careerconv.Action(text="Book a course"))
    with careerconv.edit_record(path) as record:
        record.close_action(derived, "dropped")
    assert changed_lines(legacy, path.read_text()) == [
        "-    - text: Book a course",
        f"+    - id: {derived}",
        "+      text: Book a course",
        "-      status: open",
        "+      status: dropped",
    ]
    mentor = careerconv.action_id("alex", careerconv.Action(text="Mentor Kim"))
    wrong = f"unknown action id 'a-x': expected {mentor} or {derived}"
    with pytest.raises(ValueError, match=wrong), careerconv.edit_record(path) as record:
        record.close_action("a-x")


def test_a_bad_edit_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "alex.yaml"
    path.write_text(HAND_WRITTEN)
    with pytest.raises(careerconv.ValidationError) as caught, careerconv.edit_record(path) as record:
        record.answer("carrer-so-far", "typo")
    assert [p.code for p in caught.value.problems] == ["unknown-question"]
    assert path.read_text() == HAND_WRITTEN
    assert [p.name for p in tmp_path.iterdir()] == ["alex.yaml"]


def test_a_hostile_file_is_refused_before_the_round_trip_loader_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(HAND_WRITTEN.replace("template:\n", "template: &t\n") + "extra: *t\n")
    with pytest.raises(careerconv.ValidationError) as caught, careerconv.edit_record(path):
        pytest.fail("the editor must not open a hostile file")
    assert {p.code for p in caught.value.problems} >= {"yaml-anchor", "yaml-alias"}


def test_notes_are_added_in_the_files_style(tmp_path: Path) -> None:
    path = tmp_path / "alex.yaml"
    path.write_text(careerconv.draft_record(careerconv.get_template("standard"), employee="alex"))
    before = path.read_text()
    with careerconv.edit_record(path) as record:
        record.note("Private worry", visibility="private").note("Meet monthly")
    assert changed_lines(before, path.read_text()) == [
        "-notes: []",
        "+notes:",
        "+  - text: Private worry",
        "+    visibility: private",
        "+  - text: Meet monthly",
    ]


def test_migrate_leaves_a_current_file_byte_for_byte(tmp_path: Path) -> None:
    assert careerconv.migrate(HAND_WRITTEN) == HAND_WRITTEN
    path = tmp_path / "alex.yaml"
    path.write_text(HAND_WRITTEN)
    out, err = io.StringIO(), io.StringIO()
    assert main(["migrate", str(path)], stdout=out, stderr=err) == 0
    assert (out.getvalue(), err.getvalue()) == (HAND_WRITTEN, "")
    assert main(["migrate", str(path), "--in-place"], stdout=out, stderr=err) == 0
    assert path.read_text() == HAND_WRITTEN


def test_migrate_applies_steps_keeping_comments_and_refuses_the_future() -> None:
    old = HAND_WRITTEN.replace("schema_version: 1", "schema_version: 0").replace("employee:", "person:")

    def rename_person(data: Any) -> None:
        # A migration step renames a key in place, moving the key's comment with it.
        position = list(data).index("person")
        comment = data.ca.items.pop("person", None)
        data.insert(position, "employee", data.pop("person"))
        if comment is not None:
            data.ca.items["employee"] = comment

    upgraded = careerconv.migrate(old, steps={0: rename_person})
    # Every comment is kept; only the moved key's line loses the spaces before its comment.
    assert changed_lines(HAND_WRITTEN, upgraded) == [
        "-employee: {id: alex, name: Alex Doe}   # flow style, on purpose",
        "+employee: {id: alex, name: Alex Doe} # flow style, on purpose",
    ]
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.migrate(old)
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.schema_version: no migration from schema_version 0; this careerconv reads 1 [no-migration]"
    ]
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.migrate(HAND_WRITTEN.replace("schema_version: 1", "schema_version: 2"), source="a.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "a.yaml: $.schema_version: schema_version 2 is newer than this careerconv reads (1); upgrade careerconv "
        "[schema-too-new]"
    ]


def test_a_json_record_is_not_turned_into_yaml(tmp_path: Path) -> None:
    path = tmp_path / "alex.json"
    careerconv.dump(careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record, path)
    before = path.read_text()
    with pytest.raises(ValueError, match="edit_record edits YAML records"), careerconv.edit_record(path):
        pytest.fail("the editor must not open a JSON file")
    assert path.read_text() == before
