"""Audiences: who may read what. Every output careerconv makes of a record passes through [`redact`][careerconv.redact].

- ``manager`` sees everything;
- ``employee`` and ``hr`` see only ``shared`` content: private answers and private notes are removed, not
  masked, so not even their number shows.

The default audience everywhere is ``employee``, the most restricted one: a private note reaches a reader
only when the code asks for ``manager`` by name.
"""

from __future__ import annotations

from typing import Literal, TypeAlias, cast

import attrs

from careerconv.errors import check_choice
from careerconv.model import Conversation

__all__ = ["AUDIENCES", "Audience", "check_audience", "redact"]

Audience: TypeAlias = Literal["employee", "hr", "manager"]
#: Every audience, from the most to the least restricted.
AUDIENCES: tuple[Audience, ...] = ("employee", "hr", "manager")


def check_audience(audience: str) -> Audience:
    """``audience`` if careerconv knows it; else a ``ValueError`` naming the ones it knows.

    Examples:
        >>> check_audience("hr")
        'hr'
    """
    check_choice("audience", audience, AUDIENCES)
    return cast("Audience", audience)


def redact(conversation: Conversation, audience: Audience = "employee") -> Conversation:
    """The record as ``audience`` may read it: for ``employee`` and ``hr``, without private content.

    Examples:
        >>> from careerconv import Answer, Conversation, Note, Person, TemplateRef
        >>> record = Conversation(
        ...     id="r1", template=TemplateRef(name="standard"), employee=Person(id="alex"),
        ...     answers={"team": Answer(text="Fine"), "staying": Answer(text="Unsure", visibility="private")},
        ...     notes=(Note(text="Worried", visibility="private"),))
        >>> shared = redact(record, "employee")
        >>> list(shared.answers), shared.notes
        (['team'], ())
        >>> redact(record, "manager") is record
        True
    """
    if check_audience(audience) == "manager":
        return conversation
    answers = {key: answer for key, answer in conversation.answers.items() if answer.visibility == "shared"}
    notes = tuple(note for note in conversation.notes if note.visibility == "shared")
    return attrs.evolve(conversation, answers=answers, notes=notes)
