"""Disclosure control: no suppressed group comes back by adding and subtracting what summaries publish.

The attacks are the ones a reader of published summaries would try on a company archive; each is run with
careerconv's protection and without it (so each test can fail), and a Hypothesis property checks, by solving
the linear system, that no suppressed row is a combination of the rows shown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Hashable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerconv
from careerconv import Conversation, MotivationRanking, Person, TemplateRef
from careerconv.analytics import disclosure
from careerconv.analytics.disclosure import Ledger, Row
from tests.archive import MOTIVATIONS, archive
from tests.conftest import examples

DAY = dt.date(2026, 12, 31)


@pytest.fixture(scope="module")
def records() -> list[Conversation]:
    return archive()


@pytest.fixture
def unprotected(monkeypatch: pytest.MonkeyPatch) -> None:
    """Summaries with primary suppression only: the small groups hidden, no complement, nothing across summaries."""
    monkeypatch.setattr(disclosure._Search, "violation", lambda self: None)


def latest_rankings(records: Sequence[Conversation]) -> dict[str, Conversation]:
    """Each person's latest record, worked out here, independently of careerconv's summaries."""
    chosen: dict[str, Conversation] = {}
    for r in sorted(records, key=lambda r: (r.date, r.id)):
        chosen[r.employee.id] = r
    return chosen


def true_sums(records: Sequence[Conversation], members: set[str]) -> tuple[int, ...]:
    """The people count and each motivation's sum of positions for ``members``: what a reader must not get."""
    latest = latest_rankings(records)
    ranks = [latest[p].motivations.ranking for p in members]  # type: ignore[union-attr]
    return (len(members), *(sum(r.index(m) + 1 for r in ranks) for m in MOTIVATIONS))


def published_sums(summary: pd.DataFrame, row: pd.Series) -> tuple[int, ...]:
    """A summary row's count and sums of positions, as a reader works them out: people times mean."""
    rows = summary[(summary[row.index] == row).all(axis=1)] if len(row) else summary
    by_motivation = rows.set_index("motivation")
    people = int(by_motivation["people"].iloc[0])
    return (people, *(round(people * by_motivation.loc[m, "mean_position"]) for m in MOTIVATIONS))


def minus(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x - y for x, y in zip(a, b, strict=True))


def team_members(records: Sequence[Conversation], team: str, manager: str | None = None) -> set[str]:
    latest = latest_rankings(records)
    return {p for p, r in latest.items() if r.employee.team == team and (manager is None or r.manager.id == manager)}  # type: ignore[union-attr]


def subtract_visible_teams(records: list[Conversation]) -> tuple[int, ...]:
    """Attack 1: the company-wide summary minus every team shown."""
    company = careerconv.summarize_motivations(records, by=None)
    teams = careerconv.summarize_motivations(records, by="team")
    derived = published_sums(company, pd.Series(dtype=object))
    for team in teams.loc[~teams.suppressed & ~teams.total, "team"].unique():
        derived = minus(derived, published_sums(teams, pd.Series({"team": team, "total": False})))
    return derived


@pytest.mark.parametrize("protected", [True, False])
def test_attack_company_minus_the_visible_teams(
    records: list[Conversation], protected: bool, request: pytest.FixtureRequest
) -> None:
    if not protected:
        request.getfixturevalue("unprotected")
    one_small = [r for r in records if r.employee.team not in ("finance", "people")]  # legal: 4 people
    derived = subtract_visible_teams(one_small)
    legal = true_sums(one_small, team_members(one_small, "legal"))
    assert (derived == legal) is not protected
    if protected:  # what comes back is a block of at least two groups and five people
        assert derived[0] >= 5
        teams = careerconv.summarize_motivations(one_small, by="team")
        assert sorted(teams.loc[teams.suppressed, "team"].unique()) == ["legal", "security"]


@pytest.mark.parametrize("protected", [True, False])
def test_attack_a_team_minus_its_visible_managers(
    records: list[Conversation], protected: bool, request: pytest.FixtureRequest
) -> None:
    if not protected:
        request.getfixturevalue("unprotected")
    team = careerconv.summarize_motivations(records, by="team")
    managers = careerconv.summarize_motivations(records, by=("team", "manager"))
    derived = published_sums(team, pd.Series({"team": "platform", "total": False}))
    shown = managers[(managers.team == "platform") & ~managers.total & ~managers.suppressed]
    for manager in shown["manager"].unique():
        derived = minus(derived, published_sums(managers, pd.Series({"team": "platform", "manager": manager})))
    cy = true_sums(records, team_members(records, "platform", "cy"))  # cy has 2 people
    assert (derived == cy) is not protected
    assert shown["manager"].unique().tolist() == (["ada"] if protected else ["ada", "bo"])


