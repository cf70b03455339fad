"""The templates of each name, as written: registered in code or loaded from their source, and checked.

`Catalog` loads a name's templates from its `Source` the first time
the name is asked for, and keeps them, or the error that stopped them. It checks each translation against its
original, keeps which ones cannot be used, and picks the template a version and a locale ask for.

The translations other sources add to a name (`Source.others`) join its templates: a folder's with the
owner's, a plugin's only when a locale the owner's version lacks is asked for, or when the name is listed, so
a plugin that lost its name is not imported for what the owner ships.
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
from careerconv.registry.problems import located, reason, warn_source
from careerconv.registry.sources import Source, Sources, added_translations
from careerconv.registry.versions import key, matches, pick_locale, version_key
from careerconv.rules.translations import check_translation, stale_places

_log = logging.getLogger("careerconv.registry")


@attrs.frozen(kw_only=True)
class Listing:
    """One name in the registry: where it comes from, and its templates or why it cannot be used.

    ``templates`` are the usable ones; a translation whose questions, options or motivations differ from its
    original's is in ``broken`` instead, with the first problem, located in its file. ``translations`` are
    those another source adds to the name's own templates (usable or broken), with that source.

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
    #: Translations another source adds, as ``(version, locale, where)``: ``folder DIR`` or ``plugin DIST VERSION``.
    translations: tuple[tuple[str, str, str], ...] = ()
    #: Usable translations made from an earlier wording of their original, as ``(version, locale, places)``:
    #: the places (``sections.life-story.title``) whose original text changed since (``translation-stale``).
    stale: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


class Catalog:
    """Every version and locale of each name, as written (derived templates unresolved), and their checks.

    Registered templates win over ``sources``. ``resolve`` makes a template whole, to check a translation
    against its original; it may ask this catalog for other names, under the same ``lock``. The translations
    other sources add join a name's templates: a folder's at once, a plugin's when it is needed.

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
        #: The translations other sources added to each name loaded: ``(version, locale)`` to their source.
        self._added: dict[str, dict[tuple[str, str], str]] = {}
        #: The plugins that lost each name loaded and may add translations to it, not imported yet.
        self._waiting: dict[str, list[Source]] = {}

    def refresh(self) -> None:
        """Forget what was loaded and checked; registered templates stay."""
        with self._lock:
            self._loaded.clear()
            self._errors.clear()
            self._translations.clear()
            self._added.clear()
            self._waiting.clear()

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
        """Every version and locale of ``name`` as written (derived ones unresolved); raises if broken.

        The translations folders add are there; those of plugins that lost the name only once `everything`
        has loaded them.
        """
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
                self._added[name] = {}
                self._waiting[name] = [other for other in source.others if other.kind != "folder"]
                self._add(name, source, [other for other in source.others if other.kind == "folder"])
            return self._loaded[name]

    def everything(self, name: str) -> list[Template]:
        """Every version and locale of ``name``, with the translations of the plugins that lost it: imported now."""
        with self._lock:
            templates = self.templates(name)
            waiting = self._waiting.pop(name, None)
            if not waiting or name in self._registered:
                return templates
            _log.debug("loading translations of template %r from %d other sources", name, len(waiting))
            self._add(name, self._sources.scan()[name], waiting)
            return self._loaded[name]

    def _add(self, name: str, owner: Source, others: list[Source]) -> None:
        """Add to the templates of ``name`` the translations ``others`` give; one that fails is left out."""
        owned = [t for t in self._loaded[name] if key(t) not in self._added[name]]
        for other in others:
            try:
                offered = other.load()
                _check_unique(name, offered, other.where)
            except CareerconvError as error:
                warn_source(f"template '{name}' from {other.where} left out: {reason(error)}")
                continue
            added = added_translations(name, owner, owned, self._added[name], other.where, offered)
            self._loaded[name] = [*self._loaded[name], *added]
        self._translations.pop(name, None)  # checked again, with the translations added

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
                    found.update(self._check_translations(self.templates(name), self._added.get(name, {})))
                except BaseException:
                    del self._translations[name]  # checked again next time, not taken for "none broken"
                    raise
            return found

    def _check_translations(
        self, templates: list[Template], added: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], ValidationError]:
        broken: dict[tuple[str, str], ValidationError] = {}
        by_version: dict[str, list[Template]] = {}
        for template in templates:
            by_version.setdefault(template.version, []).append(template)
        for versions in by_version.values():
            # The owner's: the translations another source adds come after it, and are never the original.
            original = _original(versions, added)
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
        """The template ``name`` as written: the highest version matching ``version``, in the best locale.

        When that version lacks ``locale`` itself, the plugins that lost the name are loaded first: one of
        them may add it.
        """
        picked = self._choose(name, self.templates(name), version, locale)
        if locale is not None and picked.locale.lower() != locale.lower() and self._waiting.get(name):
            picked = self._choose(name, self.everything(name), version, locale)
        broken = self.broken(name).get(key(picked))
        if broken is not None:
            raise broken
        return picked

    def _choose(self, name: str, candidates: list[Template], version: str | None, locale: str | None) -> Template:
        """The highest version of ``candidates`` matching ``version``, in the best locale."""
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
        return pick_locale([t for t in candidates if version_key(t.version) == best], locale)

    def listing(self, name: str) -> Listing:
        """``name`` as ``careerconv templates`` lists it: its usable templates, resolved, or why there are none.

        Plugins that lost the name are loaded, for the translations they add.
        """
        where = self.where(name)
        try:
            everything = self.everything(name)
            broken = self.broken(name)
            templates = tuple(self._resolve(t) for t in everything if key(t) not in broken)
        except CareerconvError as error:
            return Listing(name=name, source=where, error=reason(error))
        ordered = sorted(templates, key=lambda t: (version_key(t.version), t.locale))
        reasons = tuple((t.version, t.locale, reason(broken[key(t)])) for t in everything if key(t) in broken)
        added = {} if name in self._registered else self._added.get(name, {})
        translations = tuple(
            (t.version, t.locale, added[key(t)])
            for t in sorted(everything, key=lambda t: (version_key(t.version), t.locale))
            if key(t) in added
        )
        return Listing(
            name=name,
            source=where,
            templates=tuple(ordered),
            broken=reasons,
            translations=translations,
            stale=_stale(ordered, added),
        )


def _original(versions: list[Template], added: dict[tuple[str, str], str]) -> Template:
    """A version's original: its ``en`` template of the owner's (never one another source adds), else the first."""
    return next((t for t in versions if t.locale == "en" and key(t) not in added), versions[0])


def _stale(
    templates: list[Template], added: dict[tuple[str, str], str]
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The usable translations (resolved) whose original reworded a text they recorded: ``translation-stale``."""
    by_version: dict[str, list[Template]] = {}
    for template in templates:
        by_version.setdefault(template.version, []).append(template)
    found = []
    for versions in by_version.values():
        original = _original(versions, added)
        for translation in versions:
            places = () if translation is original else tuple(stale_places(original, translation))
            if places:
                _log.warning(
                    "template %s %s (%s) was translated from an earlier text of the original at %d places",
                    translation.name,
                    translation.version,
                    translation.locale,
                    len(places),
                )
                found.append((translation.version, translation.locale, places))
    return tuple(found)


def _check_unique(name: str, templates: list[Template], where: str) -> None:
    seen: set[tuple[str, str]] = set()
    for template in templates:
        if key(template) in seen:
            message = f"{where}: template '{name}' version {template.version} locale {template.locale} is defined twice"
            raise PluginError(message)
        seen.add(key(template))
