"""The example notebook in docs/ runs from top to bottom in a real kernel, and its outputs are what it says."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

import careerconv
import careerconv.defaults

NOTEBOOK = Path(__file__).parent.parent / "docs" / "how-to" / "team-report.ipynb"


def outputs(notebook: Any, tag: str) -> str:
    """Everything a tagged cell printed or displayed, as one text."""
    (cell,) = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
    texts = []
    for output in cell.outputs:
        texts.append(output.get("text", ""))
        for kind in ("text/plain", "text/html", "text/markdown"):
            texts.append(output.get("data", {}).get(kind, ""))
    return "\n".join(texts)


def test_the_team_report_notebook_runs_and_shows_what_it_says(tmp_path: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]  # nbformat has no types
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    assert outputs(notebook, "build").strip() == "41"
    load = outputs(notebook, "load")
    assert "LoadResult(40 records, 1 problem)" in load
    assert "40 records read; 1 problem in 1 file" in load
    assert "2026-12-01-broken.yaml</td><td>4</td><td>$.id[0]</td>" in load
    assert "checkpoint" not in load
    ranks = outputs(notebook, "ranks")
    assert "2026-05-04-design-0" in ranks
    assert "position" in ranks
    assert outputs(notebook, "answers").strip() == "['new-skills']"  # the private answers are not in the table
    actions = outputs(notebook, "actions")
    assert "2026-05-05-platform-1-a1" in actions
    assert "done" in actions
    summary = outputs(notebook, "summary")
    assert "suppressed: ['design', 'payments']" in summary
    assert "platform" in summary
    roster = outputs(notebook, "roster")
    assert "suppressed: ['engineering', 'product']" in roster  # product less search would be design
    assert "<td>product</td>\n      <td>earlier row</td>" in roster  # the audit
    overdue = outputs(notebook, "overdue")
    assert "<td>20</td>\n      <td>31</td>\n      <td>11</td>" in overdue  # the total: people, open, overdue
    record = outputs(notebook, "record")
    assert '<div class="careerconv">' in record
    assert "Skill 0" in record
    assert "visibility='private'" not in record  # the plain text shows no trace of the private answer
    history = outputs(notebook, "history")
    assert "class='chart shifts'" in history
    assert "History(employee='platform-0', records=2, from=2026-05-04, to=2026-11-02)" in history
    everything = "\n".join(
        outputs(notebook, tag)
        for tag in ("build", "load", "ranks", "answers", "actions", "summary", "roster", "overdue", "record", "history")
    )
    assert "PRIVATE-MARKER" not in everything
    assert "PRIVATE-MARKER" in (tmp_path / "records" / "2026-05-04-platform-0.yaml").read_text()  # it was written


def test_rich_display_without_ipython() -> None:
    """marimo and other front ends call ``_repr_html_``/``_repr_markdown_`` themselves: the employee's view."""
    template = careerconv.get_template("standard")
    session = careerconv.start_conversation(template, employee="alex", date=dt.date(2026, 6, 1))
    record = session.answer("team", "KEPT-BACK", visibility="private").answer("new-skills", "Rust").record
    shown: list[object] = [template, record, careerconv.History([record]), careerconv.LoadResult((record,), ())]
    assert record.grow is None
    for obj in shown:
        html, markdown = obj._repr_html_(), obj._repr_markdown_()  # type: ignore[attr-defined]
        assert html == careerconv.defaults.display(obj, "html")  # type: ignore[arg-type]
        assert markdown == careerconv.defaults.display(obj, "markdown")  # type: ignore[arg-type]
        assert "KEPT-BACK" not in html + markdown
    assert record._repr_markdown_().startswith("# Career conversation: alex\n")  # type: ignore[attr-defined]
    assert "Rust" in record._repr_html_()  # type: ignore[attr-defined]
    assert careerconv.LoadResult((record,), ())._repr_markdown_() == "**1 records read; 0 problems in 0 files**"  # type: ignore[attr-defined]
