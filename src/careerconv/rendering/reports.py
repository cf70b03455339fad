"""Rendering with Jinja2: the guide a manager takes into the room, the record's report, a history.

``render(obj)`` takes a [`Template`][careerconv.Template] (the printable guide, with its agenda and timeboxes), a
[`Conversation`][careerconv.Conversation] (the report of what was agreed), a [`History`][careerconv.History] (one
employee's conversations over time) or a [`GrowPlan`][careerconv.GrowPlan], as Markdown or as one
self-contained HTML page (inline CSS and SVG charts, no external asset, print-friendly).

A record's content goes through [`careerconv.redact`][careerconv.redact] for the ``audience`` before any template sees
it: ``employee`` (the default) and ``hr`` never see private answers or notes.

The Jinja2 templates live in ``careerconv/rendering/templates``; pass ``templates_dir`` to override any of them
by file name. In HTML every value is escaped (autoescape); in Markdown every value is escaped for Markdown.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from markupsafe import Markup, escape

from careerconv.documents.core import dumps
from careerconv.errors import CareerconvError
from careerconv.model import Action, Conversation, GrowPlan, Question, Template
from careerconv.questions import kind_of
from careerconv.rendering import charts
from careerconv.rendering.form import form
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.params import parameter_values, with_params
from careerconv.rules.privacy import Audience, check_audience, redact
from careerconv.rules.text import fill_line
from careerconv.workflow.history import TOP, History
from careerconv.workflow.session import progress

if TYPE_CHECKING:
    import jinja2

__all__ = ["RenderFormat", "display", "environment", "prep_page", "render"]

RenderFormat: TypeAlias = Literal["markdown", "html", "yaml", "json", "form"]


def render(
    obj: Template | Conversation | GrowPlan | History,
    *,
    format: RenderFormat = "markdown",
    audience: Audience = "employee",
    params: Mapping[str, str] | None = None,
    template: Template | None = None,
    templates_dir: str | os.PathLike[str] | None = None,
    today: dt.date | None = None,
    previous: Conversation | None = None,
    registry: TemplateLookup | None = None,
) -> str:
    """Render a template, a record, a history or a GROW plan as Markdown or HTML (or YAML/JSON).

    - a **template** gives the printable guide; with ``yaml`` or ``json``, the template document, given
      ``params`` becoming the parameters' defaults so it loads back; with ``form``, the fill-in form, one
      self-contained HTML page that saves a valid record (``previous``, the employee's last record, carries
      its open actions in);
    - a **record** gives the report of the conversation for ``audience`` (``employee``, ``hr`` or
      ``manager``); ``yaml``/``json`` give the record as that audience may read it. Its template is looked up
      in ``registry`` unless given as ``template`` (``careerconv.render`` takes the default registry);
    - a **history** gives one employee's conversations over time, with motivation shifts, open and overdue
      actions (as of ``today``);
    - a **GROW plan** gives that plan alone.

    Examples:
        >>> import careerconv
        >>> guide = careerconv.render(careerconv.get_template("standard"), params={"company": "Acme"})
        >>> print(guide.splitlines()[0])
        # Career Conversations
        >>> "What is it about working at Acme that still appeals to you?" in guide
        True
    """
    check_audience(audience)
    if format == "form":
        if not isinstance(obj, Template):
            raise ValueError(f"format 'form' renders a template, not a {type(obj).__name__}")
        return form(obj, params=params, previous=previous)
    if format == "yaml" or format == "json":  # noqa: PLR1714 - the comparisons narrow the format's type
        return _serialised(obj, format, audience, params)
    return _render(obj, format, audience, template, templates_dir, today, registry, params=params, standalone=True)


def _serialised(
    obj: Template | Conversation | GrowPlan | History,
    format: Literal["yaml", "json"],
    audience: Audience,
    params: Mapping[str, str] | None,
) -> str:
    """The document itself, as a format serialises it, not a page about it.

    A template with ``params`` as its parameters' defaults, so it loads back; a record redacted for ``audience``.
    """
    if isinstance(obj, Template):
        return dumps(with_params(obj, params or {}), format=format)
    if isinstance(obj, Conversation):
        return dumps(redact(obj, audience), format=format)  # the one place private content is taken out
    if isinstance(obj, History):
        raise ValueError("a history renders as markdown or html; dump its records one by one")  # noqa: TRY004
    if isinstance(obj, GrowPlan):  # the format asked for is what is wrong, not the object
        raise ValueError("a GROW plan renders as markdown or html; dump the record it belongs to")  # noqa: TRY004
    raise TypeError(f"cannot render {type(obj).__name__}: expected a Template, Conversation, History or GrowPlan")


def _render(
    obj: Template | Conversation | GrowPlan | History,
    format: str,
    audience: Audience,
    template: Template | None,
    templates_dir: str | os.PathLike[str] | None,
    today: dt.date | None,
    registry: TemplateLookup | None,
    *,
    params: Mapping[str, str] | None = None,
    standalone: bool,
) -> str:
    """A page (Markdown or HTML) about ``obj``: a template's guide, a record's report, a history, a GROW plan."""
    if format not in ("markdown", "html"):
        raise ValueError(f"unknown format {format!r}: expected markdown, html, yaml, json or form")
    if isinstance(obj, Template):
        values = parameter_values(obj, params)
        return _Page(format, templates_dir, obj, values, standalone=standalone).render("guide")
    if isinstance(obj, Conversation):
        shown = redact(obj, audience)  # the one place private content is taken out
        page = _Page(format, templates_dir, _template_of(shown, template, registry), standalone=standalone)
        return page.render("record", record=shown, audience=audience, progress=page.progress(shown))
    if isinstance(obj, History):
        history = History(redact(r, audience) for r in obj.records)
        page = _Page(format, templates_dir, _template_of(history.latest, template, registry), standalone=standalone)
        return page.render("history", history=history, audience=audience, today=today or dt.date.today())  # noqa: DTZ011
    if isinstance(obj, GrowPlan):
        return _Page(format, templates_dir, template, standalone=False).render("grow", grow=obj)
    raise TypeError(f"cannot render {type(obj).__name__}: expected a Template, Conversation, History or GrowPlan")


def prep_page(
    records: Conversation | Iterable[Conversation],
    *,
    audience: Audience = "employee",
    format: Literal["markdown", "html"] = "markdown",
    today: dt.date | None = None,
    template: Template | None = None,
    registry: TemplateLookup | None = None,
) -> str:
    """The page to read before the next conversation with one person: what was agreed last time.

    From the person's records (one, or several of one employee, in any order), each read as ``audience`` may:
    the goal of the latest record; its open actions, the overdue ones first (as of ``today``); the last ranking
    and how it moved since the one before; the questions the latest record left unanswered; its notes; and a
    few questions of the template to open the next conversation with (the first of each GROW stage). The
    ``employee``'s page holds shared content only; the ``manager``'s marks each private note. The template
    is the latest record's, from ``registry`` (``careerconv.prep_page`` takes the default registry), unless given.

    Examples:
        >>> import careerconv, datetime as dt
        >>> standard = careerconv.get_template("standard")
        >>> session = careerconv.start_conversation(standard, employee="alex", date=dt.date(2026, 6, 1))
        >>> record = session.goal("Lead the platform team").action("Shadow Kim", due=dt.date(2026, 9, 1)).record
        >>> page = prep_page(record, today=dt.date(2026, 9, 15))
        >>> print(page[: page.index("## What you seek")].strip())
        # Before the next conversation: alex
        <BLANKLINE>
        Last conversation: 2026-06-01
        <BLANKLINE>
        *For: the employee (shared content only)*
        <BLANKLINE>
        ## Goal
        <BLANKLINE>
        Lead the platform team
        <BLANKLINE>
        ## Open actions
        <BLANKLINE>
        - Shadow Kim (employee, due 2026-09-01): **overdue, 14 days late**
    """
    check_audience(audience)
    if format not in ("markdown", "html"):
        raise ValueError(f"unknown format {format!r}: a prep page is markdown or html")
    given = [records] if isinstance(records, Conversation) else list(records)
    history = History(redact(record, audience) for record in given)  # the one place private content is taken out
    page = _Page(format, None, _template_of(history.latest, template, registry))
    day = today or dt.date.today()  # noqa: DTZ011 - due dates are local days
    return page.render("prep", history=history, record=history.latest, audience=audience, today=day)


def display(
    obj: Template | Conversation | GrowPlan | History,
    format: Literal["markdown", "html"],
    registry: TemplateLookup | None = None,
) -> str:
    """What a notebook shows of ``obj``: an HTML fragment or Markdown, for the ``employee`` audience.

    Examples:
        >>> import careerconv
        >>> display(careerconv.get_template("standard"), "html").startswith('<div class="careerconv">')
        True
    """
    return _render(obj, format, "employee", None, None, None, registry, standalone=False)


def _template_of(record: Conversation, given: Template | None, lookup: TemplateLookup | None) -> Template | None:
    """The template a record names, to show its questions' text; ``None`` when the lookup does not have it."""
    if given is not None or lookup is None:
        return given
    try:
        return lookup.pinned(record.template)
    except CareerconvError:
        return None


