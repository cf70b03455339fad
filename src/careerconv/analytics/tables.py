"""Tables for analysts: records as tidy pandas tables, a row per answer, motivation, action, goal, option or note.

pandas is an optional extra (``pip install 'careerconv[pandas]'``), imported on first use only. Every table
is built from records redacted for the ``audience`` (``employee`` by default), so private answers and notes
never reach a table unless ``manager`` is asked for by name.

A table without ``by`` has a row per item with the record's columns in front: it identifies people, and is
for readers who may see the records. With ``by`` it is for readers across people: only the grouping and the
items, groups too small to show (and the complements that would give them away) suppressed.
"""

from __future__ import annotations

import datetime as dt
import os
import typing
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import attrs

from careerconv.analytics.disclosure import Ledger, Row, one_set
from careerconv.analytics.grouping import (
    GROUPINGS,
    Grouping,
    Roster,
    RosterLike,
    check_by,
    check_minimum,
    group_value,
    in_roster,
    moment,
)
from careerconv.documents.streaming import ON_ERROR, OnError
from careerconv.errors import CareerconvError, Problem, check_choice
from careerconv.model import Action, ActionStatus, Conversation, Question, Template, TemplateRef, action_id
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.params import fill
from careerconv.rules.privacy import Audience, check_audience, redact
from careerconv.workflow.history import TOP

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COLUMNS",
    "COMMON",
    "DATES",
    "FREE_TEXT_MIN_GROUP",
    "INTEGERS",
    "LABELS",
    "PERSONAL",
    "TABLES",
    "Table",
    "TableRows",
    "Templates",
    "action_states",
    "common_row",
    "frame_of",
    "pandas_module",
    "record_items",
    "table_rows",
    "to_pandas",
    "to_pandas_grouped",
]

Table: TypeAlias = Literal["answers", "motivations", "actions", "goals", "options", "notes"]
#: The tables [`to_pandas`][careerconv.to_pandas] makes.
TABLES: tuple[Table, ...] = typing.get_args(Table)
#: The smallest group a table of free text grouped across people may show, and the smallest it takes.
FREE_TEXT_MIN_GROUP = 10
#: The smallest group a grouped table without free text (``motivations``) may show.
MIN_GROUP = 5

#: The record's columns, in front of every row-level table.
COMMON = ("conversation", "employee", "team", "manager", "date", "template", "template_version", "locale")
#: Each table's own columns.
COLUMNS: dict[Table, tuple[str, ...]] = {
    "answers": ("section", "question", "question_text", "text", "value", "visibility"),
    "motivations": ("motivation", "position", "top3"),
    "actions": ("action_id", "action", "owner", "agreed", "due", "status", "records"),
    "goals": ("goal", "success", "goal_date"),
    "options": ("option", "chosen"),
    "notes": ("note", "visibility"),
}
#: The columns a table grouped across people (``by``) leaves out: an id or a date names or singles out a person
#: (an action's id holds its record's, which holds the employee's; a date is the day of one conversation).
PERSONAL = frozenset({"action_id", "agreed", "due", "goal_date"})
_FREE_TEXT: frozenset[Table] = frozenset({"answers", "actions", "goals", "options", "notes"})
DATES = ("date", "agreed", "due", "goal_date")
INTEGERS = frozenset({"position", "records"})
#: Columns of repeated labels: categoricals in pandas, dictionary arrays in Arrow.
LABELS = (*GROUPINGS, "locale", "owner", "status", "visibility", "section", "period")


def pandas_module() -> Any:
    """pandas, imported on first use; ``ImportError`` naming the extra without it."""
    try:
        import pandas as pd  # noqa: PLC0415 - an optional extra, loaded on first use
    except ImportError:
        raise ImportError("careerconv's tables need pandas: pip install 'careerconv[pandas]'") from None
    return pd


