"""Tables for analysts: records as tidy pandas tables, and motivation summaries that protect privacy.

pandas is an optional extra (``pip install 'careerconv[pandas]'``), imported on first use only. Every table
is built from records redacted for the ``audience`` (``employee`` by default), so private answers and notes
never reach a table unless ``manager`` is asked for by name.

Aggregates across people never show a small group: a group with fewer people than ``min_group_size``
(default 5) is left out, and the result says how many groups were (``result.attrs["suppressed_groups"]``).
A minimum below 3 is refused; a table of free text grouped across people needs groups of 10.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

from careerconv.model import Conversation
from careerconv.rules.privacy import Audience, check_audience, redact
from careerconv.workflow.history import TOP

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FREE_TEXT_MIN_GROUP", "MIN_GROUP", "Table", "summarize_motivations", "to_pandas"]

Table: TypeAlias = Literal["answers", "motivations", "actions"]
Grouping: TypeAlias = Literal["team", "manager", "template"]

#: The smallest group an aggregate may show; below it, one person's answers could be told apart.
MIN_GROUP = 3
#: The smallest group a table of free text grouped across people may show.
FREE_TEXT_MIN_GROUP = 10


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra, loaded on first use
    except ImportError:
        raise ImportError("careerconv's tables need pandas: pip install 'careerconv[pandas]'") from None
    return pd


def _common(record: Conversation) -> dict[str, Any]:
    return {
        "conversation": record.id,
        "employee": record.employee.id,
        "team": record.employee.team,
        "manager": record.manager.id if record.manager else None,
        "date": record.date,
        "template": record.template.name,
        "template_version": record.template.version,
        "locale": record.template.locale,
    }


def _group_key(record: Conversation, by: Grouping) -> str | None:
    if by == "team":
        return record.employee.team
    if by == "manager":
        return record.manager.id if record.manager else None
    return record.template.name


def _when(record: Conversation) -> tuple[dt.date, str]:
    return (record.date or dt.date.min, record.id)


def _check_minimum(min_group_size: int, floor: int) -> None:
    if min_group_size < floor:
        raise ValueError(f"min_group_size is at least {floor}: smaller groups could single people out")


def to_pandas(
    conversations: Iterable[Conversation],
    table: Table = "answers",
    *,
    audience: Audience = "employee",
    by: Grouping | None = None,
    min_group_size: int | None = None,
) -> pd.DataFrame:
    """One row per answer, ranked motivation or action, with the record's columns in front.

    Columns: ``conversation``, ``employee``, ``team``, ``manager``, ``date``, ``template``,
    ``template_version``, ``locale``, then

    - ``answers``: ``question``, ``text``, ``value``, ``visibility``;
    - ``motivations``: ``motivation``, ``rank`` (1 is the most important), ``top3``;
    - ``actions``: ``action``, ``owner``, ``due``, ``status``.

    With ``by`` (``team``, ``manager`` or ``template``) the table is for readers across people: groups with
    fewer employees than ``min_group_size`` are left out (default 5; 10 for the free text of ``answers``),
    and ``attrs["suppressed_groups"]`` counts them. Such a table has the ``by`` column and the table's own
    columns only (no conversation, employee, other grouping, date or locale: any of them could single out a
    person inside a group), and its rows are sorted by their content, so rows of one record do not stand
    together.

    Examples:
        >>> import careerconv
        >>> record = (careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
        ...     .answer("team", "Great", visibility="private").answer("new-skills", "Rust").record)
        >>> frame = careerconv.to_pandas([record], "answers")
        >>> frame[["employee", "question", "text"]].values.tolist()
        [['alex', 'new-skills', 'Rust']]
    """
    pandas = _pandas()
    check_audience(audience)
    if table not in ("answers", "motivations", "actions"):
        raise ValueError(f"unknown table {table!r}: expected answers, motivations or actions")
    records = [redact(record, audience) for record in conversations]
    suppressed = 0
    if by is not None:
        floor = FREE_TEXT_MIN_GROUP if table == "answers" else MIN_GROUP
        minimum = min_group_size if min_group_size is not None else max(floor, 5)
        _check_minimum(minimum, floor)
        people: dict[str | None, set[str]] = {}
        for record in records:
            people.setdefault(_group_key(record, by), set()).add(record.employee.id)
        kept = {key for key, members in people.items() if len(members) >= minimum}
        suppressed = len(people) - len(kept)
        records = [r for r in records if _group_key(r, by) in kept]
    rows: list[dict[str, Any]] = []
    for record in records:
        common = _common(record)
        if table == "answers":
            for question, answer in record.answers.items():
                value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
                row: dict[str, Any] = {"question": question, "text": answer.text, "value": value}
                row["visibility"] = answer.visibility
                rows.append({**common, **row})
        elif table == "motivations":
            ranking = record.motivations.ranking if record.motivations else ()
            for rank, motivation in enumerate(ranking, 1):
                rows.append({**common, "motivation": motivation, "rank": rank, "top3": rank <= TOP})
        else:
            for action in record.grow.will if record.grow else ():
                row = {"action": action.text, "owner": action.owner, "due": action.due}
                row["status"] = action.status
                rows.append({**common, **row})
    columns = [*_common_columns(), *_TABLE_COLUMNS[table]]
    if by is not None:
        columns = [by, *_TABLE_COLUMNS[table]]
        rows = [{column: row[column] for column in columns} for row in rows]
        rows.sort(key=lambda row: tuple("" if row[c] is None else str(row[c]) for c in columns))
    frame = pandas.DataFrame(rows, columns=columns)
    for column in ("date", "due"):
        if column in frame:
            frame[column] = pandas.to_datetime(frame[column])
    frame.attrs["suppressed_groups"] = suppressed
    return cast("pd.DataFrame", frame)


_TABLE_COLUMNS = {
    "answers": ("question", "text", "value", "visibility"),
    "motivations": ("motivation", "rank", "top3"),
    "actions": ("action", "owner", "due", "status"),
}


def _common_columns() -> tuple[str, ...]:
    return ("conversation", "employee", "team", "manager", "date", "template", "template_version", "locale")


def summarize_motivations(
    conversations: Iterable[Conversation],
    by: Grouping = "team",
    *,
    min_group_size: int = 5,
) -> pd.DataFrame:
    """Mean rank and top-3 share of each motivation, per group, from each employee's latest ranking.

    Groups of fewer than ``min_group_size`` employees are left out; ``attrs["suppressed_groups"]`` says how
    many. A minimum below 3 raises ``ValueError``. Columns: the group (``team``, ``manager`` or
    ``template``), ``motivation``, ``people``, ``mean_rank``, ``top3_share``; the most important motivations
    of each group first.

    Examples:
        >>> import careerconv
        >>> from careerconv import Conversation, MotivationRanking, Person, TemplateRef
        >>> def record(n, team, ranking):
        ...     return Conversation(id=f"r{n}", template=TemplateRef(name="standard"),
        ...         employee=Person(id=f"p{n}", team=team), motivations=MotivationRanking(ranking=ranking))
        >>> records = [record(n, "platform", ("mastery", "autonomy", "meaning")) for n in range(5)]
        >>> records.append(record(9, "tiny", ("meaning", "autonomy", "mastery")))
        >>> summary = careerconv.summarize_motivations(records, by="team")
        >>> summary.values.tolist()[0], summary.attrs["suppressed_groups"]
        (['platform', 'mastery', 5, 1.0, 1.0], 1)
    """
    pandas = _pandas()
    _check_minimum(min_group_size, MIN_GROUP)
    latest: dict[str, Conversation] = {}
    for record in conversations:
        if record.motivations is None or not record.motivations.ranking:
            continue
        seen = latest.get(record.employee.id)
        if seen is None or _when(record) >= _when(seen):
            latest[record.employee.id] = record
    groups: dict[str | None, list[Conversation]] = {}
    for record in latest.values():
        groups.setdefault(_group_key(record, by), []).append(record)
    rows = []
    suppressed = 0
    for key in sorted(groups, key=lambda k: (k is None, k or "")):
        members = groups[key]
        if len(members) < min_group_size:
            suppressed += 1
            continue
        ranks: dict[str, list[int]] = {}
        for record in members:
            for rank, motivation in enumerate(record.motivations.ranking, 1):  # type: ignore[union-attr]
                ranks.setdefault(motivation, []).append(rank)
        group_rows = [
            {
                by: key,
                "motivation": motivation,
                "people": len(values),
                "mean_rank": sum(values) / len(values),
                "top3_share": sum(rank <= TOP for rank in values) / len(values),
            }
            for motivation, values in ranks.items()
        ]
        rows += sorted(group_rows, key=lambda row: (row["mean_rank"], row["motivation"]))
    frame = pandas.DataFrame(rows, columns=[by, "motivation", "people", "mean_rank", "top3_share"])
    frame.attrs["suppressed_groups"] = suppressed
    return cast("pd.DataFrame", frame)
