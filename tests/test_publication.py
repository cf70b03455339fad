"""A Publication across summaries, tables, days and quarters: rosters, a ledger saved and opened, the audit.

The exact attacker (``tests/attacker.py``) judges what one publication shows; these tests pin the behaviour a
user sees: which rows are hidden and why, what a roster groups by, what the ledger file holds, and the
mistakes a caller can make, each with its message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

import careerconv
from careerconv import Conversation, MotivationRanking, Person, TemplateRef

ORDER = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")


def ranked(n: int, team: str, day: dt.date = dt.date(2026, 11, 2), manager: str = "sam") -> Conversation:
    turn = n % 7
    return Conversation(
        id=f"{day}-p{n}",
        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=day,
        employee=Person(id=f"p{n}", team=team),
        manager=Person(id=manager),
        motivations=MotivationRanking(ranking=ORDER[turn:] + ORDER[:turn]),
    )


def shown(summary: pd.DataFrame, *keys: str) -> list[list[object]]:
    """The rows of one motivation, as ``[key values..., suppressed]``, missing values as ``-``."""
    rows = summary[summary.motivation == "influence"][[*keys, "suppressed"]]
    return rows.astype(object).fillna("-").to_numpy().tolist()  # type: ignore[no-any-return]


COMPANY = [ranked(n, "platform") for n in range(12)] + [ranked(n, "search", manager="kim") for n in range(12, 20)]
ROSTER = {
    **{f"p{n}": {"department": "engineering", "location": "Berlin"} for n in range(8)},
    **{f"p{n}": {"department": "engineering", "location": "Lisbon"} for n in range(8, 16)},
    **{f"p{n}": {"department": "product", "location": "Lisbon"} for n in range(16, 20)},
}


# ----------------------------------------------------------------------------------------------- roster


def test_a_roster_groups_by_its_columns_as_a_mapping_a_frame_or_a_csv(tmp_path: Path) -> None:
    frame = pd.DataFrame([{"employee": k, **v} for k, v in ROSTER.items()])
    csv = tmp_path / "roster.csv"
    frame.to_csv(csv, index=False)
    expected = [
        ["engineering", "Berlin", True],  # with engineering, the total minus Lisbon would give product
        ["engineering", "Lisbon", False],
        ["engineering", "-", True],  # the total minus engineering would give product
        ["product", "Lisbon", True],  # 4 people
        ["product", "-", True],
        ["-", "-", False],
    ]
    for roster in (ROSTER, frame, csv, str(csv), careerconv.Roster.read(csv)):
        summary = careerconv.summarize_motivations(COMPANY, by=("department", "location"), roster=roster)
        assert shown(summary, "department", "location") == expected
    assert careerconv.Roster.of(ROSTER).columns == ("department", "location")


def test_a_roster_column_named_team_takes_the_records_place() -> None:
    roster = {f"p{n}": {"team": "one" if n < 10 else "two"} for n in range(20)}
    summary = careerconv.summarize_motivations(COMPANY, by="team", roster=roster)
    assert shown(summary, "team") == [["one", False], ["two", False], ["-", False]]
    overdue = careerconv.overdue_actions(COMPANY, by="team", roster=roster, today=dt.date(2026, 12, 1))
    assert overdue[["team", "people"]].astype(object).fillna("-").to_numpy().tolist() == [
        ["one", 10], ["two", 10], ["-", 20]
    ]  # fmt: skip


def test_people_missing_from_the_roster_are_problems_per_on_error() -> None:
    roster = {k: v for k, v in ROSTER.items() if k not in ("p3", "p17")}
    with pytest.raises(careerconv.ValidationError) as raised:
        careerconv.summarize_motivations(COMPANY, by="department", roster=roster)
    assert [str(p) for p in raised.value.problems] == [
        "2026-11-02-p3: $.employee.id: employee 'p3' is not in the roster [not-in-roster]",
        "2026-11-02-p17: $.employee.id: employee 'p17' is not in the roster [not-in-roster]",
    ]
    skipped = careerconv.summarize_motivations(COMPANY, by="department", roster=roster, on_error="skip")
    assert "problems" not in skipped.attrs
    assert skipped[skipped.motivation == "influence"]["people"].tolist()[-1] == 18
    collected = careerconv.overdue_actions(COMPANY, by="department", roster=roster, on_error="collect")
    assert [p.code for p in collected.attrs["problems"]] == ["not-in-roster", "not-in-roster"]
    table = careerconv.to_pandas(COMPANY, "motivations", by="department", roster=roster, on_error="collect")
    assert len(table.attrs["problems"]) == 2


def test_roster_mistakes_are_clear() -> None:
    with pytest.raises(ValueError, match=r"unknown by 'departmnt': .*did you mean 'department'\?"):
        careerconv.summarize_motivations(COMPANY, by="departmnt", roster=ROSTER)
    with pytest.raises(ValueError, match=r"unknown by 'department': expected team, manager or template"):
        careerconv.summarize_motivations(COMPANY, by="department")  # no roster: no such key
    with pytest.raises(careerconv.ValidationError) as raised:
        careerconv.Roster.of(pd.DataFrame([{"id": "p1", "department": "x"}]))
    assert [str(p) for p in raised.value.problems] == [
        "the roster: $: a roster needs an 'employee' column: each employee's id [invalid-roster]"
    ]
    with pytest.raises(careerconv.ValidationError) as raised:
        careerconv.Roster.of(pd.DataFrame([{"employee": "p1"}, {"employee": "p1"}, {"employee": ""}]))
    assert [p.message for p in raised.value.problems] == ["employee 'p1' is there twice", "no employee id"]
    with pytest.raises(TypeError, match="a roster is a CSV file's path, a pandas DataFrame or a mapping"):
        careerconv.summarize_motivations(COMPANY, roster=42)  # type: ignore[arg-type]


def test_months_are_a_period() -> None:
    records = [ranked(n, "platform", dt.date(2026, 10, 5)) for n in range(6)]
    records += [ranked(n, "platform", dt.date(2026, 11, 9)) for n in range(6)]
    summary = careerconv.summarize_motivations(records, by=None, period="M")
    assert summary[summary.motivation == "influence"][["period", "total", "people"]].to_numpy().tolist() == [
        ["2026-10", True, 6],
        ["2026-11", True, 6],
    ]


# ----------------------------------------------------------------------------------- across summaries


def test_a_team_by_manager_minus_the_teams_is_hidden() -> None:
    """Attack 1 of the issue: a manager's row minus the team rows shown gave a small team back."""
    records = [ranked(n, "big", manager="ann") for n in range(20)] + [
        ranked(n, "small", manager="ann") for n in range(20, 23)
    ]
    records += [ranked(n, "other", manager="bo") for n in range(23, 40)]
    publication = careerconv.Publication()
    teams = publication.summarize_motivations(records, by="team")
    assert shown(teams, "team") == [["big", False], ["other", True], ["small", True], ["-", False]]
    managers = publication.summarize_motivations(records, by="manager")
    assert shown(managers, "manager") == [["ann", True], ["bo", True], ["-", False]]  # ann - big was small
    audit = publication.audit()
    assert audit[["summary", "row", "reason"]].to_numpy().tolist() == [
        [0, "other", "complement"],
        [0, "small", "small group"],
        [1, "ann", "earlier row"],
        [1, "bo", "earlier row"],  # the total minus bo, less big shown before, would be small
    ]
    assert audit["what"].tolist() == [
        *["summarize_motivations(by=('team',))"] * 2,
        *["summarize_motivations(by=('manager',))"] * 2,
    ]


