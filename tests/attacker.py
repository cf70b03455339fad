"""An independent, exact attacker for careerconv's published summaries.

It is written from the rule and the documented semantics alone, without careerconv's disclosure code: it
derives the people behind every published row itself, writes the rows shown as linear equations, and proves
which figures of fewer than ``k`` people those equations determine.

**Threat model.** A reader holds every row a publication has shown and knows how rankings work: each record's
positions are a permutation of ``1..n`` (they sum to ``n(n+1)/2``) and exactly ``min(3, n)`` of them are in the
top 3. The reader adds and subtracts rows with any rational coefficients. The rule: no figure of a set of fewer
than ``k`` people may be *determined* by the rows shown (not a suppressed group's, not one record's, not one
person's change between two of their records).

**The equations.** A *unit* is a record a call counts (a person's latest, per period; every record of a grouped
table). The unknowns are one number per unit and *sub-figure*, in independent *blocks*:

* ``ranking``: ``x[u, m]``, the position of motivation ``m`` in ``u``'s ranking; its top-3 flag ``t[u, m]`` has
  equations with the same coefficients, so it rides along as a second component of every right-hand side. Each
  unit adds the relations ``sum_m x[u, m] = n(n+1)/2`` and ``sum_m t[u, m] = min(3, n)`` over its own
  motivations.
* ``people``: ``c[u]``, the unit's weight in a ``people`` count (its value is 1);
* ``open actions``, ``overdue actions on <today>``, ``<table> table``: one unknown (vector) per unit.

A row shown gives "the sum over its units of the figure's unknowns = the published figure" (for a motivations
row: ``people * mean_position`` and ``people * top3_share``, whole numbers). A *target* is a linear functional
of the unknowns supported on fewer than ``k`` people. It is **disclosed** when it lies in the span of the rows
shown and the relations, but not in the span of the relations alone.

**Why "determined" is exact.**

* The arithmetic is exact rational arithmetic (Python ints, and :class:`fractions.Fraction` where a quotient is
  not whole), never floating point, and never modular: reducing modulo a prime can lose rank and so both miss
  combinations and invent them. :class:`Span` keeps the equations in reduced row echelon form over Q, so "the
  target reduces to zero" is exactly "the target is a rational combination of the equations".
* The span is exactly what a reader with rational coefficients can compute: if ``f = sum(l_i a_i)`` the reader
  gets ``f . z = sum(l_i b_i)`` (what :meth:`Span.solve` returns). If ``f`` is not in the span, some ``d`` has
  ``A d = 0`` and ``f . d != 0``, so two assignments reproduce every row shown and differ on the target: it is
  not determined by linear means. (Integrality and the permutation structure beyond the two sums can only tell
  a reader more: what is reported is a floor of what leaks, never an overstatement.)
* Each block is solved on *atoms*: classes of units that every row shown treats alike (the same coefficients in
  the same rows, the same sub-figures, the same relation). Averaging over atoms, ``E``, maps the span into
  itself (rows are constant on atoms; ``E r_u`` is the average of the atom's relations), so ``f`` is in the span
  if and only if ``f - E f`` is, unit by unit, a multiple of the unit's relation (zero in a block without
  relations) and ``E f``, written on the atoms' sums, is in the span of the atom-level rows and relations
  (:meth:`Block.solve`). ``attack(..., atoms=False)`` solves on the units themselves; the tests check that both
  give the same disclosures.
* The units behind each row are derived here from the records and the call's arguments (:func:`units_of`), and
  every row shown is checked against the truth computed from the records. A row that disagrees goes to
  :attr:`Report.mismatches` and is not used, so every equation is true of the records; a recovered value that
  differed from the records would be reported there too.

**The documented semantics the rows are derived by.**

* *Population*: the records a call is given; with a ``roster=`` (a mapping of employee id to columns, a
  DataFrame with an ``employee`` column, or a CSV path: :func:`read_roster`), an employee it does not list has
  every record left out first (``on_error="skip"``/``"collect"``; ``"raise"`` raises, and nothing is shown).
* *Units*: a summary's are each person's latest ranked record (per period with one: ``"M"`` is
  ``2026-03``, ``"Q"`` ``2026Q1``, ``"Y"`` ``2026``; ``as_of`` leaves later records out); overdue actions',
  each person's latest record up to ``today``; a grouped table's, every record.
* *Keys*: ``by`` names record keys (``team``, ``manager``, ``template``) or roster columns; a roster column
  takes the record key's place, and an empty cell is None. A group's row has every key; a subtotal the
  leading ones (a subtotal after a None group is told from the total by the frame's order: :class:`_Depths`);
  ``total`` is True on each row of a summary ``by=None``. A grouped table shows group rows only.
* *One motivation set per row*: a row that sums rankings (a summary's group, subtotal or total; a grouped
  motivations table's group, over all its records) counts only its units whose motivation set is the most
  common one among them, the tie going to the set whose label (``",".join(sorted(set))``) sorts first
  (:func:`common_set`); a row shown has a line for each motivation of that set and no other. Each unit keeps
  the relation of its own set.

**Targets** (:data:`TARGETS`): every suppressed row's figures; each single unit; each person's change between two
of their units; each difference of two rows, and every region of the Venn diagram of up to three rows (shown or
suppressed) with fewer than ``k`` people; in a population of at most :data:`SMALL_POPULATION` people, every set
of fewer than ``k`` people.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import pandas as pd

import careerconv
from careerconv import Conversation

#: An exact number: a whole number is kept an ``int`` (fast), anything else a :class:`~fractions.Fraction`.
Number = int | Fraction
#: A figure's value: named components (``position``, ``top3``, ``people``, a table's item, ...), exact.
Value = dict[Hashable, Number]
#: A variable of an exact system: (index of a unit or an atom, sub-figure).
Var = tuple[int, str]
#: A linear functional over a block's unknowns, written on units: (record id, sub-figure) -> coefficient.
Functional = dict[tuple[str, str], Number]
#: A key of a call's group: ``(period,)`` if the call has one, then the ``by`` values.
Key = tuple[str | None, ...]
#: A roster as read here: employee id -> {column: value, None where empty}, every employee with every column.
Roster = dict[str, dict[str, str | None]]

Kind = Literal["motivations", "overdue", "table"]
#: Tables of free text across people: their groups need 10 people.
FREE_TEXT = frozenset({"answers", "actions", "goals", "options", "notes"})
#: Target families, in the order a functional found by several of them is named after.
TARGETS = ("suppressed row", "record", "change", "row difference", "set", "subset")
#: Populations up to this many people have every subset of fewer than ``k`` people tried.
SMALL_POPULATION = 12


# --------------------------------------------------------------------------------------------------------------
# 1. Exact linear algebra
# --------------------------------------------------------------------------------------------------------------


def _exact(number: Number) -> Number:
    """A whole number as an ``int``: the arithmetic of 0/1 systems stays in fast integers."""
    if type(number) is Fraction and number.denominator == 1:
        return number.numerator
    return number


def _add_scaled(target: dict[Any, Number], scale: Number, source: Mapping[Any, Number]) -> None:
    """``target += scale * source`` for sparse vectors stored as dicts, dropping zeros."""
    for key, amount in source.items():
        before = target.get(key)
        updated = _exact(scale * amount if before is None else before + scale * amount)
        if updated:
            target[key] = updated
        elif before is not None:
            del target[key]


class Span:
    """The span over the rationals of equations added one at a time, in reduced row echelon form.

    Each stored row has a pivot variable with coefficient 1 that no other row holds, so a vector is reduced in
    one pass (for each pivot it holds, subtract that pivot's row, which brings in no other pivot), and what is
    left is zero exactly when the vector is in the span. Each row carries its right-hand side, so the same pass
    gives a target's value: if ``f = sum(l_i a_i)`` then ``f . z = sum(l_i b_i)``.
    """

    def __init__(self) -> None:
        self._rows: dict[Var, tuple[dict[Var, Number], Value]] = {}  # pivot -> (row, right-hand side)
        self._holding: dict[Var, set[Var]] = defaultdict(set)  # variable -> pivots whose row holds it
        #: Equations that contradicted the earlier ones (published figures that cannot all be true).
        self.contradictions = 0

    def __len__(self) -> int:
        """The rank: how many independent equations it holds."""
        return len(self._rows)

    def _reduce(self, vector: Mapping[Var, Number]) -> tuple[dict[Var, Number], Value]:
        """``vector`` less the combination of rows that clears its pivots, and that combination's value."""
        rest = {var: _exact(amount) for var, amount in vector.items() if amount}
        value: Value = {}
        for pivot in [var for var in rest if var in self._rows]:
            factor = rest[pivot]
            row, row_value = self._rows[pivot]
            _add_scaled(rest, -factor, row)
            _add_scaled(value, factor, row_value)
        return rest, value

    def add(self, coefficients: Mapping[Var, Number], value: Mapping[Hashable, Number]) -> bool:
        """Add the equation ``coefficients . z = value``; true when it was independent of the earlier ones."""
        rest, combination = self._reduce(coefficients)
        residual: Value = {name: _exact(amount) for name, amount in value.items() if amount}  # no zero parts
        _add_scaled(residual, -1, combination)
        if not rest:
            if residual:
                self.contradictions += 1
            return False
        pivot = min(rest)
        scale = Fraction(1) / rest[pivot]  # never int / int: that would be a float
        row = {var: _exact(amount * scale) for var, amount in rest.items()}
        row_value = {name: _exact(amount * scale) for name, amount in residual.items()}
        for other in list(self._holding.get(pivot, ())):  # clear the new pivot from every earlier row
            other_row, other_value = self._rows[other]
            factor = other_row[pivot]
            before = set(other_row)
            _add_scaled(other_row, -factor, row)
            _add_scaled(other_value, -factor, row_value)
            for var in before - other_row.keys():
                self._holding[var].discard(other)
            for var in other_row.keys() - before:
                self._holding[var].add(other)
        self._rows[pivot] = (row, row_value)
        for var in row:
            self._holding[var].add(pivot)
        return True

    def solve(self, target: Mapping[Var, Number]) -> Value | None:
        """The value of ``target . z`` if the equations determine it, else None."""
        rest, value = self._reduce(target)
        return None if rest else value


# --------------------------------------------------------------------------------------------------------------
# 2. Blocks: a kind of figure's units, rows shown and relations, solved on atoms
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Unit:
    index: int
    person: str
    truth: dict[str, Value]  # sub-figure -> the unit's true value
    total: Value | None  # its relation: what its sub-figures sum to (None: no relation)


class Block:
    """One independent system: the unknowns of one kind of figure, the rows that show them, their relations.

    A *figure* says which unknown of each unit a row of that figure sums (``"mastery"``: each unit's position of
    mastery). Rows and targets are functionals over ``(record id, sub-figure)``.
    """

    def __init__(self, name: str, *, relations: bool, changes: bool) -> None:
        self.name = name
        self.relations = relations
        #: Whether a target may compare a person's units with each other (not for a bare count of people).
        self.changes = changes
        #: ``k``: the least number of people a figure may be about.
        self.min_people = 0
        self.units: dict[str, _Unit] = {}
        self.figures: dict[str, dict[str, str]] = defaultdict(dict)  # figure -> unit -> its sub-figure
        self.conflicts: list[str] = []
        self._rows: dict[frozenset[tuple[tuple[str, str], Number]], Value] = {}
        self._span: Span | None = None
        self._atoms: list[list[str]] = []
        self._atom_of: dict[str, int] = {}
        self._solved: dict[frozenset[tuple[Var, Number]], Value | None] = {}

    # -- building ------------------------------------------------------------------------------------------------

    def add_unit(self, unit: str, person: str, truth: Mapping[str, Value], total: Value | None = None) -> None:
        """A unit (a record), its person, its true value per sub-figure and what those sum to (its relation)."""
        if unit not in self.units:
            self.units[unit] = _Unit(len(self.units), person, dict(truth), total if self.relations else None)

    def functional(self, figure: str, units: Iterable[str]) -> Functional:
        """The sum of ``figure`` over ``units`` (those that have it)."""
        subs = self.figures.get(figure, {})
        return {(unit, subs[unit]): 1 for unit in units if unit in subs}

    def add_row(self, row: Functional, value: Value, label: str) -> None:
        """A row shown: ``row . z = value``. A row equal to an earlier one with another value is a conflict."""
        earlier = self._rows.setdefault(frozenset(row.items()), value)
        if earlier != value:
            self.conflicts.append(f"{self.name}: {label} shows {_show(value)}, an equal row showed {_show(earlier)}")
        self._span = None

    @property
    def shown(self) -> int:
        """How many distinct rows shown it holds."""
        return len(self._rows)

    @property
    def rank(self) -> int:
        """How many independent equations (rows and relations) it holds, once sealed."""
        return len(self._span) if self._span is not None else 0

    # -- solving -------------------------------------------------------------------------------------------------

    def seal(self, *, atoms: bool = True) -> None:
        """Eliminate the rows and relations, on atoms (or, with ``atoms=False``, on the units themselves)."""
        if atoms:
            signature: dict[str, list[tuple[int, str, Number]]] = defaultdict(list)
            for number, row in enumerate(self._rows):
                for (unit, sub), amount in row:
                    signature[unit].append((number, sub, amount))
            classes: dict[tuple[object, ...], list[str]] = defaultdict(list)
            for unit, info in self.units.items():
                relation = tuple(sorted((repr(name), amount) for name, amount in (info.total or {}).items()))
                classes[(tuple(sorted(signature[unit])), tuple(sorted(info.truth)), relation)].append(unit)
            self._atoms = list(classes.values())
            self._atom_of = {unit: number for number, members in enumerate(self._atoms) for unit in members}
        else:
            self._atoms = [[unit] for unit in self.units]
            self._atom_of = {unit: info.index for unit, info in self.units.items()}
        span = Span()
        for row, value in self._rows.items():
            span.add({(self._atom_of[unit], sub): amount for (unit, sub), amount in row}, value)
        for number, members in enumerate(self._atoms):
            info = self.units[members[0]]
            if info.total is not None:  # the atom's relation: the sum of its members'
                atom_total: Value = {name: amount * len(members) for name, amount in info.total.items()}
                span.add(dict.fromkeys(((number, sub) for sub in info.truth), 1), atom_total)
        if span.contradictions:
            self.conflicts.append(f"{self.name}: {span.contradictions} row(s) contradict the others")
        self._span = span
        self._solved = {}

    def solve(self, target: Functional) -> Value | None:
        """The value of ``target`` if the rows shown and the relations determine it, else None.

        ``target = E target + (target - E target)``: the second part must be, unit by unit, a multiple of the
        unit's relation (so its value is known), and the first, on the atoms, must be in their span.
        """
        if self._span is None:
            self.seal()
        assert self._span is not None
        touched: dict[int, dict[str, dict[str, Number]]] = defaultdict(lambda: defaultdict(dict))
        for (unit, sub), amount in target.items():
            if amount:
                touched[self._atom_of[unit]][unit][sub] = amount
        value: Value = {}
        on_atoms: dict[Var, Number] = {}
        for number, units in touched.items():
            average = self._on_atom(number, units, value)
            if average is None:
                return None
            on_atoms.update({(number, sub): amount for sub, amount in average.items() if amount})
        key = frozenset(on_atoms.items())
        if key not in self._solved:
            self._solved[key] = self._span.solve(on_atoms)
        rest = self._solved[key]
        if rest is None:
            return None
        _add_scaled(value, 1, rest)
        return value

    def _on_atom(
        self, number: int, units: Mapping[str, Mapping[str, Number]], value: Value
    ) -> dict[str, Number] | None:
        """The target's average over one atom (its part of ``E target``), or None if it varies inside the atom.

        Inside the atom, the target less its average must be, member by member, a multiple of the member's
        relation; the value of those multiples is added to ``value``.
        """
        members = self._atoms[number]
        first = next(iter(units.values()))
        alike = all(coefficients == first for coefficients in units.values())
        if alike and len(units) == len(members):
            return dict(first)  # the whole atom, alike: the target is constant on it
        subs = sorted(self.units[members[0]].truth)
        if alike and (not self.relations or {first.get(sub, 0) for sub in subs} != {first.get(subs[0], 0)}):
            return None  # some members and not the others, other than through their relations
        average = {sub: _exact(Fraction(sum(c.get(sub, 0) for c in units.values()), len(members))) for sub in subs}
        parts: list[tuple[_Unit, Mapping[str, Number], int]] = [(self.units[u], c, 1) for u, c in units.items()]
        untouched = len(members) - len(units)
        if untouched:
            parts.append((self.units[next(u for u in members if u not in units)], {}, untouched))
        for info, coefficients, times in parts:
            levels = {coefficients.get(sub, 0) - average[sub] for sub in subs}
            if len(levels) > 1:
                return None  # varies inside the atom: no row tells its members apart
            level = levels.pop()
            if level:
                if info.total is None:
                    return None
                _add_scaled(value, level * times, info.total)
        return average

    def trivial(self, target: Functional) -> bool:
        """Whether the relations alone give ``target`` (a reader knows it without any row)."""
        per_unit: dict[str, dict[str, Number]] = defaultdict(dict)
        for (unit, sub), amount in target.items():
            if amount:
                per_unit[unit][sub] = amount
        for unit, coefficients in per_unit.items():
            info = self.units[unit]
            level = next(iter(coefficients.values()))
            if info.total is None or {coefficients.get(sub, 0) for sub in info.truth} != {level}:
                return False
        return True

    def truth(self, target: Functional) -> Value:
        """The target's true value, from the records."""
        value: Value = {}
        for (unit, sub), amount in target.items():
            _add_scaled(value, amount, self.units[unit].truth[sub])
        return value

    def per_person(self, target: Functional) -> dict[str, Number]:
        """The target's coefficients summed over each person's units."""
        sums: dict[str, Number] = defaultdict(int)
        for (unit, _), amount in target.items():
            sums[self.units[unit].person] += amount
        return sums

    def people(self, target: Functional) -> frozenset[str]:
        """The people whose units the target involves."""
        return frozenset(self.units[unit].person for (unit, _), amount in target.items() if amount)


# --------------------------------------------------------------------------------------------------------------
# 3. The documented semantics: which record is each person's unit, and its group
# --------------------------------------------------------------------------------------------------------------


def _order(record: Conversation) -> tuple[bool, dt.date, str]:
    """A person's records in time: an undated record before every dated one, then by date, then by id."""
    return (record.date is not None, record.date or dt.date.min, record.id)


def period_of(date: dt.date | None, period: str | None) -> str | None:
    """The label of a date's period: ``2026-03`` for ``"M"``, ``2026Q3`` for ``"Q"``, ``2026`` for ``"Y"``."""
    if period is None or date is None:
        return None
    if period == "M":
        return f"{date.year}-{date.month:02}"
    if period == "Q":
        return f"{date.year}Q{(date.month - 1) // 3 + 1}"
    if period == "Y":
        return str(date.year)
    raise ValueError(f"period {period!r} is not described to this attacker")


def _cell(value: object) -> str | None:
    """A roster cell: None when empty (missing, NaN or blank), else its text."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    return text if text.strip() else None


def read_roster(roster: object) -> Roster | None:
    """A roster in any of its documented forms, read here: employee id -> {column: value or None}.

    A mapping of employee id to ``{column: value}``; a pandas DataFrame with an ``employee`` column; or the path
    of a CSV file with a header row holding ``employee``. Every employee has every column (None where empty).
    """
    if roster is None:
        return None
    people: dict[str, dict[str, str | None]] = {}
    if isinstance(roster, (str, os.PathLike)):
        roster = pd.read_csv(roster, dtype=str, keep_default_na=False)
    if isinstance(roster, pd.DataFrame):
        for row in roster.to_dict("records"):
            people[str(row["employee"])] = {str(name): _cell(cell) for name, cell in row.items() if name != "employee"}
    elif isinstance(roster, Mapping):
        for employee, values in roster.items():
            people[str(employee)] = {str(name): _cell(cell) for name, cell in dict(values).items()}
    else:
        raise TypeError(f"a roster of type {type(roster).__name__} is not described to this attacker")
    columns = {name for values in people.values() for name in values}
    return {employee: {name: values.get(name) for name in sorted(columns)} for employee, values in people.items()}


def _by_value(record: Conversation, key: str, roster: Roster | None = None) -> str | None:
    """A record's value of a grouping key: the roster's column for its employee if it has one, else the record's."""
    if roster is not None:
        values = roster.get(record.employee.id)
        if values is not None and key in values:
            return values[key]
    if key == "team":
        return record.employee.team
    if key == "manager":
        return record.manager.id if record.manager is not None else None
    if key == "template":
        return record.template.name
    raise ValueError(f"grouping {key!r} is not described to this attacker")


def _latest(records: Iterable[Conversation], period: str | None = None) -> list[Conversation]:
    """Each person's latest record (per period, with one): greatest (date, id), an undated one first."""
    chosen: dict[tuple[str, str | None], Conversation] = {}
    for record in records:
        key = (record.employee.id, period_of(record.date, period))
        if key not in chosen or _order(record) > _order(chosen[key]):
            chosen[key] = record
    return list(chosen.values())


def population(call: Call) -> list[Conversation]:
    """The records a call works on: with a roster, an employee it does not list has every record left out.

    (With ``on_error="raise"`` the library raises instead, and the call never reaches a reader.)
    """
    if call.roster is None:
        return list(call.records)
    return [record for record in call.records if record.employee.id in call.roster]


def units_of(call: Call) -> dict[str, Key]:
    """The call's units (record ids) and each one's group key: ``(period,)`` if any, then the ``by`` values.

    A motivations row counts only those of its units with its common set (:func:`common_set`): that is applied
    per row, by :meth:`_Knowledge.group`, since a unit is in several rows (its group, subtotals, the total).
    """
    records = population(call)
    if call.kind == "table":
        chosen = records
    elif call.kind == "motivations":
        ranked = [
            record
            for record in records
            if record.motivations is not None
            and record.motivations.ranking
            and (call.as_of is None or record.date is None or record.date <= call.as_of)
            and (call.period is None or record.date is not None)
        ]
        chosen = _latest(ranked, call.period)
    else:
        today = call.today
        assert today is not None
        chosen = _latest(record for record in records if record.date is None or record.date <= today)
    units: dict[str, Key] = {}
    for record in chosen:
        prefix: Key = (period_of(record.date, call.period),) if call.period else ()
        units[record.id] = prefix + tuple(_by_value(record, key, call.roster) for key in call.by)
    return units


def motivation_set(record: Conversation) -> frozenset[str]:
    """The set of motivations a record's ranking holds (empty without a ranking)."""
    return frozenset(record.motivations.ranking) if record.motivations is not None else frozenset()


def set_label(motivations: Iterable[str]) -> str:
    """A motivation set's label: its motivations sorted, joined by commas."""
    return ",".join(sorted(motivations))


def common_set(sets: Iterable[frozenset[str]]) -> frozenset[str] | None:
    """The set most units have; on a tie, the one whose label sorts first (None for no units)."""
    counts = Counter(sets)
    if not counts:
        return None
    return min(counts, key=lambda motivations: (-counts[motivations], set_label(motivations)))


def sums_rankings(call: Call) -> bool:
    """Whether a call's rows sum rankings, and so count one motivation set each: summaries and the table."""
    return call.kind == "motivations" or (call.kind == "table" and call.table == "motivations")


def ranking_truth(record: Conversation) -> tuple[dict[str, Value], Value]:
    """A record's position and top-3 flag per motivation, and what they sum to (``n(n+1)/2``, ``min(3, n)``)."""
    assert record.motivations is not None
    ranking = record.motivations.ranking
    truth: dict[str, Value] = {
        motivation: {"position": place, "top3": int(place <= 3)} for place, motivation in enumerate(ranking, start=1)
    }
    n = len(ranking)
    return truth, {"position": n * (n + 1) // 2, "top3": min(3, n)}


def action_truth(record: Conversation, records: Sequence[Conversation], today: dt.date) -> tuple[int, int]:
    """Open and overdue actions of ``record``'s person: each action's latest state up to ``record``, inclusive."""
    state: dict[str, careerconv.Action] = {}
    person = record.employee.id
    for earlier in sorted((r for r in records if r.employee.id == person), key=_order):
        if _order(earlier) > _order(record):
            break
        for action in earlier.grow.will if earlier.grow is not None else ():
            state[careerconv.action_id(person, action)] = action
    still_open = [action for action in state.values() if action.status == "open"]
    overdue = [action for action in still_open if action.due is not None and action.due < today]
    return len(still_open), len(overdue)


def _plain(value: object) -> Hashable:
    """A cell as a plain, comparable value: missing values as None, sequences as tuples, dates as ISO text."""
    if isinstance(value, (list, tuple)):
        return tuple(_plain(part) for part in value)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.isoformat()
    if value is pd.NaT:
        return None
    return value if isinstance(value, Hashable) else repr(value)


def table_items(records: Sequence[Conversation], table: str, columns: Sequence[str]) -> dict[str, Counter[Hashable]]:
    """Each record's items of a table (the ``columns`` of its rows).

    The motivations table's items are read here from each ranking (a motivation, its position, whether it is
    in the top 3); the other tables' from the library's row-level table of the records.
    """
    items: dict[str, Counter[Hashable]] = {record.id: Counter() for record in records}
    if table == "motivations":
        for record in records:
            for place, motivation in enumerate(record.motivations.ranking if record.motivations else (), start=1):
                cells = {"motivation": motivation, "position": place, "top3": place <= 3}
                items[record.id][tuple(cells.get(column) for column in columns)] += 1
        return items
    name: Any = table  # a table name the library may not list in its own types yet
    frame = careerconv.to_pandas(records, name)
    for row in frame.to_dict("records"):
        items[str(row["conversation"])][tuple(_plain(row.get(column)) for column in columns)] += 1
    return items


# --------------------------------------------------------------------------------------------------------------
# 4. Calls, and what the readers of a publication hold
# --------------------------------------------------------------------------------------------------------------


def _by(by: str | Sequence[str] | None) -> tuple[str, ...]:
    if by is None:
        return ()
    if isinstance(by, str):
        return (by,)
    return tuple(by)


@dataclass(frozen=True)
class Call:
    """One published frame and the arguments that made it (what the attacker needs to derive its units)."""

    kind: Kind
    frame: pd.DataFrame
    records: tuple[Conversation, ...]
    by: tuple[str, ...]
    period: str | None = None
    as_of: dt.date | None = None
    today: dt.date | None = None
    table: str | None = None
    min_group_size: int = 5
    #: Where it came from: ``"publication"``, or ``"module"`` for a function called outside a publication.
    via: str = "publication"
    #: The roster the call was given, as read by :func:`read_roster` (None: none).
    roster: Roster | None = None

    def describe(self) -> str:
        """The call in words, as a reader would cite it."""
        parts = [f"by={self.by or None}"]
        parts += [f"{name}={value}" for name in ("period", "as_of", "today", "table") if (value := getattr(self, name))]
        if self.roster is not None:
            parts.append(f"roster of {len(self.roster)}")
        return f"{self.kind}({', '.join(parts)})"


def motivations_call(
    frame: pd.DataFrame,
    records: Iterable[Conversation],
    *,
    by: str | Sequence[str] | None = "team",
    period: str | None = None,
    as_of: dt.date | None = None,
    min_group_size: int = 5,
    via: str = "publication",
    roster: object = None,
) -> Call:
    """What a reader holds of a ``summarize_motivations`` frame (``roster`` in any documented form)."""
    return Call(
        "motivations",
        frame,
        tuple(records),
        _by(by),
        period,
        as_of,
        None,
        None,
        min_group_size,
        via,
        read_roster(roster),
    )


def overdue_call(
    frame: pd.DataFrame,
    records: Iterable[Conversation],
    *,
    today: dt.date,
    by: str | Sequence[str] | None = "team",
    min_group_size: int = 5,
    via: str = "publication",
    roster: object = None,
) -> Call:
    """What a reader holds of an ``overdue_actions`` frame."""
    return Call(
        "overdue", frame, tuple(records), _by(by), None, None, today, None, min_group_size, via, read_roster(roster)
    )


def table_call(
    frame: pd.DataFrame,
    records: Iterable[Conversation],
    table: str,
    *,
    by: str | Sequence[str] | None,
    min_group_size: int = 5,
    via: str = "publication",
    roster: object = None,
) -> Call:
    """What a reader holds of a grouped ``to_pandas(..., by=...)`` frame (free text: ``k`` is at least 10)."""
    size = max(10, min_group_size) if table in FREE_TEXT else min_group_size
    return Call("table", frame, tuple(records), _by(by), None, None, None, table, size, via, read_roster(roster))


class Reader:
    """The readers of one :class:`careerconv.Publication`: they keep every frame it returns, with its call.

    Each method takes the publication's own arguments (``roster=`` and ``on_error=`` included) and passes them
    on; a call that raises is not kept (nothing was shown). :meth:`reopen` saves the publication to a ledger
    and takes it up again from the file, as a later process would: the readers keep everything shown before.
    """

    def __init__(self, publication: careerconv.Publication | None = None) -> None:
        self.publication = publication if publication is not None else careerconv.Publication()
        self.calls: list[Call] = []

    def summarize_motivations(
        self,
        records: Sequence[Conversation],
        by: str | Sequence[str] | None = "team",
        *,
        period: str | None = None,
        as_of: dt.date | None = None,
        roster: object = None,
        on_error: str = "raise",
    ) -> pd.DataFrame:
        """The publication's motivations summary, kept."""
        grouping: Any = by  # the library's own types for these are stricter than a reader's arguments
        extra: dict[str, Any] = {"period": period, "as_of": as_of, "roster": roster, "on_error": on_error}
        frame: pd.DataFrame = self.publication.summarize_motivations(records, grouping, **extra)
        size = self.publication.min_group_size
        call = motivations_call(frame, records, by=by, period=period, as_of=as_of, min_group_size=size, roster=roster)
        self.calls.append(call)
        return frame

    def overdue_actions(
        self,
        records: Sequence[Conversation],
        by: str | Sequence[str] | None = "team",
        *,
        today: dt.date,
        roster: object = None,
        on_error: str = "raise",
    ) -> pd.DataFrame:
        """The publication's overdue actions, kept."""
        grouping: Any = by
        extra: dict[str, Any] = {"today": today, "roster": roster, "on_error": on_error}
        frame: pd.DataFrame = self.publication.overdue_actions(records, grouping, **extra)
        size = self.publication.min_group_size
        self.calls.append(overdue_call(frame, records, by=by, today=today, min_group_size=size, roster=roster))
        return frame

    def to_pandas(
        self,
        records: Sequence[Conversation],
        table: str,
        *,
        by: str | Sequence[str],
        roster: object = None,
        on_error: str = "raise",
    ) -> pd.DataFrame:
        """The publication's grouped table, kept."""
        name: Any = table
        grouping: Any = by
        extra: dict[str, Any] = {"by": grouping, "roster": roster, "on_error": on_error}
        frame: pd.DataFrame = self.publication.to_pandas(records, name, **extra)
        size = self.publication.min_group_size
        self.calls.append(table_call(frame, records, table, by=by, min_group_size=size, roster=roster))
        return frame

    def reopen(self, path: str | os.PathLike[str]) -> None:
        """Save the publication to the ledger ``path`` and go on with the publication :meth:`open` makes of it."""
        self.publication.save(path)
        self.publication = careerconv.Publication.open(path, min_group_size=self.publication.min_group_size)

    def attack(self, *, atoms: bool = True) -> Report:
        """:func:`attack` on everything kept."""
        return attack(self.calls, atoms=atoms)


# --------------------------------------------------------------------------------------------------------------
# 5. Reading the frames into equations
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    """A row's group in a call: its key, whether it is a (sub)total, how many key parts it fixes, its units.

    In a call that sums rankings, ``units`` are only those with the row's common motivation set, ``common``.
    """

    call: int
    key: Key
    total: bool
    depth: int
    units: frozenset[str]
    common: frozenset[str] | None = None

    def label(self, calls: Sequence[Call]) -> str:
        call = calls[self.call]
        names = (("period",) if call.period else ()) + call.by
        fixed = [f"{name}={value}" for name, value in zip(names[: self.depth], self.key, strict=False)]
        shown = ", ".join(part for part in fixed if not (part.startswith("period=") and part == "period=None"))
        return f"{call.describe()} [{shown or 'everyone'}{' total' if self.total else ''}]"


def _line_key(line: Mapping[Hashable, Any], call: Call) -> tuple[Key, bool]:
    """A frame line's key (``(period,)`` if any, then the ``by`` values) and whether it is a (sub)total's."""
    names = (("period",) if call.period else ()) + call.by
    key = tuple(None if (value := _plain(line.get(name))) is None else str(value) for name in names)
    return key, bool(line.get("total", False))


def _shared(one: Key, other: Key) -> int:
    """How many leading parts two keys share."""
    return next((i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b), len(one))


class _Depths:
    """How many key parts each row of a frame fixes, read in the frame's order.

    A group's row fixes its whole key. A (sub)total has the keys past its level empty, so its level is at least
    the number of leading keys it shows; when a group's own value is empty (a roster cell), a subtotal and the
    total after it look alike, and the order tells them apart: each subtotal follows its groups (sharing their
    leading keys) and is one level above the row before it. With ``by=None`` every row is the total, at full
    depth; the period (with one) is always fixed.
    """

    def __init__(self, call: Call) -> None:
        self.size = (1 if call.period else 0) + len(call.by)
        self.fixed = 1 if call.period else 0
        self.grouped = bool(call.by)
        self.leaf: Key | None = None
        self.last = self.size

    def __call__(self, key: Key, total: bool) -> int:
        """The depth of a new row with this key."""
        if not total or not self.grouped:
            self.leaf, self.last = key, self.size
            return self.size
        leading = self.fixed + next((i for i, part in enumerate(key[self.fixed :]) if part is None), 0)
        depth = leading
        if self.leaf is not None and self.leaf[: self.fixed] == key[: self.fixed]:
            depth = max(leading, min(self.last - 1, _shared(self.leaf, key)))
        self.last = depth
        return depth


def _whole(value: Any, what: str) -> int:
    """A published count or sum: a whole number (a mean times its people is one, up to the float's rounding)."""
    number = float(value)
    whole = round(number)
    if abs(number - whole) > 1e-6:
        raise ValueError(f"{what} is {number}, not a whole number")
    return whole


@dataclass
class _Knowledge:
    """Everything read from the calls: blocks of equations, the groups behind rows, the suppressed rows."""

    calls: Sequence[Call]
    blocks: dict[str, Block] = field(default_factory=dict)
    groups: dict[tuple[int, Key, bool, int], _Group] = field(default_factory=dict)
    suppressed: list[tuple[str, str, Functional, str]] = field(default_factory=list)  # block, figure, f, label
    call_units: list[frozenset[str]] = field(default_factory=list)
    when: dict[str, tuple[bool, dt.date, str]] = field(default_factory=dict)  # record id -> its place in time
    sets: dict[str, frozenset[str]] = field(default_factory=dict)  # record id -> its motivation set
    mismatches: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def block(self, name: str, *, relations: bool = False, changes: bool = True) -> Block:
        if name not in self.blocks:
            self.blocks[name] = Block(name, relations=relations, changes=changes)
        return self.blocks[name]

    def group(self, number: int, units: Mapping[str, Key], key: Key, total: bool, depth: int) -> _Group:
        """The group of a row: the units whose key starts with the row's ``depth`` parts.

        In a call that sums rankings, only those of them whose motivation set is the most common one among
        them (ties to the set whose label sorts first): :func:`common_set`.
        """
        found = self.groups.get((number, key, total, depth))
        if found is None:
            members = frozenset(unit for unit, full in units.items() if full[:depth] == key[:depth])
            common = None
            if sums_rankings(self.calls[number]):
                common = common_set(self.sets[unit] for unit in members)
                members = frozenset(unit for unit in members if self.sets[unit] == common)
            found = self.groups[(number, key, total, depth)] = _Group(number, key, total, depth, members, common)
        return found

    def rows(
        self, number: int, units: Mapping[str, Key], lines: Sequence[Mapping[Hashable, Any]]
    ) -> Iterator[tuple[_Group, Mapping[Hashable, Any]]]:
        """Each line of a frame with its row's group, in the frame's order.

        A row of a motivations summary has a line per motivation: a line starts a new row when its key or its
        flags differ from the row's, or the row has had a line for its motivation already. A row shown must
        have a line for each motivation of its common set and no other; a hidden row's lines are not checked
        (which motivations they name tells nothing of the figures).
        """
        call = self.calls[number]
        depths = _Depths(call)
        group: _Group | None = None
        hidden = False
        named: set[str] = set()  # the motivations the current row has had lines for
        for line in lines:
            key, total = _line_key(line, call)
            if call.kind != "motivations":  # one line per row (a table: per item, its group's row fixes all keys)
                depth = len(key) if call.kind == "table" else depths(key, total)
                yield self.group(number, units, key, total, depth), line
                continue
            motivation = str(line.get("motivation"))
            flag = bool(line.get("suppressed"))
            if group is None or (group.key, group.total, hidden) != (key, total, flag) or motivation in named:
                if group is not None:
                    self._lines(group, hidden, named)
                group = self.group(number, units, key, total, depths(key, total))
                hidden, named = flag, set()
            named.add(motivation)
            yield group, line
        if group is not None:
            self._lines(group, hidden, named)

    def _lines(self, group: _Group, hidden: bool, named: set[str]) -> None:
        """A shown row's motivations are its common set's."""
        if not hidden and named != set(group.common or ()):
            extra, absent = sorted(named - (group.common or set())), sorted((group.common or set()) - named)
            self.mismatches.append(f"{group.label(self.calls)}: lines for {extra} not of its set, none for {absent}")

    def missing(self, number: int, units: Mapping[str, Key], shown: Iterable[_Group]) -> None:
        """Each group the call's units make has a row (a group's key with the total flag ``by=None`` gives)."""
        call = self.calls[number]
        have = {(group.key, group.depth) for group in shown}
        for full in sorted(set(units.values()), key=repr):
            if (full, len(full)) not in have:
                self.mismatches.append(f"{call.describe()}: no row for group {full}")

    def show(self, block: Block, row: Functional, value: Value, label: str) -> None:
        """A row shown, checked against the truth over the units derived for it, and kept as an equation.

        A row that disagrees is reported and left out: every equation the attacker uses is true of the records.
        """
        truth = block.truth(row)
        value = {name: amount for name, amount in value.items() if amount}  # as the truth: no zero parts
        if value != truth:
            self.mismatches.append(f"{label}: published {_show(value)}, the records give {_show(truth)}")
        else:
            block.add_row(row, value, label)

    def read(self, number: int) -> None:
        call = self.calls[number]
        units = units_of(call)
        self.call_units.append(frozenset(units))
        records = {record.id: record for record in call.records}
        self.when.update({record.id: _order(record) for record in call.records})
        self.sets.update({record.id: motivation_set(record) for record in call.records})
        lines = call.frame.to_dict("records")
        if call.kind == "motivations":
            self._read_motivations(number, units, records, lines)
        elif call.kind == "overdue":
            self._read_overdue(number, units, records, lines)
        else:
            self._read_table(number, units, records, lines)

    def _read_motivations(
        self,
        number: int,
        units: Mapping[str, Key],
        records: Mapping[str, Conversation],
        lines: list[dict[Hashable, Any]],
    ) -> None:
        call = self.calls[number]
        ranking = self.block("ranking", relations=True)
        people = self.block("people", changes=False)
        for block in (ranking, people):
            block.min_people = max(block.min_people, call.min_group_size)
        for unit in units:
            record = records[unit]
            truth, total = ranking_truth(record)
            ranking.add_unit(unit, record.employee.id, truth, total)
            people.add_unit(unit, record.employee.id, {"": {"people": 1}})
            for motivation in truth:
                ranking.figures[motivation][unit] = motivation
                people.figures[f"people ranking {motivation}"][unit] = ""
        groups: set[_Group] = set()
        for group, line in self.rows(number, units, lines):
            groups.add(group)
            motivation = str(line["motivation"])
            label = f"{group.label(self.calls)} {motivation}"
            sums = ranking.functional(motivation, group.units)
            count = people.functional(f"people ranking {motivation}", group.units)
            if line.get("suppressed"):
                self.suppressed.append((ranking.name, motivation, sums, label))
                self.suppressed.append((people.name, f"people ranking {motivation}", count, label))
                continue
            try:
                shown = _whole(line["people"], f"{label} people")
                position = _whole(float(line["mean_position"]) * shown, f"{label} people * mean_position")
                top3 = _whole(float(line["top3_share"]) * shown, f"{label} people * top3_share")
            except (TypeError, ValueError) as error:
                self.problems.append(f"{label}: {error}")
                continue
            self.show(ranking, sums, {"position": position, "top3": top3}, label)
            self.show(people, count, {"people": shown}, label)
        self.missing(number, units, groups)

    def _read_overdue(
        self,
        number: int,
        units: Mapping[str, Key],
        records: Mapping[str, Conversation],
        rows: list[dict[Hashable, Any]],
    ) -> None:
        call = self.calls[number]
        assert call.today is not None
        people = self.block("people", changes=False)
        opened = self.block("open actions")
        late = self.block(f"overdue actions on {call.today}")
        figures = [
            (people, "people", ("people",)),
            (opened, "open_actions", ("open_actions",)),
            (late, "overdue", ("overdue_actions", "people_overdue")),
        ]
        for block, _, _ in figures:
            block.min_people = max(block.min_people, call.min_group_size)
        for unit in units:
            record = records[unit]
            open_count, overdue_count = action_truth(record, call.records, call.today)
            person = record.employee.id
            people.add_unit(unit, person, {"": {"people": 1}})
            opened.add_unit(unit, person, {"": {"open_actions": open_count}})
            late.add_unit(
                unit, person, {"": {"overdue_actions": overdue_count, "people_overdue": int(overdue_count > 0)}}
            )
            for block, figure, _ in figures:
                block.figures[figure][unit] = ""
        groups: set[_Group] = set()
        for group, row in self.rows(number, units, rows):
            groups.add(group)
            label = group.label(self.calls)
            for block, figure, columns in figures:
                functional = block.functional(figure, group.units)
                if row.get("suppressed"):
                    self.suppressed.append((block.name, figure, functional, label))
                    continue
                try:
                    value: Value = {column: _whole(row[column], f"{label} {column}") for column in columns}
                except (TypeError, ValueError) as error:
                    self.problems.append(f"{label}: {error}")
                    continue
                self.show(block, functional, value, label)
        self.missing(number, units, groups)

    def _read_table(
        self,
        number: int,
        units: Mapping[str, Key],
        records: Mapping[str, Conversation],
        rows: list[dict[Hashable, Any]],
    ) -> None:
        call = self.calls[number]
        assert call.table is not None
        columns = [str(name) for name in call.frame.columns if name not in {*call.by, "suppressed", "total"}]
        items = table_items(list(records.values()), call.table, columns)
        block = self.block(f"{call.table} table")
        block.min_people = max(block.min_people, call.min_group_size)
        for unit in units:
            block.add_unit(unit, records[unit].employee.id, {"": dict(items[unit])})
            block.figures["items"][unit] = ""
        shown: dict[_Group, Counter[Hashable]] = {}
        hidden: set[_Group] = set()
        for group, row in self.rows(number, units, rows):
            if row.get("suppressed"):
                hidden.add(group)
            else:
                shown.setdefault(group, Counter())[tuple(_plain(row.get(column)) for column in columns)] += 1
        for group in hidden:
            functional = block.functional("items", group.units)
            self.suppressed.append((block.name, "items", functional, group.label(self.calls)))
        for group, counts in shown.items():
            if group in hidden:
                self.problems.append(f"{group.label(self.calls)}: both shown and suppressed rows")
            else:
                self.show(block, block.functional("items", group.units), dict(counts), group.label(self.calls))


# --------------------------------------------------------------------------------------------------------------
# 6. Targets and the attack
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Disclosure:
    """A figure of fewer than ``k`` people that the rows shown determine, with the value a reader computes."""

    kind: str  # one of TARGETS
    label: str  # which row, record, person or set, in words
    block: str  # "ranking", "people", "open actions", "answers table", ...
    figure: str  # "mastery", "people ranking mastery", "items", ...
    people: frozenset[str]
    records: frozenset[str]
    value: Mapping[Hashable, Number]  # what the reader computes (components that are 0 are left out)
    truth: Mapping[Hashable, Number]  # what the records say

    def __str__(self) -> str:
        """One line: the target, the figure, how many people, and the value."""
        who = ", ".join(sorted(self.people))
        many = "person" if len(self.people) == 1 else "people"
        about = f"{self.block} {self.figure} of {len(self.people)} {many} ({who})"
        return f"{self.kind} {self.label}: {about} = {_show(self.value)}"


@dataclass
class Report:
    """What the attack proved: the disclosures, and anything published that disagrees with the spec."""

    disclosures: list[Disclosure]
    #: Rows shown (or values recovered) that differ from the truth the spec gives them.
    mismatches: list[str]
    #: Frames or cells the attacker could not read (reported, never raised).
    problems: list[str]
    #: Per block: distinct rows shown, and independent equations (rows and relations).
    rank: dict[str, tuple[int, int]]

    def about(
        self,
        *,
        people: Iterable[str] | None = None,
        kind: str | None = None,
        block: str | None = None,
        figure: str | None = None,
    ) -> list[Disclosure]:
        """The disclosures matching every filter given (``people``: exactly that set of people)."""
        wanted = frozenset(people) if people is not None else None
        return [
            found
            for found in self.disclosures
            if (wanted is None or found.people == wanted)
            and (kind is None or found.kind == kind)
            and (block is None or found.block == block)
            and (figure is None or found.figure == figure)
        ]

    def __str__(self) -> str:
        """The report in lines: disclosures, then mismatches and problems."""
        lines = [f"{len(self.disclosures)} disclosure(s)", *(f"  {found}" for found in self.disclosures)]
        lines += [f"mismatch: {line}" for line in self.mismatches] + [f"problem: {line}" for line in self.problems]
        return "\n".join(lines)


def _show(value: Mapping[Hashable, Number]) -> str:
    return (
        "{" + ", ".join(f"{name}: {amount}" for name, amount in sorted(value.items(), key=lambda kv: repr(kv[0]))) + "}"
    )


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _small_sets(groups: Mapping[frozenset[str], str], person: Mapping[str, str], k: int) -> dict[frozenset[str], str]:
    """Every region of the Venn diagram of up to three groups with fewer than ``k`` people, with its formula.

    A region of three groups that is a region of two of them (when two of the three do not meet) is left to
    the pairs.
    """
    universe = sorted(set().union(*groups))
    index = {unit: number for number, unit in enumerate(universe)}
    masks = [sum(1 << index[unit] for unit in units) for units in groups]
    labels = [f"({label})" for label in groups.values()]
    limit = k * max(Counter(person[unit] for unit in universe).values(), default=1)  # more units: k people or more
    found: dict[int, tuple[str, int, int, int]] = {}  # region -> (formula, its groups)

    def keep(mask: int, formula: str, a: int, b: int, c: int = -1) -> None:
        if mask and mask.bit_count() < limit and mask not in found:
            found[mask] = (formula, a, b, c)

    for a, b in itertools.combinations(range(len(masks)), 2):
        first, second = masks[a], masks[b]
        keep(first & ~second, "{a} minus {b}", a, b)
        keep(second & ~first, "{b} minus {a}", a, b)
        keep(first & second, "{a} and {b}", a, b)
    for a, b, c in itertools.combinations(range(len(masks)), 3):
        first, second, third = masks[a], masks[b], masks[c]
        ab, ac, bc = first & second, first & third, second & third
        if ab & third:
            keep(ab & third, "{a} and {b} and {c}", a, b, c)
            keep(ab & ~third, "{a} and {b} minus {c}", a, b, c)
            keep(ac & ~second, "{a} and {c} minus {b}", a, b, c)
            keep(bc & ~first, "{b} and {c} minus {a}", a, b, c)
        if ab and ac:
            keep(first & ~(second | third), "{a} minus {b} minus {c}", a, b, c)
        if ab and bc:
            keep(second & ~(first | third), "{b} minus {a} minus {c}", a, b, c)
        if ac and bc:
            keep(third & ~(first | second), "{c} minus {a} minus {b}", a, b, c)
    sets: dict[frozenset[str], str] = {}
    for mask, (formula, a, b, c) in found.items():
        units = frozenset(universe[bit] for bit in _bits(mask))
        if len({person[unit] for unit in units}) < k:
            sets[units] = formula.format(a=labels[a], b=labels[b], c=labels[c] if c >= 0 else "")
    return sets


#: A target: (family, label, block, figure, functional).
Target = tuple[str, str, str, str, Functional]


def _targets(knowledge: _Knowledge) -> Iterator[Target]:
    """Every target of every family, in the order of :data:`TARGETS`."""
    blocks = list(knowledge.blocks.values())
    calls = knowledge.calls
    # (a) every suppressed row's figures
    for block_name, figure, functional, label in knowledge.suppressed:
        yield "suppressed row", label, block_name, figure, functional
    # (b) each single unit: one record's figures
    for block in blocks:
        for figure, subs in block.figures.items():
            for unit in subs:
                yield "record", f"record {unit}", block.name, figure, block.functional(figure, [unit])
    # (c) each person's change between two of their units: the later less the earlier
    for block in blocks:
        if not block.changes:
            continue
        by_person: dict[str, list[str]] = defaultdict(list)
        for unit, info in block.units.items():
            by_person[info.person].append(unit)
        for who, units in by_person.items():
            for first, second in itertools.combinations(sorted(units, key=knowledge.when.__getitem__), 2):
                for figure, subs in block.figures.items():
                    if first in subs and second in subs:
                        change: Functional = {(second, subs[second]): 1, (first, subs[first]): -1}
                        yield "change", f"{who}: record {second} - record {first}", block.name, figure, change
    # (d) each row less another, and every Venn region of up to three rows (shown or suppressed)
    person = {unit: info.person for block in blocks for unit, info in block.units.items()}
    k = max((block.min_people for block in blocks), default=5)
    distinct: dict[frozenset[str], str] = {}  # rows of the same units are one row (the first one's label)
    for group in knowledge.groups.values():
        distinct.setdefault(group.units, group.label(calls))
    groups = list(distinct)
    labels = list(distinct.values())
    people = [frozenset(person[unit] for unit in units) for units in groups]
    holding = [[block for block in blocks if not units.isdisjoint(block.units)] for units in groups]
    sums: dict[tuple[int, str, str], Functional] = {}

    def summed(number: int, block: Block, figure: str) -> Functional:
        """A group's sum of a figure (kept: a group is in many pairs)."""
        key = (number, block.name, figure)
        if key not in sums:
            sums[key] = block.functional(figure, groups[number])
        return sums[key]

    # Two groups' difference is about at least as many people as their counts of people differ by: only
    # groups whose counts are within k of each other are compared.
    order = sorted(range(len(groups)), key=lambda number: len(people[number]))
    for place, one in enumerate(order):
        for other in order[place + 1 :]:
            if len(people[other]) - len(people[one]) >= k:
                break
            low, high = (one, other) if one < other else (other, one)
            if len({person[unit] for unit in groups[low] ^ groups[high]}) >= k:
                continue  # the difference is about k people or more
            label = f"({labels[low]}) - ({labels[high]})"
            for block in {id(block): block for block in holding[low] + holding[high]}.values():
                for figure in block.figures:
                    difference = dict(summed(low, block, figure))
                    _add_scaled(difference, -1, summed(high, block, figure))
                    yield "row difference", label, block.name, figure, difference
    for region, formula in _small_sets(distinct, person, k).items():
        for block in blocks:
            if region.isdisjoint(block.units):
                continue
            for figure in block.figures:
                yield "set", formula, block.name, figure, block.functional(figure, region)
    # (e) in a small population, every set of fewer than k people: all their units, and their units in each call
    for block in blocks:
        everyone = sorted({info.person for info in block.units.values()})
        if len(everyone) > SMALL_POPULATION:
            continue
        for size in range(1, block.min_people):
            for chosen in itertools.combinations(everyone, size):
                picked = frozenset(unit for unit, info in block.units.items() if info.person in chosen)
                label = f"people {', '.join(chosen)}"
                for part in {picked} | {picked & units for units in knowledge.call_units}:
                    for figure in block.figures:
                        yield "subset", label, block.name, figure, block.functional(figure, part)


def attack(calls: Sequence[Call], *, atoms: bool = True) -> Report:
    """Every disclosure the rows shown by ``calls`` prove, with the value a reader computes for each.

    A target is reported once, under the first family that finds it (a functional and its negative are one).
    ``atoms=False`` solves on the units themselves: slower, and the reference the atom reduction is checked
    against.
    """
    knowledge = _Knowledge(calls)
    for number, call in enumerate(calls):
        try:
            knowledge.read(number)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            knowledge.problems.append(f"{call.describe()}: cannot read it ({type(error).__name__}: {error})")
    for block in knowledge.blocks.values():
        block.seal(atoms=atoms)
        knowledge.mismatches += block.conflicts
    disclosures: list[Disclosure] = []
    tried: set[tuple[str, frozenset[tuple[tuple[str, str], Number]]]] = set()
    for kind, label, name, figure, functional in _targets(knowledge):
        if not functional:
            continue
        block = knowledge.blocks[name]
        people = block.people(functional)
        if not 0 < len(people) < block.min_people:
            continue
        sign = 1 if functional[min(functional)] > 0 else -1
        key = (name, frozenset((var, sign * amount) for var, amount in functional.items()))
        if key in tried:
            continue
        tried.add(key)
        if block.trivial(functional):
            continue
        if not block.changes and not any(block.per_person(functional).values()):
            continue  # a count that only compares a person's units with each other says nothing of anyone
        value = block.solve(functional)
        if value is None:
            continue
        truth = block.truth(functional)
        if value != truth:
            knowledge.mismatches.append(f"{kind} {label}: the rows give {_show(value)}, the records {_show(truth)}")
        records = frozenset(unit for unit, _ in functional)
        disclosures.append(Disclosure(kind, label, name, figure, people, records, value, truth))
    rank = {name: (block.shown, block.rank) for name, block in knowledge.blocks.items()}
    return Report(disclosures, knowledge.mismatches, knowledge.problems, rank)


def register_extended_template(monkeypatch: Any, folder: os.PathLike[str] | str) -> None:
    """Make the template ``extended`` known: the bundled ``standard`` one, with an eighth motivation, "learning".

    Written to ``folder`` and put on the template path through ``monkeypatch`` (pytest's fixture); the
    registry is refreshed now: refresh it again after ``monkeypatch.undo()``. The motivations table orders its
    motivations by the templates it knows.
    """
    # The bundled templates' one home: the repository's top-level templates/ folder.
    bundled = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "templates", "standard.yaml")
    with open(bundled, encoding="utf-8") as handle:
        standard = handle.read()
    last = "      - {id: compensation, label: Compensation}\n"
    assert standard.count(last) == 1
    assert standard.count("\nname: standard\n") == 1
    text = standard.replace("\nname: standard\n", "\nname: extended\n")
    text = text.replace(last, last + "      - {id: learning, label: Desire to learn}\n")
    path = os.path.join(os.fspath(folder), "extended.yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    monkeypatch.setenv("CAREERCONV_TEMPLATE_PATH", os.fspath(folder))
    careerconv.refresh_templates()
    assert "learning" in [motivation.id for motivation in careerconv.get_template("extended").motivations()]


def switch_off_the_rule(monkeypatch: Any) -> None:
    """Switch the library's cross-summary rule off for one test (``monkeypatch``: pytest's fixture).

    ``careerconv.analytics.disclosure._Search.violation`` is the documented switch: a search that never finds
    a violation shows every row its summary alone would. Nothing else of that module is read here.
    """
    import careerconv.analytics.disclosure as disclosure  # only the switch, and only when asked

    monkeypatch.setattr(disclosure._Search, "violation", lambda self: None)


__all__ = [
    "TARGETS",
    "Block",
    "Call",
    "Disclosure",
    "Reader",
    "Report",
    "Span",
    "action_truth",
    "attack",
    "common_set",
    "motivation_set",
    "motivations_call",
    "overdue_call",
    "period_of",
    "population",
    "ranking_truth",
    "read_roster",
    "register_extended_template",
    "set_label",
    "sums_rankings",
    "switch_off_the_rule",
    "table_call",
    "units_of",
]
