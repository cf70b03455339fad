"""The templates of each name, as written: registered in code or loaded from their source, and checked.

`Catalog` loads a name's templates from its `Source` the first time
the name is asked for, and keeps them, or the error that stopped them. It checks each translation against its
original, keeps which ones cannot be used, and picks the template a version and a locale ask for.
"""

from __future__ import annotations

import difflib
import logging
import threading
from collections.abc import Callable

import attrs

from careerconv.errors import CareerconvError, Finding, PluginError, TemplateNotFoundError, ValidationError
from careerconv.formats.plain import shown
from careerconv.model import Template
from careerconv.registry.problems import located, reason
from careerconv.registry.sources import Sources
from careerconv.registry.versions import key, matches, pick_locale, version_key
from careerconv.rules.translations import check_translation

_log = logging.getLogger("careerconv.registry")


@attrs.frozen(kw_only=True)
class Listing:
    """One name in the registry: where it comes from, and its templates or why it cannot be used.

    ``templates`` are the usable ones; a translation whose questions, options or motivations differ from its
    original's is in ``broken`` instead, with the first problem, located in its file.

    Examples:
        >>> from careerconv.registry import Registry
        >>> listing = Registry().catalog()[0]
        >>> listing.name, listing.source, listing.error
        ('moving-motivators', 'bundled', None)
    """

    name: str
    source: str
    templates: tuple[Template, ...] = ()
    error: str | None = None
    #: Translations that cannot be used, as ``(version, locale, reason)``: their ids differ from the original's.
    broken: tuple[tuple[str, str, str], ...] = ()


class Catalog:
    """Every version and locale of each name, as written (derived templates unresolved), and their checks.

    Registered templates win over ``sources``. ``resolve`` makes a template whole, to check a translation
    against its original; it may ask this catalog for other names, under the same ``lock``.

    Examples:
        >>> from careerconv.registry.sources import Sources
        >>> lock = threading.RLock()
        >>> sources = Sources(entry_points=True, paths=(), block=(), environment=False, lock=lock)
        >>> catalog = Catalog(sources, resolve=lambda template: template, lock=lock)
        >>> catalog.pick("standard", "1", "es-MX").title
        'Conversaciones de carrera'
    """

    def __init__(self, sources: Sources, *, resolve: Callable[[Template], Template], lock: threading.RLock) -> None:
        """A catalog of ``sources``; nothing is loaded until a name is asked for."""
        self._sources = sources
        self._resolve = resolve
        self._lock = lock
        self._registered: dict[str, list[Template]] = {}
        self._loaded: dict[str, list[Template]] = {}
        self._errors: dict[str, CareerconvError] = {}
        self._translations: dict[str, dict[tuple[str, str], ValidationError]] = {}

    def refresh(self) -> None:
        """Forget what was loaded and checked; registered templates stay."""
        with self._lock:
            self._loaded.clear()
            self._errors.clear()
            self._translations.clear()

    def register(self, template: Template) -> None:
        """Add ``template``, replacing a registered one of its name, version and locale."""
        if not isinstance(template, Template):
            raise TypeError(f"expected a Template, got {type(template).__name__}")
        with self._lock:
            kept = [t for t in self._registered.get(template.name, []) if key(t) != key(template)]
            self._registered[template.name] = [*kept, template]
            self._translations.clear()

    def names(self) -> list[str]:
        """Every name known, without importing any plugin."""
        return sorted(set(self._sources.scan()) | set(self._registered))

    def where(self, name: str) -> str:
        """Where the templates of ``name`` come from, as ``careerconv templates`` shows it."""
        return "registered" if name in self._registered else self._sources.scan()[name].where

    def templates(self, name: str) -> list[Template]:
        """Every version and locale of ``name`` as written (derived ones unresolved); raises if broken."""
        with self._lock:
            if name in self._registered:
                return self._registered[name]
            if name in self._errors:
                raise self._errors[name]
            if name not in self._loaded:
                source = self._sources.scan().get(name)
                if source is None:
                    return []
                _log.debug("loading template %r from %s", name, source.where)
                try:
                    templates = source.load()
                    _check_unique(name, templates, source.where)
                except CareerconvError as error:
                    _log.warning("template %r cannot be used: %s", name, str(error).splitlines()[0])
                    self._errors[name] = error
                    raise
                self._loaded[name] = templates
            return self._loaded[name]

    def broken(self, name: str) -> dict[tuple[str, str], ValidationError]:
        """The translations of ``name`` that cannot be used, by ``(version, locale)``, with their problems.

        Each version's original is its ``en`` template (else the first one given); every other locale must
        have its sections, questions (with their types, ranges and option ids) and motivations, in order.
        """
        with self._lock:
            found = self._translations.get(name)
            if found is None:
                found = self._translations[name] = {}  # first: resolving a translation may look this name up
                try:
                    found.update(self._check_translations(self.templates(name)))
                except BaseException:
                    del self._translations[name]  # checked again next time, not taken for "none broken"
                    raise
            return found

    def _check_translations(self, templates: list[Template]) -> dict[tuple[str, str], ValidationError]:
        broken: dict[tuple[str, str], ValidationError] = {}
        by_version: dict[str, list[Template]] = {}
        for template in templates:
            by_version.setdefault(template.version, []).append(template)
        for versions in by_version.values():
            original = next((t for t in versions if t.locale == "en"), versions[0])
            for translation in versions:
                if translation is original:
                    continue
                try:
                    found = list(check_translation(self._resolve(original), self._resolve(translation)))
                except CareerconvError:
                    continue  # a derived template that does not resolve: reported when it is asked for
                if found:
                    if translation.extends is not None:  # the paths are the resolved template's: name the changes
                        found = [Finding(("changes",), f.message, f.code) for f in found]
                    broken[key(translation)] = located(translation, found)
        return broken

    def pick(self, name: str, version: str | None, locale: str | None) -> Template:
        """The template ``name`` as written: the highest version matching ``version``, in the best locale."""
        candidates = self.templates(name)
        if not candidates:
            close = difflib.get_close_matches(name, self.names(), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise TemplateNotFoundError(f"no template named {shown(name)}{hint}")
        everything = candidates
        if version is not None:
            candidates = [t for t in candidates if matches(t.version, version)]
            if not candidates:
                have = ", ".join(sorted({t.version for t in everything}, key=version_key))
                raise TemplateNotFoundError(f"template '{name}' has no version {shown(version)}; it has {have}")
        best = max(version_key(t.version) for t in candidates)
        picked = pick_locale([t for t in candidates if version_key(t.version) == best], locale)
        broken = self.broken(name).get(key(picked))
        if broken is not None:
            raise broken
        return picked

    def listing(self, name: str) -> Listing:
        """``name`` as ``careerconv templates`` lists it: its usable templates, resolved, or why there are none."""
        where = self.where(name)
        try:
            broken = self.broken(name)
            templates = tuple(self._resolve(t) for t in self.templates(name) if key(t) not in broken)
        except CareerconvError as error:
            return Listing(name=name, source=where, error=reason(error))
        ordered = sorted(templates, key=lambda t: (version_key(t.version), t.locale))
        reasons = tuple((t.version, t.locale, reason(broken[key(t)])) for t in self.templates(name) if key(t) in broken)
        return Listing(name=name, source=where, templates=tuple(ordered), broken=reasons)


def _check_unique(name: str, templates: list[Template], where: str) -> None:
    seen: set[tuple[str, str]] = set()
    for template in templates:
        if key(template) in seen:
            message = f"{where}: template '{name}' version {template.version} locale {template.locale} is defined twice"
            raise PluginError(message)
        seen.add(key(template))