def test_the_same_people_on_another_day_are_hidden_when_one_of_them_changed() -> None:
    """Attack 3: as of last month, then today, one person re-ranked in between."""
    records = [ranked(n, "t", dt.date(2026, 10, 1)) for n in range(8)]
    publication = careerconv.Publication()
    before = publication.summarize_motivations(records, by=None, as_of=dt.date(2026, 10, 31))
    records.append(ranked(3, "t", dt.date(2026, 11, 15)))  # p3 re-ranks: another record of the same person
    after = publication.summarize_motivations(records, by=None)
    assert shown(before, "total") == [[True, False]]
    assert shown(after, "total") == [[True, True]]
    assert publication.audit()["reason"].tolist() == ["earlier row"]
    assert publication.summarize_motivations(records, by=None, as_of=dt.date(2026, 10, 31))["suppressed"].sum() == 0


def test_a_grouped_table_goes_through_the_publication() -> None:
    """Attack 7: answers by manager minus answers by team gave a small team's answers."""
    records = [
        Conversation(
            id=f"r{n}",
            template=TemplateRef(name="standard"),
            employee=Person(id=f"p{n}", team="big" if n < 12 else "small"),
            manager=Person(id="ann"),
            answers={"team": careerconv.Answer(text=f"answer {n}")},
        )
        for n in range(16)
    ]
    publication = careerconv.Publication()
    by_manager = publication.to_pandas(records, "answers", by="manager")
    assert not by_manager["suppressed"].any()
    by_team = publication.to_pandas(records, "answers", by="team")
    assert sorted(by_team.loc[by_team.suppressed, "team"]) == ["big", "small"]
    with pytest.raises(ValueError, match="a publication shows tables across people only: give by"):
        publication.to_pandas(records, "answers", by=None)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ the ledger


