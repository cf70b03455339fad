"""Holding a conversation in Python: start a record from a template, fill it step by step, see the progress.

A [`Session`][careerconv.Session] keeps a template and the record filled so far. Each step returns the session (so steps
chain) and checks the record against the template at once: an unknown question id or a ranking with a
typo is a [`ValidationError`][careerconv.ValidationError] at that step, not later when the file is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from careerconv.documents.core import check
from careerconv.errors import Finding, TemplateNotFoundError, ValidationError
from careerconv.formats.plain import shown
from careerconv.model import (
    Action,
    ActionOwner,
    ActionStatus,
    Answer,
    AnswerValue,
    Conversation,
    Goal,
    GrowPlan,
    MotivationRanking,
    Note,
    Option,
    Person,
    Reality,
    Template,
    TemplateRef,
    Visibility,
    action_id,
    new_action_id,
)
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.params import parameter_values
from careerconv.rules.validation import check_closing

__all__ = [
    "Progress",
    "SectionProgress",
    "Session",
    "carried_actions",
    "default_record_id",
    "progress",
    "start_conversation",
    "successor",
]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@attrs.frozen(kw_only=True)
class SectionProgress:
    """How far one section is: questions answered (of all, and of the required ones) and its timebox.

    ``starts_at`` is the minute the section starts in the agenda, counting only timeboxed sections before it.

    Examples:
        >>> import careerconv
        >>> template = careerconv.get_template("standard")
        >>> record = careerconv.start_conversation(template, employee="alex").record
        >>> first = careerconv.progress(template, record).sections[0]
        >>> first.id, first.answered, first.questions, first.minutes, first.starts_at
        ('life-story', 0, 1, 10, 0)
    """

    id: str
    title: str
    answered: int
    questions: int
    required_answered: int
    required: int
    minutes: int | None
    starts_at: int


@attrs.frozen(kw_only=True)
class Progress:
    """How far a record is: answered and required questions, the ranking, the GROW plan, the time budget.

    Examples:
        >>> import careerconv
        >>> session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
        >>> p = session.answer("career-so-far", "Support, then backend.").progress()
        >>> p.answered, p.questions, p.sections[0].minutes, p.ranked
        (1, 27, 10, False)
    """

    answered: int
    questions: int
    required_answered: int
    required: int
    ranked: bool
    has_goal: bool
    actions: int
    minutes: int
    sections: tuple[SectionProgress, ...]

    @property
    def complete(self) -> bool:
        """Every required question answered."""
        return self.required_answered == self.required


def progress(template: Template, record: Conversation) -> Progress:
    """How far ``record`` is in ``template``: see [`Progress`][careerconv.Progress].

    Examples:
        >>> import careerconv
        >>> template = careerconv.get_template("standard")
        >>> record = careerconv.start_conversation(template, employee="alex").record
        >>> progress(template, record).complete
        True
    """
    sections = []
    clock = 0
    for section in template.sections:
        questions = [*section.questions, *(q for stage in section.stages for q in stage.questions)]
        done = [q for q in questions if q.id in record.answers and record.answers[q.id].answered]
        sections.append(
            SectionProgress(
                id=section.id,
                title=section.title,
                answered=len(done),
                questions=len(questions),
                required_answered=sum(q.required for q in done),
                required=sum(q.required for q in questions),
                minutes=section.duration_minutes,
                starts_at=clock,
            )
        )
        clock += section.duration_minutes or 0
    grow = record.grow or GrowPlan()
    return Progress(
        answered=sum(s.answered for s in sections),
        questions=sum(s.questions for s in sections),
        required_answered=sum(s.required_answered for s in sections),
        required=sum(s.required for s in sections),
        ranked=bool(record.motivations and record.motivations.ranking),
        has_goal=bool(grow.goal and grow.goal.statement),
        actions=len(grow.will),
        minutes=clock,
        sections=tuple(sections),
    )


def close_action(record: Conversation, id: str, status: Literal["done", "dropped"]) -> tuple[Action, ...]:
    """``record``'s actions, the one named ``id`` set to ``status``; ``ValueError`` if no action has that id."""
    will = record.grow.will if record.grow else ()
    ids = [action_id(record.employee.id, action) for action in will]
    check_closing(ids, id, status)
    return tuple(attrs.evolve(a, id=i, status=status) if i == id else a for a, i in zip(will, ids, strict=True))


def carried_actions(previous: Conversation) -> tuple[Action, ...]:
    """The actions still open in ``previous``: what the next conversation starts from.

    Each keeps its ``id`` and the day it was first ``agreed``; an action written without them gets the id
    [`action_id`][careerconv.action_id] derives and, as the day agreed, the day of ``previous`` (it was agreed then
    at the latest).

    Examples:
        >>> import datetime as dt
        >>> from careerconv import Action, Conversation, GrowPlan, Person, TemplateRef
        >>> before = Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex"),
        ...     date=dt.date(2026, 5, 4),
        ...     grow=GrowPlan(will=(Action(text="Mentor Kim", id="r0-a1"), Action(text="Course", status="done"))))
        >>> [(a.id, a.text, a.agreed) for a in carried_actions(before)]
        [('r0-a1', 'Mentor Kim', datetime.date(2026, 5, 4))]
    """
    employee = previous.employee.id
    return tuple(
        attrs.evolve(action, id=action_id(employee, action), agreed=action.agreed or previous.date)
        for action in (previous.grow.open_actions if previous.grow else ())
    )


