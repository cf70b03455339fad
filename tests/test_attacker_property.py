"""The attacker against random companies and random sequences of calls through one ``careerconv.Publication``.

Hypothesis makes a company (departments > teams > managers, a roster with each employee's department and
location, two templates with different motivation sets, about two years of records per person with rankings,
actions carried and closed across a person's records, and answers) and two to six calls through one
publication: summaries with random ``by`` (roster columns and pairs of keys included), period, ``as_of`` and
population; overdue actions; grouped tables. The property: the independent attacker in ``tests/attacker.py``
proves no disclosure, and every row shown is what the records give under the documented semantics. A second
property saves the publication after some of the calls and takes it up again from the ledger for the rest.

``CAREERCONV_ATTACKER_EXAMPLES`` sets how many examples each property tries (default 30 in the thorough profile:
the file runs in under a minute; a tenth of them, at least three, every day: see ``tests/conftest.py``). With the
library's cross-summary rule switched off, the same calls give people away: the last test shows the property can
fail.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, find, given, note, settings
from hypothesis import strategies as st

import careerconv
from careerconv import Action, ActionStatus, Answer, Conversation, GrowPlan, MotivationRanking, Person, TemplateRef
from tests.attacker import Reader, Report, register_extended_template, switch_off_the_rule
from tests.conftest import examples

EXAMPLES = int(os.environ.get("CAREERCONV_ATTACKER_EXAMPLES") or examples(30))
STANDARD = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")
EXTENDED = (*STANDARD, "learning")
START = dt.date(2025, 1, 1)
SPAN = 730  # days: about two years of records
PEOPLE = (60, 150)  # a company's people, about
#: Groupings a call may ask for: record keys, roster columns, and pairs of them.
GROUPINGS: tuple[str | tuple[str, str] | None, ...] = (
    None,
    "team",
    "manager",
    "template",
    "department",
    "location",
    ("department", "team"),
    ("team", "manager"),
    ("location", "team"),
    ("department", "location"),
)
ROSTER_COLUMNS = frozenset({"department", "location"})

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


# --------------------------------------------------------------------------------------------------------------
# Companies
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Company:
    """People in teams in departments, their records, and HR's roster of them."""

    records: list[Conversation]
    team_of: dict[str, str]
    department_of: dict[str, str]  # team -> department
    managers: dict[str, tuple[str, ...]]  # team -> its managers
    roster: dict[str, dict[str, str | None]]  # employee -> department, location (and team, after a reorg)
    #: Employees the roster leaves out: calls with the roster then skip them (``on_error="skip"``/``"collect"``).
    unlisted: frozenset[str] = frozenset()

    @property
    def people(self) -> list[str]:
        """Every employee, sorted."""
        return sorted(self.team_of)

    def describe(self) -> str:
        """The company's shape in words: each department's teams, their sizes, managers and templates."""
        lines = [
            f"{len(self.team_of)} people, {len(self.records)} records; unlisted in the roster: {sorted(self.unlisted)}"
        ]
        for department in sorted(set(self.department_of.values())):
            for team in sorted(t for t, d in self.department_of.items() if d == department):
                members = [p for p, t in self.team_of.items() if t == team]
                mine = [r for r in self.records if r.employee.id in members]
                extended = sum(r.template.name == "extended" for r in mine)
                lines.append(
                    f"  {department}/{team}: {len(members)} people, managers {list(self.managers[team])}, "
                    f"{len(mine)} records ({extended} extended)"
                )
        moved = {p: v["team"] for p, v in self.roster.items() if v.get("team") not in (None, self.team_of[p])}
        if moved:
            lines.append(f"  the roster's team differs for {moved}")
        return "\n".join(lines)


def _actions(rng: random.Random, person: str, dates: Sequence[dt.date | None]) -> list[tuple[Action, ...]]:
    """Each record's actions: a pool of the person's actions, carried by id, some closed on a later record."""
    pool = [f"{person}-a{number}" for number in range(rng.randrange(5))]
    due = {action: START + dt.timedelta(days=rng.randrange(SPAN)) for action in pool}
    status: dict[str, ActionStatus] = dict.fromkeys(pool, "open")
    made = []
    for _ in dates:
        carried = []
        for action in pool:
            if rng.random() < 0.6:
                if status[action] == "open" and rng.random() < 0.25:
                    closed: tuple[ActionStatus, ...] = ("done", "done", "dropped")
                    status[action] = rng.choice(closed)
                carried.append(Action(id=action, text=f"step {action}", due=due[action], status=status[action]))
        made.append(tuple(carried))
    return made


