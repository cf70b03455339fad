"""The page to read before the next conversation: what was agreed last time, for the employee and the manager.

Built from records as a manager keeps them: the goal, the open actions with the overdue first, the last ranking
and how it moved, the questions left open, the notes, and questions to open with. The employee's page holds
shared content only (the privacy marker test in ``tests/test_privacy.py`` covers it too).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import careerconv
from careerconv import Conversation, Person
from tests.cli_runner import run

if TYPE_CHECKING:
    import pytest

STANDARD = careerconv.get_template("standard")
IDS = [m.id for m in STANDARD.motivations()]
MARKER = "PRIVATE-7f3a"


def records() -> tuple[Conversation, Conversation]:
    """Two conversations with Alex: a goal and actions, a ranking that moved, a private answer and note."""
    first = careerconv.start_conversation(
        STANDARD,
        employee=Person(id="alex", name="Alex Doe"),
        manager=Person(id="sam", name="Sam Roe"),
        date=dt.date(2026, 3, 2),
    )
    first = first.rank(*IDS).goal("Lead the platform team", success="Runs the weekly sync")
    first = first.action("Shadow Kim", due=dt.date(2026, 5, 4))
    second = careerconv.start_conversation(STANDARD, previous=first.record, date=dt.date(2026, 6, 1))
    second = second.rank(IDS[3], *IDS[:3], *IDS[4:]).goal("Lead the platform team", by=dt.date(2027, 1, 1))
    second = second.action("Read the SRE book", due=dt.date(2026, 12, 1)).action("Pair weekly", owner="manager")
    second = second.action("Write the on-call guide", due=dt.date(2026, 8, 1))
    second = second.answer("career-so-far", "Ten years of ops").answer("team", MARKER + " answer", visibility="private")
    second = second.note(MARKER + " note", visibility="private").note("Monthly 1:1s agreed")
    return first.record, second.record


EMPLOYEE = """\
# Before the next conversation: Alex Doe

Last conversation: 2026-06-01 · with Sam Roe

*For: the employee (shared content only)*

## Goal

Lead the platform team

- By: 2027-01-01

## Open actions

- Shadow Kim (employee, due 2026-05-04): **overdue, 134 days late**
- Write the on-call guide (employee, due 2026-08-01): **overdue, 45 days late**
- Read the SRE book (employee, due 2026-12-01)
- Pair weekly (manager)

## What you seek

The last ranking (2026-06-01):

1. Desire for growth & mastery
2. Desire to influence
3. Desire for authority
4. Desire for prestige / acknowledgement / appreciation / status
5. Desire for autonomy
6. Desire to do something meaningful
7. Compensation

### How it moved

**2026-03-02-alex → 2026-06-01-alex**

- Desire for growth & mastery: up 3 (4 → 1)
- Desire to influence: down 1 (1 → 2)
- Desire for authority: down 1 (2 → 3)
- Desire for prestige / acknowledgement / appreciation / status: down 1 (3 → 4)
- Desire for autonomy: no change (5)
- Desire to do something meaningful: no change (6)
- Compensation: no change (7)
- ⚠ Desire for prestige / acknowledgement / appreciation / status left the top 3 (3 → 4)

## Questions left open

**Short-term**

- What is it about working at the company that still appeals to you? What challenges do you continue to face?
- What excites you most about your role? What would you like more /less of?
- How does your role today link to your future goals?
- What new skills would you like to develop?
- What opportunities are you aware of?
- How do you enjoy working with this team?
- Are you still learning and growing in this role?
- How can I make this current role more interesting/challenging for you?
- How can I best help you in your current role?

**Long term**

- What type of opportunities are you looking for?
- What task or project type would you like to do more frequently in the future?
- What does ultimate success look like for you in the next year? What about three years from now?
- What do you see yourself doing 3-5 years from now?
- How do you plan to get from here to there?
- Do you see yourself staying at the company? If not, how can I help you ?
- If money or your current skills weren't an issue, what would be your dream role?.

**If you had to choose one thing, what would it be?: Reality: What's happening now?**

- What are the most rewarding or frustrating aspects of your current role?
- Do you feel challenged or stretched in your current role? What would make it more challenging? What isn't \
challenging you?
- What feedback have you received from other people on your strengths and weaknesses?

**If you had to choose one thing, what would it be?: Options: What could you do?**

