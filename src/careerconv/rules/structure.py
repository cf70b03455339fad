"""The type rules: the one cattrs converter between plain data and the model, configured in one place.

Structuring is strict: no scalar is coerced (``"no"`` is not a boolean, ``1.9`` is not a whole number, a
list is not text), unknown keys are refused, and every failure is collected. `problems_from` turns
cattrs' exception groups into [`Problem`][careerconv.Problem] data with JSON paths in the file's key
names.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import difflib
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from careerconv import model
from careerconv.errors import ConversionProblem, Finding, Found
from careerconv.formats.plain import MAX_PROBLEMS, Path, describe, shown
from careerconv.questions import FILE_SCALARS, kind_of, parse_date
from careerconv.rules.envelope import SCHEMA_VERSION

__all__ = [
    "ConversionProblem",
    "check_date_answers",
    "check_types",
    "configure_converter",
    "converter",
    "date_answers",
    "make_converter",
    "problems_from",
    "structure_capped",
    "to_data",
]

# How many more failures the collection hooks gather in the current structuring (see structure_capped).
_budget: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("careerconv_budget", default=None)


def _spend() -> bool:
    """Count one collected failure; ``True`` when the budget of the current structuring is spent."""
    budget = _budget.get()
    if budget is None:
        return False
    budget[0] -= 1
    return budget[0] <= 0


def structure_capped(data: Any, cls: type[T]) -> T:
    """``converter().structure(data, cls)``, collecting at most about `MAX_PROBLEMS` failures.

    A list or mapping stops being read once the budget is spent, so a document of a million wrong items
    costs a hundred failures, not a million (each a Python exception with its traceback).
    """
    token = _budget.set([MAX_PROBLEMS + 1])  # one more than are listed: enough to say that more were left out
    try:
        return converter().structure(data, cls)
    finally:
        _budget.reset(token)


T = TypeVar("T")


def _wrong(expected: str, value: Any) -> ConversionProblem:
    hint = "; put it in quotes" if expected == "text" and isinstance(value, (bool, int, float)) else ""
    return ConversionProblem("wrong-type", f"expected {expected}, found {describe(value)}{hint}")


def _structure_str(value: Any, _: Any) -> str:
    if type(value) is str:
        return value
    raise _wrong("text", value)


def _structure_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    raise _wrong("a whole number", value)


def _structure_bool(value: Any, _: Any) -> bool:
    if type(value) is bool:
        return value
    raise _wrong("true or false", value)


# What an answer's value may be, as the question types hold it (``questions.AnswerValue``), named for messages.
_VALUE_SCALARS = (*FILE_SCALARS, dt.date)
_VALUE_EXPECTED = ", ".join(dict.fromkeys(describe(t()) for t in FILE_SCALARS)) + " or a list of options"


def _structure_answer_value(value: Any, _: Any) -> model.AnswerValue:
    if value is None or type(value) in _VALUE_SCALARS:
        return typing.cast("model.AnswerValue", value)
    if type(value) is list:
        if all(type(item) is str for item in value):
            return tuple(value)
        raise ConversionProblem("wrong-type", "expected a list of options (text)")
    raise _wrong(_VALUE_EXPECTED, value)


def _is_literal(t: Any) -> bool:
    return get_origin(t) is Literal


def _literal_hook(t: Any) -> Callable[[Any, Any], Any]:
    allowed = get_args(t)
    listed = ", ".join(str(a) for a in allowed)

    def hook(value: Any, _: Any) -> Any:
        if type(value) is str and value in allowed:
            return value
        if type(value) is not str:
            raise _wrong(f"one of: {listed}", value)
        raise ConversionProblem("invalid-choice", f"expected one of: {listed}")

    return hook


def _is_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _add_note(error: Exception, note: str) -> None:
    error.__notes__ = [*getattr(error, "__notes__", []), note]  # type: ignore[attr-defined]


def _is_dict(t: Any) -> bool:
    return get_origin(t) is dict


class _Hooks:
    """Hook factories that need the converter they are registered on."""

    def __init__(self, conv: cattrs.Converter, *, defaults: bool = False) -> None:
        self.conv = conv
        self.defaults = defaults

    def tuple_hook(self, t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        item_type = get_args(t)[0]
        structure = self.conv.get_structure_hook(item_type)

        def hook(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise _wrong("a list", value)
            items = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(structure(item, item_type))
                except Exception as error:  # noqa: BLE001 - collected and reported as problems
                    _add_note(error, IterableValidationNote(f"@ index {index}", index, item_type))
                    errors.append(error)
                    if _spend():
                        break
            if errors:
                raise IterableValidationError("while structuring a list", errors, t)
            return tuple(items)

        return hook

    def dict_hook(self, t: Any) -> Callable[[Any, Any], dict[str, Any]]:
        value_type = get_args(t)[1]
        structure = self.conv.get_structure_hook(value_type)

        def hook(value: Any, _: Any) -> dict[str, Any]:
            if type(value) is not dict:
                raise _wrong("a mapping", value)
            items = {}
            errors: list[Exception] = []
            for key, item in value.items():
                try:
                    items[key] = structure(item, value_type)
                except Exception as error:  # noqa: BLE001 - collected and reported as problems
                    _add_note(error, IterableValidationNote(f"@ key {key}", key, value_type))
                    errors.append(error)
                    if _spend():
                        break
            if errors:
                raise IterableValidationError("while structuring a mapping", errors, t)
            return items

        return hook

    def attrs_structure(self, cl: type[T]) -> Callable[[Any, Any], T]:
        overrides = _not_in_files(cl)
        generated = make_dict_structure_fn(cl, self.conv, _cattrs_forbid_extra_keys=True, **overrides)

        def hook(value: Any, _: Any) -> T:
            if type(value) is not dict:
                raise _wrong("a mapping", value)
            return generated(value, cl)

        return hook

    def attrs_unstructure(self, cl: type[Any]) -> Callable[[Any], dict[str, Any]]:
        overrides = {
            **({"locale": override(omit_if_default=False)} if cl is model.Template else {}),
            **_not_in_files(cl),
        }
        generated = make_dict_unstructure_fn(cl, self.conv, _cattrs_omit_if_default=not self.defaults, **overrides)
        order = [f.name for f in attrs.fields(cl)]

        def hook(obj: Any) -> dict[str, Any]:
            # cattrs puts the fields it may omit last; files keep the model's (the design's) order.
            data = generated(obj)
            return {name: data[name] for name in order if name in data}

        return hook


def _not_in_files(cls: type[Any]) -> dict[str, Any]:
    """The fields of ``cls`` that say where an object came from (``model.NOT_IN_FILES``): in no file."""
    return {f.name: override(omit=True) for f in attrs.fields(cls) if f.metadata.get(model.NOT_IN_FILES)}


def _structure_section_or_id(value: Any, conv: cattrs.Converter) -> model.SectionOrId:
    if value is None or type(value) is str:
        return typing.cast("model.SectionOrId", value)
    if type(value) is dict:
        return conv.structure(value, model.Section)
    raise _wrong("a section id or a new section", value)


def _structure_choice(value: Any, fields: Callable[[Any, Any], model.Choice]) -> model.Choice:
    """A choice's option: a plain text (both its id and its label), or a mapping ``{id, label}``."""
    if type(value) is str:
        return model.Choice(id=value, label=value)
    if type(value) is dict:
        return fields(value, model.Choice)
    raise _wrong("an option: text, or {id, label}", value)


