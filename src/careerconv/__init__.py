"""careerconv: career conversations as typed, validated, pluggable data.

The names here are the public API; the modules behind them are not. Types and errors load with the
package; the functions that need the converter, ruamel.yaml or the registry load those on first use, so
``import careerconv`` stays cheap.

Examples:
    >>> import careerconv
    >>> template = careerconv.get_template("standard")
    >>> [section.id for section in template.sections]
    ['life-story', 'what-you-seek', 'short-term', 'long-term', 'one-thing']
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

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
    Answer,
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
    Reality,
    Section,
    Template,
    TemplateRef,
)

if TYPE_CHECKING:
    from careerconv.analytics import summarize_motivations, to_pandas
    from careerconv.diff import diff_templates
    from careerconv.documents import dump, dumps, from_data, load, loads, to_data, translation_problems, validate
    from careerconv.editing import edit_record, migrate
    from careerconv.history import History, motivation_shift
    from careerconv.privacy import redact
    from careerconv.records import draft_record
    from careerconv.registry import Registry, get_template, list_templates, refresh_templates, resolve_template
    from careerconv.rendering import render
    from careerconv.schema import json_schema
    from careerconv.session import Session, progress, start_conversation
    from careerconv.streaming import dump_conversations, iter_conversations, load_conversations

__all__ = [
    "Action",
    "Answer",
    "CareerconvError",
    "Conversation",
    "Goal",
    "GrowPlan",
    "GrowStage",
    "History",
    "Motivation",
    "MotivationRanking",
    "Note",
    "Option",
    "Parameter",
    "Person",
    "PluginError",
    "PluginWarning",
    "Problem",
    "Question",
    "Reality",
    "Registry",
    "Section",
    "Session",
    "Template",
    "TemplateNotFoundError",
    "TemplateRef",
    "ValidationError",
    "diff_templates",
    "draft_record",
    "dump",
    "dump_conversations",
    "dumps",
    "edit_record",
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
    "progress",
    "redact",
    "refresh_templates",
    "render",
    "resolve_template",
    "start_conversation",
    "summarize_motivations",
    "to_data",
    "to_pandas",
    "translation_problems",
    "validate",
]

# careerconv logs under the "careerconv" logger, silent unless the application configures logging; no message
# carries what people wrote (see docs/security.md).
logging.getLogger("careerconv").addHandler(logging.NullHandler())

_LAZY = {
    "edit_record": "careerconv.editing",
    "migrate": "careerconv.editing",
    "dump_conversations": "careerconv.streaming",
    "load_conversations": "careerconv.streaming",
    "summarize_motivations": "careerconv.analytics",
    "to_pandas": "careerconv.analytics",
    "History": "careerconv.history",
    "motivation_shift": "careerconv.history",
    "Session": "careerconv.session",
    "start_conversation": "careerconv.session",
    "progress": "careerconv.session",
    "redact": "careerconv.privacy",
    "iter_conversations": "careerconv.streaming",
    "dump": "careerconv.documents",
    "dumps": "careerconv.documents",
    "load": "careerconv.documents",
    "loads": "careerconv.documents",
    "validate": "careerconv.documents",
    "from_data": "careerconv.documents",
    "to_data": "careerconv.documents",
    "translation_problems": "careerconv.documents",
    "draft_record": "careerconv.records",
    "diff_templates": "careerconv.diff",
    "json_schema": "careerconv.schema",
    "Registry": "careerconv.registry",
    "get_template": "careerconv.registry",
    "list_templates": "careerconv.registry",
    "refresh_templates": "careerconv.registry",
    "resolve_template": "careerconv.registry",
    "render": "careerconv.rendering",
}


def __getattr__(name: str) -> Any:
    """Load the functions on first use, and ``__version__`` from the installed metadata."""
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("careerconv")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'careerconv' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY, "__version__"])