# The reports' own words, by language; a locale without an entry uses English.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "agenda": "Agenda",
        "minutes": "{n} minutes",
        "timeboxed": "Timeboxed: {n} minutes.",
        "timebox": "Timebox: {n} minutes.",
        "rank": "Rank these, most important first:",
        "sample": "Sample questions to ask:",
        "required": "required",
        "report": "Career conversation",
        "history": "Career conversations",
        "with": "with {name}",
        "template": "template {name} {version} ({locale})",
        "audience": "For: {audience}",
        "audience_employee": "the employee (shared content only)",
        "audience_hr": "HR (shared content only)",
        "audience_manager": "the manager (private content included)",
        "private": "Private: not in {name}'s report",
        "answers": "Answers",
        "value": "Answer",
        "motivations": "What you seek",
        "grow": "The one thing: GROW plan",
        "goal": "Goal",
        "success": "Success looks like",
        "by": "By",
        "reality": "Reality",
        "obstacles": "Obstacles",
        "options": "Options",
        "chosen": "chosen",
        "will": "Will: agreed actions",
        "action": "Action",
        "owner": "Owner",
        "due": "Due",
        "status": "Status",
        "employee": "employee",
        "manager": "manager",
        "open": "open",
        "done": "done",
        "dropped": "dropped",
        "notes": "Notes",
        "progress": "{answered} of {questions} questions answered",
        "span": "{count} conversations, from {first} to {last}",
        "over_time": "Motivations over time",
        "shifts": "Shifts",
        "no_shift": "no ranking to compare yet",
        "open_actions": "Open actions",
        "overdue": "Overdue",
        "late": "{n} days late",
        "none": "none",
        "conversations": "Conversations",
        "left_top": "{label} left the top {top} ({before} → {after})",
        "prep": "Before the next conversation",
        "last": "Last conversation: {date}",
        "no_goal": "No goal agreed yet.",
        "last_ranking": "The last ranking ({date})",
        "moved": "How it moved",
        "late_tag": "overdue, {n} days late",
        "due_on": "due {date}",
        "open_questions": "Questions left open",
        "all_answered": "Every question was answered.",
        "notes_last": "Notes from last time",
        "openers": "To open the next conversation",
    },
    "es": {
        "agenda": "Agenda",
        "minutes": "{n} minutos",
        "timeboxed": "Duración total: {n} minutos.",
        "timebox": "Duración: {n} minutos.",
        "rank": "Ordénalas, de la más importante a la menos:",
        "sample": "Preguntas de ejemplo:",
        "required": "obligatoria",
        "report": "Conversación de carrera",
        "history": "Conversaciones de carrera",
        "with": "con {name}",
        "template": "plantilla {name} {version} ({locale})",
        "audience": "Para: {audience}",
        "audience_employee": "la persona (solo contenido compartido)",
        "audience_hr": "RR. HH. (solo contenido compartido)",
        "audience_manager": "el responsable (con contenido privado)",
        "private": "Privado: no está en el informe de {name}",
        "answers": "Respuestas",
        "value": "Respuesta",
        "motivations": "Lo que buscas",
        "grow": "Lo más importante: plan GROW",
        "goal": "Meta",
        "success": "El éxito se verá así",
        "by": "Para",
        "reality": "Realidad",
        "obstacles": "Obstáculos",
        "options": "Opciones",
        "chosen": "elegida",
        "will": "Voluntad: acciones acordadas",
        "action": "Acción",
        "owner": "Responsable",
        "due": "Fecha",
        "status": "Estado",
        "employee": "persona",
        "manager": "responsable",
        "open": "abierta",
        "done": "hecha",
        "dropped": "descartada",
        "notes": "Notas",
        "progress": "{answered} de {questions} preguntas respondidas",
        "span": "{count} conversaciones, del {first} al {last}",
        "over_time": "Motivaciones a lo largo del tiempo",
        "shifts": "Cambios",
        "no_shift": "aún no hay dos clasificaciones que comparar",
        "open_actions": "Acciones abiertas",
        "overdue": "Vencidas",
        "late": "{n} días de retraso",
        "none": "ninguna",
        "conversations": "Conversaciones",
        "left_top": "{label} salió de las {top} primeras ({before} → {after})",
        "prep": "Antes de la próxima conversación",
        "last": "Última conversación: {date}",
        "no_goal": "Aún no hay una meta acordada.",
        "last_ranking": "La última clasificación ({date})",
        "moved": "Cómo se movió",
        "late_tag": "vencida, {n} días de retraso",
        "due_on": "para el {date}",
        "open_questions": "Preguntas sin respuesta",
        "all_answered": "Se respondieron todas las preguntas.",
        "notes_last": "Notas de la última vez",
        "openers": "Para abrir la próxima conversación",
    },
}

