"""Agreed actions as an iCalendar file, for the calendar apps people already use.

icalendar is an optional extra (``pip install 'careerconv[calendar]'``), imported on first use only.

Each open action with a due date becomes two entries: a to-do (``VTODO``), and an all-day event (``VEVENT``) on
its due date, since most calendars show no to-dos. What goes in is what the employee may read: every record is
redacted for ``employee`` first, and of an action only its text, due date and owner are written.

The file is the same, byte for byte, whenever the records are the same, so a calendar app can take a new file
as an update of the last one:

- an entry's ``UID`` is a name-based UUID (`uuid.uuid5`) of the employee's id and the action's id
  ([`action_id`][careerconv.action_id]), which an action keeps when it is carried into the next record; the UUID
  tells neither id, and the to-do and the event each have their own;
- its ``SEQUENCE`` counts how often what it shows (the text, the due date, the owner) changed from one record
  holding the action to the next, in the order of the records' dates;
- its ``DTSTAMP`` is midnight (UTC) of the day of the latest record holding the action.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from careerconv.model import Action, ActionOwner, Conversation, action_id
from careerconv.rules.privacy import redact
from careerconv.rules.text import FORBIDDEN_TEXT

if TYPE_CHECKING:
    import icalendar

__all__ = ["PRODID", "action_calendar"]

#: Who wrote the file, as RFC 5545 asks of every calendar.
PRODID = "-//careerconv//Career conversation actions//EN"
#: The namespace of the entries' UUIDs: fixed, so an entry keeps its ``UID`` from one file to the next.
_NAMESPACE = uuid.UUID("a5b94818-c690-4aa8-a698-eba44fcdbd20")


@attrs.frozen
class _Entry:
    """One action as the calendar shows it: its latest state, where that comes from, how often it changed."""

    employee: str
    action: str
    who: str
    latest: Action
    due: dt.date
    stamp: dt.date
    agreed: dt.date | None
    sequence: int


def _shown(action: Action) -> tuple[str, dt.date | None, ActionOwner]:
    """What an entry shows of an action: a change to any of it is a new revision of the entry."""
    return action.text, action.due, action.owner


def _entries(conversations: Iterable[Conversation]) -> list[_Entry]:
    """Each open action with a due date once, in its latest state, ordered by due date, employee and action."""
    held: dict[tuple[str, str], list[tuple[tuple[dt.date, str], Conversation, Action]]] = {}
    for conversation in conversations:
        record = redact(conversation, "employee")  # the one place private content is taken out
        when = (record.date or dt.date.min, record.id)  # an undated record before every dated one, as analytics
        for action in record.grow.will if record.grow else ():
            key = (record.employee.id, action_id(record.employee.id, action))
            held.setdefault(key, []).append((when, record, action))
    entries = []
    for (employee, ident), holdings in held.items():
        holdings.sort(key=lambda holding: holding[0])  # stable: one record's order stays
        _, record, latest = holdings[-1]  # the latest record holding the action says where it stands
        if latest.status != "open" or latest.due is None:
            continue
        due = latest.due
        dated = [held_in.date for _, held_in, _ in holdings if held_in.date is not None]
        entries.append(
            _Entry(
                employee=employee,
                action=ident,
                who=record.employee.name or employee,
                latest=latest,
                due=due,
                stamp=record.date or latest.agreed or due,
                agreed=latest.agreed or (dated[0] if dated else None),
                sequence=sum(_shown(a) != _shown(b) for (_, _, a), (_, _, b) in itertools.pairwise(holdings)),
            )
        )
    return sorted(entries, key=lambda entry: (entry.due, entry.employee, entry.action))


def _text(entry: _Entry, text: str) -> str:
    """``text`` if a calendar line can hold it; ``ValueError`` naming the action, not what it says."""
    if FORBIDDEN_TEXT.search(text):
        raise ValueError(
            f"action {entry.action!r} of employee {entry.employee!r} holds a control character; validate the record"
        )
    return text


def _uid(entry: _Entry, component: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{entry.employee}\0{entry.action}\0{component}"))


def _describe(entry: _Entry) -> str:
    agreed = f" (agreed {entry.agreed.isoformat()})" if entry.agreed else ""
    return f"Action from {entry.who}'s career conversation{agreed}. Owner: {entry.latest.owner}."


def _fill(component: icalendar.Component, entry: _Entry, kind: str) -> None:
    """The properties a to-do and an event share."""
    component.add("uid", _uid(entry, kind))
    component.add("dtstamp", dt.datetime.combine(entry.stamp, dt.time(), tzinfo=dt.timezone.utc))
    component.add("sequence", entry.sequence)
    component.add("summary", _text(entry, entry.latest.text))
    component.add("description", _text(entry, _describe(entry)))
    component.add("class", "PRIVATE")  # a calendar shared with colleagues shows them busy, not the action


def action_calendar(conversations: Iterable[Conversation]) -> bytes:
    """The open actions with a due date in ``conversations``, as an iCalendar file (RFC 5545) to import.

    Each action is a to-do (``VTODO``, ``DUE`` its due date) and an all-day event (``VEVENT`` from its due
    date to the next day, shown as free), both ``CLASS:PRIVATE``: ``SUMMARY`` is its text, ``DESCRIPTION``
    whose conversation it comes from, when it was agreed and who owns it. The records may be of several
    employees, in any order: an action carried from record to record is one action, and the latest record
    holding it (by date, then record id) says whether it is open, so an action done or dropped later is left
    out, as is one without a due date. Only shared content is read (the records are redacted for
    ``employee``); private answers and notes never reach the file.

    The same records give the same bytes: ``UID``, ``SEQUENCE`` and ``DTSTAMP`` are derived from the records
    (see the module's documentation), so importing a newer file updates the entries of an older one. Lines end
    with CRLF and are folded at 75 octets, never inside a character; there is no ``METHOD``, as the file is
    published, not sent as an invitation.

    Needs the ``calendar`` extra (``pip install 'careerconv[calendar]'``); without it, ``ImportError`` saying so.
    An action's text holding a control character (which no valid record does) raises ``ValueError``.

    Examples:
        >>> import datetime as dt
        >>> from careerconv import Action, Conversation, GrowPlan, Person, TemplateRef, action_calendar
        >>> record = Conversation(id="2026-11-26-alex", template=TemplateRef(name="standard"),
        ...     date=dt.date(2026, 11, 26), employee=Person(id="alex", name="Alex Doe"),
        ...     grow=GrowPlan(will=(Action(id="a1", text="Mentor Kim", due=dt.date(2027, 3, 31)),
        ...                         Action(id="a2", text="Read the guide"))))
        >>> ics = action_calendar([record])
        >>> lines = ics.decode().splitlines()
        >>> lines.count("BEGIN:VTODO"), lines.count("BEGIN:VEVENT")
        (1, 1)
        >>> for line in sorted(lines):
        ...     if line.startswith(("SUMMARY", "DUE", "DTSTART", "DTEND")):
        ...         print(line)
        DTEND;VALUE=DATE:20270401
        DTSTART;VALUE=DATE:20270331
        DUE;VALUE=DATE:20270331
        SUMMARY:Mentor Kim
        SUMMARY:Mentor Kim
        >>> ics == action_calendar([record]), ics.endswith(b"END:VCALENDAR\\r\\n")
        (True, True)
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional extra, loaded on first use
    except ImportError:
        raise ImportError("careerconv's calendar needs icalendar: pip install 'careerconv[calendar]'") from None
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for entry in _entries(conversations):
        due = entry.due
        todo = icalendar.Todo()
        _fill(todo, entry, "todo")
        todo.add("due", due)
        todo.add("status", "NEEDS-ACTION")
        calendar.add_component(todo)
        event = icalendar.Event()
        _fill(event, entry, "event")
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        event.add("status", "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
