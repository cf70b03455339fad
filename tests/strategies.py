"""Hypothesis strategies for every model type, in one place.

``templates()`` and ``conversations()`` generate documents that pass validation (unique ids, a grow section
with its four stages, a ranking that is a permutation...), so ``loads(dumps(x)) == x`` can be a property.
The field strategies generate any text YAML and JSON can carry, newlines and non-ASCII included.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import attrs
from hypothesis import strategies as st

from careerconv import (
    Action,
    Answer,
    Choice,
    Conversation,
    Goal,
    GrowPlan,
    GrowStage,
    Motivation,
    MotivationRanking,
    Note,
    Option,
    Parameter,
    Person,
    Question,
    Reality,
    Section,
    Template,
    TemplateRef,
    get_template,
)
from careerconv.model import QuestionType, StageId, Visibility
from careerconv.rules.text import FORBIDDEN_TEXT

# Any text a document may hold: no placeholder braces (checked against parameters) and none of the characters
# the text rule refuses (control characters but tab and line feed, lone surrogates, bidirectional controls).
_TEXT_CHARACTERS = st.characters(
    # The forbidden characters are left out up front (a filter alone rejects too many draws in big documents);
    # the filter stays as the definition.
    exclude_categories=["Cs", "Cc"],
    include_characters="\t\n",
    exclude_characters="{}\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
).filter(lambda c: not FORBIDDEN_TEXT.match(c))

#: What the YAML writer must get right where it folds a line (near the 100th column): spaces (one, several,
#: beside a tab or a line break), escapes, line breaks of every kind, quotes, indicators.
FOLD_HAZARDS = (
    " ", "  ", "   ", "\t", "\t ", " \t", "\n", "\n\n", " \n", "\n ", "\n\t", "'", '"', "\\", "é", "\xa0",
    "# ", ": ", "- ", "\u2028", "\u2029", "\ufeff", "\x85", "\x1b", "\x00",
)  # fmt: skip


@st.composite
def folding_texts(draw: st.DrawFn, *, forbidden: bool = True) -> str:
    """Text built to meet the writer's folding: a run of characters to somewhere around column 100, a hazard,
    then a word of some length (one character, or longer than a line), a few times over.

    With ``forbidden=False``, the characters the text rule refuses are left out (text a document may hold).
    """
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        parts.append(draw(st.sampled_from(["x", "ab ", "a b", "é", "\t"])) * draw(st.integers(0, 66)))
        parts.append(draw(st.sampled_from(FOLD_HAZARDS)))
        word = draw(st.text(alphabet=st.characters(codec="utf-8", exclude_characters=" \n"), max_size=2))
        parts.append(word + "z" * draw(st.sampled_from([0, 1, 2, 5, 50, 101])))
    found = "".join(parts)
    if not forbidden:
        found = FORBIDDEN_TEXT.sub("", found).replace("{", "").replace("}", "") or "x"
    return found


text = st.text(alphabet=_TEXT_CHARACTERS, min_size=1, max_size=40) | folding_texts(forbidden=False)
#: Any text at all, the forbidden characters included: for the properties of the text rule itself.
any_text = st.text(alphabet=st.characters(exclude_characters="{}"), max_size=40)
optional_text = st.none() | text
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,11}", fullmatch=True)
record_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,11}", fullmatch=True)
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
visibilities: st.SearchStrategy[Visibility] = st.sampled_from(["shared", "private"])


QUESTION_TYPES: tuple[QuestionType, ...] = typing.get_args(QuestionType)  # every type careerconv has


@st.composite
def questions(draw: st.DrawFn, qid: str, kind: QuestionType | None = None) -> Question:
    """A question of ``kind`` (any type when ``None``)."""
    chosen: QuestionType = kind if kind is not None else draw(st.sampled_from(QUESTION_TYPES))
    extra: dict[str, Any] = {}
    if chosen == "scale":
        low = draw(st.integers(-5, 5))
        high = draw(st.integers(low + 1, low + 6))
        labels = draw(st.none() | st.lists(text, min_size=high - low + 1, max_size=high - low + 1))
        extra = {"min": low, "max": high, "labels": tuple(labels or ())}
    elif chosen == "choice":
        # Options in both forms: a plain text (its own id and label), or an id with a label of its own.
        labels = draw(st.lists(text, min_size=2, max_size=4, unique=True))
        option_ids = draw(st.lists(ids | text, min_size=len(labels), max_size=len(labels), unique=True))
        options = [
            label if draw(st.booleans()) and label not in option_ids else Choice(id=option_id, label=label)
            for option_id, label in zip(option_ids, labels, strict=True)
        ]
        extra = {"options": tuple(options), "multiple": draw(st.booleans())}
    return Question(
        id=qid,
        text=draw(text),
        type=chosen,
        required=draw(st.booleans()),
        help=draw(optional_text),
        prompts=tuple(draw(st.lists(text, max_size=3))),
        **extra,
    )


@st.composite
def templates(draw: st.DrawFn) -> Template:
    """A valid template: ids unique across it, at most one motivations and one grow section."""
    pool = draw(st.lists(ids, min_size=40, max_size=40, unique=True).filter(lambda xs: not {*xs} & {*GROW}))
    fresh = iter(pool)
    sections = []
    for _ in range(draw(st.integers(1, 3))):
        qs = tuple(draw(questions(next(fresh))) for _ in range(draw(st.integers(1, 3))))
        sections.append(
            Section(
                id=next(fresh),
                title=draw(text),
                purpose=draw(optional_text),
                duration_minutes=draw(st.none() | st.integers(1, 90)),
                questions=qs,
            )
        )
    if draw(st.booleans()):
        motivations = tuple(
            Motivation(id=next(fresh), label=draw(text), description=draw(optional_text))
            for _ in range(draw(st.integers(2, 5)))
        )
        sections.append(Section(id=next(fresh), title=draw(text), kind="motivations", motivations=motivations))
    if draw(st.booleans()):
        stages = tuple(
            GrowStage(
                id=stage,
                title=draw(text),
                purpose=draw(optional_text),
                questions=tuple(draw(questions(next(fresh))) for _ in range(draw(st.integers(0, 2)))),
            )
            for stage in GROW
        )
        sections.append(Section(id=next(fresh), title=draw(text), kind="grow", stages=stages))
    order = draw(st.permutations(sections))
    names = draw(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True), max_size=2, unique=True))
    parameters = {name: Parameter(description=draw(optional_text), default=draw(optional_text)) for name in names}
    return Template(
        name=draw(ids),
        version=f"{draw(st.integers(0, 20))}.{draw(st.integers(0, 20))}.{draw(st.integers(0, 20))}",
        locale=draw(st.sampled_from(["en", "es", "es-MX", "pt-BR"])),
        title=draw(text),
        description=draw(optional_text),
        parameters=parameters,
        sections=tuple(order),
    )


GROW: tuple[StageId, ...] = ("goal", "reality", "options", "will")

people = st.builds(Person, id=record_ids, name=optional_text, team=optional_text)
goals = st.builds(Goal, statement=optional_text, success=optional_text, by=st.none() | dates)
realities = st.builds(Reality, current=optional_text, obstacles=st.lists(text, max_size=3).map(tuple))
options = st.builds(Option, text=text, chosen=st.booleans())
actions = st.builds(
    Action,
    text=text,
    owner=st.sampled_from(["employee", "manager"]),
    due=st.none() | dates,
    status=st.sampled_from(["open", "done", "dropped"]),
    id=st.none() | record_ids,
    agreed=st.none() | dates,
)
grow_plans = st.builds(
    GrowPlan,
    goal=st.none() | goals,
    reality=st.none() | realities,
    options=st.lists(options, max_size=3).map(tuple),
    # an action id is unique in its record: a drawn id gets the action's place appended
    will=st.lists(actions, max_size=3).map(
        lambda drawn: tuple(attrs.evolve(a, id=f"{a.id}-{i}") if a.id else a for i, a in enumerate(drawn))
    ),
)
notes = st.builds(Note, text=text, visibility=visibilities)


@st.composite
def answers_for(draw: st.DrawFn, question: Question) -> Answer:
    value: Any = None
    if question.type == "scale" and draw(st.booleans()):
        assert question.min is not None
        assert question.max is not None
        value = draw(st.integers(question.min, question.max))
    elif question.type == "choice" and draw(st.booleans()):
        if question.multiple:
            value = tuple(draw(st.lists(st.sampled_from(question.option_ids()), unique=True)))
        else:
            value = draw(st.sampled_from(question.option_ids()))
    elif question.type == "date" and draw(st.booleans()):
        value = draw(dates)
    elif question.type == "boolean" and draw(st.booleans()):
        value = draw(st.booleans())
    return Answer(text=draw(optional_text), value=value, visibility=draw(visibilities))


@st.composite
def conversations(draw: st.DrawFn, template: Template | None = None) -> Conversation:
    """A valid record for ``template`` (the bundled standard one by default)."""
    template = template or get_template("standard")
    chosen = draw(st.lists(st.sampled_from(template.iter_questions()), unique_by=lambda q: q.id, max_size=8))
    motivation_ids = [m.id for m in template.motivations()]
    ranking = None
    ranked: bool = draw(st.booleans())
    if motivation_ids and ranked:
        order: list[str] | None = draw(st.none() | st.permutations(motivation_ids))
        ranking = MotivationRanking(ranking=tuple(order or ()), notes=draw(optional_text))
    has_grow = any(s.kind == "grow" for s in template.sections)
    return Conversation(
        id=draw(record_ids),
        template=TemplateRef(name=template.name, version=template.version, locale=template.locale),
        date=draw(st.none() | dates),
        employee=draw(people),
        manager=draw(st.none() | people),
        params={name: draw(text) for name in template.parameters if draw(st.booleans())},
        answers={q.id: draw(answers_for(q)) for q in chosen},
        motivations=ranking,
        grow=draw(st.none() | grow_plans) if has_grow else None,
        notes=tuple(draw(st.lists(notes, max_size=3))),
    )


@st.composite
def every_type_templates(draw: st.DrawFn) -> Template:
    """A generated template with a question of every type, and a multiple choice among them."""
    template = draw(templates())
    taken = {q.id for q in template.iter_questions()} | {s.id for s in template.sections}
    taken |= {m.id for m in template.motivations()}
    fresh = (f"{name}-{n}" for n in range(99) for name in ("every", "type") if f"{name}-{n}" not in taken)
    typed = [draw(questions(next(fresh), kind)) for kind in QUESTION_TYPES]
    several = draw(questions(next(fresh), "choice"))
    typed.append(attrs.evolve(several, multiple=True))
    section = Section(id=next(fresh), title=draw(text), questions=tuple(typed))
    return attrs.evolve(template, sections=(*template.sections, section))
