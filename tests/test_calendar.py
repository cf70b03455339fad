"""Agreed actions as iCalendar: ``action_calendar`` and ``careerconv calendar``.

Every test reads the bytes back with icalendar and checks exact values: what goes in (open actions with a due
date, shared content only), the identity of the entries across runs and records (``UID``), their revisions
(``SEQUENCE``), and the file's form (CRLF, lines folded at 75 octets, no ``METHOD``).
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import uuid
from pathlib import Path

import icalendar
import pytest

import careerconv
from careerconv import Action, Answer, Conversation, GrowPlan, Note, Person, TemplateRef, action_calendar
from tests.cli_runner import run

UTC = dt.timezone.utc
MARK = "Qz7CALENDARmark"


def record(day: dt.date, *will: Action, employee: str = "alex", name: str | None = "Alex Doe") -> Conversation:
    """A record of ``employee`` on ``day`` whose GROW plan agrees the actions ``will``."""
    return Conversation(
        id=f"{day.isoformat()}-{employee}",
        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=day,
        employee=Person(id=employee, name=name),
        grow=GrowPlan(will=will),
    )


def decoded(value: object) -> object:
    """A property's value as Python has it (icalendar 6 decodes text to bytes, 7 to ``str``)."""
    return value.decode() if isinstance(value, bytes) else value


def entries(data: bytes) -> list[dict[str, object]]:
    """Each component of the calendar as ``{"kind": VTODO or VEVENT, property: decoded value}``."""
    calendar = icalendar.Calendar.from_ical(data)
    return [{"kind": c.name, **{name: decoded(c.decoded(name)) for name in c}} for c in calendar.subcomponents]


def by_summary(data: bytes) -> dict[tuple[str, object], dict[str, object]]:
    """The components, keyed by kind and summary."""
    return {(str(e["kind"]), e["SUMMARY"]): e for e in entries(data)}


NOV, DEC, JAN = dt.date(2026, 11, 26), dt.date(2026, 12, 17), dt.date(2027, 1, 21)
MENTOR = Action(id="2026-11-26-alex-a1", text="Mentor Kim", due=dt.date(2027, 3, 31))


def test_an_open_action_with_a_due_date_is_a_todo_and_an_all_day_event() -> None:
    """Exact properties of both entries, and of the calendar: VERSION, PRODID, no METHOD."""
    data = action_calendar([record(NOV, MENTOR)])
    calendar = icalendar.Calendar.from_ical(data)
    assert {name: str(value) for name, value in calendar.items()} == {
        "VERSION": "2.0",
        "PRODID": "-//careerconv//Career conversation actions//EN",
    }
    todo, event = entries(data)
    description = "Action from Alex Doe's career conversation (agreed 2026-11-26). Owner: employee."
    stamp = dt.datetime(2026, 11, 26, tzinfo=UTC)
    assert todo == {
        "kind": "VTODO",
        "UID": todo["UID"],
        "DTSTAMP": stamp,
        "SEQUENCE": 0,
        "SUMMARY": "Mentor Kim",
        "DESCRIPTION": description,
        "CLASS": "PRIVATE",
        "DUE": dt.date(2027, 3, 31),
        "STATUS": "NEEDS-ACTION",
    }
    assert event == {
        "kind": "VEVENT",
        "UID": event["UID"],
        "DTSTAMP": stamp,
        "SEQUENCE": 0,
        "SUMMARY": "Mentor Kim",
        "DESCRIPTION": description,
        "CLASS": "PRIVATE",
        "DTSTART": dt.date(2027, 3, 31),
        "DTEND": dt.date(2027, 4, 1),
        "TRANSP": "TRANSPARENT",
        "STATUS": "CONFIRMED",
    }
    lines = data.decode().split("\r\n")
    assert {"DUE;VALUE=DATE:20270331", "DTSTART;VALUE=DATE:20270331", "DTEND;VALUE=DATE:20270401"} <= set(lines)
    assert not any(line.startswith("METHOD") for line in lines)
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//careerconv//Career conversation actions//EN"]
    assert lines[-2:] == ["END:VCALENDAR", ""]


