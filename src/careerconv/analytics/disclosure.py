"""Disclosure control for summaries: which groups to hide so that no small group can be worked out.

A summary publishes, for each group of a grouping and for each coarser level of it (the subtotals, down to the
grand total), statistics that are sums over the group's people: how many there are, the sum behind a mean,
the count behind a share. Anyone who reads the summary can add and subtract those rows. Hiding the groups
with fewer than ``minimum`` people (primary suppression) is not enough: a total minus its visible groups gives
the one hidden group back. So :func:`protect` also hides complements (secondary suppression, as statistical
offices do with tools such as τ-ARGUS and sdcMicro): under every visible row, the hidden rows are none, or at
least two that hold ``minimum`` people together; a hidden row with rows under it hides one of them too. It then
checks the result exactly: no hidden row is a sum or difference of visible rows (linear algebra over the
rows, :func:`recoverable`), and hides more until none is.

The rows form a tree: a group's key is a tuple, and a row at level ``i`` is the sum of the rows under it that
share its first ``i`` values. This module knows nothing of careerconv's records; it sees keys and people.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import TypeAlias

__all__ = ["Key", "protect", "recoverable", "rows_of"]

#: A row's key: the grouping's values, as many as the row's level.
Key: TypeAlias = tuple[Hashable, ...]

_PRIME = (1 << 61) - 1  # arithmetic modulo a prime: exact, and a false "recoverable" only hides more


def rows_of(groups: Mapping[Key, AbstractSet[Hashable]], top: int = 0) -> dict[Key, frozenset[Hashable]]:
    """Every row a summary of ``groups`` publishes: each group and each prefix of its key down to level ``top``.

    Each value is the set of people the row sums over.

    Examples:
        >>> rows = rows_of({("a", "x"): {1, 2}, ("a", "y"): {3}, ("b", "x"): {4}})
        >>> for key, people in sorted(rows.items()):
        ...     print(key, sorted(people))
        () [1, 2, 3, 4]
        ('a',) [1, 2, 3]
        ('a', 'x') [1, 2]
        ('a', 'y') [3]
        ('b',) [4]
        ('b', 'x') [4]
    """
    rows: dict[Key, set[Hashable]] = {}
    for key, people in groups.items():
        for level in range(top, len(key) + 1):
            rows.setdefault(key[:level], set()).update(people)
    return {key: frozenset(people) for key, people in rows.items()}


def protect(
    groups: Mapping[Key, AbstractSet[Hashable]],
    minimum: int,
    *,
    top: int = 0,
    hide: AbstractSet[Key] = frozenset(),
    secondary: bool = True,
) -> frozenset[Key]:
    """The rows to hide so that no group of fewer than ``minimum`` people can be read or worked out.

    ``groups`` maps each group's key (all of the same length) to its people; the rows are the groups and
    their subtotals down to level ``top`` (0: the grand total; 1: one total per first value, such as a period).
    ``hide`` names rows to hide whatever their size (a :class:`~careerconv.Publication` hides a row that an
    earlier summary would give away). Whatever is hidden, no hidden row is a sum or difference of the visible
    ones. ``secondary=False`` hides
    the small rows only: the tests use it to show that the attacks it stops do work without it.

    Examples:
        >>> teams = {("a",): set(range(10)), ("b",): set(range(10, 16)), ("c",): {16, 17}}
        >>> sorted(protect(teams, 5))  # c is too small, and the total minus a and b would give it back
        [('b',), ('c',)]
    """
    rows = rows_of(groups, top)
    children: dict[Key, list[Key]] = {}
    for key in rows:
        if len(key) > top:
            children.setdefault(key[:-1], []).append(key)
    hidden = {key for key, people in rows.items() if len(people) < minimum} | (hide & rows.keys())
    if not secondary:
        return frozenset(hidden)

    def smallest(candidates: Sequence[Key]) -> Key | None:
        visible = [key for key in candidates if key not in hidden]
        return min(visible, key=lambda key: (len(rows[key]), repr(key)), default=None)

    while True:
        changed = True
        while changed:
            changed = False
            for parent in sorted(children, key=len):
                under = children[parent]
                covered = [key for key in under if key in hidden]
                if parent in hidden:
                    needed = not covered  # a hidden row whose rows are all visible is their sum
                else:
                    people = set().union(*(rows[key] for key in covered))
                    needed = len(covered) == 1 or 0 < len(people) < minimum
                pick = smallest(under) if needed else None
                if pick is not None:
                    hidden.add(pick)
                    changed = True
        exposed = recoverable(rows, hidden)
        if not exposed:
            return frozenset(hidden)
        before = len(hidden)
        for key in exposed:  # not expected after the rules above; hide more until the check holds
            pick = smallest(children.get(key[:-1], [])) if len(key) > top else None
            if pick is not None:
                hidden.add(pick)
            elif len(key) > top and key[:-1] not in hidden:
                hidden.add(key[:-1])
        if len(hidden) == before:
            return frozenset(rows)  # nothing left that hiding would fix: hide everything


def recoverable(rows: Mapping[Key, AbstractSet[Hashable]], hidden: AbstractSet[Key]) -> list[Key]:
    """The hidden rows that a sum or difference of the visible rows equals, in key order.

    Each row is the sum over the smallest groups (the rows that have no row under them) it covers; a hidden row
    can be worked out exactly when its vector over those groups lies in the span of the visible rows' vectors.
    The span is computed by elimination modulo a large prime, which can only err towards "recoverable".

    Examples:
        >>> rows = rows_of({("a",): {1, 2, 3}, ("b",): {4}})
        >>> recoverable(rows, {("b",)}), recoverable(rows, {("a",), ("b",)})
        ([('b',)], [])
    """
    depth = max((len(key) for key in rows), default=0)
    leaves = sorted((key for key in rows if len(key) == depth), key=repr)
    index = {leaf: i for i, leaf in enumerate(leaves)}

    def vector(key: Key) -> dict[int, int]:
        return {index[leaf]: 1 for leaf in leaves if leaf[: len(key)] == key}

    basis: dict[int, dict[int, int]] = {}  # pivot column -> row, reduced so no other row has that column
    for key in rows:
        if key not in hidden:
            _add(basis, vector(key))
    return sorted((key for key in hidden if key in rows and not _reduce(basis, vector(key))), key=repr)


def _reduce(basis: Mapping[int, dict[int, int]], row: dict[int, int]) -> dict[int, int]:
    row = dict(row)
    for pivot, base in basis.items():
        factor = row.get(pivot, 0)
        if factor:
            for column, value in base.items():
                row[column] = (row.get(column, 0) - factor * value) % _PRIME
            row = {column: value for column, value in row.items() if value}
    return row


def _add(basis: dict[int, dict[int, int]], row: dict[int, int]) -> None:
    row = _reduce(basis, row)
    if not row:
        return
    pivot = min(row)
    inverse = pow(row[pivot], _PRIME - 2, _PRIME)
    row = {column: value * inverse % _PRIME for column, value in row.items()}
    for other in basis.values():  # keep every basis row free of the new pivot
        factor = other.get(pivot, 0)
        if factor:
            for column, value in row.items():
                other[column] = (other.get(column, 0) - factor * value) % _PRIME
            for column in [c for c, v in other.items() if not v]:
                del other[column]
    basis[pivot] = row
