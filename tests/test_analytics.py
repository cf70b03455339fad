"""Tables for analysts: exact columns, types and rows; checked grouping; summaries of records and of tables."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable

import attrs
import pandas as pd
import pytest

import careerconv
from careerconv import (
    Action,
    Answer,
    Conversation,
    Goal,
    GrowPlan,
    MotivationRanking,
    Note,
    Option,
    Person,
    TemplateRef,
)
from tests.archive import archive

COMMON = ["conversation", "employee", "team", "manager", "date", "template", "template_version", "locale"]
ORDER = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")  # the template's


def record(
    n: int, team: str, ranking: tuple[str, ...], day: dt.date = dt.date(2026, 11, 1), manager: str = "sam"
) -> Conversation:
    return Conversation(
        id=f"r{n}-{day}",
        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=day,
        employee=Person(id=f"p{n}", team=team),
        manager=Person(id=manager),
        answers={
            "team": Answer(text="Good", visibility="private"),
            "new-skills": Answer(text="Rust"),
        },
        motivations=MotivationRanking(ranking=ranking),
        grow=GrowPlan(
            goal=Goal(statement="Lead a team", by=dt.date(2028, 1, 31)),
            options=(Option(text="Mentor", chosen=True), Option(text="Course")),
            will=(Action(text="Course", due=dt.date(2027, 1, 31)), Action(text="Book", status="done")),
        ),
        notes=(Note(text="x"), Note(text="secret", visibility="private")),
    )


def values(frame: pd.DataFrame) -> list[list[object]]:
    """The frame's rows, dates as dates and missing values as None, for exact comparison."""
    out = []
    for row in frame.astype(object).to_numpy().tolist():
        out.append(
            [
                None if v is pd.NA or v is pd.NaT or v != v else v.date() if isinstance(v, pd.Timestamp) else v
                for v in row
            ]
        )
    return out


# --------------------------------------------------------------------------------------------- tables


def test_answers_table_has_the_question_its_section_and_text() -> None:
    frame = careerconv.to_pandas([record(1, "platform", ("mastery", "autonomy"))], "answers")
    assert list(frame.columns) == [*COMMON, "section", "question", "question_text", "text", "value", "visibility"]
    assert values(frame) == [
        ["r1-2026-11-01", "p1", "platform", "sam", dt.date(2026, 11, 1), "standard", "1.0.0", "en", "short-term",
         "new-skills", "What new skills would you like to develop?", "Rust", None, "shared"]
    ]  # fmt: skip
    assert {
        c: str(frame[c].dtype) for c in ("team", "manager", "template", "locale", "section", "visibility")
    } == dict.fromkeys(("team", "manager", "template", "locale", "section", "visibility"), "category")
    assert frame.attrs["identifies_people"] is True
    managers = careerconv.to_pandas([record(1, "platform", ("mastery",))], "answers", audience="manager")
    assert managers["question"].tolist() == ["team", "new-skills"]


def test_motivations_are_ordered_as_in_the_template_and_position_is_a_column() -> None:
    ranks = careerconv.to_pandas(
        [record(1, "platform", ("mastery", "autonomy", "meaning", "influence"))], "motivations"
    )
    assert list(ranks.columns) == [*COMMON, "motivation", "position", "top3"]
    assert ranks[["motivation", "position", "top3"]].to_numpy().tolist() == [
        ["mastery", 1, True],
        ["autonomy", 2, True],
        ["meaning", 3, True],
        ["influence", 4, False],
    ]
    assert ranks["motivation"].cat.ordered
    assert list(ranks["motivation"].cat.categories) == list(ORDER)
    assert ranks[ranks.position <= 3]["motivation"].tolist() == ["mastery", "autonomy", "meaning"]  # not DataFrame.rank
    assert ranks.sort_values("motivation")["motivation"].tolist() == ["influence", "mastery", "autonomy", "meaning"]


def test_the_actions_table_has_each_action_once_in_its_latest_state() -> None:
    first = (
        careerconv.start_conversation(careerconv.get_template("standard"), employee="alex", date=dt.date(2026, 1, 10))
        .action("Mentor Kim", due=dt.date(2026, 6, 30))
        .action("Read", due=dt.date(2026, 2, 1))
        .record
    )
    second = (
        careerconv.start_conversation(
            careerconv.get_template("standard"), employee="alex", date=dt.date(2026, 5, 4), previous=first
        )
        .close_action("2026-01-10-alex-a2")
        .action("Course")
        .record
    )
    frame = careerconv.to_pandas([second, first], "actions")
    assert list(frame.columns) == [*COMMON, "action_id", "action", "owner", "agreed", "due", "status", "records"]
    assert values(frame[["conversation", "action_id", "action", "agreed", "due", "status", "records"]]) == [
        ["2026-05-04-alex", "2026-01-10-alex-a1", "Mentor Kim", dt.date(2026, 1, 10), dt.date(2026, 6, 30), "open", 2],
        ["2026-05-04-alex", "2026-01-10-alex-a2", "Read", dt.date(2026, 1, 10), dt.date(2026, 2, 1), "done", 2],
        ["2026-05-04-alex", "2026-05-04-alex-a1", "Course", dt.date(2026, 5, 4), None, "open", 1],
    ]
    assert list(frame["status"].cat.categories) == ["open", "done", "dropped"]


