"""The rules of a translation: the same template as its original, in other words.

A translation keeps the name, version, parameters and every id of its original, in order, and each
question's type, range and option ids; only its texts change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from careerconv.errors import Finding, Found
from careerconv.formats.plain import Path
from careerconv.rules.structure import to_data
from careerconv.rules.validation import template_ids

if TYPE_CHECKING:
    from careerconv.model import Template

__all__ = ["Text", "check_translation", "same_locale", "stale_places", "text_hash", "texts"]


def check_translation(original: Template, translation: Template) -> Found:
    """Compare a translation with its original: the same name, version, parameters and ids, in order.

    Each problem's path is in the translation; an id the translation lacks is reported at the section
    (or the ``sections``) where it belongs.

    Examples:
        >>> from careerconv import get_template
        >>> list(check_translation(get_template("standard"), get_template("standard", locale="es")))
        []
    """
    for field in ("name", "version"):
        if getattr(original, field) != getattr(translation, field):
            message = f"a translation has the {field} of its original, {getattr(original, field)}"
            yield Finding((field,), message, "translation-mismatch")
    if original.locale == translation.locale:
        yield Finding(
            ("locale",), f"a translation has a locale of its own, not {original.locale}", "translation-mismatch"
        )
    for name in sorted(set(original.parameters) ^ set(translation.parameters)):
        where = "the original" if name in original.parameters else "the translation only"
        yield Finding(("parameters",), f"parameter '{name}' is declared in {where}", "translation-coverage")
    ours = _layout(original)
    theirs = _layout(translation)
    our_items = [item for _, item in ours]
    their_items = {item for _, item in theirs}
    missing: dict[str, list[str]] = {}
    for kind, item_id in our_items:
        if (kind, item_id) not in their_items:
            missing.setdefault(kind, []).append(f"'{item_id}'")
    for kind, listed in missing.items():  # one problem per kind: problems at one path are listed once
        message = f"{kind} {listed[0]} of the original is missing"
        if len(listed) > 1:
            message = f"{kind}s {', '.join(listed)} of the original are missing"
        yield Finding(("sections",), message, "translation-coverage")
    for path, (kind, item_id) in theirs:
        if (kind, item_id) not in set(our_items):
            yield Finding(path, f"{kind} '{item_id}' is not in the original", "translation-coverage")
    yield from _check_translated_questions(original, translation, {item: path for path, item in theirs})
    if set(our_items) == their_items:
        for (path, item), (their_path, their_item) in zip(ours, theirs, strict=True):
            if (path, item) != (their_path, their_item):
                message = f"the original has {item[0]} '{item[1]}' here; keep the original's order"
                yield Finding(their_path, message, "translation-order")
                return


# What a translation keeps of each question: only its words change.
_KEPT = ("type", "required", "min", "max", "multiple")


def _check_translated_questions(original: Template, translation: Template, where: dict[tuple[str, str], Path]) -> Found:
    """Each question both have: the same type, range and option ids, in order (labels translate)."""
    theirs = {q.id: q for q in translation.iter_questions()}
    for question in original.iter_questions():
        their = theirs.get(question.id)
        path = where.get(("question", question.id))
        if their is None or path is None:
            continue  # a missing question is reported once, by the caller
        for field in _KEPT:
            if getattr(question, field) != getattr(their, field):
                message = f"question '{question.id}' has {field} {getattr(question, field)!r} in the original"
                yield Finding((*path, field), message, "translation-mismatch")
        if question.option_ids() != their.option_ids():
            expected = ", ".join(question.option_ids())
            message = f"question '{question.id}' keeps the original's option ids, in order: {expected}"
            yield Finding((*path, "options"), message, "translation-coverage")
        if len(question.labels) != len(their.labels):
            message = f"question '{question.id}' has {len(question.labels)} scale labels in the original"
            yield Finding((*path, "labels"), message, "translation-coverage")


def _layout(template: Template) -> list[tuple[Path, tuple[str, str]]]:
    """Every section, question and motivation as ``(path, (kind, id))``, in order."""
    found = []
    for path, value in template_ids(to_data(template)):
        kind = "section" if len(path) == 3 else "motivation" if path[-3] == "motivations" else "question"
        found.append((path[:-1], (kind, str(value))))
    return found


# ------------------------------------------------------------------------------------ translatable texts


class Text(NamedTuple):
    """One translatable text of a template: its place (made of ids), the text, and where a person finds it.

    ``place`` names the text by ids, not positions, so it survives reordering: ``title``,
    ``parameters.company.default``, ``sections.life-story.questions.career-so-far.text``,
    ``sections.what-you-seek.motivations.mastery.label``, ``...questions.Q.options.ID.label``. A question's
    prompts and scale labels have no ids: their place ends with their index (``...prompts.0``). ``path`` is
    where the text is in the template's plain data; ``where`` says it in words, for a translator.
    """

    place: str
    text: str
    path: tuple[str | int, ...]
    where: str


def text_hash(text: str) -> str:
    """A short hash of a text: what a translation records of each original text it was made from.

    Examples:
        >>> text_hash("Tell me about your career so far.")
        'a8d85c55'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def texts(data: Mapping[str, Any]) -> Iterator[Text]:
    """Every translatable text of a template's plain data (`to_data`, or a file's), in the file's order.

    Titles, the description, purposes, questions' texts, help, prompts and scale labels, option labels,
    motivations' labels and descriptions, and parameters' descriptions and defaults; an empty text has nothing
    to translate and is left out (a PO file's empty ``msgid`` is its header).

    Examples:
        >>> from careerconv import get_template, to_data
        >>> [t.place for t in texts(to_data(get_template("standard")))][:4]
        ['title', 'description', 'parameters.company.description', 'parameters.company.default']
    """
    yield from _fields(data, ("title", "description"), "", (), "the template")
    for name, parameter in _items(data.get("parameters")):
        if isinstance(parameter, Mapping):
            where = f"parameter '{name}'"
            yield from _fields(
                parameter, ("description", "default"), f"parameters.{name}.", ("parameters", name), where
            )
    for index, section in _entries(data.get("sections")):
        place, path, where = f"sections.{section['id']}.", ("sections", index), f"section '{section['id']}'"
        yield from _fields(section, ("title", "purpose"), place, path, where)
        yield from _questions(section, place, path, where)
        for number, motivation in _entries(section.get("motivations")):
            yield from _fields(
                motivation,
                ("label", "description"),
                f"{place}motivations.{motivation['id']}.",
                (*path, "motivations", number),
                f"{where}, motivation '{motivation['id']}'",
            )
        for number, stage in _entries(section.get("stages")):
            stage_place, stage_path = f"{place}stages.{stage['id']}.", (*path, "stages", number)
            stage_where = f"{where}, stage '{stage['id']}'"
            yield from _fields(stage, ("title", "purpose"), stage_place, stage_path, stage_where)
            yield from _questions(stage, stage_place, stage_path, stage_where)


