"""Summaries for readers who do not hold the records: motivations and overdue actions, per group.

Every summary is built the same way. Each person counts once per group (their latest record as of a day, per
period when asked); the groups and their subtotals, down to the grand total, are rows; and a
`Ledger` decides which rows to hide, so that no figure of fewer than
``min_group_size`` people can be worked out from the rows shown, this summary's and every earlier one of the
same [`Publication`][careerconv.Publication]. A hidden row stays in the frame, marked ``suppressed``, its figures empty:
what was hidden survives a ``pivot`` or a filter, as data.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from careerconv.analytics.disclosure import REASONS, Key, Ledger, LedgerError, Row, one_set, rows_of
from careerconv.analytics.grouping import (
    Dated,
    Grouping,
    Period,
    Roster,
    RosterLike,
    check_by,
    check_minimum,
    check_period,
    group_value,
    in_roster,
    latest,
    moment,
)
from careerconv.analytics.tables import (
    Table,
    Templates,
    action_states,
    frame_of,
    pandas_module,
    to_pandas_grouped,
)
from careerconv.documents.core import write_atomic
from careerconv.documents.streaming import ON_ERROR, OnError
from careerconv.errors import Problem, ValidationError, check_choice
from careerconv.formats.plain import shown
from careerconv.model import Conversation
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.privacy import Audience
from careerconv.workflow.history import TOP

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MIN_GROUP", "Publication", "overdue_actions", "summarize_motivations"]

#: The smallest group a summary may show, and the smallest ``min_group_size`` it takes.
MIN_GROUP = 5

T = TypeVar("T")


@attrs.frozen
class _Unit:
    """What a summary sums over: a record, the group it falls in, whose it is, what it holds for the figures."""

    key: Key
    unit: str
    person: str
    label: str
    data: Any


def _published(
    units: Sequence[_Unit],
    minimum: int,
    top: int,
    figures: Callable[[list[Any]], dict[str, Any]],
    columns: Sequence[str],
    by: int,
    ledger: Ledger,
    what: str,
    *,
    rankings: bool = False,
) -> list[dict[str, Any]]:
    """The rows of a summary of ``units``: each group and subtotal, hidden as ``ledger`` decides.

    ``figures`` turns the data of a row's units into its figures; a suppressed row has none. With ``rankings``
    a row counts the units of its motivation set only (see `one_set`).
    """
    groups: dict[Key, set[str]] = {}
    for item in units:
        groups.setdefault(item.key, set()).add(item.unit)
    found = {u.unit: u for u in units}
    rows = rows_of(groups, top)
    if rankings:
        labels = {u.unit: u.label for u in units}
        rows = {key: one_set(members, labels) for key, members in rows.items()}
    width = len(columns)
    ordered = sorted(rows.items(), key=lambda item: _order(item[0], width))  # as shown: the audit's order too
    candidates = [Row(key, members, minimum, rankings) for key, members in ordered if members]
    hidden = ledger.publish(
        what, candidates, {u.unit: u.person for u in units}, {u.unit: u.label for u in units} if rankings else None
    )
    number = len(ledger.summaries) - 1
    reasons = {s.key: s.reason for s in ledger.suppressed if s.summary == number}
    out = []
    for key, members in ordered:
        if not members:
            continue
        row: dict[str, Any] = dict(zip(columns, key, strict=False))
        row.update(_key=key, total=len(key) < width or by == 0)
        if key in hidden:
            row.update(suppressed=True, _reason=reasons[key])
        else:
            row.update(figures([found[unit].data for unit in sorted(members)]), suppressed=False)
        out.append(row)
    return out


_Publication = TypeVar("_Publication", bound="Publication")


class Publication:
    """Summaries and grouped tables published together: no combination of all their rows gives a small group away.

    One summary protects itself: no group of fewer than ``min_group_size`` people can be read from it, or
    worked out by adding and subtracting its rows. It cannot know the other summaries you publish: a summary by
    team and one by manager, one as of last month and one as of today, one of everyone and one of everyone but a
    few, each safe alone, give small groups and single people back when they are put together. Make what you
    publish to the same readers through one ``Publication``: it remembers the records behind every row it has
    shown, and hides rows of a new summary until no figure of fewer than ``min_group_size`` people (10 for
    tables of free text) can be worked out from all the rows shown together, whatever the grouping, period,
    day or population of each (see the privacy page).

    [`save`][careerconv.Publication.save] keeps the publication in a ledger file and
    [`open`][careerconv.Publication.open] takes it up again, so that next quarter's summaries are checked against this
    quarter's. [`audit`][careerconv.Publication.audit] lists every row hidden and why.

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
        <Publication: min_group_size=5, 2 summaries, 1 row shown, 1 hidden>
        >>> publication.audit()[["summary", "row", "reason"]].values.tolist()
        [[1, 'everyone', 'earlier row']]
    """

    def __init__(self, *, min_group_size: int = MIN_GROUP, registry: TemplateLookup | None = None) -> None:
        """Publish summaries with groups of at least ``min_group_size`` people (5 or more).

        ``registry`` gives the records' templates (the motivations' order, the question texts); for
        ``careerconv.Publication``, the default registry when it is not given.
        """
        self.min_group_size = check_minimum(min_group_size, MIN_GROUP)
        self._templates = Templates(registry)
        self._ledger = Ledger(self.min_group_size)
        self._path: Path | None = None

    def __repr__(self) -> str:
        """The rule and how many summaries and rows it remembers; never who."""
        shown, hidden = self._ledger.rows_shown, len(self._ledger.suppressed)
        count = len(self._ledger.summaries)
        return (
            f"<Publication: min_group_size={self.min_group_size}, {count} summar{'y' if count == 1 else 'ies'}, "
            f"{shown} row{'' if shown == 1 else 's'} shown, {hidden} hidden>"
        )

    def summarize_motivations(
        self,
        data: Iterable[Conversation] | pd.DataFrame,
        by: Grouping | str | Sequence[str] | None = "team",
        *,
        period: Period | None = None,
        as_of: dt.date | None = None,
        roster: RosterLike | None = None,
        on_error: OnError = "raise",
    ) -> pd.DataFrame:
        """`summarize_motivations`, its rows checked against everything published before."""
        return _motivations(data, _Grouping.of(by, roster, on_error), period, as_of, self._ledger, self._templates)

    def overdue_actions(
        self,
        data: Iterable[Conversation] | pd.DataFrame,
        by: Grouping | str | Sequence[str] | None = "team",
        *,
        today: dt.date | None = None,
        roster: RosterLike | None = None,
        on_error: OnError = "raise",
    ) -> pd.DataFrame:
        """[`overdue_actions`][careerconv.overdue_actions], its rows checked against everything published before."""
        return _overdue(data, _Grouping.of(by, roster, on_error), today, self._ledger)

    def to_pandas(
        self,
        conversations: Iterable[Conversation],
        table: Table,
        *,
        by: Grouping | str | Sequence[str],
        audience: Audience = "employee",
        roster: RosterLike | None = None,
        on_error: OnError = "raise",
    ) -> pd.DataFrame:
        """[`to_pandas`][careerconv.to_pandas] grouped ``by``, its groups checked against everything published before.

        A table of free text needs groups of ``max(10, min_group_size)`` people; the motivations table,
        ``min_group_size``.
        """
        if by is None:
            raise ValueError("a publication shows tables across people only: give by")
        return to_pandas_grouped(conversations, table, by, audience, roster, on_error, self._ledger, self._templates)

    def audit(self) -> pd.DataFrame:
        """Every row hidden: the summary (its number and what it was), the row, and why; never who.

        ``reason`` is ``small group`` (fewer people than the minimum), ``complement`` (it would give a hidden
        row of its own summary away), ``earlier row`` (with a row shown before, it would give fewer people than
        the minimum away) or ``ranking sum`` (its people ranked different sets of motivations).
        """
        pandas = pandas_module()
        rows = [
            {"summary": s.summary, "what": s.what, "row": _row_name(s.key), "reason": s.reason}
            for s in self._ledger.suppressed
        ]
        frame = pandas.DataFrame(rows, columns=["summary", "what", "row", "reason"])
        frame["reason"] = pandas.Categorical(frame["reason"], categories=list(REASONS))
        return cast("pd.DataFrame", frame)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Keep the publication in a ledger file (JSON, written atomically, readable by its owner only).

        The ledger holds the rows shown and hidden, each row's records and people as keyed hashes (no name or
        id in clear), and its key; keep it as you keep the records.
        """
        text = json.dumps(self._ledger.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        write_atomic(Path(path).expanduser(), text, private=True)

    @classmethod
    def open(  # noqa: PYI019 - Self needs Python 3.11 or typing_extensions
        cls: type[_Publication],
        path: str | os.PathLike[str],
        *,
        min_group_size: int = MIN_GROUP,
        registry: TemplateLookup | None = None,
    ) -> _Publication:
        """The publication a ledger file keeps, to publish more through it; a new one when the file does not exist.

        Raises [`ValidationError`][careerconv.ValidationError] (``invalid-ledger``) when the file is not a ledger, is
        corrupt, or was kept with another ``min_group_size``.
        """
        publication = cls(min_group_size=min_group_size, registry=registry)
        target = Path(path).expanduser()
        try:
            raw = target.read_bytes()
        except FileNotFoundError:
            return publication
        try:
            data = json.loads(raw)
            publication._ledger = Ledger.from_json(data, publication.min_group_size)
        except (LedgerError, ValueError) as error:
            reason = str(error) if isinstance(error, LedgerError) else "not JSON"
            problem = Problem(
                path="$", message=f"not a usable ledger: {reason}", code="invalid-ledger", source=str(target)
            )
            raise ValidationError([problem]) from None
        return publication


def _row_name(key: Key) -> str:
    """A row of a summary, named by its key's values: ``platform / ada``; a total, ``everyone``."""
    shown = [str(value) for value in key]
    return " / ".join(shown) if shown else "everyone"


@attrs.define
class _Grouping:
    """A summary's grouping: its keys, the roster they may come from, and what to do with people not in it."""

    keys: tuple[str, ...]
    roster: Roster | None
    on_error: OnError
    problems: list[Problem] = attrs.Factory(list)

    @classmethod
    def of(cls, by: str | Sequence[str] | None, roster: RosterLike | None, on_error: OnError) -> _Grouping:
        check_choice("on_error", on_error, ON_ERROR)
        found = Roster.of(roster) if roster is not None else None
        return cls(check_by(by, found), found, on_error)

    @property
    def from_table(self) -> list[str]:
        """The keys a row-level table must hold as columns: those the roster does not give."""
        return [k for k in self.keys if self.roster is None or k not in self.roster.columns]

    def records(self, records: Iterable[Conversation]) -> list[Conversation]:
        return in_roster(records, self.roster, self.on_error, self.problems)

    def key(self, record: Conversation) -> Key:
        return tuple(group_value(record, key, self.roster) for key in self.keys)

    def rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A table's rows whose employee the roster has (per ``on_error``)."""
        if self.roster is None:
            return rows
        people = self.roster.people
        missing = sorted({row["employee"] for row in rows if row["employee"] not in people})
        found = [
            Problem(path="$.employee", message=f"employee {shown(employee)} is not in the roster", code="not-in-roster")
            for employee in missing
        ]
        if found and self.on_error == "raise":
            raise ValidationError(found)
        if self.on_error == "collect":
            self.problems += found
        return [row for row in rows if row["employee"] in people]

    def row_key(self, row: Mapping[str, Any]) -> Key:
        roster = self.roster
        return tuple(
            roster.value(row["employee"], k) if roster is not None and k in roster.columns else row[k]
            for k in self.keys
        )

    def report(self, frame: pd.DataFrame) -> None:
        """With ``on_error="collect"``, the problems of the people left out, as the frame's ``problems``."""
        if self.on_error == "collect":
            frame.attrs["problems"] = list(self.problems)


def _given(data: Any, name: str, table: str) -> list[Conversation] | pd.DataFrame:
    """What a summary was given, as records or a pandas table; ``TypeError`` saying what to pass instead."""
    pandas = pandas_module()
    if isinstance(data, pandas.DataFrame):
        return cast("pd.DataFrame", data)
    if isinstance(data, (str, os.PathLike)):
        raise TypeError(f"{name} takes records, not a path: load them first, careerconv.load_conversations(path)")
    convert = getattr(data, "to_pandas", None)
    if callable(convert):  # a polars DataFrame, an Arrow table
        found = convert()
        if isinstance(found, pandas.DataFrame):
            return cast("pd.DataFrame", found)
    if isinstance(data, Mapping) or not isinstance(data, Iterable):
        raise TypeError(
            f"{name} takes records (Conversation objects) or the {table} table of to_pandas, not {type(data).__name__}"
        )
    records = list(data)
    wrong = next((item for item in records if not isinstance(item, Conversation)), None)
    if wrong is not None:
        raise TypeError(
            f"{name} takes records (Conversation objects) or the {table} table of to_pandas; "
            f"found {type(wrong).__name__} among them"
        )
    return records


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
    by: Grouping | str | Sequence[str] | None = "team",
    *,
    period: Period | None = None,
    as_of: dt.date | None = None,
    min_group_size: int = MIN_GROUP,
    roster: RosterLike | None = None,
    on_error: OnError = "raise",
    registry: TemplateLookup | None = None,
) -> pd.DataFrame:
    """Mean position and top-3 share of each motivation, per group, from each person's latest ranking.

    ``data`` is records, or the ``motivations`` table [`to_pandas`][careerconv.to_pandas] returns (filtered as you
    like). ``by`` is ``"team"``, ``"manager"`` or ``"template"``, several of them (``("team", "manager")``:
    each team's managers, then the team's subtotal), or ``None`` for everyone together. ``period="Q"`` or
    ``"Y"`` summarizes each quarter or year apart (each person's latest ranking in it); ``as_of`` leaves out
    records dated after that day.

    Columns: ``period`` (with a period), the ``by`` keys, ``total`` (true on a subtotal or grand-total row),
    ``motivation`` (ordered as in the template), ``people``, ``mean_position`` (1 is the most important),
    ``top3_share`` and ``suppressed``. Rows follow the keys, each subtotal after its groups, and within a row
    the motivations in the template's order (the records' templates in ``registry``; for
    ``careerconv.summarize_motivations``, the default registry when it is not given).

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
    ledger = Ledger(check_minimum(min_group_size, MIN_GROUP))
    return _motivations(data, _Grouping.of(by, roster, on_error), period, as_of, ledger, Templates(registry))


def _motivations(
    data: Iterable[Conversation] | pd.DataFrame,
    grouping: _Grouping,
    period: Period | None,
    as_of: dt.date | None,
    ledger: Ledger,
    templates: Templates,
) -> pd.DataFrame:
    keys = grouping.keys
    check_period(period)
    rankings, order = _rankings(_given(data, "summarize_motivations", "motivations"), grouping, templates)
    units = [
        _Unit(((slot,) if period else ()) + values, dated.record, employee, ",".join(sorted(ranking)), ranking)
        for employee, slot, (dated, (values, ranking)) in latest(
            [(dated, (dated, item)) for dated, item in rankings], period=period, as_of=as_of
        )
    ]
    seen = {m for unit in units for m in unit.data}
    order = [m for m in order if m in seen] + sorted(seen.difference(order))
    columns = [*(["period"] if period else []), *keys]

    def figures(found: list[tuple[str, ...]]) -> dict[str, Any]:
        return {"rankings": found}

    what = _described("summarize_motivations", by=keys or None, period=period, as_of=as_of, roster=grouping.roster)
    rows = _published(
        units, ledger.minimum, 1 if period else 0, figures, columns, len(keys), ledger, what, rankings=True
    )
    out = [shown for row in rows for shown in _motivation_lines(row, order)]
    rank = {m: i for i, m in enumerate(order)}
    out.sort(key=lambda row: (_order(row["_key"], len(columns)), rank[row["motivation"]]))
    frame = frame_of(
        out,
        [*columns, "total", "motivation", "people", "mean_position", "top3_share", "suppressed"],
        categories={"motivation": order},
        integers=("people",),
    )
    frame.attrs["suppressed_groups"] = _suppressed_groups(out)
    _reasons(frame, out)
    grouping.report(frame)
    return frame


def _rankings(
    given: list[Conversation] | pd.DataFrame, grouping: _Grouping, templates: Templates
) -> tuple[list[tuple[Dated, tuple[Key, tuple[str, ...]]]], list[str]]:
    """Each ranking given (records, or rows of the ``motivations`` table) with its group; the motivations' order."""
    pandas = pandas_module()
    rankings: list[tuple[Dated, tuple[Key, tuple[str, ...]]]] = []
    if isinstance(given, pandas.DataFrame):
        needed = ["conversation", "employee", "date", *grouping.from_table, "motivation", "position"]
        positions: dict[str, list[tuple[int, str]]] = {}
        first: dict[str, dict[str, Any]] = {}
        for row in grouping.rows(_frame_rows(given, needed, "motivations")):
            positions.setdefault(row["conversation"], []).append((row["position"], row["motivation"]))
            first.setdefault(row["conversation"], row)
        for record_id, row in first.items():
            ranking = tuple(m for _, m in sorted(positions[record_id]))
            rankings.append((Dated(row["employee"], row["date"], record_id), (grouping.row_key(row), ranking)))
        motivation = given["motivation"]
        categorical = isinstance(motivation.dtype, pandas.CategoricalDtype)
        return rankings, [str(m) for m in motivation.cat.categories] if categorical else []
    records = [
        r for r in grouping.records(cast("list[Conversation]", given)) if r.motivations and r.motivations.ranking
    ]
    for r in records:
        assert r.motivations is not None
        rankings.append((_dated(r), (grouping.key(r), r.motivations.ranking)))
    return rankings, templates.motivation_order(r.template for r in records)