@st.composite
def companies(draw: st.DrawFn) -> Company:
    """A company of about 60 to 150 people: its shape drawn by Hypothesis, each record's details from a seed."""
    departments = [f"D{number}" for number in range(draw(st.integers(1, 3)))]
    sizes: list[int] = []
    while sum(sizes) < PEOPLE[0] or (sum(sizes) < PEOPLE[1] and draw(st.booleans())):
        sizes.append(min(draw(st.integers(1, 40)), PEOPLE[1] - sum(sizes)))
    pools = {d: tuple(f"{d}-m{n}" for n in range(draw(st.integers(1, 3)))) for d in departments}
    extended_share = draw(st.sampled_from((0.0, 0.1, 0.5)))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    team_of: dict[str, str] = {}
    department_of: dict[str, str] = {}
    managers: dict[str, tuple[str, ...]] = {}
    records: list[Conversation] = []
    for number, size in enumerate(sizes):
        team = f"t{number}"
        department_of[team] = department = rng.choice(departments)
        pool = pools[department]
        managers[team] = tuple(rng.sample(pool, rng.randrange(1, min(2, len(pool)) + 1)))
        share = min(1.0, extended_share * rng.choice((0, 1, 2)))  # teams all standard, mixed, or mostly extended
        for member in range(size):
            person = f"{team}-{member}"
            team_of[person] = team
            manager = rng.choice(managers[team])
            count = rng.randrange(9)
            dates = sorted(
                (None if rng.random() < 0.03 else START + dt.timedelta(days=rng.randrange(SPAN)) for _ in range(count)),
                key=lambda day: (day is not None, day or START),
            )
            for index, (day, will) in enumerate(zip(dates, _actions(rng, person, dates), strict=True)):
                template = "extended" if rng.random() < share else "standard"
                order = list(EXTENDED if template == "extended" else STANDARD)
                rng.shuffle(order)
                answers = {}
                if rng.random() < 0.7:
                    answers = {
                        "new-skills": Answer(text=f"skill {rng.randrange(3)}"),
                        "team": Answer(
                            text=f"{person} on the team, {index}",
                            visibility=rng.choice(("shared", "shared", "private")),
                        ),
                    }
                records.append(
                    Conversation(
                        id=f"{person}-r{index}",
                        template=TemplateRef(name=template),
                        date=day,
                        employee=Person(id=person, team=team),
                        manager=Person(id=manager if rng.random() < 0.9 else rng.choice(pool)),
                        motivations=MotivationRanking(ranking=tuple(order)) if rng.random() > 0.03 else None,
                        grow=GrowPlan(will=will) if will else None,
                        answers=answers,
                    )
                )
    locations = [f"L{n}" for n in range(rng.randrange(1, 4))]
    roster: dict[str, dict[str, str | None]] = {}
    reorg = draw(st.booleans())  # the roster has a team column, a few people moved
    for person, team in team_of.items():
        roster[person] = {
            "department": department_of[team],
            "location": None if rng.random() < 0.05 else rng.choice(locations),
        }
        if reorg:
            roster[person]["team"] = rng.choice(sorted(set(team_of.values()))) if rng.random() < 0.1 else team
    unlisted = frozenset(draw(st.lists(st.sampled_from(sorted(team_of)), max_size=2)))
    for person in unlisted:
        del roster[person]
    return Company(records, team_of, department_of, managers, roster, unlisted)


