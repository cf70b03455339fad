"""The corpus of bad documents: each file under tests/bad/ with the exact problems it must produce.

A document ``NAME.yaml`` (or ``.json``) sits beside ``NAME.expected``, which lists its problems one a
line as ``careerconv validate`` prints them: ``FILE:LINE:COL: $.path: message [code]``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import careerconv
from careerconv.documents.core import format_for

BAD = Path(__file__).parent / "bad"
DOCUMENTS = sorted(p for p in BAD.iterdir() if p.suffix in (".yaml", ".json"))


def test_the_corpus_is_large_enough() -> None:
    """At least 25 bad documents, each with its expectations."""
    assert len(DOCUMENTS) >= 25
    assert all(p.with_suffix(".expected").exists() for p in DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_bad_document_gives_exactly_its_problems(document: Path) -> None:
    """Every problem at once, each with its line, column, path, message and code — and nothing more."""
    from tests.figures import FIGURES

    FIGURES["corpus: bad documents checked"] += 1
    expected = document.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(document.read_bytes(), format=format_for(document), source=document.name)
    assert [str(p) for p in caught.value.problems] == expected


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_cli_validate_prints_the_same_problems(document: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``careerconv validate`` prints one line a problem, with the path as given, and exits 1."""
    from careerconv.cli import main

    assert main(["validate", str(document)]) == 1
    expected = document.with_suffix(".expected").read_text(encoding="utf-8").replace(document.name, str(document))
    captured = capsys.readouterr()
    assert captured.err == expected
    assert captured.out == ""
