"""The ``careerconv`` command.

Each command is one library call. Exit codes: 0 success, 1 invalid input, 2 usage error; a user's
mistake prints a message, never a traceback.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import errno
import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import attrs

import careerconv
from careerconv.analytics.grouping import in_roster
from careerconv.documents.core import write_atomic
from careerconv.errors import CareerconvError, PluginWarning, Problem, TemplateNotFoundError, ValidationError
from careerconv.formats.plain import SUFFIXES, decode, read_file
from careerconv.model import Conversation, Template
from careerconv.registry import Listing, Registry, default_registry
from careerconv.rules.derive import parse_extends
from careerconv.rules.text import FORBIDDEN_TEXT

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Usage(Exception):  # noqa: N818 - internal signal, not an error type users see
    pass


# What a terminal would obey rather than show: the characters no text may hold (FORBIDDEN_TEXT: control
# characters, DEL, C1 controls, lone surrogates, bidirectional controls) and line breaks, as a message is one line.
_UNSAFE = re.compile(f"[\t\n\u2028\u2029]|{FORBIDDEN_TEXT.pattern}")


def _safe(text: object) -> str:
    r"""``text`` as one terminal line: every character a terminal would obey written as an escape (``\x1b``).

    Examples:
        >>> print(_safe("a\x1b[2Jb\nc\u202e"))
        a\x1b[2Jb\nc\u202e
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), str(text))


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _template_options(command: argparse.ArgumentParser) -> None:
    """``--version`` and ``--locale``, for a command that takes a template by name."""
    command.add_argument("--version", dest="template_version", metavar="V", help="exact version, or a major: 1")
    command.add_argument("--locale", metavar="L", help="a BCP 47 tag: es, es-MX (falls back to es, then en)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careerconv", description="Career conversations as typed, validated data.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    sources = argparse.ArgumentParser(add_help=False)
    sources.add_argument(
        "--template-path",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of template files (repeatable; searched before CAREERCONV_TEMPLATE_PATH)",
    )
    sources.add_argument(
        "--block", action="append", default=[], metavar="NAME", help="leave out a plugin (entry point or distribution)"
    )

    commands.add_parser("templates", parents=[sources], help="list the registered templates and broken plugins")

    show = commands.add_parser("show", parents=[sources], help="print a template as the guide for the conversation")
    show.add_argument("name", metavar="NAME", help="a template name, or a template file (.yaml, .yml, .json)")
    _template_options(show)
    show.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE")
    show.add_argument("--format", choices=["markdown", "html", "yaml", "json"], default="markdown")
    show.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of to standard output")

    schema = commands.add_parser(
        "schema", parents=[sources], help="print the JSON Schema of a document kind, or of one template's records"
    )
    schema.add_argument(
        "kind", metavar="template|conversation|NAME|FILE", help="a document kind, a template name or a template file"
    )
    _template_options(schema)
    schema.add_argument("--complete", action="store_true", help="require an answer to each required question")

    diff = commands.add_parser("diff", parents=[sources], help="what changed between two templates")
    diff.add_argument("old", metavar="OLD", help="a template file, or NAME@VERSION of a registered one")
    diff.add_argument("new", metavar="NEW", help="a template file, or NAME@VERSION of a registered one")
    diff.add_argument("records", nargs="*", metavar="RECORD", help="records whose orphaned answers to list")
    diff.add_argument(
        "--audience",
        choices=["employee", "hr", "manager"],
        default="hr",
        help="whose view of the records: private answers are listed for manager only",
    )

    migrate = commands.add_parser("migrate", help="upgrade a file's schema_version, keeping comments and layout")
    migrate.add_argument("file", metavar="FILE")
    migrate.add_argument("--in-place", action="store_true", help="rewrite the file (atomically) instead of printing")

    validate = commands.add_parser("validate", parents=[sources], help="check files; silent when they are valid")
    validate.add_argument("files", nargs="+", metavar="FILE", help="a document, a .jsonl file or a folder of records")
    validate.add_argument(
        "--complete", action="store_true", help="records must answer every required question (unanswered-required)"
    )

    new = commands.add_parser("new", parents=[sources], help="write a conversation record to fill in")
    new.add_argument("name", metavar="NAME", help="a template name, or a template file (.yaml, .yml, .json)")
    _template_options(new)
    new.add_argument("--employee", metavar="ID", help="the employee's id (from --previous when given)")
    new.add_argument("--manager", metavar="ID", help="the manager's id (from --previous when given)")
    new.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="the conversation's day (today)")
    new.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE")
    new.add_argument(
        "--previous",
        metavar="FILE",
        help="the employee's last record: the employee, manager, parameters and open actions carry over",
    )
    new.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of to standard output (.json: a JSON record)"
    )

    export = commands.add_parser(
        "export", parents=[sources], help="write records as a Parquet archive for DuckDB or Spark, redacted"
    )
    export.add_argument("path", metavar="PATH", help="a .jsonl file or a folder of records")
    export.add_argument("--format", choices=["parquet"], default="parquet")
    export.add_argument("-o", "--output", required=True, metavar="DIR", help="the archive's folder (new or empty)")
    export.add_argument("--audience", choices=["employee", "hr", "manager"], default="employee")
    export.add_argument(
        "--on-error",
        choices=["raise", "skip", "collect"],
        default="raise",
        help="a bad file or line: write nothing (raise, the default), leave it out (skip), or leave it out and "
        "list its problems, exit 1 (collect)",
    )

    translate = commands.add_parser(
        "translate", help="a template's texts to and from gettext PO files, for translators"
    ).add_subparsers(dest="translate_command", metavar="export|import", required=True)
    po_out = translate.add_parser("export", parents=[sources], help="write a template's texts as a PO file")
    po_out.add_argument("name", metavar="NAME", help="a template name")
    po_out.add_argument("--version", dest="template_version", metavar="V", help="exact version, or a major: 1")
    po_out.add_argument("--locale", required=True, metavar="L", help="the language to translate into: fr, es-MX")
    po_out.add_argument(
        "-o", "--output", metavar="FILE.po", help="write here (atomically) instead of to standard output"
    )
    po_in = translate.add_parser(
        "import", parents=[sources], help="write the translation file a translated PO file makes"
    )
    po_in.add_argument("po", metavar="FILE.po", help="the translated PO file")
    po_in.add_argument(
        "-o", "--output", required=True, metavar="FILE.yaml", help="the translation file (updated in place)"
    )

    calendar = commands.add_parser(
        "calendar", parents=[sources], help="write the open actions with a due date as an iCalendar file"
    )
    calendar.add_argument("files", nargs="+", metavar="FILE", help="record files, .jsonl files or folders of records")
    calendar.add_argument("-o", "--output", required=True, metavar="FILE.ics", help="the calendar file to write")

    summary = commands.add_parser(
        "summary", parents=[sources], help="a team report: motivations and actions per group, protected"
    )
    summary.add_argument("files", nargs="+", metavar="RECORDS", help="record files, .jsonl files or folders of records")
    summary.add_argument(
        "--by",
        action="append",
        metavar="KEY",
        help="group by a record's team (the default), manager or template, or a roster's column (repeatable: "
        "the first is the outer group)",
    )
    summary.add_argument("--period", choices=["M", "Q", "Y"], help="each month, quarter or year apart")
    summary.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="the day the report is as of (today)")
    summary.add_argument("--roster", metavar="CSV", help="HR's attributes of each employee, an 'employee' column")
    summary.add_argument(
        "--ledger", metavar="FILE", help="publish through this ledger: checked against, and added to, what it holds"
    )
    summary.add_argument("--min-group-size", type=int, default=5, metavar="N", help="the smallest group shown (5)")
    summary.add_argument("--format", choices=["html", "markdown", "csv"], default="html")
    summary.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of to standard output")
    summary.add_argument(
        "--on-error",
        choices=["raise", "skip", "collect"],
        default="raise",
        help="a bad record, or an employee missing from the roster: write nothing (raise, the default), leave it "
        "out (skip), or leave it out and list its problems, exit 1 (collect)",
    )

    form = commands.add_parser(
        "form", parents=[sources], help="write a self-contained HTML form that saves a valid record"
    )
    form.add_argument("name", metavar="NAME", help="a template name, or a template file (.yaml, .yml, .json)")
    _template_options(form)
    form.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE")
    form.add_argument("--previous", metavar="FILE", help="the employee's last record: its open actions carry over")
    form.add_argument("-o", "--output", metavar="FILE", required=True, help="the HTML file to write")

    report = commands.add_parser(
        "report", parents=[sources], help="report one record, or the history of one employee across records"
    )
    report.add_argument("files", nargs="+", metavar="FILE")
    report.add_argument("--audience", choices=["employee", "hr", "manager"], default="employee")
    report.add_argument("--format", choices=["markdown", "html"], default="markdown")
    report.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="overdue as of this day (today)")
    report.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of to standard output")
    prep = commands.add_parser(
        "prep", parents=[sources], help="before the next conversation: the goal, open and overdue actions, the ranking"
    )
    prep.add_argument("files", nargs="+", metavar="FILE", help="one employee's records, in any order")
    prep.add_argument("--audience", choices=["employee", "manager"], default="employee")
    prep.add_argument("--format", choices=["markdown", "html"], default="markdown")
    prep.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="overdue as of this day (today)")
    prep.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of to standard output")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> main(["show", "standard"], stdout=out)
        0
        >>> out.getvalue().splitlines()[0]
        '# Career Conversations'
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:  # argparse prints usage errors and --help itself: to the streams given here, not sys's own
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PluginWarning)
        status = _guarded(args, parser, out, err)
    for warning in caught:
        print(f"careerconv: warning: {_safe(warning.message)}", file=err)
    return status


