"""Rendering a template as the guide a manager takes into the room.

``render(template)`` gives Markdown: the agenda with its timeboxes, then every section's title, purpose,
questions, prompts, motivations and GROW stages, with parameters filled in. ``yaml`` and ``json`` give the
template document itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal, TypeAlias

import attrs

from careerconv.errors import ValidationError
from careerconv.formats._plain import problem
from careerconv.model import Question, Section, Template
from careerconv.validation import PLACEHOLDER

__all__ = ["RenderFormat", "fill", "parameter_values", "render"]

RenderFormat: TypeAlias = Literal["markdown", "yaml", "json"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def parameter_values(template: Template, params: Mapping[str, str] | None = None) -> dict[str, str]:
    """The value of each parameter: the one given, else the template's default.

    Raises :class:`~careerconv.ValidationError` for a parameter the template does not declare, or one
    that has no default and no value.

    Examples:
        >>> import careerconv
        >>> parameter_values(careerconv.get_template("standard"), {"company": "Acme"})
        {'company': 'Acme'}
    """
    given = dict(params or {})
    problems = [
        problem(("params", key), f"template {template.name} declares no parameter '{key}'", "unknown-parameter")
        for key in given
        if key not in template.parameters
    ]
    values: dict[str, str] = {}
    for name, parameter in template.parameters.items():
        value = given.get(name, parameter.default)
        if value is None:
            problems.append(problem(("params", name), f"parameter '{name}' needs a value", "missing-parameter"))
        else:
            values[name] = value
    if problems:
        raise ValidationError(problems)
    return values


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` placeholders with their values; ``{{`` and ``}}`` stand for single braces.

    Examples:
        >>> fill("Working at {company} {{today}}", {"company": "Acme"})
        'Working at Acme {today}'
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return match.group(0)[0] if name is None else values.get(name, match.group(0))

    return PLACEHOLDER.sub(replace, text)


def render(template: Template, *, format: RenderFormat = "markdown", params: Mapping[str, str] | None = None) -> str:
    """Render a template as a printable Markdown guide, or as its YAML or JSON document.

    With ``yaml`` or ``json``, given ``params`` become the parameters' defaults, so the document stays a
    template that loads back.

    Examples:
        >>> import careerconv
        >>> guide = careerconv.render(careerconv.get_template("standard"), params={"company": "Acme"})
        >>> print(guide.splitlines()[0])
        # Career Conversations
        >>> "What is it about working at Acme that still appeals to you?" in guide
        True
    """
    values = parameter_values(template, params)
    if format in ("yaml", "json"):
        from careerconv.documents import dumps  # noqa: PLC0415 - documents is heavier; load it on use

        parameters = {
            name: attrs.evolve(parameter, default=values[name]) for name, parameter in template.parameters.items()
        }
        return dumps(attrs.evolve(template, parameters=parameters), format=format)
    if format != "markdown":
        raise ValueError(f"unknown format {format!r}: expected markdown, yaml or json")
    return _Markdown(values, template.locale).template(template)


# The guide's own words, by language; a locale without an entry uses English.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "agenda": "Agenda",
        "minutes": "{n} minutes",
        "timeboxed": "Timeboxed: {n} minutes.",
        "timebox": "Timebox: {n} minutes.",
        "rank": "Rank these, most important first:",
        "sample": "Sample questions to ask:",
        "scale": "scale {low} to {high}",
        "any": "choose any of",
        "one": "choose one of",
        "date": "a date",
        "required": "required",
    },
    "es": {
        "agenda": "Agenda",
        "minutes": "{n} minutos",
        "timeboxed": "Duración total: {n} minutos.",
        "timebox": "Duración: {n} minutos.",
        "rank": "Ordénalas, de la más importante a la menos:",
        "sample": "Preguntas de ejemplo:",
        "scale": "escala de {low} a {high}",
        "any": "elige las que quieras de",
        "one": "elige una de",
        "date": "una fecha",
        "required": "obligatoria",
    },
}


class _Markdown:
    def __init__(self, values: Mapping[str, str], locale: str = "en") -> None:
        self.values = values
        self.lines: list[str] = []
        self.words = _WORDS.get(locale.lower().partition("-")[0], _WORDS["en"])

    def word(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)

    def text(self, text: str) -> str:
        return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(fill(text, self.values).split()))

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def template(self, template: Template) -> str:
        self.add(f"# {self.text(template.title)}", "")
        if template.description:
            self.add(self.text(template.description), "")
        self.add(f"## {self.word('agenda')}", "")
        total = 0
        for number, section in enumerate(template.sections, 1):
            minutes = f" ({self.word('minutes', n=section.duration_minutes)})" if section.duration_minutes else ""
            total += section.duration_minutes or 0
            self.add(f"{number}. {self.text(section.title)}{minutes}")
        if total:
            self.add("", self.word("timeboxed", n=total))
        self.add("")
        for number, section in enumerate(template.sections, 1):
            self.section(number, section)
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def section(self, number: int, section: Section) -> None:
        self.add(f"## {number}. {self.text(section.title)}", "")
        if section.duration_minutes:
            self.add(f"*{self.word('timebox', n=section.duration_minutes)}*", "")
        if section.purpose:
            self.add(f"> {self.text(section.purpose)}", "")
        for question in section.questions:
            self.question(question)
        if section.motivations:
            self.add(self.word("rank"), "")
            for motivation in section.motivations:
                about = f": {self.text(motivation.description)}" if motivation.description else ""
                self.add(f"- [ ] {self.text(motivation.label)}{about}")
            self.add("")
        for stage in section.stages:
            self.add(f"### {self.text(stage.title)}", "")
            if stage.purpose:
                self.add(self.text(stage.purpose), "")
            if stage.questions:
                self.add(self.word("sample"), "")
                for question in stage.questions:
                    self.question(question)

    def question(self, question: Question) -> None:
        notes = []
        if question.type == "scale":
            notes.append(self.word("scale", low=question.min, high=question.max))
            if question.labels:
                notes.append(", ".join(self.text(label) for label in question.labels))
        elif question.type == "choice":
            how = self.word("any" if question.multiple else "one")
            notes.append(f"{how}: " + ", ".join(self.text(option) for option in question.options))
        elif question.type == "date":
            notes.append(self.word("date"))
        if question.required:
            notes.append(self.word("required"))
        suffix = f" ({'; '.join(notes)})" if notes else ""
        self.add(f"- **{self.text(question.text)}**{suffix}")
        if question.help:
            self.add(f"  *{self.text(question.help)}*")
        self.add(*(f"  - {self.text(prompt)}" for prompt in question.prompts))
        self.add("")
