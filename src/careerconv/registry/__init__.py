"""Finding templates by name, version and locale.

Templates come from four sources:

- **bundled**: careerconv's own templates, declared as entry points in careerconv's ``pyproject.toml``;
- **plugins**: the entry-point group ``careerconv.templates`` of any installed distribution;
- **folders**: ``.yaml``, ``.yml`` and ``.json`` template files in the folders given to
  [`Registry`][careerconv.Registry] and in ``CAREERCONV_TEMPLATE_PATH`` (a list separated by ``os.pathsep``);
- **registered**: templates added in code with [`Registry.register`][careerconv.Registry.register].

A name belongs to one source. Registering in code wins over everything. Otherwise the bundled template wins
over any other source, and a folder over a plugin. A source that loses a name may still add translations to
it (a locale of a version the owner ships, which the owner does not ship); anything else it defines of that
name is left out with a [`PluginWarning`][careerconv.PluginWarning]. A plugin that lost its name is imported only
when a locale the owner lacks is asked for, or the catalog is listed. Two plugins claiming one name (and no
other source owning it) is an error naming both. ``CAREERCONV_BLOCK_PLUGINS`` (a comma-separated list of
entry-point or distribution names) and the ``block`` argument turn plugins off.

Entry points are read from installed metadata once per process, without importing anything; a plugin is
imported only when a template of its name is asked for. [`refresh_templates`][careerconv.refresh_templates] reads them
again.

The modules, from the top down (each imports only those below it):

- ``registry``: [`Registry`][careerconv.Registry], the one object the rest of careerconv uses, made of the three parts
  below, and the default registry behind [`get_template`][careerconv.get_template],
  [`list_templates`][careerconv.list_templates] and [`resolve_template`][careerconv.resolve_template];
- ``catalog``: each name's templates as written, loaded on first use, which translations cannot be used, and
  the template a version and a locale pick ([`Listing`][careerconv.Listing] is one name's row);
  ``resolution``: derived templates made whole;
- ``sources``: which source each name comes from, scanned once; ``bundle``: careerconv's own templates;
- ``versions``: how versions sort and match, and the locale fallback; ``problems``: errors told briefly.
"""

from careerconv.registry.bundle import bundled, moving_motivators, standard
from careerconv.registry.catalog import Listing
from careerconv.registry.registry import (
    Registry,
    default_registry,
    get_template,
    list_templates,
    refresh_templates,
    resolve_template,
)
from careerconv.registry.sources import BLOCK_VARIABLE, GROUP, PATH_VARIABLE

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