@pytest.mark.parametrize("publication", [True, False])
def test_attack_a_team_minus_the_same_team_less_one_person(records: list[Conversation], publication: bool) -> None:
    search = [r for r in records if r.employee.team == "search"]
    person = search[0].employee.id
    rest = [r for r in search if r.employee.id != person]
    book = careerconv.Publication()
    summarize = book.summarize_motivations if publication else careerconv.summarize_motivations
    whole, less = summarize(search, by=None), summarize(rest, by=None)
    assert not whole["suppressed"].any()
    if publication:  # the second summary is within one person of the first: hidden
        assert less["suppressed"].all()
        return
    derived = minus(published_sums(whole, pd.Series(dtype=object)), published_sums(less, pd.Series(dtype=object)))
    assert derived == true_sums(search, {person})  # without a Publication, one summary cannot know the other


@pytest.mark.parametrize("protected", [True, False])
def test_attack_overdue_counts_minus_the_visible_teams(
    records: list[Conversation], protected: bool, request: pytest.FixtureRequest
) -> None:
    if not protected:
        request.getfixturevalue("unprotected")
    one_small = [r for r in records if r.employee.team not in ("finance", "people")]
    company = careerconv.overdue_actions(one_small, by=None, today=DAY)
    teams = careerconv.overdue_actions(one_small, by="team", today=DAY)
    shown = teams[~teams.suppressed & ~teams.total]
    derived = [int(company[c].iloc[0] - shown[c].sum()) for c in ("people", "open_actions", "overdue_actions")]
    legal = careerconv.overdue_actions(
        [r for r in one_small if r.employee.team == "legal"], by=None, today=DAY, min_group_size=5
    )
    assert legal["suppressed"].tolist() == [True]  # 4 people: not even shown alone
    assert (derived[0] == 4) is not protected


# --------------------------------------------------------------------------------- the exact property


def in_span(rows: list[set[Hashable]], target: set[Hashable]) -> bool:
    """Whether ``target``'s indicator vector is a rational combination of ``rows``' (exact elimination)."""
    atoms = sorted({a for row in rows for a in row} | target, key=repr)
    index = {a: i for i, a in enumerate(atoms)}

    def vector(members: set[Hashable]) -> list[Fraction]:
        v = [Fraction(0)] * len(atoms)
        for a in members:
            v[index[a]] = Fraction(1)
        return v

    basis: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        v = vector(row)
        for pivot, b in basis:
            if v[pivot]:
                v = [x - v[pivot] * y for x, y in zip(v, b, strict=True)]
        lead = next((i for i, x in enumerate(v) if x), None)
        if lead is not None:
            v = [x / v[lead] for x in v]
            basis = [(p, [x - b[lead] * y for x, y in zip(b, v, strict=True)]) for p, b in basis]
            basis.append((lead, v))
    t = vector(target)
    for pivot, b in basis:
        if t[pivot]:
            t = [x - t[pivot] * y for x, y in zip(t, b, strict=True)]
    return not any(t)


@st.composite
def companies(draw: st.DrawFn) -> list[Conversation]:
    """Small companies: people in teams under managers (managers may span teams), ranked, over two quarters."""
    n = draw(st.integers(1, 40))
    teams = draw(st.lists(st.sampled_from("abcde"), min_size=n, max_size=n))
    managers = draw(st.lists(st.sampled_from("xyz"), min_size=n, max_size=n))
    quarters = draw(st.lists(st.sampled_from([dt.date(2026, 2, 1), dt.date(2026, 5, 1)]), min_size=n, max_size=n))
    order = draw(st.permutations(MOTIVATIONS))
    return [
        Conversation(
            id=f"r{i}",
            template=TemplateRef(name="standard"),
            date=quarters[i],
            employee=Person(id=f"p{i}", team=teams[i]),
            manager=Person(id=managers[i]),
            motivations=MotivationRanking(ranking=tuple(order[i % 7 :] + order[: i % 7])),
        )
        for i in range(n)
    ]