def _unstructure_choice(option: model.Choice, *, defaults: bool) -> str | dict[str, str]:
    """An option as files write it: plain text when its id is its label (and not every field is asked for)."""
    if option.id == option.label and not defaults:
        return option.id
    return {"id": option.id, "label": option.label}


def configure_converter(conv: cattrs.Converter, *, defaults: bool = False) -> None:
    """Make ``conv`` strict, as careerconv needs it; with ``defaults``, unstructuring writes every field.

    Examples:
        >>> conv = cattrs.Converter()
        >>> configure_converter(conv)
        >>> conv.structure({"id": "autonomy", "label": "Desire for autonomy"}, model.Motivation).id
        'autonomy'
    """
    hooks = _Hooks(conv, defaults=defaults)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, lambda v, _: parse_date(v))
    conv.register_structure_hook_factory(_is_literal, _literal_hook)
    conv.register_structure_hook_factory(_is_tuple, hooks.tuple_hook)
    conv.register_structure_hook_factory(_is_dict, hooks.dict_hook)
    conv.register_structure_hook_factory(attrs.has, hooks.attrs_structure)
    conv.register_unstructure_hook_factory(attrs.has, hooks.attrs_unstructure)
    conv.register_unstructure_hook(tuple, list)
    conv.register_unstructure_hook(dt.date, lambda d: d)
    # The union of an answer's value: structured by its own strict hook.
    conv.register_structure_hook_func(lambda t: t == model.AnswerValue, _structure_answer_value)
    conv.register_structure_hook_func(lambda t: t == model.SectionOrId, lambda v, _: _structure_section_or_id(v, conv))
    choice_fields = hooks.attrs_structure(model.Choice)
    conv.register_structure_hook(model.Choice, lambda v, _: _structure_choice(v, choice_fields))
    conv.register_unstructure_hook(model.Choice, functools.partial(_unstructure_choice, defaults=defaults))


