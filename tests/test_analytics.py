"""Tables for analysts: exact columns and rows, the latest ranking per person, pandas as an optional extra."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

import careerconv
from careerconv import Action, Answer, Conversation, GrowPlan, MotivationRanking, Note, Person, TemplateRef

COMMON = ["conversation", "employee", "team", "manager", "date", "template", "template_version", "locale"]


def record(n: int, team: str, ranking: tuple[str, ...], day: dt.date = dt.date(2026, 11, 1)) -> Conversation:
    return Conversation(
        id=f"r{n}",
        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        date=day,
        employee=Person(id=f"p{n}", team=team),
        manager=Person(id="sam"),
        answers={
            "team": Answer(text="Good", visibility="private"),
            "new-skills": Answer(text="Rust"),
        },
        motivations=MotivationRanking(ranking=ranking),
        grow=GrowPlan(will=(Action(text="Course", due=dt.date(2027, 1, 31)), Action(text="Book", status="done"))),
        notes=(Note(text="x"),),
    )


def test_answers_table() -> None:
    frame = careerconv.to_pandas([record(1, "platform", ("mastery", "autonomy"))], "answers")
    assert list(frame.columns) == [*COMMON, "question", "text", "value", "visibility"]
    assert frame.drop(columns=["value", "date"]).values.tolist() == [
        ["r1", "p1", "platform", "sam", "standard", "1.0.0", "en", "new-skills", "Rust", "shared"]
    ]
    assert frame["value"].isna().tolist() == [True]
    assert [d.date() for d in frame["date"]] == [dt.date(2026, 11, 1)]
    managers = careerconv.to_pandas([record(1, "platform", ("mastery",))], "answers", audience="manager")
    assert managers["question"].tolist() == ["team", "new-skills"]


def test_motivations_and_actions_tables() -> None:
    ranks = careerconv.to_pandas(
        [record(1, "platform", ("mastery", "autonomy", "meaning", "influence"))], "motivations"
    )
    assert list(ranks.columns) == [*COMMON, "motivation", "rank", "top3"]
    assert ranks[["motivation", "rank", "top3"]].values.tolist() == [
        ["mastery", 1, True],
        ["autonomy", 2, True],
        ["meaning", 3, True],
        ["influence", 4, False],
    ]
    actions = careerconv.to_pandas([record(1, "platform", ())], "actions")
    assert list(actions.columns) == [*COMMON, "action", "owner", "due", "status"]
    assert actions[["action", "owner", "status"]].values.tolist() == [
        ["Course", "employee", "open"],
        ["Book", "employee", "done"],
    ]
    assert str(actions["due"].dtype).startswith("datetime64")
    assert careerconv.to_pandas([], "actions").columns.tolist() == [*COMMON, "action", "owner", "due", "status"]
    with pytest.raises(ValueError, match="unknown table 'notes'"):
        careerconv.to_pandas([], "notes")  # type: ignore[arg-type]


def test_summary_uses_each_persons_latest_ranking() -> None:
    old = ("authority", "mastery", "autonomy")
    new = ("mastery", "autonomy", "authority")
    records = [record(n, "platform", new, dt.date(2026, 11, 1)) for n in range(5)]
    records += [record(n, "platform", old, dt.date(2026, 1, 1)) for n in range(5)]
    summary = careerconv.summarize_motivations(records, by="team")
    assert summary.values.tolist() == [
        ["platform", "mastery", 5, 1.0, 1.0],
        ["platform", "autonomy", 5, 2.0, 1.0],
        ["platform", "authority", 5, 3.0, 1.0],
    ]
    by_manager = careerconv.summarize_motivations(records, by="manager")
    assert by_manager["manager"].tolist() == ["sam", "sam", "sam"]


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'careerconv\[pandas\]'"):
        careerconv.to_pandas([], "answers")
    with pytest.raises(ImportError, match=r"careerconv\[pandas\]"):
        careerconv.summarize_motivations([])
