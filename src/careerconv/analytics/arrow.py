"""Arrow tables, and an archive of Parquet files for engines bigger than one process (DuckDB, Spark, Polars).

pyarrow is an optional extra (``pip install 'careerconv[arrow]'``), imported on first use only. The rows are
the rows of [`to_pandas`][careerconv.to_pandas] (one builder, ``tables``); only their typing differs.

[`export_archive`][careerconv.export_archive] streams: it reads one record at a time, redacts it for the audience before
anything else sees it, and writes its rows in small batches, so memory stays flat however many records there are.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, cast

import attrs

from careerconv.analytics.grouping import Grouping, period_of
from careerconv.analytics.tables import (
    COLUMNS,
    COMMON,
    DATES,
    INTEGERS,
    LABELS,
    TABLES,
    Table,
    TableRows,
    Templates,
    common_row,
    record_items,
    table_rows,
)
from careerconv.documents.streaming import OnError, iter_conversations
from careerconv.errors import Problem, ValidationError, check_choice
from careerconv.model import Conversation, action_id
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.privacy import Audience, check_audience, redact

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ARCHIVE_TABLES", "ExportResult", "export_archive", "to_arrow"]

#: The tables of an archive, each a folder of Parquet files partitioned by quarter (``period=2026Q4``).
ARCHIVE_TABLES: tuple[str, ...] = ("conversations", *TABLES)
#: An archive's actions are as each record holds them, with ``carried`` (agreed in an earlier conversation).
_ARCHIVE_COLUMNS: dict[str, tuple[str, ...]] = {
    "conversations": (),
    **{str(table): columns for table, columns in COLUMNS.items()},
    "actions": ("action_id", "action", "owner", "agreed", "due", "status", "carried"),
}
_BOOLS = frozenset({"top3", "chosen", "suppressed", "carried"})
#: Rows held before a batch is written: a bound on memory whatever the archive's size.
BATCH_ROWS = 4096
_HELD_ROWS = 16384


def pyarrow_module() -> Any:
    """pyarrow, imported on first use; ``ImportError`` naming the extra without it."""
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional extra, loaded on first use
    except ImportError:
        raise ImportError("careerconv's Arrow tables need pyarrow: pip install 'careerconv[arrow]'") from None
    return pa


def _value_text(value: object) -> str | None:
    """An answer's value as text: an option id or a date ``YYYY-MM-DD`` as it is, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return json.dumps(list(value) if isinstance(value, tuple) else value)


def _arrow_type(pa: Any, column: str) -> Any:
    """The Arrow type of a plain column: a date, a count, a flag, or text."""
    if column in DATES:
        return pa.date32()
    if column in INTEGERS:
        return pa.int64()
    if column in _BOOLS:
        return pa.bool_()
    return pa.string()


def _column(pa: Any, values: list[Any], column: str, built: TableRows) -> Any:
    if column == "value":
        values = [_value_text(v) for v in values]
    order = built.categories.get(column)
    if order is not None:
        known = list(order) + sorted({v for v in values if v is not None and v not in order})
        index = {v: i for i, v in enumerate(known)}
        indices = pa.array([None if v is None else index[v] for v in values], type=pa.int32())
        return pa.DictionaryArray.from_arrays(indices, pa.array(known, type=pa.string()), ordered=True)
    if column in LABELS:
        return pa.array(values, type=pa.string()).dictionary_encode()
    return pa.array(values, type=_arrow_type(pa, column))


