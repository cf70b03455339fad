"""The top-level functions that read and check documents: where the default registry meets the documents layer.

The documents layer (``careerconv.documents``) is handed a template lookup and never reaches for a registry;
these functions pass ``registry``, or the default registry when it is ``None``. Everything else of the API
is re-exported by ``careerconv`` from the module that defines it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, overload

from careerconv.documents import core, editing, streaming, translating
from careerconv.documents.core import Document, Format
from careerconv.documents.editing import RecordEditor
from careerconv.documents.streaming import LoadResult, OnError, RecordStream
from careerconv.documents.translating import TranslationResult
from careerconv.errors import Problem, TemplateNotFoundError, ValidationError
from careerconv.formats import plain
from careerconv.model import Conversation, Template
from careerconv.registry import Registry, default_registry
from careerconv.rules import schema
from careerconv.rules.lookup import TemplateLookup
from careerconv.rules.schema import DocumentKind
from careerconv.rules.translations import same_locale

__all__ = [
    "edit_record",
    "export_translation",
    "from_data",
    "import_translation",
    "iter_conversations",
    "json_schema",
    "load",
    "load_conversations",
    "loads",
    "validate",
]


def _lookup(registry: TemplateLookup | None) -> TemplateLookup:
    return default_registry() if registry is None else registry


@overload
def load(
    path: str | os.PathLike[str],
    *,
    kind: Literal["conversation"],
    registry: Registry | None = None,
    resolve: bool = True,
    complete: bool = False,
) -> Conversation: ...
@overload
def load(
    path: str | os.PathLike[str],
    *,
    kind: Literal["template"],
    registry: Registry | None = None,
    resolve: bool = True,
    complete: bool = False,
) -> Template: ...
@overload
def load(
    path: str | os.PathLike[str],
    *,
    kind: None = None,
    registry: Registry | None = None,
    resolve: bool = True,
    complete: bool = False,
) -> Document: ...
def load(
    path: str | os.PathLike[str],
    *,
    kind: DocumentKind | None = None,
    registry: Registry | None = None,
    resolve: bool = True,
    complete: bool = False,
) -> Document:
    """Read a template or conversation record from a ``.yaml``, ``.yml`` or ``.json`` file.

    Raises [`ValidationError`][careerconv.ValidationError] listing every problem, each with the file, line and column.
    With ``resolve=False`` nothing is looked up in the registry: a record is not checked against its
    template, a derived template not against its base. Only the template says which answers are dates, so
    without it a date answer stays the text ``YYYY-MM-DD``. With ``complete=True`` a record must also
    answer every required question (``unanswered-required``). With ``kind="conversation"`` (or
    ``"template"``) the document must be one (``wrong-kind``), and type checkers know what comes back.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.yaml"
        >>> careerconv.dump(careerconv.get_template("standard"), path)
        >>> careerconv.load(path).name
        'standard'
    """
    document = core.load(path, registry=_lookup(registry) if resolve else registry, resolve=resolve, complete=complete)
    if kind is not None:
        core.expect_kind(document, kind, plain.read_file(path), core.format_for(path), os.fspath(path))
    return document


@overload
def loads(
    text: str | bytes,
    *,
    format: Format = "yaml",
    kind: Literal["conversation"],
    source: str | None = None,
    registry: Registry | None = None,
    complete: bool = False,
) -> Conversation: ...
@overload
def loads(
    text: str | bytes,
    *,
    format: Format = "yaml",
    kind: Literal["template"],
    source: str | None = None,
    registry: Registry | None = None,
    complete: bool = False,
) -> Template: ...
@overload
def loads(
    text: str | bytes,
    *,
    format: Format = "yaml",
    kind: None = None,
    source: str | None = None,
    registry: Registry | None = None,
    complete: bool = False,
) -> Document: ...
def loads(
    text: str | bytes,
    *,
    format: Format = "yaml",
    kind: DocumentKind | None = None,
    source: str | None = None,
    registry: Registry | None = None,
    complete: bool = False,
) -> Document:
    """Read a template or conversation record from text.

    ``source`` names the text in problems (a file name); ``registry`` is where a record's template is
    looked up (the default registry when ``None``): any object with the methods of
    [`TemplateLookup`][careerconv.TemplateLookup]. With ``complete=True`` a record must also answer every
    required question. With ``kind`` the document must be of that kind (``wrong-kind``, located at ``kind``).

    Examples:
        >>> import careerconv
        >>> doc = careerconv.loads('''
        ... kind: conversation
        ... schema_version: 1
        ... id: 2026-11-26-alex
        ... template: {name: standard, version: 1.0.0, locale: en}
        ... employee: {id: alex}
        ... ''')
        >>> doc.template.name, doc.date
        ('standard', None)
    """
    document = core.loads(text, format=format, source=source, registry=_lookup(registry), complete=complete)
    core.expect_kind(document, kind, text, format, source)
    return document


@overload
def from_data(
    data: Mapping[str, Any], *, kind: Literal["conversation"], registry: Registry | None = None
) -> Conversation: ...
@overload
def from_data(data: Mapping[str, Any], *, kind: Literal["template"], registry: Registry | None = None) -> Template: ...
@overload
def from_data(data: Mapping[str, Any], *, kind: None = None, registry: Registry | None = None) -> Document: ...
def from_data(
    data: Mapping[str, Any], *, kind: DocumentKind | None = None, registry: Registry | None = None
) -> Document:
    """A template or record from plain data (dicts, lists, text, numbers, dates), checked as a file is.

    The data holds the envelope (``kind``, ``schema_version``), as [`to_data`][careerconv.to_data] writes it. The
    problems are those the same data gets as a file, with their JSON paths (and no line or column). With ``kind`` the
    data must be of that kind (``wrong-kind``), and the return type says so:
    ``from_data(body, kind="conversation")`` is a [`Conversation`][careerconv.Conversation].

    Examples:
        >>> import careerconv
        >>> record = from_data({"kind": "conversation", "schema_version": 1, "id": "r1",
        ...                     "template": {"name": "standard"}, "employee": {"id": "alex"}})
        >>> record.employee.id
        'alex'
        >>> try:
        ...     from_data({"kind": "conversation", "schema_version": 1, "id": "r1",
        ...                "template": {"name": "standard"}, "employee": {"id": "alex", "nmae": "Alex"}})
        ... except careerconv.ValidationError as error:
        ...     print(error.problems[0])
        <string>: $.employee.nmae: unknown key 'nmae'; did you mean 'name'? [unknown-key]
    """
    document = core.from_data(data, registry=_lookup(registry))
    core.expect_kind(document, kind, None, "python", None)
    return document


def validate(obj: Document, *, registry: Registry | None = None, complete: bool = False) -> None:
    """Check an object built in Python by the same rules as a file; raise on any problem.

    A record may be half filled in. With ``complete=True`` it must also answer each question its template
    marks ``required`` (with text that is not blank, or a value); each one left out is an
    ``unanswered-required`` problem.

    Examples:
        >>> from careerconv import Template, ValidationError
        >>> try:
        ...     validate(Template(name="Mini", version="1.0.0", title="Mini"))
        ... except ValidationError as error:
        ...     print([p.code for p in error.problems])
        ['invalid-name', 'empty-template']
        >>> from careerconv import Conversation, Person, Question, Registry, Section, TemplateRef
        >>> registry = Registry(entry_points=False)
        >>> registry.register(Template(name="mini", version="1.0.0", title="Mini", sections=(
        ...     Section(id="s", title="S", questions=(Question(id="goal", text="Goal?", required=True),)),)))
        >>> record = Conversation(id="r1", template=TemplateRef(name="mini"), employee=Person(id="a"))
        >>> validate(record, registry=registry)
        >>> try:
        ...     validate(record, registry=registry, complete=True)
        ... except ValidationError as error:
        ...     print(error.problems[0])
        <string>: $.answers.goal: required question 'goal' is not answered [unanswered-required]
    """
    core.validate(obj, registry=_lookup(registry), complete=complete)


@overload
def iter_conversations(
    path: str | os.PathLike[str], *, registry: Registry | None = None, on_error: Literal["raise", "skip"] = "raise"
) -> Iterator[Conversation]: ...
@overload
def iter_conversations(
    path: str | os.PathLike[str], *, registry: Registry | None = None, on_error: Literal["collect"]
) -> RecordStream: ...
def iter_conversations(
    path: str | os.PathLike[str], *, registry: Registry | None = None, on_error: OnError = "raise"
) -> Iterator[Conversation]:
    """Yield the records of a JSON Lines file (``.jsonl``) or a folder, one at a time, each checked.

    A folder's ``.yaml``, ``.yml``, ``.json`` and ``.jsonl`` files are read in name order, sub-folders
    included, hidden files and folders (``.*``, such as ``.ipynb_checkpoints`` or macOS ``._x.yaml``) and
    ``__pycache__`` left out; each record is checked against its template. A template file in the folder is a
    ``not-a-record`` problem; a record whose id another file of the folder holds is a ``duplicate-record-id``
    problem naming where. ``~`` is expanded; a missing path raises `FileNotFoundError`.

    Only one record is in memory at a time. A bad file or line does not stop the others; ``on_error`` says
    what becomes of its problems:

    - ``"raise"`` (the default): every valid record is yielded, then a [`ValidationError`][careerconv.ValidationError]
      lists the problems of all the bad ones, each with its file and, in JSON Lines, the line;
    - ``"skip"``: the valid records only, the bad ones left out without a word;
    - ``"collect"``: a [`RecordStream`][careerconv.RecordStream], whose ``problems`` holds every problem once the
      stream is read.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> session = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex")
        >>> lines = [careerconv.dumps(session.record, format="json").replace("\\n", "")]
        >>> lines.append(lines[0].replace(session.record.id, "2026-11-27-alex"))
        >>> _ = (folder / "team.jsonl").write_text(lines[0] + "\\n\\n" + lines[1] + "\\n{}\\n")
        >>> [r.employee.id for r in iter_conversations(folder / "team.jsonl", on_error="skip")]
        ['alex', 'alex']
    """
    return streaming.iter_conversations(path, registry=_lookup(registry), on_error=on_error)


@overload
def load_conversations(
    path: str | os.PathLike[str], *, registry: Registry | None = None, on_error: Literal["raise", "skip"] = "raise"
) -> list[Conversation]: ...
@overload
def load_conversations(
    path: str | os.PathLike[str], *, registry: Registry | None = None, on_error: Literal["collect"]
) -> LoadResult: ...
def load_conversations(
    path: str | os.PathLike[str], *, registry: Registry | None = None, on_error: OnError = "raise"
) -> list[Conversation] | LoadResult:
    """Every record of a JSON Lines file or a folder: [`iter_conversations`][careerconv.iter_conversations] in one go.

    With ``on_error="raise"`` (the default) one bad file raises [`ValidationError`][careerconv.ValidationError] listing
    every problem; ``"skip"`` returns the valid records; ``"collect"`` returns a
    [`LoadResult`][careerconv.LoadResult]: the valid records and every problem (file, line, code), which a notebook
    shows as a table.

    The garbage collector is paused while the records are read (no user code runs meanwhile, and records
    hold no reference cycles), which makes a bulk load about twice as fast as collecting the stream.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> record = careerconv.start_conversation(careerconv.get_template("standard"), employee="alex").record
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> careerconv.dump_conversations([record], folder / "team.jsonl")
        >>> _ = (folder / "broken.yaml").write_text("kind: [")
        >>> result = careerconv.load_conversations(folder, on_error="collect")
        >>> [r.employee.id for r in result], [(p.line, p.code) for p in result.problems]
        (['alex'], [(1, 'yaml-syntax')])
    """
    return streaming.load_conversations(path, registry=_lookup(registry), on_error=on_error)


@contextmanager
def edit_record(path: str | os.PathLike[str], *, registry: Registry | None = None) -> Iterator[RecordEditor]:
    """Edit a YAML record in place, keeping its comments, key order and layout.

    The file must be a valid YAML record to start with (a ``.json`` file is refused with ``ValueError``); the
    edited record is checked before it is written, and written atomically. On any problem the file stays as
    it was.

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "alex.yaml"
        >>> _ = path.write_text(careerconv.draft_record(careerconv.get_template("standard"), employee="alex"))
        >>> with careerconv.edit_record(path) as record:
        ...     _ = record.answer("team", "Great people")
        >>> "\\n  team:\\n    text: Great people\\n  # Are you still learning" in path.read_text()
        True
    """
    with editing.edit_record(path, registry=_lookup(registry)) as editor:
        yield editor


def json_schema(
    kind_or_template: DocumentKind | Template | str,
    *,
    version: str | None = None,
    locale: str | None = None,
    params: Mapping[str, str] | None = None,
    complete: bool = False,
    registry: Registry | None = None,
) -> dict[str, Any]:
    """The JSON Schema of a document kind, or of one template's records (the template given, or its name).

    ``"template"`` and ``"conversation"`` name the two document kinds; any other text is a template's name,
    looked up with ``version``, ``locale`` and ``params`` as [`get_template`][careerconv.get_template] does (in
    ``registry``, or the default one). A template's schema types each answer by its question (a scale's range,
    a choice's option ids), makes the ranking a permutation of its motivations, and with ``complete=True``
    requires an answer to each required question. Raises [`TemplateNotFoundError`][careerconv.TemplateNotFoundError] for
    an unknown name, and ``ValueError`` when ``version``, ``locale``, ``params`` or ``complete`` are given with
    a document kind.

    Examples:
        >>> import careerconv
        >>> careerconv.json_schema("conversation")["title"]
        'careerconv conversation'
        >>> schema = careerconv.json_schema("standard", complete=True)
        >>> schema["properties"]["motivations"]["anyOf"][0]["properties"]["ranking"]["maxItems"]
        7
        >>> answers = careerconv.json_schema("standard", locale="es")["properties"]["answers"]["properties"]
        >>> answers["career-so-far"]["title"]
        'Cuéntame en 10 minutos tu carrera hasta hoy.'
    """
    if isinstance(kind_or_template, Template):
        if version is not None or locale is not None or params is not None:
            raise ValueError("version, locale and params choose a template by name; this one is given whole")
        return schema.json_schema(kind_or_template, complete=complete)
    kinds: dict[str, DocumentKind] = {"template": "template", "conversation": "conversation"}
    if kind_or_template in kinds:
        if version is not None or locale is not None or params is not None or complete:
            raise ValueError("version, locale, params and complete apply to a template's records, not a document kind")
        return schema.json_schema(kinds[kind_or_template])
    found = (registry or default_registry()).get(kind_or_template, version=version, locale=locale, params=params)
    return schema.json_schema(found, complete=complete)


def export_translation(name: str, *, locale: str, version: str | None = None, registry: Registry | None = None) -> str:
    """A gettext PO file of template ``name``'s texts for translators into ``locale`` (needs the ``translate`` extra).

    One entry a text: ``msgctxt`` its place (ids), ``msgid`` the original's text, ``msgstr`` the ``locale``
    translation's text when the registry has one (else empty), a comment saying where it is. The header names
    the template, its version and the language. Any PO editor (Poedit, Weblate, Crowdin) can fill it in;
    [`import_translation`][careerconv.import_translation] reads it back. The original's own language is a
    ``ValueError``; an unknown name or version a [`TemplateNotFoundError`][careerconv.TemplateNotFoundError].

    Examples:
        >>> import careerconv
        >>> po = careerconv.export_translation("standard", locale="es")
        >>> print(po[po.index("#. the template"):].split("\\n\\n")[0])
        #. the template
        msgctxt "title"
        msgid "Career Conversations"
        msgstr "Conversaciones de carrera"
    """
    found = default_registry() if registry is None else registry
    original = found.get(name, version=version)
    if same_locale(locale, original.locale):
        raise ValueError(f"{locale} is the language of template {name}'s original: translate into another one")
    existing = found.get(name, version=original.version, locale=locale)
    same = same_locale(existing.locale, locale) and existing.locale != original.locale
    return translating.export_po(original, locale, existing if same else None)


def import_translation(
    po: str | os.PathLike[str], output: str | os.PathLike[str], *, registry: Registry | None = None
) -> TranslationResult:
    """Read a translated PO file and write the translation file the registry reads (needs the ``translate`` extra).

    The PO file names its template, version and language; the original is looked up in ``registry``. ``output``
    (``.yaml``, ``.yml`` or ``.json``) is written atomically: a new file made from the original, or the
    translator's own file updated in place (a YAML file's comments and layout kept). Each translated text records
    the hash of the original text it was made from, so a later rewording shows as ``translation-stale``. A PO of
    another template, version or language, with an unknown or repeated ``msgctxt`` or a plural entry, or whose
    result is not a valid translation, is a
    [`ValidationError`][careerconv.ValidationError] located in the PO file, and nothing is written. Texts left
    untranslated (an empty or fuzzy ``msgstr``) keep the original's words and are listed in the result's
    ``warnings`` (``translation-coverage``), as are texts translated from an earlier original
    (``translation-stale``).

    Examples:
        >>> import careerconv, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> po = careerconv.export_translation("standard", locale="es")
        >>> _ = (folder / "es.po").write_text(po, encoding="utf-8")
        >>> result = careerconv.import_translation(folder / "es.po", folder / "standard.es.yaml")
        >>> result.translation.title, result.warnings
        ('Conversaciones de carrera', ())
    """
    found = default_registry() if registry is None else registry
    source = str(po)
    parsed = translating.read_po(plain.read_file(po), source)
    try:
        original = found.get(parsed.name, version=parsed.version)
    except TemplateNotFoundError as error:
        where = Problem(path="$", message=str(error), code="unknown-template", source=source, line=parsed.header_line)
        raise ValidationError([where]) from None
    target = Path(output)
    fmt = core.format_for(target)  # .yaml, .yml or .json; anything else is a ValueError
    existing = plain.read_file(target) if target.exists() else None
    text, translation, warnings = translating.translation_file(original, parsed, existing, str(target), format=fmt)
    core.write_atomic(target, text, private=False)
    return TranslationResult(translation=translation, warnings=tuple(warnings))