def row_people(
    records: list[Conversation], summary: pd.DataFrame, keys: list[str], period: bool
) -> Iterator[tuple[set[tuple[str, object]], bool]]:
    """Each row of the summary (one motivation's rows) as the set of person-periods it sums, and if it is shown."""

    def value(r: Conversation, key: str) -> object:
        if key == "period":
            return f"{r.date.year}Q{(r.date.month - 1) // 3 + 1}"  # type: ignore[union-attr]
        return r.employee.team if key == "team" else r.manager.id  # type: ignore[union-attr]

    rows = summary[summary.motivation == MOTIVATIONS[0]]
    width = len(keys)
    for _, row in rows.iterrows():
        level = width if not row["total"] else sum(1 for k in keys if pd.notna(row[k]))  # every value is set
        members = {
            (r.employee.id, value(r, "period") if period else None)
            for r in records
            if all(value(r, k) == row[k] for k in keys[:level])
        }
        yield members, not row["suppressed"]


@settings(max_examples=examples(150), deadline=None)
@given(
    records=companies(),
    by=st.sampled_from([None, ("team",), ("manager",), ("team", "manager"), ("manager", "team")]),
    period=st.booleans(),
)
def test_no_suppressed_row_is_a_combination_of_the_rows_shown(
    records: list[Conversation], by: tuple[str, ...] | None, period: bool
) -> None:
    summary = careerconv.summarize_motivations(records, by=by, period="Q" if period else None)
    keys = [*(["period"] if period else []), *(by or ())]
    rows = list(row_people(records, summary, keys, period))
    shown: list[set[Hashable]] = [set(members) for members, visible in rows if visible]
    for members, visible in rows:
        assert visible or not in_span(shown, set(members)), (by, period, sorted(members, key=repr))
        assert not visible or len({person for person, _ in members}) >= 5


# ------------------------------------------------------------------------------------- protect itself


def sized(**sizes: int) -> dict[tuple[Hashable, ...], set[str]]:
    """Groups of the given sizes, of distinct people (each unit its own person)."""
    groups: dict[tuple[Hashable, ...], set[str]] = {}
    start = 0
    for name, size in sizes.items():
        groups[(name,)] = {f"u{n}" for n in range(start, start + size)}
        start += size
    return groups


def protect(groups: dict[tuple[Hashable, ...], set[str]], top: int = 0, ledger: Ledger | None = None) -> list[str]:
    """The rows a ledger hides of one summary of ``groups`` (and subtotals down to ``top``), with the reasons."""
    book = ledger or Ledger(5)
    rows = [Row(key, units, 5) for key, units in sorted(disclosure.rows_of(groups, top).items(), key=repr)]
    hidden = book.publish("a summary", rows, {u: u for units in groups.values() for u in units})
    reasons = {s.key: s.reason for s in book.suppressed if s.summary == len(book.summaries) - 1}
    assert set(reasons) == hidden
    return sorted(f"{'/'.join(map(str, key)) or 'everyone'}: {reasons[key]}" for key in hidden)


def test_a_ledger_hides_small_groups_and_the_complements_that_would_give_them_away() -> None:
    assert protect(sized(a=10, b=6, c=2)) == ["b: complement", "c: small group"]  # the smallest visible with c
    assert protect(sized(a=10, b=1, c=2, d=10)) == ["a: complement", "b: small group", "c: small group"]
    assert protect(sized(a=10, b=3, c=4)) == ["b: small group", "c: small group"]  # seven hidden: enough
    assert protect(sized(a=3, b=1)) == ["a: small group", "b: small group", "everyone: small group"]
    assert protect(sized(a=5, b=5)) == []
    by_quarter: dict[tuple[Hashable, ...], set[str]] = {
        ("q1", "a"): {f"u{n}" for n in range(6)},
        ("q1", "b"): {"u6"},
        ("q2", "a"): {f"u{n}" for n in range(7, 20)},
    }
    assert protect(by_quarter, top=1) == ["q1/a: complement", "q1/b: small group"]  # no total across quarters


