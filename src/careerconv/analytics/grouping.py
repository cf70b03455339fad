"""What a table or summary is grouped by: the documented keys, checked, and the period of a date.

No pandas here: these are the rules every table and summary shares, whatever builds its frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal, TypeAlias, TypeVar

import attrs

from careerconv.errors import check_choice
from careerconv.model import Conversation

__all__ = [
    "GROUPINGS",
    "PERIODS",
    "Grouping",
    "Period",
    "check_by",
    "check_minimum",
    "check_period",
    "group_value",
    "latest",
    "moment",
    "period_of",
]

T = TypeVar("T")

Grouping: TypeAlias = Literal["team", "manager", "template"]
#: What a table or summary can be grouped by.
GROUPINGS: tuple[Grouping, ...] = ("team", "manager", "template")
Period: TypeAlias = Literal["Q", "Y"]
#: The periods a summary can be broken down by: quarters (``2026Q4``) and years (``2026``).
PERIODS: tuple[Period, ...] = ("Q", "Y")


def check_by(by: Grouping | Sequence[Grouping] | None) -> tuple[Grouping, ...]:
    """``by`` as a tuple of keys, each one careerconv documents; else ``ValueError`` with a did-you-mean.

    ``None`` is no grouping: one group of everyone.

    Examples:
        >>> check_by("team"), check_by(["team", "manager"]), check_by(None)
        (('team',), ('team', 'manager'), ())
        >>> check_by("teams")
        Traceback (most recent call last):
        ...
        ValueError: unknown by 'teams': expected team, manager or template; did you mean 'team'?
    """
    keys = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    for key in keys:
        check_choice("by", key, GROUPINGS)
    if len(set(keys)) != len(keys):
        raise ValueError(f"by names a key twice: {', '.join(keys)}")
    return keys


def check_period(period: Period | None) -> Period | None:
    """``period`` if it is ``None``, ``"Q"`` or ``"Y"``; else ``ValueError`` with a did-you-mean."""
    if period is not None:
        check_choice("period", period, PERIODS)
    return period


def check_minimum(min_group_size: int, floor: int) -> int:
    """``min_group_size`` if it is at least ``floor``; else ``ValueError``: smaller groups single people out.

    Examples:
        >>> check_minimum(3, 5)
        Traceback (most recent call last):
        ...
        ValueError: min_group_size is at least 5: a smaller group could single people out
    """
    if type(min_group_size) is not int or min_group_size < floor:
        raise ValueError(f"min_group_size is at least {floor}: a smaller group could single people out")
    return min_group_size


def period_of(day: dt.date, period: Period) -> str:
    """The period ``day`` falls in: ``2026Q4`` for a quarter, ``2026`` for a year.

    Examples:
        >>> period_of(dt.date(2026, 11, 26), "Q"), period_of(dt.date(2026, 11, 26), "Y")
        ('2026Q4', '2026')
    """
    return f"{day.year}Q{(day.month - 1) // 3 + 1}" if period == "Q" else str(day.year)


def group_value(record: Conversation, key: Grouping) -> str | None:
    """The record's value for one grouping key: the employee's team, the manager's id, or the template's name."""
    if key == "team":
        return record.employee.team
    if key == "manager":
        return record.manager.id if record.manager else None
    return record.template.name


def moment(day: dt.date | None, record: str) -> tuple[dt.date, str]:
    """A record's place in time: its date (an undated record before every dated one), then its id.

    Every "latest record" careerconv picks is the one with the greatest moment, so the choice does not depend
    on the order records came in.

    Examples:
        >>> moment(None, "r2") < moment(dt.date(2026, 1, 1), "r1") < moment(dt.date(2026, 1, 1), "r2")
        True
    """
    return (day or dt.date.min, record)


@attrs.frozen
class Dated:
    """One record's place in time: who, when, which record; what :func:`latest` needs of any row."""

    employee: str
    date: dt.date | None
    record: str


def latest(
    items: Iterable[tuple[Dated, T]], *, period: Period | None, as_of: dt.date | None
) -> Iterator[tuple[str, str | None, T]]:
    """Each employee's latest item (per period, with ``period``), leaving out what is dated after ``as_of``.

    Items are ordered by date, then record id, so the choice does not depend on the order they came in. With a
    period, an undated item raises ``ValueError``: it belongs to no period. Yields ``(employee, period, item)``.
    """
    chosen: dict[tuple[str, str | None], tuple[tuple[dt.date, str], T]] = {}
    undated = 0
    for when, item in items:
        if when.date is None:
            if period is not None:
                undated += 1
                continue
        elif as_of is not None and when.date > as_of:
            continue
        slot = period_of(when.date, period) if period is not None and when.date is not None else None
        order = moment(when.date, when.record)
        seen = chosen.get((when.employee, slot))
        if seen is None or order >= seen[0]:
            chosen[(when.employee, slot)] = (order, item)
    if undated:
        raise ValueError(f"{undated} record(s) have no date: a breakdown by period needs every record dated")
    for (employee, slot), (_, item) in chosen.items():
        yield employee, slot, item