def make_converter(*, defaults: bool = False) -> cattrs.Converter:
    """A new converter configured by `configure_converter`.

    Examples:
        >>> make_converter().unstructure(model.Note(text="Hi"))
        {'text': 'Hi'}
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(conv, defaults=defaults)
    return conv


@functools.cache
def converter(defaults: bool = False) -> cattrs.Converter:
    """The shared converter, made on first use; with ``defaults``, the one that writes every field."""
    return make_converter(defaults=defaults)


def to_data(obj: model.Template | model.Conversation, *, defaults: bool = False) -> dict[str, Any]:
    """The plain data of a document, envelope first, in the file's key order.

    Fields at their defaults are left out, as files leave them out, unless ``defaults``: then every field is
    written (``null``, ``[]``, ``{}``, ``"shared"``, ``"open"``...), so a front end need not know the
    defaults. Dates stay ``datetime.date``; ``json.dumps(..., default=str)`` writes them ``YYYY-MM-DD``.

    Examples:
        >>> from careerconv import Action, Template
        >>> to_data(Template(name="mini", version="1.0.0", title="Mini"))
        {'kind': 'template', 'schema_version': 1, 'name': 'mini', 'version': '1.0.0', 'locale': 'en', 'title': 'Mini'}
        >>> converter(True).unstructure(Action(text="Mentor Kim"))
        {'id': None, 'text': 'Mentor Kim', 'owner': 'employee', 'due': None, 'status': 'open', 'agreed': None}
    """
    if not isinstance(obj, (model.Template, model.Conversation)):
        raise TypeError(f"expected a Template or a Conversation, got {type(obj).__name__}")
    kind = "template" if isinstance(obj, model.Template) else "conversation"
    return {"kind": kind, "schema_version": SCHEMA_VERSION, **converter(defaults).unstructure(obj)}


# ---------------------------------------------------------------------------------------------- problems


def problems_from(error: BaseException) -> Found:
    """Walk a structuring failure: yield ``(path, message, code, at_key)`` for each problem.

    ``at_key`` marks problems that point at a key (an unknown key) rather than at a value.
    """
    yield from _walk(error, ())


def _walk(error: BaseException, path: Path) -> Found:
    if isinstance(error, ClassValidationError):
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            if isinstance(sub, KeyError):
                yield Finding((*path, note.name), "missing required field", "missing-field")
            else:
                yield from _walk(sub, (*path, note.name))
        for sub in without:
            yield from _walk(sub, path)
    elif isinstance(error, IterableValidationError):
        iterable_notes, others = error.group_exceptions()
        for sub, iterable_note in iterable_notes:
            yield from _walk(sub, (*path, iterable_note.index))
        for sub in others:
            yield from _walk(sub, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(error.cl)]
        for key in sorted(error.extra_fields):
            yield Finding((*path, key), unknown_key_message(key, known), "unknown-key", at_key=True)
    elif isinstance(error, ConversionProblem):
        yield Finding(path, error.message, error.code)
    else:  # pragma: no cover - a hook raised something unexpected: still a problem, not a crash
        yield Finding(path, f"invalid value ({type(error).__name__})", "invalid")


def unknown_key_message(key: str, known: list[str]) -> str:
    """Say a key is unknown, with a suggestion when one is close.

    Examples:
        >>> unknown_key_message("titel", ["id", "title", "purpose"])
        "unknown key 'titel'; did you mean 'title'?"
    """
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key {shown(key)}; did you mean '{close[0]}'?"
    return f"unknown key {shown(key)}; expected one of: {', '.join(known)}"


# ------------------------------------------------------------------------------------ objects built in Python


def date_answers(record: model.Conversation, template: model.Template) -> model.Conversation:
    """``record`` with the answers to ``template``'s date questions as `datetime.date`, not text.

    Files write a date answer ``YYYY-MM-DD``; in Python it is a date, as every other date is. Which answers
    are dates only the template knows, so this runs once the record has passed its template's rules.

    Examples:
        >>> import careerconv
        >>> template = careerconv.Template(name="mini", version="1.0.0", title="Mini", sections=(
        ...     model.Section(id="s", title="S", questions=(model.Question(id="start", text="?", type="date"),)),))
        >>> record = careerconv.Conversation(id="r1", template=model.TemplateRef(name="mini"),
        ...     employee=model.Person(id="alex"), answers={"start": model.Answer(value="2027-03-01")})
        >>> date_answers(record, template).answers["start"].value
        datetime.date(2027, 3, 1)
    """
    changed = {}
    for question in template.iter_questions():
        answer = record.answers.get(question.id)
        if answer is not None and answer.value is not None:
            value = kind_of(question.type).from_file(answer.value)
            if value is not answer.value:
                changed[question.id] = attrs.evolve(answer, value=value)
    return attrs.evolve(record, answers={**record.answers, **changed}) if changed else record


def check_types(obj: model.Template | model.Conversation) -> Found:
    """Every value of an object built in Python whose Python type the model does not allow, with its path.

    The model's type hints say what each field holds; a ``str`` where a date or a [`Person`][careerconv.Person]
    belongs, a list where a tuple is typed, an unknown visibility are each one problem.

    Examples:
        >>> import attrs, careerconv
        >>> record = careerconv.Conversation(id="r1", template=model.TemplateRef(name="standard"),
        ...     employee=model.Person(id="alex"))
        >>> [found[:3] for found in check_types(attrs.evolve(record, employee="alex"))]
        [(('employee',), 'expected a Person, found str', 'wrong-type')]
    """
    if not _fits(obj, type(obj)):  # most objects are right: a quick yes first, then every problem with its path
        yield from _check_fields(obj, ())


def check_date_answers(record: model.Conversation, template: model.Template) -> Found:
    """An answer of a record built in Python to one of ``template``'s date questions that is not a date.

    Run on a record whose types `check_types` found right; files write such an answer ``YYYY-MM-DD``.

    Examples:
        >>> template = model.Template(name="mini", version="1.0.0", title="Mini", sections=(
        ...     model.Section(id="s", title="S", questions=(model.Question(id="start", text="?", type="date"),)),))
        >>> record = model.Conversation(id="r1", template=model.TemplateRef(name="mini"),
        ...     employee=model.Person(id="alex"), answers={"start": model.Answer(value="2027-03-01")})
        >>> [found.code for found in check_date_answers(record, template)]
        ['wrong-type']
    """
    for question in template.iter_questions():
        answer = record.answers.get(question.id)
        message = None if answer is None else kind_of(question.type).check_python(answer.value)
        if message is not None:
            yield Finding(("answers", question.id, "value"), message, "wrong-type")


_HINTS: dict[type[Any], tuple[tuple[str, Any], ...]] = {}


def _field_hints(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """Each field of ``cls`` a file may hold, with its type hint; read once per class."""
    found = _HINTS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _HINTS[cls] = tuple((f.name, hints[f.name]) for f in model.file_fields(cls))
    return found


def _check_fields(obj: Any, path: Path) -> Found:
    for name, hint in _field_hints(type(obj)):
        yield from _check_typed(getattr(obj, name), hint, (*path, name))


def _check_typed(value: Any, hint: Any, path: Path) -> Found:
    matched = _matching(value, hint)
    if matched is None:
        if get_origin(hint) is Literal and type(value) is str:
            yield Finding(path, f"expected one of: {', '.join(map(str, get_args(hint)))}", "invalid-choice")
        else:
            yield Finding(path, f"expected {_python_name(hint)}, found {type(value).__name__}", "wrong-type")
        return
    inside, args = _INSIDE.get(matched) or _inside(matched)
    if inside == "fields":
        yield from _check_fields(value, path)
    elif inside == "items":
        for index, item in enumerate(value):
            yield from _check_typed(item, args[0], (*path, index))
    elif inside == "values":
        key_type, value_type = args
        for key, item in value.items():
            if type(key) is not str:
                yield Finding(path, f"expected {_python_name(key_type)} keys, found {type(key).__name__}", "wrong-type")
            else:
                yield from _check_typed(item, value_type, (*path, key))


def _fits(value: Any, hint: Any) -> bool:
    """Whether ``_check_typed`` would find nothing: the same tests, with no path kept and no problem made."""
    matched = _matching(value, hint)
    if matched is None:
        return False
    inside, args = _INSIDE.get(matched) or _inside(matched)
    if inside == "fields":
        return all(_fits(getattr(value, name), field) for name, field in _field_hints(type(value)))
    if inside == "items":
        return all(_fits(item, args[0]) for item in value)
    if inside == "values":
        return all(type(key) is str and _fits(item, args[1]) for key, item in value.items())
    return True


def _alternatives(hint: Any) -> tuple[Any, ...]:
    return get_args(hint) if get_origin(hint) in (typing.Union, types.UnionType) else (hint,)


# How each type hint's alternatives are told apart, and what to look into once one matched: worked out once
# per hint (the model has a few dozen), as checking a record asks them thousands of times.
_NONE, _LITERAL, _EXACT = 0, 1, 2
_TESTS: dict[Any, tuple[tuple[int, Any, Any], ...]] = {}
_INSIDE: dict[Any, tuple[str, tuple[Any, ...]]] = {}


def _tests(hint: Any) -> tuple[tuple[int, Any, Any], ...]:
    tests: list[tuple[int, Any, Any]] = []
    for alternative in _alternatives(hint):
        origin = get_origin(alternative)
        if alternative is type(None):
            tests.append((_NONE, None, alternative))
        elif origin is Literal:
            tests.append((_LITERAL, frozenset(get_args(alternative)), alternative))
        else:  # a generic's origin, an attrs class or a plain type: the value's type exactly (a bool is no int)
            tests.append((_EXACT, origin if origin is not None else alternative, alternative))
    found = _TESTS[hint] = tuple(tests)
    return found


def _inside(matched: Any) -> tuple[str, tuple[Any, ...]]:
    origin = get_origin(matched)
    if attrs.has(matched):
        found = ("fields", ())
    elif origin is tuple:
        found = ("items", get_args(matched))
    elif origin is dict:
        found = ("values", get_args(matched))
    else:
        found = ("", ())
    _INSIDE[matched] = found
    return found


def _matching(value: Any, hint: Any) -> Any:
    """The alternative of ``hint`` that ``value``'s Python type is, or ``None``."""
    for test, key, alternative in _TESTS.get(hint) or _tests(hint):
        if test == _EXACT:
            if type(value) is key:
                return alternative
        elif test == _NONE:
            if value is None:
                return alternative
        elif type(value) is str and value in key:
            return alternative
    return None


def _python_name(hint: Any) -> str:
    names = []
    for alternative in _alternatives(hint):
        origin = get_origin(alternative)
        if alternative is type(None):
            names.append("None")
        elif origin is Literal:
            names.append("one of: " + ", ".join(map(str, get_args(alternative))))
        elif origin is tuple:
            names.append("a tuple")
        elif origin is dict:
            names.append("a dict")
        elif alternative is dt.date:
            names.append("a datetime.date")
        elif attrs.has(alternative):
            names.append(f"a {alternative.__name__}")
        else:
            names.append(alternative.__name__)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
