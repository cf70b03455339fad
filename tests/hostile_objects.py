"""Objects that lie about what they are or hold, or raise when asked: what hostile Python data can be.

``from_data`` must read only a container's own content and run none of the data's code; the security review's
tests (``tests/test_security_review.py``) and the fuzzer (``tests/test_fuzz.py``) feed it these.
"""

from __future__ import annotations

import enum
import itertools
from typing import Any


class EndlessItems(dict[str, Any]):
    """A dict whose ``items()`` never ends (a hundred thousand items stand for never)."""

    def items(self) -> Any:
        for number in itertools.count():
            if number > 100_000:
                raise AssertionError("read through the subclass's items()")
            yield (f"k{number}", 1)


class RaisingDict(dict[str, Any]):
    """A dict each of whose reading methods raises: only its own content may be read."""

    def items(self) -> Any:
        raise RuntimeError("items")

    def keys(self) -> Any:
        raise RuntimeError("keys")

    def values(self) -> Any:
        raise RuntimeError("values")

    def __iter__(self) -> Any:
        raise RuntimeError("iter")

    def __len__(self) -> int:
        raise RuntimeError("len")

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("getitem")


class EndlessList(list[Any]):
    """A list that iterates forever and claims a trillion items."""

    def __iter__(self) -> Any:
        return itertools.count()

    def __len__(self) -> int:
        return 10**12


class PretendsToBeADict:
    """An object whose ``__class__`` says dict (``isinstance`` believes it)."""

    @property  # type: ignore[misc]
    def __class__(self) -> type[Any]:
        return dict


class RaisingClass:
    """An object whose ``__class__`` raises."""

    @property  # type: ignore[misc]
    def __class__(self) -> type[Any]:
        raise RuntimeError("__class__")


class HostileMeta(type):
    """A class whose comparison and name raise."""

    def __eq__(cls, other: object) -> bool:
        raise RuntimeError("__eq__")

    __hash__ = type.__hash__

    @property
    def __name__(cls) -> str:  # type: ignore[override]
        raise RuntimeError("__name__")


class OfHostileClass(metaclass=HostileMeta):
    pass


class HostileKey(str):
    __slots__ = ()
    armed = False

    def __hash__(self) -> int:
        if HostileKey.armed:
            raise RuntimeError("__hash__")
        return 1

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")


class Colour(str, enum.Enum):
    RED = "red"


class RaisingList(list[Any]):
    """A list whose iteration and length raise."""

    def __iter__(self) -> Any:
        raise RuntimeError("iter")

    def __len__(self) -> int:
        raise RuntimeError("len")
