"""Seven attacks on one ``careerconv.Publication``, proved by the independent attacker in ``tests/attacker.py``.

Each attack runs twice. With the library as it is (``rule="on"``), the publication hides what the attack needs:
the attacker reads every frame, every row shown matches the records, and it proves no disclosure. With the
library's cross-summary rule switched off (``rule="off"``: the documented switch, see
:func:`tests.attacker.switch_off_the_rule`), each summary only protects itself, and the attacker proves the
disclosure, with the figure it recovers equal to the truth computed here from the records.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from careerconv import Action, Answer, Conversation, GrowPlan, MotivationRanking, Person, TemplateRef
from tests.attacker import (
    Disclosure,
    Reader,
    Report,
    Span,
    attack,
    common_set,
    motivations_call,
    read_roster,
    switch_off_the_rule,
)

STANDARD = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")
DAY = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 6, 30)


def ranking(seed: str, motivations: Sequence[str] = STANDARD) -> tuple[str, ...]:
    """A ranking of ``motivations`` that depends only on ``seed``."""
    order = list(motivations)
    random.Random(seed).shuffle(order)
    return tuple(order)


def record(
    record_id: str,
    person: str,
    team: str,
    manager: str | None = "m",
    *,
    date: dt.date | None = DAY,
    order: tuple[str, ...] | None = None,
    template: str = "standard",
    actions: tuple[Action, ...] = (),
    answers: dict[str, Answer] | None = None,
) -> Conversation:
    """A record with a ranking (``order``, or one drawn from its id), and optionally actions and answers."""
    return Conversation(
        id=record_id,
        template=TemplateRef(name=template),
        date=date,
        employee=Person(id=person, team=team),
        manager=Person(id=manager) if manager is not None else None,
        motivations=MotivationRanking(ranking=order if order is not None else ranking(record_id)),
        grow=GrowPlan(will=actions) if actions else None,
        answers=answers or {},
    )


def company(teams: Sequence[tuple[str, int, Sequence[str]]], **extra: Callable[[str], Any]) -> list[Conversation]:
    """One record per person: ``(team, size, managers)``, the managers taken in turn; ``extra`` makes fields."""
    made = []
    for team, size, managers in teams:
        for number in range(size):
            person = f"{team}-{number}"
            fields = {name: make(person) for name, make in extra.items()}
            made.append(record(f"{person}-r", person, team, managers[number % len(managers)], **fields))
    return made


def sums(records: Sequence[Conversation], motivation: str) -> dict[Hashable, int]:
    """The truth, straight from the records: the sum of ``motivation``'s positions and its top-3 count."""
    positions = [
        r.motivations.ranking.index(motivation) + 1
        for r in records
        if r.motivations is not None and motivation in r.motivations.ranking
    ]
    value: dict[Hashable, int] = {"position": sum(positions), "top3": sum(p <= 3 for p in positions)}
    return {name: amount for name, amount in value.items() if amount}  # the attacker leaves zeros out


def people_of(records: Sequence[Conversation], team: str) -> frozenset[str]:
    return frozenset(r.employee.id for r in records if r.employee.team == team)


def shown(frame: pd.DataFrame, **key: object) -> list[bool]:
    """Whether each row of ``frame`` with these key values is shown (not suppressed)."""
    rows = frame
    for name, value in key.items():
        rows = rows[rows[name].isna()] if value is None else rows[rows[name].astype(object) == value]
    return [not flag for flag in rows["suppressed"]]


def clean(report: Report) -> None:
    """The attacker read every frame, and every row shown matched the records under the documented semantics."""
    assert report.problems == []
    assert report.mismatches == []


def by_figure(found: Sequence[Disclosure]) -> dict[str, Disclosure]:
    return {disclosure.figure: disclosure for disclosure in found}


