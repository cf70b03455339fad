"""The rules no type can express: ids, references, rankings, placeholders.

The checks read the plain data of a document (as parsed, in the file's own key names), so they run even
when some field has the wrong type, and every problem is reported in one pass. They skip what the converter
already reports (a wrong type, a missing field), so no problem is reported twice.

Each check yields ``(path, message, code)``; the document layer adds the file, line and column.
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from careerconv.errors import TemplateNotFoundError
from careerconv.formats._converter import ConversionProblem, parse_date
from careerconv.formats._plain import Path, json_path
from careerconv.model import GROW_STAGES

if TYPE_CHECKING:
    from careerconv.model import Question, Template
    from careerconv.registry import Registry

__all__ = ["check_conversation", "check_template"]

Found = Iterator[tuple[Path, str, str]]

ID = re.compile(r"[a-z0-9][a-z0-9-]*")
RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
SEMVER = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")
LOCALE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
PARAMETER = re.compile(r"[a-z][a-z0-9_]*")
#: A ``{name}`` placeholder; ``{{`` and ``}}`` are escaped braces (group 1 is empty for them).
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text: str) -> Iterator[str]:
    """The names of the ``{name}`` placeholders in ``text``, escaped braces left out.

    Examples:
        >>> list(placeholders("At {company} {{literally}} with {team}"))
        ['company', 'team']
    """
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) is not None:
            yield match.group(1)


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
        >>> [code for _, _, code in check_template(data)]
        ['invalid-name', 'empty-template']
    """
    name = _str(data, "name")
    if name is not None and not ID.fullmatch(name):
        yield ("name",), "a template name uses lowercase letters, digits and '-'", "invalid-name"
    version = _str(data, "version")
    if version is not None and not SEMVER.fullmatch(version):
        yield ("version",), "expected a semantic version such as 1.0.0", "invalid-version"
    locale = _str(data, "locale")
    if locale is not None and not LOCALE.fullmatch(locale):
        yield ("locale",), "expected a BCP 47 language tag such as en or es-MX", "invalid-locale"
    parameters = data.get("parameters")
    declared: set[str] = set()
    if isinstance(parameters, dict):
        for key in parameters:
            declared.add(key)
            if not PARAMETER.fullmatch(key):
                message = "a parameter name uses lowercase letters, digits and '_', starting with a letter"
                yield ("parameters", key), message, "invalid-parameter-name"
    sections = data.get("sections", [])
    if isinstance(sections, list) and not sections:
        yield ("sections",), "a template needs at least one section", "empty-template"
    yield from _check_ids(data)
    yield from _check_sections(data)
    yield from _check_placeholders(data, declared)


