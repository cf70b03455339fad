"""The rules of a translation: the same template as its original, in other words.

A translation keeps the name, version, parameters and every id of its original, in order, and each
question's type, range and option ids; only its texts change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerconv.errors import Finding, Found
from careerconv.formats.plain import Path
from careerconv.rules.structure import to_data
from careerconv.rules.validation import template_ids

if TYPE_CHECKING:
    from careerconv.model import Template

__all__ = ["check_translation"]


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