class Templates:
    """The templates records name, from the lookup a table was given: each looked up once, for this object's life.

    Without a lookup (or for a template it does not have) a record's ids stand in for its texts.

    Examples:
        >>> from careerconv import Registry, TemplateRef
        >>> Templates(Registry()).motivation_order([TemplateRef(name="standard")])[:3]
        ['influence', 'authority', 'prestige']
        >>> Templates(None).motivation_order([TemplateRef(name="standard")])
        []
    """

    def __init__(self, lookup: TemplateLookup | None) -> None:
        """Look templates up in ``lookup``; ``None`` finds none."""
        self.lookup = lookup
        self._found: dict[TemplateRef, Template | None] = {}
        self._questions: dict[TemplateRef, dict[str, tuple[str, str]]] = {}

    def get(self, ref: TemplateRef) -> Template | None:
        """The template ``ref`` names, or ``None`` when the lookup has none."""
        if ref not in self._found:
            try:
                self._found[ref] = self.lookup.pinned(ref) if self.lookup is not None else None
            except CareerconvError:
                self._found[ref] = None  # a record of a template this lookup does not have
        return self._found[ref]

    def motivation_order(self, refs: Iterable[TemplateRef]) -> list[str]:
        """The motivation ids of the templates ``refs`` name, in the first template's order, then the others'."""
        order: dict[str, None] = {}
        for ref in dict.fromkeys(refs):
            template = self.get(ref)
            order.update(dict.fromkeys(m.id for m in (template.motivations() if template else ())))
        return list(order)

    def questions(self, ref: TemplateRef) -> dict[str, tuple[str, str]]:
        """Each question id of the template ``ref`` names: its section's id and its text."""
        if ref not in self._questions:
            template = self.get(ref)
            found: dict[str, tuple[str, str]] = {}
            for section in template.sections if template else ():
                questions: list[Question] = [*section.questions, *(q for st in section.stages for q in st.questions)]
                found.update((q.id, (section.id, q.text)) for q in questions)
            self._questions[ref] = found
        return self._questions[ref]


def frame_of(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    *,
    categories: Mapping[str, Sequence[str]] | None = None,
    integers: Iterable[str] = (),
) -> pd.DataFrame:
    """A frame of ``rows``, typed: dates, categoricals (``categories`` ordered), nullable integers.

    Dates become datetimes; the grouping keys and other repeated labels, categoricals; ``integers``, pandas'
    nullable ``Int64`` (a suppressed row has no count). A value missing from its ``categories`` order comes
    after the ordered ones.
    """
    pandas = pandas_module()
    frame = pandas.DataFrame(list(rows), columns=list(columns))
    for column in DATES:
        if column in frame:
            frame[column] = pandas.to_datetime(frame[column])
    for column, order in (categories or {}).items():
        # A value the order does not know (a motivation of a template the registry does not hold) keeps its
        # place after the known ones, in the order it first appears, rather than becoming NaN.
        known = dict.fromkeys(order)
        known.update(dict.fromkeys(value for value in frame[column] if isinstance(value, str)))
        frame[column] = pandas.Categorical(frame[column], categories=list(known), ordered=True)
    for column in LABELS:
        if column in frame and column not in (categories or {}):
            frame[column] = frame[column].astype("category")
    for column in integers:
        frame[column] = frame[column].astype("Int64")
    return cast("pd.DataFrame", frame)


def common_row(record: Conversation) -> dict[str, Any]:
    """The record's columns, in front of each of its rows in a row-level table."""
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


def action_states(records: Iterable[Conversation]) -> list[tuple[Conversation, int, Action]]:
    """Each action once, in its latest state: ``(latest record holding it, records holding it, action)``.

    An action is known by its id ([`action_id`][careerconv.action_id]); carried into later records, it is the same
    action, and the latest record that holds it (by date, then record id) says where it stands.
    """
    states: dict[tuple[str, str], tuple[tuple[dt.date, str], Conversation, int, Action]] = {}
    for record in records:
        when = moment(record.date, record.id)
        for action in record.grow.will if record.grow else ():
            key = (record.employee.id, action_id(record.employee.id, action))
            seen = states.get(key)
            count = 1 + (seen[2] if seen else 0)
            if seen is None or when >= seen[0]:
                states[key] = (when, record, count, action)
            else:
                states[key] = (*seen[:2], count, seen[3])
    return [(record, count, action) for _, record, count, action in states.values()]