def test_uids_are_stable_across_runs_and_records_and_tell_no_id() -> None:
    """The same action has the same UIDs in every run and whichever record holds it; they are UUIDs of no id."""
    carried = record(DEC, MENTOR)
    first, later, both = (action_calendar(records) for records in ([record(NOV, MENTOR)], [carried], [carried]))
    assert later == both  # byte for byte, run after run
    uids = [e["UID"] for e in entries(first)]
    assert [e["UID"] for e in entries(later)] == uids
    assert [e["UID"] for e in entries(action_calendar([record(NOV, MENTOR), carried]))] == uids
    todo, event = (str(uid) for uid in uids)
    assert todo != event
    assert uuid.UUID(todo).version == uuid.UUID(event).version == 5
    raw = first.decode()
    for clear in ("alex", "2026-11-26-alex", "a1"):
        assert f"UID:{clear}" not in raw
        assert clear not in todo + event
    # another person's action with the same id is another entry
    kim = record(NOV, MENTOR, employee="kim", name="Kim")
    assert {e["UID"] for e in entries(action_calendar([kim]))}.isdisjoint(uids)


def test_an_action_without_an_id_keeps_its_uids_through_records() -> None:
    """Records written before actions had ids: the id derived from the text keeps the UIDs too."""
    plain = Action(text="Read the guide", due=dt.date(2027, 2, 1))
    one = [e["UID"] for e in entries(action_calendar([record(NOV, plain)]))]
    two = [e["UID"] for e in entries(action_calendar([record(NOV, plain), record(DEC, plain)]))]
    assert one == two


def test_sequence_rises_with_each_change_of_the_due_date_in_date_order() -> None:
    """Due 31 Mar, then 30 Apr, kept, then 31 Mar again: two changes, whatever order the records come in."""
    moved = Action(id=MENTOR.id, text=MENTOR.text, due=dt.date(2027, 4, 30))
    records = [record(NOV, MENTOR), record(DEC, moved), record(JAN, moved)]
    assert [e["SEQUENCE"] for e in entries(action_calendar(records[:1]))] == [0, 0]
    assert [e["SEQUENCE"] for e in entries(action_calendar(records[:2]))] == [1, 1]
    assert [e["SEQUENCE"] for e in entries(action_calendar(records))] == [1, 1]
    back = [*records, record(dt.date(2027, 2, 18), MENTOR)]
    data = action_calendar(back)
    todo, event = entries(data)
    assert (todo["SEQUENCE"], todo["DUE"], event["SEQUENCE"], event["DTSTART"]) == (2, MENTOR.due, 2, MENTOR.due)
    assert todo["DTSTAMP"] == dt.datetime(2027, 2, 18, tzinfo=UTC)  # the latest record holding the action
    assert action_calendar(back[::-1]) == data
    assert action_calendar([back[2], back[0], back[3], back[1]]) == data


def test_sequence_rises_when_the_text_or_the_owner_changes_and_uids_stay() -> None:
    """An edit of what the entry shows is a revision too; the entry is still the same one."""
    reworded = Action(id=MENTOR.id, text="Mentor Kim and Lee", due=MENTOR.due)
    handed = Action(id=MENTOR.id, text="Mentor Kim and Lee", due=MENTOR.due, owner="manager")
    before = entries(action_calendar([record(NOV, MENTOR)]))
    after = entries(action_calendar([record(NOV, MENTOR), record(DEC, reworded)]))
    assert [(e["UID"], e["SUMMARY"], e["SEQUENCE"]) for e in after] == [
        (e["UID"], "Mentor Kim and Lee", 1) for e in before
    ]
    last = entries(action_calendar([record(NOV, MENTOR), record(DEC, reworded), record(JAN, handed)]))
    assert [(e["UID"], e["SEQUENCE"], e["DESCRIPTION"]) for e in last] == [
        (e["UID"], 2, "Action from Alex Doe's career conversation (agreed 2026-11-26). Owner: manager.") for e in before
    ]


