"""The typed model of templates and conversation records.

Plain attrs classes, frozen and compared by value. The model knows nothing of files, YAML or printing: the
``formats`` package turns text into these classes and back, ``validation`` checks the rules no type can
express, and everything else consumes them.

Attribute names are the file's key names, so a problem's JSON path (``$.sections[2].questions[0].id``) reads
the same in a file and in Python.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
from collections.abc import Collection
from typing import Any, Literal, TypeAlias

import attrs

from careerconv.questions import AnswerValue, QuestionType, kind_of

__all__ = [
    "NOT_IN_FILES",
    "Action",
    "Addition",
    "Answer",
    "AnswerValue",
    "Change",
    "Choice",
    "Conversation",
    "Goal",
    "GrowPlan",
    "GrowStage",
    "Motivation",
    "MotivationRanking",
    "Note",
    "Option",
    "Parameter",
    "Person",
    "Question",
    "QuestionType",
    "Reality",
    "Replacement",
    "Section",
    "SectionKind",
    "SectionOrId",
    "StageId",
    "Template",
    "TemplateRef",
    "Visibility",
    "action_id",
    "file_fields",
    "is_answered",
    "new_action_id",
]

SectionKind: TypeAlias = Literal["questions", "motivations", "grow"]
StageId: TypeAlias = Literal["goal", "reality", "options", "will"]
Visibility: TypeAlias = Literal["shared", "private"]
ActionOwner: TypeAlias = Literal["employee", "manager"]
ActionStatus: TypeAlias = Literal["open", "done", "dropped"]

GROW_STAGES: tuple[StageId, ...] = ("goal", "reality", "options", "will")


# --------------------------------------------------------------------------------------------- templates


#: The metadata key of a field that says where an object came from and is never part of a file (a
#: template's ``source`` and ``origins``): files, dicts, the fast path and the JSON Schema all leave it out.
NOT_IN_FILES = "careerconv.not_in_files"


def file_fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of the attrs class ``cls`` that files hold, in order: all but those marked ``NOT_IN_FILES``.

    Examples:
        >>> [f.name for f in file_fields(Template)][-2:]
        ['sections', 'translated_from']
    """
    return tuple(f for f in attrs.fields(cls) if not f.metadata.get(NOT_IN_FILES))


@attrs.frozen(kw_only=True)
class Parameter:
    """A value a template's text refers to as ``{name}``, such as the company's name.

    Examples:
        >>> Parameter(description="Name of the company", default="the company").default
        'the company'
    """

    description: str | None = None
    default: str | None = None


@attrs.frozen(kw_only=True)
class Choice:
    """One option of a choice question: the ``id`` an answer stores and the ``label`` people read.

    Translations of a template keep the ids and translate the labels, so a record answered in one language
    is valid against every translation. In a file an option is ``{id: often, label: Often}``, or one plain
    text that is both its id and its label.

    Examples:
        >>> Choice(id="often", label="Often").label
        'Often'
    """

    id: str
    label: str


def _choices(options: Collection[str | Choice]) -> tuple[Choice, ...]:
    """Options given in Python: a plain text is both an option's id and its label."""
    return tuple(o if isinstance(o, Choice) else Choice(id=o, label=o) for o in options)


