"""The ``careerconv`` command.

Each command is one library call. Exit codes: 0 success, 1 invalid input, 2 usage error; a user's
mistake prints a message, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from careerconv.errors import CareerconvError, TemplateNotFoundError, ValidationError

__all__ = ["main"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Usage(Exception):  # noqa: N818 - internal signal, not an error type users see
    pass


def _param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careerconv", description="Career conversations as typed, validated data.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("templates", help="list the registered templates")

    show = commands.add_parser("show", help="print a template as the guide for the conversation")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--version", dest="template_version", metavar="V", help="exact version, or a major: 1")
    show.add_argument("--locale", metavar="L")
    show.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE")
    show.add_argument("--format", choices=["markdown", "yaml", "json"], default="markdown")

    validate = commands.add_parser("validate", help="check files; silent when they are valid")
    validate.add_argument("files", nargs="+", metavar="FILE")

    new = commands.add_parser("new", help="write a conversation record to fill in")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--employee", default="employee", metavar="ID")
    new.add_argument("--manager", metavar="ID")
    new.add_argument("--param", action="append", type=_param, default=[], metavar="KEY=VALUE")
    new.add_argument("-o", "--output", metavar="FILE", help="write here instead of to standard output")
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
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        return _run(args, parser, out, err)
    except ValidationError as error:
        _print_problems(error, err)
        return EXIT_INVALID
    except (TemplateNotFoundError, _Usage) as error:
        print(f"careerconv: error: {error}", file=err)
        return EXIT_USAGE
    except (CareerconvError, OSError) as error:  # a plugin that fails to load, a file that cannot be written
        print(f"careerconv: error: {error}", file=err)
        return EXIT_INVALID


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser, out: TextIO, err: TextIO) -> int:
    import careerconv  # noqa: PLC0415 - the library is loaded once the arguments are understood
    from careerconv.documents import write_atomic  # noqa: PLC0415

    if args.version:
        print(careerconv.__version__, file=out)
        return EXIT_OK
    if args.command is None:
        parser.print_help(out)
        return EXIT_USAGE
    if args.command == "templates":
        for template in careerconv.list_templates():
            print(f"{template.name}\t{template.version}\t{template.locale}\t{template.title}", file=out)
        return EXIT_OK
    if args.command == "show":
        template = careerconv.get_template(args.name, version=args.template_version, locale=args.locale)
        out.write(careerconv.render(template, format=args.format, params=dict(args.param)))
        return EXIT_OK
    if args.command == "validate":
        return _validate(args.files, err)
    assert args.command == "new"
    template = careerconv.get_template(args.name)
    text = careerconv.draft_record(template, employee=args.employee, manager=args.manager, params=dict(args.param))
    if args.output:
        target = Path(args.output)
        if target.exists():
            raise _Usage(f"{target} exists; careerconv new never overwrites a record")
        write_atomic(target, text)
    else:
        out.write(text)
    return EXIT_OK


def _validate(files: list[str], err: TextIO) -> int:
    import careerconv  # noqa: PLC0415

    status = EXIT_OK
    for name in files:
        try:
            careerconv.load(name)
        except ValidationError as error:
            _print_problems(error, err)
            status = EXIT_INVALID
        except ValueError as error:  # an unknown suffix
            print(f"{name}: {error} [unknown-format]", file=err)
            status = EXIT_INVALID
        except OSError as error:
            print(f"{name}: cannot read the file: {error.strerror} [unreadable]", file=err)
            status = EXIT_INVALID
    return status


def _print_problems(error: ValidationError, err: TextIO) -> None:
    """One line a problem: ``FILE:LINE:COL: $.path: message [code]``."""
    for problem in error.problems:
        print(problem, file=err)
