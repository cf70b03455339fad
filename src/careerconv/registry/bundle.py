"""careerconv's own templates, read from ``templates/``.

The entry points ``standard`` and ``moving-motivators`` in careerconv's ``pyproject.toml`` name the functions
here, so the bundled templates reach the registry as any plugin's templates do.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from careerconv.documents.core import _loads
from careerconv.errors import PluginError
from careerconv.formats.plain import SUFFIXES
from careerconv.model import Template

_PACKAGE = "careerconv"

#: The bundled templates' one home in a source checkout: the top-level ``templates/`` beside ``src/``. A wheel
#: carries it as the package data ``careerconv/templates/``; an editable install, which maps only ``src/``, reads it
#: here.
_CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def bundled(name: str) -> list[Template]:
    """The bundled templates called ``name``: ``templates/NAME.yaml`` and its translations ``NAME.LOCALE.yaml``.

    ``templates/`` is the package's own (a wheel's), else the source checkout's (an editable install's).

    Examples:
        >>> sorted(t.locale for t in bundled("standard"))
        ['en', 'es']
    """
    folder = importlib.resources.files(_PACKAGE) / "templates"
    if not folder.is_dir() and _CHECKOUT_TEMPLATES.is_dir():
        folder = _CHECKOUT_TEMPLATES
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: (e.name.count("."), e.name)):  # NAME.yaml first
        stem, _, suffix = entry.name.partition(".")
        if stem == name and entry.name.endswith(tuple(SUFFIXES)):
            fmt = "json" if suffix.endswith("json") else "yaml"
            document = _loads(entry.read_bytes(), fmt, f"careerconv/templates/{entry.name}", None, resolve=False)
            if not isinstance(document, Template):  # pragma: no cover - careerconv's own files are templates
                raise PluginError(f"bundled file {entry.name} is not a template")
            found.append(document)
    return found


def standard() -> list[Template]:
    """The bundled ``standard`` guide, every locale (the entry point ``standard`` names this).

    Examples:
        >>> [t.title for t in standard()]
        ['Career Conversations', 'Conversaciones de carrera']
    """
    return bundled("standard")


def moving_motivators() -> list[Template]:
    """The bundled ``moving-motivators`` template (the entry point ``moving-motivators`` names this).

    Examples:
        >>> len(moving_motivators()[0].motivations())
        10
    """
    return bundled("moving-motivators")