@attrs.frozen(kw_only=True)
class Question:
    """One question of a section, with the prompts a manager may follow up with.

    ``type`` is ``text`` (free text, the default), ``scale`` (a whole number from ``min`` to ``max``, with
    optional ``labels``, one per point), ``choice`` (one of ``options``, or several when ``multiple``; each
    a [`Choice`][careerconv.Choice], and a plain text given in Python is both its id and its label) or ``date``.

    ``required`` marks a question a *complete* record answers: a record may be saved half filled in, and
    ``validate(record, complete=True)`` reports each required question left unanswered.

    Examples:
        >>> q = Question(id="career-so-far", text="Tell me about your career so far.")
        >>> q.type, q.required, q.prompts
        ('text', False, ())
        >>> energy = Question(id="energy", text="Energy?", type="scale", min=1, max=3, labels=("Low", "Ok", "High"))
        >>> energy.describe(3) == "3 \N{EN DASH} High"
        True
        >>> Question(id="how", text="How often?", type="choice", options=(Choice(id="often", label="Often"),
        ...          "never")).describe("often")
        'Often'
    """

    id: str
    text: str
    type: QuestionType = "text"
    required: bool = False
    help: str | None = None
    prompts: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    labels: tuple[str, ...] = ()
    options: tuple[Choice, ...] = attrs.field(default=(), converter=_choices)
    multiple: bool = False

    def option_ids(self) -> tuple[str, ...]:
        """The ids of a choice question's options, the values its answers may take.

        Examples:
            >>> Question(id="q", text="?", type="choice", options=("yes", "no")).option_ids()
            ('yes', 'no')
        """
        return tuple(option.id for option in self.options)

    def describe(self, value: AnswerValue, language: str = "en") -> str:
        """An answer's value as people read it: a choice's label, a scale's point with its label, a date.

        An id that is not one of the options is shown as it is. The question's type says how
        (``careerconv.questions``), in ``language`` where the type has words of its own (else in English).

        Examples:
            >>> Question(id="q", text="?", type="choice", multiple=True, options=("a", "b")).describe(("a", "b"))
            'a, b'
        """
        if isinstance(value, tuple):
            return ", ".join(self.describe(item, language) for item in value)
        return kind_of(self.type).describe(self, value, language)


@attrs.frozen(kw_only=True)
class Motivation:
    """One motivation a person ranks, such as ``Desire for autonomy``.

    Examples:
        >>> Motivation(id="autonomy", label="Desire for autonomy").label
        'Desire for autonomy'
    """

    id: str
    label: str
    description: str | None = None


@attrs.frozen(kw_only=True)
class GrowStage:
    """One stage of a GROW section: goal, reality, options or will, with its sample questions.

    Examples:
        >>> GrowStage(id="goal", title="Goal: What do you want?").questions
        ()
    """

    id: StageId
    title: str
    purpose: str | None = None
    questions: tuple[Question, ...] = ()


@attrs.frozen(kw_only=True)
class Section:
    """A part of the conversation.

    A section's ``kind`` decides what it holds: ``questions`` (the default) holds ``questions``,
    ``motivations`` holds the ``motivations`` to rank, and ``grow`` holds the four GROW ``stages``.

    Examples:
        >>> s = Section(id="short-term", title="Short-term", questions=(Question(id="q", text="Why?"),))
        >>> s.kind, len(s.questions)
        ('questions', 1)
    """

    id: str
    title: str
    kind: SectionKind = "questions"
    purpose: str | None = None
    duration_minutes: int | None = None
    questions: tuple[Question, ...] = ()
    motivations: tuple[Motivation, ...] = ()
    stages: tuple[GrowStage, ...] = ()


#: In an [`Addition`][careerconv.Addition], ``section`` is a new section or the id of the section a question goes into.
SectionOrId: TypeAlias = str | Section | None


@attrs.frozen(kw_only=True)
class Addition:
    """A derived template's ``add`` change: a new section, or a question or motivation in a section.

    ``before`` or ``after`` names the id it goes next to; without them it goes last. A new question names
    its section (and, in a grow section, its ``stage``), or only ``before``/``after``.

    Examples:
        >>> Addition(section="short-term", after="company-appeal", question=Question(id="on-call", text="?")).stage
    """

    section: SectionOrId = None
    stage: StageId | None = None
    question: Question | None = None
    motivation: Motivation | None = None
    before: str | None = None
    after: str | None = None


@attrs.frozen(kw_only=True)
class Replacement:
    """A derived template's ``replace`` change: the item with ``id`` becomes the one given.

    Examples:
        >>> Replacement(id="team", question=Question(id="team", text="Who helps you?")).question.text
        'Who helps you?'
    """

    id: str
    section: Section | None = None
    question: Question | None = None
    motivation: Motivation | None = None


