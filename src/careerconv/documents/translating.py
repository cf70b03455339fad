"""Translators' round trip: a template's texts to a gettext PO file, and a PO file back to a translation file.

Each translatable text (`careerconv.rules.translations.texts`) is one PO entry: ``msgctxt`` its place (made of
ids), ``msgid`` the original's text, ``msgstr`` the translation, a comment saying where it is. The header names
the template and its version (``Project-Id-Version: standard 1.0.0``) and the language. PO files are written and
read by Babel (``babel.messages.pofile``, the ``translate`` extra), not by a parser of careerconv's own.

Reading a PO back writes the translation file the registry reads: a new one made from the original, or the
translator's own file updated in place, its comments and layout kept. Each translated text records the short
hash of the original text it was made from (``translated_from``), so a later rewording of the original shows
as ``translation-stale``. An empty or fuzzy ``msgstr`` is a missing translation: the text is left as it was
(the original's, in a new file) and the place is listed as ``translation-coverage``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from typing import Any

import attrs

from careerconv.documents.core import _loads
from careerconv.documents.editing import round_trip, set_text, written
from careerconv.errors import Problem, ValidationError
from careerconv.formats import emitter
from careerconv.formats import json as json_format
from careerconv.formats.plain import capped, json_path
from careerconv.model import Template
from careerconv.rules.structure import to_data
from careerconv.rules.translations import Text, check_translation, same_locale, text_hash, texts

__all__ = ["PoEntry", "PoFile", "TranslationResult", "export_po", "read_po", "translation_file"]

#: How a PO file's header names the template: ``Project-Id-Version: NAME VERSION``.
_PROJECT = re.compile(r'^"Project-Id-Version:', re.MULTILINE)


@attrs.frozen(kw_only=True)
class PoEntry:
    """One entry of a PO file: the text's place, the original text, its translation ('' if none) and line."""

    place: str
    original: str
    translation: str
    line: int
    plural: bool = False


@attrs.frozen(kw_only=True)
class PoFile:
    """A PO file as careerconv reads it: the template, version and language its header names, and its entries."""

    name: str
    version: str
    locale: str
    entries: tuple[PoEntry, ...]
    source: str
    header_line: int = 1


@attrs.frozen(kw_only=True)
class TranslationResult:
    """What [`import_translation`][careerconv.import_translation] wrote, and what the translation still lacks.

    ``warnings`` are located in the PO file: ``translation-coverage`` for each text left untranslated (it keeps
    the original's words), ``translation-stale`` for each text translated from an earlier wording of the original.

    Examples:
        >>> from careerconv import Template
        >>> TranslationResult(translation=Template(name="mini", version="1", title="Mini"), warnings=()).warnings
        ()
    """

    translation: Template
    warnings: tuple[Problem, ...]


def _babel() -> Any:
    try:
        from babel.messages import catalog, pofile  # noqa: PLC0415 - an optional dependency, imported when used
    except ImportError:
        raise ImportError("translating templates needs Babel: pip install 'careerconv[translate]'") from None
    return catalog, pofile


def export_po(original: Template, locale: str, existing: Template | None = None) -> str:
    """The PO file of ``original``'s texts for ``locale``; ``existing`` (a translation) fills in the ``msgstr``.

    Examples:
        >>> from careerconv import get_template
        >>> po = export_po(get_template("standard"), "fr")
        >>> print(po[po.index("#. the template"):].split("\\n\\n")[0])
        #. the template
        msgctxt "title"
        msgid "Career Conversations"
        msgstr ""
    """
    catalog_module, pofile = _babel()
    translated = {text.place: text.text for text in texts(to_data(existing))} if existing is not None else {}
    header = (
        f"{_language_name(locale)} translation of careerconv template {original.name} {original.version}.\n"
        "Translate each msgstr; keep each {name} as it is (the template's parameters).\n"
        "Read it back with: careerconv translate import FILE.po -o FILE.yaml"
    )
    catalog = catalog_module.Catalog(
        locale=None,
        header_comment="\n".join(f"# {line}" for line in header.splitlines()),
        project=original.name,
        version=original.version,
        creation_date=dt.datetime.now(dt.timezone.utc),
        fuzzy=False,
    )
    for text in texts(to_data(original)):
        catalog.add(text.text, translated.get(text.place, ""), context=text.place, auto_comments=[text.where])
    po = _written_po(pofile, catalog)
    # Babel writes the header's language from a locale it knows; the template's tag is written as it is.
    return po.replace('"MIME-Version: 1.0\\n"', f'"Language: {locale}\\n"\n"MIME-Version: 1.0\\n"', 1)


