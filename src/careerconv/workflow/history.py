"""The records of one employee over time: motivation shifts, actions carried over, actions overdue."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator

import attrs

from careerconv.model import Action, Conversation, MotivationRanking, Person

__all__ = ["History", "MotivationShift", "Move", "OverdueAction", "motivation_shift"]

TOP = 3


@attrs.frozen(kw_only=True)
class Move:
    """Where one motivation stood in two rankings (1 is the most important); ``change`` > 0 moved up.

    Examples:
        >>> move = Move(motivation="mastery", before=3, after=1)
        >>> move.change, str(move)
        (2, 'mastery: up 2 (3 → 1)')
    """

    motivation: str
    before: int
    after: int

    @property
    def change(self) -> int:
        """Places moved up (positive) or down (negative)."""
        return self.before - self.after

    @property
    def left_top(self) -> bool:
        """Whether the motivation was in the top 3 (`TOP`) and is no longer: worth a conversation."""
        return self.before <= TOP < self.after

    def __str__(self) -> str:
        """``mastery: up 2 (3 → 1)``, ``compensation: down 1 (4 → 5)``, ``meaning: no change (2)``."""
        if self.change == 0:
            return f"{self.motivation}: no change ({self.after})"
        way = "up" if self.change > 0 else "down"
        return f"{self.motivation}: {way} {abs(self.change)} ({self.before} → {self.after})"


@attrs.frozen(kw_only=True)
class MotivationShift:
    """How a ranking changed between two records, with a warning for each motivation that left the top 3.

    Examples:
        >>> from careerconv import MotivationRanking
        >>> shift = motivation_shift(MotivationRanking(ranking=("mastery", "autonomy", "meaning", "influence")),
        ...                          MotivationRanking(ranking=("autonomy", "meaning", "influence", "mastery")))
        >>> shift.moves[0], shift.warnings
        (Move(motivation='autonomy', before=2, after=1), ('mastery left the top 3 (1 → 4)',))
    """

    before: str
    after: str
    moves: tuple[Move, ...]
    warnings: tuple[str, ...]


def motivation_shift(
    before: MotivationRanking,
    after: MotivationRanking,
    *,
    labels: tuple[str, str] = ("before", "after"),
) -> MotivationShift:
    """Compare two rankings: each motivation's move, in the order of ``after``; warnings for the top 3.

    Motivations ranked only once are left out of the moves.

    Examples:
        >>> from careerconv import MotivationRanking
        >>> old = MotivationRanking(ranking=("mastery", "autonomy", "meaning", "influence"))
        >>> new = MotivationRanking(ranking=("autonomy", "influence", "meaning", "mastery"))
        >>> shift = motivation_shift(old, new)
        >>> [str(m) for m in shift.moves]
        ['autonomy: up 1 (2 → 1)', 'influence: up 2 (4 → 2)', 'meaning: no change (3)', 'mastery: down 3 (1 → 4)']
        >>> shift.warnings
        ('mastery left the top 3 (1 → 4)',)
    """
    old = {m: n for n, m in enumerate(before.ranking, 1)}
    moves = tuple(Move(motivation=m, before=old[m], after=n) for n, m in enumerate(after.ranking, 1) if m in old)
    warnings = tuple(
        f"{move.motivation} left the top {TOP} ({move.before} → {move.after})"
        for move in sorted(moves, key=lambda m: m.before)
        if move.left_top
    )
    return MotivationShift(before=labels[0], after=labels[1], moves=moves, warnings=warnings)


@attrs.frozen(kw_only=True)
class OverdueAction:
    """An open action whose due date has passed, with the record it was agreed in.

    Examples:
        >>> import datetime
        >>> from careerconv import Action
        >>> action = Action(text="Mentor Kim", due=datetime.date(2027, 3, 31))
        >>> late = OverdueAction(record="r1", action=action, days_late=9)
        >>> late.record, late.action.due, late.days_late
        ('r1', datetime.date(2027, 3, 31), 9)
    """

    record: str
    action: Action
    days_late: int


class History:
    """The records of one employee, in date order.

    Examples:
        >>> import datetime as dt
        >>> from careerconv import Action, Conversation, GrowPlan, MotivationRanking, Person, TemplateRef
        >>> def record(day, ranking, will=()):
        ...     return Conversation(id=f"r{day}", template=TemplateRef(name="standard"),
        ...         date=dt.date(2026, day, 1), employee=Person(id="alex"),
        ...         motivations=MotivationRanking(ranking=ranking), grow=GrowPlan(will=will))
        >>> history = History([
        ...     record(6, ("autonomy", "mastery", "meaning", "influence"),
        ...            (Action(text="Course", due=dt.date(2026, 6, 20)),)),
        ...     record(1, ("mastery", "autonomy", "meaning", "influence")),
        ... ])
        >>> [r.id for r in history], history.shifts()[0].warnings
        (['r1', 'r6'], ())
        >>> [(o.record, o.days_late) for o in history.overdue(today=dt.date(2026, 6, 30))]
        [('r6', 10)]
    """

    def __init__(self, records: Iterable[Conversation]) -> None:
        """Order ``records`` by date; they must all be of one employee and dated."""
        ordered = list(records)
        if not ordered:
            raise ValueError("a history needs at least one record")
        people = sorted({r.employee.id for r in ordered})
        if len(people) > 1:
            raise ValueError(f"a history is of one employee; these records are of {', '.join(people)}")
        undated = [r.id for r in ordered if r.date is None]
        if undated:
            raise ValueError(f"records in a history need a date; these have none: {', '.join(undated)}")
        self.records: tuple[Conversation, ...] = tuple(sorted(ordered, key=lambda r: (r.date, r.id)))

    def __iter__(self) -> Iterator[Conversation]:
        """The records, oldest first."""
        return iter(self.records)

    def __repr__(self) -> str:
        """Whose history, how many records and from when to when; nothing anyone wrote.

        Examples:
            >>> import datetime as dt
            >>> from careerconv import Conversation, Person, TemplateRef
            >>> History([Conversation(id="r1", template=TemplateRef(name="standard"), date=dt.date(2026, 1, 5),
            ...     employee=Person(id="alex"))])
            History(employee='alex', records=1, from=2026-01-05, to=2026-01-05)
        """
        first, last = self.records[0].date, self.records[-1].date
        employee = self.records[0].employee.id
        return f"History(employee={employee!r}, records={len(self.records)}, from={first}, to={last})"

    def __len__(self) -> int:
        """How many records."""
        return len(self.records)

    @property
    def employee(self) -> Person:
        """The employee, as the latest record names them."""
        return self.records[-1].employee

    @property
    def latest(self) -> Conversation:
        """The most recent record."""
        return self.records[-1]

    def ranked(self) -> list[Conversation]:
        """The records that rank the motivations, oldest first (a record ``careerconv new`` wrote has none yet).

        Examples:
            >>> import datetime as dt
            >>> from careerconv import Conversation, MotivationRanking, Person, TemplateRef
            >>> def record(day, ranking):
            ...     return Conversation(id=f"r{day}", template=TemplateRef(name="standard"),
            ...         date=dt.date(2026, day, 1), employee=Person(id="alex"),
            ...         motivations=MotivationRanking(ranking=ranking))
            >>> [r.id for r in History([record(1, ("mastery", "order")), record(6, ())]).ranked()]
            ['r1']
        """
        return [r for r in self.records if r.motivations is not None and r.motivations.ranking]

    def shifts(self) -> list[MotivationShift]:
        """The motivation shift between each two consecutive records that both have a ranking."""
        ranked = self.ranked()
        return [
            motivation_shift(a.motivations, b.motivations, labels=(a.id, b.id))  # type: ignore[arg-type]
            for a, b in itertools.pairwise(ranked)
        ]

    def open_actions(self) -> tuple[Action, ...]:
        """The actions still open in the latest record: what the next conversation starts from."""
        return self.latest.grow.open_actions if self.latest.grow else ()

    def overdue(self, today: dt.date | None = None) -> list[OverdueAction]:
        """Open actions of the latest record whose due date is before ``today`` (default: today).

        Only the latest record counts: an action of an earlier record was either carried into a later one
        or left behind on purpose.
        """
        day = today or dt.date.today()  # noqa: DTZ011 - due dates are local days
        latest = self.latest
        return [
            OverdueAction(record=latest.id, action=action, days_late=(day - action.due).days)
            for action in self.open_actions()
            if action.due is not None and action.due < day
        ]
