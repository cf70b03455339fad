"""Lookups handed down: tables, summaries, reports and sessions use the template lookup they are given.

No module below the api layer fetches the default registry; the top-level names pass it on. So a folder
template given on the command line names its questions in an archive, and a template changed on disk shows
after ``refresh_templates()``.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import careerconv
from careerconv.workflow.session import Session
from tests.cli_runner import run

SOURCE = Path(careerconv.__file__).parent
# The api layer (where the default registry meets the layers below) and the registry that defines it (its parts,
# the catalog, the resolver and the sources, know no Registry).
ALLOWED = {"__init__.py", "api.py", "cli.py", "publish.py", "defaults.py", "__main__.py", "pydantic.py"}
ALLOWED |= {"registry/__init__.py", "registry/registry.py"}


def folder_template(folder: Path, question: str) -> None:
    """A template of one section and question, kept in ``folder`` as a template folder holds it."""
    folder.mkdir(exist_ok=True)
    (folder / "pulse.yaml").write_text(
        "kind: template\nschema_version: 1\nname: pulse\nversion: 1.0.0\ntitle: Pulse\n"
        f"sections:\n  - id: now\n    title: Now\n    questions:\n      - id: mood\n        text: {question}\n",
        encoding="utf-8",
    )


def pulse_record(registry: careerconv.Registry) -> careerconv.Conversation:
    template = registry.get("pulse")
    session = careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 6, 1), registry=registry)
    return session.answer("mood", "Fine").record


def test_no_module_below_the_api_layer_names_the_default_registry() -> None:
    naming = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.relative_to(SOURCE).as_posix() in ALLOWED:
            continue
        names = {n.id for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Name)}
        names |= {
            alias.name
            for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.ImportFrom)
            for alias in n.names
        }
        if "default_registry" in names or "Registry" in names:
            naming.append(path.relative_to(SOURCE).as_posix())
    assert naming == []


def test_export_with_a_template_path_names_the_questions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder_template(tmp_path / "templates", "How is it going?")
    registry = careerconv.Registry(paths=[tmp_path / "templates"])
    careerconv.dump_conversations([pulse_record(registry)], "records.jsonl")
    code, _, err = run("export", "records.jsonl", "--template-path", "templates", "-o", "archive")
    assert (code, err) == (0, "")
    answers = pq.read_table("archive/answers").to_pylist()
    assert [(row["section"], row["question"], row["question_text"]) for row in answers] == [
        ("now", "mood", "How is it going?")
    ]


def test_a_template_changed_on_disk_shows_after_refresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder_template(tmp_path, "How is it going?")
    monkeypatch.setenv("CAREERCONV_TEMPLATE_PATH", str(tmp_path))
    careerconv.refresh_templates()
    try:
        record = pulse_record(careerconv.Registry())  # the folder, from the environment
        assert careerconv.to_pandas([record])["question_text"].tolist() == ["How is it going?"]
        assert "**How is it going?**" in careerconv.render(record)
        folder_template(tmp_path, "How are things?")
        careerconv.refresh_templates()
        assert careerconv.to_pandas([record])["question_text"].tolist() == ["How are things?"]
        assert "**How are things?**" in careerconv.render(record)
        assert "- How are things?\n" in careerconv.prep_page(record)  # to open the next conversation
    finally:
        monkeypatch.delenv("CAREERCONV_TEMPLATE_PATH")
        careerconv.refresh_templates()


def test_each_call_uses_the_registry_it_is_given(tmp_path: Path) -> None:
    folder_template(tmp_path / "a", "First words?")
    folder_template(tmp_path / "b", "Second words?")
    first, second = (careerconv.Registry(paths=[tmp_path / name]) for name in ("a", "b"))
    record = pulse_record(first)
    assert careerconv.to_pandas([record], registry=first)["question_text"].tolist() == ["First words?"]
    assert careerconv.to_pandas([record], registry=second)["question_text"].tolist() == ["Second words?"]
    assert careerconv.to_pandas([record])["question_text"].tolist() == [None]  # the default has no pulse
    assert "**Second words?**" in careerconv.render(record, registry=second)
    texts = careerconv.to_arrow([record], registry=first).column("question_text").to_pylist()
    assert texts == ["First words?"]


def test_a_derived_template_is_made_whole_in_the_registry_given() -> None:
    derived = careerconv.loads(
        "kind: template\nschema_version: 1\nname: acme\nversion: 1.0.0\nextends: standard@1\ntitle: Acme\n"
        'changes: [{add: {section: short-term, question: {id: on-call, text: "How is on-call?"}}}]\n'
    )
    assert isinstance(derived, careerconv.Template)
    session = careerconv.start_conversation(derived, employee="alex")  # the default registry has standard
    assert session.template.extends is None
    assert session.answer("on-call", "Calm").record.answers["on-call"].text == "Calm"
    with pytest.raises(ValueError, match=r"^template acme extends standard@1: give it whole"):
        Session(derived, session.record)