def _questions(parent: Mapping[str, Any], place: str, path: tuple[str | int, ...], where: str) -> Iterator[Text]:
    for index, question in _entries(parent.get("questions")):
        q_place, q_path = f"{place}questions.{question['id']}.", (*path, "questions", index)
        q_where = f"{where}, question '{question['id']}'"
        yield from _fields(question, ("text", "help"), q_place, q_path, q_where)
        for key in ("prompts", "labels"):
            for number, text in enumerate(question.get(key) or ()):
                if isinstance(text, str) and text:
                    yield Text(
                        f"{q_place}{key}.{number}", text, (*q_path, key, number), f"{q_where}, {key[:-1]} {number + 1}"
                    )
        for number, option in enumerate(question.get("options") or ()):
            # An option written as plain text is both its id and its label.
            option_id, label = (option, option) if isinstance(option, str) else (option.get("id"), option.get("label"))
            if isinstance(label, str) and label:
                at = (*q_path, "options", number) if isinstance(option, str) else (*q_path, "options", number, "label")
                yield Text(f"{q_place}options.{option_id}.label", label, at, f"{q_where}, option '{option_id}'")


def _fields(
    data: Mapping[str, Any], keys: Sequence[str], place: str, path: tuple[str | int, ...], where: str
) -> Iterator[Text]:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value:  # an empty text has nothing to translate
            yield Text(place + key, value, (*path, key), where)


def _items(value: Any) -> Iterator[tuple[str, Any]]:
    yield from (value.items() if isinstance(value, Mapping) else ())


def _entries(value: Any) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for index, item in enumerate(value if isinstance(value, Sequence) and not isinstance(value, str) else ()):
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            yield index, item


def stale_places(original: Template, translation: Template) -> list[str]:
    """The places whose original text changed since the translation was made from it (a recorded hash differs).

    A translation made by ``careerconv translate import`` records, for each text, the hash of the original
    text it was made from (``translated_from``); a place it holds no hash for is not judged.

    Examples:
        >>> import attrs
        >>> from careerconv import get_template
        >>> english, spanish = get_template("standard"), get_template("standard", locale="es")
        >>> made = attrs.evolve(spanish, translated_from={"title": text_hash(english.title)})
        >>> stale_places(english, made), stale_places(attrs.evolve(english, title="Career talks"), made)
        ([], ['title'])
    """
    if not translation.translated_from:
        return []
    current = {text.place: text_hash(text.text) for text in texts(to_data(original))}
    return [place for place, made in translation.translated_from.items() if current.get(place, made) != made]


def same_locale(one: str, other: str) -> bool:
    """Whether two locale tags name the same locale: case and ``_`` or ``-`` aside (``es_MX`` is ``es-MX``).

    Examples:
        >>> same_locale("EN", "en"), same_locale("es_MX", "es-mx"), same_locale("es", "es-MX")
        (True, True, False)
    """
    return one.replace("_", "-").lower() == other.replace("_", "-").lower()