def _motivation_lines(row: dict[str, Any], order: list[str]) -> list[dict[str, Any]]:
    """A published row as one line per motivation its people ranked, with the figures (none when hidden)."""
    found = row.pop("rankings", None)
    ranked = found[0] if found else ()
    lines = []
    for motivation_id in order:
        if found is not None and motivation_id not in ranked:
            continue  # the row's people did not rank it
        shown = {**row, "motivation": motivation_id}
        if found is not None:
            places = [ranking.index(motivation_id) + 1 for ranking in found]
            shown.update(
                people=len(places),
                mean_position=sum(places) / len(places),
                top3_share=sum(p <= TOP for p in places) / len(places),
            )
        lines.append(shown)
    return lines


def _described(name: str, **arguments: Any) -> str:
    """A summary as the audit names it: the call, its grouping and options (never its population)."""
    given = ", ".join(
        f"{key}={'<roster>' if isinstance(value, Roster) else repr(value)}"
        for key, value in arguments.items()
        if value is not None
    )
    return f"{name}({given})"


def _suppressed_groups(rows: Iterable[Mapping[str, Any]]) -> int:
    """How many groups and subtotals are suppressed (each counted once, whatever its rows)."""
    return len({row["_key"] for row in rows if row["suppressed"]})


def _reasons(frame: pd.DataFrame, rows: Iterable[Mapping[str, Any]]) -> None:
    """Why each hidden row is hidden, by its key (the frame's key columns, in order): ``frame.attrs["reasons"]``."""
    frame.attrs["reasons"] = {row["_key"]: row["_reason"] for row in rows if row["suppressed"]}


