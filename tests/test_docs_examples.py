"""The tutorial's Python runs as written, in order, and produces what the text says."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import careerconv

if TYPE_CHECKING:
    import pytest

TUTORIAL = Path(__file__).parent.parent / "docs" / "tutorial.md"


def test_the_tutorial_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 4
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(TUTORIAL), "exec"), namespace)
    out = capsys.readouterr().out
    assert out.startswith("# Career Conversations\n")  # step 1 prints the guide
    assert "\n2 of 27 questions answered\n" in out  # step 2: the session counts the private answer too
    assert "*1 of 27 questions answered*" in out  # step 4: the employee's report does not
    record = careerconv.load(tmp_path / "2026-11-26-alex.yaml")
    assert isinstance(record, careerconv.Conversation)
    employee, manager = careerconv.render(record), careerconv.render(record, audience="manager")
    assert "Thinking about leaving" not in employee
    assert "Worried about the reorg" not in employee
    assert "Thinking about leaving" in manager
    assert "Lead a team within two years" in employee
