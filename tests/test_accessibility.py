"""The HTML pages people read, checked by axe-core in headless Chromium: 0 WCAG 2.0/2.1 A and AA violations.

The fill-in form has its own checks in ``tests/test_form.py``; here are the pages careerconv writes for reading:
the guide, a record's report for each audience (the manager's with its private marks), a history, the prep page
for the employee and the manager, and the team report. ``tests/axe.py`` runs axe; ``.ci/run`` fetches it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

import careerconv
from careerconv import Person
from tests.axe import violations
from tests.test_browser import browser

STANDARD = careerconv.get_template("standard")


def records() -> list[careerconv.Conversation]:
    """Two conversations with Alex: a ranking that moved, a goal, actions (one overdue), private content."""
    ids = [m.id for m in STANDARD.motivations()]
    first = careerconv.start_conversation(
        STANDARD, employee=Person(id="alex", name="Alex Doe"), manager=Person(id="sam"), date=dt.date(2026, 3, 2)
    )
    first = first.rank(*ids).goal("Lead the platform team").action("Shadow Kim", due=dt.date(2026, 5, 4))
    second = careerconv.start_conversation(STANDARD, previous=first.record, date=dt.date(2026, 6, 1))
    second = second.rank(ids[3], *ids[:3], *ids[4:]).answer("career-so-far", "Ten years of ops")
    second = second.answer("team", "Kept back", visibility="private").note("Worried", visibility="private")
    second = second.option("Lead the on-call rota", chosen=True).note("Monthly 1:1s")
    return [first.record, second.record]


def pages() -> dict[str, str]:
    first, second = records()
    history = careerconv.History([first, second])
    today = dt.date(2026, 9, 15)
    team = [
        careerconv.start_conversation(STANDARD, employee=Person(id=f"p{n}", team="platform"), date=dt.date(2026, 6, 1))
        .rank(*(m.id for m in STANDARD.motivations()))
        .record
        for n in range(6)
    ]
    return {
        "guide": careerconv.render(STANDARD, format="html"),
        "guide-es": careerconv.render(careerconv.get_template("standard", locale="es"), format="html"),
        "report-employee": careerconv.render(second, format="html"),
        "report-manager": careerconv.render(second, format="html", audience="manager"),
        "history": careerconv.render(history, format="html", today=today),
        "prep-employee": careerconv.prep_page([first, second], format="html", today=today),
        "prep-manager": careerconv.prep_page([first, second], format="html", audience="manager", today=today),
        "team-report": careerconv.team_report(team, by="team", format="html", today=today),
    }


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    chromium = browser()
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        yield launched.new_page()
        launched.close()


@pytest.mark.parametrize("name", sorted(pages()))
def test_the_page_has_no_wcag_violations(name: str, page: Page, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.html"
    path.write_text(pages()[name], encoding="utf-8")
    page.goto(path.as_uri())
    assert violations(page) == []
