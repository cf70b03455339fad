"""The peers careerconv is measured against: models of a conversation record's shape and strictness.

pydantic v2 (``strict=True``, ``extra="forbid"``) and msgspec (``forbid_unknown_fields=True``): unknown keys
refused, types checked, no coercion. They check types only; careerconv also checks each record against its
template (question ids, answer values, the ranking, parameters), so the comparison favours them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec
import pydantic

Visibility = Literal["shared", "private"]


# ------------------------------------------------------------------------------------------------ pydantic


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)


class PRef(_Strict):
    name: str
    version: str | None = None
    locale: str | None = None


class PPerson(_Strict):
    id: str
    name: str | None = None
    team: str | None = None


class PAnswer(_Strict):
    text: str | None = None
    value: int | str | list[str] | None = None
    visibility: Visibility = "shared"


class PRanking(_Strict):
    ranking: tuple[str, ...] = ()
    notes: str | None = None


class PGoal(_Strict):
    statement: str | None = None
    success: str | None = None
    by: dt.date | None = None


class PReality(_Strict):
    current: str | None = None
    obstacles: tuple[str, ...] = ()


class POption(_Strict):
    text: str
    chosen: bool = False


class PAction(_Strict):
    text: str
    owner: Literal["employee", "manager"] = "employee"
    due: dt.date | None = None
    status: Literal["open", "done", "dropped"] = "open"
    id: str | None = None
    agreed: dt.date | None = None


class PGrow(_Strict):
    goal: PGoal | None = None
    reality: PReality | None = None
    options: tuple[POption, ...] = ()
    will: tuple[PAction, ...] = ()


class PNote(_Strict):
    text: str
    visibility: Visibility = "shared"


class PConversation(_Strict):
    kind: Literal["conversation"]
    schema_version: int
    id: str
    template: PRef
    date: dt.date | None = None
    employee: PPerson
    manager: PPerson | None = None
    params: dict[str, str] = {}
    answers: dict[str, PAnswer] = {}
    motivations: PRanking | None = None
    grow: PGrow | None = None
    notes: tuple[PNote, ...] = ()


# ------------------------------------------------------------------------------------------------- msgspec


class MRef(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    name: str
    version: str | None = None
    locale: str | None = None


class MPerson(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    id: str
    name: str | None = None
    team: str | None = None


class MAnswer(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    text: str | None = None
    value: int | str | list[str] | None = None
    visibility: Visibility = "shared"


class MRanking(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    ranking: tuple[str, ...] = ()
    notes: str | None = None


class MGoal(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    statement: str | None = None
    success: str | None = None
    by: dt.date | None = None


class MReality(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    current: str | None = None
    obstacles: tuple[str, ...] = ()


class MOption(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    text: str
    chosen: bool = False


class MAction(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    text: str
    owner: Literal["employee", "manager"] = "employee"
    due: dt.date | None = None
    status: Literal["open", "done", "dropped"] = "open"
    id: str | None = None
    agreed: dt.date | None = None


class MGrow(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    goal: MGoal | None = None
    reality: MReality | None = None
    options: tuple[MOption, ...] = ()
    will: tuple[MAction, ...] = ()


class MNote(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    text: str
    visibility: Visibility = "shared"


class MConversation(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    kind: Literal["conversation"]
    schema_version: int
    id: str
    template: MRef
    date: dt.date | None = None
    employee: MPerson
    manager: MPerson | None = None
    params: dict[str, str] = {}
    answers: dict[str, MAnswer] = {}
    motivations: MRanking | None = None
    grow: MGrow | None = None
    notes: tuple[MNote, ...] = ()


msgspec_decoder = msgspec.json.Decoder(MConversation)


def pydantic_records(lines: list[bytes]) -> list[Any]:
    return [PConversation.model_validate_json(line) for line in lines]


def msgspec_records(lines: list[bytes]) -> list[Any]:
    return [msgspec_decoder.decode(line) for line in lines]
