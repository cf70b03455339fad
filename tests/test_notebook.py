"""The example notebook in docs/ runs from top to bottom in a real kernel, and its outputs are what it says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

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
    assert outputs(notebook, "build").strip() == "13"
    ranks = outputs(notebook, "ranks")
    assert "platform-0" in ranks
    assert "mastery" in ranks
    assert outputs(notebook, "answers").strip() == "['new-skills']"  # the private answers are not in the table
    summary = outputs(notebook, "summary")
    assert "suppressed groups: 1" in summary
    assert "platform" in summary
    assert "payments" in summary
    assert "design" not in summary
    record = outputs(notebook, "record")
    assert '<div class="careerconv">' in record
    assert "Private worry" not in record
    assert "Skill 0" in record
    history = outputs(notebook, "history")
    assert "class='chart shifts'" in history
    assert "Private worry" not in history