def record_items(record: Conversation, table: Table, templates: Templates) -> list[dict[str, Any]]:
    """The rows of one (redacted) record for ``table``, the table's own columns only."""
    if table == "answers":
        where = templates.questions(record.template)
        rows = []
        for question, answer in record.answers.items():
            section, text = where.get(question, (None, None))
            value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
            rows.append(
                {
                    "section": section,
                    "question": question,
                    "question_text": fill(text, record.params) if text is not None else None,
                    "text": answer.text,
                    "value": value,
                    "visibility": answer.visibility,
                }
            )
        return rows
    if table == "motivations":
        ranking = record.motivations.ranking if record.motivations else ()
        return [{"motivation": m, "position": n, "top3": n <= TOP} for n, m in enumerate(ranking, 1)]
    grow = record.grow
    if table == "goals":
        goal = grow.goal if grow else None
        return [{"goal": goal.statement, "success": goal.success, "goal_date": goal.by}] if goal else []
    if table == "options":
        return [{"option": o.text, "chosen": o.chosen} for o in (grow.options if grow else ())]
    if table == "notes":
        return [{"note": n.text, "visibility": n.visibility} for n in record.notes]
    raise AssertionError(table)  # actions are rows of action_states


def _action_row(record: Conversation, count: int, action: Action) -> dict[str, Any]:
    return {
        "action_id": action_id(record.employee.id, action),
        "action": action.text,
        "owner": action.owner,
        "agreed": action.agreed,
        "due": action.due,
        "status": action.status,
        "records": count,
    }


def to_pandas(
    conversations: Iterable[Conversation],
    table: Table = "answers",
    *,
    audience: Audience = "employee",
    by: Grouping | str | Sequence[str] | None = None,
    min_group_size: int | None = None,
    roster: RosterLike | None = None,
    on_error: OnError = "raise",
    registry: TemplateLookup | None = None,
) -> pd.DataFrame:
    """A tidy table of records: one row per answer, ranked motivation, action, goal, option or note.

    Without ``by``, each row starts with its record's columns: ``conversation``, ``employee``, ``team``,
    ``manager``, ``date``, ``template``, ``template_version``, ``locale``; then

    - ``answers``: ``section``, ``question``, ``question_text`` (the template's words), ``text``, ``value``,
      ``visibility``;
    - ``motivations``: ``motivation`` (ordered as in the template), ``position`` (1 is the most important),
      ``top3``;
    - ``actions``: one row per action in its latest state (an open action carried from record to record is one
      action): ``action_id``, ``action``, ``owner``, ``agreed``, ``due``, ``status``, ``records`` (how many
      records hold it); its record's columns are those of the latest record that holds it;
    - ``goals``: ``goal``, ``success``, ``goal_date``; ``options``: ``option``, ``chosen``; ``notes``: ``note``,
      ``visibility``.

    Such a table identifies people (``attrs["identifies_people"]`` is true): it is for readers who may see
    the records themselves.

    With ``by`` (``"team"``, ``"manager"``, ``"template"``, or several) the table is for readers across
    people: it has the ``by`` columns, the table's own columns but those that name or single out a person
    (`PERSONAL`: ``action_id``, ``agreed``, ``due``, ``goal_date``) and ``suppressed``, and its rows are
    sorted by their content, so the rows of one record do not stand together. A group with fewer people than
    ``min_group_size`` (default and least 10 for tables of free text, 5 for ``motivations``) is suppressed,
    and so is a second group wherever a total would give the first away: a suppressed group keeps one row,
    marked ``suppressed``, its other columns empty.

    The question texts and the motivations' order come from the records' templates in ``registry`` (for
    ``careerconv.to_pandas``, the default registry when it is not given).

    Examples:
        >>> import careerconv
        >>> record = (careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
        ...     .answer("team", "Great", visibility="private").answer("new-skills", "Rust").record)
        >>> frame = careerconv.to_pandas([record], "answers")
        >>> frame[["employee", "section", "question", "text"]].values.tolist()
        [['alex', 'short-term', 'new-skills', 'Rust']]
    """
    templates = Templates(registry)
    if by is not None:
        return to_pandas_grouped(conversations, table, by, audience, roster, on_error, None, templates, min_group_size)
    pandas_module()
    built = table_rows(
        _records(conversations), table, audience=audience, by=None, min_group_size=min_group_size, templates=templates
    )
    frame = frame_of(built.rows, built.columns, categories=built.categories, integers=built.integers)
    frame.attrs.update(built.attrs)
    return frame


