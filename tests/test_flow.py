"""The conversation between two people, from one conversation to the next: a record belongs to its employee.

``--previous`` and ``previous=`` carry the employee (name, team), the manager and the parameters with the open
actions; a previous record of someone else is refused, in Python and on the command line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import careerconv
from careerconv import Conversation, Person
from tests.cli_runner import run

STANDARD = careerconv.get_template("standard")


def alex() -> Conversation:
    session = careerconv.start_conversation(
        STANDARD,
        employee=Person(id="alex", name="Alex Doe", team="platform"),
        manager=Person(id="sam", name="Sam Roe"),
        date=dt.date(2026, 5, 4),
        params={"company": "Acme"},
    )
    return session.action("Mentor Kim", due=dt.date(2026, 9, 30)).record


def test_the_next_conversation_carries_the_person_the_manager_and_the_parameters() -> None:
    last = alex()
    record = careerconv.start_conversation(STANDARD, previous=last, date=dt.date(2026, 11, 26)).record
    assert (record.id, record.employee, record.manager, record.params) == (
        "2026-11-26-alex",
        Person(id="alex", name="Alex Doe", team="platform"),
        Person(id="sam", name="Sam Roe"),
        {"company": "Acme"},
    )
    assert record.grow is not None
    assert [a.text for a in record.grow.will] == ["Mentor Kim"]
    same = careerconv.start_conversation(STANDARD, employee="alex", previous=last, manager="kim").record
    assert (same.employee.name, same.manager) == ("Alex Doe", Person(id="kim"))  # given anew: the new manager


def test_a_previous_record_of_someone_else_is_refused() -> None:
    message = "previous is the record of 'alex', not of 'bob': a record carries only its own employee's actions"
    with pytest.raises(ValueError, match=message):
        careerconv.start_conversation(STANDARD, employee="bob", previous=alex())
    with pytest.raises(ValueError, match=message):
        careerconv.draft_record(STANDARD, employee="bob", previous=alex())
    with pytest.raises(ValueError, match="give the employee, or previous: the employee's last record"):
        careerconv.start_conversation(STANDARD)


def test_a_draft_from_the_previous_record_is_the_same_persons() -> None:
    text = careerconv.draft_record(STANDARD, previous=alex(), date=dt.date(2026, 11, 26))
    assert "employee:\n  id: alex\n  name: Alex Doe\n  team: platform\nmanager:\n  id: sam\n  name: Sam Roe\n" in text
    assert "params:\n  company: Acme\n" in text
    record = careerconv.loads(text)
    assert isinstance(record, Conversation)
    assert (record.id, record.employee.name, record.params) == ("2026-11-26-alex", "Alex Doe", {"company": "Acme"})
    assert "employee:\n  id: employee\n" in careerconv.draft_record(STANDARD)  # no one yet: to fill in


def test_new_carries_the_person_and_refuses_someone_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    careerconv.dump(alex(), "alex.yaml")
    assert run("new", "standard", "--previous", "alex.yaml", "--date", "2026-11-26", "-o", "next.yaml") == (0, "", "")
    record = careerconv.load("next.yaml")
    assert isinstance(record, Conversation)
    assert (record.id, record.employee.team, record.manager, record.date) == (
        "2026-11-26-alex",
        "platform",
        Person(id="sam", name="Sam Roe"),
        dt.date(2026, 11, 26),
    )
    code, out, err = run("new", "standard", "--previous", "alex.yaml", "--employee", "bob")
    assert (code, out) == (2, "")
    assert err == (
        "careerconv: error: previous is the record of 'alex', not of 'bob': a record carries only its own "
        "employee's actions\n"
    )
    code, _, err = run("new", "standard", "--date", "26/11/2026")
    assert code == 2
    assert "argument --date: expected a date YYYY-MM-DD, got '26/11/2026'" in err


def test_new_writes_a_json_record_to_a_json_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("new", "standard", "--employee", "alex", "--date", "2026-11-26", "-o", "alex.json") == (0, "", "")
    data = json.loads(Path("alex.json").read_text(encoding="utf-8"))
    assert (data["id"], data["employee"], sorted(data["answers"])[:2]) == (
        "2026-11-26-alex",
        {"id": "alex"},
        ["best-help", "career-so-far"],
    )
    assert run("validate", "alex.json") == (0, "", "")
    assert run("new", "standard", "-o", "alex.txt") == (
        2,
        "",
        "careerconv: error: alex.txt: careerconv new writes .yaml, .yml or .json records\n",
    )


def test_report_judges_overdue_actions_as_of_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = alex()
    later = careerconv.start_conversation(STANDARD, previous=first, date=dt.date(2026, 11, 26)).record
    careerconv.dump(first, "a.yaml")
    careerconv.dump(later, "b.yaml")
    code, out, _ = run("report", "a.yaml", "b.yaml", "--today", "2026-10-30")
    assert code == 0
    assert "- Mentor Kim: 30 days late\n" in out
    code, out, _ = run("report", "a.yaml", "b.yaml", "--today", "2026-09-01")
    assert "## Overdue\n\nnone\n" in out
