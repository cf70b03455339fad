"""What changed between two templates, and which answers of existing records it orphans."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from careerconv.formats.plain import json_path, shown
from careerconv.model import Conversation, Template
from careerconv.rules.privacy import Audience, redact
from careerconv.rules.validation import RECORD_ID

__all__ = ["Orphan", "TemplateDiff", "diff_templates"]

_COMPARED = {
    "section": ("title", "kind", "purpose", "duration_minutes"),
    "question": ("text", "type", "required", "help", "prompts", "min", "max", "labels", "options", "multiple"),
    "motivation": ("label", "description"),
}


@attrs.frozen(kw_only=True)
class Orphan:
    """An answer (or a ranked motivation) of a record whose id the new template no longer has.

    Examples:
        >>> str(Orphan(record="2026-11-26-alex", path="$.answers.dream-role"))
        '2026-11-26-alex: $.answers.dream-role'
    """

    record: str
    path: str

    def __str__(self) -> str:
        """``RECORD: $.answers.ID``."""
        return f"{self.record}: {self.path}"


@attrs.frozen(kw_only=True)
class TemplateDiff:
    """The ids two templates differ in: added, removed and changed (with the fields that changed).

    Each id is written ``kind id``, such as ``question on-call``. ``orphans`` are the answers of the given
    records that the new template no longer has a question (or motivation) for.

    Examples:
        >>> import attrs, careerconv
        >>> old = careerconv.get_template("standard")
        >>> new = attrs.evolve(old, sections=old.sections[1:])
        >>> found = diff_templates(old, new)
        >>> found.removed[:2]
        ('section life-story', 'question career-so-far')
    """

    old: str
    new: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    orphans: tuple[Orphan, ...] = ()

    def lines(self) -> list[str]:
        """The diff as text, one line an id, as ``careerconv diff`` prints it.

        Examples:
            >>> import careerconv
            >>> standard = careerconv.get_template("standard")
            >>> print("\\n".join(diff_templates(standard, standard).lines()))
            standard@1.0.0 -> standard@1.0.0: no changes
        """
        head = f"{self.old} -> {self.new}"
        if not (self.added or self.removed or self.changed or self.orphans):
            return [f"{head}: no changes"]
        lines = [head]
        lines += [f"added    {item}" for item in self.added]
        lines += [f"removed  {item}" for item in self.removed]
        lines += [f"changed  {item}: {', '.join(fields)}" for item, fields in self.changed]
        lines += [f"orphan   {orphan}" for orphan in self.orphans]
        return lines


def _items(template: Template) -> dict[str, tuple[str, str, Any]]:
    """Every id: ``(kind, where it is, the item)``."""
    found: dict[str, tuple[str, str, Any]] = {}
    for section in template.sections:
        found[section.id] = ("section", "", section)
        for question in section.questions:
            found[question.id] = ("question", section.id, question)
        for motivation in section.motivations:
            found[motivation.id] = ("motivation", section.id, motivation)
        for stage in section.stages:
            for question in stage.questions:
                found[question.id] = ("question", f"{section.id}/{stage.id}", question)
    return found


def diff_templates(
    old: Template, new: Template, records: Iterable[Conversation] = (), *, audience: Audience = "hr"
) -> TemplateDiff:
    """Compare two templates (whole, not derived), and find the answers of ``records`` that ``new`` orphans.

    The records are read as ``audience`` may read them (``hr`` by default): a private answer is listed as an
    orphan for ``manager`` only, so the list never shows that one exists. Record ids and answer keys that
    are not identifiers are not repeated (``(not shown: not an identifier)``).

    Examples:
        >>> import attrs, careerconv
        >>> old = careerconv.get_template("standard")
        >>> life, *rest = old.sections
        >>> new = attrs.evolve(old, version="2.0.0", sections=(attrs.evolve(life, title="Your story"), *rest[:-1]))
        >>> print("\\n".join(diff_templates(old, new).lines()[:3]))
        standard@1.0.0 -> standard@2.0.0
        removed  section one-thing
        removed  question goal-horizons
    """
    before, after = _items(old), _items(new)
    added = [f"{after[i][0]} {i}" for i in after if i not in before]
    removed = [f"{before[i][0]} {i}" for i in before if i not in after]
    changed = _changed(before, after)
    questions = {i for i, (kind, _, _) in after.items() if kind == "question"}
    motivations = {i for i, (kind, _, _) in after.items() if kind == "motivation"}
    orphans = [o for r in records for o in _orphans(redact(r, audience), questions, motivations)]
    return TemplateDiff(
        old=f"{old.name}@{old.version}",
        new=f"{new.name}@{new.version}",
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        orphans=tuple(orphans),
    )


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """Each item both templates have, with what changed of it: its kind, its compared fields, its place."""
    changed: list[tuple[str, tuple[str, ...]]] = []
    for item_id, (kind, where, item) in after.items():
        if item_id not in before:
            continue
        old_kind, old_where, old_item = before[item_id]
        if old_kind != kind:
            changed.append((f"{kind} {item_id}", (f"was a {old_kind}",)))
            continue
        fields = [f for f in _COMPARED[kind] if getattr(old_item, f) != getattr(item, f)]
        if where != old_where:
            fields.append(f"moved from {old_where} to {where}")
        if fields:
            changed.append((f"{kind} {item_id}", tuple(fields)))
    return changed


def _orphans(record: Conversation, questions: set[str], motivations: set[str]) -> list[Orphan]:
    """The answers and ranked motivations of one (redacted) record that the new template no longer has."""
    name = record.id if RECORD_ID.fullmatch(record.id) else shown(record.id)
    orphans = [
        Orphan(record=name, path=json_path(("answers", key)))
        for key, answer in record.answers.items()
        if key not in questions and answer.answered  # an empty answer loses nothing
    ]
    if record.motivations is not None:
        ranking = record.motivations.ranking
        orphans += [
            Orphan(record=name, path=f"$.motivations.ranking[{n}]")
            for n, m in enumerate(ranking)
            if m not in motivations
        ]
    return orphans