# --------------------------------------------------------------------------------------------------------------
# The rule, on and off
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture(params=["on", "off"])
def rule(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the library's cross-summary rule is on: each attack runs as the library is, then with it off."""
    if request.param == "off":
        switch_off_the_rule(monkeypatch)
    return bool(request.param == "on")


def safe(report: Report) -> None:
    """The publication, rule on: every frame read, every row shown as the records say, and nothing disclosed."""
    clean(report)
    assert report.disclosures == [], str(report)
    assert sum(shown for shown, _ in report.rank.values()) > 0  # some rows were shown, and read


# --------------------------------------------------------------------------------------------------------------
# The companies and what one publication shows of them
# --------------------------------------------------------------------------------------------------------------

# Teams a and b are split between managers m1 and m2; m1 also has the small team s2. Shown are teams a, b, c
# (the small ones are hidden) and every manager: m1 + m2 - a - b = s2. Each summary alone is safe (its own
# complements hidden); only the two together give s2 away.
SPLIT_TEAMS = (
    ("a", 10, ("m1", "m2")),
    ("b", 10, ("m1", "m2")),
    ("c", 10, ("m3",)),
    ("s2", 2, ("m1",)),
    ("s3", 3, ("m3",)),
    ("s4", 4, ("m3",)),
    ("s5", 4, ("m3",)),
)


def team_then_manager() -> tuple[Reader, list[Conversation]]:
    records = company(SPLIT_TEAMS)
    reader = Reader()
    reader.summarize_motivations(records, by="team")
    reader.summarize_motivations(records, by="manager")
    return reader, records


def latest_then_period(period: str = "Q") -> tuple[Reader, list[Conversation]]:
    records = []
    for team in ("a", "b"):
        for number in range(10):
            person = f"{team}-{number}"
            records.append(record(f"{person}-q1", person, team, date=dt.date(2026, 2, 10)))
            if person != "a-0":  # a-0 skips the second quarter (and May)
                records.append(record(f"{person}-q2", person, team, date=dt.date(2026, 5, 10)))
    reader = Reader()
    reader.summarize_motivations(records, by="team")
    reader.summarize_motivations(records, by="team", period=period)
    return reader, records


def last_month_then_today() -> tuple[Reader, list[Conversation]]:
    records = company((("a", 8, ("m",)), ("b", 8, ("m",))), date=lambda _: dt.date(2026, 4, 10))
    records.append(record("a-3-new", "a-3", "a", date=dt.date(2026, 5, 20)))
    reader = Reader()
    reader.summarize_motivations(records, by="team", as_of=dt.date(2026, 4, 30))
    reader.summarize_motivations(records, by="team", as_of=dt.date(2026, 5, 31))
    return reader, records


def filtered_populations() -> tuple[Reader, list[Conversation]]:
    records = company((("a", 8, ("m",)), ("b", 8, ("m",)), ("f", 5, ("m",))))
    reader = Reader()
    reader.summarize_motivations(records, by=None)
    reader.summarize_motivations([r for r in records if r.employee.team != "f" and r.employee.id != "a-3"], by=None)
    reader.summarize_motivations([r for r in records if r.employee.team == "f"], by=None)
    return reader, records


EXTENDED = (*STANDARD, "learning")


def extended(record_id: str, person: str, team: str) -> Conversation:
    """A record of the extended template: eight motivations, "learning" among them."""
    return record(record_id, person, team, template="extended", order=ranking(record_id, EXTENDED))


def two_templates() -> tuple[Reader, list[Conversation]]:
    # Team a is mixed: ten people on the standard template and x on the extended one. Team e (eight people) is
    # all extended. By team, a's row counts its ten (x's set is not a's common one) and e's its eight; the
    # total counts the twenty standard rankings. A second summary, of the extended records only, counts e
    # and x together: less team e, that is x's eight-motivation ranking.
    records = company((("a", 10, ("m",)), ("b", 10, ("m",))))
    records.append(extended("x-r", "x", "a"))
    records += [extended(f"e-{number}-r", f"e-{number}", "e") for number in range(8)]
    reader = Reader()
    reader.summarize_motivations(records, by="team")
    reader.summarize_motivations([r for r in records if r.template.name == "extended"], by=None)
    return reader, records


def actions(person: str) -> tuple[Action, ...]:
    """Zero to three actions, some done, some due before ``TODAY``."""
    seed = random.Random(person)
    return tuple(
        Action(
            id=f"{person}-a{number}",
            text=f"step {number}",
            due=TODAY + dt.timedelta(days=seed.choice((-40, -10, 20))),
            status=seed.choice(("open", "open", "done")),
        )
        for number in range(seed.randrange(4))
    )


def overdue_team_then_manager() -> tuple[Reader, list[Conversation]]:
    records = company(SPLIT_TEAMS, actions=actions)
    reader = Reader()
    reader.overdue_actions(records, by="team", today=TODAY)
    reader.overdue_actions(records, by="manager", today=TODAY)
    return reader, records


def answers(person: str) -> dict[str, Answer]:
    return {
        "new-skills": Answer(text=f"skill {len(person) % 3}"),
        "team": Answer(text=f"what {person} said of the team"),
    }


def grouped_tables() -> tuple[Reader, list[Conversation]]:
    # Team s (3 people) is hidden by team; m1 = a + s shows by manager: m1 - a is team s's free text.
    teams = (("a", 12, ("m1",)), ("b", 12, ("m2",)), ("c", 10, ("m3",)), ("s", 3, ("m1",)))
    records = company(teams, answers=answers)
    reader = Reader()
    reader.to_pandas(records, "answers", by="team")
    reader.to_pandas(records, "answers", by="manager")
    return reader, records


def big_teams() -> tuple[Reader, list[Conversation]]:
    records = company((("a", 10, ("m1", "m2")), ("b", 12, ("m3",)), ("c", 15, ("m4", "m5", "m6"))))
    reader = Reader()
    reader.summarize_motivations(records, by="team")
    return reader, records


# Departments from a roster: D1 is team a and the small team s2, D2 is teams b and c. By team, s2 is hidden;
# by department, D1 (12 people) and D2 (20) show: D1 - a is s2.
DEPARTMENTS = {"a": "D1", "s2": "D1", "b": "D2", "c": "D2"}


def roster_of(records: Sequence[Conversation]) -> dict[str, dict[str, str]]:
    """Each employee's department (by team) and location, as a roster mapping."""
    return {
        r.employee.id: {"department": DEPARTMENTS[r.employee.team or ""], "location": f"L{len(r.employee.id) % 2}"}
        for r in records
    }


def team_then_department(form: str = "mapping", folder: Path | None = None) -> tuple[Reader, list[Conversation]]:
    records = company((("a", 10, ("m",)), ("b", 10, ("m",)), ("c", 10, ("m",)), ("s2", 2, ("m",))))
    mapping = roster_of(records)
    frame = pd.DataFrame([{"employee": who, **values} for who, values in mapping.items()])
    roster: object = mapping if form == "mapping" else frame
    if form == "csv":
        assert folder is not None
        roster = folder / "roster.csv"
        frame.to_csv(roster, index=False)
    reader = Reader()
    reader.summarize_motivations(records, by="team", roster=roster)
    reader.summarize_motivations(records, by="department", roster=roster)
    return reader, records


SCENARIOS: dict[str, Callable[[], tuple[Reader, list[Conversation]]]] = {
    "team-then-manager": team_then_manager,
    "latest-then-quarter": latest_then_period,
    "latest-then-month": lambda: latest_then_period("M"),
    "last-month-then-today": last_month_then_today,
    "filtered-populations": filtered_populations,
    "two-templates": two_templates,
    "overdue-team-then-manager": overdue_team_then_manager,
    "grouped-tables": grouped_tables,
    "team-then-department": team_then_department,
    "big-teams": big_teams,
}


# --------------------------------------------------------------------------------------------------------------
# The attacks
# --------------------------------------------------------------------------------------------------------------


def test_1_a_manager_row_less_the_teams_gives_a_small_team_away(rule: bool) -> None:
    """By team, then by manager: m1 + m2 - a - b is the suppressed two-person team s2 (unless the rule is on)."""
    reader, records = team_then_manager()
    by_team, by_manager = (call.frame for call in reader.calls)
    assert shown(by_team, team="s2") == [False] * 7
    report = reader.attack()
    if rule:
        safe(report)
        return
    assert all(shown(by_manager, manager="m1") + shown(by_manager, manager="m2"))
    clean(report)
    s2 = people_of(records, "s2")
    found = by_figure(report.about(people=s2, kind="suppressed row", block="ranking"))
    assert set(found) == set(STANDARD)
    team = [r for r in records if r.employee.team == "s2"]
    for motivation, disclosure in found.items():
        assert disclosure.value == sums(team, motivation) == disclosure.truth
    assert report.about(people=s2, block="people")[0].value == {"people": 2}


@pytest.mark.parametrize("period", ["Q", "M"])
def test_2_the_latest_summary_less_a_period_gives_the_person_who_skipped_it(rule: bool, period: str) -> None:
    """Without a period, then by quarter (or month): team a's latest less its latest period is a-0's ranking."""
    reader, records = latest_then_period(period)
    latest, periodic = (call.frame for call in reader.calls)
    report = reader.attack()
    if rule:
        safe(report)
        return
    label = "2026Q2" if period == "Q" else "2026-05"
    assert all(shown(latest, team="a") + shown(periodic, period=label, team="a"))
    clean(report)
    found = by_figure(report.about(people={"a-0"}, kind="record", block="ranking"))
    assert set(found) == set(STANDARD)
    (skipped,) = (r for r in records if r.id == "a-0-q1")
    for motivation, disclosure in found.items():
        assert disclosure.records == {"a-0-q1"}
        assert disclosure.value == sums([skipped], motivation)


def test_3_as_of_last_month_then_today_gives_one_persons_change(rule: bool) -> None:
    """``as_of`` last month, then today: the same people, so the difference is a-3's change of ranking."""
    reader, records = last_month_then_today()
    report = reader.attack()
    if rule:
        safe(report)
        return
    clean(report)
    found = by_figure(report.about(people={"a-3"}, kind="change", block="ranking"))
    assert set(found) == set(STANDARD)
    old, new = (next(r for r in records if r.id == name) for name in ("a-3-r", "a-3-new"))
    for motivation, disclosure in found.items():
        change = Counter(sums([new], motivation))
        change.subtract(sums([old], motivation))
        assert disclosure.value == {name: amount for name, amount in change.items() if amount}
    assert any(found[m].value for m in STANDARD)  # the ranking did change


def test_4_filtered_populations_give_one_persons_ranking(rule: bool) -> None:
    """Everyone; everyone but a-3 and the five of team f; team f: the three together give a-3's ranking."""
    reader, records = filtered_populations()
    report = reader.attack()
    if rule:
        safe(report)
        return
    assert all(all(shown(call.frame)) for call in reader.calls)
    clean(report)
    found = by_figure(report.about(people={"a-3"}, kind="record", block="ranking"))
    assert set(found) == set(STANDARD)
    (alone,) = (r for r in records if r.employee.id == "a-3")
    for motivation, disclosure in found.items():
        assert disclosure.value == sums([alone], motivation)


def test_5_a_filtered_summary_of_the_odd_template_less_a_team_gives_its_one_user_away(rule: bool) -> None:
    """Team a has one eight-motivation ranking (x's); its row leaves it out, as the one-set rule says.

    The one-set rule holds with the cross-summary rule off, so one summary cannot give x away any more
    (the ranking-sum attack of old is gone: a's row has no "learning" line). But a second summary of the
    extended records alone has x's set as its common one: e + x, less team e's row of the first, is x's whole
    ranking, "learning" included. Only the cross-summary rule stops that.
    """
    reader, records = two_templates()
    by_team, extended_only = (call.frame for call in reader.calls)
    assert set(by_team[by_team["team"] == "a"]["motivation"]) == set(STANDARD)  # x's set is not team a's
    assert set(by_team[by_team["team"] == "e"]["motivation"]) == set(EXTENDED)
    assert set(by_team[by_team["total"]]["motivation"]) == set(STANDARD)  # twenty standard, nine extended
    report = reader.attack()
    if rule:
        safe(report)
        return
    assert all(shown(extended_only))
    assert all(shown(by_team, team="e"))
    clean(report)
    found = by_figure(report.about(people={"x"}, kind="record", block="ranking"))
    assert set(found) == set(EXTENDED)
    (odd,) = (r for r in records if r.employee.id == "x")
    for motivation, disclosure in found.items():
        assert disclosure.value == sums([odd], motivation) == disclosure.truth


def test_6_overdue_actions_by_team_then_manager_give_a_small_team_away(rule: bool) -> None:
    """``overdue_actions`` by team, then by manager (the publication's own): m1 + m2 - a - b is team s2."""
    reader, records = overdue_team_then_manager()
    assert [call.via for call in reader.calls] == ["publication", "publication"]
    report = reader.attack()
    if rule:
        safe(report)
        return
    clean(report)
    s2 = people_of(records, "s2")
    team = [r for r in records if r.employee.team == "s2"]
    still_open = [a for r in team for a in (r.grow.will if r.grow else ()) if a.status == "open"]
    late = [a for a in still_open if a.due is not None and a.due < TODAY]
    late_people = sum(any(a.status == "open" and a.due and a.due < TODAY for a in r.grow.will) for r in team if r.grow)
    (opened,) = report.about(people=s2, kind="suppressed row", block="open actions")
    (overdue,) = report.about(people=s2, kind="suppressed row", block=f"overdue actions on {TODAY}")
    (count,) = report.about(people=s2, kind="suppressed row", block="people")
    assert opened.value == {name: n for name, n in {"open_actions": len(still_open)}.items() if n}
    expected = {"overdue_actions": len(late), "people_overdue": late_people}
    assert overdue.value == {name: n for name, n in expected.items() if n}
    assert count.value == {"people": 2}


def test_7_grouped_tables_give_a_small_teams_answers_away(rule: bool) -> None:
    """``Publication.to_pandas``: answers by manager less answers by team (a multiset difference) is team s's."""
    reader, records = grouped_tables()
    by_team, by_manager = (call.frame for call in reader.calls)
    assert shown(by_team, team="s") == [False]
    assert "total" not in by_team.columns  # group rows only
    report = reader.attack()
    if rule:
        safe(report)
        return
    assert all(shown(by_manager))
    clean(report)
    s = people_of(records, "s")
    (disclosure,) = report.about(people=s, kind="suppressed row", block="answers table")
    texts: Counter[object] = Counter()
    for item, count in disclosure.value.items():
        assert isinstance(item, tuple)
        texts[item[3]] += int(count)  # section, question, question_text, text, ...
    expected = Counter(a.text for r in records if r.employee.team == "s" for a in r.answers.values())
    assert texts == expected
    assert "what s-1 said of the team" in texts


@pytest.mark.parametrize("form", ["mapping", "frame", "csv"])
def test_8_a_roster_department_less_a_team_gives_a_small_team_away(rule: bool, form: str, tmp_path: Path) -> None:
    """By team, then by the roster's department: D1 - a is the two-person team s2, whatever the roster's form."""
    reader, records = team_then_department(form, tmp_path)
    by_team, by_department = (call.frame for call in reader.calls)
    assert shown(by_team, team="s2") == [False] * 7
    report = reader.attack()
    if rule:
        safe(report)
        return
    assert all(shown(by_department, department="D1"))
    clean(report)
    s2 = people_of(records, "s2")
    found = by_figure(report.about(people=s2, kind="suppressed row", block="ranking"))
    assert set(found) == set(STANDARD)
    team = [r for r in records if r.employee.team == "s2"]
    for motivation, disclosure in found.items():
        assert disclosure.value == sums(team, motivation)


def test_one_summary_of_big_teams_gives_nothing_away(rule: bool) -> None:
    """A single summary of teams of 10, 12 and 15: every row shown, and nothing of fewer than 5 people determined."""
    reader, _ = big_teams()
    assert all(shown(reader.calls[0].frame))
    report = reader.attack()
    clean(report)
    assert report.disclosures == []
    assert report.rank["ranking"][1] > 0  # the attacker did read equations


# --------------------------------------------------------------------------------------------------------------
# The attacker itself
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_atoms_find_what_plain_elimination_finds(scenario: str, rule: bool) -> None:
    """Solving on atoms gives exactly the disclosures (and values) of elimination on the units themselves."""
    reader, _ = SCENARIOS[scenario]()
    fast, plain = attack(reader.calls), attack(reader.calls, atoms=False)
    assert [(d.kind, d.label, d.block, d.figure, d.value) for d in fast.disclosures] == [
        (d.kind, d.label, d.block, d.figure, d.value) for d in plain.disclosures
    ]
    assert fast.mismatches == plain.mismatches == []
    assert bool(fast.disclosures) == (not rule and scenario != "big-teams")


@pytest.mark.parametrize("seed", range(3))
def test_atoms_agree_on_random_publications(seed: int, rule: bool) -> None:
    """Random companies (some with eight-motivation rankings) and calls: atoms and plain elimination agree."""
    rng = random.Random(seed)
    records = []
    for person in range(rng.randrange(10, 30)):
        team, manager = f"t{rng.randrange(5)}", f"m{rng.randrange(3)}"
        for number in range(rng.randrange(1, 3)):
            motivations = EXTENDED if rng.random() < 0.1 else STANDARD
            day = dt.date(2026, rng.randrange(1, 12), 1)
            name = f"p{person}-{number}"
            order = ranking(f"{seed}-{name}", motivations)
            records.append(record(name, f"p{person}", team, manager, date=day, order=order, actions=actions(name)))
    reader = Reader()
    reader.summarize_motivations(records, by="team")
    reader.summarize_motivations(records, by=("team", "manager"), period="Q")
    reader.summarize_motivations(records[::2], by="manager", as_of=dt.date(2026, 6, 1))
    reader.summarize_motivations(records, by=None, period="M")
    reader.overdue_actions(records, by="manager", today=dt.date(2026, 8, 1))
    reader.to_pandas(records, "motivations", by="manager")
    fast, plain = attack(reader.calls), attack(reader.calls, atoms=False)
    clean(fast)
    assert [(d.kind, d.label, d.figure, d.value) for d in fast.disclosures] == [
        (d.kind, d.label, d.figure, d.value) for d in plain.disclosures
    ]
    if rule:
        assert fast.disclosures == []


def test_a_row_counts_the_units_of_its_common_set() -> None:
    """The attacker's one-set rule: the set most units have; on a tie, the one whose label sorts first."""
    seven, eight = frozenset(STANDARD), frozenset(EXTENDED)
    assert common_set([seven, eight, eight]) == eight
    assert common_set([seven, eight]) == eight  # "authority,...,learning,..." sorts before "authority,...,mastery"
    assert common_set([frozenset({"b"}), frozenset({"a", "z"})]) == frozenset({"a", "z"})
    assert common_set([]) is None


def test_a_subtotal_of_an_empty_roster_value_is_told_from_the_total(rule: bool) -> None:
    """By (location, team) with some locations empty: the empty location's subtotal and the total look alike.

    The attacker tells them apart by the frame's order (each subtotal after its groups), and reads both right.
    """
    records = company((("a", 6, ("m",)), ("b", 7, ("m",)), ("c", 8, ("m",))))
    roster = {r.employee.id: {"location": None if r.employee.team == "c" else "Berlin"} for r in records}
    reader = Reader()
    frame = reader.summarize_motivations(records, by=("location", "team"), roster=roster)
    totals = frame[frame["total"] & frame["location"].isna()]
    assert sorted(totals["people"].dropna().unique().tolist()) == [8, 21]  # location None's subtotal, and the total
    clean(reader.attack())


def test_the_roster_is_read_alike_in_each_form(tmp_path: Path) -> None:
    """A mapping, a DataFrame and a CSV file of one roster read the same; empty cells are None."""
    mapping = {"p1": {"department": "D", "location": ""}, "p2": {"department": "E"}}
    frame = pd.DataFrame(
        [{"employee": "p1", "department": "D", "location": None}, {"employee": "p2", "department": "E"}]
    )
    path = tmp_path / "roster.csv"
    path.write_text("employee,department,location\np1,D,\np2,E,\n")
    expected = {"p1": {"department": "D", "location": None}, "p2": {"department": "E", "location": None}}
    assert read_roster(mapping) == read_roster(frame) == read_roster(path) == read_roster(str(path)) == expected


def test_a_grouped_motivations_table_of_an_unknown_template_keeps_its_motivations() -> None:
    """Six records of a template the library does not know (``extended``, eight motivations): their group's rows.

    The library's motivations table orders motivations by the templates of the records that it knows; a
    motivation it has no place for comes after those (it once became NaN, with pandas warning that this would
    raise). The attacker reads the records themselves, so a wrong row would be a mismatch.
    """
    records = [extended(f"e-{number}-r", f"e-{number}", "e") for number in range(6)]
    reader = Reader()
    reader.to_pandas(records, "motivations", by="team")
    clean(reader.attack())


def test_span_is_exact() -> None:
    """Rational combinations are found exactly, with their value; a functional outside the span is not."""
    span = Span()
    x, y, z = (0, "x"), (0, "y"), (0, "z")
    assert span.add({x: 1, y: 1}, {"v": 3})
    assert span.add({x: 1, y: -1}, {"v": 1})
    assert not span.add({x: 2}, {"v": 4})  # dependent, and consistent
    assert span.solve({x: 1}) == {"v": 2}  # (a + b) / 2: needs a rational coefficient
    assert span.solve({z: 1}) is None
    assert span.add({x: 2, z: 3}, {"v": 5})
    assert span.solve({z: 1}) == {"v": Fraction(1, 3)}
    assert not span.add({y: 1}, {"v": 7})  # y is 1: a contradiction is counted, not raised
    assert span.contradictions == 1
    assert not span.add({x: 1, y: 1, z: 0}, {"v": 3, "w": 0})  # a zero part is no contradiction
    assert span.contradictions == 1


def test_an_unreadable_frame_is_a_problem_not_a_crash() -> None:
    """A frame without the columns the attacker needs is reported as a problem."""
    reader, records = big_teams()
    broken = reader.calls[0].frame.drop(columns=["people"])
    report = attack([motivations_call(broken, records, by="team")])
    assert report.problems
    assert report.disclosures == []


def test_a_row_that_disagrees_with_the_records_is_a_mismatch() -> None:
    """A shown row with a figure the records do not give, or a line for a motivation not of its set, is reported."""
    reader, records = two_templates()
    frame = reader.calls[0].frame.copy()
    first = frame.index[0]
    frame.loc[first, "mean_position"] = float(frame.loc[first, "mean_position"]) + 1  # ten people: 10 more
    assert attack([motivations_call(frame, records, by="team")]).mismatches
    team_a = frame[frame["team"] == "a"].iloc[:1].assign(motivation="learning")
    mixed = pd.concat([reader.calls[0].frame, team_a], ignore_index=True)
    assert any("not of its set" in line for line in attack([motivations_call(mixed, records, by="team")]).mismatches)


def test_two_hundred_records_take_well_under_a_few_seconds() -> None:
    """Six summaries of about 200 records: the attack stays fast and reads every row as the records say."""
    rng = random.Random(7)
    records = []
    for number, size in enumerate(rng.choice((2, 3, 4, 8, 10, 12, 15)) for _ in range(14)):
        team = f"t{number}"
        for member in range(size):
            person = f"{team}-{member}"
            for quarter, day in enumerate((dt.date(2026, 2, 1), dt.date(2026, 5, 1))):
                if rng.random() < 0.8:
                    step = Action(id=f"{person}-a", text="step", due=dt.date(2026, 4, 1), status="open")
                    made = record(
                        f"{person}-{quarter}", person, team, f"m{rng.randrange(6)}", date=day, actions=(step,)
                    )
                    records.append(made)
    assert 150 <= len(records) <= 250
    reader = Reader()
    for by in ("team", "manager", ("team", "manager")):
        reader.summarize_motivations(records, by=by)
    reader.summarize_motivations(records, by="team", period="Q")
    reader.overdue_actions(records, by="team", today=TODAY)
    reader.overdue_actions(records, by="manager", today=TODAY)
    start = time.perf_counter()
    report = reader.attack()
    elapsed = time.perf_counter() - start
    clean(report)
    assert elapsed < 10, f"the attack took {elapsed:.1f} s"  # about 1 s on a laptop: a guard, not a benchmark
