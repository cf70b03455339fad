"""Derived templates: a base named in ``extends``, plus ``changes``, resolved into one whole template.

Resolution works on plain data, the same data a file holds. The base (already whole) is copied, the
derived template's own fields replace the base's, its parameters are merged into the base's, and each change
is applied in order. The result is then checked as a whole by the same rules as any template. Every problem
is reported at the place in the *derived* file that caused it: a change, a field, or, for a rule the result
breaks in content inherited from the base, the ``extends`` line.
"""

from __future__ import annotations

import copy
import difflib
from typing import Any

from careerconv.errors import Finding
from careerconv.formats.plain import Path, json_path
from careerconv.model import Template
from careerconv.rules.validation import EXTENDS, check_template, template_ids

__all__ = ["Resolved", "parse_extends", "resolve_data"]

Problems = list[Finding]
Resolved = tuple["dict[str, Any] | None", dict[str, str], Problems]

_OWN_FIELDS = ("name", "version", "locale", "title", "description")


def parse_extends(text: str) -> tuple[str, str | None] | None:
    """Split ``extends`` into the base's name and version (``None`` for the highest).

    Examples:
        >>> parse_extends("standard@1")
        ('standard', '1')
        >>> parse_extends("standard"), parse_extends("Standard@x")
        (('standard', None), None)
    """
    match = EXTENDS.fullmatch(text)
    return (match.group(1), match.group(2)) if match else None


def _label(template: Template) -> str:
    return f"{template.name} {template.version}"


