"""Problems and exceptions.

Every exception careerconv raises on purpose derives from [`CareerconvError`][careerconv.CareerconvError], and each also
derives from the built-in exception it resembles, so callers may catch either::

    Exception
     └── CareerconvError
          ├── ValidationError (also ValueError)      .problems: every Problem found, at once
          ├── TemplateNotFoundError (also LookupError)
          └── PluginError                             a template plugin failed to load

A [`Problem`][careerconv.Problem] is data, not an exception: a JSON path in the file's own key names, a message, a rule
code, and where the source has them the file, line and column. Messages never repeat what people wrote in
answers or notes.
"""

from __future__ import annotations

import difflib
import os
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, TypeAlias

import attrs

__all__ = [
    "CareerconvError",
    "ConversionProblem",
    "Finding",
    "Found",
    "PluginError",
    "PluginWarning",
    "Problem",
    "TemplateNotFoundError",
    "ValidationError",
    "check_choice",
    "describe",
    "warn",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a document.

    Attributes:
        path: where, as a JSON path in the file's key names, such as ``$.sections[2].questions[0].id``.
        message: what is wrong and, where it helps, what would be right.
        code: the rule that found it, stable across releases (``unknown-key``, ``duplicate-id``, ...).
        source: the file (or ``<string>``) the document came from, when known.
        line: 1-based line in the source, when known.
        column: 1-based column in the source, when known.

    Examples:
        >>> p = Problem(path="$.title", message="missing required field", code="missing-field",
        ...             source="t.yaml", line=3, column=1)
        >>> str(p)
        't.yaml:3:1: $.title: missing required field [missing-field]'
    """

    path: str
    message: str
    code: str
    source: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        """The problem as one line: ``FILE:LINE:COL: $.path: message [code]``."""
        where = self.source or "<string>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.path}: {self.message} [{self.code}]"


#: A place in a document: the keys and indexes from its root, such as ``("sections", 2, "questions", 0, "id")``.
PathPart: TypeAlias = str | int
Path: TypeAlias = tuple[PathPart, ...]


class Finding(NamedTuple):
    """A problem as a rule finds it, before it is located in a file: the shape every rule yields.

    ``at_key`` points the problem at a key (an unknown key) rather than at its value.

    Examples:
        >>> Finding(("sections", 0, "id"), "id 'x' is used twice", "duplicate-id")
        Finding(path=('sections', 0, 'id'), message="id 'x' is used twice", code='duplicate-id', at_key=False)
    """

    path: Path
    message: str
    code: str
    at_key: bool = False


#: What a rule gives: each problem it finds, one by one.
Found: TypeAlias = Iterator[Finding]


class ConversionProblem(Exception):  # noqa: N818 - it is a problem, raised only to carry one
    """Raised by a check of one value: a rule code and a message that does not repeat the value."""

    def __init__(self, code: str, message: str) -> None:
        """Carry ``code`` and ``message``."""
        super().__init__(message)
        self.code = code
        self.message = message


def describe(value: Any) -> str:
    """Name what a value is, without repeating it.

    Examples:
        >>> [describe(v) for v in ("x", 1, 1.5, True, None, [], {})]
        ['text', 'a whole number', 'a decimal number', 'true/false', 'nothing (null)', 'a list', 'a mapping']
    """
    if value is None:
        return "nothing (null)"
    kind = type(value)  # the real type: ``isinstance`` would ask the object's own ``__class__``
    for base, name in _KINDS:
        if issubclass(kind, base):
            return name if kind is base else f"a subclass of {base.__name__}"
    return "an unsupported value"


_KINDS = (
    (bool, "true/false"),
    (int, "a whole number"),
    (float, "a decimal number"),
    (str, "text"),
    (list, "a list"),
    (dict, "a mapping"),
)


class CareerconvError(Exception):
    """The root of every exception careerconv raises on purpose.

    Examples:
        >>> issubclass(ValidationError, CareerconvError)
        True
    """


class ValidationError(CareerconvError, ValueError):
    """A document, or an object built in Python, breaks one or more rules.

    ``problems`` holds every problem found, in document order; the message lists them all.

    Examples:
        >>> import careerconv
        >>> try:
        ...     careerconv.loads("kind: template\\nschema_version: 1\\nname: x\\n")
        ... except careerconv.ValidationError as error:
        ...     print(error.problems[0].code)
        missing-field
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        """Collect ``problems``; there must be at least one."""
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class TemplateNotFoundError(CareerconvError, LookupError):
    """No registered template has the name, version or locale asked for.

    Examples:
        >>> import careerconv
        >>> try:
        ...     careerconv.get_template("standrd")
        ... except careerconv.TemplateNotFoundError as error:
        ...     print(error)
        no template named 'standrd'; did you mean 'standard'?
    """

    def __str__(self) -> str:
        """The message alone, without the quotes ``LookupError`` would add."""
        return str(self.args[0]) if self.args else ""


class PluginError(CareerconvError):
    """A template plugin could not be loaded: it failed to import, raised, or returned no template.

    The message names the entry point, its distribution and the cause.

    Examples:
        >>> str(PluginError("entry point 'acme' of acme-templates 1.0: ImportError"))
        "entry point 'acme' of acme-templates 1.0: ImportError"
    """


class PluginWarning(UserWarning):
    """A template source was passed over: a plugin hidden by a bundled template, a broken plugin left out.

    Examples:
        >>> issubclass(PluginWarning, UserWarning)
        True
    """


_PACKAGE = os.path.dirname(__file__) + os.sep


def warn(message: str, category: type[Warning] = PluginWarning) -> None:
    """Warn, attributed to the first caller outside careerconv: the line of the user's code that asked.

    Examples:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     warn("plugin left out")
        >>> caught[0].filename.startswith("<doctest")
        True
    """
    level = 2  # 1 is this function; 2 its caller
    frame = sys._getframe(1)  # noqa: SLF001 - the one way to count frames without building a traceback
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    warnings.warn(message, category, stacklevel=level)


def check_choice(name: str, value: object, choices: Sequence[str]) -> None:
    """Raise ``ValueError`` unless ``value`` is one of ``choices``, naming them and the closest one.

    The one wording of every "unknown option" mistake a caller can make with a keyword argument.

    Examples:
        >>> check_choice("on_error", "colect", ("raise", "skip", "collect"))
        Traceback (most recent call last):
        ...
        ValueError: unknown on_error 'colect': expected raise, skip or collect; did you mean 'collect'?
    """
    if isinstance(value, str) and value in choices:
        return
    shown = repr(value)[:40] if isinstance(value, str) else type(value).__name__
    expected = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(value.casefold(), folded, n=1) if isinstance(value, str) else []
    close = [folded[match] for match in close]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"unknown {name} {shown}: expected {expected}{hint}")