# "&" only where it starts a character reference (&#x202e;), which a Markdown renderer would decode.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#]|&(?=#?[A-Za-z0-9]+;))")
# What makes a block of a line's start: a list, a setext underline, a fence, a definition; and an ordered
# list's "1." or "1)". Escaped where a value starts a line or a list item (the "lines" and "start" filters).
_BLOCK_START = re.compile(r"^( ?)([-+=~:])")
_ORDERED_START = re.compile(r"^( ?[0-9]{1,9})([.)])")
_SPACES = re.compile(r"\s+")
_TEMPLATES = Path(__file__).parent / "templates"


def _markdown_escape(value: Any) -> Any:
    """Escape one value for Markdown, on one line; numbers, dates and Markup pass as they are."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", value))


def _markdown_start(value: Any) -> Any:
    """A value that starts a line or a list item: escaped, and what would open a block there escaped too.

    Examples:
        >>> [str(_markdown_start(v)) for v in ("~~~", "- x", "2026. A year", "===", "fine - text")]
        ['\\\\~~~', '\\\\- x', '2026\\\\. A year', '\\\\===', 'fine - text']
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    escaped = _markdown_escape(value)
    return Markup(_ORDERED_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\1\\\2", escaped)))  # noqa: S704 - escaped


def _markdown_lines(value: str | None) -> Any:
    """A multi-line text for Markdown: each line escaped, line breaks kept (a backslash before them)."""
    lines = [_markdown_start(line) for line in (value or "").strip().splitlines()]
    return Markup("\\\n".join(lines))  # noqa: S704 - every line is escaped; a backslash ends a line


def _html_lines(value: str | None) -> Any:
    """A multi-line text for HTML: escaped, line breaks kept."""
    return Markup("<br>\n").join(escape(line) for line in (value or "").strip().splitlines())


def environment(format: str) -> jinja2.Environment:
    """The Jinja2 environment careerconv's pages are written in: HTML autoescaped, Markdown escaped for Markdown.

    Its filters: ``lines`` (a multi-line text), ``start`` (a value that starts a line: block syntax escaped).
    """
    return _environment(format, None)


@functools.cache
def _environment(format: str, templates_dir: str | None) -> jinja2.Environment:
    import jinja2  # noqa: PLC0415 - Jinja2 is loaded on the first render

    folders = [*([templates_dir] if templates_dir else []), str(_TEMPLATES)]
    html = format == "html"
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=html,  # noqa: S701 - Markdown is escaped for Markdown, by ``finalize``, every value
        finalize=None if html else _markdown_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["lines"] = _html_lines if html else _markdown_lines
    environment.filters["start"] = (lambda value: value) if html else _markdown_start
    return environment


class _Page:
    """What a report template sees: words in the template's language, filled text, labels, charts."""

    def __init__(
        self,
        format: str,
        templates_dir: str | os.PathLike[str] | None,
        template: Template | None,
        values: Mapping[str, str] | None = None,
        *,
        standalone: bool = True,
    ) -> None:
        self.format = format
        self.standalone = standalone
        self.environment = _environment(format, os.fspath(templates_dir) if templates_dir else None)
        self.template = template
        if values is None and template is not None:
            values = {name: p.default for name, p in template.parameters.items() if p.default is not None}
        self.values: Mapping[str, str] = values or {}
        locale = template.locale if template is not None else "en"
        self.language = locale.lower().partition("-")[0]
        self.words = _WORDS.get(self.language, _WORDS["en"])
        self.questions = {q.id: q for q in template.iter_questions()} if template is not None else {}
        self.labels = {m.id: m.label for m in template.motivations()} if template is not None else {}

    def word(self, key: str, **values: object) -> str:
        return self.words[key].format(**values)

    def fill(self, text: str | None, values: Mapping[str, str] | None = None) -> str:
        """``text`` with its parameters filled, on one line."""
        return fill_line(text, values if values is not None else self.values)

    def label(self, motivation: str) -> str:
        return self.fill(self.labels.get(motivation, motivation))

    def question_text(self, question_id: str, record: Conversation | None = None) -> str:
        question = self.questions.get(question_id)
        values = {**self.values, **(record.params if record is not None else {})}
        return self.fill(question.text, values) if question is not None else question_id

    def notes(self, question: Question) -> str:
        notes = kind_of(question.type).notes(question, self.language, self.fill)
        if question.required:
            notes.append(self.word("required"))
        return "; ".join(notes)

    def answer_groups(self, record: Conversation) -> list[tuple[str, list[tuple[str, Any]]]]:
        """The record's answers grouped by the template's sections (and GROW stages), in template order."""
        groups: list[tuple[str, list[tuple[str, Any]]]] = []
        seen: set[str] = set()
        values = {**self.values, **record.params}
        for title, questions, _ in self.parts():
            found = [
                (q.id, record.answers[q.id])
                for q in questions
                if q.id in record.answers and record.answers[q.id].answered
            ]
            seen.update(q.id for q in questions)
            if found:
                groups.append((self.fill(title, values), found))
        rest = [(key, answer) for key, answer in record.answers.items() if key not in seen and answer.answered]
        if rest:
            groups.append((self.word("answers"), rest))
        return groups

    def parts(self) -> list[tuple[str, tuple[Question, ...], str | None]]:
        """The template's sections and GROW stages in order: each title, its questions, and the stage's id."""
        found: list[tuple[str, tuple[Question, ...], str | None]] = []
        for section in self.template.sections if self.template is not None else ():
            found.append((section.title, section.questions, None))
            found += [(f"{section.title}: {stage.title}", stage.questions, stage.id) for stage in section.stages]
        return found

    def open_questions(self, record: Conversation) -> list[tuple[str, list[str]]]:
        """The questions ``record`` leaves open, by section and GROW stage, as people read them.

        A question is open when it has no answer; a GROW stage's questions are not, once the record holds
        that part of the plan (a goal, the reality, options, agreed actions).
        """
        values = {**self.values, **record.params}
        grow = record.grow
        planned = {
            "goal": bool(grow and grow.goal and grow.goal.statement),
            "reality": bool(grow and grow.reality),
            "options": bool(grow and grow.options),
            "will": bool(grow and grow.will),
        }
        groups = []
        for title, questions, stage in self.parts():
            if stage is not None and planned.get(stage):
                continue
            left = [
                self.fill(q.text, values)
                for q in questions
                if q.id not in record.answers or not record.answers[q.id].answered
            ]
            if left:
                groups.append((self.fill(title, values), left))
        return groups

    def openers(self, record: Conversation) -> list[str]:
        """Questions to open the next conversation with: the first of each GROW stage.

        That is what was wanted, what is happening now, what could be done and what will be done; in a template
        without a GROW section, the first question of each section.
        """
        values = {**self.values, **record.params}
        stages = (
            [stage.questions for section in self.template.sections for stage in section.stages] if self.template else []
        )
        firsts = [questions[0] for questions in stages if questions]
        if not firsts and self.template is not None:
            firsts = [section.questions[0] for section in self.template.sections if section.questions]
        return [self.fill(question.text, values) for question in firsts]

    def prep_actions(self, history: History, today: dt.date) -> list[tuple[Action, int | None]]:
        """The open actions of the latest record, each with how many days late it is (``None`` if it is not).

        The overdue come first (the latest first), then the others by due date, the undated last.
        """
        late = {id(item.action): item.days_late for item in history.overdue(today)}
        order = sorted(
            history.open_actions(),
            key=lambda a: (id(a) not in late, -late.get(id(a), 0), a.due is None, a.due or today),
        )
        return [(action, late.get(id(action))) for action in order]

    def value(self, question_id: str, answer: Any) -> str:
        """An answer's value as people read it: a choice's label, a scale's point with its label."""
        question = self.questions.get(question_id)
        if question is None:
            return Question(id=question_id, text="").describe(answer.value)
        return self.fill(question.describe(answer.value, self.language))

    def move(self, move: Any) -> str:
        """A motivation's move between two rankings, named by its label."""
        return self.label(move.motivation) + str(move)[len(move.motivation) :]

    def warnings(self, shift: Any) -> list[str]:
        """The motivations of a shift that left the top 3, named by their labels."""
        moves = sorted(shift.moves, key=lambda m: m.before)
        return [
            self.word("left_top", label=self.label(m.motivation), top=TOP, before=m.before, after=m.after)
            for m in moves
            if m.left_top
        ]

    def progress(self, record: Conversation) -> Any:
        return progress(self.template, record) if self.template is not None else None

    def ranking_chart(self, ranking: tuple[str, ...]) -> Any:
        return charts.ranking_chart([self.label(m) for m in ranking], title=self.word("motivations"))

    def shifts_chart(self, history: History) -> Any:
        columns = [
            (str(r.date), r.motivations.ranking) for r in history.records if r.motivations and r.motivations.ranking
        ]
        return charts.shifts_chart(columns, {m: self.label(m) for m in self.labels}, title=self.word("over_time"))

    def render(self, name: str, **context: Any) -> str:
        suffix = "html" if self.format == "html" else "md"
        page = self.environment.get_template(f"{name}.{suffix}.j2")
        lang = self.template.locale if self.template is not None else "en"
        text = page.render(
            page=self, t=self.word, template=self.template, standalone=self.standalone, lang=lang, **context
        )
        if suffix == "md":  # blank lines the template's blocks left: at most one in a row, none at the end
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines())).strip() + "\n"
        return text