class _Only:
    """The one template a session checks its record against: a lookup that knows no other."""

    def __init__(self, template: Template) -> None:
        self.template = template

    def pinned(self, ref: TemplateRef) -> Template:
        if ref.name != self.template.name:  # a session's record names its template: it pins no other
            raise TemplateNotFoundError(f"this session checks records of template {self.template.name} only")
        return self.template

    def derive(self, data: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, str], list[Finding]]:  # noqa: ARG002
        return None, {}, [Finding(("$",), "a session checks records, not templates", "not-a-record")]

    def resolve(self, template: Template) -> Template:
        return template


class Session:
    """A conversation being held: its template, and the record as filled so far.

    Examples:
        >>> import datetime, careerconv
        >>> session = careerconv.start_conversation(
        ...     careerconv.get_template("standard"), employee="alex", manager="sam",
        ...     date=datetime.date(2026, 11, 26), params={"company": "Acme"})
        >>> record = (session.answer("team", "Great people", visibility="private")
        ...     .rank("mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority")
        ...     .goal("Lead a team", success="Leads platform", by=datetime.date(2028, 12, 31))
        ...     .option("Mentor two juniors", chosen=True)
        ...     .action("Mentor Kim and Lee", due=datetime.date(2027, 3, 31))
        ...     .note("Worried about the reorg", visibility="private")
        ...     .record)
        >>> record.id, record.template, record.motivations.ranking[0], record.grow.will[0].status
        ('2026-11-26-alex', TemplateRef(name='standard', version='1.0.0', locale='en'), 'mastery', 'open')
    """

    def __init__(self, template: Template, record: Conversation) -> None:
        """Continue ``record``, written against ``template`` (whole); the record is checked first."""
        if template.extends is not None:
            raise ValueError(
                f"template {template.name} extends {template.extends}: give it whole, as careerconv.get_template "
                "or Registry.resolve gives it"
            )
        self.template = template
        self._only = _Only(template)  # the record's template, and no other
        self._record = record
        self._check(record)

    @property
    def record(self) -> Conversation:
        """The record as filled so far."""
        return self._record

    def _check(self, record: Conversation) -> None:
        problems = check(record, registry=self._only, resolve=True)
        if problems:
            raise ValidationError(problems)

    def _update(self, **changes: Any) -> Session:
        record = attrs.evolve(self._record, **changes)
        self._check(record)
        self._record = record
        return self

    def _grow(self, **changes: Any) -> Session:
        return self._update(grow=attrs.evolve(self._record.grow or GrowPlan(), **changes))

    def answer(
        self,
        question_id: str,
        text: str | None = None,
        *,
        value: AnswerValue = None,
        visibility: Visibility = "shared",
    ) -> Session:
        """Answer a question: ``text`` for notes, ``value`` for a scale, choice or date question."""
        answers = {**self._record.answers, question_id: Answer(text=text, value=value, visibility=visibility)}
        return self._update(answers=answers)

    def rank(self, *motivation_ids: str, notes: str | None = None) -> Session:
        """Rank every motivation of the template, most important first."""
        return self._update(motivations=MotivationRanking(ranking=motivation_ids, notes=notes))

    def goal(self, statement: str, *, success: str | None = None, by: dt.date | None = None) -> Session:
        """GROW goal: what the person wants, the measure of success, and by when."""
        return self._grow(goal=Goal(statement=statement, success=success, by=by))

    def reality(self, current: str, *, obstacles: Iterable[str] = ()) -> Session:
        """GROW reality: where the person stands now, and what is in the way."""
        return self._grow(reality=Reality(current=current, obstacles=tuple(obstacles)))

    def option(self, text: str, *, chosen: bool = False) -> Session:
        """GROW options: add one way to close the gap; ``chosen`` when the person will pursue it."""
        return self._grow(options=(*(self._record.grow or GrowPlan()).options, Option(text=text, chosen=chosen)))

    def action(
        self,
        text: str,
        *,
        owner: ActionOwner = "employee",
        due: dt.date | None = None,
        status: ActionStatus = "open",
        id: str | None = None,
    ) -> Session:
        """GROW will: add an agreed step with its owner, due date and status, agreed on the record's day.

        Its ``id`` defaults to the record's id and the action's number in it (``2026-11-26-alex-a1``).
        """
        will = (self._record.grow or GrowPlan()).will
        step = Action(
            id=new_action_id(self._record.id, [action_id(self._record.employee.id, a) for a in will])
            if id is None
            else id,
            text=text,
            owner=owner,
            due=due,
            status=status,
            agreed=self._record.date,
        )
        return self._grow(will=(*will, step))

    def close_action(self, id: str, status: Literal["done", "dropped"] = "done") -> Session:
        """Mark the action ``id`` (one agreed here or carried from before) ``done`` or ``dropped``.

        Examples:
            >>> import careerconv, datetime
            >>> session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex",
            ...     date=datetime.date(2026, 11, 26)).action("Mentor Kim")
            >>> session.close_action("2026-11-26-alex-a1").record.grow.will[0].status
            'done'
        """
        return self._grow(will=close_action(self._record, id, status))

    def note(self, text: str, *, visibility: Visibility = "shared") -> Session:
        """Add a note; a ``private`` one is for the manager only."""
        return self._update(notes=(*self._record.notes, Note(text=text, visibility=visibility)))

    def progress(self) -> Progress:
        """How far the record is: see [`Progress`][careerconv.Progress]."""
        return progress(self.template, self._record)