def _guarded(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO, err: TextIO) -> int:
    try:
        status = _run(args, parser, out, err)
        out.flush()  # a reader that went away (`| head -1`) is found here, not at exit
    except BrokenPipeError:  # the reader has what it wanted: end quietly, as `head` expects
        _silence(out)
        return EXIT_OK
    except ValidationError as error:
        _print_problems(error, err)
        return EXIT_INVALID
    except (TemplateNotFoundError, _Usage, ValueError) as error:  # ValueError: a file suffix careerconv cannot read
        print(f"careerconv: error: {_safe(error)}", file=err)
        return EXIT_USAGE
    except (CareerconvError, OSError) as error:  # a plugin that fails to load, a file that cannot be written
        print(f"careerconv: error: {_safe(error)}", file=err)
        return EXIT_INVALID
    return status


def _silence(out: TextIO) -> None:
    """After a closed pipe, point ``out``'s descriptor at the null device: Python's flush at exit stays quiet."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # a stream without a descriptor (a test's)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, out.fileno())
        os.close(null)


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO, err: TextIO) -> int:
    if args.version:
        print(careerconv.__version__, file=out)
        return EXIT_OK
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    return _COMMANDS[args.command](args, _registry(args), out, err)  # each command: one handler of the table


def _templates_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv templates``: the registry's templates, a line each (broken ones with their reason)."""
    for row in registry.catalog():
        print(_listing(row), file=out)
    return EXIT_OK