def _written_po(pofile: Any, catalog: Any) -> str:
    """The catalog as PO text that reads back as it is: lines wrapped at 100 columns, unless that changes a text.

    Babel's wrapping can change a long text of spaces and tabs ending in a line break (it adds one, in the
    ``msgid`` as in the ``msgstr``); then the file is written again without wrapping, each text on one line.
    """
    for width in (100, 0):
        buffer = io.BytesIO()
        pofile.write_po(buffer, catalog, width=width, sort_output=False, omit_header=False)
        read = pofile.read_po(io.BytesIO(buffer.getvalue()), charset="utf-8")
        if all(_same(read.get(m.id, context=m.context), m) for m in catalog if m.id):
            break
    return buffer.getvalue().decode("utf-8")


def _same(read: Any, written: Any) -> bool:
    """Whether an entry read back is the one written (Babel's wrapping can change the ``msgid`` too)."""
    return read is not None and read.string == written.string


def _language_name(locale: str) -> str:
    """The language's English name as Babel knows it (``French (Canada)``), else the tag itself (``The tlh``)."""
    from babel import Locale  # noqa: PLC0415 - an optional dependency, imported when used

    try:
        return str(Locale.parse(locale.replace("-", "_")).english_name)
    except Exception:  # noqa: BLE001 - a tag Babel does not know (or cannot parse): named as it is
        return f"The {locale}"


def read_po(data: bytes, source: str) -> PoFile:
    """The header and entries of a PO file; a file that is not one is a ``ValidationError``, located.

    Each entry's line is its first (``msgctxt``). A place given twice, or a plural entry (``msgid_plural``:
    careerconv's texts have no plural forms), is refused at its line; a header that names no template and
    version or no language is ``invalid-po``.

    Examples:
        >>> from careerconv import get_template
        >>> po = read_po(export_po(get_template("standard"), "fr").encode(), "fr.po")
        >>> po.name, po.version, po.locale, po.entries[0].place, po.entries[0].line
        ('standard', '1.0.0', 'fr', 'title', 19)
    """
    _, pofile = _babel()
    try:
        catalog = pofile.read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except Exception as error:  # noqa: BLE001 - Babel's parser on a damaged file: a bad charset, locale, syntax
        line = _error_line(str(error))
        raise ValidationError([_at("not a PO file careerconv can read", "invalid-po", source, line)]) from None
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")  # not splitlines(): a text may hold U+2028, which is no line break in a PO file
    match = _PROJECT.search(text)
    header_line = text.count("\n", 0, match.start()) + 1 if match else 1
    headers = dict(catalog.mime_headers)
    project = str(headers.get("Project-Id-Version", "")).split() if match else []
    locale = str(headers.get("Language", "")).strip()
    if len(project) != 2 or not locale:
        message = "the header names no template and version (Project-Id-Version: NAME VERSION) or no Language"
        raise ValidationError([_at(message, "invalid-po", source, header_line)])
    entries = []
    problems = _repeated_contexts(lines, source, pofile.unescape)
    for message in catalog:
        if not message.id:
            continue
        line = _first_line(lines, int(message.lineno or 1))
        place = str(message.context or "")
        if not isinstance(message.id, str):  # msgid_plural: only the place is checked first, at the caller
            entries.append(PoEntry(place=place, original="", translation="", line=line, plural=True))
            continue
        translation = "" if message.fuzzy else str(message.string or "")
        entries.append(PoEntry(place=place, original=str(message.id), translation=translation, line=line))
    if problems:
        raise ValidationError(capped(problems))
    return PoFile(
        name=project[0],
        version=project[1],
        locale=locale,
        entries=tuple(entries),
        source=source,
        header_line=header_line,
    )