def to_arrow(
    conversations: Iterable[Conversation],
    table: Table = "answers",
    *,
    audience: Audience = "employee",
    by: Grouping | Sequence[Grouping] | None = None,
    min_group_size: int | None = None,
    registry: TemplateLookup | None = None,
) -> pa.Table:
    """The table [`to_pandas`][careerconv.to_pandas] makes, as an Arrow table: same rows, same rules, same audience.

    Dates are ``date32``; ordered categories (``motivation``, the actions' ``status``) and repeated labels
    (``team``, ``manager``, ``template``, ``locale``, ``section``, ``owner``, ``visibility``) are dictionary
    arrays; counts are ``int64``; an answer's ``value`` is text (a number, an option id, a JSON list of ids or
    a date). The table's metadata holds ``identifies_people`` (and ``suppressed_groups`` with ``by``). The
    question texts and the motivations' order come from the records' templates in ``registry`` (for
    ``careerconv.to_arrow``, the default registry when it is not given).

    Examples:
        >>> import careerconv
        >>> record = (careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
        ...     .rank("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority").record)
        >>> ranks = careerconv.to_arrow([record], "motivations")
        >>> ranks.column("motivation").to_pylist()[:2], ranks.schema.field("position").type
        (['mastery', 'autonomy'], DataType(int64))
    """
    arrow = pyarrow_module()
    built = table_rows(
        conversations, table, audience=audience, by=by, min_group_size=min_group_size, templates=Templates(registry)
    )
    arrays = [_column(arrow, [row.get(c) for row in built.rows], c, built) for c in built.columns]
    metadata = {key: json.dumps(value) for key, value in built.attrs.items()}
    return cast("pa.Table", arrow.Table.from_arrays(arrays, names=list(built.columns), metadata=metadata))


# ------------------------------------------------------------------------------------------ the archive


@attrs.frozen
class ExportResult:
    """What `export_archive` wrote: the folder, how many records, each table's rows, and any problems.

    Attributes:
        path: the archive's folder.
        records: how many records were written.
        rows: each table's number of rows.
        problems: the problems of the files or lines left out (with ``on_error="collect"``).

    Examples:
        >>> from pathlib import Path
        >>> result = ExportResult(Path("archive"), 2, {"conversations": 2, "notes": 3})
        >>> result.records, result.rows["notes"], result.problems
        (2, 3, ())
    """

    path: Path
    records: int
    rows: dict[str, int]
    problems: tuple[Problem, ...] = ()


def _period(record: Conversation) -> str:
    """The partition a record's rows go to: the quarter of its date, or ``undated``."""
    return period_of(record.date, "Q") if record.date else "undated"


def _archive_rows(record: Conversation, table: str, templates: Templates) -> list[dict[str, Any]]:
    """One redacted record's rows of an archive table, with the record's columns and its quarter."""
    common = {**common_row(record), "period": _period(record)}
    if table == "conversations":
        return [common]
    if table == "actions":
        employee = record.employee.id
        return [
            {
                **common,
                "action_id": action_id(employee, action),
                "action": action.text,
                "owner": action.owner,
                "agreed": action.agreed,
                "due": action.due,
                "status": action.status,
                "carried": action.agreed is not None and record.date is not None and action.agreed < record.date,
            }
            for action in (record.grow.will if record.grow else ())
        ]
    return [{**common, **row} for row in record_items(record, table, templates)]  # type: ignore[arg-type]


