"""Where each template name comes from: the bundled templates, plugins' entry points, and folders of files.

`Sources` scans them once (entry points from installed metadata, without importing anything), settles
which one source each name belongs to, and keeps the result until `Sources.refresh`. A `Source`
loads its templates only when they are asked for: a plugin is imported then, not before.

A source that loses a name to another may still add translations to the owner's templates
(`added_translations`): a folder's are sorted out at once, a plugin's when it is loaded.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from careerconv.documents.core import _loads, check, format_for
from careerconv.errors import CareerconvError, PluginError, ValidationError
from careerconv.formats.plain import SUFFIXES, read_file
from careerconv.model import Template
from careerconv.registry.problems import one_line, reason, warn_source
from careerconv.registry.versions import key

#: The entry-point group template plugins declare.
GROUP = "careerconv.templates"
#: Folders of template files, separated by ``os.pathsep``.
PATH_VARIABLE = "CAREERCONV_TEMPLATE_PATH"
#: Entry-point or distribution names of plugins to leave out, separated by commas.
BLOCK_VARIABLE = "CAREERCONV_BLOCK_PLUGINS"

#: careerconv's own distribution: its entry points are the bundled templates.
_SELF = "careerconv"
_log = logging.getLogger("careerconv.registry")


class Source:
    """Where a name's templates come from, how to load them, and the sources that lost the name to it."""

    def __init__(
        self,
        kind: str,
        label: str | importlib.metadata.EntryPoint,
        load: Callable[[], list[Template]],
        others: Iterable[Source] = (),
    ) -> None:
        """A source of ``kind`` ``bundled``, ``plugin`` or ``folder``; a plugin's label is its entry point.

        ``others`` lost the name to this source and may add translations to its templates (see
        `added_translations`): folders with only those translations, then plugins, not imported yet.
        """
        self.kind = kind  # bundled, plugin or folder
        self.label = label  # a plugin's label is read from its metadata only when shown
        self.load = load
        self.others = tuple(others)

    @functools.cached_property
    def where(self) -> str:
        """What ``careerconv templates`` shows: ``bundled``, ``plugin DIST VERSION``, ``folder DIR``."""
        if isinstance(self.label, str):
            return self.label
        return "plugin " + " ".join(_distribution(self.label))