def _show_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv show``: the printable guide of a template."""
    template = _named_template(args.name, args, registry)
    text = careerconv.render(template, format=args.format, params=dict(args.param))
    return _emit(text, args.output, out, private=False)


def _form_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv form``: the fill-in form of a template."""
    template = _named_template(args.name, args, registry)
    previous = _record(args.previous, registry) if args.previous else None
    text = careerconv.render(template, format="form", params=dict(args.param), previous=previous)
    return _emit(text, args.output, out, private=previous is not None)  # carried actions are personal


def _report_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv report``: the report of one record, or the history of one employee."""
    records = [_record(path, registry) for path in args.files]
    subject = records[0] if len(records) == 1 else careerconv.History(records)
    latest = subject if isinstance(subject, Conversation) else subject.latest
    template = registry.pinned(latest.template)  # from this command's sources: --template-path too
    text = careerconv.render(subject, format=args.format, audience=args.audience, template=template, today=args.today)
    return _emit(text, args.output, out, private=True)  # a report on a person: personal data


def _prep_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv prep``: the page to read before the next conversation."""
    records = [_record(path, registry) for path in args.files]
    latest = max(records, key=lambda r: (r.date or dt.date.min, r.id))
    text = careerconv.prep_page(
        records,
        audience=args.audience,
        format=args.format,
        today=args.today,
        template=registry.pinned(latest.template),  # from this command's sources: --template-path too
    )
    return _emit(text, args.output, out, private=True)  # a page on a person: personal data


