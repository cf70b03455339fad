"""A Griffe extension for the API page: careerconv's public names as they are at run time.

``careerconv.defaults`` makes most of its names by wrapping a function of the layers below with ``functools.wraps``
(``to_pandas = _defaulted(tables.to_pandas)``: the same signature, docstring and name, with the default registry when
``registry`` is not given), and gives ``Publication`` its base's docstring at run time
(``Publication.__doc__ = summaries.Publication.__doc__``). Read without running, the first are attributes with no
docstring and the second a class whose docstring only points at its base. Here each wrapper becomes an alias of the
function it wraps, and each such ``__doc__`` is copied, so that ``::: careerconv.to_pandas`` shows the function, its
signature and its docstring, and ``::: careerconv.Publication`` the docstring ``help()`` shows.

mkdocs.yml loads it (``extensions:`` of the python handler); it changes nothing but what the site shows.
"""

from __future__ import annotations

import ast
from typing import Any

import griffe

#: The decorator-like helpers of ``careerconv.defaults`` whose result is the wrapped function (``functools.wraps``).
WRAPPERS = frozenset({"_defaulted"})


class PublicNames(griffe.Extension):
    """Wrappers as the functions they wrap; ``__doc__`` assigned at module level as the docstring it is given."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:  # noqa: ARG002 - Griffe passes the loader too
        """Rewrite every module of ``careerconv`` once the whole package is loaded, before aliases are resolved."""
        if pkg.name != "careerconv":
            return
        modules = _modules(pkg)
        unwrapped = {path for module in modules for path in _unwrap(module)}
        for module in modules:
            _copy_docstrings(module)
            _refresh(module, unwrapped)


def _modules(module: griffe.Module) -> list[griffe.Module]:
    return [module, *(m for sub in module.modules.values() if not sub.is_alias for m in _modules(sub))]


def _unwrap(module: griffe.Module) -> list[str]:
    """``name = _defaulted(target)`` becomes an alias of ``target``; the paths of the names so changed."""
    changed = []
    for name, member in list(module.members.items()):
        if not isinstance(member, griffe.Attribute):
            continue
        value = member.value
        if not (isinstance(value, griffe.ExprCall) and str(value.function) in WRAPPERS and len(value.arguments) == 1):
            continue
        target = value.arguments[0]
        if isinstance(target, (griffe.ExprName, griffe.ExprAttribute)):
            alias = griffe.Alias(name, target.canonical_path, lineno=member.lineno, endlineno=member.endlineno)
            module.del_member(name)
            module.set_member(name, alias)
            changed.append(f"{module.path}.{name}")
    return changed


def _refresh(module: griffe.Module, paths: set[str]) -> None:
    """Aliases of ``paths`` made before they changed (``__all__`` is expanded early) look them up again."""
    for name, member in list(module.members.items()):
        if isinstance(member, griffe.Alias) and member.target_path in paths:
            module.del_member(name)
            module.set_member(
                name, griffe.Alias(name, member.target_path, lineno=member.lineno, endlineno=member.endlineno)
            )


def _copy_docstrings(module: griffe.Module) -> None:
    """``Name.__doc__ = other.Name.__doc__`` at module level gives ``Name`` the docstring of ``other.Name``."""
    if module.filepath is None or isinstance(module.filepath, list) or module.filepath.suffix != ".py":
        return
    for node in ast.parse(module.filepath.read_text(encoding="utf-8")).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if not (_is_doc(target) and _is_doc(value)):
            continue
        obj = module.members.get(ast.unparse(target.value))  # type: ignore[attr-defined]
        head, _, rest = ast.unparse(value.value).partition(".")  # type: ignore[attr-defined]
        try:
            source = module.modules_collection[".".join(filter(None, [module.resolve(head), rest]))]
        except (KeyError, griffe.NameResolutionError):
            continue
        if isinstance(obj, griffe.Object) and source.docstring is not None:
            obj.docstring = griffe.Docstring(
                source.docstring.value,
                lineno=obj.docstring.lineno if obj.docstring else None,
                endlineno=obj.docstring.endlineno if obj.docstring else None,
                parent=obj,
                parser=source.docstring.parser,
                parser_options=source.docstring.parser_options,
            )


def _is_doc(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "__doc__"
