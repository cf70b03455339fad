"""A generated company archive, as an analyst would meet it: teams big and small, managers, two years of records.

Every private answer and note holds a marker (``PRIVATE-MARKER-…``) that must never reach a table or output for
an audience that may not see it. Open actions are carried from record to record with their ids, and closed
in a later one, as ``start_conversation(previous=...)`` carries them.
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from careerconv import (
    Action,
    Answer,
    Conversation,
    GrowPlan,
    MotivationRanking,
    Note,
    Person,
    TemplateRef,
    action_id,
)

MOTIVATIONS = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")
#: Each team's managers and how many people each has; three small teams of 11 people in all.
TEAMS: dict[str, dict[str, int]] = {
    "platform": {"ada": 40, "bo": 28, "cy": 2},
    "payments": {"dee": 30, "eli": 30},
    "search": {"fay": 50},
    "mobile": {"gus": 25, "hal": 20},
    "data": {"ivy": 40},
    "design": {"jo": 35},
    "infra": {"kai": 30},
    "security": {"lu": 12, "max": 13},
    "support": {"ned": 34},
    "legal": {"oz": 4},
    "finance": {"pam": 3},
    "people": {"quin": 4},
}
QUARTERS = [dt.date(2025, 1, 15) + dt.timedelta(days=91 * q) for q in range(8)]
MARKER = "PRIVATE-MARKER"


def people() -> list[tuple[Person, str]]:
    """Every employee with their manager's id: 400 people."""
    found = []
    for team, managers in TEAMS.items():
        for manager, size in managers.items():
            found += [(Person(id=f"{team}-{manager}-{n}", team=team), manager) for n in range(size)]
    return found


def archive(seed: int = 7, quarters: int = 8) -> list[Conversation]:
    """About 1,600 records: each person meets their manager in most quarters; rankings drift a little."""
    rng = random.Random(seed)
    records: list[Conversation] = []
    for person, manager in people():
        ranking = list(MOTIVATIONS)
        rng.shuffle(ranking)
        previous: Conversation | None = None
        for quarter in QUARTERS[:quarters]:
            if rng.random() < 0.5 and previous is not None:
                continue
            day = quarter + dt.timedelta(days=rng.randrange(60))
            record_id = f"{day.isoformat()}-{person.id}"
            i = rng.randrange(6)
            ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
            will: list[Action] = []
            for action in previous.grow.will if previous is not None and previous.grow else ():
                if action.status != "open":
                    continue
                carried = Action(
                    id=action_id(person.id, action),
                    text=action.text,
                    due=action.due,
                    agreed=action.agreed or (previous.date if previous else None),
                )
                if rng.random() < 0.4:
                    carried = attrs.evolve(carried, status=rng.choice(["done", "dropped"]))
                will.append(carried)
            due = day + dt.timedelta(days=rng.randrange(20, 200))
            will.append(Action(id=f"{record_id}-a1", text=f"Step agreed on {day}", due=due, agreed=day))
            record = Conversation(
                id=record_id,
                template=TemplateRef(name="standard", version="1.0.0", locale="en"),
                date=day,
                employee=person,
                manager=Person(id=manager),
                answers={
                    "new-skills": Answer(text=f"Skill {rng.randrange(20)}"),
                    "team": Answer(text=f"{MARKER}-answer-{record_id}", visibility="private"),
                },
                motivations=MotivationRanking(ranking=tuple(ranking)),
                grow=GrowPlan(will=tuple(will)),
                notes=(Note(text=f"{MARKER}-note-{record_id}", visibility="private"), Note(text="Meet monthly")),
            )
            records.append(record)
            previous = record
    return records