def test_a_ledger_is_saved_private_and_opened_to_go_on(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    first = careerconv.Publication.open(path)  # a new one: the file does not exist yet
    first.summarize_motivations(COMPANY, by="team")
    first.save(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert not [name for name in ("p1", "p12", "2026-11-02") if f'"{name}' in text]  # ids as keyed hashes only
    again = careerconv.Publication.open(path)
    assert repr(again) == repr(first) == "<Publication: min_group_size=5, 1 summary, 3 rows shown, 0 hidden>"
    less = again.summarize_motivations(COMPANY[1:], by="team")  # platform less one person
    assert shown(less, "team") == [["platform", True], ["search", False], ["-", True]]  # search: as before
    assert again.audit()[["row", "reason"]].to_numpy().tolist() == [
        ["platform", "earlier row"],
        ["everyone", "earlier row"],
    ]


def test_a_ledger_that_cannot_be_used_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ledger.json"
    careerconv.Publication().save(path)
    with pytest.raises(careerconv.ValidationError) as raised:
        careerconv.Publication.open(path, min_group_size=6)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}: $: not a usable ledger: the ledger was kept with min_group_size=5, not 6: open it with the "
        "minimum it was kept with, or start a new ledger [invalid-ledger]"
    ]
    for text, reason in [
        ("{", "not JSON"),
        ("[]", "not a publication ledger"),
        (json.dumps({**json.loads(path.read_text()), "units": [[1, 2, 3]]}), "a unit that is not three hashes"),
        (json.dumps({**json.loads(path.read_text()), "secret": "%%"}), "a corrupt ledger (Error)"),
    ]:
        path.write_text(text)
        with pytest.raises(careerconv.ValidationError) as raised:
            careerconv.Publication.open(path)
        assert [p.message for p in raised.value.problems] == [f"not a usable ledger: {reason}"]


# --------------------------------------------------------------------------------------- rough edges


def test_a_summary_says_what_to_pass() -> None:
    with pytest.raises(TypeError, match=r"takes records, not a path: load them first"):
        careerconv.summarize_motivations("records/")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"takes records, not a path: load them first"):
        careerconv.to_pandas("records.jsonl")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"found Series among them"):
        careerconv.summarize_motivations([row for _, row in careerconv.to_pandas(COMPANY, "motivations").iterrows()])  # type: ignore[misc]
    arrow = careerconv.to_arrow(COMPANY, "motivations")  # an Arrow table is turned into pandas
    from_arrow = careerconv.summarize_motivations(arrow, by="team")  # type: ignore[arg-type]
    assert from_arrow.equals(careerconv.summarize_motivations(COMPANY))


def test_the_grand_total_of_everyone_is_a_total() -> None:
    summary = careerconv.summarize_motivations(COMPANY, by=None)
    assert summary["total"].all()
