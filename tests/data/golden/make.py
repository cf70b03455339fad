"""Write the golden outputs the writer tests compare with (``tests/test_writer.py``).

They were first written with ruamel.yaml's round-trip emitter, careerconv's YAML writer before its own took
its place (issue 14), which the new writer matched byte for byte. Since the second security review (issue 21)
they are written by careerconv's writer: the same bytes as ruamel.yaml's wherever ruamel.yaml's text reads back
as the document (``test_golden_documents_keep_the_layout_of_before`` checks it), and text that reads back where
ruamel.yaml's did not. Regenerate them only when an output is meant to change, and say so in the CHANGELOG::

    python tests/data/golden/make.py
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

import careerconv  # noqa: E402
from careerconv.rules.structure import converter  # noqa: E402
from careerconv.workflow.drafts import draft_record  # noqa: E402
from tests import strategies  # noqa: E402

PLUGIN = ROOT / "examples/acme-careerconv/src/acme_careerconv/templates"
TODAY = dt.date(2026, 11, 26)

#: Texts that test each choice of the writer: plain or quoted, a literal block, lines folded at 100 columns.
TRICKY = [
    "true", "False", "null", "~", "", " ", "123", "-7", "0x1f", "0o17", "1_000", "1e3", "1.5", ".inf", "-.Inf",
    ".nan", "2026-11-26", "2026-11-26 10:00:00", "<<", "=", "!", "&", "*", "@at", "`tick", "%p", "|", ">",
    "- item", "-item", "a: b", "a:b", "key:", ":", "?", "? x", "?x", "#x", "x #y", "x# y", "'quoted'", "it's",
    '"dq"', 'say "hi"', "a, b", "[x]", "x]", "---", "--- x", "...", "... x", "a\nb", "a\nb\n", "a\n\nb",
    "\nlead", "trail\n\n", "a \nb", "a\n b", " lead", "trail ", "two  spaces", "tab\there", "é ü ñ 日本 🙂",
    "nbsp\xa0here", "line\u2028sep", "para\u2029sep", "next\x85line", "bom\ufeff", "private\ue000use",
    "w" * 130, "word " * 60, ("mixed length words and a-very-long-one-" * 4 + " ") * 3, "a " * 80,
    "x: " * 50, "'q' " * 40, "- " * 3, "y", "n", "yes", "no", "on", "off", "Yes", "NO", "0", "+1", "-0", "00",
    "0b101", "1:30", "12:30:00", "a b c\n  indented\nback", "ends with colon:", "ends with hash #",
    # what the second security review found ruamel.yaml's emitter got wrong (issue 21)
    "y" * 60 + "  " + "z" * 101, "x" * 95 + "\t0 0", "x" * 95 + "\u20280 0", ".5e3", "-.5E3", "+.5e3", "\tlead\ntab",
]  # fmt: skip


def tricky_record(number: int) -> careerconv.Conversation:
    template = careerconv.get_template("standard")
    questions = [q for q in template.iter_questions() if q.type == "text"]
    answers = {}
    for index, question in enumerate(questions):
        text = TRICKY[(number * len(questions) + index) % len(TRICKY)]
        visibility: careerconv.Visibility = "private" if index % 5 == 0 else "shared"
        answers[question.id] = careerconv.Answer(text=text or None, visibility=visibility)
    picked = TRICKY[number % len(TRICKY)]
    return careerconv.Conversation(
        id=f"tricky-{number}",
        template=careerconv.TemplateRef(name="standard", version=template.version, locale="en"),
        date=TODAY,
        employee=careerconv.Person(
            id=f"p{number}", name=picked or None, team=TRICKY[(number + 7) % len(TRICKY)] or None
        ),
        manager=careerconv.Person(id="sam", name="Sam Roe"),
        params={"company": TRICKY[(number + 3) % len(TRICKY)] or "x"},
        answers=answers,
        notes=tuple(careerconv.Note(text=t or "x") for t in TRICKY[number % 9 :: 13]),
    )


def collect(strategy: st.SearchStrategy[Any], count: int, salt: int) -> list[Any]:
    found: list[Any] = []

    @seed(salt)
    @settings(max_examples=count, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(strategy)
    def draw(value: object) -> None:
        found.append(value)

    draw()
    return found


def outputs(document: careerconv.Template | careerconv.Conversation) -> dict[str, str]:
    return {
        "yaml": careerconv.dumps(document),
        "yaml-defaults": careerconv.dumps(document, defaults=True),
        "json": careerconv.dumps(document, format="json"),
        "jsonl": careerconv.dumps(document, format="jsonl"),
    }


def registry() -> careerconv.Registry:
    """The bundled templates and the example plugin's, read from its folder."""
    return careerconv.Registry(paths=[PLUGIN], entry_points=True, environment=False)


def documents() -> list[dict[str, object]]:
    """Templates and records, each with its data and the four texts careerconv writes of it."""
    found = registry()
    cases: list[dict[str, object]] = []
    templates = [
        found.get("standard"), found.get("standard", locale="es"), found.get("moving-motivators"),
        found.get("acme-career"), found.get("acme-career", locale="es"),
    ]  # fmt: skip
    templates += collect(strategies.templates(), 60, 14)
    templates += collect(strategies.every_type_templates(), 30, 15)
    for template in templates:
        cases.append({"kind": "template", "data": converter().unstructure(template), **outputs(template)})
    records: list[Any] = [tricky_record(n) for n in range(len(TRICKY))]
    records += collect(strategies.conversations(), 150, 16)
    records += collect(strategies.conversations(careerconv.get_template("moving-motivators")), 40, 17)
    for record in records:
        cases.append({"kind": "conversation", "data": converter().unstructure(record), **outputs(record)})
    return cases


def drafts() -> dict[str, str]:
    """``careerconv new`` of four templates, and of the standard one with a previous record."""
    found = registry()
    written = {}
    for name, locale in (("standard", "en"), ("standard", "es"), ("moving-motivators", "en"), ("acme-career", "es")):
        template = found.get(name, locale=locale)
        written[f"{name}.{locale}"] = draft_record(template, employee="alex", manager="sam", date=TODAY)
        if name == "standard" and locale == "en":
            previous = tricky_record(3)
            written["standard.previous"] = draft_record(template, date=TODAY, previous=previous)  # p3's next
    return written


def reports() -> dict[str, str]:
    """Three records rendered in every format for both audiences."""
    written = {}
    for number in (0, 5, 11):
        record = tricky_record(number)
        for fmt in ("markdown", "html", "yaml", "json"):
            for audience in ("employee", "manager"):
                text = careerconv.render(record, format=fmt, audience=audience, today=TODAY)
                written[f"tricky-{number}.{audience}.{fmt}"] = text
    return written


def main() -> None:
    cases = documents()
    with gzip.open(HERE / "documents.jsonl.gz", "wt", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case, ensure_ascii=False, default=str) + "\n")
    for name, written in (("drafts", drafts()), ("reports", reports())):
        text = json.dumps(written, ensure_ascii=False, indent=1) + "\n"
        (HERE / f"{name}.json").write_text(text, encoding="utf-8")
    print(f"{len(cases)} documents")


if __name__ == "__main__":
    main()