class _Writers:
    """One Parquet writer per table and quarter, each file created private (``0o600``) before it is written."""

    def __init__(self, root: Path) -> None:
        self.pa = pyarrow_module()
        import pyarrow.parquet as pq  # noqa: PLC0415 - the optional extra, with pyarrow

        self.pq = pq
        self.root = root
        self.open: dict[tuple[str, str], tuple[BinaryIO, Any]] = {}
        self.held: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.count = 0
        self.rows: dict[str, int] = dict.fromkeys(ARCHIVE_TABLES, 0)

    def schema(self, table: str) -> Any:
        pa = self.pa
        columns = (*COMMON, *_ARCHIVE_COLUMNS[table])
        return pa.schema([(c, _arrow_type(pa, c)) for c in columns])

    def add(self, table: str, period: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        self.held.setdefault((table, period), []).extend(rows)
        self.count += len(rows)
        self.rows[table] += len(rows)
        if len(self.held[(table, period)]) >= BATCH_ROWS:
            self.flush((table, period))
        while self.count > _HELD_ROWS:  # many quarters at once: write the largest batch held
            self.flush(max(self.held, key=lambda key: len(self.held[key])))

    def flush(self, key: tuple[str, str], *, empty: bool = False) -> None:
        rows = self.held.pop(key, [])
        if not rows and not empty:
            return
        self.count -= len(rows)
        table, period = key
        schema = self.schema(table)
        if key not in self.open:
            folder = self.root / table / f"period={period}"
            folder.parent.mkdir(mode=0o700, exist_ok=True)  # each level private, whatever the umask allows
            folder.mkdir(mode=0o700, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            stream = os.fdopen(os.open(folder / "part-0.parquet", flags, 0o600), "wb")
            self.open[key] = (stream, self.pq.ParquetWriter(stream, schema))
        columns = {c: [row.get(c) if c != "value" else _value_text(row.get(c)) for row in rows] for c in schema.names}
        batch = self.pa.Table.from_pydict(columns, schema=schema)
        self.open[key][1].write_table(batch)

    def close(self) -> None:
        for key in list(self.held):
            self.flush(key)
        for table in ARCHIVE_TABLES:  # a table with no rows still has its schema, so queries of it work
            if not any(name == table for name, _ in self.open):
                self.flush((table, "undated"), empty=True)
        for stream, writer in self.open.values():
            writer.close()
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()


def _records(stream: Iterator[Conversation], audience: Audience) -> Iterator[Conversation]:
    for record in stream:
        yield redact(record, audience)


def export_archive(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    format: Literal["parquet"] = "parquet",
    audience: Audience = "employee",
    on_error: OnError = "raise",
    registry: TemplateLookup | None = None,
) -> ExportResult:
    """Write the records of a JSON Lines file or a folder as a Parquet archive that DuckDB or Spark can query.

    The archive is a folder of tables (`ARCHIVE_TABLES`), each a folder of Parquet files partitioned
    by the quarter of the record's date, Hive style: ``out/answers/period=2026Q4/part-0.parquet``. Each row
    has the record's columns in front, as in [`to_pandas`][careerconv.to_pandas]; an archive's ``actions`` are as
    each record holds them, with ``carried`` true when the action was agreed in an earlier conversation.

    Every record is redacted for ``audience`` (``employee`` by default) before anything is written: an
    archive for ``hr`` holds no private answer or note. The tables identify people; the files are written
    readable by their owner only (``0o600``, folders ``0o700``). Records are read and written one at a time,
    in batches of a few thousand rows, so memory stays flat. Records are checked against their templates in
    ``registry``, which also gives the answers' question texts (``careerconv.export_archive`` takes the
    default registry when it is not given).

    The archive is written to a temporary folder beside ``out`` and renamed into place at the end: ``out``
    must not exist, or be an empty folder. With ``on_error="raise"`` a bad file or line writes nothing and
    raises [`ValidationError`][careerconv.ValidationError] with every problem; ``"skip"`` and ``"collect"`` leave the
    bad ones out (``collect`` returns their problems).

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> careerconv.dump_conversations([record], folder / "records.jsonl")
        >>> result = careerconv.export_archive(folder / "records.jsonl", folder / "archive", audience="hr")
        >>> result.records, sorted(p.name for p in (folder / "archive").iterdir())[:3]
        (1, ['actions', 'answers', 'conversations'])
    """
    check_choice("format", format, ("parquet",))
    check_choice("on_error", on_error, ("raise", "skip", "collect"))
    check_audience(audience)
    target = Path(out).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(errno.EEXIST, "the archive's folder exists and is not empty", str(target))
    if registry is None:
        raise TypeError("export_archive checks records against their templates: give registry=")
    stream = iter_conversations(path, registry=registry, on_error="collect")
    templates = Templates(registry)  # the records' templates, for the question texts: the ones read them with
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    temporary.mkdir(mode=0o700)
    try:
        writers = _Writers(temporary)
        records = 0
        for record in _records(stream, audience):
            records += 1
            for table in ARCHIVE_TABLES:
                writers.add(table, _period(record), _archive_rows(record, table, templates))
        writers.close()
        problems = stream.problems
        refused = bool(problems) and on_error == "raise"
        if not refused:
            os.chmod(temporary, stat.S_IRWXU)
            if target.exists():
                target.rmdir()
            os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    if refused:  # nothing of a bad read is kept
        shutil.rmtree(temporary, ignore_errors=True)
        raise ValidationError(problems)
    return ExportResult(target, records, writers.rows, problems if on_error == "collect" else ())