def to_pandas_grouped(
    conversations: Iterable[Conversation],
    table: Table,
    by: str | Sequence[str],
    audience: Audience,
    roster: RosterLike | None,
    on_error: OnError,
    ledger: Ledger | None,
    templates: Templates,
    min_group_size: int | None = None,
) -> pd.DataFrame:
    """`to_pandas` grouped ``by``, its groups rows of ``ledger`` (a new one, for this table alone, by default)."""
    pandas_module()
    check_choice("on_error", on_error, ON_ERROR)
    found = Roster.of(roster) if roster is not None else None
    problems: list[Problem] = []
    records = in_roster(_records(conversations), found, on_error, problems)
    built = table_rows(
        records,
        table,
        audience=audience,
        by=by,
        min_group_size=min_group_size,
        ledger=ledger,
        roster=found,
        templates=templates,
    )
    frame = frame_of(built.rows, built.columns, categories=built.categories, integers=built.integers)
    frame.attrs.update(built.attrs)
    if on_error == "collect":
        frame.attrs["problems"] = problems
    return frame


def _records(conversations: Any) -> list[Conversation]:
    """The records given to a table; ``TypeError`` saying what to pass when they are not records."""
    if isinstance(conversations, (str, os.PathLike)):
        raise TypeError("to_pandas takes records, not a path: load them first, careerconv.load_conversations(path)")
    if isinstance(conversations, Mapping) or not isinstance(conversations, Iterable):
        raise TypeError(f"to_pandas takes records (Conversation objects), not {type(conversations).__name__}")
    found = list(conversations)
    wrong = next((item for item in found if not isinstance(item, Conversation)), None)
    if wrong is not None:
        raise TypeError(f"to_pandas takes records (Conversation objects); found {type(wrong).__name__} among them")
    return found


@attrs.frozen
class TableRows:
    """The rows of a table, and how to type its columns: what ``to_pandas`` and ``to_arrow`` both build from."""

    rows: list[dict[str, Any]]
    columns: tuple[str, ...]
    categories: dict[str, list[str]]
    integers: frozenset[str]
    attrs: dict[str, Any]