#: A ``msgctxt`` (not an obsolete ``#~`` one), its text quoted; a long or multi-line one goes on in quoted lines.
_CONTEXT = re.compile(r'^msgctxt (".*")\s*$')
_MORE = re.compile(r'^(".*")\s*$')


def _repeated_contexts(lines: list[str], source: str, unescape: Any) -> list[Problem]:
    """A place given twice in the file, each repetition at its line: Babel would keep one of them silently."""
    first: dict[str, int] = {}
    problems = []
    for number, line in enumerate(lines, start=1):
        found = _CONTEXT.match(line)
        if found is None:
            continue
        parts = [found.group(1)]
        for more in lines[number:]:
            quoted = _MORE.match(more)
            if quoted is None:
                break
            parts.append(quoted.group(1))
        context = "".join(unescape(part) for part in parts)
        seen = first.setdefault(context, number)
        if seen != number:
            message = f"this msgctxt was given before, at line {seen}: one entry a text"
            problems.append(_at(message, "duplicate-context", source, number))
    return problems


def _first_line(lines: list[str], msgid_line: int) -> int:
    """An entry's first line: its ``msgctxt`` just above its ``msgid`` (Babel gives the ``msgid``'s line)."""
    above = msgid_line - 2
    return msgid_line - 1 if 0 <= above < len(lines) and lines[above].startswith("msgctxt") else msgid_line


def _at(message: str, code: str, source: str | None, line: int | None) -> Problem:
    """A problem of the PO file (or the output), at a line when known."""
    return Problem(path="$", message=message, code=code, source=source, line=line)


def _error_line(message: str) -> int | None:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def translation_file(
    original: Template,
    po: PoFile,
    existing: bytes | None = None,
    existing_source: str | None = None,
    *,
    format: str = "yaml",
) -> tuple[str, Template, list[Problem]]:
    """The translation file ``po`` makes of ``original`` (updating ``existing``, the output's bytes, when given).

    Returns its text (YAML, or JSON with ``format="json"``), the translation it holds, and what it lacks or what
    changed since (warnings: a ``translation-coverage`` for each text left untranslated, a ``translation-stale``
    for each text whose original was reworded since the PO was made). A PO of another template, version or
    language, an unknown place, a plural entry, or a text that breaks a template's rule is a
    ``ValidationError`` located at its line in the PO file.

    Examples:
        >>> from careerconv import get_template
        >>> english = get_template("standard")
        >>> po = read_po(export_po(english, "fr").encode(), "fr.po")
        >>> po = attrs.evolve(po, entries=(attrs.evolve(po.entries[0], translation="Conversations de carrière"),))
        >>> text, french, warnings = translation_file(english, po)
        >>> french.title, french.locale, french.translated_from
        ('Conversations de carrière', 'fr', {'title': '2ac37072'})
        >>> len(warnings), warnings[0].code
        (57, 'translation-coverage')
    """
    _check_header(original, po)
    places = {text.place: text for text in texts(to_data(original))}
    _check_entries(original, po, places)
    data, writer = _base(original, po, existing, existing_source, format)
    given = {entry.place: entry for entry in po.entries}
    warnings = _translate(data, places, given, po)
    if writer is not None:
        output = written(writer, data, existing_source)
    else:
        output = emitter.emit(data) if format == "yaml" else json_format.dumps(data)
    lines = {json_path(text.path): given[text.place].line for text in places.values() if text.place in given}
    translation = _checked(original, output, po, format, lines)
    return output, translation, warnings


def _check_entries(original: Template, po: PoFile, places: Mapping[str, Text]) -> None:
    """Every entry names a text of ``original`` and is no plural entry; else each is refused at its line."""
    unknown = f"msgctxt names no text of template {original.name} {original.version}"
    plural = "a plural entry (msgid_plural): a template's texts have no plural forms"
    problems = [
        _at(unknown, "unknown-context", po.source, e.line)
        if e.place not in places
        else _at(plural, "invalid-po", po.source, e.line)
        for e in po.entries
        if e.place not in places or e.plural
    ]
    if problems:
        raise ValidationError(capped(problems))


