"""The public functions of the layers below, with the default registry where the caller gives none.

Tables, summaries, reports and sessions are handed the template lookup they use (``registry=``); none of
them fetches the default registry itself (see the architecture page). The names ``careerconv`` exports are
these: each passes ``registry`` on when it is given, and `default_registry` (as it
is at the call, so after [`refresh_templates`][careerconv.refresh_templates] too) when it is not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Literal, ParamSpec, TypeVar

from careerconv.analytics import arrow, summaries, tables
from careerconv.documents.streaming import LoadResult
from careerconv.errors import Finding
from careerconv.model import Conversation, GrowPlan, Template, TemplateRef
from careerconv.registry import default_registry
from careerconv.rendering import notebook, reports
from careerconv.rules.lookup import TemplateLookup
from careerconv.workflow import session
from careerconv.workflow.history import History

__all__ = [
    "DEFAULT",
    "Publication",
    "display",
    "export_archive",
    "prep_page",
    "render",
    "start_conversation",
    "summarize_motivations",
    "to_arrow",
    "to_pandas",
]

P = ParamSpec("P")
R = TypeVar("R")


class _Default:
    """The default registry as it is when asked: a lookup that follows `refresh_templates`."""

    def pinned(self, ref: TemplateRef) -> Template:
        return default_registry().pinned(ref)

    def derive(self, data: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, str], list[Finding]]:
        return default_registry().derive(data)

    def resolve(self, template: Template) -> Template:
        return default_registry().resolve(template)


#: The default registry, looked up at each use.
DEFAULT: TemplateLookup = _Default()


def _defaulted(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` with ``registry=`` the default registry when the caller leaves it out (or passes ``None``)."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs.get("registry") is None:
            kwargs["registry"] = default_registry()
        return function(*args, **kwargs)

    return call


to_pandas = _defaulted(tables.to_pandas)
to_arrow = _defaulted(arrow.to_arrow)
export_archive = _defaulted(arrow.export_archive)
summarize_motivations = _defaulted(summaries.summarize_motivations)
render = _defaulted(reports.render)
prep_page = _defaulted(reports.prep_page)
start_conversation = _defaulted(session.start_conversation)


def display(obj: Template | Conversation | GrowPlan | History | LoadResult, format: Literal["markdown", "html"]) -> str:
    """What a notebook shows of ``obj`` (``_repr_html_``, ``_repr_markdown_``): what its employee may read.

    Examples:
        >>> import careerconv
        >>> display(careerconv.get_template("standard"), "markdown").splitlines()[0]
        '# Career Conversations'
    """
    if isinstance(obj, LoadResult):
        return notebook.load_result(obj, format)
    return reports.display(obj, format, DEFAULT)


class Publication(summaries.Publication):
    """`careerconv.analytics.summaries.Publication`, with the default registry when none is given."""

    def __init__(self, *, min_group_size: int = summaries.MIN_GROUP, registry: TemplateLookup | None = None) -> None:
        """Publish summaries with groups of at least ``min_group_size`` people (5 or more).

        ``registry`` gives the records' templates (the motivations' order, the question texts): the default
        registry when it is not given.
        """
        super().__init__(min_group_size=min_group_size, registry=default_registry() if registry is None else registry)


Publication.__doc__ = summaries.Publication.__doc__