def test_goals_options_and_notes_tables_follow_the_audience() -> None:
    rec = record(1, "platform", ("mastery",))
    goals = careerconv.to_pandas([rec], "goals")
    assert values(goals[["employee", "goal", "success", "goal_date"]]) == [
        ["p1", "Lead a team", None, dt.date(2028, 1, 31)]
    ]
    options = careerconv.to_pandas([rec], "options")
    assert options[["option", "chosen"]].to_numpy().tolist() == [["Mentor", True], ["Course", False]]
    assert careerconv.to_pandas([rec], "notes")[["note", "visibility"]].to_numpy().tolist() == [["x", "shared"]]
    assert careerconv.to_pandas([rec], "notes", audience="hr")["note"].tolist() == ["x"]
    assert careerconv.to_pandas([rec], "notes", audience="manager")["note"].tolist() == ["x", "secret"]
    wrong = (
        "unknown table 'note': expected answers, motivations, actions, goals, options or notes; did you mean 'notes'?"
    )
    with pytest.raises(ValueError, match=re.escape(wrong)):
        careerconv.to_pandas([], "note")  # type: ignore[arg-type]


def test_a_grouped_table_suppresses_small_groups_and_their_complement() -> None:
    """Alone, a grouped table shows no total: only the small group is hidden. Published with a total through one
    Publication, the smallest other group is hidden with it, or the total minus the groups would give it."""
    records = [record(n, "platform", ("mastery",)) for n in range(6)]
    records += [record(n, "payments", ("mastery",)) for n in range(10, 15)]
    records += [record(n, "tiny", ("mastery",)) for n in range(20, 22)]
    alone = careerconv.to_pandas(records, "motivations", by="team")
    assert alone.loc[alone.suppressed, "team"].tolist() == ["tiny"]
    publication = careerconv.Publication()
    assert not publication.summarize_motivations(records, by=None)["suppressed"].any()
    frame = publication.to_pandas(records, "motivations", by="team")
    assert list(frame.columns) == ["team", "motivation", "position", "top3", "suppressed"]
    assert values(frame) == [
        *[["platform", "mastery", 1, True, False]] * 6,
        ["payments", None, None, None, True],
        ["tiny", None, None, None, True],
    ]
    assert publication.audit()[["row", "reason"]].to_numpy().tolist() == [
        ["payments", "earlier row"],  # with the total shown before, it would give tiny away
        ["tiny", "small group"],
    ]
    assert frame.attrs == {"identifies_people": False, "suppressed_groups": 2}
    pivot = frame.pivot_table(index="team", values="suppressed", aggfunc="max", observed=True)
    assert pivot["suppressed"].to_dict() == {"payments": True, "platform": False, "tiny": True}  # survives a pivot
    notes = careerconv.to_pandas(records, "notes", by="team")  # free text: groups of 10
    assert notes[["team", "suppressed"]].to_numpy().tolist() == [["payments", True], ["platform", True], ["tiny", True]]
    for table, floor in (("notes", 10), ("motivations", 5)):
        with pytest.raises(ValueError, match=f"min_group_size is at least {floor}"):
            careerconv.to_pandas(records, table, by="team", min_group_size=floor - 1)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------- grouping


def test_grouping_is_checked() -> None:
    records = [record(n, "platform", ORDER) for n in range(5)]
    teams = "unknown by 'teams': expected team, manager or template; did you mean 'team'?"
    calls: list[Callable[[], object]] = [
        lambda: careerconv.summarize_motivations(records, by="teams"),
        lambda: careerconv.to_pandas(records, "motivations", by="teams"),
        lambda: careerconv.overdue_actions(records, by="teams"),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=re.escape(teams)):
            call()
    with pytest.raises(ValueError, match=re.escape("unknown by 'quarter': expected team, manager or template")):
        careerconv.summarize_motivations(records, by="quarter")
    with pytest.raises(ValueError, match=re.escape("unknown period 'q': expected M, Q or Y; did you mean 'Q'?")):
        careerconv.summarize_motivations(records, period="q")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=re.escape("by names a key twice: team, team")):
        careerconv.summarize_motivations(records, by=("team", "team"))
    with pytest.raises(ValueError, match="min_group_size is at least 5"):
        careerconv.summarize_motivations(records, min_group_size=3)


