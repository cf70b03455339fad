"""Arrow tables and the Parquet archive: the same rows as to_pandas, redacted before writing, queried by DuckDB."""

from __future__ import annotations

import json
import re
import stat
import sys
from pathlib import Path

import duckdb
import pytest

import careerconv
from careerconv.analytics.arrow import ARCHIVE_TABLES
from tests.archive import MARKER, archive
from tests.cli_runner import run


@pytest.fixture(scope="module")
def records() -> list[careerconv.Conversation]:
    return archive(quarters=4)


@pytest.fixture(scope="module")
def jsonl(records: list[careerconv.Conversation], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "all.jsonl"
    careerconv.dump_conversations(records, path)
    return path


def test_to_arrow_has_the_rows_of_to_pandas_typed_for_arrow(records: list[careerconv.Conversation]) -> None:
    tables: tuple[careerconv.Table, ...] = ("answers", "motivations", "actions", "goals", "options", "notes")
    for table in tables:
        arrow = careerconv.to_arrow(records, table)
        frame = careerconv.to_pandas(records, table)
        assert arrow.column_names == list(frame.columns)
        assert arrow.num_rows == len(frame)
    ranks = careerconv.to_arrow(records[:1], "motivations")
    assert [str(ranks.schema.field(c).type) for c in ("date", "team", "motivation", "position", "top3")] == [
        "date32[day]",
        "dictionary<values=string, indices=int32, ordered=0>",
        "dictionary<values=string, indices=int32, ordered=1>",
        "int64",
        "bool",
    ]
    assert ranks.column("motivation").to_pylist() == list(records[0].motivations.ranking)  # type: ignore[union-attr]
    assert ranks.schema.metadata == {b"identifies_people": b"true"}
    grouped = careerconv.to_arrow(records, "motivations", by="team")
    metadata = grouped.schema.metadata or {}
    assert json.loads(metadata[b"suppressed_groups"]) == 3
    hr = careerconv.to_arrow(records, "notes", audience="hr")
    assert not any(MARKER in str(note) for note in hr.column("note").to_pylist())


def test_export_writes_a_private_archive_that_duckdb_queries(
    records: list[careerconv.Conversation], jsonl: Path, tmp_path: Path
) -> None:
    result = careerconv.export_archive(jsonl, tmp_path / "archive", audience="hr")
    assert result.records == len(records)
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == sorted(ARCHIVE_TABLES)
    for path in (tmp_path / "archive").rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    assert stat.S_IMODE((tmp_path / "archive").stat().st_mode) == 0o700
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left

    def query(sql: str) -> list[tuple[object, ...]]:
        """``sql`` with each ``TABLE(name)`` read from the archive's Parquet files, partitions included."""
        where = f"{tmp_path}/archive"
        sql = re.sub(
            r"TABLE\((\w+)\)", lambda m: f"read_parquet('{where}/{m[1]}/*/*.parquet', hive_partitioning=true)", sql
        )
        relation = duckdb.sql(sql)
        assert relation is not None
        return relation.fetchall()

    assert query("select count(*) from TABLE(motivations)") == [(len(careerconv.to_pandas(records, "motivations")),)]
    by_period = {str(q): int(str(n)) for q, n in query("select period, count(*) from TABLE(conversations) group by 1")}
    assert by_period == {
        q: sum(1 for r in records if r.date and f"{r.date.year}Q{(r.date.month - 1) // 3 + 1}" == q) for q in by_period
    }
    assert sum(by_period.values()) == len(records)
    latest = query(
        "select count(*) from (select * from TABLE(actions) qualify row_number() over "
        "(partition by employee, action_id order by date desc, conversation desc) = 1) "
        "where status = 'open' and due < date '2026-01-01'"
    )
    table = careerconv.to_pandas(records, "actions")
    assert latest == [(int(((table.status == "open") & (table.due < "2026-01-01")).sum()),)]
    strings = query("select string_agg(note, '|') from TABLE(notes)")
    assert MARKER not in str(strings)  # redacted before a byte was written
    assert (result.rows["notes"], result.rows["goals"]) == (len(records), 0)
    assert query("select count(*) from TABLE(goals)") == [(0,)]  # an empty table is still a table


def test_the_manager_archive_does_carry_private_notes(
    records: list[careerconv.Conversation], jsonl: Path, tmp_path: Path
) -> None:
    careerconv.export_archive(jsonl, tmp_path / "archive", audience="manager")
    relation = duckdb.sql(f"select note from read_parquet('{tmp_path}/archive/notes/*/*.parquet')")
    assert relation is not None
    notes = relation.fetchall()
    assert sum(MARKER in str(note) for (note,) in notes) == len(records)  # so the check above can fail


def test_a_bad_read_writes_nothing_unless_asked(jsonl: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    lines = jsonl.read_text().splitlines()
    bad.write_text("\n".join([*lines[:10], '{"kind": "conversation"}', *lines[10:20]]) + "\n")
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.export_archive(bad, tmp_path / "archive")
    assert [p.line for p in caught.value.problems] == [11] * 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl"]  # no archive, no temporary folder
    result = careerconv.export_archive(bad, tmp_path / "archive", on_error="collect")
    assert (result.records, len(result.problems)) == (20, 4)
    with pytest.raises(FileExistsError):
        careerconv.export_archive(bad, tmp_path / "archive", on_error="skip")
    with pytest.raises(ValueError, match="unknown format 'csv': expected parquet"):
        careerconv.export_archive(bad, tmp_path / "other", format="csv")  # type: ignore[arg-type]


def test_cli_export(jsonl: Path, tmp_path: Path) -> None:
    code, out, err = run("export", str(jsonl), "-o", str(tmp_path / "a"), "--audience", "hr")
    assert (code, err) == (0, "")
    assert out.startswith(f"{len(jsonl.read_text().splitlines()):,} records written to {tmp_path / 'a'} for hr: rows ")
    assert run("export", str(jsonl), "-o", str(tmp_path / "a")) == (
        2,
        "",
        f"careerconv: error: {tmp_path / 'a'}: the archive's folder exists and is not empty; "
        "export writes a new archive\n",
    )
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "conversation"}\n')
    code, out, err = run("export", str(bad), "-o", str(tmp_path / "b"))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"{bad}:1:1: $.schema_version: missing required field [missing-field]"
    assert not (tmp_path / "b").exists()


def test_without_pyarrow_the_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, jsonl: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(
        ImportError, match=re.escape("careerconv's Arrow tables need pyarrow: pip install 'careerconv[arrow]'")
    ):
        careerconv.to_arrow([], "answers")
    with pytest.raises(ImportError, match=re.escape("pip install 'careerconv[arrow]'")):
        careerconv.export_archive(jsonl, tmp_path / "archive")
    assert list(tmp_path.iterdir()) == []  # no archive, no temporary folder
