"""careerconv: career conversations as typed, validated, pluggable data.

The names here are the public API; the modules behind them are not (see the architecture page). The types
and errors load with the package; everything else loads on first use, so ``import careerconv`` stays cheap.
Type checkers read ``__init__.pyi``, which names every function and type with its real signature.

Examples:
    >>> import careerconv
    >>> template = careerconv.get_template("standard")
    >>> [section.id for section in template.sections]
    ['life-story', 'what-you-seek', 'short-term', 'long-term', 'one-thing']
"""

import importlib as _importlib
import logging as _logging
import sys as _sys

from careerconv.errors import (
    CareerconvError,
    PluginError,
    PluginWarning,
    Problem,
    TemplateNotFoundError,
    ValidationError,
)
from careerconv.model import (
    Action,
    ActionOwner,
    ActionStatus,
    Addition,
    Answer,
    AnswerValue,
    Change,
    Choice,
    Conversation,
    Goal,
    GrowPlan,
    GrowStage,
    Motivation,
    MotivationRanking,
    Note,
    Option,
    Parameter,
    Person,
    Question,
    QuestionType,
    Reality,
    Replacement,
    Section,
    Template,
    TemplateRef,
    Visibility,
    action_id,
)

__all__ = [
    "Action",
    "ActionOwner",
    "ActionStatus",
    "Addition",
    "Answer",
    "AnswerValue",
    "Audience",
    "CareerconvError",
    "Change",
    "Choice",
    "Conversation",
    "Document",
    "DocumentKind",
    "ExportResult",
    "Format",
    "Goal",
    "Grouping",
    "GrowPlan",
    "GrowStage",
    "History",
    "Listing",
    "LoadResult",
    "Motivation",
    "MotivationRanking",
    "MotivationShift",
    "Move",
    "Note",
    "OnError",
    "Option",
    "Orphan",
    "OverdueAction",
    "Parameter",
    "Period",
    "Person",
    "PluginError",
    "PluginWarning",
    "Problem",
    "Progress",
    "Publication",
    "Question",
    "QuestionType",
    "Reality",
    "RecordEditor",
    "RecordStream",
    "Registry",
    "RenderFormat",
    "Replacement",
    "Roster",
    "Section",
    "SectionProgress",
    "Session",
    "Table",
    "Template",
    "TemplateDiff",
    "TemplateLookup",
    "TemplateNotFoundError",
    "TemplateRef",
    "ValidationError",
    "Visibility",
    "action_calendar",
    "action_id",
    "diff_templates",
    "draft_record",
    "dump",
    "dump_conversations",
    "dumps",
    "edit_record",
    "export_archive",
    "from_data",
    "get_template",
    "iter_conversations",
    "json_schema",
    "list_templates",
    "load",
    "load_conversations",
    "loads",
    "migrate",
    "motivation_shift",
    "overdue_actions",
    "prep_page",
    "progress",
    "redact",
    "refresh_templates",
    "render",
    "resolve_template",
    "start_conversation",
    "summarize_motivations",
    "team_report",
    "to_arrow",
    "to_data",
    "to_pandas",
    "translation_problems",
    "validate",
]

# careerconv logs under the "careerconv" logger, silent unless the application configures logging; no message
# carries what people wrote (see docs/security.md).
_logging.getLogger("careerconv").addHandler(_logging.NullHandler())