- What can you do right now to further develop skills that would be useful in reaching that goal we talked about \
earlier?
- What stretch assignments, big projects, or experiences could you pursue?
- What networking or mentorship options are there?

## Notes from last time

- Monthly 1:1s agreed

## To open the next conversation

- Where do you see yourself in one, five, and ten years?
- What are the most rewarding or frustrating aspects of your current role?
- What can you do right now to further develop skills that would be useful in reaching that goal we talked about \
earlier?
- What will you do? By when?
"""

TODAY = dt.date(2026, 9, 15)


def test_the_employees_page_is_what_was_agreed_last_time() -> None:
    first, second = records()
    assert careerconv.prep_page([second, first], today=TODAY) == EMPLOYEE  # records in any order


def test_the_managers_page_adds_the_private_notes_each_marked() -> None:
    page = careerconv.prep_page(records(), audience="manager", today=TODAY)
    notes = page[page.index("## Notes from last time") : page.index("## To open")]
    assert notes == (
        f"## Notes from last time\n\n- *Private: not in Alex Doe's report:* {MARKER} note\n- Monthly 1:1s agreed\n\n"
    )
    # The private answer makes its question answered for the manager, not for the employee.
    assert "- How do you enjoy working with this team?\n" in EMPLOYEE
    assert "- How do you enjoy working with this team?\n" not in page
    assert "*For: the manager (private content included)*" in page


def test_the_html_page_has_the_same_parts() -> None:
    page = careerconv.prep_page(records(), audience="manager", format="html", today=TODAY)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<h1>Before the next conversation: Alex Doe</h1>" in page
    assert (
        '<li>Shadow Kim (employee, due 2026-05-04): <strong class="warning">overdue, 134 days late</strong></li>'
        in page
    )
    assert "<ol><li>Desire for growth &amp; mastery</li><li>Desire to influence</li>" in page
    assert f'<li><span class="private">Private: not in Alex Doe&#39;s report</span> {MARKER} note</li>' in page
    employee = careerconv.prep_page(records(), format="html", today=TODAY)
    assert MARKER not in employee
    assert 'class="private"' not in employee


def test_a_first_conversation_without_goal_or_ranking() -> None:
    record = careerconv.start_conversation(STANDARD, employee="kim", date=dt.date(2026, 6, 1)).record
    page = careerconv.prep_page(record, today=TODAY)
    assert (
        "## Goal\n\nNo goal agreed yet.\n\n## Open actions\n\nnone\n\n## What you seek\n\nno ranking to compare yet\n"
        in page
    )
    assert "## Notes from last time" not in page


def test_the_spanish_template_gives_a_spanish_page() -> None:
    spanish = careerconv.get_template("standard", locale="es")
    session = careerconv.start_conversation(spanish, employee="ana", date=dt.date(2026, 6, 1))
    page = careerconv.prep_page(session.action("Leer", due=dt.date(2026, 7, 1)).record, today=TODAY)
    assert page.splitlines()[0] == "# Antes de la próxima conversación: ana"
    assert "- Leer (persona, para el 2026-07-01): **vencida, 76 días de retraso**\n" in page


def test_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first, second = records()
    careerconv.dump(first, "a.yaml")
    careerconv.dump(second, "b.yaml")
    assert run("prep", "b.yaml", "a.yaml", "--today", "2026-09-15") == (0, EMPLOYEE, "")
    assert run("prep", "a.yaml", "b.yaml", "--today", "2026-09-15", "--audience", "manager", "-o", "p.md") == (
        0,
        "",
        "",
    )
    assert Path("p.md").read_text(encoding="utf-8") == careerconv.prep_page(
        [first, second], audience="manager", today=TODAY
    )
    assert Path("p.md").stat().st_mode & 0o077 == 0  # a page on a person: its owner's only
    other = careerconv.start_conversation(STANDARD, employee="bob", date=dt.date(2026, 6, 1)).record
    careerconv.dump(other, "bob.yaml")
    assert run("prep", "a.yaml", "bob.yaml") == (
        2,
        "",
        "careerconv: error: a history is of one employee; these records are of alex, bob\n",
    )
    Path("bad.yaml").write_text("kind: conversation\nschema_version: 1\nid: x\n", encoding="utf-8")
    code, out, err = run("prep", "bad.yaml")
    assert (code, out) == (1, "")
    assert err.startswith("bad.yaml:")
    code, _, err = run("prep", "a.yaml", "--audience", "hr")
    assert code == 2
    assert "invalid choice: 'hr'" in err