def _validate_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv validate``: silent when every file is valid; else a line per problem."""
    return _validate(args.files, registry, err, complete=args.complete)


def _export_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:
    """``careerconv export``: an archive of the records for DuckDB or Spark."""
    try:
        result = careerconv.export_archive(
            args.path,
            args.output,
            format=args.format,
            audience=args.audience,
            on_error=args.on_error,
            registry=registry,
        )
    except FileExistsError as error:
        raise _Usage(f"{args.output}: {error.strerror}; export writes a new archive") from None
    rows = ", ".join(f"{table} {count:,}" for table, count in result.rows.items())
    print(_safe(f"{result.records:,} records written to {result.path} for {args.audience}: rows {rows}"), file=out)
    if result.problems:  # on_error="collect": the files and lines left out
        _print_problems(ValidationError(list(result.problems)), err)
        return EXIT_INVALID
    return EXIT_OK


def _calendar_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv calendar``: the open actions with a due date, as iCalendar."""
    return _calendar(args.files, args.output, registry)


def _summary_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:
    """``careerconv summary``: a protected team report."""
    return _summary(args, registry, out, err)


def _migrate_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv migrate``: a file upgraded to the current schema, keeping comments and layout."""
    original, unreadable = decode(read_file(args.file), args.file)
    if original is None:
        raise ValidationError(unreadable)
    upgraded = careerconv.migrate(original, source=args.file)
    if not args.in_place:
        out.write(upgraded)
    elif upgraded != original:
        write_atomic(Path(args.file), upgraded)
    return EXIT_OK


def _schema_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv schema``: the JSON Schema of a document kind, or of a template's records."""
    if args.kind in ("template", "conversation"):
        if args.complete or args.locale or args.template_version:
            raise _Usage("--complete, --locale and --version apply to a template's records, not a document kind")
        schema = careerconv.json_schema(args.kind)
    else:
        schema = careerconv.json_schema(_named_template(args.kind, args, registry), complete=args.complete)
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _diff_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv diff``: what changed between two template versions, and the answers it orphans."""
    old, new = (_template_arg(text, registry) for text in (args.old, args.new))
    documents = [careerconv.load(path, resolve=False) for path in args.records]
    conversations = [r for r in documents if isinstance(r, careerconv.Conversation)]
    if len(conversations) != len(documents):
        raise _Usage("diff takes templates as OLD and NEW, then conversation records")
    found = careerconv.diff_templates(old, new, conversations, audience=args.audience)
    print("\n".join(_safe(line) for line in found.lines()), file=out)
    return EXIT_OK


def _new_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:  # noqa: ARG001 - one signature for all
    """``careerconv new``: a record to fill in."""
    template = _named_template(args.name, args, registry)
    previous = _record(args.previous, registry) if args.previous else None
    text = careerconv.draft_record(
        template,
        employee=args.employee,
        manager=args.manager,
        date=args.date,
        params=dict(args.param),
        previous=previous,
    )
    if args.output:
        target = Path(args.output)
        if target.exists():
            raise _Usage(f"{target} exists; careerconv new never overwrites a record")
        if SUFFIXES.get(target.suffix.lower()) is None:
            raise _Usage(f"{target}: careerconv new writes .yaml, .yml or .json records")
        if SUFFIXES[target.suffix.lower()] == "json":  # JSON holds no comments: the record, to fill in
            text = careerconv.dumps(careerconv.loads(text, registry=registry), format="json")
        write_atomic(target, text, private=True)
    else:
        out.write(text)
    return EXIT_OK


def _translate_command(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:
    """``careerconv translate export|import``: one library call each; an import's warnings to standard error."""
    try:
        if args.translate_command == "export":
            po = careerconv.export_translation(
                args.name, locale=args.locale, version=args.template_version, registry=registry
            )
            return _emit(po, args.output, out, private=False)
        result = careerconv.import_translation(args.po, args.output, registry=registry)
    except ImportError as error:  # the extra is not installed: a setup to fix, not bad input
        raise _Usage(str(error)) from None
    for warning in result.warnings:
        print(f"careerconv: warning: {_safe(warning)}", file=err)
    return EXIT_OK


