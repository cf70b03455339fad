"""Where each template name comes from: the bundled templates, plugins' entry points, and folders of files.

`Sources` scans them once (entry points from installed metadata, without importing anything), settles
which one source each name belongs to, and keeps the result until `Sources.refresh`. A `Source`
loads its templates only when they are asked for: a plugin is imported then, not before.
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
from careerconv.registry.problems import one_line, warn_source

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
    """Where a name's templates come from, and how to load them."""

    def __init__(
        self, kind: str, label: str | importlib.metadata.EntryPoint, load: Callable[[], list[Template]]
    ) -> None:
        """A source of ``kind`` ``bundled``, ``plugin`` or ``folder``; a plugin's label is its entry point."""
        self.kind = kind  # bundled, plugin or folder
        self.label = label  # a plugin's label is read from its metadata only when shown
        self.load = load

    @functools.cached_property
    def where(self) -> str:
        """What ``careerconv templates`` shows: ``bundled``, ``plugin DIST VERSION``, ``folder DIR``."""
        if isinstance(self.label, str):
            return self.label
        return "plugin " + " ".join(_distribution(self.label))


class Sources:
    """Every template name of the bundled templates, plugins and folders, each with its one source.

    Folders win over plugins, the bundled templates over both, each time with a
    [`PluginWarning`][careerconv.PluginWarning]; two plugins claiming one name make a source that raises a
    [`PluginError`][careerconv.PluginError] naming both. Blocked plugins are left out.

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
                sources = self._scan_folders()
                for name, source in self._scan_entry_points().items():
                    mine = sources.get(name)
                    if mine is not None and source.kind == "bundled":
                        warn_source(
                            f"{mine.where} defines template '{name}', which careerconv bundles; the bundled one wins"
                        )
                    elif mine is not None:
                        warn_source(f"{mine.where} defines template '{name}'; it wins over {source.where}")
                        continue
                    sources[name] = source
                self._scanned = sources
                _log.debug("%d template names found", len(sources))
            return self._scanned

    def _blocked(self, entry_point: importlib.metadata.EntryPoint) -> bool:
        return bool(self._block) and (
            _normal(entry_point.name) in self._block or _distribution_key(entry_point) in self._block
        )

    def _scan_entry_points(self) -> dict[str, Source]:
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
                    warn_source(
                        f"plugin {plugin} defines template '{name}', which careerconv bundles; the bundled one wins"
                    )
                sources[name] = Source("bundled", "bundled", functools.partial(load_entry_point, own))
            elif len(claims) > 1:
                both = " and ".join(" ".join(_distribution(ep)) for ep in claims.values())
                error = PluginError(f"template '{name}' is defined by two plugins, {both}; uninstall or block one")
                sources[name] = Source("plugin", f"plugins {both}", functools.partial(_raise, error))
            else:
                (entry_point,) = claims.values()
                sources[name] = Source("plugin", entry_point, functools.partial(load_entry_point, entry_point))
        return sources

    def _scan_folders(self) -> dict[str, Source]:
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
        sources: dict[str, Source] = {}
        for name, templates in files.items():
            where = "folder " + ", ".join(sorted({str(Path(t.source or "").parent) for t in templates}))
            sources[name] = Source("folder", where, functools.partial(list, templates))
        for name, (path, reason) in broken.items():  # one broken file breaks its name: never silently left out
            sources[name] = Source("folder", f"folder {path.parent}", functools.partial(_raise, reason))
        return sources


# ------------------------------------------------------------------------------------------- folders


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
