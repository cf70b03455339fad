"""Finding templates by name, version and locale.

Templates come from four sources:

- **bundled**: careerconv's own templates, declared as entry points in careerconv's ``pyproject.toml``;
- **plugins**: the entry-point group ``careerconv.templates`` of any installed distribution;
- **folders**: ``.yaml``, ``.yml`` and ``.json`` template files in the folders given to :class:`Registry`
  and in ``CAREERCONV_TEMPLATE_PATH`` (a list separated by ``os.pathsep``);
- **registered**: templates added in code with :meth:`Registry.register`.

A name belongs to one source. Registering in code wins over everything. Otherwise the bundled template wins
over any other source, and a folder over a plugin, each with a :class:`~careerconv.errors.PluginWarning`; two
plugins claiming one name is an error naming both. ``CAREERCONV_BLOCK_PLUGINS`` (a comma-separated list of
entry-point or distribution names) and the ``block`` argument turn plugins off.

Entry points are read from installed metadata once per process, without importing anything; a plugin is
imported only when a template of its name is asked for. :func:`refresh_templates` reads them again.
"""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import importlib.resources
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from careerconv.documents.core import _loads, check, format_for, locate
from careerconv.errors import (
    CareerconvError,
    PluginError,
    PluginWarning,
    TemplateNotFoundError,
    ValidationError,
    warn,
)
from careerconv.formats.plain import SUFFIXES, problem, read_file, shown
from careerconv.model import Template, TemplateRef
from careerconv.rules.derive import parse_extends, resolve_data
from careerconv.rules.envelope import body
from careerconv.rules.params import with_params
from careerconv.rules.structure import converter, to_data
from careerconv.rules.translations import check_translation
from careerconv.rules.validation import LOCALE, LOCALE_MESSAGE, SEMVER

__all__ = [
    "BLOCK_VARIABLE",
    "GROUP",
    "PATH_VARIABLE",
    "Listing",
    "Registry",
    "bundled",
    "default_registry",
    "get_template",
    "list_templates",
    "moving_motivators",
    "refresh_templates",
    "resolve_template",
    "standard",
]

#: The entry-point group template plugins declare.
GROUP = "careerconv.templates"
#: Folders of template files, separated by ``os.pathsep``.
PATH_VARIABLE = "CAREERCONV_TEMPLATE_PATH"
#: Entry-point or distribution names of plugins to leave out, separated by commas.
BLOCK_VARIABLE = "CAREERCONV_BLOCK_PLUGINS"

_SELF = "careerconv"
_log = logging.getLogger("careerconv.registry")

Found = list[tuple[tuple[str | int, ...], str, str]]


def _version_key(version: str) -> tuple[int, int, int, int, str]:
    match = SEMVER.fullmatch(version)
    if not match:
        return (0, 0, 0, 0, version)
    major, minor, patch, rest = match.group("major", "minor", "patch", "rest")
    # A release sorts after its pre-releases (1.0.0 > 1.0.0-rc1).
    return (int(major), int(minor), int(patch), 0 if rest.startswith("-") else 1, rest)


def _matches(version: str, wanted: str) -> bool:
    """``wanted`` is a whole version, or a prefix of one: ``1`` or ``1.2``."""
    return version == wanted or version.startswith(wanted + ".")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ------------------------------------------------------------------------------------------- bundled


#: The bundled templates' one home in a source checkout: the top-level ``templates/`` beside ``src/``. A wheel
#: carries it as the package data ``careerconv/templates/``; an editable install, which maps only ``src/``, reads it
#: here.
_CHECKOUT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def bundled(name: str) -> list[Template]:
    """The bundled templates called ``name``: ``templates/NAME.yaml`` and its translations ``NAME.LOCALE.yaml``.

    ``templates/`` is the package's own (a wheel's), else the source checkout's (an editable install's).

    Examples:
        >>> sorted(t.locale for t in bundled("standard"))
        ['en', 'es']
    """
    folder = importlib.resources.files(_SELF) / "templates"
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


