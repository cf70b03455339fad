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

# The types and errors load with the package (they are light: attrs classes); the rest on first use.
from careerconv import errors as _errors  # noqa: F401 - loaded with the package
from careerconv import model as _model

#: The public API, each name with the module that defines it: the one list. ``__all__`` and the names loaded
#: on first use come from it; ``tests/test_api_surface.py`` holds ``__init__.pyi`` to it.
_API: dict[str, str] = {
    "ExportResult": "careerconv.analytics.arrow",
    "Grouping": "careerconv.analytics.grouping",
    "Period": "careerconv.analytics.grouping",
    "Roster": "careerconv.analytics.grouping",
    "overdue_actions": "careerconv.analytics.summaries",
    "Table": "careerconv.analytics.tables",
    "edit_record": "careerconv.api",
    "export_translation": "careerconv.api",
    "import_translation": "careerconv.api",
    "from_data": "careerconv.api",
    "iter_conversations": "careerconv.api",
    "json_schema": "careerconv.api",
    "load": "careerconv.api",
    "load_conversations": "careerconv.api",
    "loads": "careerconv.api",
    "validate": "careerconv.api",
    "Publication": "careerconv.defaults",
    "export_archive": "careerconv.defaults",
    "prep_page": "careerconv.defaults",
    "render": "careerconv.defaults",
    "start_conversation": "careerconv.defaults",
    "summarize_motivations": "careerconv.defaults",
    "to_arrow": "careerconv.defaults",
    "to_pandas": "careerconv.defaults",
    "Document": "careerconv.documents.core",
    "Format": "careerconv.documents.core",
    "dump": "careerconv.documents.core",
    "dumps": "careerconv.documents.core",
    "translation_problems": "careerconv.documents.core",
    "RecordEditor": "careerconv.documents.editing",
    "TranslationResult": "careerconv.documents.translating",
    "migrate": "careerconv.documents.editing",
    "LoadResult": "careerconv.documents.streaming",
    "OnError": "careerconv.documents.streaming",
    "RecordStream": "careerconv.documents.streaming",
    "dump_conversations": "careerconv.documents.streaming",
    "CareerconvError": "careerconv.errors",
    "PluginError": "careerconv.errors",
    "PluginWarning": "careerconv.errors",
    "Finding": "careerconv.errors",
    "Problem": "careerconv.errors",
    "TemplateNotFoundError": "careerconv.errors",
    "ValidationError": "careerconv.errors",
    "Action": "careerconv.model",
    "ActionOwner": "careerconv.model",
    "ActionStatus": "careerconv.model",
    "Addition": "careerconv.model",
    "Answer": "careerconv.model",
    "AnswerValue": "careerconv.model",
    "Change": "careerconv.model",
    "Choice": "careerconv.model",
    "Conversation": "careerconv.model",
    "Goal": "careerconv.model",
    "GrowPlan": "careerconv.model",
    "GrowStage": "careerconv.model",
    "Motivation": "careerconv.model",
    "MotivationRanking": "careerconv.model",
    "Note": "careerconv.model",
    "Option": "careerconv.model",
    "Parameter": "careerconv.model",
    "Person": "careerconv.model",
    "Question": "careerconv.model",
    "QuestionType": "careerconv.questions",
    "Reality": "careerconv.model",
    "Replacement": "careerconv.model",
    "Section": "careerconv.model",
    "Template": "careerconv.model",
    "TemplateRef": "careerconv.model",
    "Visibility": "careerconv.model",
    "action_id": "careerconv.model",
    "team_report": "careerconv.publish",
    "Listing": "careerconv.registry",
    "Registry": "careerconv.registry",
    "get_template": "careerconv.registry",
    "list_templates": "careerconv.registry",
    "refresh_templates": "careerconv.registry",
    "resolve_template": "careerconv.registry",
    "action_calendar": "careerconv.rendering.calendar",
    "RenderFormat": "careerconv.rendering.reports",
    "TemplateLookup": "careerconv.rules.lookup",
    "Audience": "careerconv.rules.privacy",
    "redact": "careerconv.rules.privacy",
    "DocumentKind": "careerconv.rules.schema",
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
}

__all__ = sorted(_API)  # noqa: PLE0605 - from the one list

# careerconv logs under the "careerconv" logger, silent unless the application configures logging; no message
# carries what people wrote (see docs/security.md).
_logging.getLogger("careerconv").addHandler(_logging.NullHandler())

#: The names that load on first use: all of them; the types and errors' modules are already loaded.
_LAZY = _API


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


for _cls in (_model.Template, _model.Conversation, _model.GrowPlan):
    _show_rich(_cls)


def __dir__() -> list[str]:
    """The API, and nothing the module uses to build it."""
    return sorted([*__all__, "__version__"])


# In a notebook, templates, records, GROW plans and histories show as what their employee may read.
if "IPython" in _sys.modules:
    from careerconv.defaults import DEFAULT as _DEFAULT
    from careerconv.rendering.notebook import register as _register

    _register(registry=_DEFAULT)
