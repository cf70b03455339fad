"""Acme's career conversation, as a careerconv template plugin."""

from __future__ import annotations

from pathlib import Path

import careerconv

TEMPLATES = Path(__file__).parent / "templates"


def templates() -> list[careerconv.Template]:
    """Every locale of ``acme-career``: the files ``acme-career.yaml`` and ``acme-career.LOCALE.yaml``.

    ``careerconv.load`` checks each file, so a mistake is reported with its file, line and column.
    """
    found = []
    for path in sorted(TEMPLATES.glob("acme-career*.yaml")):
        template = careerconv.load(path)
        if not isinstance(template, careerconv.Template):
            raise TypeError(f"{path.name} is a conversation record, not a template")
        found.append(template)
    return found


def standard_translations() -> list[careerconv.Template]:
    """Acme's French translation of careerconv's bundled ``standard`` guide: ``standard.fr.yaml``.

    It was made by translators in a PO file (``translations/standard.fr.po``) and written by
    ``careerconv translate import``; careerconv adds it to the bundled guide, which stays the original.
    """
    template = careerconv.load(TEMPLATES / "standard.fr.yaml")
    if not isinstance(template, careerconv.Template):
        raise TypeError("standard.fr.yaml is a conversation record, not a template")
    return [template]