# ------------------------------------------------------------------------------------------- sources


@functools.cache
def _entry_points() -> tuple[importlib.metadata.EntryPoint, ...]:
    """Every entry point of the group, read from metadata once per process (:func:`refresh` reads again)."""
    return tuple(importlib.metadata.entry_points(group=GROUP))


def _distribution(entry_point: importlib.metadata.EntryPoint) -> tuple[str, str]:
    dist = entry_point.dist
    return (dist.name, dist.version) if dist is not None else ("an unknown distribution", "")


def _distribution_key(entry_point: importlib.metadata.EntryPoint) -> str:
    """The normalized name of an entry point's distribution, without reading its metadata file if possible.

    A distribution found on disk knows its name from its ``*.dist-info`` folder; reading ``METADATA`` for
    every installed plugin would cost most of a scan.
    """
    dist = entry_point.dist
    if dist is None:
        return ""
    quick = getattr(dist, "_normalized_name", None)
    return _normal(quick if isinstance(quick, str) and quick else dist.name)


def _describe(entry_point: importlib.metadata.EntryPoint) -> str:
    name, version = _distribution(entry_point)
    return f"entry point '{entry_point.name}' ({entry_point.value}) of {name} {version}".rstrip()


class _Source:
    """Where a name's templates come from, and how to load them."""

    def __init__(
        self, kind: str, label: str | importlib.metadata.EntryPoint, load: Callable[[], list[Template]]
    ) -> None:
        self.kind = kind  # bundled, plugin or folder
        self.label = label  # a plugin's label is read from its metadata only when shown
        self.load = load

    @functools.cached_property
    def where(self) -> str:
        """What ``careerconv templates`` shows: ``bundled``, ``plugin DIST VERSION``, ``folder DIR``."""
        if isinstance(self.label, str):
            return self.label
        return "plugin " + " ".join(_distribution(self.label))


