"""The conversation between two people, from one conversation to the next: a record belongs to its employee.

``--previous`` and ``previous=`` carry the employee (name, team), the manager and the parameters with the open
actions; a previous record of someone else is refused, in Python and on the command line.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
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


def test_the_history_shows_the_last_ranking_when_the_latest_record_has_none_yet() -> None:
    """``careerconv new`` writes no ranking: the history keeps the earlier one in its table, in both formats."""
    first = careerconv.start_conversation(STANDARD, employee="alex", date=dt.date(2026, 5, 4))
    first = first.rank(*(m.id for m in STANDARD.motivations()))
    later = careerconv.start_conversation(STANDARD, previous=first.record, date=dt.date(2026, 11, 26)).record
    later = attrs.evolve(later, motivations=careerconv.MotivationRanking(ranking=()))
    history = careerconv.History([first.record, later])
    assert [r.id for r in history.ranked()] == ["2026-05-04-alex"]
    text = careerconv.render(history)
    table = text[text.index("| | 2026-05-04 |") : text.index("### Shifts")]
    assert table.splitlines()[:4] == [
        "| | 2026-05-04 |",
        "|---|---|",
        "| Desire to influence | 1 |",
        "| Desire for authority | 2 |",
    ]
    assert len(table.strip().splitlines()) == 2 + 7
    page = careerconv.render(history, format="html")
    assert page.count("<title>Desire for authority</title>") == 1  # the chart's line, at the one ranking


def test_json_schema_takes_a_name_as_get_template_does() -> None:
    by_name = careerconv.json_schema("standard", locale="es", complete=True)
    assert by_name == careerconv.json_schema(careerconv.get_template("standard", locale="es"), complete=True)
    title = by_name["properties"]["answers"]["properties"]["career-so-far"]["title"]
    assert title == "Cuéntame en 10 minutos tu carrera hasta hoy."
    with pytest.raises(careerconv.TemplateNotFoundError):
        careerconv.json_schema("no-such-template")
    with pytest.raises(ValueError, match="apply to a template's records, not a document kind"):
        careerconv.json_schema("conversation", complete=True)
    with pytest.raises(ValueError, match="choose a template by name"):
        careerconv.json_schema(STANDARD, locale="es")


def test_a_missing_locale_is_refused_by_show_new_schema_and_form(tmp_path: Path) -> None:
    message = "careerconv: error: template standard 1.0.0 has no locale 'fr' (it has: en, es)\n"
    for command in (["show"], ["new"], ["schema"], ["form", "-o", str(tmp_path / "form.html")]):
        assert run(command[0], "standard", "--locale", "fr", *command[1:]) == (2, "", message)
    assert not (tmp_path / "form.html").exists()
    code, out, _ = run("show", "standard", "--locale", "es-MX")
    assert (code, out.splitlines()[0]) == (0, "# Conversaciones de carrera")


def test_start_conversation_names_what_it_takes() -> None:
    with pytest.raises(TypeError, match=r"^start_conversation takes a Template, not str: careerconv.get_template"):
        careerconv.start_conversation("standard", employee="alex")  # type: ignore[arg-type]


def test_the_managers_report_marks_what_the_employee_never_reads() -> None:
    session = careerconv.start_conversation(
        STANDARD, employee=Person(id="alex", name="Alex *Doe*"), date=dt.date(2026, 6, 1)
    )
    session = session.answer("career-so-far", "Shared story").answer("team", "Kept back", visibility="private")
    record = session.note("Worried", visibility="private").note("Fine").record
    text = careerconv.render(record, audience="manager")
    assert "**Tell me in 10 minutes about your career so far.**\n\nShared story\n" in text
    assert (
        "**How do you enjoy working with this team?** · *Private: not in Alex \\*Doe\\*'s report*\n\nKept back\n"
        in text
    )
    assert text.endswith("## Notes\n\n- *Private: not in Alex \\*Doe\\*'s report:* Worried\n- Fine\n")
    assert text.count("Private: not in") == 2
    page = careerconv.render(record, audience="manager", format="html")
    mark = '<span class="private">Private: not in Alex *Doe*&#39;s report</span>'
    assert f'<p class="question">How do you enjoy working with this team? {mark}</p>' in page
    assert f"<li>{mark} Worried</li>" in page
    assert page.count('class="private"') == 2
    spanish = careerconv.get_template("standard", locale="es")
    record_es = attrs.evolve(record, template=careerconv.TemplateRef(name="standard", version="1.0.0", locale="es"))
    assert "*Privado: no está en el informe de Alex \\*Doe\\**" in careerconv.render(
        record_es, audience="manager", template=spanish
    )
    for audience in ("employee", "hr"):
        for format in ("markdown", "html"):
            shown = careerconv.render(record, audience=audience, format=format)
            assert "Private" not in shown
            assert "Kept back" not in shown
            assert "Worried" not in shown