def _translate(data: Any, places: Mapping[str, Text], given: Mapping[str, PoEntry], po: PoFile) -> list[Problem]:
    """Write each translated text into ``data``, with its hash; the warnings of those untranslated or stale."""
    paths = {text.place: text.path for text in texts(data)}  # in the file written: the translator's may differ
    hashes: dict[str, str] = dict(data.get("translated_from") or {})
    warnings: list[Problem] = []
    for place, text in places.items():
        entry = given.get(place)
        if entry is None or not entry.translation:
            hashes.pop(place, None)
            line = entry.line if entry is not None else po.header_line
            warnings.append(_at(f"{place}: not translated", "translation-coverage", po.source, line))
            continue
        path = paths.get(place)
        if path is None or _at_path(data, path) != entry.translation:  # an unchanged text keeps its layout
            set_text(data, path or text.path, entry.translation)
        hashes[place] = text_hash(entry.original)
        if entry.original != text.text:
            message = f"{place}: translated from an earlier text of the original; check it"
            warnings.append(_at(message, "translation-stale", po.source, entry.line))
    _set_hashes(data, {place: hashes[place] for place in places if place in hashes})  # in the file's order
    return warnings


def _check_header(original: Template, po: PoFile) -> None:
    """A PO of another template, version or language (the original's own) is refused at its header."""
    wrong = []
    if (po.name, po.version) != (original.name, original.version):
        wrong.append(f"it is for template {po.name} {po.version}, not {original.name} {original.version}")
    if same_locale(po.locale, original.locale):
        wrong.append(f"its language is the original's, {original.locale}")
    if wrong:
        problems = [
            Problem(path="$", message=m, code="translation-mismatch", source=po.source, line=po.header_line)
            for m in wrong
        ]
        raise ValidationError(problems)


def _base(
    original: Template, po: PoFile, existing: bytes | None, existing_source: str | None, format: str
) -> tuple[Any, Any]:
    """The data to write the texts into: the translator's file (round trip, comments kept), or the original's."""
    locale = po.locale.replace("_", "-")
    if existing is None:
        data = to_data(original)
        data["locale"] = locale
        data.pop("translated_from", None)
        return data, None
    current = _loads(existing, format, existing_source, None, resolve=False)  # invalid-utf8 and all, located
    if not isinstance(current, Template):
        raise ValidationError([_at("the output is a record, not a template", "wrong-kind", existing_source, None)])
    same = (current.name, current.version) == (original.name, original.version) and same_locale(current.locale, locale)
    if not same or current.extends is not None:
        message = (
            f"the output holds template {current.name} {current.version} ({current.locale})"
            + (", a derived one" if current.extends is not None else "")
            + f"; this PO makes {original.name} {original.version} ({locale})"
        )
        raise ValidationError([_at(message, "translation-mismatch", po.source, po.header_line)])
    if format != "yaml":  # JSON holds no comments: its data, written again
        return to_data(current), None
    return round_trip(existing.decode("utf-8"), existing_source)


def _at_path(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _set_hashes(data: Any, hashes: Mapping[str, str]) -> None:
    if hashes:
        data["translated_from"] = dict(hashes)
    elif "translated_from" in data:
        del data["translated_from"]


def _checked(original: Template, text: str, po: PoFile, format: str, lines: Mapping[str, int]) -> Template:
    """The translation written: a valid template with the original's ids, else nothing is written.

    A problem at a text's path is located at its entry's line in the PO file (``lines``); one of the language
    at the header's line.
    """
    lines = {**lines, "$.locale": po.header_line}
    try:
        translation = _loads(text, format, po.source, None, resolve=False)
    except ValidationError as error:
        problems = [attrs.evolve(p, source=po.source, line=lines.get(p.path), column=None) for p in error.problems]
        raise ValidationError(capped(problems)) from None
    if not isinstance(translation, Template):  # pragma: no cover - made from a template
        raise TypeError("a translation file holds a template")
    found = [_at(f.message, f.code, po.source, None) for f in check_translation(original, translation)]
    if found:
        raise ValidationError(capped(found))
    return translation