def _template_ids(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    for s, section in _items(data, "sections"):
        where: Path = ("sections", s)
        yield (*where, "id"), section.get("id")
        for q, question in _items(section, "questions"):
            yield (*where, "questions", q, "id"), question.get("id")
        for m, motivation in _items(section, "motivations"):
            yield (*where, "motivations", m, "id"), motivation.get("id")
        for g, stage in _items(section, "stages"):
            yield (*where, "stages", g, "id"), stage.get("id")
            for q, question in _items(stage, "questions"):
                yield (*where, "stages", g, "questions", q, "id"), question.get("id")


def _check_ids(data: dict[str, Any]) -> Found:
    first: dict[str, Path] = {}
    for path, value in _template_ids(data):
        if not isinstance(value, str):
            continue
        if not ID.fullmatch(value):
            yield (
                path,
                "an id uses lowercase letters, digits and '-', starting with a letter or digit",
                "invalid-id",
            )
        elif value in first:
            yield path, f"id '{value}' is already used at {json_path(first[value])}", "duplicate-id"
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
            yield (*where, "kind"), message, "duplicate-section-kind"
        seen_kinds.setdefault(kind, s)
        wanted = _KIND_FIELDS[kind]
        for field_kind, field in _KIND_FIELDS.items():
            if field != wanted and section.get(field):
                message = f"'{field}' belongs in a section of kind {field_kind}, not {kind}"
                yield (*where, field), message, "field-not-allowed"
        content = section.get(wanted)
        if content is None or content == []:
            needs = {"questions": "at least one question", "motivations": "at least two motivations"}
            message = f"a section of kind {kind} needs " + needs.get(kind, "the stages goal, reality, options, will")
            yield (*where, wanted), message, "empty-section"
        elif kind == "motivations" and isinstance(content, list) and len(content) < 2:
            yield (
                (*where, wanted),
                "a section of kind motivations needs at least two motivations",
                "empty-section",
            )
        elif kind == "grow" and isinstance(content, list):
            ids = [stage.get("id") if isinstance(stage, dict) else None for stage in content]
            if tuple(ids) != GROW_STAGES:
                message = "a grow section has exactly the stages goal, reality, options, will, in that order"
                yield (*where, "stages"), message, "grow-stages"
        minutes = section.get("duration_minutes")
        if type(minutes) is int and minutes < 1:
            yield (*where, "duration_minutes"), "a duration is at least 1 minute", "invalid-duration"
        for q, question in _items(section, "questions"):
            yield from _check_question(question, (*where, "questions", q))
        for g, stage in _items(section, "stages"):
            for q, question in _items(stage, "questions"):
                yield from _check_question(question, (*where, "stages", g, "questions", q))


def _check_question(question: dict[str, Any], where: Path) -> Found:
    qtype = question.get("type", "text")
    if not isinstance(qtype, str):
        return
    for field in ("min", "max", "labels"):
        if field in question and qtype != "scale":
            yield (*where, field), f"'{field}' applies to scale questions only", "field-not-allowed"
    for field in ("options", "multiple"):
        if field in question and qtype != "choice":
            yield (*where, field), f"'{field}' applies to choice questions only", "field-not-allowed"
    if qtype == "scale":
        low, high = question.get("min"), question.get("max")
        for field, value in (("min", low), ("max", high)):
            if value is None:
                yield (*where, field), f"a scale question needs '{field}'", "missing-field"
        if type(low) is int and type(high) is int:
            if low >= high:
                yield (*where, "max"), "'max' must be greater than 'min'", "invalid-scale"
            else:
                labels = question.get("labels")
                points = high - low + 1
                if isinstance(labels, list) and labels and len(labels) != points:
                    message = f"a scale from {low} to {high} takes {points} labels, one per point, or none"
                    yield (*where, "labels"), message, "invalid-scale"
    elif qtype == "choice":
        options = question.get("options")
        if options is None or (isinstance(options, list) and len(options) < 2):
            yield (*where, "options"), "a choice question needs at least two options", "invalid-options"
        elif isinstance(options, list) and len(set(map(repr, options))) != len(options):
            yield (*where, "options"), "options must be different from each other", "invalid-options"


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
                    yield (
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


def check_conversation(data: dict[str, Any], registry: Registry) -> Found:
    """Check a conversation record's plain data against the template it names.

    Examples:
        >>> from careerconv.registry import default_registry
        >>> data = {"id": "r1", "template": {"name": "standard"}, "employee": {"id": "alex"},
        ...         "answers": {"career-so-far": {"text": "..."}, "carrer-so-far": {"text": "..."}}}
        >>> [(code, msg) for _, msg, code in check_conversation(data, default_registry())]
        [('unknown-question', "no question 'carrer-so-far' in template standard 1.0.0; did you mean 'career-so-far'?")]
    """
    for path in (("id",), ("employee", "id"), ("manager", "id")):
        value = data.get(path[0])
        if len(path) == 2:
            value = value.get("id") if isinstance(value, dict) else None
        if isinstance(value, str) and not RECORD_ID.fullmatch(value):
            message = "an id uses letters, digits, '.', '_' and '-', starting with a letter or digit"
            yield path, message, "invalid-id"
    ref = data.get("template")
    if not isinstance(ref, dict) or not isinstance(ref.get("name"), str):
        return
    version, locale = ref.get("version"), ref.get("locale")
    if not isinstance(version, (str, type(None))) or not isinstance(locale, (str, type(None))):
        return
    try:
        template = registry.get(ref["name"], version=version, locale=locale)
    except TemplateNotFoundError as error:
        yield ("template",), str(error), "unknown-template"
        return
    yield from _check_params(data, template)
    yield from _check_answers(data, template)
    yield from _check_ranking(data, template)
    if data.get("grow") is not None and not any(s.kind == "grow" for s in template.sections):
        yield ("grow",), f"{_label(template)} has no grow section", "no-grow-section"


def _label(template: Template) -> str:
    return f"template {template.name} {template.version}"


def _check_params(data: dict[str, Any], template: Template) -> Found:
    params = data.get("params")
    if isinstance(params, dict):
        for key in params:
            if key not in template.parameters:
                yield (
                    ("params", key),
                    f"{_label(template)} declares no parameter '{key}'",
                    "unknown-parameter",
                )


def _check_answers(data: dict[str, Any], template: Template) -> Found:
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return
    questions = {q.id: q for q in template.iter_questions()}
    for key, answer in answers.items():
        if key not in questions:
            close = difflib.get_close_matches(key, list(questions), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            yield ("answers", key), f"no question '{key}' in {_label(template)}{hint}", "unknown-question"
        elif isinstance(answer, dict) and answer.get("value") is not None:
            problem = _check_value(answer["value"], questions[key])
            if problem:
                yield ("answers", key, "value"), problem[0], problem[1]


def _check_value(value: Any, question: Question) -> tuple[str, str] | None:
    if question.type == "text":
        return "a text question is answered with 'text', not 'value'", "answer-type"
    if question.type == "scale":
        if type(value) is not int:
            return "a scale question takes a whole number", "answer-type"
        if question.min is not None and question.max is not None and not question.min <= value <= question.max:
            return f"expected a whole number from {question.min} to {question.max}", "answer-out-of-range"
    elif question.type == "choice":
        chosen = value if isinstance(value, list) else [value]
        if isinstance(value, list) and not question.multiple:
            return "this question takes one option, not a list", "answer-type"
        if not all(isinstance(item, str) and item in question.options for item in chosen):
            return f"expected one of the options: {', '.join(question.options)}", "answer-not-an-option"
    elif question.type == "date":
        try:
            parse_date(value)
        except ConversionProblem as problem:
            return problem.message, problem.code
    return None


def _check_ranking(data: dict[str, Any], template: Template) -> Found:
    section = data.get("motivations")
    if section is None:
        return
    known = [m.id for m in template.motivations()]
    if not known:
        yield ("motivations",), f"{_label(template)} has no motivations section", "no-motivations-section"
        return
    ranking = section.get("ranking") if isinstance(section, dict) else None
    if not isinstance(ranking, list) or not ranking or not all(isinstance(r, str) for r in ranking):
        return  # not given (an unfilled record), or a type problem the converter reports
    where: Path = ("motivations", "ranking")
    seen: set[str] = set()
    for index, item in enumerate(ranking):
        if item not in known:
            close = difflib.get_close_matches(item, known, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(known)}"
            yield (*where, index), f"unknown motivation '{item}'{hint}", "invalid-ranking"
        elif item in seen:
            yield (*where, index), f"motivation '{item}' is ranked twice", "invalid-ranking"
        seen.add(item)
    missing = [m for m in known if m not in seen]
    if missing:
        yield (
            where,
            f"a ranking lists every motivation once; missing: {', '.join(missing)}",
            "invalid-ranking",
        )
