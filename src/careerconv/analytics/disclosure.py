"""Disclosure control across everything one publication shows: which rows to hide so that nothing small comes back.

A reader of published summaries holds every row they were shown, and adds and subtracts them. Each row's
figures are sums over **units**, the records behind it (a person's latest ranking, the record an answer or
action row comes from). Give each unit its **signature**, the set of shown rows it is counted in; units of one
signature form an **atom**. Any combination of shown rows is the same on every unit of an atom, so a reader can
determine a sum over a set of units only when the set is a union of whole atoms. Hence the rule this module
keeps, for every atom of units counted in at least one shown row:

- it holds units of at least ``minimum`` distinct people (the largest minimum of the rows it is counted in:
  5, or 10 for rows of free text);
- where a row it is counted in sums rankings, its units ranked one set of motivations: a ranking's positions
  add up to n(n+1)/2, which a reader knows, so an atom mixing sets would give the odd ones away.

Then no figure of fewer than ``minimum`` people is determined by any combination of the rows shown: not a
small group's (a union of atoms has at least as many people), not one record's, not one person's change
between two records (its vector is +1 on one unit and -1 on another, never the same on a whole atom).

A `Ledger` holds the rows shown so far, their units as keyed hashes. `Ledger.publish` takes the
rows of a new summary, hides those with too few people (primary suppression), then, while some atom breaks the
rule, hides one more of the new rows that would merge it with a neighbour (secondary suppression: within one
summary that is the complement of a small group; across summaries, a row that an earlier one would give away).
Rows shown before are never taken back; hiding every new row always restores a state that kept the rule, so
it ends. The ledger is saved and reopened (`Ledger.to_json`, `Ledger.from_json`), so later
publications are checked against earlier ones.

This module knows nothing of records or pandas: it sees keys, units, people and labels, as text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import attrs

__all__ = [
    "LEDGER_VERSION",
    "REASONS",
    "Key",
    "Ledger",
    "LedgerError",
    "Reason",
    "Row",
    "Suppression",
    "one_set",
    "rows_of",
]

#: A row's key: the grouping's values, as many as the row's level.
Key: TypeAlias = tuple[Hashable, ...]
Reason: TypeAlias = Literal["small group", "complement", "earlier row", "ranking sum"]
#: Why a row is hidden: too few people in it; it would give a hidden row of its own summary away; it would
#: give away, with a row shown earlier, fewer people than the minimum; its people ranked different sets of
#: motivations, which the ranking sum would give away.
REASONS: tuple[Reason, ...] = ("small group", "complement", "earlier row", "ranking sum")
#: The version of the ledger file this careerconv writes and reads.
LEDGER_VERSION = 1

_MASK = (1 << 64) - 1  # signatures are sums of random 64-bit row weights: a collision is 1 in 2**64


class LedgerError(ValueError):
    """A ledger that cannot be used: corrupt, of another version, or opened with another minimum."""


@attrs.frozen
class Row:
    """A row a summary would show: its key, the units it sums over, the fewest people it may show.

    ``rankings``: its figures include sums of ranking positions, so its units' labels (their motivation sets)
    matter.
    """

    key: Key
    units: frozenset[str]
    minimum: int
    rankings: bool = False


@attrs.frozen
class Suppression:
    """A row hidden: in which summary (its number and what it was), its key, and why."""

    summary: int
    what: str
    key: Key
    reason: Reason


def rows_of(groups: Mapping[Key, Iterable[str]], top: int = 0) -> dict[Key, frozenset[str]]:
    """Every row a summary of ``groups`` publishes: each group and each prefix of its key down to level ``top``.

    Each value is the set of units the row sums over.

    Examples:
        >>> rows = rows_of({("a", "x"): {"1", "2"}, ("a", "y"): {"3"}, ("b", "x"): {"4"}})
        >>> for key, units in sorted(rows.items()):
        ...     print(key, sorted(units))
        () ['1', '2', '3', '4']
        ('a',) ['1', '2', '3']
        ('a', 'x') ['1', '2']
        ('a', 'y') ['3']
        ('b',) ['4']
        ('b', 'x') ['4']
    """
    rows: dict[Key, set[str]] = {}
    for key, units in groups.items():
        for level in range(top, len(key) + 1):
            rows.setdefault(key[:level], set()).update(units)
    return {key: frozenset(units) for key, units in rows.items()}


def one_set(members: Iterable[str], labels: Mapping[str, str]) -> frozenset[str]:
    """The members whose label (motivation set) is the one most of them have (the first, when several tie).

    A ranking's positions add up to n(n+1)/2: a row mixing people who ranked different sets of motivations would
    give the odd ones' positions away. So a row that sums rankings counts the people of one set; a person who
    ranked another (a newer version of the template) counts in the rows where theirs is the common set.

    Examples:
        >>> sorted(one_set(["a", "b", "c"], {"a": "7", "b": "7", "c": "8"}))
        ['a', 'b']
    """
    found = list(members)
    counts: dict[str, int] = {}
    for member in found:
        counts[labels[member]] = counts.get(labels[member], 0) + 1
    if not counts:
        return frozenset()
    common = min(counts, key=lambda value: (-counts[value], value))
    return frozenset(member for member in found if labels[member] == common)


@attrs.define
class _Shown:
    """A row shown: its summary, key, minimum, whether it sums rankings, its units (by index), its weight."""

    summary: int
    key: Key
    minimum: int
    rankings: bool
    units: tuple[int, ...]
    weight: int


@attrs.define
class _State:
    """What a ledger holds of the units and rows, indexed for the search: every list is per unit."""

    index: dict[str, int] = attrs.Factory(dict)  # a unit's hash -> its index
    hashes: list[str] = attrs.Factory(list)
    person: list[str] = attrs.Factory(list)  # the hash of the unit's person
    label: list[str] = attrs.Factory(list)  # the hash of the unit's motivation set ("" for none)
    signature: list[int] = attrs.Factory(list)  # the sum of the weights of the shown rows the unit is in
    inside: list[list[int]] = attrs.Factory(list)  # the shown rows the unit is in
    rows: list[_Shown] = attrs.Factory(list)
    atoms: dict[int, set[int]] = attrs.Factory(dict)  # a signature (not 0) -> its units

    def add_unit(self, hashed: str, person: str, label: str) -> int:
        found = self.index.get(hashed)
        if found is None:
            found = self.index[hashed] = len(self.hashes)
            self.hashes.append(hashed)
            self.person.append(person)
            self.label.append(label)
            self.signature.append(0)
            self.inside.append([])
        return found

    def show(self, row: _Shown) -> None:
        number = len(self.rows)
        self.rows.append(row)
        for unit in row.units:
            old = self.signature[unit]
            if old:
                atom = self.atoms[old]
                atom.discard(unit)
                if not atom:
                    del self.atoms[old]
            new = (old + row.weight) & _MASK
            self.signature[unit] = new
            self.atoms.setdefault(new, set()).add(unit)
            self.inside[unit].append(number)


class Ledger:
    """The rows one publication has shown, as units; what a reader of all of them holds.

    Units, people and labels are kept as keyed hashes (HMAC-SHA256 with the ledger's own random key): the
    ledger names no one in clear. Row keys (team names, periods) are kept as they are.

    Examples:
        >>> ledger = Ledger(5)
        >>> people = {f"r{n}": f"p{n}" for n in range(12)}
        >>> team = Row(("t",), frozenset(f"r{n}" for n in range(12)), 5)
        >>> ledger.publish("everyone", [team], people)
        frozenset()
        >>> less = Row(("t",), frozenset(f"r{n}" for n in range(1, 12)), 5)  # the same team less one person
        >>> sorted(ledger.publish("everyone but one", [less], people))
        [('t',)]
        >>> [(s.summary, s.key, s.reason) for s in ledger.suppressed]
        [(1, ('t',), 'earlier row')]
    """

    def __init__(self, minimum: int, *, secret: bytes | None = None) -> None:
        """An empty ledger for rows of at least ``minimum`` people; ``secret`` keys its hashes (random)."""
        self.minimum = minimum
        self.secret = secret if secret is not None else secrets.token_bytes(32)
        self.summaries: list[str] = []
        self.suppressed: list[Suppression] = []
        self._state = _State()

    def __repr__(self) -> str:
        """Counts only: never who."""
        return f"<Ledger: minimum {self.minimum}, {len(self.summaries)} summaries, {self.rows_shown} rows shown>"

    @property
    def rows_shown(self) -> int:
        """How many rows have been shown."""
        return len(self._state.rows)

    def digest(self, kind: str, value: str) -> str:
        """``value``'s keyed hash, as the ledger keeps it."""
        mac = hmac.new(self.secret, f"{kind}\0{value}".encode("utf-8", "surrogatepass"), hashlib.sha256)
        return mac.hexdigest()[:32]

    def publish(
        self,
        what: str,
        rows: Sequence[Row],
        people: Mapping[str, str],
        labels: Mapping[str, str] | None = None,
    ) -> frozenset[Key]:
        """The keys of ``rows`` to hide so that every atom of everything shown keeps the rule.

        The rows not hidden are remembered as shown; the hidden ones, and why, in `suppressed`. ``what``
        names the summary (for the audit); ``people`` maps each unit to its person, ``labels`` each unit of a
        row that sums rankings to its motivation set.
        """
        state = self._state
        number = len(self.summaries)
        self.summaries.append(what)
        given = labels or {}

        known: dict[str, int] = {}

        def index(unit: str) -> int:
            found = known.get(unit)
            if found is None:
                label = given.get(unit, "")
                person = self.digest("person", people[unit])
                found = known[unit] = state.add_unit(
                    self.digest("unit", unit), person, self.digest("label", label) if label else ""
                )
            return found

        units = [tuple(index(unit) for unit in sorted(row.units)) for row in rows]
        weights = [secrets.randbits(64) | 1 for _ in rows]
        hidden: dict[int, Reason] = {}
        for i, row in enumerate(rows):
            if len({state.person[u] for u in units[i]}) < row.minimum:
                hidden[i] = "small group"
        search = _Search(state, rows, units, weights, hidden)
        while (found := search.violation()) is not None:
            pick, reason = found
            search.hide(pick)
            hidden[pick] = reason
        for i, row in enumerate(rows):
            if i in hidden:
                self.suppressed.append(Suppression(number, what, row.key, hidden[i]))
            else:
                state.show(_Shown(number, row.key, row.minimum, row.rankings, units[i], weights[i]))
        return frozenset(rows[i].key for i in hidden)

    # ------------------------------------------------------------------------------------------ the file

    def to_json(self) -> dict[str, Any]:
        """The ledger as JSON data: the key, the units' hashes, the rows shown, the summaries, what was hidden."""
        state = self._state
        return {
            "careerconv": "publication ledger",
            "version": LEDGER_VERSION,
            "min_group_size": self.minimum,
            "secret": base64.b64encode(self.secret).decode("ascii"),
            "units": [list(unit) for unit in zip(state.hashes, state.person, state.label, strict=True)],
            "summaries": list(self.summaries),
            "rows": [
                {
                    "summary": r.summary,
                    "key": _json_key(r.key),
                    "minimum": r.minimum,
                    "rankings": r.rankings,
                    "units": list(r.units),
                }
                for r in state.rows
            ],
            "suppressed": [
                {"summary": s.summary, "key": _json_key(s.key), "reason": s.reason} for s in self.suppressed
            ],
        }

    @classmethod
    def from_json(cls, data: Any, minimum: int) -> Ledger:
        """The ledger ``data`` holds; `LedgerError` when it is not one, or was kept with another minimum."""
        _check(isinstance(data, dict) and data.get("careerconv") == "publication ledger", "not a publication ledger")
        version = data.get("version")
        _check(version == LEDGER_VERSION, f"a ledger of version {version!r}; this careerconv reads {LEDGER_VERSION}")
        kept = data.get("min_group_size")
        _check(
            kept == minimum,
            f"the ledger was kept with min_group_size={kept!r}, not {minimum}: open it with the minimum it was kept "
            "with, or start a new ledger",
        )
        try:
            return cls._read(data, minimum)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            if isinstance(error, LedgerError):
                raise
            raise LedgerError(f"a corrupt ledger ({type(error).__name__})") from None

    @classmethod
    def _read(cls, data: dict[str, Any], minimum: int) -> Ledger:
        ledger = cls(minimum, secret=base64.b64decode(data["secret"], validate=True))
        state = ledger._state
        for unit, person, label in data["units"]:
            _check(all(isinstance(v, str) for v in (unit, person, label)), "a unit that is not three hashes")
            state.add_unit(unit, person, label)
        ledger.summaries = [str(what) for what in data["summaries"]]
        count = len(state.hashes)
        for row in data["rows"]:
            units = tuple(int(u) for u in row["units"])
            number = int(row["summary"])
            _check(all(0 <= u < count for u in units) and 0 <= number < len(ledger.summaries), "a row out of range")
            key = _key(row["key"])
            state.show(_Shown(number, key, int(row["minimum"]), bool(row["rankings"]), units, secrets.randbits(64) | 1))
        for item in data["suppressed"]:
            reason = item["reason"]
            _check(reason in REASONS, "an unknown reason")
            number = int(item["summary"])
            ledger.suppressed.append(Suppression(number, ledger.summaries[number], _key(item["key"]), reason))
        return ledger


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise LedgerError(message)


def _json_key(key: Key) -> list[Any]:
    return [value if value is None or isinstance(value, (str, int, float, bool)) else str(value) for value in key]


def _key(values: Any) -> Key:
    _check(
        isinstance(values, list) and all(v is None or isinstance(v, (str, int, float, bool)) for v in values),
        "a row key that is not a list of values",
    )
    return tuple(values)


class _Search:
    """The atoms of everything shown with one summary's rows, kept up to date while rows of it are hidden.

    Only units whose atom can change are followed: the new rows' units and those that shared an atom with them.
    Each atom is checked when it changes; the atoms that break the rule are kept apart, so a step costs what
    the hidden row touches, not the whole publication.
    """

    def __init__(
        self,
        state: _State,
        rows: Sequence[Row],
        units: Sequence[tuple[int, ...]],
        weights: Sequence[int],
        hidden: Mapping[int, Reason],
    ) -> None:
        self.state = state
        self.rows = rows
        self.units = units
        self.weights = weights
        self.visible = [i not in hidden for i in range(len(rows))]
        self.top = min((len(row.key) for row in rows), default=0)  # the level of the summary's totals
        self.people = [len({state.person[u] for u in unit_set}) for unit_set in units]
        self.new_in: dict[int, list[int]] = {}  # a unit -> the new rows it is in
        for i, unit_set in enumerate(units):
            for unit in unit_set:
                self.new_in.setdefault(unit, []).append(i)
        touched: set[int] = set(self.new_in)
        for unit in list(touched):
            old = state.signature[unit]
            if old:
                touched |= state.atoms[old]
        self.extra: dict[int, int] = {}  # a unit -> the sum of the weights of the new rows, visible, it is in
        self.signature: dict[int, int] = {}
        self.atoms: dict[int, set[int]] = {}  # a signature (not 0) -> its units, while rows are hidden
        self.alone: dict[int, set[int]] = {}  # the atoms of the new rows by themselves, by the sum of their weights
        for unit in touched:
            extra = sum(weights[i] for i in self.new_in.get(unit, ()) if self.visible[i]) & _MASK
            self._place(unit, extra)
        self.rowsets: dict[int, frozenset[tuple[bool, int]]] = {}  # a signature -> its rows (a cache)
        self.broken: dict[int, Reason] = {}  # the atoms that break the rule, and why
        for signature in list(self.atoms):
            self._check(signature)

    def _place(self, unit: int, extra: int) -> None:
        """Put ``unit`` in the atoms its rows give it, new rows counted by ``extra``."""
        self.extra[unit] = extra
        signature = (self.state.signature[unit] + extra) & _MASK
        self.signature[unit] = signature
        if signature:
            self.atoms.setdefault(signature, set()).add(unit)
        if extra:
            self.alone.setdefault(extra, set()).add(unit)

    def _take(self, unit: int) -> None:
        for found, key in ((self.atoms, self.signature[unit]), (self.alone, self.extra[unit])):
            if key:
                members = found[key]
                members.discard(unit)
                if not members:
                    del found[key]

    def hide(self, row: int) -> None:
        """Hide a new row: its units move to the atoms of the rows left."""
        self.visible[row] = False
        changed = set()
        for unit in self.units[row]:
            changed.add(self.signature[unit])
            self._take(unit)
            self._place(unit, (self.extra[unit] - self.weights[row]) & _MASK)
            changed.add(self.signature[unit])
        for signature in changed:
            self.broken.pop(signature, None)
            if signature in self.atoms:
                self._check(signature)

    def _check(self, signature: int) -> None:
        members = self.atoms[signature]
        unit = next(iter(members))
        old, new = self.state.inside[unit], self._new_rows(unit)
        if not self._breaks(members, old, new):
            return
        reason: Reason = "ranking sum" if self._mixed(members, old, new) else "earlier row"
        if reason == "earlier row" and self.extra[unit]:
            partners = self.alone[self.extra[unit]]
            if self._breaks(partners, [], self._new_rows(unit)):
                reason = "complement"  # the summary alone would give it away
        self.broken[signature] = reason

    def violation(self) -> tuple[int, Reason] | None:
        """One more new row to hide, and why; ``None`` when every atom keeps the rule.

        The row is one that merges an atom that breaks the rule with a neighbour: one the atom is counted in, or
        one of the rows that part it from a neighbour counted in more rows.
        """
        if not self.broken:
            return None
        # One atom at a time, the one of fewest people first (then the one of the earliest unit).
        signature = min(self.broken, key=lambda key: (self._people(self.atoms[key]), min(self.atoms[key])))
        reason = self.broken[signature]
        members = self.atoms[signature]
        single, parted = self._neighbours(signature, min(members))
        picks = single | set(parted) or set(self._before(members))
        found = {i: (i in single, parted.get(i, 0), reason) for i in picks}
        if found:
            # A total is hidden last (it is often published elsewhere anyway); then a row that merges an atom at
            # once; then one that parts the most neighbours; then the one of fewest people.
            def rank(i: int) -> tuple[bool, bool, int, int, str]:
                at_once, parts, _ = found[i]
                return (len(self.rows[i].key) == self.top, not at_once, -parts, self.people[i], repr(self.rows[i].key))

            pick = min(found, key=rank)
            return pick, found[pick][2]
        # Not expected (a ledger that broke the rule already): hide the new rows, one at a time.
        left = [i for i, visible in enumerate(self.visible) if visible]
        if not left:
            return None
        return min(left, key=lambda i: (self.people[i], repr(self.rows[i].key))), "earlier row"

    def _neighbours(self, signature: int, unit: int) -> tuple[set[int], dict[int, int]]:
        """The new rows whose hiding merges this atom with a neighbour at once, and those that part it from one.

        A neighbour is an atom counted in every row this one is, and more: new rows only, still visible. Every
        such atom holds units of the smallest of this atom's rows, so only those are looked at.
        """
        here = self._rowset(signature, unit)
        new = self._new_rows(unit)
        single = set(new)  # hiding a row the atom is counted in merges it at once
        parted: dict[int, int] = {}
        smallest = min(here, key=lambda row: len(self.units[row[1]] if row[0] else self.state.rows[row[1]].units))
        holders = self.units[smallest[1]] if smallest[0] else self.state.rows[smallest[1]].units
        for other in {self.signature[u] for u in holders if u in self.signature} - {signature, 0}:
            rows = self._rowset(other, next(iter(self.atoms[other])))
            if not here < rows:
                continue
            apart = rows - here
            if all(is_new and self.visible[i] for is_new, i in apart):
                if len(apart) == 1:
                    single.add(next(iter(apart))[1])
                for _, i in apart:
                    parted[i] = parted.get(i, 0) + 1
        return single, parted

    def _rowset(self, signature: int, unit: int) -> frozenset[tuple[bool, int]]:
        """The rows an atom's units are counted in: ``(False, i)`` for a row shown before, ``(True, i)`` a new one."""
        found = self.rowsets.get(signature)
        if found is None:
            rows = [(False, r) for r in self.state.inside[unit]] + [(True, i) for i in self._new_rows(unit)]
            found = self.rowsets[signature] = frozenset(rows)
        return found

    def _before(self, members: Iterable[int]) -> list[int]:
        """The new rows, still visible, holding a unit that shared an atom with ``members`` before this summary.

        An atom that breaks the rule without a neighbour to merge with was parted from its old atom-mates by
        several rows; hiding every such row gives back the atom that kept the rule.
        """
        unit = next(iter(members))
        old_signature = self.state.signature[unit]
        before = self.state.atoms.get(old_signature, set()) if old_signature else set()
        return sorted({i for other in before for i in self.new_in.get(other, ()) if self.visible[i]})

    def _people(self, members: Iterable[int]) -> int:
        return len({self.state.person[u] for u in members})

    def _new_rows(self, unit: int) -> list[int]:
        """The new rows, still visible, a unit is counted in."""
        return [i for i in self.new_in.get(unit, ()) if self.visible[i]]

    def _mixed(self, members: Iterable[int], old: Sequence[int], new: Sequence[int]) -> bool:
        """Whether units counted in a row that sums rankings ranked different sets of motivations."""
        rankings = any(self.state.rows[r].rankings for r in old) or any(self.rows[i].rankings for i in new)
        return rankings and len({self.state.label[u] for u in members}) > 1

    def _breaks(self, members: Iterable[int], old: Sequence[int], new: Sequence[int]) -> bool:
        """Whether an atom counted in these rows breaks the rule: too few people, or mixed motivation sets."""
        needed = max([self.state.rows[r].minimum for r in old] + [self.rows[i].minimum for i in new])
        return self._people(members) < needed or self._mixed(members, old, new)