@attrs.frozen(kw_only=True)
class Change:
    """One change a derived template makes to its base: exactly one of ``remove``, ``add``, ``replace``.

    Examples:
        >>> Change(remove="dream-role").remove
        'dream-role'
    """

    remove: str | None = None
    add: Addition | None = None
    replace: Replacement | None = None


@attrs.frozen(kw_only=True, repr=False)
class Template:
    """A conversation guide: titled sections of questions, motivations and a GROW plan.

    A derived template names its base in ``extends`` (``standard``, ``standard@1``, ``standard@1.0.0``) and
    lists its ``changes`` instead of sections; the registry resolves it into a whole template.

    A translation made from a PO file (``careerconv translate import``) records in ``translated_from`` the
    short hash of each original text it was made from, by the text's place; the registry lists it with
    ``translation-stale`` when the original's text at a place changes.

    Two attributes are not part of the file: ``source`` says where the template was read from, and
    ``origins`` maps the ids a derived template inherited or added to the template that defined them
    (see [`origin`][careerconv.Template.origin]).

    Examples:
        >>> t = Template(name="mini", version="1.0.0", title="Mini", sections=())
        >>> t.locale
        'en'
    """

    name: str
    version: str
    locale: str = "en"
    extends: str | None = None
    title: str
    description: str | None = None
    parameters: dict[str, Parameter] = attrs.field(factory=dict)
    changes: tuple[Change, ...] = ()
    sections: tuple[Section, ...] = ()
    translated_from: dict[str, str] = attrs.field(factory=dict)
    source: str | None = attrs.field(default=None, eq=False, repr=False, metadata={NOT_IN_FILES: True})
    origins: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False, metadata={NOT_IN_FILES: True})

    def __repr__(self) -> str:
        """A short repr: name, version, locale and counts; a notebook shows the whole guide.

        Examples:
            >>> from careerconv import get_template
            >>> get_template("standard")
            Template(name='standard', version='1.0.0', locale='en', sections=5, questions=27, motivations=7)
        """
        counts = f"sections={len(self.sections)}, questions={len(self.iter_questions())}"
        counts += f", motivations={len(self.motivations())}"
        if self.extends is not None:
            counts = f"extends={self.extends!r}, changes={len(self.changes)}, " + counts
        return f"Template(name={self.name!r}, version={self.version!r}, locale={self.locale!r}, {counts})"

    def origin(self, item_id: str) -> str:
        """``name@version`` of the template that defined the section, question or motivation ``item_id``.

        Examples:
            >>> Template(name="mini", version="1.0.0", title="Mini").origin("intro")
            'mini@1.0.0'
        """
        return self.origins.get(item_id, f"{self.name}@{self.version}")

    def iter_questions(self) -> tuple[Question, ...]:
        """Every question of the template in order, the GROW stages' sample questions included.

        Examples:
            >>> Template(name="mini", version="1.0.0", title="Mini").iter_questions()
            ()
        """
        found: list[Question] = []
        for section in self.sections:
            found.extend(section.questions)
            for stage in section.stages:
                found.extend(stage.questions)
        return tuple(found)

    def question(self, question_id: str) -> Question:
        """The question ``question_id``, wherever it stands; a `KeyError` names the nearest id if none.

        Examples:
            >>> from careerconv import get_template
            >>> get_template("standard").question("career-so-far").text
            'Tell me in 10 minutes about your career so far.'
        """
        questions = {q.id: q for q in self.iter_questions()}
        found = questions.get(question_id)
        if found is None:
            close = difflib.get_close_matches(str(question_id), list(questions), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise KeyError(f"{self.name} {self.version} has no question {question_id!r}{hint}")
        return found

    def motivations(self) -> tuple[Motivation, ...]:
        """The motivations of the template's motivations section, or ``()`` when it has none.

        Examples:
            >>> Template(name="mini", version="1.0.0", title="Mini").motivations()
            ()
        """
        for section in self.sections:
            if section.kind == "motivations":
                return section.motivations
        return ()


# ------------------------------------------------------------------------------------------ conversations


@attrs.frozen(kw_only=True)
class TemplateRef:
    """Which template a record was written against: its name, and the version and locale it pins.

    Examples:
        >>> TemplateRef(name="standard", version="1.0.0", locale="en").name
        'standard'
    """

    name: str
    version: str | None = None
    locale: str | None = None


@attrs.frozen(kw_only=True)
class Person:
    """The employee or the manager of a conversation.

    Examples:
        >>> Person(id="alex", name="Alex Doe", team="platform").team
        'platform'
    """

    id: str
    name: str | None = None
    team: str | None = None


def is_answered(text: object, value: object) -> bool:
    """Whether an answer with this ``text`` and ``value`` says anything: text that is not blank, or a value.

    The one rule behind [`Answer.answered`][careerconv.Answer.answered], progress and complete records, on objects and
    plain data.

    Examples:
        >>> is_answered("  ", None), is_answered(None, 0)
        (False, True)
    """
    return (isinstance(text, str) and bool(text.strip())) or value is not None


def _private_repr(obj: Answer | Note) -> str:
    """``repr`` that never shows private content: reprs end up in logs, tracebacks and saved notebooks.

    Every field but ``visibility`` of a private answer or note is masked, its typed value too (a scale's
    number or a choice says as much as text).
    """
    fields = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        masked = obj.visibility == "private" and field.name != "visibility" and value is not None
        fields.append(f"{field.name}={'<private>' if masked else repr(value)}")
    return f"{type(obj).__name__}({', '.join(fields)})"


@attrs.frozen(kw_only=True, repr=False)
class Answer:
    """The answer to one question.

    ``text`` holds free text (notes taken for any question); ``value`` holds the answer of a typed
    question: a whole number for ``scale``, an option (or a tuple of options) for ``choice``, a
    `datetime.date` for ``date`` (files write it ``YYYY-MM-DD``). ``private`` answers are for the
    manager only.

    Examples:
        >>> Answer(text="Started in support.").visibility
        'shared'
    """

    text: str | None = None
    value: AnswerValue = None
    visibility: Visibility = "shared"

    @property
    def answered(self) -> bool:
        """Whether the answer says anything: text that is not blank, or a value.

        Examples:
            >>> Answer(text="  ").answered, Answer(value=3).answered
            (False, True)
        """
        return is_answered(self.text, self.value)

    def __repr__(self) -> str:
        """The answer, its text and value hidden when private: ``Answer(text=<private>, value=<private>, ...)``."""
        return _private_repr(self)


@attrs.frozen(kw_only=True)
class MotivationRanking:
    """The template's motivations in the order the person ranked them, most important first.

    The ranking and its ``notes`` are always shared: they reach the employee and HR. A private remark
    belongs in a [`Note`][careerconv.Note] with ``visibility="private"``.

    Examples:
        >>> MotivationRanking(ranking=("mastery", "autonomy")).ranking[0]
        'mastery'
    """

    ranking: tuple[str, ...] = ()
    notes: str | None = None


@attrs.frozen(kw_only=True)
class Goal:
    """GROW goal: what the person wants, how success looks, and by when.

    Examples:
        >>> Goal(statement="Lead a team", by=dt.date(2028, 12, 31)).by.year
        2028
    """

    statement: str | None = None
    success: str | None = None
    by: dt.date | None = None


@attrs.frozen(kw_only=True)
class Reality:
    """GROW reality: where the person stands now and what is in the way.

    Examples:
        >>> Reality(current="Senior engineer", obstacles=("No management experience",)).obstacles
        ('No management experience',)
    """

    current: str | None = None
    obstacles: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Option:
    """GROW option: one way to close the gap; ``chosen`` marks those the person will pursue.

    Examples:
        >>> Option(text="Mentor two juniors", chosen=True).chosen
        True
    """

    text: str
    chosen: bool = False


@attrs.frozen(kw_only=True)
class Action:
    """GROW will: one agreed step, who owns it, when it is due and where it stands.

    ``id`` names the action across conversations: an open action carried into the next record keeps it,
    with ``agreed``, the day it was first agreed. A record written before actions had ids has none; then
    [`action_id`][careerconv.action_id] derives one from the employee and the text, the same in every record that
    repeats it.

    Examples:
        >>> Action(text="Mentor Kim", due=dt.date(2027, 3, 31)).status
        'open'
    """

    id: str | None = None
    text: str
    owner: ActionOwner = "employee"
    due: dt.date | None = None
    status: ActionStatus = "open"
    agreed: dt.date | None = None


def action_id(employee: str, action: Action) -> str:
    """The action's ``id``; for an action written without one, an id derived from ``employee`` and its text.

    The derived id is the same wherever the same person's action is repeated word for word, so the open
    actions carried through records written before actions had ids still count once.

    Examples:
        >>> action_id("alex", Action(text="Mentor Kim", id="a1"))
        'a1'
        >>> action_id("alex", Action(text="Mentor Kim")) == action_id("alex", Action(text="Mentor Kim", status="done"))
        True
    """
    if action.id is not None:
        return action.id
    digest = hashlib.blake2b(f"{employee}\0{action.text}".encode(), digest_size=5, person=b"careerconv-act")
    return f"a-{digest.hexdigest()}"


def new_action_id(record_id: str, taken: Collection[str]) -> str:
    """An id for an action added to the record ``record_id``: ``RECORD-a1``, or the first number not ``taken``.

    Examples:
        >>> new_action_id("r1", ["r1-a1"])
        'r1-a2'
    """
    number = 1
    while f"{record_id}-a{number}" in taken:
        number += 1
    return f"{record_id}-a{number}"


@attrs.frozen(kw_only=True)
class GrowPlan:
    """The GROW plan for the one thing that matters most: goal, reality, options and will.

    The plan is what manager and employee agreed, so all of it is always shared: it reaches the employee
    and HR. A private remark belongs in a [`Note`][careerconv.Note] with ``visibility="private"``.

    Examples:
        >>> plan = GrowPlan(goal=Goal(statement="Lead a team"), will=(Action(text="Mentor Kim"),))
        >>> plan.will[0].owner
        'employee'
    """

    goal: Goal | None = None
    reality: Reality | None = None
    options: tuple[Option, ...] = ()
    will: tuple[Action, ...] = ()

    @property
    def open_actions(self) -> tuple[Action, ...]:
        """The agreed actions still open: what the next conversation starts from.

        Examples:
            >>> plan = GrowPlan(will=(Action(text="Mentor Kim"), Action(text="Course", status="done")))
            >>> [action.text for action in plan.open_actions]
            ['Mentor Kim']
        """
        return tuple(action for action in self.will if action.status == "open")


@attrs.frozen(kw_only=True, repr=False)
class Note:
    """A note taken during the conversation; ``private`` notes are for the manager only.

    Examples:
        >>> Note(text="Worried about the reorg", visibility="private")
        Note(text=<private>, visibility='private')
    """

    text: str
    visibility: Visibility = "shared"

    def __repr__(self) -> str:
        """The note, its text hidden when private: ``Note(text=<private>, visibility='private')``."""
        return _private_repr(self)


@attrs.frozen(kw_only=True)
class Conversation:
    """The record of one career conversation.

    Examples:
        >>> c = Conversation(
        ...     id="2026-11-26-alex",
        ...     template=TemplateRef(name="standard", version="1.0.0", locale="en"),
        ...     employee=Person(id="alex"),
        ... )
        >>> c.answers, c.grow
        ({}, None)
    """

    id: str
    template: TemplateRef
    date: dt.date | None = None
    employee: Person
    manager: Person | None = None
    params: dict[str, str] = attrs.field(factory=dict)
    answers: dict[str, Answer] = attrs.field(factory=dict)
    motivations: MotivationRanking | None = None
    grow: GrowPlan | None = None
    notes: tuple[Note, ...] = ()