class Sources:
    """Every template name of the bundled templates, plugins and folders, each with its one source.

    Folders win over plugins, the bundled templates over both; two plugins claiming one name make a source
    that raises a [`PluginError`][careerconv.PluginError] naming both. Blocked plugins are left out. A source
    that loses a name keeps only the translations it adds (`Source.others`): a folder's templates are sorted
    out at once, each one left out with a [`PluginWarning`][careerconv.PluginWarning]; a plugin's when it is
    loaded, since only importing it tells what it holds.

    Examples:
        >>> sources = Sources(entry_points=True, paths=(), block=(), environment=False, lock=threading.RLock())
        >>> sorted(sources.scan()), sources.scan()["standard"].where
        (['moving-motivators', 'standard'], 'bundled')
    """

    def __init__(
        self,
        *,
        entry_points: bool,
        paths: Iterable[str | os.PathLike[str]],
        block: Iterable[str],
        environment: bool,
        lock: threading.RLock,
    ) -> None:
        """Sources as [`Registry`][careerconv.Registry] describes its arguments; nothing is read yet."""
        self._use_entry_points = entry_points
        self._paths = [Path(p) for p in paths]
        self._block = {_normal(b) for b in block}
        if environment:
            self._paths += [Path(p) for p in os.environ.get(PATH_VARIABLE, "").split(os.pathsep) if p]
            self._block |= {_normal(b.strip()) for b in os.environ.get(BLOCK_VARIABLE, "").split(",") if b.strip()}
        self._lock = lock
        self._scanned: dict[str, Source] | None = None

    def refresh(self) -> None:
        """Forget the scan: entry points and folders are read again on next use."""
        with self._lock:
            forget_entry_points()
            self._scanned = None

    def scan(self) -> dict[str, Source]:
        """Every name found, with its source: scanned on first use, then kept."""
        with self._lock:
            if self._scanned is None:
                files, broken = self._scan_folders()
                entry_points = self._scan_entry_points()
                sources = {}
                for name in sorted(files.keys() | broken.keys() | entry_points.keys()):
                    bundled, plugins = entry_points.get(name, (None, []))
                    sources[name] = self._settle(name, files.get(name, []), broken.get(name), bundled, plugins)
                self._scanned = sources
                _log.debug("%d template names found", len(sources))
            return self._scanned

    def _settle(
        self,
        name: str,
        files: list[Template],
        broken: tuple[Path, CareerconvError] | None,
        bundled: Source | None,
        plugins: list[Source],
    ) -> Source:
        """The one source of ``name``: the bundled one, else a folder, else its plugin; the others lose it."""
        if bundled is not None:
            bundled, folders = _folder_translations(name, bundled, files, broken)
            return Source(bundled.kind, bundled.label, bundled.load, [*folders, *plugins])
        if files or broken is not None:
            return _folder_source(files, broken, plugins)
        if len(plugins) > 1:
            both = " and ".join(plugin.where.removeprefix("plugin ") for plugin in plugins)
            error = PluginError(f"template '{name}' is defined by two plugins, {both}; uninstall or block one")
            return Source("plugin", f"plugins {both}", functools.partial(_raise, error))
        return plugins[0]

    def _blocked(self, entry_point: importlib.metadata.EntryPoint) -> bool:
        return bool(self._block) and (
            _normal(entry_point.name) in self._block or _distribution_key(entry_point) in self._block
        )

    def _scan_entry_points(self) -> dict[str, tuple[Source | None, list[Source]]]:
        """Each name's bundled source (or ``None``) and plugin sources, one for each distribution."""
        if not self._use_entry_points:
            return {}
        by_name: dict[str, dict[str, importlib.metadata.EntryPoint]] = {}
        for entry_point in _entry_points():
            dist = _distribution_key(entry_point)
            if dist == _SELF or not self._blocked(entry_point):
                # A distribution found twice on sys.path counts once.
                by_name.setdefault(entry_point.name, {}).setdefault(dist, entry_point)
        sources: dict[str, tuple[Source | None, list[Source]]] = {}
        for name, claims in by_name.items():
            own = claims.pop(_SELF, None)
            bundled = None if own is None else Source("bundled", "bundled", functools.partial(load_entry_point, own))
            plugins = [Source("plugin", ep, functools.partial(load_entry_point, ep)) for ep in claims.values()]
            sources[name] = (bundled, plugins)
        return sources

    def _scan_folders(self) -> tuple[dict[str, list[Template]], dict[str, tuple[Path, CareerconvError]]]:
        """The templates of every folder by name, and the files that are not templates by their name's stem."""
        files: dict[str, list[Template]] = {}
        broken: dict[str, tuple[Path, CareerconvError]] = {}
        for folder in self._paths:
            if not folder.is_dir():
                warn_source(f"template folder {folder} does not exist")
                continue
            for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()):
                document = _read_template(path)
                if isinstance(document, Template):
                    files.setdefault(document.name, []).append(document)
                else:
                    broken[path.name.partition(".")[0]] = (path, document)
        return files, broken


def added_translations(
    name: str,
    owner: Source,
    owned: list[Template],
    taken: dict[tuple[str, str], str],
    where: str,
    offered: list[Template],
) -> list[Template]:
    """The templates ``where`` offers for ``name``, which it lost to ``owner``, that are translations to add.

    A translation to add has a version ``owned`` has and a ``(version, locale)`` it has not. ``taken`` holds the
    translations added so far, ``(version, locale)`` to where they come from; those added here join it. Every
    other template is left out with a [`PluginWarning`][careerconv.PluginWarning]: another source may add
    translations, never replace a template or add a version; and what it adds is whole (no ``extends``), so it
    can never make the owner's name fail to resolve.
    """
    shipped = {key(t) for t in owned}
    versions = {t.version for t in owned}
    added = []
    for template in offered:
        what = f"template '{name}' version {template.version} locale {template.locale}"
        first = taken.get(key(template))
        if key(template) in shipped and owner.kind == "bundled":
            warn_source(f"{where} defines {what}, which careerconv bundles; the bundled one wins")
        elif key(template) in shipped:
            warn_source(f"{owner.where} defines {what}; it wins over {where}")
        elif template.version not in versions:
            has = "careerconv does not bundle" if owner.kind == "bundled" else f"{owner.where} does not define"
            warn_source(f"{where} defines {what}, a version {has}; another source may add translations, not versions")
        elif template.extends is not None:  # resolving it could fail, or reach for other names: whole only
            warn_source(f"{where} defines {what} as derived (extends); a translation another source adds is whole")
        elif first is not None:
            warn_source(f"{where} defines {what}, which {first} adds too; the one found first wins")
        else:
            taken[key(template)] = where
            added.append(template)
    return added


# ------------------------------------------------------------------------------------------- folders


