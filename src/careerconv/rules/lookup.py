"""What the rules and documents need of a registry: a protocol, so no layer below the registry imports it."""

from __future__ import annotations

from typing import Any, Protocol

from careerconv.errors import Finding
from careerconv.model import Template, TemplateRef

__all__ = ["TemplateLookup"]


class TemplateLookup(Protocol):
    """Finds templates: `careerconv.Registry` is one, and so is any object with these three methods.

    Examples:
        >>> import careerconv
        >>> lookup: TemplateLookup = careerconv.Registry()
        >>> lookup.pinned(careerconv.TemplateRef(name="standard")).version
        '1.0.0'
    """

    def pinned(self, ref: TemplateRef) -> Template:
        """The resolved template a record pins; raises `CareerconvError` when there is none."""
        ...  # pragma: no cover - a protocol

    def derive(self, data: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, str], list[Finding]]:
        """A derived template's plain data resolved: the result, its ids' origins, and the problems."""
        ...  # pragma: no cover - a protocol

    def resolve(self, template: Template) -> Template:
        """``template`` whole: a derived template's base looked up and its changes applied."""
        ...  # pragma: no cover - a protocol