def default_record_id(day: dt.date, employee: str) -> str:
    """A new record's id when none is given: ``DATE-EMPLOYEE``, the characters an id cannot hold as ``-``.

    Examples:
        >>> default_record_id(dt.date(2026, 11, 26), "alex doe")
        '2026-11-26-alex-doe'
    """
    return f"{day.isoformat()}-{_UNSAFE.sub('-', employee)}"


def successor(
    previous: Conversation | None,
    employee: str | Person | None,
    manager: str | Person | None = None,
    params: Mapping[str, str] | None = None,
) -> tuple[Person, Person | None, dict[str, str]]:
    """The employee, manager and parameters of the record that follows ``previous`` (the employee's last one).

    A record belongs to one employee through every step: what ``previous`` holds (the employee's name and team,
    the manager, the parameters) carries into the next record unless given anew, and ``previous`` of another
    employee is refused (``ValueError``), so no one's actions reach someone else's record. Without ``previous``,
    ``employee`` is needed.

    Examples:
        >>> from careerconv import Conversation, Person, TemplateRef
        >>> alex = Conversation(id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex",
        ...     name="Alex Doe"), manager=Person(id="sam"), params={"company": "Acme"})
        >>> successor(alex, None)
        (Person(id='alex', name='Alex Doe', team=None), Person(id='sam', name=None, team=None), {'company': 'Acme'})
        >>> successor(alex, "bob")
        Traceback (most recent call last):
        ...
        ValueError: previous is the record of 'alex', not of 'bob': a record carries only its own employee's actions
    """
    given = Person(id=employee) if isinstance(employee, str) else employee
    lead = Person(id=manager) if isinstance(manager, str) else manager
    if previous is None:
        if given is None:
            raise ValueError("give the employee, or previous: the employee's last record")
        return given, lead, dict(params or {})
    prior = previous.employee
    if given is not None and given.id != prior.id:
        raise ValueError(
            f"previous is the record of {shown(prior.id)}, not of {shown(given.id)}: a record carries only its "
            "own employee's actions"
        )
    person = prior if given is None or given == Person(id=prior.id) else given
    return person, lead or previous.manager, {**previous.params, **(params or {})}


def start_conversation(
    template: Template,
    *,
    employee: str | Person | None = None,
    manager: str | Person | None = None,
    date: dt.date | None = None,
    record_id: str | None = None,
    params: Mapping[str, str] | None = None,
    previous: Conversation | None = None,
    registry: TemplateLookup | None = None,
) -> Session:
    """Start a record of ``template``: it pins the template's name, version and locale and its parameters.

    A derived template is made whole in ``registry`` first (``careerconv.start_conversation`` takes the
    default registry when it is not given).

    The id defaults to ``DATE-EMPLOYEE``; ``previous`` (the employee's last record) carries its employee (name
    and team), manager, parameters and open actions into this one, and ``employee`` may then be left out; a
    ``previous`` of another employee raises ``ValueError`` (see `successor`).

    Examples:
        >>> import careerconv
        >>> session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
        >>> session.record.employee.id, session.record.params
        ('alex', {'company': 'the company'})
    """
    if not isinstance(template, Template):
        raise TypeError(
            f"start_conversation takes a Template, not {type(template).__name__}: "
            "careerconv.get_template(name) gives one"
        )
    if template.extends is not None and registry is not None:
        template = registry.resolve(template)
    person, lead, given = successor(previous, employee, manager, params)
    day = date or dt.date.today()  # noqa: DTZ011 - the manager's local day is the conversation's day
    carried = carried_actions(previous) if previous is not None else ()
    has_grow = any(section.kind == "grow" for section in template.sections)
    record = Conversation(
        id=record_id or default_record_id(day, person.id),
        template=TemplateRef(name=template.name, version=template.version, locale=template.locale),
        date=day,
        employee=person,
        manager=lead,
        params=parameter_values(
            template, {k: v for k, v in given.items() if k in template.parameters or k in (params or {})}
        ),
        grow=GrowPlan(will=carried) if carried and has_grow else None,
    )
    return Session(template, record)
