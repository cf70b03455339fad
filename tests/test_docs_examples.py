"""The tutorial's Python and the getting-started page run as written, in order, and produce what the text says."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
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


GETTING_STARTED = Path(__file__).parent.parent / "docs" / "getting-started.md"


def test_getting_started_works_as_written(tmp_path: Path) -> None:
    """Each command of the getting-started page, run as written in an activated environment, in order.

    The install block is what CI itself does; step 4 is an editor's work, done here by putting the page's YAML
    where it says; the Python at the end runs on the files the steps made.
    """
    text = GETTING_STARTED.read_text(encoding="utf-8")
    consoles = re.findall(r"```console\n(.*?)```", text, re.DOTALL)
    assert consoles[0].splitlines() == [
        "cd careerconv                  # the clone",
        "python3 -m venv .venv",
        ". .venv/bin/activate           # on Windows: .venv\\Scripts\\activate",
        "pip install .",
    ]
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    def shell(line: str) -> subprocess.CompletedProcess[str]:
        assert shutil.which("careerconv", path=environment["PATH"]) is not None
        return subprocess.run(
            shlex.split(line), check=False, cwd=tmp_path, env=environment, capture_output=True, text=True
        )

    guide, new, check, broken = (block.strip() for block in consoles[1:])
    shown = shell(guide)
    assert (shown.returncode, shown.stdout.splitlines()[0]) == (0, "# Career Conversations")
    assert "Do you see yourself staying at Acme?" in shown.stdout  # --param company=Acme
    assert shell(new).returncode == 0
    record = tmp_path / "2026-11-26-alex.yaml"
    written = record.read_text(encoding="utf-8")
    shown_yaml = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert shown_yaml[0] in written  # step 3 shows the file as it is
    filled = shown_yaml[1].splitlines()  # step 4: the answer and the ranking, where the page says
    written = written.replace("  career-so-far:\n    text:\n", "\n".join(filled[1:5]) + "\n", 1)
    written = written.replace("  ranking: []\n", filled[6] + "\n", 1)
    record.write_text(written, encoding="utf-8")
    checked = shell(check)
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")
    (tmp_path / "broken.yaml").write_text(written.replace("prestige, ", ""), encoding="utf-8")
    failed = shell(broken)
    expected = re.findall(r"```text\n(.*?)```", text, re.DOTALL)[0]
    assert (failed.returncode, failed.stdout, failed.stderr) == (1, "", expected)  # problems go to stderr
    python = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    ran = subprocess.run(
        [sys.executable, "-c", python[0]], check=False, cwd=tmp_path, env=environment, capture_output=True, text=True
    )
    assert ran.stdout == "alex ('mastery', 'autonomy', 'meaning')\n132 12 $.motivations.ranking invalid-ranking\n"