def overdue_actions(
    data: Iterable[Conversation] | pd.DataFrame,
    by: Grouping | str | Sequence[str] | None = "team",
    *,
    today: dt.date | None = None,
    min_group_size: int = MIN_GROUP,
    roster: RosterLike | None = None,
    on_error: OnError = "raise",
) -> pd.DataFrame:
    """Open and overdue actions per group, each action counted once, in its latest state as of ``today``.

    ``data`` is records, or the ``actions`` table [`to_pandas`][careerconv.to_pandas] returns. An action carried
    from record to record is one action ([`action_id`][careerconv.action_id]); the latest record that holds it, up
    to ``today`` (default: today), says whether it is open. It is overdue when it is open and its due date is
    before ``today``. Each person counts in the group of their latest record. A table has each action as its
    latest record left it, so from a table only the people with actions count, and an action whose latest
    record is after ``today`` is left out rather than taken as it stood before.

    Columns: the ``by`` keys, ``total``, ``people``, ``open_actions``, ``overdue_actions``,
    ``people_overdue`` and ``suppressed``; groups are protected as in
    [`summarize_motivations`][careerconv.summarize_motivations].

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
    ledger = Ledger(check_minimum(min_group_size, MIN_GROUP))
    return _overdue(data, _Grouping.of(by, roster, on_error), today, ledger)


def _overdue(
    data: Iterable[Conversation] | pd.DataFrame,
    grouping: _Grouping,
    today: dt.date | None,
    ledger: Ledger,
) -> pd.DataFrame:
    pandas = pandas_module()
    keys = grouping.keys
    day = today or dt.date.today()  # noqa: DTZ011 - due dates are local days
    given = _given(data, "overdue_actions", "actions")
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

    if isinstance(given, pandas.DataFrame):  # one row per action, as the table has it
        needed = ["conversation", "employee", "date", *grouping.from_table, "action_id", "status", "due"]
        for row in grouping.rows(_frame_rows(given, needed, "actions")):
            when = moment(row["date"], row["conversation"])
            if add(row["employee"], when, grouping.row_key(row)) and row["status"] == "open":
                open_due[row["employee"]].append(row["due"])
    else:
        records = [r for r in grouping.records(cast("list[Conversation]", given)) if moment(r.date, r.id)[0] <= day]
        for record in records:
            add(record.employee.id, moment(record.date, record.id), grouping.key(record))
        for record, _, action in action_states(records):
            if action.status == "open":
                open_due[record.employee.id].append(action.due)
    units = [  # each person's latest record up to today is the unit their figures come from
        _Unit(
            latest[employee][1],
            latest[employee][0][1],
            employee,
            "",
            (len(dues), sum(due is not None and due < day for due in dues)),
        )
        for employee, dues in open_due.items()
    ]

    def figures(found: list[tuple[int, int]]) -> dict[str, Any]:
        return {
            "people": len(found),
            "open_actions": sum(o for o, _ in found),
            "overdue_actions": sum(late for _, late in found),
            "people_overdue": sum(late > 0 for _, late in found),
        }

    what = _described("overdue_actions", by=keys or None, today=day, roster=grouping.roster)
    rows = _published(units, ledger.minimum, 0, figures, keys, len(keys), ledger, what)
    counts = ("people", "open_actions", "overdue_actions", "people_overdue")
    frame = frame_of(rows, [*keys, "total", *counts, "suppressed"], integers=counts)
    frame.attrs["suppressed_groups"] = _suppressed_groups(rows)
    _reasons(frame, rows)
    grouping.report(frame)
    return frame
