"""Generated benchmark data: conversation records of a realistic size, and templates of any size."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import careerconv

WORDS = ("growth", "team", "learn", "lead", "backend", "support", "mentor", "project", "career", "move", "scope")


def record(number: int, rnd: random.Random) -> dict[str, Any]:
    """One record of about 4 KB: 15 answers, a ranking, a GROW plan and notes, some of them private."""
    template = careerconv.get_template("standard")
    questions = [q.id for q in template.iter_questions()]
    ranking = [m.id for m in template.motivations()]
    rnd.shuffle(ranking)
    answers = {}
    for question in rnd.sample(questions, 15):
        answer: dict[str, Any] = {"text": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(15, 40)))}
        if rnd.random() < 0.2:
            answer["visibility"] = "private"
        answers[question] = answer
    return {
        "kind": "conversation",
        "schema_version": 1,
        "id": f"2026-11-26-p{number}",
        "template": {"name": "standard", "version": "1.0.0", "locale": "en"},
        "date": "2026-11-26",
        "employee": {"id": f"p{number}", "name": f"Person {number}", "team": f"team-{number % 40}"},
        "manager": {"id": "sam", "name": "Sam Roe"},
        "params": {"company": "Acme"},
        "answers": answers,
        "motivations": {"ranking": ranking, "notes": "Mastery came up in every story."},
        "grow": {
            "goal": {"statement": "Lead a team within two years", "success": "Leads the team", "by": "2028-12-31"},
            "reality": {"current": "Senior engineer", "obstacles": ["No people-management experience"]},
            "options": [{"text": "Mentor two juniors", "chosen": True}, {"text": "Management course"}],
            "will": [
                {"text": "Mentor Kim and Lee", "due": "2027-03-31"},
                {"text": "Find a course", "owner": "manager", "due": "2027-01-31"},
            ],
        },
        "notes": [{"text": "Worried about the reorg", "visibility": "private"}, {"text": "Meet monthly"}],
    }


def write_jsonl(path: Path, count: int, seed: int = 1) -> list[bytes]:
    """``count`` records as JSON Lines at ``path``; the lines are returned too."""
    rnd = random.Random(seed)
    lines = [json.dumps(record(n, rnd)).encode() for n in range(count)]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return lines


def write_yaml_folder(folder: Path, lines: list[bytes]) -> list[Path]:
    """The same records as one YAML file each, as careerconv writes them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, line in enumerate(lines):
        path = folder / f"r{number:06}.yaml"
        path.write_text(careerconv.dumps(careerconv.loads(line, format="json")), encoding="utf-8")
        paths.append(path)
    return paths


def template_text(questions: int) -> str:
    """A template of ``questions`` questions in sections of ten, as YAML."""
    lines = ["kind: template", "schema_version: 1", "name: big", "version: 1.0.0", "title: Big", "sections:"]
    for section in range(0, questions, 10):
        lines += [f"  - id: s{section}", f"    title: Section {section}", "    questions:"]
        for number in range(section, min(section + 10, questions)):
            lines += [f"      - id: q{number}", f"        text: Question number {number}, about the work?"]
    return "\n".join(lines) + "\n"