# --------------------------------------------------------------------------------------------------------------
# Calls
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One call through the publication: what, on which population, with which arguments."""

    kind: str  # "motivations", "overdue", "answers", "motivations table"
    population: str  # in words
    keep: frozenset[str]  # the people of that population
    by: str | tuple[str, str] | None
    period: str | None = None
    as_of: dt.date | None = None
    today: dt.date | None = None
    roster: str | None = None  # "mapping", "frame", "csv" or None
    on_error: str = "raise"

    def __str__(self) -> str:
        """The call as one line."""
        parts = [f"by={self.by!r}"]
        parts += [f"{name}={value}" for name in ("period", "as_of", "today") if (value := getattr(self, name))]
        if self.roster:
            parts += [f"roster={self.roster}", f"on_error={self.on_error}"]
        return f"{self.kind}({', '.join(parts)}) on {self.population}"


def _day(draw: st.DrawFn) -> dt.date:
    return START + dt.timedelta(days=draw(st.integers(0, SPAN)))


@st.composite
def steps(draw: st.DrawFn, company: Company) -> Step:
    """A random call: its kind, population, grouping, period, day and roster."""
    kind = draw(st.sampled_from(("motivations", "motivations", "overdue", "answers", "motivations table")))
    people = company.people
    teams = sorted(set(company.team_of.values()))
    departments = sorted(set(company.department_of.values()))
    choice = draw(
        st.sampled_from(
            ("everyone", "everyone", "but a person", "but a team", "a department", "a team and some", "some")
        )
    )
    keep = set(people)
    label = "everyone"
    if choice == "but a person":
        dropped = draw(st.sampled_from(people))
        keep.discard(dropped)
        label = f"everyone but {dropped}"
    elif choice == "but a team":
        team = draw(st.sampled_from(teams))
        keep = {p for p in people if company.team_of[p] != team}
        label = f"everyone but team {team}"
    elif choice == "a department":
        department = draw(st.sampled_from(departments))
        keep = {p for p in people if company.department_of[company.team_of[p]] == department}
        label = f"department {department}"
    elif choice == "a team and some":
        team = draw(st.sampled_from(teams))
        extra = draw(st.lists(st.sampled_from(people), max_size=8))
        keep = {p for p in people if company.team_of[p] == team} | set(extra)
        label = f"team {team} and {sorted(set(extra))}"
    elif choice == "some":
        share = draw(st.sampled_from((0.3, 0.6, 0.9)))
        rng = random.Random(draw(st.integers(0, 2**32 - 1)))
        keep = {p for p in people if rng.random() < share}
        label = f"a random {share:.0%} of people ({len(keep)})"
    by = draw(st.sampled_from(GROUPINGS if kind in ("motivations", "overdue") else GROUPINGS[1:]))
    keys = {by} if isinstance(by, str) else set(by or ())
    needs = bool(keys & ROSTER_COLUMNS)
    roster = draw(st.sampled_from(("mapping", "frame", "csv"))) if needs or draw(st.booleans()) else None
    on_error = "raise"
    if roster is not None:
        on_error = draw(st.sampled_from(("skip", "collect") if company.unlisted else ("raise", "skip", "collect")))
    period = draw(st.sampled_from((None, "M", "Q", "Y"))) if kind == "motivations" else None
    as_of = None
    if kind == "motivations" and draw(st.booleans()):
        as_of = _day(draw)
    today = _day(draw) if kind == "overdue" else None
    return Step(kind, label, frozenset(keep), by, period, as_of, today, roster, on_error)


@dataclass
class Case:
    """A company and the calls made through one publication (``reopen``: after how many of them it is saved
    and taken up again from its ledger, or None)."""

    company: Company
    steps: list[Step]
    reopen: int | None = None

    def __repr__(self) -> str:
        """The case in words (the records themselves are too many to print)."""
        lines = [self.company.describe(), *(f"call {n + 1}: {step}" for n, step in enumerate(self.steps))]
        if self.reopen is not None:
            lines.append(f"saved and reopened after call {self.reopen}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis's printer: the case in words, not every field of every record."""
        printer.text(repr(self))


@st.composite
def cases(draw: st.DrawFn, *, reopen: bool = False) -> Case:
    """A company and two to six calls (with ``reopen``, a point to save and reopen the publication)."""
    company = draw(companies())
    made = draw(st.lists(steps(company), min_size=2, max_size=6))
    after = draw(st.integers(1, len(made) - 1)) if reopen else None
    return Case(company, made, after)


# --------------------------------------------------------------------------------------------------------------
# Running a case
# --------------------------------------------------------------------------------------------------------------


def _roster(company: Company, form: str | None, folder: Path) -> object:
    """The company's roster in the form asked for (a CSV file written to ``folder``)."""
    if form is None:
        return None
    if form == "mapping":
        return {person: dict(values) for person, values in company.roster.items()}
    frame = pd.DataFrame([{"employee": person, **values} for person, values in company.roster.items()])
    if form == "frame":
        return frame
    path = folder / "roster.csv"
    frame.to_csv(path, index=False)
    return path


