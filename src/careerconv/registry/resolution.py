"""Derived templates made whole: the base looked up, its changes applied, the result kept.

`Resolver` follows ``extends`` through a ``pick`` function (the registry's catalog), refuses cycles, and
keeps each resolved template until `Resolver.refresh`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import attrs

from careerconv.errors import CareerconvError, Finding, TemplateNotFoundError, ValidationError
from careerconv.model import Template
from careerconv.registry.problems import Found, located
from careerconv.registry.versions import matches
from careerconv.rules.derive import parse_extends, resolve_data
from careerconv.rules.envelope import body
from careerconv.rules.structure import converter, to_data

#: Picks a template as written by name, version (or prefix) and locale; raises when there is none.
Pick = Callable[[str, str | None, str | None], Template]


class Resolver:
    """Resolves derived templates against the templates ``pick`` finds, and keeps what it resolved.

    ``chain`` is the derivation followed so far (``name@version`` of each template), to report a cycle.

    Examples:
        >>> from careerconv.registry.bundle import standard
        >>> resolver = Resolver(lambda name, version, locale: standard()[0], lock=threading.RLock())
        >>> derived = Template(name="acme", version="1.0.0", extends="standard@1", title="Acme")
        >>> resolver.resolve(derived).sections[0].id
        'life-story'
    """

    def __init__(self, pick: Pick, *, lock: threading.RLock) -> None:
        """A resolver looking bases up with ``pick``; nothing is resolved yet."""
        self._pick = pick
        self._lock = lock
        self._resolved: dict[int, tuple[Template, Template]] = {}

    def refresh(self) -> None:
        """Forget every template resolved: its base may have changed."""
        with self._lock:
            self._resolved.clear()

    def resolve(self, template: Template, chain: tuple[str, ...] = ()) -> Template:
        """``template`` whole: a derived template's base resolved and its changes applied; raises if it cannot be."""
        if template.extends is None:
            return template
        with self._lock:
            cached = self._resolved.get(id(template))
            if cached is not None and cached[0] is template:
                return cached[1]
            data = to_data(template)
            result, origins, problems = self.derive(data, chain)
            if problems:
                raise located(template, problems)
            assert result is not None
            whole = attrs.evolve(converter().structure(body(result), Template), source=template.source, origins=origins)
            self._resolved[id(template)] = (template, whole)
            return whole

    def derive(
        self, data: dict[str, Any], chain: tuple[str, ...] = ()
    ) -> tuple[dict[str, Any] | None, dict[str, str], Found]:
        """A derived template's plain data resolved: the result's data, its ids' origins, and the problems."""
        parsed = parse_extends(str(data.get("extends")))
        if parsed is None:  # pragma: no cover - the shape check refuses it first
            return None, {}, [Finding(("extends",), "not a template name", "invalid-extends")]
        name, version = parsed
        own_version = data.get("version")
        if name == data.get("name") and (
            version is None or (isinstance(own_version, str) and matches(own_version, version))
        ):
            message = f"a template cannot extend itself: {name}@{own_version} extends {data.get('extends')}"
            return None, {}, [Finding(("extends",), message, "extends-cycle")]
        chain = (*chain, f"{data.get('name')}@{data.get('version')}")
        locale = data.get("locale") if isinstance(data.get("locale"), str) else None
        base = self._base(name, version, locale, chain)
        if not isinstance(base, Template):
            return None, {}, base
        return resolve_data(data, base, to_data(base))

    def _base(self, name: str, version: str | None, locale: str | None, chain: tuple[str, ...]) -> Template | Found:
        """The base template, resolved, or the problem with it (at ``extends``): missing, broken, or a cycle."""
        try:
            raw = self._pick(name, version, locale)
            label = f"{raw.name}@{raw.version}"
            if label in chain:
                cycle = " → ".join((*chain[chain.index(label) :], label))
                return [Finding(("extends",), f"templates extend each other in a cycle: {cycle}", "extends-cycle")]
            return self.resolve(raw, chain)
        except TemplateNotFoundError as error:
            return [Finding(("extends",), str(error), "unknown-template")]
        except ValidationError as error:
            first = error.problems[0]
            code = first.code if first.code == "extends-cycle" else "broken-base"
            return [Finding(("extends",), f"the base template '{name}' cannot be used: {first.message}", code)]
        except CareerconvError as error:
            message = f"the base template '{name}' cannot be used: {str(error).splitlines()[0]}"
            return [Finding(("extends",), message, "broken-base")]
