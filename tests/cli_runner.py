"""The one CLI runner of the tests: ``careerconv`` run in this process, on streams of its own."""

from __future__ import annotations

import io

from careerconv.cli import main


def run(*args: str) -> tuple[int, str, str]:
    """Run ``careerconv ARGS``: the exit code, what it wrote to standard output, and to standard error."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()
