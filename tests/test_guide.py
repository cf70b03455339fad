"""The bundled standard template carries the manager's guide word for word.

The guide (tests/data/career-conversations-guide.txt, a copy of the seed) is parsed here on its own terms —
headings underlined with '=', bullets, parenthesised guidance, bold GROW stages — and compared item by item
with the template. The only changes allowed: "Company" becomes "{company}", parentheses around a section's
guidance are dropped (and its first letter capitalised), GROW sample questions lose their quotation marks,
and a question's parenthesised instruction to the manager becomes its help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import careerconv

GUIDE = Path(__file__).parent / "data" / "career-conversations-guide.txt"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "career-conversations-guide.txt"


def _clean(text: str) -> str:
    return " ".join(text.replace("Company", "{company}").split())


def parse_guide(text: str) -> list[dict[str, Any]]:
    """Sections of the guide: title, purpose, plain lines, bullets, and GROW stages."""
    lines = text.splitlines()
    sections: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        if line.startswith("=====") and index > 0:
            sections.append({"title": lines[index - 1].strip(), "lines": [], "purpose": None})
        elif sections and not (index + 1 < len(lines) and lines[index + 1].startswith("=====")):
            sections[-1]["lines"].append(line.strip())
    for section in sections:
        body = [line for line in section["lines"] if line and line not in {"|\\", "|"}]
        if body and body[0].startswith("(") and body[0].rstrip(".").endswith(")"):
            purpose = body.pop(0).rstrip(".")[1:-1].rstrip(".") + "."
            section["purpose"] = purpose[0].upper() + purpose[1:]
        section["plain"] = [_clean(line) for line in body if not line.startswith(("-", "**", "Sample"))]
        section["bullets"] = [_clean(line[1:]) for line in body if line.startswith("-")]
        section["stages"] = []
        for line in body:
            if line.startswith("**"):
                section["stages"].append({"title": line.strip("* "), "purpose": None, "questions": []})
            elif section["stages"] and line.startswith("-"):
                section["stages"][-1]["questions"].append(_clean(line[1:]).strip('"'))
            elif section["stages"] and not line.startswith("Sample") and section["stages"][-1]["purpose"] is None:
                section["stages"][-1]["purpose"] = _clean(line)
    return sections


@pytest.fixture(scope="module")
def guide() -> list[dict[str, Any]]:
    return parse_guide(GUIDE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def template() -> careerconv.Template:
    return careerconv.get_template("standard")


def test_the_copy_is_the_seed() -> None:
    """The guide the tests read is the seed itself, where the seed is at hand."""
    if not SEED.exists():
        pytest.skip("no shared/seed beside this checkout")
    assert GUIDE.read_bytes() == SEED.read_bytes()


def test_the_guide_parses_into_five_sections(guide: list[dict[str, Any]]) -> None:
    assert [s["title"] for s in guide] == [
        "Life Story",
        "What do you seek in your career?",
        "Short-term",
        "Long term",
        "If you had to choose one thing, what would it be?",
    ]


def test_section_titles_and_purposes(guide: list[dict[str, Any]], template: careerconv.Template) -> None:
    assert template.title == "Career Conversations"
    assert [(s.title, s.purpose) for s in template.sections] == [(s["title"], s["purpose"]) for s in guide]


def test_life_story(guide: list[dict[str, Any]], template: careerconv.Template) -> None:
    """The 10-minute life story: its question, its timebox and its four prompts."""
    section = template.sections[0]
    assert section.duration_minutes == 10
    assert "10 minutes" in guide[0]["plain"][0]
    (question,) = section.questions
    assert question.text == guide[0]["plain"][0]
    assert list(question.prompts) == guide[0]["bullets"]


def test_the_seven_motivations(guide: list[dict[str, Any]], template: careerconv.Template) -> None:
    section = template.sections[1]
    assert section.kind == "motivations"
    assert [m.label for m in section.motivations] == guide[1]["bullets"]
    assert len(section.motivations) == 7


@pytest.mark.parametrize("index", [2, 3])
def test_short_and_long_term_questions(guide: list[dict[str, Any]], template: careerconv.Template, index: int) -> None:
    """Every question, in order; a parenthesised instruction to the manager is the question's help."""
    rebuilt = []
    for question in template.sections[index].questions:
        rebuilt.append(f"{question.text} ({question.help})" if question.help else question.text)
    assert rebuilt == guide[index]["bullets"]


def test_grow_stages(guide: list[dict[str, Any]], template: careerconv.Template) -> None:
    """Goal, Reality, Options, Will: titles, purposes and every sample question."""
    section = template.sections[4]
    assert section.kind == "grow"
    assert [s.id for s in section.stages] == ["goal", "reality", "options", "will"]
    got = [{"title": s.title, "purpose": s.purpose, "questions": [q.text for q in s.questions]} for s in section.stages]
    assert got == guide[4]["stages"]


def test_company_is_the_one_parameter(template: careerconv.Template) -> None:
    assert list(template.parameters) == ["company"]
    texts = [q.text for q in template.iter_questions()]
    assert sum("{company}" in t for t in texts) == 2
    assert not any("Company" in t for t in texts)