def run(case: Case) -> tuple[Reader, Report]:
    """Make the case's calls through one publication (saved and reopened where the case says) and attack."""
    reader = Reader()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for number, step in enumerate(case.steps):
            if case.reopen is not None and number == case.reopen:
                reader.reopen(folder / "ledger.json")
            records = [r for r in case.company.records if r.employee.id in step.keep]
            if step.period is not None:  # a breakdown by period needs every record dated: the undated left out
                records = [r for r in records if r.date is not None]
            roster = _roster(case.company, step.roster, folder)
            on_error = step.on_error
            if step.kind == "motivations":
                reader.summarize_motivations(
                    records, step.by, period=step.period, as_of=step.as_of, roster=roster, on_error=on_error
                )
            elif step.kind == "overdue":
                assert step.today is not None
                reader.overdue_actions(records, step.by, today=step.today, roster=roster, on_error=on_error)
            else:
                assert step.by is not None
                table = "answers" if step.kind == "answers" else "motivations"
                reader.to_pandas(records, table, by=step.by, roster=roster, on_error=on_error)
    return reader, reader.attack()


def holds(report: Report) -> None:
    """The property: every frame read, every row shown as the records say, nothing of fewer than k determined."""
    assert report.problems == [], str(report)
    assert report.mismatches == [], str(report)
    assert report.disclosures == [], str(report)


@pytest.fixture
def extended_template(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The ``extended`` template (the standard one and "learning") known to the library, for one test."""
    register_extended_template(monkeypatch, tmp_path)
    yield
    monkeypatch.undo()
    careerconv.refresh_templates()


# --------------------------------------------------------------------------------------------------------------
# The properties
# --------------------------------------------------------------------------------------------------------------


@SETTINGS
@given(case=cases())
def test_no_sequence_of_calls_through_one_publication_gives_anyone_away(case: Case, extended_template: None) -> None:
    """Any two to six calls through one publication: the attacker proves nothing and reads every row right."""
    note(repr(case))
    report = run(case)[1]
    note(str(report))
    holds(report)


@SETTINGS
@given(case=cases(reopen=True))
def test_a_publication_reopened_from_its_ledger_still_gives_no_one_away(case: Case, extended_template: None) -> None:
    """The same, with the publication saved after some calls and the rest made through ``Publication.open``."""
    note(repr(case))
    report = run(case)[1]
    note(str(report))
    holds(report)


def test_with_the_rule_switched_off_the_property_fails(
    monkeypatch: pytest.MonkeyPatch, extended_template: None
) -> None:
    """With the cross-summary rule off, a search of 20 derandomized examples finds a case that fails the property.

    Every row shown on the way still matches the records (the semantics do not depend on the rule), and each
    disclosure's recovered value is the truth.
    """
    switch_off_the_rule(monkeypatch)

    def leaks(case: Case) -> bool:
        report = run(case)[1]
        assert report.problems == [], str(report)
        assert report.mismatches == [], str(report)
        return bool(report.disclosures)

    search = settings(SETTINGS, max_examples=20, derandomize=True, phases=[Phase.generate])
    case = find(cases(), leaks, settings=search)
    report = run(case)[1]
    with pytest.raises(AssertionError, match="disclosure"):
        holds(report)  # the property, on the case found
    assert all(found.value == found.truth for found in report.disclosures)
    assert all(0 < len(found.people) < 10 for found in report.disclosures)  # k is 5, or 10 for free text


def test_a_publication_that_forgets_what_it_showed_fails_the_reopened_property(
    monkeypatch: pytest.MonkeyPatch, extended_template: None
) -> None:
    """If the publication after the save were a new one (no ledger), a search of derandomized examples finds a case
    that fails the second property: the ledger is what keeps it.
    """

    def forget(reader: Reader, path: str | os.PathLike[str]) -> None:
        reader.publication = careerconv.Publication(min_group_size=reader.publication.min_group_size)

    monkeypatch.setattr(Reader, "reopen", forget)
    search = settings(SETTINGS, max_examples=60, derandomize=True, phases=[Phase.generate])
    case = find(cases(reopen=True), lambda case: bool(run(case)[1].disclosures), settings=search)
    report = run(case)[1]
    assert report.mismatches == []
    with pytest.raises(AssertionError, match="disclosure"):
        holds(report)