def test_a_ledger_hides_what_an_earlier_row_would_give_away() -> None:
    book = Ledger(5)
    assert protect(sized(a=10, b=6, c=7), ledger=book) == []
    less = sized(a=10, b=6, c=7)
    less[("c",)] = less[("c",)] - {"u16"}  # c less one person, and with it the total
    assert protect(less, ledger=book) == ["c: earlier row", "everyone: earlier row"]
    assert protect(sized(a=10, b=6, c=7), ledger=book) == []  # the same rows again: nothing new to work out
    assert repr(book) == "<Ledger: minimum 5, 3 summaries, 10 rows shown>"


def test_a_ledger_keeps_each_atom_to_one_motivation_set() -> None:
    """Rows that sum rankings count the people of one motivation set; an atom that mixes sets is hidden."""
    book = Ledger(5)
    units = {f"u{n}" for n in range(8)}
    labels = dict.fromkeys(units, "seven") | {"u0": "eight"}
    rows = [Row(("t",), frozenset(units), 5, rankings=True)]
    assert book.publish("mixed", rows, {u: u for u in units}, labels) == {("t",)}
    assert [(s.key, s.reason) for s in book.suppressed] == [(("t",), "ranking sum")]
    assert sorted(disclosure.one_set(units, labels)) == sorted(units - {"u0"})


def test_a_ledger_is_saved_and_opened(tmp_path: Path) -> None:
    book = Ledger(5)
    protect(sized(a=10, b=6, c=2), ledger=book)
    data = json.loads(json.dumps(book.to_json()))
    assert '"u1"' not in json.dumps(data)  # units and people as keyed hashes only
    again = Ledger.from_json(data, 5)
    assert (again.summaries, again.suppressed, again.rows_shown) == (book.summaries, book.suppressed, 2)
    less = sized(a=10, b=6, c=2)
    less[("a",)] = less[("a",)] - {"u0"}
    assert protect(less, ledger=again) == [
        "a: earlier row",
        "b: earlier row",
        "c: small group",
        "everyone: earlier row",
    ]
    for broken, message in [
        ({}, "not a publication ledger"),
        ({**data, "version": 2}, "a ledger of version 2; this careerconv reads 1"),
        (
            {**data, "rows": [{"summary": 9, "units": [0], "key": [], "minimum": 5, "rankings": False}]},
            "a row out of range",
        ),
        ({**data, "units": "x"}, "a corrupt ledger (ValueError)"),
    ]:
        with pytest.raises(disclosure.LedgerError, match=re.escape(message)):
            Ledger.from_json(broken, 5)
    with pytest.raises(disclosure.LedgerError, match=re.escape("kept with min_group_size=5, not 6")):
        Ledger.from_json(data, 6)


def test_a_publication_hides_a_row_another_grouping_would_give_away() -> None:
    def person(n: int, team: str, manager: str) -> Conversation:
        return Conversation(
            id=f"r{n}",
            template=TemplateRef(name="standard"),
            employee=Person(id=f"p{n}", team=team),
            manager=Person(id=manager),
            motivations=MotivationRanking(ranking=MOTIVATIONS),
        )

    company = [person(n, "t", "m1") for n in range(6)] + [person(n, "t", "m2") for n in range(6, 12)]
    company += [person(n, "u", "m1") for n in range(12, 18)] + [person(18, "u", "m2")]
    book = careerconv.Publication()
    nested = book.summarize_motivations(company, by=("team", "manager"))
    first = nested[nested.motivation == "influence"]
    assert first.loc[~first.suppressed, ["team", "manager"]].astype(object).fillna("-").to_numpy().tolist() == [
        ["t", "m1"], ["t", "m2"], ["t", "-"], ["u", "-"], ["-", "-"]
    ]  # fmt: skip
    managers = book.summarize_motivations(company, by="manager")  # m2 across teams is t/m2 and one more person
    second = managers[managers.motivation == "influence"]
    assert second[["manager", "suppressed"]].astype(object).fillna("-").to_numpy().tolist() == [
        ["m1", True], ["m2", True], ["-", False]
    ]  # fmt: skip
    plain = careerconv.summarize_motivations(company, by="manager")
    assert not plain["suppressed"].any()  # alone, each summary is safe; together they would not be
    assert repr(book) == "<Publication: min_group_size=5, 2 summaries, 6 rows shown, 4 hidden>"
    with pytest.raises(ValueError, match="min_group_size is at least 5"):
        careerconv.Publication(min_group_size=4)
