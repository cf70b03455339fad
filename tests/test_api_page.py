"""The API reference reads cleanly: no Sphinx role in careerconv's sources, each public name once on the API page.

The docs site renders docstrings as Markdown (mkdocstrings), where a Sphinx role (``:class:`~careerconv.X```)
shows as it is written. A cross-reference is ``[`X`][careerconv.X]`` (checked by ``mkdocs build --strict``), and
anything else plain code.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "src" / "careerconv").rglob("*.py*"))
#: A Sphinx role of the Python domain, with or without ``py:``: ``:func:`x```, ``:py:class:`~a.B```.
ROLE = re.compile(r"(?<![\w`:]):(?:py:)?(?:func|class|meth|data|attr|exc|mod|obj|const):`[^`\n]+`")


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_sphinx_role_in_sources(path: Path) -> None:
    roles = [
        f"{path.relative_to(ROOT)}:{number}: {match.group(0)}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in ROLE.finditer(line)
    ]
    assert not roles, "Sphinx roles the docs site prints as they are (write [`name`][careerconv.name]):\n" + "\n".join(
        roles
    )


def test_each_public_name_once_on_the_api_page() -> None:
    stub = ast.parse((ROOT / "src" / "careerconv" / "__init__.pyi").read_text(encoding="utf-8"))
    names = next(
        ast.literal_eval(node.value)
        for node in stub.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    page = (ROOT / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    # Each name is an object (``::: careerconv.load``) or a row of the type aliases' table (``[](){#careerconv.X}``).
    shown = Counter(re.findall(r"^::: careerconv\.(\w+)\s*$", page, re.MULTILINE))
    shown.update(re.findall(r"^\| \[\]\(\)\{#careerconv\.(\w+)\}", page, re.MULTILINE))
    assert {name: shown[name] for name in names if shown[name] != 1} == {}
    assert sorted(set(shown) - set(names)) == []
