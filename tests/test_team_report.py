"""The team report: ``careerconv.team_report`` and ``careerconv summary``, in every format, in a real browser.

What it shows is what one Publication's summaries show (``tests/test_publication.py`` and the attacker judge
those); here: the layout, the hidden rows with their reasons, formula cells neutralised in CSV, the ledger
carried from one run to the next, and the command's exit codes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import careerconv
from careerconv import Action, Conversation, GrowPlan, MotivationRanking, Person, TemplateRef
from careerconv.rendering.team import neutralise
from tests.cli_runner import run
from tests.test_browser import browser, near, pixels

ORDER = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")
DAY = dt.date(2026, 12, 7)
BLUE = (0x1F, 0x77, 0xB4)  # the motivations' bars
DOCS_SCREENSHOT = Path(__file__).parent.parent / "docs" / "how-to" / "team-report.png"


def person(n: int, team: str, *, late: int = 0) -> Conversation:
    """A record with a ranking and an open action, ``late`` of them past their due date on DAY."""
    turn = n % 7
    will = [Action(id=f"r{n}-a{k}", text="Step", due=DAY - dt.timedelta(days=3)) for k in range(late)]
    will.append(Action(id=f"r{n}-a9", text="Later", due=DAY + dt.timedelta(days=30)))
    return Conversation(
        id=f"r{n}",
        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=dt.date(2026, 11, 2),
        employee=Person(id=f"p{n}", team=team),
        manager=Person(id="sam"),
        motivations=MotivationRanking(ranking=ORDER[turn:] + ORDER[:turn]),
        grow=GrowPlan(will=tuple(will)),
    )


TEAMS = [person(n, "platform", late=n % 2) for n in range(8)] + [person(n, "search") for n in range(8, 14)]
TEAMS += [person(n, '=HYPERLINK("x")') for n in range(14, 16)]  # a team name a spreadsheet would run


def test_markdown_shows_each_group_and_hides_the_small_one() -> None:
    page = careerconv.team_report(TEAMS, format="markdown", today=DAY)
    assert page.startswith(
        "# Team report by team\n\nEach person's latest conversation, as of 2026-12-07.\n\n"
        "*Groups of fewer than 5 people are hidden, and so is any row that, with the rows published before it, "
        "would give a smaller group away.*\n"
    )
    assert "**platform**: 8 people\n\n| Motivation | Mean position | In the top 3 |\n|---|---|---|\n" in page
    assert "| Desire to influence | 3.6 | 50% |\n" in page
    assert '**=HYPERLINK("x")**\n\n*Hidden: fewer people than the minimum.*\n' in page
    assert "**search**\n\n*Hidden: it would give a hidden group away.*\n" in page  # 6 people: the complement
    assert "| platform | 8 | 12 | 4 | 4 |\n" in page
    assert "| everyone | 16 | 20 | 4 | 4 |\n" in page


def test_csv_is_long_and_neutralises_formulas() -> None:
    rows = list(csv.DictReader(io.StringIO(careerconv.team_report(TEAMS, format="csv", today=DAY))))
    hidden = [(r["table"], r["group"], r["reason"]) for r in rows if r["suppressed"] == "True"]
    assert hidden == [
        ("motivations", '\'=HYPERLINK("x")', "fewer people than the minimum"),
        ("motivations", "search", "it would give a hidden group away"),
        ("actions", '\'=HYPERLINK("x")', "fewer people than the minimum"),
        ("actions", "search", "it would give a hidden group away"),
    ]
    first = next(row for row in rows if row["group"] == "platform")
    assert (first["motivation"], first["people"], first["mean_position"], first["top3_share"]) == (
        "Desire to influence",
        "8",
        "3.625",
        "0.5",
    )
    for value in ("=1+1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralise(value) == "'" + value


def test_the_html_page_in_a_browser(tmp_path: Path) -> None:
    chromium = browser()
    target = tmp_path / "report.html"
    target.write_text(careerconv.team_report(TEAMS, today=DAY), encoding="utf-8")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        page = launched.new_page(viewport={"width": 1000, "height": 1400})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(target.as_uri())
        assert page.title() == "Team report by team"
        assert page.locator("svg.chart").count() == 3  # platform, everyone, and the overdue actions
        assert page.locator(".hidden-row").count() == 4  # two groups, in motivations and in actions
        assert "Hidden: it would give a hidden group away." in page.inner_text("main, body")
        shot = tmp_path / "team-report.png"
        page.screenshot(path=str(shot))
        launched.close()
    assert requests == [target.as_uri()]  # nothing fetched: one self-contained file
    width, height, found = pixels(shot.read_bytes())
    assert (width, height) == (1000, 1400)
    assert sum(near(colour, BLUE) for colour in found) > 3000  # the bars
    assert DOCS_SCREENSHOT.is_file()  # the how-to shows such a page
    assert DOCS_SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_ledger_carries_a_publication_from_one_run_to_the_next(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.json"
    first = careerconv.team_report(TEAMS, format="markdown", today=DAY, ledger=ledger)
    assert "**platform**: 8 people" in first
    assert stat.S_IMODE(os.stat(ledger).st_mode) == 0o600
    less = [r for r in TEAMS if r.employee.id != "p0"]  # next run: platform less one person
    second = careerconv.team_report(less, format="markdown", today=DAY, ledger=ledger)
    assert "**platform**\n\n*Hidden: with a row published before, it would give a smaller group away.*" in second
    again = careerconv.team_report(less, format="markdown", today=DAY)  # without the ledger: nothing to compare
    assert "**platform**: 7 people" in again
    with pytest.raises(ValueError, match="give a ledger or a publication, not both"):
        careerconv.team_report(TEAMS, ledger=ledger, publication=careerconv.Publication())


# ------------------------------------------------------------------------------------------- the command


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    careerconv.dump_conversations(TEAMS, tmp_path / "team.jsonl")
    return tmp_path


def test_summary_writes_the_report_and_the_ledger(here: Path) -> None:
    assert run("summary", "team.jsonl", "--today", "2026-12-07", "--format", "markdown", "-o", "report.md") == (
        0,
        "",
        "",
    )
    assert Path("report.md").read_text(encoding="utf-8") == careerconv.team_report(TEAMS, format="markdown", today=DAY)
    code, out, err = run("summary", "team.jsonl", "--by", "team", "--by", "manager", "--ledger", "l.json")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>")
    assert "Team report by team and manager" in out
    assert Path("l.json").is_file()


def test_summary_with_a_roster_and_its_problems(here: Path) -> None:
    Path("roster.csv").write_text(
        "employee,department\n" + "".join(f"p{n},{'eng' if n < 8 else 'ops'}\n" for n in range(15))
    )  # p15 is missing
    code, out, err = run("summary", "team.jsonl", "--roster", "roster.csv", "--by", "department", "-o", "r.html")
    assert (code, out) == (1, "")
    assert err == "r15: $.employee.id: employee 'p15' is not in the roster [not-in-roster]\n"
    assert not Path("r.html").exists()
    args = ["summary", "team.jsonl", "--roster", "roster.csv", "--by", "department", "--format", "csv"]
    code, out, err = run(*args, "--on-error", "collect")
    assert (code, err) == (1, "r15: $.employee.id: employee 'p15' is not in the roster [not-in-roster]\n")
    assert "motivations,,eng,False,Desire to influence,8," in out
    code, out, err = run(*args, "--on-error", "skip")
    assert (code, err) == (0, "")


def test_summary_mistakes_exit_2_and_bad_records_exit_1(here: Path) -> None:
    code, _, err = run("summary", "team.jsonl", "--by", "teams")
    assert (code, err) == (
        2,
        "careerconv: error: unknown by 'teams': expected team, manager or template; did you mean 'team'?\n",
    )
    code, _, err = run("summary", "team.jsonl", "--period", "W")
    assert code == 2
    assert "argument --period: invalid choice: 'W'" in err
    code, _, err = run("summary", "team.jsonl", "--today", "tomorrow")
    assert code == 2
    assert "expected a date YYYY-MM-DD, got 'tomorrow'" in err
    Path("bad.yaml").write_text("kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\n")
    code, out, err = run("summary", "team.jsonl", "bad.yaml")
    assert (code, out, err) == (1, "", "bad.yaml:1:1: $.employee: missing required field [missing-field]\n")
    code, out, err = run("summary", "team.jsonl", "bad.yaml", "--on-error", "skip", "--format", "csv")
    assert (code, err) == (0, "")
    Path("ledger.json").write_text("{")
    code, out, err = run("summary", "team.jsonl", "--ledger", "ledger.json")
    assert (code, out, err) == (1, "", "ledger.json: $: not a usable ledger: not JSON [invalid-ledger]\n")
