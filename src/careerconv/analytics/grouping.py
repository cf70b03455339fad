"""What a table or summary is grouped by: a record's keys or a roster's columns, checked, and the period of a date.

No pandas here: these are the rules every table and summary shares, whatever builds its frame.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

import attrs

from careerconv.errors import Problem, ValidationError, check_choice
from careerconv.formats.plain import read_file, shown
from careerconv.model import Conversation

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GROUPINGS",
    "PERIODS",
    "Grouping",
    "Period",
    "Roster",
    "RosterLike",
    "check_by",
    "check_minimum",
    "check_period",
    "group_value",
    "in_roster",
    "latest",
    "moment",
    "period_of",
]

T = TypeVar("T")

Grouping: TypeAlias = Literal["team", "manager", "template"]
#: What a table or summary can be grouped by.
GROUPINGS: tuple[Grouping, ...] = ("team", "manager", "template")
Period: TypeAlias = Literal["M", "Q", "Y"]
#: The periods a summary can be broken down by: months (``2026-11``), quarters (``2026Q4``) and years (``2026``).
PERIODS: tuple[Period, ...] = ("M", "Q", "Y")


@attrs.frozen
class Roster:
    """HR's attributes of each employee (department, location, ...): what summaries and tables may be grouped by.

    ``people`` maps an employee id to their attributes; a missing or empty attribute is ``None``. Give a roster
    as ``roster=`` to a summary, a grouped table or the ``careerconv summary`` command, as a CSV file (a header
    row with an ``employee`` column), a pandas DataFrame with that column, or a mapping of employee id to
    attributes ([`of`][careerconv.Roster.of]). Its columns are grouping keys beside ``team``, ``manager`` and
    ``template``; a column named ``team`` or ``manager`` takes the place of the record's.

    Examples:
        >>> roster = Roster.of({"alex": {"department": "Engineering", "location": "Berlin"}})
        >>> roster.columns, roster.value("alex", "department")
        (('department', 'location'), 'Engineering')
    """

    columns: tuple[str, ...]
    people: Mapping[str, Mapping[str, str | None]]

    @classmethod
    def of(cls, given: RosterLike) -> Roster:
        """A roster from a CSV file's path, a pandas DataFrame or a mapping; ``TypeError`` for anything else."""
        if isinstance(given, Roster):
            return given
        if isinstance(given, (str, os.PathLike)):
            return cls.read(given)
        if isinstance(given, Mapping):
            rows = ({"employee": employee, **dict(attributes)} for employee, attributes in given.items())
            return cls._from_rows(rows, "the roster")
        records = getattr(given, "to_dict", None)
        if callable(records) and hasattr(given, "columns"):
            return cls._from_rows(records("records"), "the roster")
        raise TypeError(
            "a roster is a CSV file's path, a pandas DataFrame or a mapping of employee id to attributes, not "
            f"{type(given).__name__}"
        )

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Roster:
        """The roster of a CSV file: UTF-8, a header row, an ``employee`` column."""
        source = os.fspath(path)
        raw = read_file(path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                [Problem(path="$", message="a roster is UTF-8 text", code="invalid-utf8", source=source)]
            ) from None
        return cls._from_rows(csv.DictReader(io.StringIO(text, newline="")), source)

    @classmethod
    def _from_rows(cls, rows: Iterable[Mapping[Any, Any]], source: str) -> Roster:
        people: dict[str, dict[str, str | None]] = {}
        columns: dict[str, None] = {}
        problems: list[Problem] = []
        for number, row in enumerate(rows):
            if "employee" not in row:
                message = "a roster needs an 'employee' column: each employee's id"
                raise ValidationError([Problem(path="$", message=message, code="invalid-roster", source=source)])
            employee = _cell(row["employee"])
            where = f"$[{number}].employee"
            if employee is None or employee in people:
                message = "no employee id" if employee is None else f"employee {shown(employee)} is there twice"
                problems.append(Problem(path=where, message=message, code="invalid-roster", source=source))
                continue
            attributes = {str(k): _cell(v) for k, v in row.items() if k not in ("employee", None)}
            people[employee] = attributes
            columns.update(dict.fromkeys(attributes))
        if problems:
            raise ValidationError(problems)
        return cls(tuple(columns), people)

    def value(self, employee: str, column: str) -> str | None:
        """An employee's attribute (``None`` when empty); ``KeyError`` when the employee is not in the roster."""
        return self.people[employee].get(column)


#: What ``roster=`` takes: a CSV file's path, a pandas DataFrame, a mapping, or a [`Roster`][careerconv.Roster].
RosterLike: TypeAlias = "str | os.PathLike[str] | Mapping[str, Mapping[str, Any]] | Roster | pd.DataFrame"


def _cell(value: Any) -> str | None:
    """A roster cell as text; an empty one (or pandas' missing value) as ``None``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def check_by(by: str | Sequence[str] | None, roster: Roster | None = None) -> tuple[str, ...]:
    """``by`` as a tuple of keys, each a record's or a roster's column; else ``ValueError`` with a did-you-mean.

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
    known = GROUPINGS if roster is None else (*GROUPINGS, *(c for c in roster.columns if c not in GROUPINGS))
    for key in keys:
        check_choice("by", key, known)
    if len(set(keys)) != len(keys):
        raise ValueError(f"by names a key twice: {', '.join(keys)}")
    return keys


def check_period(period: Period | None) -> Period | None:
    """``period`` if it is ``None``, ``"M"``, ``"Q"`` or ``"Y"``; else ``ValueError`` with a did-you-mean."""
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
    """The period ``day`` falls in: ``2026-11`` for a month, ``2026Q4`` for a quarter, ``2026`` for a year.

    Examples:
        >>> [period_of(dt.date(2026, 11, 26), p) for p in ("M", "Q", "Y")]
        ['2026-11', '2026Q4', '2026']
    """
    if period == "M":
        return f"{day.year}-{day.month:02}"
    return f"{day.year}Q{(day.month - 1) // 3 + 1}" if period == "Q" else str(day.year)


def group_value(record: Conversation, key: str, roster: Roster | None = None) -> str | None:
    """The record's value for one grouping key: the roster's, when it has that column; else the record's.

    The record's are the employee's team, the manager's id and the template's name.
    """
    if roster is not None and key in roster.columns:
        return roster.value(record.employee.id, key)
    if key == "team":
        return record.employee.team
    if key == "manager":
        return record.manager.id if record.manager else None
    return record.template.name


def in_roster(
    records: Iterable[Conversation], roster: Roster | None, on_error: str, problems: list[Problem]
) -> list[Conversation]:
    """The records whose employee the roster has (all of them without a roster), and the others' problems.

    With ``on_error="raise"`` a missing employee raises [`ValidationError`][careerconv.ValidationError] listing every
    one; ``skip`` and ``collect`` leave their records out (``collect`` adds the problems to ``problems``).
    """
    found = list(records)
    if roster is None:
        return found
    kept = [record for record in found if record.employee.id in roster.people]
    missing = [
        Problem(
            path="$.employee.id",
            message=f"employee {shown(r.employee.id)} is not in the roster",
            code="not-in-roster",
            source=r.id,
        )
        for r in found
        if r.employee.id not in roster.people
    ]
    if missing and on_error == "raise":
        raise ValidationError(missing)
    if on_error == "collect":
        problems.extend(missing)
    return kept


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
    """One record's place in time: who, when, which record; what `latest` needs of any row."""

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
