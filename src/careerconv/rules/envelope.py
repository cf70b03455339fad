"""The envelope every document carries, ``kind`` and ``schema_version``, checked in one place."""

from __future__ import annotations

from typing import Any

from careerconv.errors import Finding
from careerconv.formats.plain import Path
from careerconv.model import Conversation, Template

__all__ = ["ENVELOPE", "KINDS", "SCHEMA_VERSION", "body", "check_envelope", "check_version"]

#: The schema version this careerconv reads and writes.
SCHEMA_VERSION = 1
#: The keys of the envelope, in the order files write them.
ENVELOPE = ("kind", "schema_version")
#: The document class of each ``kind``.
KINDS: dict[str, type[Template | Conversation]] = {"template": Template, "conversation": Conversation}


def check_version(version: Any) -> Finding | None:
    """The problem with a present ``schema_version``, if any: not a whole number, newer than known, below 1.

    Examples:
        >>> check_version(2)[2]
        'schema-too-new'
        >>> check_version(1) is None
        True
    """
    path: Path = ("schema_version",)
    if type(version) is not int:
        return Finding(path, "expected a whole number", "wrong-type")
    if version > SCHEMA_VERSION:
        message = f"schema_version {version} is newer than this careerconv reads ({SCHEMA_VERSION}); upgrade careerconv"
        return Finding(path, message, "schema-too-new")
    if version < 1:
        return Finding(path, "schema versions start at 1", "invalid-schema-version")
    return None


def check_envelope(data: Any) -> tuple[type[Template | Conversation] | None, list[Finding], bool]:
    """The class ``data``'s envelope names, its problems, and whether the body can be read at all.

    The body is not read when ``data`` is not a mapping or its ``schema_version`` is newer than known (its
    fields may mean something else).

    Examples:
        >>> cls, found, readable = check_envelope({"kind": "memo", "schema_version": 1})
        >>> cls, [(f.path, f.message, f.code) for f in found], readable
        (None, [(('kind',), 'expected one of: template, conversation', 'invalid-kind')], True)
    """
    if not isinstance(data, dict):
        return None, [Finding((), "a document is a mapping with 'kind' and 'schema_version'", "not-a-mapping")], False
    found: list[Finding] = []
    kind = data.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if "kind" not in data:
        found.append(Finding(("kind",), "missing required field (template or conversation)", "missing-field"))
    elif cls is None:
        found.append(Finding(("kind",), "expected one of: template, conversation", "invalid-kind"))
    if "schema_version" not in data:
        found.append(Finding(("schema_version",), "missing required field", "missing-field"))
        return cls, found, True
    problem = check_version(data["schema_version"])
    if problem is not None:
        found.append(problem)
    return cls, found, problem is None or problem.code != "schema-too-new"


def body(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without its envelope: what the converter structures."""
    return {k: v for k, v in data.items() if k not in ENVELOPE}