def test_closed_and_undated_actions_are_left_out_and_the_latest_record_decides() -> None:
    """Done later, dropped, or without a due date: not written; reopened later: written; order given ignored."""
    done_later = Action(id="a-done", text="Finish the course", due=dt.date(2027, 1, 10))
    reopened = Action(id="a-again", text="Shadow an interview", due=dt.date(2027, 2, 1), status="dropped")
    dropped = Action(id="a-drop", text="Join the guild", due=dt.date(2027, 1, 5), status="dropped")
    undated = Action(id="a-none", text="Think about it")
    not_carried = Action(id="a-left", text="Write the proposal", due=dt.date(2027, 1, 31))
    first = record(NOV, done_later, reopened, dropped, undated, not_carried)
    second = record(
        DEC,
        Action(id="a-done", text="Finish the course", due=dt.date(2027, 1, 10), status="done"),
        Action(id="a-again", text="Shadow an interview", due=dt.date(2027, 2, 1)),
    )
    for records in ([first, second], [second, first]):
        found = by_summary(action_calendar(records))
        assert sorted(found) == [
            ("VEVENT", "Shadow an interview"),
            ("VEVENT", "Write the proposal"),
            ("VTODO", "Shadow an interview"),
            ("VTODO", "Write the proposal"),
        ]
        assert found["VTODO", "Shadow an interview"]["SEQUENCE"] == 0  # a status is no revision of what shows
    assert action_calendar([record(NOV, undated, dropped)]).count(b"BEGIN:V") == 1  # the calendar alone


def test_entries_are_ordered_by_due_date_then_person() -> None:
    """Several people in one file, in a fixed order: due date, employee, action."""
    late = Action(id="x", text="Later", due=dt.date(2027, 6, 1))
    soon = Action(id="y", text="Sooner", due=dt.date(2027, 1, 1))
    records = [record(NOV, late, soon, employee="zoe", name=None), record(NOV, late, employee="alex")]
    found = [(e["kind"], e["SUMMARY"], e["DESCRIPTION"]) for e in entries(action_calendar(records))]
    assert found == [
        ("VTODO", "Sooner", "Action from zoe's career conversation (agreed 2026-11-26). Owner: employee."),
        ("VEVENT", "Sooner", "Action from zoe's career conversation (agreed 2026-11-26). Owner: employee."),
        ("VTODO", "Later", "Action from Alex Doe's career conversation (agreed 2026-11-26). Owner: employee."),
        ("VEVENT", "Later", "Action from Alex Doe's career conversation (agreed 2026-11-26). Owner: employee."),
        ("VTODO", "Later", "Action from zoe's career conversation (agreed 2026-11-26). Owner: employee."),
        ("VEVENT", "Later", "Action from zoe's career conversation (agreed 2026-11-26). Owner: employee."),
    ]


def test_lines_end_in_crlf_and_fold_at_75_octets_without_splitting_a_character() -> None:
    """A long text of 2-, 3- and 4-byte characters, with commas and a line break, reads back unchanged."""
    text = "Présenter le projet, puis: " + "é漢😀" * 30 + "\nsecond line; done"
    data = action_calendar([record(NOV, Action(id="long", text=text, due=dt.date(2027, 5, 1)))])
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # each physical line whole: no character cut in two
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) >= 4
    assert max(len(line) for line in lines) > 70  # lines are filled, not cut short
    todo, event = entries(data)
    assert todo["SUMMARY"] == event["SUMMARY"] == text


def test_private_answers_and_notes_never_reach_the_file() -> None:
    """A marker in private answers and notes (and the manager's view) is nowhere in the bytes; shared text is."""
    full = Conversation(
        id="2026-11-26-alex",
        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=NOV,
        employee=Person(id="alex", name="Alex Doe"),
        answers={
            "dream-role": Answer(text=f"{MARK} astronaut", visibility="private"),
            "career-so-far": Answer(text="Support, then backend"),
        },
        grow=GrowPlan(will=(MENTOR,)),
        notes=(Note(text=f"{MARK} reorg", visibility="private"), Note(text="Shared remark")),
    )
    data = action_calendar([full])
    assert MARK.encode() not in data
    assert b"SUMMARY:Mentor Kim" in data


