# What type checkers see of careerconv: every public name, from the module that defines it.
# __init__.py loads these names on first use; tests/test_api_surface.py keeps the two in step.

from careerconv.analytics.arrow import (
    ExportResult as ExportResult,
)
from careerconv.analytics.grouping import (
    Grouping as Grouping,
)
from careerconv.analytics.grouping import (
    Period as Period,
)
from careerconv.analytics.grouping import (
    Roster as Roster,
)
from careerconv.analytics.summaries import (
    overdue_actions as overdue_actions,
)
from careerconv.analytics.tables import (
    Table as Table,
)
from careerconv.api import (
    edit_record as edit_record,
)
from careerconv.api import (
    export_translation as export_translation,
)
from careerconv.api import (
    from_data as from_data,
)
from careerconv.api import (
    import_translation as import_translation,
)
from careerconv.api import (
    iter_conversations as iter_conversations,
)
from careerconv.api import (
    json_schema as json_schema,
)
from careerconv.api import (
    load as load,
)
from careerconv.api import (
    load_conversations as load_conversations,
)
from careerconv.api import (
    loads as loads,
)
from careerconv.api import (
    validate as validate,
)
from careerconv.defaults import (
    Publication as Publication,
)
from careerconv.defaults import (
    export_archive as export_archive,
)
from careerconv.defaults import (
    prep_page as prep_page,
)
from careerconv.defaults import (
    render as render,
)
from careerconv.defaults import (
    start_conversation as start_conversation,
)
from careerconv.defaults import (
    summarize_motivations as summarize_motivations,
)
from careerconv.defaults import (
    to_arrow as to_arrow,
)
from careerconv.defaults import (
    to_pandas as to_pandas,
)
from careerconv.documents.core import (
    Document as Document,
)
from careerconv.documents.core import (
    Format as Format,
)
from careerconv.documents.core import (
    dump as dump,
)
from careerconv.documents.core import (
    dumps as dumps,
)
from careerconv.documents.core import (
    translation_problems as translation_problems,
)
from careerconv.documents.editing import (
    RecordEditor as RecordEditor,
)
from careerconv.documents.editing import (
    migrate as migrate,
)
from careerconv.documents.streaming import (
    LoadResult as LoadResult,
)
from careerconv.documents.streaming import (
    OnError as OnError,
)
from careerconv.documents.streaming import (
    RecordStream as RecordStream,
)
from careerconv.documents.streaming import (
    dump_conversations as dump_conversations,
)
from careerconv.documents.translating import (
    TranslationResult as TranslationResult,
)
from careerconv.errors import (
    CareerconvError as CareerconvError,
)
from careerconv.errors import (
    Finding as Finding,
)
from careerconv.errors import (
    PluginError as PluginError,
)
from careerconv.errors import (
    PluginWarning as PluginWarning,
)
from careerconv.errors import (
    Problem as Problem,
)
from careerconv.errors import (
    TemplateNotFoundError as TemplateNotFoundError,
)
from careerconv.errors import (
    ValidationError as ValidationError,
)
from careerconv.model import (
    Action as Action,
)
from careerconv.model import (
    ActionOwner as ActionOwner,
)
from careerconv.model import (
    ActionStatus as ActionStatus,
)
from careerconv.model import (
    Addition as Addition,
)
from careerconv.model import (
    Answer as Answer,
)
from careerconv.model import (
    AnswerValue as AnswerValue,
)
from careerconv.model import (
    Change as Change,
)
from careerconv.model import (
    Choice as Choice,
)
from careerconv.model import (
    Conversation as Conversation,
)
from careerconv.model import (
    Goal as Goal,
)
from careerconv.model import (
    GrowPlan as GrowPlan,
)
from careerconv.model import (
    GrowStage as GrowStage,
)
from careerconv.model import (
    Motivation as Motivation,
)
from careerconv.model import (
    MotivationRanking as MotivationRanking,
)
from careerconv.model import (
    Note as Note,
)
from careerconv.model import (
    Option as Option,
)
from careerconv.model import (
    Parameter as Parameter,
)
from careerconv.model import (
    Person as Person,
)
from careerconv.model import (
    Question as Question,
)
from careerconv.model import (
    Reality as Reality,
)
from careerconv.model import (
    Replacement as Replacement,
)
from careerconv.model import (
    Section as Section,
)
from careerconv.model import (
    Template as Template,
)
from careerconv.model import (
    TemplateRef as TemplateRef,
)
from careerconv.model import (
    Visibility as Visibility,
)
from careerconv.model import (
    action_id as action_id,
)
from careerconv.publish import (
    team_report as team_report,
)
from careerconv.questions import (
    QuestionType as QuestionType,
)
from careerconv.registry import (
    Listing as Listing,
)
from careerconv.registry import (
    Registry as Registry,
)
from careerconv.registry import (
    get_template as get_template,
)
from careerconv.registry import (
    list_templates as list_templates,
)
from careerconv.registry import (
    refresh_templates as refresh_templates,
)
from careerconv.registry import (
    resolve_template as resolve_template,
)
from careerconv.rendering.calendar import (
    action_calendar as action_calendar,
)
from careerconv.rendering.reports import (
    RenderFormat as RenderFormat,
)
from careerconv.rules.lookup import (
    TemplateLookup as TemplateLookup,
)
from careerconv.rules.privacy import (
    Audience as Audience,
)
from careerconv.rules.privacy import (
    redact as redact,
)
from careerconv.rules.schema import (
    DocumentKind as DocumentKind,
)
from careerconv.rules.structure import (
    to_data as to_data,
)
from careerconv.workflow.diff import (
    Orphan as Orphan,
)
from careerconv.workflow.diff import (
    TemplateDiff as TemplateDiff,
)
from careerconv.workflow.diff import (
    diff_templates as diff_templates,
)
from careerconv.workflow.drafts import (
    draft_record as draft_record,
)
from careerconv.workflow.history import (
    History as History,
)
from careerconv.workflow.history import (
    MotivationShift as MotivationShift,
)
from careerconv.workflow.history import (
    Move as Move,
)
from careerconv.workflow.history import (
    OverdueAction as OverdueAction,
)
from careerconv.workflow.history import (
    motivation_shift as motivation_shift,
)
from careerconv.workflow.session import (
    Progress as Progress,
)
from careerconv.workflow.session import (
    SectionProgress as SectionProgress,
)
from careerconv.workflow.session import (
    Session as Session,
)
from careerconv.workflow.session import (
    progress as progress,
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
    "Finding",
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
    "TranslationResult",
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
    "export_translation",
    "from_data",
    "get_template",
    "import_translation",
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

__version__: str
