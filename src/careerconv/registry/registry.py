"""The registry: one object that finds templates by name, version and locale, made of three parts.

- `Sources`: which source each name comes from (its scan);
- `Catalog`: each name's templates as written, loaded on first use, and
  which translations cannot be used;
- `Resolver`: derived templates made whole.

Each part keeps what it found until [`Registry.refresh`][careerconv.Registry.refresh]; the parts call one another
(checking a translation resolves it; resolving looks its base up), so they share the registry's one lock.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from careerconv.errors import TemplateNotFoundError
from careerconv.model import Template, TemplateRef
from careerconv.registry.catalog import Catalog, Listing
from careerconv.registry.problems import Found, warn_source
from careerconv.registry.resolution import Resolver
from careerconv.registry.sources import Sources, forget_entry_points
from careerconv.rules.params import with_params
from careerconv.rules.validation import SEMVER


class Registry:
    """Templates by name, version and locale, from every source.

    ``paths`` are folders of template files, searched before those in ``CAREERCONV_TEMPLATE_PATH``;
    ``block`` names plugins to leave out, with those in ``CAREERCONV_BLOCK_PLUGINS``. With
    ``environment=False`` the two variables are ignored; with ``entry_points=False`` neither the bundled
    templates nor plugins are used, so the registry knows only its folders and what is registered.

    Examples:
        >>> from careerconv import Template
        >>> registry = Registry(entry_points=False)
        >>> registry.register(Template(name="mini", version="1.2.0", title="Mini"))
        >>> registry.get("mini", version="1").version
        '1.2.0'
    """

    def __init__(
        self,
        *,
        entry_points: bool = True,
        paths: Iterable[str | os.PathLike[str]] = (),
        block: Iterable[str] = (),
        environment: bool = True,
    ) -> None:
        """Create a registry; nothing is read until a template is asked for."""
        self._lock = threading.RLock()
        self._sources = Sources(
            entry_points=entry_points, paths=paths, block=block, environment=environment, lock=self._lock
        )
        self._catalog = Catalog(self._sources, resolve=self.resolve, lock=self._lock)
        self._resolver = Resolver(self._catalog.pick, lock=self._lock)

    def refresh(self) -> None:
        """Forget what was read and loaded: entry points, folders and plugins are read again on next use.

        Templates added with [`register`][careerconv.Registry.register] stay.

        Examples:
            >>> registry = Registry()
            >>> registry.refresh()
            >>> registry.get("standard").name
            'standard'
        """
        with self._lock:
            self._sources.refresh()
            self._catalog.refresh()
            self._resolver.refresh()

    def register(self, template: Template | Iterable[Template]) -> None:
        """Add a template, or several (versions or locales of one name); code wins over every other source.

        A template with the name, version and locale of one already registered replaces it.

        Examples:
            >>> from careerconv import Template
            >>> registry = Registry(entry_points=False)
            >>> registry.register([Template(name="mini", version=v, title="Mini") for v in ("1.0.0", "2.0.0")])
            >>> registry.get("mini").version
            '2.0.0'
        """
        templates = [template] if isinstance(template, Template) else list(template)
        with self._lock:
            for item in templates:
                self._catalog.register(item)
                self._resolver.refresh()  # a registered template may be the base of a derived one

    def names(self) -> list[str]:
        """Every template name known, without importing any plugin.

        Examples:
            >>> Registry().names()
            ['moving-motivators', 'standard']
        """
        return self._catalog.names()

    def _templates(self, name: str) -> list[Template]:
        """Every version and locale of ``name`` as written (derived ones unresolved); raises if broken."""
        return self._catalog.templates(name)

    # -- looking up ------------------------------------------------------------------------------------

    def get(
        self,
        name: str,
        *,
        version: str | None = None,
        locale: str | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Template:
        """The template ``name``, whole: the highest version matching ``version``, in the best locale.

        ``version`` is exact (``1.0.0``) or a prefix (``1`` selects the highest 1.x). ``locale`` falls back
        from ``es-MX`` to ``es`` to ``en`` (or the first locale there is). A derived template comes back
        resolved. ``params`` become the parameters' values; one the template does not declare, or one with
        no default left without a value, is a [`ValidationError`][careerconv.ValidationError].

        Examples:
            >>> Registry().get("standard", version="1", locale="es-MX").locale
            'es'
            >>> Registry().get("standard", params={"company": "Acme"}).parameters["company"].default
            'Acme'
        """
        with self._lock:
            template = self.resolve(self._catalog.pick(name, version, locale))
        if params is None:
            return template
        return with_params(template, params)

    def pinned(self, ref: TemplateRef) -> Template:
        """The template a record names: its exact version when there is one, else the highest of its major.

        Examples:
            >>> from careerconv import TemplateRef
            >>> Registry().pinned(TemplateRef(name="standard", version="1.0.0", locale="es")).title
            'Conversaciones de carrera'
        """
        try:
            return self.get(ref.name, version=ref.version, locale=ref.locale)
        except TemplateNotFoundError:
            if ref.version is None or not SEMVER.fullmatch(ref.version):
                raise
            try:
                return self.get(ref.name, version=ref.version.partition(".")[0], locale=ref.locale)
            except TemplateNotFoundError:
                pass
            raise

    def resolve(self, template: Template) -> Template:
        """``template`` whole: a derived template's base looked up here and its changes applied.

        The resolved template knows where each question came from ([`Template.origin`][careerconv.Template.origin]).

        Examples:
            >>> import careerconv
            >>> derived = careerconv.loads('''
            ... kind: template
            ... schema_version: 1
            ... name: acme
            ... version: 1.0.0
            ... extends: standard@1
            ... title: Acme
            ... changes: [{add: {section: short-term, question: {id: on-call, text: "How is on-call?"}}}]
            ... ''')
            >>> whole = Registry().resolve(derived)
            >>> whole.origin("on-call"), whole.origin("career-so-far")
            ('acme@1.0.0', 'standard@1.0.0')
        """
        return self._resolver.resolve(template)

    def derive(self, data: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, str], Found]:
        """Resolve a derived template's plain data: the result's data, its ids' origins, and the problems.

        Examples:
            >>> data = {"name": "acme", "version": "1.0.0", "extends": "nope", "title": "Acme", "changes": []}
            >>> [(f.path, f.message, f.code) for f in Registry().derive(data)[2]]
            [(('extends',), "no template named 'nope'", 'unknown-template')]
        """
        return self._resolver.derive(data)

    # -- listing ---------------------------------------------------------------------------------------

    def catalog(self) -> list[Listing]:
        """Every name with its source and templates, or the reason it cannot be used; loads every plugin.

        Examples:
            >>> [(row.name, row.source, len(row.templates)) for row in Registry().catalog()]
            [('moving-motivators', 'bundled', 1), ('standard', 'bundled', 2)]
        """
        return [self._catalog.listing(name) for name in self.names()]

    def list(self) -> list[Template]:
        """Every version and locale of every usable template, sorted by name, version and locale.

        A name that cannot be used (a broken plugin) is left out with a [`PluginWarning`][careerconv.PluginWarning];
        [`catalog`][careerconv.Registry.catalog] says why.

        Examples:
            >>> [(t.name, t.locale) for t in Registry().list()]
            [('moving-motivators', 'en'), ('standard', 'en'), ('standard', 'es')]
        """
        found: list[Template] = []
        for row in self.catalog():
            if row.error is not None:
                warn_source(f"template '{row.name}' left out: {row.error}")
            for version, locale, reason in row.broken:
                warn_source(f"template '{row.name}' {version} locale {locale} left out: {reason}")
            found.extend(row.templates)
        return found


@functools.cache
def default_registry() -> Registry:
    """The registry behind the module-level functions.

    Examples:
        >>> default_registry() is default_registry()
        True
    """
    return Registry()


def refresh_templates() -> None:
    """Read entry points, folders and the environment again, in a new default registry.

    Examples:
        >>> import careerconv
        >>> before = default_registry()
        >>> careerconv.refresh_templates()
        >>> default_registry() is before
        False
    """
    forget_entry_points()
    default_registry.cache_clear()


def get_template(
    name: str,
    *,
    version: str | None = None,
    locale: str | None = None,
    params: Mapping[str, str] | None = None,
) -> Template:
    """The template ``name``, whole, from the default registry (see [`Registry.get`][careerconv.Registry.get]).

    Examples:
        >>> import careerconv
        >>> careerconv.get_template("standard").sections[0].title
        'Life Story'
    """
    return default_registry().get(name, version=version, locale=locale, params=params)


def resolve_template(template: Template, *, params: Mapping[str, str] | None = None) -> Template:
    """A template read from a file, whole: a derived one resolved against the default registry.

    ``params`` become the parameters' values, as in [`Registry.get`][careerconv.Registry.get].

    Examples:
        >>> import careerconv
        >>> derived = careerconv.Template(name="acme", version="1.0.0", extends="standard", title="Acme")
        >>> careerconv.resolve_template(derived, params={"company": "Acme"}).sections[0].id
        'life-story'
    """
    whole = default_registry().resolve(template)
    if params is None:
        return whole
    return with_params(whole, params)


def list_templates() -> list[Template]:
    """Every usable template, every version and locale, from the default registry.

    Examples:
        >>> import careerconv
        >>> sorted({t.name for t in careerconv.list_templates()})
        ['moving-motivators', 'standard']
    """
    return default_registry().list()