def table_rows(
    conversations: Iterable[Conversation],
    table: Table,
    *,
    audience: Audience,
    by: str | Sequence[str] | None,
    min_group_size: int | None,
    ledger: Ledger | None = None,
    roster: Roster | None = None,
    templates: Templates,
) -> TableRows:
    """The rows of ``table`` for ``audience``, grouped and protected with ``by``: see `to_pandas`.

    A grouped table's groups are rows of ``ledger`` (a new one, for this table alone, by default): each group
    sums over its records, and is hidden as the ledger decides with every row it has shown.
    """
    check_audience(audience)
    check_choice("table", table, TABLES)
    keys = check_by(by, roster) if by is not None else None
    records = [redact(record, audience) for record in conversations]
    if table == "actions":
        items = [(record, _action_row(record, count, action)) for record, count, action in action_states(records)]
    else:
        items = [(record, row) for record in records for row in record_items(record, table, templates)]
    own = COLUMNS[table]
    order = categories_of(table, records, templates)
    integers = INTEGERS.intersection(own)
    if not keys:
        return TableRows(_with_record(items), (*COMMON, *own), order, integers, {"identifies_people": True})
    own = tuple(column for column in own if column not in PERSONAL)
    floor = FREE_TEXT_MIN_GROUP if table in _FREE_TEXT else MIN_GROUP
    base = ledger.minimum if ledger is not None else floor
    minimum = check_minimum(min_group_size if min_group_size is not None else max(floor, base), floor)
    what = f"to_pandas(table={table!r}, by={keys!r}, audience={audience!r}{', roster=<roster>' if roster else ''})"
    grouping = _Groups(keys, roster, records, rankings=table == "motivations")
    hidden = grouping.publish(ledger if ledger is not None else Ledger(minimum), minimum, what)
    rows = grouping.rows(items, own, hidden)
    attributes = {"identifies_people": False, "suppressed_groups": len(hidden)}
    return TableRows(rows, (*keys, *own, "suppressed"), order, integers, attributes)


def _with_record(items: list[tuple[Conversation, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each row with its record's columns in front, made once for all the record's rows."""
    commons: dict[int, dict[str, Any]] = {}
    rows = []
    for record, row in items:
        common = commons.get(id(record))
        if common is None:
            common = commons[id(record)] = common_row(record)
        rows.append({**common, **row})
    return rows


class _Groups:
    """The groups of a grouped table: each group's records, published as rows of a ledger."""

    def __init__(
        self, keys: tuple[str, ...], roster: Roster | None, records: list[Conversation], *, rankings: bool
    ) -> None:
        self.keys, self.roster, self.records, self.rankings = keys, roster, records, rankings
        self.members: dict[tuple[Hashable, ...], set[str]] = {}
        for record in records:
            self.members.setdefault(self.key(record), set()).add(record.id)
        self.label = {r.id: ",".join(sorted(r.motivations.ranking)) if r.motivations else "" for r in records}
        if rankings:  # a group counts the records of its motivation set (a ranking's positions add up)
            self.members = {key: set(one_set(members, self.label)) for key, members in self.members.items()}

    def key(self, record: Conversation) -> tuple[Hashable, ...]:
        return tuple(group_value(record, key, self.roster) for key in self.keys)

    def publish(self, ledger: Ledger, minimum: int, what: str) -> list[tuple[Hashable, ...]]:
        """The groups the ledger hides, in order."""
        candidates = [
            Row(key, frozenset(members), minimum, self.rankings) for key, members in self.members.items() if members
        ]
        hidden = ledger.publish(what, candidates, {r.id: r.employee.id for r in self.records}, self.label)
        return sorted(hidden, key=lambda k: [str(v) for v in k])

    def rows(
        self, items: list[tuple[Conversation, dict[str, Any]]], own: tuple[str, ...], hidden: list[tuple[Hashable, ...]]
    ) -> list[dict[str, Any]]:
        """The rows of the groups shown, sorted by content, then a ``suppressed`` row for each group hidden."""
        shut = set(hidden)
        rows = []
        for record, row in items:
            key = self.key(record)
            if key not in shut and record.id in self.members.get(key, ()):
                rows.append({**dict(zip(self.keys, key, strict=True)), **{c: row[c] for c in own}, "suppressed": False})
        rows.sort(key=lambda row: tuple("" if row[c] is None else str(row[c]) for c in (*self.keys, *own)))
        return rows + [{**dict(zip(self.keys, key, strict=True)), "suppressed": True} for key in hidden]


def categories_of(table: Table, records: Iterable[Conversation], templates: Templates) -> dict[str, list[str]]:
    """The ordered categories of ``table``'s columns: motivations in the template's order, action statuses."""
    if table == "motivations":
        return {"motivation": templates.motivation_order(record.template for record in records)}
    if table == "actions":
        return {"status": list(typing.get_args(ActionStatus))}
    return {}