def test_everyone_together_several_keys_and_periods() -> None:
    early, late = dt.date(2026, 2, 1), dt.date(2026, 5, 1)
    records = [record(n, "platform", ORDER, early, manager="sam") for n in range(6)]
    records += [record(n, "platform", ORDER[::-1], late, manager="sam") for n in range(3)]  # three re-rank in Q2
    records += [record(n, "search", ORDER, early, manager="kim") for n in range(10, 16)]
    everyone = careerconv.summarize_motivations(records, by=None)
    assert list(everyone.columns) == ["total", "motivation", "people", "mean_position", "top3_share", "suppressed"]
    assert values(everyone[everyone.motivation == "influence"]) == [[True, "influence", 12, 2.5, 0.75, False]]
    nested = careerconv.summarize_motivations(records, by=("team", "manager"))
    assert values(nested[nested.motivation == "influence"][["team", "manager", "total", "people"]]) == [
        ["platform", "sam", False, 6],
        ["platform", None, True, 6],
        ["search", "kim", False, 6],
        ["search", None, True, 6],
        [None, None, True, 12],
    ]
    quarters = careerconv.summarize_motivations(records, period="Q")
    influence = quarters[quarters.motivation == "influence"]
    assert list(quarters.columns)[:3] == ["period", "team", "total"]
    assert values(influence[["period", "team", "total", "people", "mean_position", "suppressed"]]) == [
        ["2026Q1", "platform", False, 6, 1.0, False],
        ["2026Q1", "search", False, 6, 1.0, False],
        ["2026Q1", None, True, 12, 1.0, False],
        ["2026Q2", "platform", False, None, None, True],
        ["2026Q2", None, True, None, None, True],
    ]
    before = careerconv.summarize_motivations(records, by=None, as_of=dt.date(2026, 3, 1))
    assert before[before.motivation == "influence"]["mean_position"].tolist() == [1.0]
    undated = [attrs.evolve(records[0], date=None)]
    with pytest.raises(
        ValueError, match=re.escape("1 record(s) have no date: a breakdown by period needs every record dated")
    ):
        careerconv.summarize_motivations(undated, period="Y")


def test_summaries_of_tables_equal_summaries_of_records() -> None:
    records = archive(quarters=4)
    table = careerconv.to_pandas(records, "motivations")
    for by in ("team", ("team", "manager"), None):
        pd.testing.assert_frame_equal(
            careerconv.summarize_motivations(table, by=by), careerconv.summarize_motivations(records, by=by)
        )
    top = careerconv.summarize_motivations(table[table.position <= 3], by="team")  # a filtered table
    assert set(top["motivation"]) == set(ORDER)
    actions = careerconv.to_pandas(records, "actions")
    day = dt.date(2026, 1, 1)
    from_table = careerconv.overdue_actions(actions, by="team", today=day)
    from_records = careerconv.overdue_actions(records, by="team", today=day)
    assert from_table["overdue_actions"].tolist() == from_records["overdue_actions"].tolist()
    grouped = careerconv.to_pandas(records, "motivations", by="team")
    wrong = "a summary needs the row-level motivations table of to_pandas (without by): the table given has no "
    with pytest.raises(ValueError, match=re.escape(wrong + "conversation, employee, date column")):
        careerconv.summarize_motivations(grouped)


def test_overdue_actions_count_each_action_once_in_its_latest_state() -> None:
    records = archive()
    day = dt.date(2026, 9, 30)
    table = careerconv.to_pandas([r for r in records if r.date is not None and r.date <= day], "actions")
    every_row = sum(
        1
        for r in records
        if r.date and r.date <= day and r.grow
        for a in r.grow.will
        if a.status == "open" and a.due and a.due < day
    )
    latest = int(((table.status == "open") & (table.due < pd.Timestamp(day))).sum())
    assert every_row > 2 * latest  # the trap the actions table used to set: carried actions counted again
    summary = careerconv.overdue_actions(records, by=None, today=day)
    assert summary["overdue_actions"].tolist() == [latest]
    assert summary["people"].tolist() == [400]


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'careerconv\[pandas\]'"):
        careerconv.to_pandas([], "answers")
    with pytest.raises(ImportError, match=r"careerconv\[pandas\]"):
        careerconv.summarize_motivations([])