@attrs.frozen(kw_only=True)
class Listing:
    """One name in the registry: where it comes from, and its templates or why it cannot be used.

    ``templates`` are the usable ones; a translation whose questions, options or motivations differ from its
    original's is in ``broken`` instead, with the first problem, located in its file.

    Examples:
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


# ------------------------------------------------------------------------------------------- registry


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
        self._use_entry_points = entry_points
        self._paths = [Path(p) for p in paths]
        self._block = {_normal(b) for b in block}
        if environment:
            self._paths += [Path(p) for p in os.environ.get(PATH_VARIABLE, "").split(os.pathsep) if p]
            self._block |= {_normal(b.strip()) for b in os.environ.get(BLOCK_VARIABLE, "").split(",") if b.strip()}
        self._lock = threading.RLock()
        self._sources: dict[str, _Source] | None = None
        self._registered: dict[str, list[Template]] = {}
        self._loaded: dict[str, list[Template]] = {}
        self._errors: dict[str, CareerconvError] = {}
        self._resolved: dict[int, tuple[Template, Template]] = {}
        self._translations: dict[str, dict[tuple[str, str], ValidationError]] = {}

    # -- sources ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Forget what was read and loaded: entry points, folders and plugins are read again on next use.

        Templates added with :meth:`register` stay.

        Examples:
            >>> registry = Registry()
            >>> registry.refresh()
            >>> registry.get("standard").name
            'standard'
        """
        with self._lock:
            _entry_points.cache_clear()
            self._sources = None
            self._loaded.clear()
            self._errors.clear()
            self._resolved.clear()
            self._translations.clear()

    def _scan(self) -> dict[str, _Source]:
        with self._lock:
            if self._sources is None:
                sources = self._scan_folders()
                for name, source in self._scan_entry_points().items():
                    mine = sources.get(name)
                    if mine is not None and source.kind == "bundled":
                        _warn(f"{mine.where} defines template '{name}', which careerconv bundles; the bundled one wins")
                    elif mine is not None:
                        _warn(f"{mine.where} defines template '{name}'; it wins over {source.where}")
                        continue
                    sources[name] = source
                self._sources = sources
                _log.debug("%d template names found", len(sources))
            return self._sources

    def _blocked(self, entry_point: importlib.metadata.EntryPoint) -> bool:
        return bool(self._block) and (
            _normal(entry_point.name) in self._block or _distribution_key(entry_point) in self._block
        )

    def _scan_entry_points(self) -> dict[str, _Source]:
        if not self._use_entry_points:
            return {}
        by_name: dict[str, dict[str, importlib.metadata.EntryPoint]] = {}
        for entry_point in _entry_points():
            dist = _distribution_key(entry_point)
            if dist == _SELF or not self._blocked(entry_point):
                # A distribution found twice on sys.path counts once.
                by_name.setdefault(entry_point.name, {}).setdefault(dist, entry_point)
        sources = {}
        for name, claims in by_name.items():
            own = claims.pop(_SELF, None)
            if own is not None:
                for other in claims.values():
                    plugin = " ".join(_distribution(other))
                    _warn(f"plugin {plugin} defines template '{name}', which careerconv bundles; the bundled one wins")
                sources[name] = _Source("bundled", "bundled", functools.partial(_load_entry_point, own))
            elif len(claims) > 1:
                both = " and ".join(" ".join(_distribution(ep)) for ep in claims.values())
                error = PluginError(f"template '{name}' is defined by two plugins, {both}; uninstall or block one")
                sources[name] = _Source("plugin", f"plugins {both}", functools.partial(_raise, error))
            else:
                (entry_point,) = claims.values()
                sources[name] = _Source("plugin", entry_point, functools.partial(_load_entry_point, entry_point))
        return sources

    def _scan_folders(self) -> dict[str, _Source]:
        files: dict[str, list[Template]] = {}
        broken: dict[str, tuple[Path, CareerconvError]] = {}
        for folder in self._paths:
            if not folder.is_dir():
                _warn(f"template folder {folder} does not exist")
                continue
            for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()):
                try:
                    document = _loads(read_file(path), format_for(path), str(path), self, resolve=False)
                except ValidationError as error:
                    broken[path.name.partition(".")[0]] = (path, error)
                    continue
                except OSError as error:
                    unreadable = CareerconvError(f"{path}: cannot read the file: {error.strerror}")
                    broken[path.name.partition(".")[0]] = (path, unreadable)
                    continue
                if not isinstance(document, Template):
                    wrong = CareerconvError(f"{path}: a template folder holds templates, not conversation records")
                    broken[path.name.partition(".")[0]] = (path, wrong)
                    continue
                files.setdefault(document.name, []).append(document)
        sources: dict[str, _Source] = {}
        for name, templates in files.items():
            where = "folder " + ", ".join(sorted({str(Path(t.source or "").parent) for t in templates}))
            sources[name] = _Source("folder", where, functools.partial(list, templates))
        for name, (path, reason) in broken.items():  # one broken file breaks its name: never silently left out
            sources[name] = _Source("folder", f"folder {path.parent}", functools.partial(_raise, reason))
        return sources

    # -- registering and loading -----------------------------------------------------------------------

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
                if not isinstance(item, Template):
                    raise TypeError(f"expected a Template, got {type(item).__name__}")
                kept = [t for t in self._registered.get(item.name, []) if _key(t) != _key(item)]
                self._registered[item.name] = [*kept, item]
                self._resolved.clear()
                self._translations.clear()

    def names(self) -> list[str]:
        """Every template name known, without importing any plugin.

        Examples:
            >>> Registry().names()
            ['moving-motivators', 'standard']
        """
        return sorted(set(self._scan()) | set(self._registered))

    def _templates(self, name: str) -> list[Template]:
        """Every version and locale of ``name`` as written (derived ones unresolved); raises if broken."""
        with self._lock:
            if name in self._registered:
                return self._registered[name]
            if name in self._errors:
                raise self._errors[name]
            if name not in self._loaded:
                source = self._scan().get(name)
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

    def _broken(self, name: str) -> dict[tuple[str, str], ValidationError]:
        """The translations of ``name`` that cannot be used, by ``(version, locale)``, with their problems.

        Each version's original is its ``en`` template (else the first one given); every other locale must
        have its sections, questions (with their types, ranges and option ids) and motivations, in order.
        """
        with self._lock:
            found = self._translations.get(name)
            if found is None:
                found = self._translations[name] = {}  # first: resolving a translation may look this name up
                try:
                    found.update(self._check_translations(self._templates(name)))
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
                    found = list(check_translation(self.resolve(original), self.resolve(translation)))
                except CareerconvError:
                    continue  # a derived template that does not resolve: reported when it is asked for
                if found:
                    if translation.extends is not None:  # the paths are the resolved template's: name the changes
                        found = [(("changes",), message, code) for _, message, code in found]
                    broken[_key(translation)] = _located(translation, found)
        return broken

    def _pick(self, name: str, version: str | None, locale: str | None) -> Template:
        candidates = self._templates(name)
        if not candidates:
            close = difflib.get_close_matches(name, self.names(), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise TemplateNotFoundError(f"no template named {shown(name)}{hint}")
        everything = candidates
        if version is not None:
            candidates = [t for t in candidates if _matches(t.version, version)]
            if not candidates:
                have = ", ".join(sorted({t.version for t in everything}, key=_version_key))
                raise TemplateNotFoundError(f"template '{name}' has no version {shown(version)}; it has {have}")
        best = max(_version_key(t.version) for t in candidates)
        picked = _pick_locale([t for t in candidates if _version_key(t.version) == best], locale)
        broken = self._broken(name).get(_key(picked))
        if broken is not None:
            raise broken
        return picked

    # -- resolving -------------------------------------------------------------------------------------

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
        no default left without a value, is a :class:`~careerconv.ValidationError`.

        Examples:
            >>> Registry().get("standard", version="1", locale="es-MX").locale
            'es'
            >>> Registry().get("standard", params={"company": "Acme"}).parameters["company"].default
            'Acme'
        """
        with self._lock:
            template = self.resolve(self._pick(name, version, locale))
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

        The resolved template knows where each question came from (:meth:`Template.origin`).

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
        return self._resolve(template, ())

    def _resolve(self, template: Template, chain: tuple[str, ...]) -> Template:
        if template.extends is None:
            return template
        with self._lock:
            cached = self._resolved.get(id(template))
            if cached is not None and cached[0] is template:
                return cached[1]
            data = to_data(template)
            result, origins, problems = self._derive(data, chain)
            if problems:
                raise _located(template, problems)
            assert result is not None
            whole = attrs.evolve(converter().structure(body(result), Template), source=template.source, origins=origins)
            self._resolved[id(template)] = (template, whole)
            return whole

    def derive(self, data: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, str], Found]:
        """Resolve a derived template's plain data: the result's data, its ids' origins, and the problems.

        Examples:
            >>> data = {"name": "acme", "version": "1.0.0", "extends": "nope", "title": "Acme", "changes": []}
            >>> Registry().derive(data)[2]
            [(('extends',), "no template named 'nope'", 'unknown-template')]
        """
        return self._derive(data, ())

    def _derive(
        self, data: dict[str, Any], chain: tuple[str, ...]
    ) -> tuple[dict[str, Any] | None, dict[str, str], Found]:
        parsed = parse_extends(str(data.get("extends")))
        if parsed is None:  # pragma: no cover - the shape check refuses it first
            return None, {}, [(("extends",), "not a template name", "invalid-extends")]
        name, version = parsed
        own_version = data.get("version")
        if name == data.get("name") and (
            version is None or (isinstance(own_version, str) and _matches(own_version, version))
        ):
            message = f"a template cannot extend itself: {name}@{own_version} extends {data.get('extends')}"
            return None, {}, [(("extends",), message, "extends-cycle")]
        chain = (*chain, f"{data.get('name')}@{data.get('version')}")
        try:
            raw = self._pick(name, version, data.get("locale") if isinstance(data.get("locale"), str) else None)
            label = f"{raw.name}@{raw.version}"
            if label in chain:
                cycle = " → ".join((*chain[chain.index(label) :], label))
                return None, {}, [(("extends",), f"templates extend each other in a cycle: {cycle}", "extends-cycle")]
            base = self._resolve(raw, chain)
        except TemplateNotFoundError as error:
            return None, {}, [(("extends",), str(error), "unknown-template")]
        except ValidationError as error:
            first = error.problems[0]
            code = first.code if first.code == "extends-cycle" else "broken-base"
            return None, {}, [(("extends",), f"the base template '{name}' cannot be used: {first.message}", code)]
        except CareerconvError as error:
            message = f"the base template '{name}' cannot be used: {str(error).splitlines()[0]}"
            return None, {}, [(("extends",), message, "broken-base")]
        return resolve_data(data, base, to_data(base))

    # -- listing ---------------------------------------------------------------------------------------

    def catalog(self) -> list[Listing]:
        """Every name with its source and templates, or the reason it cannot be used; loads every plugin.

        Examples:
            >>> [(row.name, row.source, len(row.templates)) for row in Registry().catalog()]
            [('moving-motivators', 'bundled', 1), ('standard', 'bundled', 2)]
        """
        rows = []
        sources = self._scan()
        for name in self.names():
            where = "registered" if name in self._registered else sources[name].where
            try:
                broken = self._broken(name)
                templates = tuple(self.resolve(t) for t in self._templates(name) if _key(t) not in broken)
            except CareerconvError as error:
                rows.append(Listing(name=name, source=where, error=_reason(error)))
                continue
            ordered = sorted(templates, key=lambda t: (_version_key(t.version), t.locale))
            reasons = tuple(
                (t.version, t.locale, _reason(broken[_key(t)])) for t in self._templates(name) if _key(t) in broken
            )
            rows.append(Listing(name=name, source=where, templates=tuple(ordered), broken=reasons))
        return rows

    def list(self) -> list[Template]:
        """Every version and locale of every usable template, sorted by name, version and locale.

        A name that cannot be used (a broken plugin) is left out with a :class:`~careerconv.errors.PluginWarning`;
        :meth:`catalog` says why.

        Examples:
            >>> [(t.name, t.locale) for t in Registry().list()]
            [('moving-motivators', 'en'), ('standard', 'en'), ('standard', 'es')]
        """
        found: list[Template] = []
        for row in self.catalog():
            if row.error is not None:
                _warn(f"template '{row.name}' left out: {row.error}")
            for version, locale, reason in row.broken:
                _warn(f"template '{row.name}' {version} locale {locale} left out: {reason}")
            found.extend(row.templates)
        return found


def _warn(message: str) -> None:
    warn(message, PluginWarning)


def _raise(error: CareerconvError) -> list[Template]:
    raise error


def _one_line(error: BaseException) -> str:
    """What went wrong, briefly: a located problem (and how many more), or the message as it is.

    A message of several lines stays whole; ``careerconv templates`` escapes its line breaks to keep one line.
    """
    if isinstance(error, ValidationError) and error.problems:
        more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        return f"{error.problems[0]}{more}"
    return str(error)


def _reason(error: CareerconvError) -> str:
    if isinstance(error, ValidationError):
        return f"invalid: {_one_line(error)}"
    return _one_line(error)


def _key(template: Template) -> tuple[str, str]:
    return (template.version, template.locale.lower())


def _check_unique(name: str, templates: list[Template], where: str) -> None:
    seen: set[tuple[str, str]] = set()
    for template in templates:
        if _key(template) in seen:
            message = f"{where}: template '{name}' version {template.version} locale {template.locale} is defined twice"
            raise PluginError(message)
        seen.add(_key(template))


def _located(template: Template, found: Found) -> ValidationError:
    """The problems of resolving ``template``, located in its file when it was read from one."""
    entries = [(path, message, code, False) for path, message, code in found]
    source = template.source
    if source is not None and Path(source).is_file():
        try:
            return locate(read_file(source), format_for(source), source, entries)
        except (OSError, ValueError):  # pragma: no cover - the file changed since it was read
            pass
    return ValidationError(problem(path, message, code, None, source) for path, message, code in found)


def _pick_locale(candidates: list[Template], locale: str | None) -> Template:
    """The candidate for ``locale``: the tag, then each shorter prefix (``es-MX`` → ``es``), then ``en``."""
    if locale is not None:
        wanted = locale.lower()
        if not LOCALE.fullmatch(wanted):
            raise TemplateNotFoundError(f"not a locale {shown(locale)}: {LOCALE_MESSAGE}")
        by_locale = {template.locale.lower(): template for template in reversed(candidates)}
        parts = wanted.split("-")
        for end in range(len(parts), 0, -1):
            found = by_locale.get("-".join(parts[:end]))
            if found is not None:
                return found
    for template in candidates:
        if template.locale == "en":
            return template
    return candidates[0]


def _templates_of(loaded: Any) -> list[Any] | None:
    """What a plugin gave as a list, or ``None`` when it gave neither a template nor an iterable."""
    if isinstance(loaded, Template):
        return [loaded]
    if isinstance(loaded, (str, bytes, Mapping)) or not isinstance(loaded, Iterable):
        return None
    return list(loaded)


def _load_entry_point(entry_point: importlib.metadata.EntryPoint) -> list[Template]:
    origin = _describe(entry_point)
    try:
        loaded: Any = entry_point.load()
        if callable(loaded) and not isinstance(loaded, Template):
            loaded = loaded()
        templates = _templates_of(loaded)
    except BaseException as error:  # sys.exit() or KeyboardInterrupt in a plugin breaks only the plugin
        raise PluginError(f"{origin}: {type(error).__name__}: {_one_line(error)}") from error
    if templates is None:
        raise PluginError(f"{origin}: expected a Template or an iterable of them, got {type(loaded).__name__}")
    wrong_type = sorted({type(t).__name__ for t in templates if not isinstance(t, Template)})
    if wrong_type or not templates:
        got = ", ".join(wrong_type) or "nothing"
        raise PluginError(f"{origin}: expected a Template or an iterable of them, got {got}")
    wrong = sorted({t.name for t in templates if t.name != entry_point.name})
    if wrong:
        raise PluginError(
            f"{origin}: returned templates named {', '.join(wrong)}; the entry point's name is the template's"
        )
    for template in templates:
        problems = check(template)
        if problems:
            lines = "; ".join(str(p) for p in problems[:3])
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise PluginError(f"{origin}: returned an invalid template: {lines}{more}")
    return templates


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
    _entry_points.cache_clear()
    default_registry.cache_clear()


def get_template(
    name: str,
    *,
    version: str | None = None,
    locale: str | None = None,
    params: Mapping[str, str] | None = None,
) -> Template:
    """The template ``name``, whole, from the default registry (see :meth:`Registry.get`).

    Examples:
        >>> import careerconv
        >>> careerconv.get_template("standard").sections[0].title
        'Life Story'
    """
    return default_registry().get(name, version=version, locale=locale, params=params)


def resolve_template(template: Template, *, params: Mapping[str, str] | None = None) -> Template:
    """A template read from a file, whole: a derived one resolved against the default registry.

    ``params`` become the parameters' values, as in :meth:`Registry.get`.

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