#: Where each name that loads on first use is defined.
_LAZY: dict[str, str] = {
    "ExportResult": "careerconv.analytics.arrow",
    "export_archive": "careerconv.defaults",
    "to_arrow": "careerconv.defaults",
    "Grouping": "careerconv.analytics.grouping",
    "Period": "careerconv.analytics.grouping",
    "Roster": "careerconv.analytics.grouping",
    "Publication": "careerconv.defaults",
    "overdue_actions": "careerconv.analytics.summaries",
    "summarize_motivations": "careerconv.defaults",
    "Table": "careerconv.analytics.tables",
    "to_pandas": "careerconv.defaults",
    "edit_record": "careerconv.api",
    "team_report": "careerconv.publish",
    "from_data": "careerconv.api",
    "iter_conversations": "careerconv.api",
    "load": "careerconv.api",
    "load_conversations": "careerconv.api",
    "loads": "careerconv.api",
    "validate": "careerconv.api",
    "Document": "careerconv.documents.core",
    "DocumentKind": "careerconv.rules.schema",
    "Format": "careerconv.documents.core",
    "dump": "careerconv.documents.core",
    "dumps": "careerconv.documents.core",
    "translation_problems": "careerconv.documents.core",
    "RecordEditor": "careerconv.documents.editing",
    "migrate": "careerconv.documents.editing",
    "LoadResult": "careerconv.documents.streaming",
    "OnError": "careerconv.documents.streaming",
    "RecordStream": "careerconv.documents.streaming",
    "dump_conversations": "careerconv.documents.streaming",
    "Listing": "careerconv.registry",
    "Registry": "careerconv.registry",
    "get_template": "careerconv.registry",
    "list_templates": "careerconv.registry",
    "refresh_templates": "careerconv.registry",
    "resolve_template": "careerconv.registry",
    "action_calendar": "careerconv.rendering.calendar",
    "RenderFormat": "careerconv.rendering.reports",
    "prep_page": "careerconv.defaults",
    "render": "careerconv.defaults",
    "TemplateLookup": "careerconv.rules.lookup",
    "Audience": "careerconv.rules.privacy",
    "redact": "careerconv.rules.privacy",
    "json_schema": "careerconv.api",
    "to_data": "careerconv.rules.structure",
    "Orphan": "careerconv.workflow.diff",
    "TemplateDiff": "careerconv.workflow.diff",
    "diff_templates": "careerconv.workflow.diff",
    "draft_record": "careerconv.workflow.drafts",
    "History": "careerconv.workflow.history",
    "MotivationShift": "careerconv.workflow.history",
    "Move": "careerconv.workflow.history",
    "OverdueAction": "careerconv.workflow.history",
    "motivation_shift": "careerconv.workflow.history",
    "Progress": "careerconv.workflow.session",
    "SectionProgress": "careerconv.workflow.session",
    "Session": "careerconv.workflow.session",
    "progress": "careerconv.workflow.session",
    "start_conversation": "careerconv.defaults",
}


def __getattr__(name: str) -> object:
    """Load a name of the API on first use, and ``__version__`` from the installed metadata."""
    if name == "__version__":
        return _importlib.import_module("importlib.metadata").version("careerconv")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerconv' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    if name in _SHOWN:
        _show_rich(value)
    globals()[name] = value
    return value


# Rich display in any notebook front end (Jupyter, marimo, VS Code...): ``_repr_html_`` and ``_repr_markdown_``,
# wired here, at the top, so the model imports no rendering. They show what the employee may read, and load
# the rendering on first use. Histories and bulk reads are wired when they are first loaded.
_SHOWN = {"Template", "Conversation", "GrowPlan", "History", "LoadResult"}


def _show_rich(cls: object) -> None:
    def html(self: object) -> str:
        return str(_importlib.import_module("careerconv.defaults").display(self, "html"))

    def markdown(self: object) -> str:
        return str(_importlib.import_module("careerconv.defaults").display(self, "markdown"))

    setattr(cls, "_repr_html_", html)  # noqa: B010 - attrs classes declare no such attribute
    setattr(cls, "_repr_markdown_", markdown)  # noqa: B010


for _cls in (Template, Conversation, GrowPlan):
    _show_rich(_cls)


def __dir__() -> list[str]:
    """The API, and nothing the module uses to build it."""
    return sorted([*__all__, "__version__"])


# In a notebook, templates, records, GROW plans and histories show as what their employee may read.
if "IPython" in _sys.modules:
    from careerconv.defaults import DEFAULT as _DEFAULT
    from careerconv.rendering.notebook import register as _register

    _register(registry=_DEFAULT)
