"""Notebook display: Jupyter shows templates, records, GROW plans and histories as their employee may read them.

The model knows nothing of notebooks. ``import careerconv`` in an IPython kernel calls :func:`register`, which
adds careerconv's types to IPython's HTML and Markdown formatters; each renders through
:func:`careerconv.rendering.reports.display`, for the ``employee`` audience (private answers and notes left out,
every string escaped).
"""

from __future__ import annotations

import sys
from typing import Any, Literal

from careerconv.model import Conversation, GrowPlan, Template
from careerconv.rendering.reports import display
from careerconv.workflow.history import History

__all__ = ["register"]

_SHOWN = (Template, Conversation, GrowPlan, History)
_MIME: dict[str, Literal["markdown", "html"]] = {"text/html": "html", "text/markdown": "markdown"}


def register(shell: Any = None) -> bool:
    """Show careerconv's objects rendered in ``shell`` (the running IPython one by default); whether it could.

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
                formatters[mime].for_type(cls, _shower(format))
    return True


def _shower(format: Literal["markdown", "html"]) -> Any:
    def show(obj: Template | Conversation | GrowPlan | History) -> str:
        return display(obj, format)

    return show
