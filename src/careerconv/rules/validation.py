"""The rules no type can express on templates and records: ids, references, rankings, placeholders.

The rules on text are in `careerconv.rules.text`, a translation's in `careerconv.rules.translations`.

The checks read the plain data of a document (as parsed, in the file's own key names), so they run even
when some field has the wrong type, and every problem is reported in one pass. They skip what the converter
already reports (a wrong type, a missing field), so no problem is reported twice.

Each check yields ``(path, message, code)``; the document layer adds the file, line and column.
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from careerconv.errors import CareerconvError, Finding, Found, TemplateNotFoundError, ValidationError, check_choice
from careerconv.formats.plain import Path, json_path, shown
from careerconv.model import GROW_STAGES, TemplateRef, is_answered
from careerconv.questions import check_question, kind_of
from careerconv.rules.text import placeholders

if TYPE_CHECKING:
    from careerconv.model import Question, Template
    from careerconv.rules.lookup import TemplateLookup

__all__ = [
    "action_ids_fit",
    "are_record_ids",
    "check_closing",
    "check_complete",
    "check_conversation",
    "check_record",
    "check_template",
    "check_value",
    "has_grow",
    "is_record_id",
    "ranks_each_once",
    "template_ids",
    "undeclared",
]


ID = re.compile(r"[a-z0-9][a-z0-9-]*")
RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_record_id = RECORD_ID.fullmatch
ID_MESSAGE = "an id uses lowercase letters, digits and '-', starting with a letter or digit"
RECORD_ID_MESSAGE = "an id uses letters, digits, '.', '_' and '-', starting with a letter or digit"
#: A semantic version; the registry orders versions by its groups (a release after its pre-releases).
SEMVER = re.compile(
    r"(?P<major>0|[1-9][0-9]*)\.(?P<minor>0|[1-9][0-9]*)\.(?P<patch>0|[1-9][0-9]*)"
    r"(?P<rest>(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)"
)
#: A BCP 47 language tag as careerconv takes one: a language and up to seven subtags, 35 characters at most
#: (the length RFC 5646 asks every implementation to handle).
LOCALE = re.compile(r"(?=.{2,35}$)[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,7}")
LOCALE_MESSAGE = "expected a BCP 47 language tag such as en or es-MX"
PARAMETER = re.compile(r"[a-z][a-z0-9_]*")
_KIND_FIELDS = {"questions": "questions", "motivations": "motivations", "grow": "stages"}


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------------------------- templates


def check_template(data: dict[str, Any]) -> Found:
    """Check a template's plain data; yield each problem as ``(path, message, code)``.

    Examples:
        >>> data = {"name": "Bad Name", "version": "1.0.0", "title": "T", "sections": []}
        >>> [found.code for found in check_template(data)]
        ['invalid-name', 'empty-template']
    """
    name = _str(data, "name")
    if name is not None and not ID.fullmatch(name):
        yield Finding(("name",), "a template name uses lowercase letters, digits and '-'", "invalid-name")
    version = _str(data, "version")
    if version is not None and not SEMVER.fullmatch(version):
        yield Finding(("version",), "expected a semantic version such as 1.0.0", "invalid-version")
    locale = _str(data, "locale")
    if locale is not None and not LOCALE.fullmatch(locale):
        yield Finding(("locale",), LOCALE_MESSAGE, "invalid-locale")
    parameters = data.get("parameters")
    declared: set[str] = set()
    if isinstance(parameters, dict):
        for key in parameters:
            declared.add(key)
            if not PARAMETER.fullmatch(key):
                message = "a parameter name uses lowercase letters, digits and '_', starting with a letter"
                yield Finding(("parameters", key), message, "invalid-parameter-name")
    sections = data.get("sections", [])
    if data.get("extends") is not None:  # a field at its default (null, [], false) is as good as absent
        yield from _check_derived(data)
    elif isinstance(sections, list) and not sections:
        yield Finding(("sections",), "a template needs at least one section", "empty-template")
    if data.get("changes") and data.get("extends") is None:
        yield Finding(
            ("changes",), "'changes' belong to a derived template: name its base in 'extends'", "field-not-allowed"
        )
    yield from _check_ids(data)
    yield from _check_sections(data)
    yield from _check_placeholders(data, declared)


#: ``extends``: a name, or ``name@1``, ``name@1.2``, ``name@1.2.3`` (groups: the name, the version).
EXTENDS = re.compile(
    r"([a-z0-9][a-z0-9-]*)(?:@((?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?)?)?))?"
)
_CHANGES = ("remove", "add", "replace")
_ITEMS = ("section", "question", "motivation")


def _check_derived(data: dict[str, Any]) -> Found:
    """The rules of ``extends`` and ``changes`` that need no base."""
    extends = data.get("extends")
    if isinstance(extends, str) and not EXTENDS.fullmatch(extends):
        message = "expected a template name, optionally with @major or @version: standard@1"
        yield Finding(("extends",), message, "invalid-extends")
    if data.get("sections"):
        message = "a derived template has no 'sections'; it changes its base's through 'changes'"
        yield Finding(("sections",), message, "field-not-allowed")
    for c, change in _items(data, "changes"):
        yield from _check_change(change, ("changes", c))


def _check_change(change: dict[str, Any], where: Path) -> Found:
    """One change: exactly one of remove, add, replace, holding one item with an id."""
    given = [key for key in _CHANGES if change.get(key) is not None]
    if len(given) != 1:
        yield Finding(where, "a change is exactly one of: remove, add, replace", "invalid-change")
        return
    spec = change[given[0]]
    if not isinstance(spec, dict):
        return  # a removal's id, or a type problem the converter reports
    where = (*where, given[0])
    items = [key for key in _ITEMS if isinstance(spec.get(key), dict)]
    yield from (_check_addition if given[0] == "add" else _check_replacement)(spec, items, where)
    for item_key in items:
        item = spec[item_key]
        if isinstance(item.get("id"), str) and not ID.fullmatch(item["id"]):
            yield Finding((*where, item_key, "id"), ID_MESSAGE, "invalid-id")


def _check_addition(spec: dict[str, Any], items: list[str], where: Path) -> Found:
    if (spec.get("question") is not None and spec.get("motivation") is not None) or len(items) != 1:
        yield Finding(where, "an addition holds one new section, question or motivation", "invalid-change")
    elif spec.get("before") is not None and spec.get("after") is not None:
        yield Finding((*where, "after"), "give 'before' or 'after', not both", "invalid-change")
    elif spec.get("stage") is not None and items != ["question"]:
        yield Finding((*where, "stage"), "'stage' places a question in a grow section", "field-not-allowed")


def _check_replacement(spec: dict[str, Any], items: list[str], where: Path) -> Found:
    if len(items) != 1:
        yield Finding(where, "a replacement holds one section, question or motivation", "invalid-change")
    elif isinstance(spec[items[0]].get("id"), str) and spec[items[0]]["id"] != spec.get("id"):
        message = f"the replacement keeps the id '{spec.get('id')}'; remove and add to change an id"
        yield Finding((*where, items[0], "id"), message, "invalid-change")


def template_ids(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    """The path and value of every id a template defines: sections, questions and motivations.

    The GROW stages' ids (goal, reality, options, will) are a fixed vocabulary, not the template's own, so
    a motivation may be called ``goal``.
    """
    for s, section in _items(data, "sections"):
        where: Path = ("sections", s)
        yield (*where, "id"), section.get("id")
        for q, question in _items(section, "questions"):
            yield (*where, "questions", q, "id"), question.get("id")
        for m, motivation in _items(section, "motivations"):
            yield (*where, "motivations", m, "id"), motivation.get("id")
        for g, stage in _items(section, "stages"):
            for q, question in _items(stage, "questions"):
                yield (*where, "stages", g, "questions", q, "id"), question.get("id")


def _check_ids(data: dict[str, Any]) -> Found:
    first: dict[str, Path] = {}
    for path, value in template_ids(data):
        if not isinstance(value, str):
            continue
        if not ID.fullmatch(value):
            yield Finding(
                path,
                ID_MESSAGE,
                "invalid-id",
            )
        elif value in first:
            yield Finding(path, f"id '{value}' is already used at {json_path(first[value])}", "duplicate-id")
        else:
            first[value] = path


def _check_sections(data: dict[str, Any]) -> Found:
    seen_kinds: dict[str, int] = {}
    for s, section in _items(data, "sections"):
        where: Path = ("sections", s)
        kind = section.get("kind", "questions")
        if kind not in _KIND_FIELDS:
            continue  # the converter reports it
        if kind != "questions" and kind in seen_kinds:
            message = f"a template has one section of kind {kind}; the first is sections[{seen_kinds[kind]}]"
            yield Finding((*where, "kind"), message, "duplicate-section-kind")
        seen_kinds.setdefault(kind, s)
        yield from _check_content(section, kind, where)
        minutes = section.get("duration_minutes")
        if type(minutes) is int and minutes < 1:
            yield Finding((*where, "duration_minutes"), "a duration is at least 1 minute", "invalid-duration")
        for q, question in _items(section, "questions"):
            yield from check_question(question, (*where, "questions", q))
        for g, stage in _items(section, "stages"):
            for q, question in _items(stage, "questions"):
                yield from check_question(question, (*where, "stages", g, "questions", q))


def _check_content(section: dict[str, Any], kind: str, where: Path) -> Found:
    """A section holds the content of its kind (questions, motivations or the GROW stages) and no other."""
    wanted = _KIND_FIELDS[kind]
    for field_kind, field in _KIND_FIELDS.items():
        if field != wanted and section.get(field):
            message = f"'{field}' belongs in a section of kind {field_kind}, not {kind}"
            yield Finding((*where, field), message, "field-not-allowed")
    content = section.get(wanted)
    if content is None or content == []:
        needs = {"questions": "at least one question", "motivations": "at least two motivations"}
        message = f"a section of kind {kind} needs " + needs.get(kind, "the stages goal, reality, options, will")
        yield Finding((*where, wanted), message, "empty-section")
    elif kind == "motivations" and isinstance(content, list) and len(content) < 2:
        yield Finding((*where, wanted), "a section of kind motivations needs at least two motivations", "empty-section")
    elif kind == "grow" and isinstance(content, list):
        ids = [stage.get("id") if isinstance(stage, dict) else None for stage in content]
        if tuple(ids) != GROW_STAGES:
            message = "a grow section has exactly the stages goal, reality, options, will, in that order"
            yield Finding((*where, "stages"), message, "grow-stages")


_TEXT_FIELDS = ("title", "description", "purpose", "text", "help", "label")


def _check_placeholders(data: dict[str, Any], declared: set[str]) -> Found:
    todo: deque[tuple[Path, Any]] = deque(((field,), data.get(field)) for field in ("title", "description", "sections"))
    while todo:
        path, value = todo.popleft()
        if isinstance(value, str):
            for name in placeholders(value):
                if name not in declared:
                    close = difflib.get_close_matches(name, sorted(declared), n=1)
                    hint = f"; did you mean '{{{close[0]}}}'?" if close else "; declare it under 'parameters'"
                    yield Finding(
                        path,
                        f"placeholder '{{{name}}}' names no declared parameter{hint}",
                        "unknown-parameter",
                    )
        elif isinstance(value, list):
            todo.extend(((*path, i), item) for i, item in enumerate(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in _TEXT_FIELDS or isinstance(item, (list, dict)):
                    todo.append(((*path, key), item))


# ------------------------------------------------------------------------------------------ conversations
# Each record rule is a predicate here, called by the rules below (which then say exactly what is wrong) and
# by the fast path (documents/fast.py), which only needs a yes or a no.


def is_record_id(value: str) -> bool:
    """Whether ``value`` is a record's, person's or action's id.

    Examples:
        >>> is_record_id("2026-11-26-alex"), is_record_id("my worry")
        (True, False)
    """
    return _record_id(value) is not None


def are_record_ids(values: Iterable[str]) -> bool:
    """Whether every one of ``values`` is an id of a record, a person or an action (``is_record_id`` of each).

    Examples:
        >>> are_record_ids(["r1", "alex"]), are_record_ids(["r1", "my worry"])
        (True, False)
    """
    return all(map(_record_id, values))


def undeclared(keys: Iterable[str], declared: Collection[str]) -> list[str]:
    """The ``keys`` (a record's parameters or answers) that the template does not declare, in their order.

    Examples:
        >>> undeclared(["company", "compnay"], {"company"})
        ['compnay']
    """
    return [key for key in keys if key not in declared]


def ranks_each_once(order: Sequence[str], known: Collection[str]) -> bool:
    """Whether a ranking lists every one of the ``known`` motivations exactly once (an empty one is not given).

    Examples:
        >>> ranks_each_once(["a", "b"], {"a", "b"}), ranks_each_once(["a", "a"], {"a", "b"})
        (True, False)
    """
    if not order:
        return True
    seen = set(order)
    return len(order) == len(known) == len(seen) and seen.issubset(known)


def has_grow(template: Template) -> bool:
    """Whether ``template`` has a GROW section, where a record's ``grow`` plan belongs."""
    return any(section.kind == "grow" for section in template.sections)


def action_ids_fit(ids: Sequence[str]) -> bool:
    """Whether the ids written on a record's actions are each an id, and no two the same.

    Examples:
        >>> action_ids_fit(["r1-a1", "r1-a2"]), action_ids_fit(["r1-a1", "r1-a1"])
        (True, False)
    """
    return len(set(ids)) == len(ids) and are_record_ids(ids)


def check_conversation(data: dict[str, Any], registry: TemplateLookup, *, complete: bool = False) -> Found:
    """Check a conversation record's plain data against the template it names.

    Examples:
        >>> from careerconv.registry import default_registry
        >>> data = {"id": "r1", "template": {"name": "standard"}, "employee": {"id": "alex"},
        ...         "answers": {"career-so-far": {"text": "..."}, "carrer-so-far": {"text": "..."}}}
        >>> [(found.code, found.message) for found in check_conversation(data, default_registry())]
        [('unknown-question', "no question 'carrer-so-far' in template standard 1.0.0; did you mean 'career-so-far'?")]
    """
    yield from check_record(data)
    ref = data.get("template")
    if not isinstance(ref, dict) or not isinstance(ref.get("name"), str):
        return
    version, locale = ref.get("version"), ref.get("locale")
    if not isinstance(version, (str, type(None))) or not isinstance(locale, (str, type(None))):
        return
    if locale is not None and not LOCALE.fullmatch(locale.lower()):
        return  # reported by check_record
    try:
        template = registry.pinned(TemplateRef(name=ref["name"], version=version, locale=locale))
    except TemplateNotFoundError as error:
        yield Finding(("template",), str(error), "unknown-template")
        return
    except CareerconvError as error:  # a broken plugin or translation, or a derived template that does not resolve
        reason = (
            str(error.problems[0])
            if isinstance(error, ValidationError) and error.problems
            else str(error).splitlines()[0]
        )
        yield Finding(("template",), f"template '{ref['name']}' cannot be used: {reason}", "broken-template")
        return
    yield from _check_params(data, template)
    yield from _check_answers(data, template)
    if complete:
        yield from check_complete(data, template)
    yield from _check_ranking(data, template)
    if data.get("grow") is not None and not has_grow(template):
        yield Finding(("grow",), f"{_label(template)} has no grow section", "no-grow-section")


def check_record(data: dict[str, Any]) -> Found:
    """The rules of a record that need no template: its ids, its locale, and answer keys that are ids.

    `check_conversation` runs them too; a record read without its template (``resolve=False``, as
    ``careerconv diff`` reads them) gets these.

    Examples:
        >>> [found.code for found in check_record({"id": "my worry", "answers": {"not an id": {}}})]
        ['invalid-id', 'unknown-question']
    """
    for path in (("id",), ("employee", "id"), ("manager", "id")):
        value = data.get(path[0])
        if len(path) == 2:
            value = value.get("id") if isinstance(value, dict) else None
        if isinstance(value, str) and not is_record_id(value):
            yield Finding(path, RECORD_ID_MESSAGE, "invalid-id")
    yield from _check_action_ids(data)
    ref = data.get("template")
    locale = ref.get("locale") if isinstance(ref, dict) else None
    if isinstance(locale, str) and not LOCALE.fullmatch(locale.lower()):
        yield Finding(("template", "locale"), LOCALE_MESSAGE, "invalid-locale")
    answers = data.get("answers")
    if isinstance(answers, dict):
        for key in answers:
            if isinstance(key, str) and not ID.fullmatch(key):
                yield Finding(
                    ("answers", key), "no question has this id: a question id is an identifier", "unknown-question"
                )


def check_closing(ids: Sequence[str], action: str, status: str) -> None:
    """Refuse to close ``action`` as ``status`` unless it is one of ``ids`` and ``status`` is done or dropped.

    The one rule behind ``Session.close_action`` and ``RecordEditor.close_action``.

    Examples:
        >>> check_closing(["r1-a1"], "r1-a2", "done")
        Traceback (most recent call last):
        ...
        ValueError: unknown action id 'r1-a2': expected r1-a1; did you mean 'r1-a1'?
    """
    check_choice("status", status, ("done", "dropped"))
    if not ids:
        raise ValueError("no action to close: the record has no actions")
    check_choice("action id", action, ids)


def _check_action_ids(data: dict[str, Any]) -> Found:
    """Each action's id, where written, is an id, and no two actions of a record share one."""
    grow = data.get("grow")
    will = grow.get("will") if isinstance(grow, dict) else None
    written = [
        (index, action["id"])
        for index, action in enumerate(will if isinstance(will, list) else ())
        if isinstance(action, dict) and isinstance(action.get("id"), str)
    ]
    if action_ids_fit([value for _, value in written]):
        return
    first: dict[str, int] = {}
    for index, value in written:
        path: Path = ("grow", "will", index, "id")
        if not is_record_id(value):
            yield Finding(path, RECORD_ID_MESSAGE, "invalid-id")
        elif value in first:
            yield Finding(path, f"action id '{value}' is already used at $.grow.will[{first[value]}]", "duplicate-id")
        else:
            first[value] = index


def _label(template: Template) -> str:
    return f"template {template.name} {template.version}"


def unknown_parameter(template: Template, key: str) -> str:
    """The message for a parameter ``key`` that ``template`` does not declare (a record's or a render's).

    Examples:
        >>> from careerconv import Template
        >>> unknown_parameter(Template(name="mini", version="1.0.0", title="Mini"), "compnay")
        "template mini 1.0.0 declares no parameter 'compnay'"
        >>> from careerconv import get_template
        >>> unknown_parameter(get_template("standard"), "compnay")
        "template standard 1.0.0 declares no parameter 'compnay'; did you mean 'company'?"
    """
    close = difflib.get_close_matches(key, sorted(template.parameters), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"{_label(template)} declares no parameter {shown(key)}{hint}"


def _check_params(data: dict[str, Any], template: Template) -> Found:
    params = data.get("params")
    if isinstance(params, dict):
        for key in undeclared(params, template.parameters):
            yield Finding(("params", key), unknown_parameter(template, key), "unknown-parameter")


def _check_answers(data: dict[str, Any], template: Template) -> Found:
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return
    questions = {q.id: q for q in template.iter_questions()}
    for key, answer in answers.items():
        if not ID.fullmatch(key):
            continue  # reported by check_record
        if key not in questions:
            close = difflib.get_close_matches(key, list(questions), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield Finding(("answers", key), f"no question {shown(key)} in {_label(template)}{hint}", "unknown-question")
        elif isinstance(answer, dict) and answer.get("value") is not None:
            problem = check_value(answer["value"], questions[key])
            if problem:
                yield Finding(("answers", key, "value"), problem[0], problem[1])


def check_complete(data: dict[str, Any], template: Template) -> Found:
    """Each required question of ``template`` that the record's plain ``data`` leaves unanswered.

    A record may be saved half filled in; a *complete* one answers every required question with text that
    is not blank or a value (`careerconv.model.is_answered`, the rule of ``Answer.answered``).

    Examples:
        >>> from careerconv import Question, Section, Template
        >>> template = Template(name="mini", version="1.0.0", title="Mini", sections=(Section(id="s", title="S",
        ...     questions=(Question(id="goal", text="Goal?", required=True),)),))
        >>> [found[:3] for found in check_complete({"answers": {"goal": {"text": " "}}}, template)]
        [(('answers', 'goal'), "required question 'goal' is not answered", 'unanswered-required')]
    """
    answers = data.get("answers")
    given = answers if isinstance(answers, dict) else {}
    for question in template.iter_questions():
        answer = given.get(question.id)
        if question.required and not (
            isinstance(answer, dict) and is_answered(answer.get("text"), answer.get("value"))
        ):
            yield Finding(
                ("answers", question.id), f"required question '{question.id}' is not answered", "unanswered-required"
            )


def check_value(value: Any, question: Question) -> tuple[str, str] | None:
    """What is wrong with ``value`` as the answer to ``question``, as ``(message, code)``; ``None`` if nothing.

    Examples:
        >>> from careerconv import Question
        >>> check_value(7, Question(id="energy", text="Energy?", type="scale", min=1, max=5))
        ('expected a whole number from 1 to 5', 'answer-out-of-range')
    """
    return kind_of(question.type).check_value(value, question)


def _check_ranking(data: dict[str, Any], template: Template) -> Found:
    section = data.get("motivations")
    if section is None:
        return
    known = [m.id for m in template.motivations()]
    if not known:
        yield Finding(("motivations",), f"{_label(template)} has no motivations section", "no-motivations-section")
        return
    ranking = section.get("ranking") if isinstance(section, dict) else None
    if not isinstance(ranking, list) or not all(isinstance(r, str) for r in ranking) or ranks_each_once(ranking, known):
        return  # fine, not given (an unfilled record), or a type problem the converter reports
    where: Path = ("motivations", "ranking")
    seen: set[str] = set()
    for index, item in enumerate(ranking):
        if item not in known:
            close = difflib.get_close_matches(item, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(known)}"
            yield Finding((*where, index), f"unknown motivation {shown(item)}{hint}", "invalid-ranking")
        elif item in seen:
            yield Finding((*where, index), f"motivation '{item}' is ranked twice", "invalid-ranking")
        seen.add(item)
    missing = [m for m in known if m not in seen]
    if missing:
        yield Finding(
            where,
            f"a ranking lists every motivation once; missing: {', '.join(missing)}",
            "invalid-ranking",
        )
