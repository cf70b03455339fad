"""Versions and locales: how versions sort and match, and which locale a request picks.

Examples:
    >>> version_key("1.0.0-rc1") < version_key("1.0.0") < version_key("1.10.0")
    True
"""

from __future__ import annotations

from careerconv.errors import TemplateNotFoundError
from careerconv.formats.plain import shown
from careerconv.model import Template
from careerconv.rules.validation import LOCALE, LOCALE_MESSAGE, SEMVER


def version_key(version: str) -> tuple[int, int, int, int, str]:
    """What versions sort by: major, minor and patch as numbers, a release after its pre-releases.

    Examples:
        >>> sorted(["1.10.0", "1.2.0", "1.2.0-rc1"], key=version_key)
        ['1.2.0-rc1', '1.2.0', '1.10.0']
    """
    match = SEMVER.fullmatch(version)
    if not match:
        return (0, 0, 0, 0, version)
    major, minor, patch, rest = match.group("major", "minor", "patch", "rest")
    # A release sorts after its pre-releases (1.0.0 > 1.0.0-rc1).
    return (int(major), int(minor), int(patch), 0 if rest.startswith("-") else 1, rest)


def matches(version: str, wanted: str) -> bool:
    """``wanted`` is a whole version, or a prefix of one: ``1`` or ``1.2``.

    Examples:
        >>> matches("1.2.0", "1"), matches("1.2.0", "1.2"), matches("10.0.0", "1")
        (True, True, False)
    """
    return version == wanted or version.startswith(wanted + ".")


def key(template: Template) -> tuple[str, str]:
    """What tells the templates of one name apart: their version and (lowercase) locale.

    Examples:
        >>> key(Template(name="mini", version="1.0.0", locale="es-MX", title="Mini"))
        ('1.0.0', 'es-mx')
    """
    return (template.version, template.locale.lower())


def pick_locale(candidates: list[Template], locale: str | None) -> Template:
    """The candidate for ``locale``: the tag, then each shorter prefix (``es-MX`` → ``es``), then ``en``.

    Examples:
        >>> both = [Template(name="mini", version="1.0.0", locale=tag, title="Mini") for tag in ("en", "es")]
        >>> pick_locale(both, "es-MX").locale, pick_locale(both, "fr").locale
        ('es', 'en')
    """
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
