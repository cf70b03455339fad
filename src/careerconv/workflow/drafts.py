"""Starting a conversation record: a YAML file a manager fills in with any editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from careerconv.formats.emitter import inline
from careerconv.model import Action, Conversation, Person, Question, Template
from careerconv.questions import kind_of
from careerconv.rules.envelope import SCHEMA_VERSION
from careerconv.rules.params import fill, parameter_values
from careerconv.workflow.session import carried_actions, default_record_id, successor

__all__ = ["draft_record"]


def _comment(text: str, indent: str) -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines() or [""]]


def _answer_hint(question: Question, values: Mapping[str, str]) -> str | None:
    """The comment above a typed question's ``value``: what it takes, with the labels people read."""
    return kind_of(question.type).hint(question, lambda text: fill(text, values))


def draft_record(
    template: Template,
    *,
    employee: str | None = None,
    manager: str | None = None,
    date: dt.date | None = None,
    params: Mapping[str, str] | None = None,
    previous: Conversation | None = None,
) -> str:
    """A conversation record to fill in, as commented YAML that validates as it is.

    Each question's text (and its prompts and help) stands as a comment above its answer; the record pins
    the template's name, version and locale. ``previous``, the employee's last record, carries its employee,
    manager, parameters and open actions into this one; ``employee`` may then be left out, and one that is not
    ``previous``'s raises ``ValueError``. Without either, the employee's id is ``employee``, to fill in.

    Examples:
        >>> import datetime, careerconv
        >>> text = careerconv.draft_record(careerconv.get_template("standard"), employee="alex",
        ...                                date=datetime.date(2026, 11, 26))
        >>> record = careerconv.loads(text)
        >>> record.id, record.template.version, record.answers["career-so-far"].text
        ('2026-11-26-alex', '1.0.0', None)
    """
    person, lead, given = successor(previous, employee if employee or previous else "employee", manager, params)
    values = parameter_values(
        template, {k: v for k, v in given.items() if k in template.parameters or k in (params or {})}
    )
    day = date or dt.date.today()  # noqa: DTZ011 - the manager's local day is the conversation's day
    record_id = default_record_id(day, person.id)
    lines = [
        f"# Career conversation record for template {template.name} {template.version} ({template.locale}).",
        "# Fill in the answers; leave one empty to skip it. For several lines, write 'text: |' and indent",
        "# the lines below it. Set 'visibility: private' on an answer or note the employee should not see.",
        "# Check the file with: careerconv validate FILE",
        "kind: conversation",
        f"schema_version: {SCHEMA_VERSION}",
        f"id: {inline(record_id)}",
        "template:",
        f"  name: {inline(template.name)}",
        f"  version: {inline(template.version)}",
        f"  locale: {inline(template.locale)}",
        f"date: {day.isoformat()}",
        "employee:",
        *_person(person),
    ]
    if lead is not None:
        lines += ["manager:", *_person(lead)]
    if values:
        lines.append("params:")
        lines += [f"  {name}: {inline(value)}" for name, value in values.items()]
    lines += ["answers:", *_answers(template, values)]
    lines += _ranking(template, values)
    if any(section.kind == "grow" for section in template.sections):
        lines += _grow(carried_actions(previous) if previous is not None else ())
    lines += ["", "# notes: - {text: ..., visibility: shared or private}", "notes: []"]
    return "\n".join(lines) + "\n"


def _answers(template: Template, values: Mapping[str, str]) -> list[str]:
    """Each question of ``template``, its words as comments above the empty answer, under its section's title."""
    lines: list[str] = []
    for section in template.sections:
        groups = [(section.title, section.questions)]
        groups += [(f"{section.title} / {stage.title}", stage.questions) for stage in section.stages]
        for title, questions in groups:
            if not questions:
                continue
            lines += ["", *_comment(f"== {fill(title, values)} ==", "  ")]
            for question in questions:
                lines += _question(question, values)
    return lines


def _question(question: Question, values: Mapping[str, str]) -> list[str]:
    """One question: its text, help and prompts as comments, what a typed answer takes, and the empty answer."""
    lines = _comment(fill(question.text, values), "  ")
    lines += _comment(f"({fill(question.help, values)})", "  ") if question.help else []
    lines += [line for prompt in question.prompts for line in _comment(f"  - {fill(prompt, values)}", "  ")]
    hint = _answer_hint(question, values)
    lines.append(f"  {question.id}:")
    if hint:
        lines += _comment(hint, "    ")
    lines.append("    value:" if hint else "    text:")
    return lines


def _ranking(template: Template, values: Mapping[str, str]) -> list[str]:
    """The motivations to rank, by id with their labels, and the empty ranking; nothing without motivations."""
    motivations = template.motivations()
    if not motivations:
        return []
    lines = ["", "# Rank the motivations, most important first, by id:"]
    lines += [f"#   {m.id}: {fill(m.label, values)}" for m in motivations]
    lines += ["motivations:", "  ranking: []", "  # shared with the employee; private notes go under notes: below"]
    return [*lines, "  notes:"]


def _grow(carried: tuple[Action, ...]) -> list[str]:
    """The GROW plan to fill in, with the actions carried from the previous record."""
    return [
        "",
        "# The GROW plan for the one thing that matters most: what you agree, always shared with the employee.",
        "grow:",
        "  goal:",
        "    statement:",
        "    success:",
        "    by:  # a date, YYYY-MM-DD",
        "  reality:",
        "    current:",
        "    obstacles: []",
        "  # options: - {text: ..., chosen: true}",
        "  options: []",
        "  # will: - {text: ..., owner: employee or manager, due: YYYY-MM-DD, status: open, done or dropped}",
        "  #   (an action carried from before keeps its id and agreed date: set its status, keep the rest)",
        *_will(carried),
    ]


def _person(person: Person) -> list[str]:
    """A person's fields, each on a line of its own under ``employee:`` or ``manager:``."""
    fields = [("id", person.id), ("name", person.name), ("team", person.team)]
    return [f"  {name}: {inline(value)}" for name, value in fields if value is not None]


def _will(actions: tuple[Action, ...]) -> list[str]:
    if not actions:
        return ["  will: []"]
    lines = ["  # Still open from the previous conversation:", "  will:"]
    for action in actions:  # each keeps its id and the day it was first agreed
        fields = [f"id: {inline(action.id, flow=True)}"] if action.id else []
        fields += [f"text: {inline(action.text, flow=True)}", f"owner: {action.owner}"]
        fields += [f"due: {action.due.isoformat()}"] if action.due else []
        fields += ["status: open"] + ([f"agreed: {action.agreed.isoformat()}"] if action.agreed else [])
        lines.append("    - {" + ", ".join(fields) + "}")
    return lines