#: Each command's handler: the one place a command is dispatched.
_COMMANDS: dict[str, Callable[[argparse.Namespace, Registry, TextIO, TextIO], int]] = {
    "templates": _templates_command,
    "show": _show_command,
    "form": _form_command,
    "report": _report_command,
    "prep": _prep_command,
    "validate": _validate_command,
    "export": _export_command,
    "calendar": _calendar_command,
    "summary": _summary_command,
    "migrate": _migrate_command,
    "schema": _schema_command,
    "diff": _diff_command,
    "new": _new_command,
    "translate": _translate_command,
}


def _records(files: list[str], registry: Registry) -> tuple[list[Conversation], list[Problem]]:
    """The records of record files, ``.jsonl`` files and folders, and the problems of those that are not."""
    records: list[Conversation] = []
    problems: list[Problem] = []
    for name in files:
        if Path(name).is_dir() or name.lower().endswith(".jsonl"):
            result = careerconv.load_conversations(name, registry=registry, on_error="collect")
            records += result.records
            problems += result.problems
        else:
            try:
                records.append(_record(name, registry))
            except ValidationError as error:
                problems += error.problems
    return records, problems


def _summary(args: argparse.Namespace, registry: Registry, out: TextIO, err: TextIO) -> int:
    """``careerconv summary``: the records read (per ``--on-error``), then one library call, the team report."""
    records, problems = _records(args.files, registry)
    roster = careerconv.Roster.of(args.roster) if args.roster else None
    if args.on_error != "raise":  # an employee missing from the roster: left out, and listed with collect
        records = in_roster(records, roster, "collect", problems)
    if problems and args.on_error == "raise":
        raise ValidationError(problems)
    text = careerconv.team_report(
        records,
        by=args.by or "team",
        period=args.period,
        today=args.today,
        roster=roster,
        ledger=args.ledger,
        format=args.format,
        min_group_size=args.min_group_size,
        registry=registry,
    )
    _emit(text, args.output, out, private=False)
    if problems and args.on_error == "collect":
        _print_problems(ValidationError(problems), err)
        return EXIT_INVALID
    return EXIT_OK


def _calendar(files: list[str], output: str, registry: Registry) -> int:
    """``careerconv calendar``: every record read, nothing written if one is invalid; then one library call."""
    if not output.lower().endswith(".ics"):
        raise _Usage(f"{output}: careerconv calendar writes an iCalendar file; give -o a name ending in .ics")
    records, problems = _records(files, registry)
    if problems:
        raise ValidationError(problems)
    try:
        data = careerconv.action_calendar(records)
    except ImportError as error:  # the extra is not installed: a setup to fix, not bad input
        raise _Usage(str(error)) from None
    write_atomic(Path(output), [data], private=True)  # actions agreed with a person: personal data
    return EXIT_OK


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _emit(text: str, output: str | None, out: TextIO, *, private: bool) -> int:
    if output:
        write_atomic(Path(output), text, private=private)
    else:
        out.write(text)
    return EXIT_OK


def _record(path: str, registry: Registry) -> Conversation:
    document = careerconv.load(path, registry=registry)
    if not isinstance(document, careerconv.Conversation):
        raise _Usage(f"{path} is a template, not a conversation record")
    return document


def _is_file(text: str) -> bool:
    return Path(text).suffix.lower() in SUFFIXES


def _named_template(text: str, args: argparse.Namespace, registry: Registry) -> Template:
    """The template of ``show``, ``new``, ``schema`` and ``form``: a file, or a name with --version and --locale."""
    if _is_file(text):
        if args.locale or args.template_version:
            raise _Usage("--locale and --version choose among a name's templates; a template file is one of them")
        return _template_arg(text, registry)
    template = registry.get(text, version=args.template_version, locale=args.locale)
    if args.locale and _language(template.locale) != _language(args.locale):
        # The registry falls back to the original's language; asked for one by name, say it is not there.
        have = sorted({t.locale for t in registry.list() if t.name == template.name and t.version == template.version})
        raise _Usage(
            f"template {template.name} {template.version} has no locale {args.locale!r} (it has: {', '.join(have)})"
        )
    return template