def _folder_source(
    templates: list[Template], broken: tuple[Path, CareerconvError] | None, plugins: list[Source]
) -> Source:
    """The source of a name its folders own; ``plugins`` lost it. One broken file breaks the name."""
    if broken is not None:  # never silently left out
        path, error = broken
        return Source("folder", f"folder {path.parent}", functools.partial(_raise, error), plugins)
    where = "folder " + ", ".join(sorted({str(Path(t.source or "").parent) for t in templates}))
    return Source("folder", where, functools.partial(list, templates), plugins)


def _folder_translations(
    name: str, bundled: Source, templates: list[Template], broken: tuple[Path, CareerconvError] | None
) -> tuple[Source, list[Source]]:
    """The bundled source of ``name``, and a source for each folder adding translations to it.

    The bundled templates are loaded now (careerconv's own files, no plugin) to sort the folders' templates
    out; the source returned keeps them. A folder's file that is not a template is left out with a warning.
    """
    if broken is not None:
        path, error = broken
        warn_source(f"folder {path.parent}: template '{name}' left out: {reason(error)}")
    if not templates:
        return bundled, []
    try:
        owned = bundled.load()
    except CareerconvError:  # pragma: no cover - careerconv's own templates load; asking for the name says why
        return bundled, []
    bundled = Source(bundled.kind, bundled.label, functools.partial(list, owned))
    by_folder: dict[str, list[Template]] = {}
    for template in templates:
        by_folder.setdefault(f"folder {Path(template.source or '').parent}", []).append(template)
    taken: dict[tuple[str, str], str] = {}
    folders = []
    for where, offered in by_folder.items():
        added = added_translations(name, bundled, owned, taken, where, offered)
        if added:
            folders.append(Source("folder", where, functools.partial(list, added)))
    return bundled, folders


def _read_template(path: Path) -> Template | CareerconvError:
    """The template in the file ``path``, or why it is not one."""
    try:
        document = _loads(read_file(path), format_for(path), str(path), None, resolve=False)
    except ValidationError as error:
        return error
    except OSError as error:
        return CareerconvError(f"{path}: cannot read the file: {error.strerror}")
    if not isinstance(document, Template):
        return CareerconvError(f"{path}: a template folder holds templates, not conversation records")
    return document


def _raise(error: CareerconvError) -> list[Template]:
    raise error


# ------------------------------------------------------------------------------------------- entry points


@functools.cache
def _entry_points() -> tuple[importlib.metadata.EntryPoint, ...]:
    """Every entry point of the group, read from metadata once per process (`forget_entry_points`)."""
    return tuple(importlib.metadata.entry_points(group=GROUP))


def forget_entry_points() -> None:
    """Have the next scan read the entry points from installed metadata again."""
    _entry_points.cache_clear()


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


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


def load_entry_point(entry_point: importlib.metadata.EntryPoint) -> list[Template]:
    """Import a plugin and check what it gives: templates, valid, of the entry point's name.

    Whatever goes wrong, even ``sys.exit()`` in the plugin, is a [`PluginError`][careerconv.PluginError]
    naming the entry point and its distribution.
    """
    origin = _describe(entry_point)
    loaded, templates = _run_plugin(entry_point, origin)
    if templates is None:
        raise PluginError(f"{origin}: expected a Template or an iterable of them, got {type(loaded).__name__}")
    _check_plugin_templates(templates, entry_point.name, origin)
    return templates


def _run_plugin(entry_point: importlib.metadata.EntryPoint, origin: str) -> tuple[Any, list[Any] | None]:
    """What the plugin's object gives (called, when it is a function), and that as a list."""
    try:
        loaded: Any = entry_point.load()
        if callable(loaded) and not isinstance(loaded, Template):
            loaded = loaded()
        templates = _templates_of(loaded)
    except BaseException as error:  # sys.exit() or KeyboardInterrupt in a plugin breaks only the plugin
        raise PluginError(f"{origin}: {type(error).__name__}: {one_line(error)}") from error
    return loaded, templates


def _templates_of(loaded: Any) -> list[Any] | None:
    """What a plugin gave as a list, or ``None`` when it gave neither a template nor an iterable."""
    if isinstance(loaded, Template):
        return [loaded]
    if isinstance(loaded, (str, bytes, Mapping)) or not isinstance(loaded, Iterable):
        return None
    return list(loaded)


def _check_plugin_templates(templates: list[Any], name: str, origin: str) -> None:
    """Raise unless ``templates`` are at least one valid template, each called ``name``."""
    wrong_type = sorted({type(t).__name__ for t in templates if not isinstance(t, Template)})
    if wrong_type or not templates:
        got = ", ".join(wrong_type) or "nothing"
        raise PluginError(f"{origin}: expected a Template or an iterable of them, got {got}")
    wrong = sorted({t.name for t in templates if t.name != name})
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
