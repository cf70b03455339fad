"""What goes wrong, told briefly: problems located in their files, errors in one line, warnings about sources."""

from __future__ import annotations

from pathlib import Path

from careerconv.documents.core import format_for, locate
from careerconv.errors import CareerconvError, Finding, PluginWarning, ValidationError, warn
from careerconv.formats.plain import problem, read_file
from careerconv.model import Template

#: Problems as the rules give them, each a ``Finding``.
Found = list[Finding]


def warn_source(message: str) -> None:
    """Warn about a source (a name claimed twice, a missing folder) with a `PluginWarning`."""
    warn(message, PluginWarning)


def one_line(error: BaseException) -> str:
    """What went wrong, briefly: a located problem (and how many more), or the message as it is.

    A message of several lines stays whole; ``careerconv templates`` escapes its line breaks to keep one line.

    Examples:
        >>> one_line(ValueError("no such file"))
        'no such file'
    """
    if isinstance(error, ValidationError) and error.problems:
        more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
        return f"{error.problems[0]}{more}"
    return str(error)


def reason(error: CareerconvError) -> str:
    """Why a template cannot be used, as ``careerconv templates`` shows it: an invalid one says so.

    Examples:
        >>> reason(CareerconvError("entry point 'acme' of acme 1.0: ImportError: no module acme"))
        "entry point 'acme' of acme 1.0: ImportError: no module acme"
    """
    if isinstance(error, ValidationError):
        return f"invalid: {one_line(error)}"
    return one_line(error)


def located(template: Template, found: Found) -> ValidationError:
    """The problems of resolving ``template``, located in its file when it was read from one."""
    source = template.source
    if source is not None and Path(source).is_file():
        try:
            return locate(read_file(source), format_for(source), source, found)
        except (OSError, ValueError):  # pragma: no cover - the file changed since it was read
            pass
    return ValidationError(problem(f.path, f.message, f.code, None, source) for f in found)