class _Resolution:
    """The state of one resolution: the result so far and where each added item came from."""

    def __init__(self, data: dict[str, Any], base: Template, base_data: dict[str, Any]) -> None:
        self.data = data
        self.base = base
        self.result: dict[str, Any] = copy.deepcopy(base_data)
        self.added: dict[int, Path] = {}
        self.removed: dict[str, Path] = {}
        self.problems: Problems = []

    def add_node(self, node: Any, path: Path) -> Any:
        copied = copy.deepcopy(node)
        if isinstance(copied, dict):
            self.added[id(copied)] = path
        return copied

    # -- finding items by id ---------------------------------------------------------------------------

    def find(self, item_id: Any) -> tuple[list[Any], int, str] | None:
        """The list holding the item ``item_id``, its index, and its kind."""
        for s, section in enumerate(self.result.get("sections", [])):
            if section.get("id") == item_id:
                return self.result["sections"], s, "section"
            for key, kind in (("questions", "question"), ("motivations", "motivation")):
                for i, item in enumerate(section.get(key, [])):
                    if isinstance(item, dict) and item.get("id") == item_id:
                        return section[key], i, kind
            for stage in section.get("stages", []):
                for i, item in enumerate(stage.get("questions", [])):
                    if isinstance(item, dict) and item.get("id") == item_id:
                        return stage["questions"], i, "question"
        return None

    def ids(self) -> list[str]:
        return [value for _, value in template_ids(self.result) if isinstance(value, str)]

    def unknown(self, path: Path, item_id: Any, what: str = "id") -> None:
        if item_id in self.removed:
            message = f"{what} '{item_id}' was removed by {json_path(self.removed[item_id])}"
            self.problems.append(Finding(path, message, "unknown-id"))
            return
        close = difflib.get_close_matches(str(item_id), self.ids(), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        self.problems.append(Finding(path, f"no {what} '{item_id}' in {_label(self.base)}{hint}", "unknown-id"))

    # -- the changes -----------------------------------------------------------------------------------

    def apply(self, index: int, change: dict[str, Any]) -> None:
        where: Path = ("changes", index)
        if "remove" in change:
            self.remove((*where, "remove"), change["remove"])
        elif "add" in change:
            self.add((*where, "add"), change["add"])
        elif "replace" in change:
            self.replace((*where, "replace"), change["replace"])

    def remove(self, path: Path, item_id: Any) -> None:
        found = self.find(item_id)
        if found is None:
            self.unknown(path, item_id)
        else:
            gone = found[0].pop(found[1])
            ids = [value for _, value in template_ids({"sections": [gone]})] if found[2] == "section" else [item_id]
            self.removed.update(dict.fromkeys(ids, path))

    def replace(self, path: Path, spec: dict[str, Any]) -> None:
        found = self.find(spec.get("id"))
        kind = next((k for k in ("section", "question", "motivation") if spec.get(k) is not None), None)
        if found is None:
            self.unknown((*path, "id"), spec.get("id"))
        elif kind is None or kind != found[2]:
            message = f"'{spec.get('id')}' is a {found[2]}; give its replacement under '{found[2]}'"
            self.problems.append(Finding(path, message, "invalid-change"))
        else:
            found[0][found[1]] = self.add_node(spec[kind], (*path, kind))

    def add(self, path: Path, spec: dict[str, Any]) -> None:
        target = spec.get("section")
        if isinstance(target, dict):
            self.insert(path, spec, "section", self.result["sections"], ("section",))
            return
        kind = "question" if spec.get("question") is not None else "motivation"
        item = spec.get(kind)
        if not isinstance(item, dict):
            return  # the shape check reports it
        container = self.container(path, spec, kind, target)
        if container is not None:
            self.insert(path, spec, kind, container, (kind,) if kind == "question" else ("motivation",))

    def container(self, path: Path, spec: dict[str, Any], kind: str, target: Any) -> list[Any] | None:
        """The list a new question or motivation goes into."""
        neighbour = spec.get("before") or spec.get("after")
        if target is None and neighbour is None:
            if kind == "motivation":
                for section in self.result["sections"]:
                    if section.get("kind") == "motivations":
                        return section.setdefault("motivations", [])  # type: ignore[no-any-return]
                self.problems.append(Finding(path, f"{_label(self.base)} has no motivations section", "invalid-change"))
                return None
            self.problems.append(Finding(path, "say which section the question goes into", "invalid-change"))
            return None
        if target is None:
            found = self.find(neighbour)
            if found is None or found[2] != kind:
                side = "before" if spec.get("before") else "after"
                self.unknown((*path, side), neighbour, kind)
                return None
            return found[0]
        section_found = self.find(target)
        if section_found is None or section_found[2] != "section":
            self.unknown((*path, "section"), target, "section")
            return None
        section = section_found[0][section_found[1]]
        section_kind = section.get("kind", "questions")
        wanted = {"question": ("questions", "grow"), "motivation": ("motivations",)}[kind]
        if section_kind not in wanted:
            message = f"section '{target}' is of kind {section_kind}; a {kind} cannot go there"
            self.problems.append(Finding((*path, "section"), message, "invalid-change"))
            return None
        if section_kind == "grow":
            stage = spec.get("stage")
            for item in section.get("stages", []):
                if item.get("id") == stage:
                    return item.setdefault("questions", [])  # type: ignore[no-any-return]
            self.problems.append(Finding(path, "a question in a grow section names its 'stage'", "invalid-change"))
            return None
        return section.setdefault("questions" if kind == "question" else "motivations", [])  # type: ignore[no-any-return]

    def insert(self, path: Path, spec: dict[str, Any], kind: str, container: list[Any], key: Path) -> None:
        item = spec[kind]
        item_id = item.get("id")
        existing = self.find(item_id) if isinstance(item_id, str) else None
        if existing is not None:
            message = f"id '{item_id}' is already used in {_label(self.base)}; use 'replace' to change it"
            self.problems.append(Finding((*path, *key, "id"), message, "duplicate-id"))
            return
        position = len(container)
        for side, offset in (("before", 0), ("after", 1)):
            neighbour = spec.get(side)
            if neighbour is None:
                continue
            ids = [entry.get("id") for entry in container]
            if neighbour not in ids:
                self.unknown((*path, side), neighbour, kind)
                return
            position = ids.index(neighbour) + offset
        container.insert(position, self.add_node(item, (*path, *key)))

    # -- the result ------------------------------------------------------------------------------------

    def locate(self, path: Path) -> tuple[Path, str]:
        """Where a problem the result has belongs in the derived file, and a prefix for its message."""
        node: Any = self.result
        best: tuple[Path, int] | None = None
        for depth, key in enumerate(path):
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
            if id(node) in self.added:
                best = (self.added[id(node)], depth + 1)
        if best is not None:
            return (*best[0], *path[best[1] :]), ""
        if path and path[0] in (*_OWN_FIELDS, "parameters") and path[0] in self.data:
            return path, ""
        return ("extends",), f"after the changes, {json_path(path)}: "

    def origins(self, label: str) -> dict[str, str]:
        origins = {}
        for path, value in template_ids(self.result):
            if isinstance(value, str):
                node: Any = self.result
                mine = False
                for key in path[:-1]:
                    node = node[key]
                    mine = mine or id(node) in self.added
                origins[value] = label if mine else self.base.origin(value)
        return origins


def resolve_data(data: dict[str, Any], base: Template, base_data: dict[str, Any]) -> Resolved:
    """Apply a derived template's plain ``data`` to its whole ``base``.

    Returns the result's plain data (``None`` when a change failed), the origin of every id, and the
    problems, each at its path in the derived file.

    Examples:
        >>> from careerconv import get_template
        >>> from careerconv.rules.structure import to_data
        >>> base = get_template("standard")
        >>> data = {"name": "acme", "version": "1.0.0", "extends": "standard", "title": "Acme",
        ...         "changes": [{"remove": "team"}, {"remove": "dream-rol"}]}
        >>> result, origins, problems = resolve_data(data, base, to_data(base))
        >>> result is None
        True
        >>> for path, message, code, _ in problems:
        ...     print(path, message, code)
        ('changes', 1, 'remove') no id 'dream-rol' in standard 1.0.0; did you mean 'dream-role'? unknown-id
    """
    state = _Resolution(data, base, base_data)
    result = state.result
    for field in _OWN_FIELDS:
        if field in data:
            result[field] = data[field]
    result["locale"] = data.get("locale", "en")
    parameters = result.setdefault("parameters", {})
    for key, value in (data.get("parameters") or {}).items():
        merged = {**parameters.get(key, {}), **(value if isinstance(value, dict) else {})}
        parameters[key] = merged
    if not parameters:
        del result["parameters"]
    for index, change in enumerate(data.get("changes") or []):
        if isinstance(change, dict) and sum(change.get(key) is not None for key in ("remove", "add", "replace")) == 1:
            state.apply(index, change)  # a change of the wrong shape is reported by the shape check
    if state.problems:
        return None, {}, state.problems
    problems: Problems = []
    for found in check_template(result):
        where, prefix = state.locate(found.path)
        problems.append(Finding(where, prefix + found.message, found.code))
    label = f"{data.get('name')}@{data.get('version')}"
    return (None if problems else result), state.origins(label), problems