def test_a_control_character_is_refused_without_repeating_the_text() -> None:
    """A record built in Python, never validated: the error names the action, not what it says."""
    bad = Action(id="a9", text=f"{MARK}\x1b[2J", due=dt.date(2027, 1, 1))
    with pytest.raises(ValueError, match="action 'a9' of employee 'alex' holds a control character") as caught:
        action_calendar([record(NOV, bad)])
    assert MARK not in str(caught.value)


def test_without_icalendar_an_import_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """The optional extra missing: the library says what to install; the command exits 2 with the same words."""
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(
        ImportError, match=r"^careerconv's calendar needs icalendar: pip install 'careerconv\[calendar\]'$"
    ):
        action_calendar([record(NOV, MENTOR)])


# The command line


def write(folder: Path, *records: Conversation) -> list[str]:
    paths = []
    for each in records:
        path = folder / f"{each.id}.yaml"
        careerconv.dump(each, path)
        paths.append(str(path))
    return paths


def test_the_command_writes_the_calendar_of_the_records_owner_only(tmp_path: Path) -> None:
    """Exit 0, silent; the file is the library's bytes for the records read, mode 0600."""
    records = [record(NOV, MENTOR), record(DEC, Action(id=MENTOR.id, text=MENTOR.text, due=dt.date(2027, 4, 30)))]
    paths = write(tmp_path, *records)
    target = tmp_path / "actions.ics"
    assert run("calendar", *paths, "-o", str(target)) == (0, "", "")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_bytes() == action_calendar(records)
    assert [e["SEQUENCE"] for e in entries(target.read_bytes())] == [1, 1]
    # a folder and a .jsonl file are read as the other commands read them
    careerconv.dump_conversations(records, tmp_path / "all.jsonl")
    again = tmp_path / "again.ICS"
    assert run("calendar", str(tmp_path / "all.jsonl"), "-o", str(again)) == (0, "", "")
    assert again.read_bytes() == target.read_bytes()
    (tmp_path / "all.jsonl").unlink()
    assert run("calendar", str(tmp_path), "-o", str(again)) == (0, "", "")
    assert again.read_bytes() == target.read_bytes()


def test_the_command_refuses_invalid_records_with_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    """Problems printed as ``validate`` prints them; no calendar of part of the records."""
    good = write(tmp_path, record(NOV, MENTOR))
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: conversation\nschema_version: 1\nid: r1\n", encoding="utf-8")
    target = tmp_path / "actions.ics"
    code, out, err = run("calendar", *good, str(bad), "-o", str(target))
    assert (code, out) == (1, "")
    assert err == run("validate", str(bad))[2]
    assert err == (
        f"{bad}:1:1: $.template: missing required field [missing-field]\n"
        f"{bad}:1:1: $.employee: missing required field [missing-field]\n"
    )
    assert not target.exists()


def test_the_command_usage_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An output that is not ``.ics``, no ``-o``, icalendar missing: exit 2, a message, no traceback, no file."""
    paths = write(tmp_path, record(NOV, MENTOR))
    wrong = tmp_path / "actions.txt"
    assert run("calendar", *paths, "-o", str(wrong)) == (
        2,
        "",
        f"careerconv: error: {wrong}: careerconv calendar writes an iCalendar file; give -o a name ending in .ics\n",
    )
    assert not wrong.exists()
    code, out, err = run("calendar", *paths)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "careerconv calendar: error: the following arguments are required: -o/--output"
    monkeypatch.setitem(sys.modules, "icalendar", None)
    target = tmp_path / "actions.ics"
    assert run("calendar", *paths, "-o", str(target)) == (
        2,
        "",
        "careerconv: error: careerconv's calendar needs icalendar: pip install 'careerconv[calendar]'\n",
    )
    assert not target.exists()
