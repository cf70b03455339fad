"""The cost of publishing together: 50 summaries through one Publication against the same 50 made apart.

A company of 2,500 people, 10,000 records over four quarters (teams of 2 to 60 under managers, departments in a
roster). The same 50 calls (summaries of motivations by every grouping, period and day; overdue actions; grouped
tables) are made twice in one run: each on its own (the module-level functions, each a publication of one
summary), and all through one ``careerconv.Publication``, which checks every row against everything shown
before. Then the ledger is saved and opened again. Times are the best of ``--repeat`` runs.

    python benchmarks/publication.py            # 10,000 records
    python benchmarks/publication.py --quick    # 1,000 records (CI's smoke run)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import careerconv
from careerconv import Action, Conversation, GrowPlan, MotivationRanking, Person, TemplateRef

MOTIVATIONS = ("influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation")
QUARTERS = [dt.date(2026, 1, 10), dt.date(2026, 4, 10), dt.date(2026, 7, 10), dt.date(2026, 10, 10)]


def company(people: int, seed: int = 3) -> tuple[list[Conversation], dict[str, dict[str, str]]]:
    """Four records a person, one a quarter, and a roster of departments and locations."""
    rng = random.Random(seed)
    records: list[Conversation] = []
    roster: dict[str, dict[str, str]] = {}
    team = 0
    left = people
    number = 0
    while left > 0:
        size = min(left, rng.choice([2, 3, 4, 6, 8, 12, 20, 30, 45, 60]))
        left -= size
        manager = f"m{team // 3}"
        for _ in range(size):
            employee = f"e{number}"
            number += 1
            roster[employee] = {"department": f"d{team % 7}", "location": rng.choice(["Berlin", "Lisbon", "Oslo"])}
            ranking = list(MOTIVATIONS)
            rng.shuffle(ranking)
            for quarter in QUARTERS:
                day = quarter + dt.timedelta(days=rng.randrange(60))
                due = day + dt.timedelta(days=rng.randrange(10, 120))
                records.append(
                    Conversation(
                        id=f"{day}-{employee}",
                        template=TemplateRef(name="standard", version="1.0.0", locale="en"),
                        date=day,
                        employee=Person(id=employee, team=f"t{team}"),
                        manager=Person(id=manager),
                        motivations=MotivationRanking(ranking=tuple(ranking)),
                        grow=GrowPlan(will=(Action(id=f"{day}-{employee}-a1", text="Step", due=due, agreed=day),)),
                    )
                )
                i = rng.randrange(6)
                ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
        team += 1
    return records, roster


def calls(records: list[Conversation], roster: dict[str, dict[str, str]]) -> list[tuple[str, dict[str, Any]]]:
    """Fifty publishing calls: every grouping, period, day and population an HR team publishes in a year."""
    found: list[tuple[str, dict[str, Any]]] = []
    groupings: list[Any] = [
        None,
        "team",
        "manager",
        ("manager", "team"),
        "department",
        ("department", "team"),
        "location",
    ]
    for by in groupings:
        for period in (None, "Q", "M"):
            found.append(("motivations", {"data": records, "by": by, "period": period, "roster": roster}))
    for day in QUARTERS[1:]:
        for by in ("team", "manager", "department"):
            found.append(("motivations", {"data": records, "by": by, "as_of": day, "roster": roster}))
            found.append(("overdue", {"data": records, "by": by, "today": day, "roster": roster}))
    for table in ("motivations", "answers"):
        for by in ("team", "department"):
            found.append(("table", {"data": records, "table": table, "by": by, "roster": roster}))
    half = records[: len(records) // 2]
    while len(found) < 50:
        found.append(("motivations", {"data": half, "by": "team", "period": "Q", "roster": roster}))
    return found[:50]


def run(made: list[tuple[str, dict[str, Any]]], publication: careerconv.Publication | None) -> int:
    """Make every call, apart or through ``publication``; how many rows were hidden in all."""
    hidden = 0
    for kind, arguments in made:
        given = dict(arguments)
        data = given.pop("data")
        if kind == "motivations":
            make: Callable[..., Any] = (
                publication.summarize_motivations if publication else careerconv.summarize_motivations
            )
        elif kind == "overdue":
            make = publication.overdue_actions if publication else careerconv.overdue_actions
        else:
            make = publication.to_pandas if publication else careerconv.to_pandas
        frame = make(data, **given)
        hidden += int(frame["suppressed"].sum())
    return hidden


def best(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 records instead of 10,000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    people = 250 if args.quick else 2500
    records, roster = company(people)
    made = calls(records, roster)
    repeat = 1 if args.quick else args.repeat
    apart, hidden_apart = best(lambda: run(made, None), repeat)
    book = careerconv.Publication()
    together, hidden_together = best(lambda: run(made, book if repeat == 1 else careerconv.Publication()), repeat)
    if repeat != 1:
        run(made, book)
    with tempfile.TemporaryDirectory() as folder:
        ledger = Path(folder) / "ledger.json"
        saved, _ = best(lambda: book.save(ledger), repeat)
        opened, _ = best(lambda: careerconv.Publication.open(ledger), repeat)
        size = ledger.stat().st_size
    print(f"{len(records):,} records of {people:,} people, {len(made)} publishing calls")
    print("| path | time | rows hidden |")
    print("|---|---|---|")
    print(f"| 50 calls, each apart (a publication of one summary each) | {apart:.2f} s | {hidden_apart:,} |")
    print(f"| the same 50 calls through one Publication | {together:.2f} s | {hidden_together:,} |")
    print(f"| ratio, together / apart | {together / apart:.2f}x | |")
    print(f"| save the ledger ({size / 1e6:.1f} MB) | {saved:.2f} s | |")
    print(f"| open the ledger | {opened:.2f} s | |")


if __name__ == "__main__":
    main()
