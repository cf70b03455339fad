"""Notebook display: Jupyter shows templates, records, GROW plans and histories as their employee may read them.

The plain text a notebook keeps beside the HTML follows the same rule: a record's is the repr of its redacted
copy. A bulk read's [`LoadResult`][careerconv.LoadResult] shows its counts and a table of its problems.

The model knows nothing of notebooks. ``import careerconv`` in an IPython kernel calls `register`, which
adds careerconv's types to IPython's HTML and Markdown formatters; each renders through
`careerconv.rendering.reports.display`, for the ``employee`` audience (private answers and notes left out,
every string escaped).
"""

from __future__ import annotations

import html
import sys
from typing import Any, Literal

from careerconv.documents.streaming import LoadResult
from careerconv.model import Conversation, GrowPlan, Template
from careerconv.rendering.reports import display
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.privacy import redact
from careerconv.workflow.history import History

__all__ = ["load_result", "register"]

_SHOWN = (Template, Conversation, GrowPlan, History, LoadResult)
_MIME: dict[str, Literal["markdown", "html"]] = {"text/html": "html", "text/markdown": "markdown"}


def register(shell: Any = None, registry: TemplateLookup | None = None) -> bool:
    """Show careerconv's objects rendered in ``shell`` (the running IPython one by default); whether it could.

    A record's questions and motivations are named by its template in ``registry`` (ids without one).

    Examples:
        >>> register()  # outside IPython there is nothing to register with
        False
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if formatters is None:
        return False
    for mime, format in _MIME.items():
        if mime in formatters:
            for cls in _SHOWN:
                formatters[mime].for_type(cls, _shower(format, registry))
    if "text/plain" in formatters:  # the text a notebook keeps beside the HTML: the same audience's record
        formatters["text/plain"].for_type(Conversation, _plain_record)
    return True


def _plain_record(record: Conversation, printer: Any, _cycle: bool) -> None:
    """IPython's text of a record: the repr of what its employee may read.

    No private item shows, not even its place: ``Answer(text=<private>, ...)`` would say that there is one.
    """
    printer.text(repr(redact(record, "employee")))


#: The most problems a notebook shows of a load; ``result.problems`` holds them all.
SHOWN_PROBLEMS = 50


def load_result(result: LoadResult, format: Literal["markdown", "html"]) -> str:
    """What a notebook shows of a bulk read: the counts, then a table of the problems (the first 50).

    Problems never carry what people wrote, so the table is safe to show; the records are not shown.

    Examples:
        >>> from careerconv import LoadResult, Problem
        >>> bad = Problem(path="$.date", message="not a date", code="invalid-date", source="a.yaml", line=3)
        >>> print(load_result(LoadResult((), (bad,)), "markdown"))
        **0 records read; 1 problem in 1 file**
        <BLANKLINE>
        | file | line | path | problem | code |
        |---|---|---|---|---|
        | a.yaml | 3 | $.date | not a date | invalid-date |
    """
    files = len(result.files)
    head = f"{len(result.records):,} records read; {len(result.problems):,} problem"
    head += f"{'' if len(result.problems) == 1 else 's'} in {files:,} file{'' if files == 1 else 's'}"
    rows = [
        (p.source or "<string>", "" if p.line is None else str(p.line), p.path, p.message, p.code)
        for p in result.problems[:SHOWN_PROBLEMS]
    ]
    more = len(result.problems) - len(rows)
    header = ("file", "line", "path", "problem", "code")
    if format == "markdown":
        lines = [f"**{head}**"]
        if rows:
            cells = [[cell.replace("|", "\\|").replace("\n", " ") for cell in row] for row in rows]
            lines += ["", "| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
            lines += ["| " + " | ".join(row) + " |" for row in cells]
        if more > 0:
            lines += ["", f"… and {more:,} more in `.problems`"]
        return "\n".join(lines)
    parts = [f"<p><strong>{html.escape(head)}</strong></p>"]
    if rows:
        parts.append("<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead><tbody>")
        parts += ["<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows]
        parts.append("</tbody></table>")
    if more > 0:
        parts.append(f"<p>… and {more:,} more in <code>.problems</code></p>")
    return "".join(parts)


def _shower(format: Literal["markdown", "html"], registry: TemplateLookup | None) -> Any:
    def show(obj: Template | Conversation | GrowPlan | History | LoadResult) -> str:
        return load_result(obj, format) if isinstance(obj, LoadResult) else display(obj, format, registry)

    return show