def _language(locale: str) -> str:
    """The language of a locale tag: ``es`` of ``es-MX`` and ``es_MX``."""
    return locale.replace("_", "-").partition("-")[0].lower()


def _template_arg(text: str, registry: Registry) -> Template:
    """A template given on the command line: a file (resolved), or ``NAME`` or ``NAME@VERSION``."""
    if _is_file(text):
        document = careerconv.load(text, registry=registry)
        if not isinstance(document, careerconv.Template):
            raise _Usage(f"{text} is a conversation record, not a template")
        return registry.resolve(document)
    parsed = parse_extends(text)
    if parsed is None:
        raise _Usage(f"expected a template file, NAME or NAME@VERSION, got {text!r}")
    return registry.get(parsed[0], version=parsed[1])


def _registry(args: argparse.Namespace) -> Registry:
    if getattr(args, "template_path", None) or getattr(args, "block", None):
        return Registry(paths=args.template_path, block=args.block)
    return default_registry()


def _listing(row: Listing) -> str:
    """One line of ``careerconv templates``: name, versions, locales, title, source; or the reason.

    A translation another source adds gets a line of its own, with that source; so does a broken one, and one
    made from an earlier wording of its original (``translation-stale``).
    """
    if row.error is not None:  # a plugin's own words, on one line, escaped
        return f"{_safe(row.name)}\tbroken\t\t{_safe(row.error)}\t{_safe(row.source)}"
    added = {(version, locale): where for version, locale, where in row.translations}
    own = [t for t in row.templates if (t.version, t.locale) not in added]
    lines = [
        [row.name, t.version, t.locale, t.title, added[(t.version, t.locale)]]
        for t in row.templates
        if (t.version, t.locale) in added
    ]
    lines += [
        [row.name, version, locale, f"broken: {reason}", added.get((version, locale), row.source)]
        for version, locale, reason in row.broken
    ]
    for version, locale, places in row.stale:
        said = f"stale: {len(places)} texts of the original changed since: {', '.join(places)} [translation-stale]"
        lines.append([row.name, version, locale, said, added.get((version, locale), row.source)])
    first = []
    if own:
        versions = ", ".join(dict.fromkeys(t.version for t in own))
        locales = ", ".join(sorted({t.locale for t in own}))
        newest = [t for t in own if t.version == own[-1].version]
        title = next((t.title for t in newest if t.locale == "en"), newest[0].title)
        first = [[row.name, versions, locales, title, row.source]]
    return "\n".join("\t".join(_safe(field) for field in line) for line in [*first, *lines])


def _validate(files: list[str], registry: Registry, err: TextIO, *, complete: bool) -> int:
    status = EXIT_OK
    for name in files:
        if not Path(name).exists():
            print(_safe(f"{name}: cannot read the file: {os.strerror(errno.ENOENT)} [unreadable]"), file=err)
            status = EXIT_INVALID
            continue
        try:
            if Path(name).is_dir() or name.lower().endswith(".jsonl"):  # many records: each one checked
                if complete:
                    raise _Usage("--complete checks record files one by one, not a folder or a .jsonl file")
                collections.deque(careerconv.iter_conversations(name, registry=registry), maxlen=0)
            else:
                careerconv.load(name, registry=registry, complete=complete)
        except ValidationError as error:
            _print_problems(error, err)
            status = EXIT_INVALID
        except ValueError as error:  # an unknown suffix
            print(_safe(f"{name}: {error} [unknown-format]"), file=err)
            status = EXIT_INVALID
        except OSError as error:
            print(_safe(f"{name}: cannot read the file: {error.strerror} [unreadable]"), file=err)
            status = EXIT_INVALID
    return status


def _print_problems(error: ValidationError, err: TextIO) -> None:
    """One line a problem: ``FILE:LINE:COL: $.path: message [code]``; a ``--param``'s named so."""
    for problem in error.problems:
        given = problem.source is None and problem.path.startswith("$.params")
        print(_safe(attrs.evolve(problem, source="--param") if given else problem), file=err)
