"""Summaries for readers who do not hold the records: motivations and overdue actions, per group.

Every summary is built the same way. Each person counts once per group (their latest record as of a day, per
period when asked); the groups and their subtotals, down to the grand total, are rows; and
:func:`~careerconv.analytics.disclosure.protect` decides which rows to hide, so that no group of fewer than
``min_group_size`` people can be read or worked out by adding and subtracting the rows shown. A hidden row
stays in the frame, marked ``suppressed``, its figures empty: what was hidden survives a ``pivot`` or a
filter, as data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from careerconv.analytics.disclosure import Key, protect, rows_of
from careerconv.analytics.grouping import (
    Dated,
    Grouping,
    Period,
    check_by,
    check_minimum,
    check_period,
    group_value,
    latest,
    moment,
)
from careerconv.analytics.tables import action_states, frame_of, motivation_order, pandas_module
from careerconv.model import Conversation
from careerconv.workflow.history import TOP

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MIN_GROUP", "Publication", "overdue_actions", "summarize_motivations"]

#: The smallest group a summary may show, and the smallest ``min_group_size`` it takes.
MIN_GROUP = 5

T = TypeVar("T")


def _published(
    units: Sequence[tuple[Key, Hashable, T]],
    minimum: int,
    top: int,
    figures: Callable[[list[T]], dict[str, Any]],
    columns: Sequence[str],
    publication: Publication | None,
) -> list[dict[str, Any]]:
    """The rows of a summary of ``units`` (each a key, a person, their data): each group and subtotal, protected.

    ``figures`` turns the data of a row's people into its figures; a suppressed row has none. With a
    ``publication``, a row that an earlier summary of it would give away is hidden too, and the rows shown are
    added to it.
    """
    groups: dict[Key, set[Hashable]] = {}
    for key, person, _ in units:
        groups.setdefault(key, set()).add(person)
    rows = rows_of(groups, top)
    hidden = protect(groups, minimum, top=top)
    if publication is not None:
        hidden = publication.settle(rows, hidden, lambda more: protect(groups, minimum, top=top, hide=more))
    data = {person: value for _, person, value in units}
    width = len(columns)
    out = []
    for key, members in sorted(rows.items(), key=lambda item: _order(item[0], width)):
        row: dict[str, Any] = dict(zip(columns, key, strict=False))
        row.update(_key=key, total=len(key) < width)
        if key in hidden:
            row["suppressed"] = True
        else:
            row.update(figures([data[person] for person in members]), suppressed=False)
        out.append(row)
    return out


class Publication:
    """Summaries published together: none of their rows, taken with another's, gives a small group away.

    One summary protects itself: no group of fewer than ``min_group_size`` people can be read from it, or
    worked out by adding and subtracting its rows. It cannot know the other summaries you publish. Two
    summaries of overlapping populations (a team, and the same team less one person) give that person's
    ranking away by subtraction. Make the summaries you publish together through one ``Publication``: it
    remembers the people behind every row it has shown, and hides a new row whose people differ from an
    earlier row's by fewer than ``min_group_size`` (then protects the summary again around it), the rule
    people-analytics products call "no deduction across filters".

    It is conservative: a person counts as the same whatever the day or period of their record.

    Examples:
        >>> import careerconv
        >>> from careerconv import Conversation, MotivationRanking, Person, TemplateRef
        >>> order = ("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
        >>> team = [Conversation(id=f"r{n}", template=TemplateRef(name="standard"), employee=Person(id=f"p{n}"),
        ...     motivations=MotivationRanking(ranking=order)) for n in range(7)]
        >>> publication = careerconv.Publication()
        >>> publication.summarize_motivations(team, by=None)["suppressed"].tolist()[:3]
        [False, False, False]
        >>> publication.summarize_motivations(team[1:], by=None)["suppressed"].tolist()[:3]  # one person less
        [True, True, True]
        >>> publication
        <Publication: min_group_size=5, 1 row shown>
    """

    def __init__(self, *, min_group_size: int = MIN_GROUP) -> None:
        """Publish summaries with groups of at least ``min_group_size`` people (5 or more)."""
        self.min_group_size = check_minimum(min_group_size, MIN_GROUP)
        self._shown: dict[int, set[frozenset[Hashable]]] = {}  # the people of every row shown, by their number

    def __repr__(self) -> str:
        """The rule and how many rows (different sets of people) it remembers; never who."""
        count = sum(len(rows) for rows in self._shown.values())
        return f"<Publication: min_group_size={self.min_group_size}, {count} row{'' if count == 1 else 's'} shown>"

    def _gives_away(self, people: frozenset[Hashable]) -> bool:
        size, minimum = len(people), self.min_group_size
        for other_size in range(max(0, size - minimum + 1), size + minimum):
            for other in self._shown.get(other_size, ()):
                if 0 < len(people ^ other) < minimum:
                    return True
        return False

    def settle(
        self,
        rows: Mapping[Key, frozenset[Hashable]],
        hidden: frozenset[Key],
        protect_with: Callable[[frozenset[Key]], frozenset[Key]],
    ) -> frozenset[Key]:
        """``hidden``, grown until no row shown is within ``min_group_size`` people of one shown before.

        The rows shown are then remembered. ``protect_with(more)`` protects the summary again, ``more`` hidden.
        """
        more: frozenset[Key] = frozenset()
        while True:
            close = frozenset(key for key, people in rows.items() if key not in hidden and self._gives_away(people))
            if not close:
                break
            more |= close
            hidden = protect_with(more)
        for key, people in rows.items():
            if key not in hidden:
                self._shown.setdefault(len(people), set()).add(people)
        return hidden

    def summarize_motivations(
        self,
        data: Iterable[Conversation] | pd.DataFrame,
        by: Grouping | Sequence[Grouping] | None = "team",
        *,
        period: Period | None = None,
        as_of: dt.date | None = None,
    ) -> pd.DataFrame:
        """:func:`~careerconv.summarize_motivations`, its rows checked against the summaries shown before."""
        return _motivations(data, by, period, as_of, self.min_group_size, self)

    def overdue_actions(
        self,
        data: Iterable[Conversation] | pd.DataFrame,
        by: Grouping | Sequence[Grouping] | None = "team",
        *,
        today: dt.date | None = None,
    ) -> pd.DataFrame:
        """:func:`~careerconv.overdue_actions`, its rows checked against the summaries shown before."""
        return _overdue(data, by, today, self.min_group_size, self)


def _order(key: Key, width: int) -> tuple[tuple[int, bool, str], ...]:
    """Rows in key order, each subtotal after the rows it adds up, a missing value (``None``) last."""
    return tuple((0, key[i] is None, str(key[i])) if i < len(key) else (1, False, "") for i in range(width))


def _dated(record: Conversation) -> Dated:
    return Dated(record.employee.id, record.date, record.id)


def _frame_rows(frame: pd.DataFrame, required: Sequence[str], what: str) -> list[dict[str, Any]]:
    """The rows of a row-level table given to a summary; ``ValueError`` when it lacks a column it needs."""
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ValueError(
            f"a summary needs the row-level {what} table of to_pandas (without by): "
            f"the table given has no {', '.join(missing)} column"
        )
    rows: list[dict[str, Any]] = frame[list(required)].to_dict("records")
    pandas = pandas_module()
    for row in rows:
        for column, value in row.items():
            if value is pandas.NaT or (isinstance(value, float) and math.isnan(value)):
                row[column] = None
            elif isinstance(value, pandas.Timestamp):
                row[column] = value.date()
    return rows


def summarize_motivations(
    data: Iterable[Conversation] | pd.DataFrame,
    by: Grouping | Sequence[Grouping] | None = "team",
    *,
    period: Period | None = None,
    as_of: dt.date | None = None,
    min_group_size: int = MIN_GROUP,
) -> pd.DataFrame:
    """Mean position and top-3 share of each motivation, per group, from each person's latest ranking.

    ``data`` is records, or the ``motivations`` table :func:`~careerconv.to_pandas` returns (filtered as you
    like). ``by`` is ``"team"``, ``"manager"`` or ``"template"``, several of them (``("team", "manager")``:
    each team's managers, then the team's subtotal), or ``None`` for everyone together. ``period="Q"`` or
    ``"Y"`` summarizes each quarter or year apart (each person's latest ranking in it); ``as_of`` leaves out
    records dated after that day.

    Columns: ``period`` (with a period), the ``by`` keys, ``total`` (true on a subtotal or grand-total row),
    ``motivation`` (ordered as in the template), ``people``, ``mean_position`` (1 is the most important),
    ``top3_share`` and ``suppressed``. Rows follow the keys, each subtotal after its groups, and within a row
    the motivations in the template's order.

    A group of fewer than ``min_group_size`` people (at least 5) is suppressed, and so is a second group (or
    a subtotal) wherever the one hidden group could be worked out by subtraction: see the privacy page.

    Examples:
        >>> import careerconv
        >>> from careerconv import Conversation, MotivationRanking, Person, TemplateRef
        >>> def record(n, team, ranking):
        ...     return Conversation(id=f"r{n}", template=TemplateRef(name="standard"),
        ...         employee=Person(id=f"p{n}", team=team), motivations=MotivationRanking(ranking=ranking))
        >>> order = ("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
        >>> records = [record(n, "platform", order) for n in range(6)]
        >>> records += [record(n, "payments", order[1:] + order[:1]) for n in range(10, 15)]
        >>> records.append(record(9, "tiny", order[::-1]))
        >>> summary = careerconv.summarize_motivations(records, by="team")
        >>> mastery = summary[summary.motivation == "mastery"]
        >>> print(mastery[["team", "total", "people", "mean_position", "suppressed"]].to_string(index=False))
            team  total  people  mean_position  suppressed
        payments  False    <NA>            NaN        True
        platform  False       6            1.0       False
            tiny  False    <NA>            NaN        True
             NaN   True      12            4.0       False

        ``tiny`` has one person; ``payments`` is hidden too, or the total minus ``platform`` would give ``tiny``.
    """
    return _motivations(data, by, period, as_of, min_group_size, None)


def _motivations(
    data: Iterable[Conversation] | pd.DataFrame,
    by: Grouping | Sequence[Grouping] | None,
    period: Period | None,
    as_of: dt.date | None,
    min_group_size: int,
    publication: Publication | None,
) -> pd.DataFrame:
    pandas = pandas_module()
    keys = check_by(by)
    check_period(period)
    minimum = check_minimum(min_group_size, MIN_GROUP)
    rankings: list[tuple[Dated, tuple[Key, tuple[str, ...]]]] = []
    if isinstance(data, pandas.DataFrame):
        needed = ["conversation", "employee", "date", *keys, "motivation", "position"]
        positions: dict[str, list[tuple[int, str]]] = {}
        first: dict[str, dict[str, Any]] = {}
        for row in _frame_rows(data, needed, "motivations"):
            positions.setdefault(row["conversation"], []).append((row["position"], row["motivation"]))
            first.setdefault(row["conversation"], row)
        for record_id, row in first.items():
            ranking = tuple(m for _, m in sorted(positions[record_id]))
            rankings.append((Dated(row["employee"], row["date"], record_id), (tuple(row[k] for k in keys), ranking)))
        motivation = data["motivation"]
        categorical = isinstance(motivation.dtype, pandas.CategoricalDtype)
        order = [str(m) for m in motivation.cat.categories] if categorical else []
    else:
        records = [r for r in cast("Iterable[Conversation]", data) if r.motivations and r.motivations.ranking]
        order = motivation_order(r.template for r in records)
        for r in records:
            assert r.motivations is not None
            rankings.append((_dated(r), (tuple(group_value(r, k) for k in keys), r.motivations.ranking)))
    chosen = [
        (((slot,) if period else ()) + values, (employee, slot), ranking)
        for employee, slot, (values, ranking) in latest(rankings, period=period, as_of=as_of)
    ]
    seen = {m for _, _, ranking in chosen for m in ranking}
    order = [m for m in order if m in seen] + sorted(seen.difference(order))
    columns = [*(["period"] if period else []), *keys]
    out: list[dict[str, Any]] = []
    for motivation_id in order:
        units = [
            (key, who, ranking.index(motivation_id) + 1) for key, who, ranking in chosen if motivation_id in ranking
        ]

        def figures(found: list[int]) -> dict[str, Any]:
            return {
                "people": len(found),
                "mean_position": sum(found) / len(found),
                "top3_share": sum(p <= TOP for p in found) / len(found),
            }

        out += [
            {**row, "motivation": motivation_id}
            for row in _published(units, minimum, 1 if period else 0, figures, columns, publication)
        ]
    rank = {m: i for i, m in enumerate(order)}
    out.sort(key=lambda row: (_order(row["_key"], len(columns)), rank[row["motivation"]]))
    frame = frame_of(
        out,
        [*columns, "total", "motivation", "people", "mean_position", "top3_share", "suppressed"],
        categories={"motivation": order},
        integers=("people",),
    )
    frame.attrs["suppressed_groups"] = _suppressed_groups(out)
    return frame


def _suppressed_groups(rows: Iterable[Mapping[str, Any]]) -> int:
    """How many groups and subtotals are suppressed (each counted once, whatever its rows)."""
    return len({row["_key"] for row in rows if row["suppressed"]})


def overdue_actions(
    data: Iterable[Conversation] | pd.DataFrame,
    by: Grouping | Sequence[Grouping] | None = "team",
    *,
    today: dt.date | None = None,
    min_group_size: int = MIN_GROUP,
) -> pd.DataFrame:
    """Open and overdue actions per group, each action counted once, in its latest state as of ``today``.

    ``data`` is records, or the ``actions`` table :func:`~careerconv.to_pandas` returns. An action carried
    from record to record is one action (:func:`~careerconv.action_id`); the latest record that holds it, up
    to ``today`` (default: today), says whether it is open. It is overdue when it is open and its due date is
    before ``today``. Each person counts in the group of their latest record. A table has each action as its
    latest record left it, so from a table only the people with actions count, and an action whose latest
    record is after ``today`` is left out rather than taken as it stood before.

    Columns: the ``by`` keys, ``total``, ``people``, ``open_actions``, ``overdue_actions``,
    ``people_overdue`` and ``suppressed``; groups are protected as in :func:`summarize_motivations`.

    Examples:
        >>> import careerconv, datetime as dt
        >>> from careerconv import Action, Conversation, GrowPlan, Person, TemplateRef
        >>> records = [Conversation(id=f"r{n}", template=TemplateRef(name="standard"), date=dt.date(2026, 5, 1),
        ...     employee=Person(id=f"p{n}", team="platform"),
        ...     grow=GrowPlan(will=(Action(text="Course", due=dt.date(2026, 6, 1 + n)),))) for n in range(6)]
        >>> summary = careerconv.overdue_actions(records, today=dt.date(2026, 6, 4))
        >>> summary[["team", "total", "people", "open_actions", "overdue_actions", "suppressed"]].values.tolist()
        [['platform', False, 6, 6, 3, False], [nan, True, 6, 6, 3, False]]
    """
    return _overdue(data, by, today, min_group_size, None)


def _overdue(
    data: Iterable[Conversation] | pd.DataFrame,
    by: Grouping | Sequence[Grouping] | None,
    today: dt.date | None,
    min_group_size: int,
    publication: Publication | None,
) -> pd.DataFrame:
    pandas = pandas_module()
    keys = check_by(by)
    minimum = check_minimum(min_group_size, MIN_GROUP)
    day = today or dt.date.today()  # noqa: DTZ011 - due dates are local days
    # each person: the moment and group of their latest record up to today, and the due dates of open actions
    latest: dict[str, tuple[tuple[dt.date, str], Key]] = {}
    open_due: dict[str, list[dt.date | None]] = {}

    def add(employee: str, when: tuple[dt.date, str], group: Key) -> bool:
        """Count ``employee`` in ``group`` if this is their latest record so far; whether it is up to today."""
        if when[0] > day:
            return False
        if employee not in latest or when >= latest[employee][0]:
            latest[employee] = (when, group)
        open_due.setdefault(employee, [])
        return True

    if isinstance(data, pandas.DataFrame):  # one row per action, as the table has it
        for row in _frame_rows(
            data, ["conversation", "employee", "date", *keys, "action_id", "status", "due"], "actions"
        ):
            when = moment(row["date"], row["conversation"])
            if add(row["employee"], when, tuple(row[k] for k in keys)) and row["status"] == "open":
                open_due[row["employee"]].append(row["due"])
    else:
        records = [r for r in cast("Iterable[Conversation]", data) if moment(r.date, r.id)[0] <= day]
        for record in records:
            add(record.employee.id, moment(record.date, record.id), tuple(group_value(record, k) for k in keys))
        for record, _, action in action_states(records):
            if action.status == "open":
                open_due[record.employee.id].append(action.due)
    units = [
        (latest[employee][1], employee, (len(dues), sum(due is not None and due < day for due in dues)))
        for employee, dues in open_due.items()
    ]

    def figures(found: list[tuple[int, int]]) -> dict[str, Any]:
        return {
            "people": len(found),
            "open_actions": sum(o for o, _ in found),
            "overdue_actions": sum(late for _, late in found),
            "people_overdue": sum(late > 0 for _, late in found),
        }

    rows = _published(units, minimum, 0, figures, keys, publication)
    counts = ("people", "open_actions", "overdue_actions", "people_overdue")
    frame = frame_of(rows, [*keys, "total", *counts, "suppressed"], integers=counts)
    frame.attrs["suppressed_groups"] = _suppressed_groups(rows)
    return frame
