"""Finding templates by name, version and locale.

Templates come from the entry-point group ``careerconv.templates`` (careerconv's own bundled templates
register there too) and from :meth:`Registry.register`. Entry points are listed from metadata without
importing anything; a plugin is loaded only when a template of its name is asked for.
"""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import importlib.resources
import re
from collections.abc import Iterable
from typing import Any

from careerconv.errors import PluginError, TemplateNotFoundError
from careerconv.model import Template

__all__ = ["GROUP", "Registry", "bundled_templates", "default_registry", "get_template", "list_templates"]

#: The entry-point group template plugins declare.
GROUP = "careerconv.templates"

_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)(.*)")


def _version_key(version: str) -> tuple[int, int, int, int, str]:
    match = _VERSION.fullmatch(version)
    if not match:
        return (0, 0, 0, 0, version)
    major, minor, patch, rest = match.groups()
    # A release sorts after its pre-releases (1.0.0 > 1.0.0-rc1).
    return (int(major), int(minor), int(patch), 0 if rest.startswith("-") else 1, rest)


def _matches(version: str, wanted: str) -> bool:
    """``wanted`` is a whole version, or a prefix of one: ``1`` or ``1.2``."""
    return version == wanted or version.startswith(wanted + ".")


def bundled_templates() -> list[Template]:
    """The templates that ship with careerconv, read from its ``templates`` folder.

    Examples:
        >>> sorted({t.name for t in bundled_templates()})
        ['standard']
    """
    from careerconv.documents import loads  # noqa: PLC0415 - documents imports the registry

    folder = importlib.resources.files("careerconv") / "templates"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            document = loads(entry.read_bytes(), source=f"careerconv/templates/{entry.name}")
            if not isinstance(document, Template):
                raise PluginError(f"bundled file {entry.name} is not a template")
            found.append(document)
    return found


class Registry:
    """Templates by name, version and locale, from entry points and from :meth:`register`.

    Examples:
        >>> from careerconv import Template
        >>> registry = Registry(entry_points=False)
        >>> registry.register(Template(name="mini", version="1.2.0", title="Mini"))
        >>> registry.get("mini", version="1").version
        '1.2.0'
    """

    def __init__(self, *, entry_points: bool = True) -> None:
        """Create a registry; with ``entry_points=False`` it knows only what is registered."""
        self._use_entry_points = entry_points
        self._entry_points: dict[str, importlib.metadata.EntryPoint] | None = None
        self._loaded: dict[str, list[Template]] = {}

    def _scan(self) -> dict[str, importlib.metadata.EntryPoint]:
        if self._entry_points is None:
            found = importlib.metadata.entry_points(group=GROUP) if self._use_entry_points else ()
            self._entry_points = {ep.name: ep for ep in found}
        return self._entry_points

    def register(self, template: Template | Iterable[Template]) -> None:
        """Add a template, or several (versions or locales of one name).

        Examples:
            >>> from careerconv import Template
            >>> registry = Registry(entry_points=False)
            >>> registry.register([Template(name="mini", version=v, title="Mini") for v in ("1.0.0", "2.0.0")])
            >>> registry.get("mini").version
            '2.0.0'
        """
        templates = [template] if isinstance(template, Template) else list(template)
        for item in templates:
            self._loaded.setdefault(item.name, []).append(item)

    def names(self) -> list[str]:
        """Every template name known, without loading any plugin.

        Examples:
            >>> "standard" in Registry().names()
            True
        """
        return sorted(set(self._scan()) | set(self._loaded))

    def _load(self, name: str) -> list[Template]:
        entry_point = self._scan().get(name)
        if entry_point is not None and name not in self._loaded:
            self.register(_load_entry_point(entry_point))
        return self._loaded.get(name, [])

    def get(self, name: str, *, version: str | None = None, locale: str | None = None) -> Template:
        """The template ``name``: the highest version matching ``version``, in the best locale.

        ``version`` is exact (``1.0.0``) or a prefix (``1`` selects the highest 1.x). ``locale`` falls back
        from ``es-MX`` to ``es`` to the template's first locale (``en`` for the bundled ones).

        Examples:
            >>> Registry().get("standard", version="1").title
            'Career Conversations'
        """
        candidates = self._load(name)
        if not candidates:
            close = difflib.get_close_matches(name, self.names(), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise TemplateNotFoundError(f"no template named '{name}'{hint}")
        if version is not None:
            candidates = [t for t in candidates if _matches(t.version, version)]
            if not candidates:
                have = ", ".join(sorted({t.version for t in self._loaded[name]}, key=_version_key))
                raise TemplateNotFoundError(f"template '{name}' has no version {version}; it has {have}")
        best = max(_version_key(t.version) for t in candidates)
        candidates = [t for t in candidates if _version_key(t.version) == best]
        return _pick_locale(candidates, locale)

    def list(self) -> list[Template]:
        """Every version and locale of every template, loading every plugin, sorted by name and version.

        Examples:
            >>> [(t.name, t.locale) for t in Registry().list()][:1]
            [('standard', 'en')]
        """
        for name in self.names():
            self._load(name)
        everything = [t for templates in self._loaded.values() for t in templates]
        return sorted(everything, key=lambda t: (t.name, _version_key(t.version), t.locale))


def _pick_locale(candidates: list[Template], locale: str | None) -> Template:
    if locale is not None:
        wanted = locale.lower()
        while wanted:
            for template in candidates:
                if template.locale.lower() == wanted:
                    return template
            wanted = wanted.rpartition("-")[0]
    for template in candidates:
        if template.locale == "en":
            return template
    return candidates[0]


def _load_entry_point(entry_point: importlib.metadata.EntryPoint) -> list[Template]:
    dist = entry_point.dist
    origin = f"entry point '{entry_point.name}' ({entry_point.value})"
    if dist is not None:
        origin += f" of {dist.name} {dist.version}"
    try:
        loaded: Any = entry_point.load()
        if callable(loaded) and not isinstance(loaded, Template):
            loaded = loaded()
    except Exception as error:
        raise PluginError(f"{origin}: {type(error).__name__}: {error}") from error
    templates = [loaded] if isinstance(loaded, Template) else loaded
    if not isinstance(templates, Iterable) or not all(isinstance(t, Template) for t in templates):
        raise PluginError(f"{origin}: expected a Template or templates, got {type(loaded).__name__}")
    templates = list(templates)
    wrong = [t.name for t in templates if t.name != entry_point.name]
    if wrong:
        raise PluginError(f"{origin}: returned templates named {', '.join(sorted(set(wrong)))}")
    return templates


@functools.cache
def default_registry() -> Registry:
    """The registry behind the module-level functions.

    Examples:
        >>> default_registry() is default_registry()
        True
    """
    return Registry()


def get_template(name: str, *, version: str | None = None, locale: str | None = None) -> Template:
    """The registered template ``name``, from the default registry.

    Examples:
        >>> import careerconv
        >>> careerconv.get_template("standard").sections[0].title
        'Life Story'
    """
    return default_registry().get(name, version=version, locale=locale)


def list_templates() -> list[Template]:
    """Every registered template, every version and locale, from the default registry.

    Examples:
        >>> import careerconv
        >>> [t.name for t in careerconv.list_templates()]
        ['standard']
    """
    return default_registry().list()
