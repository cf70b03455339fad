"""axe-core in a Playwright page: what it finds against WCAG 2.0 and 2.1, levels A and AA.

``violations(page)`` checks the page's document as it stands (filled in, with errors shown, ...) and returns
one line per rule that fails, the rule's id and the CSS selectors of the elements that fail it::

    from tests.axe import violations

    def test_the_report_is_accessible(page: Page) -> None:  # any Playwright page, with its page loaded
        page.goto(report.as_uri())
        assert violations(page) == []  # else e.g. ["color-contrast: #save-yaml, .hint"]

It runs the rules tagged ``wcag2a``, ``wcag2aa``, ``wcag21a`` and ``wcag21aa`` (``TAGS``), nothing else, and
may be called again on the same page after a change. The page keeps axe's script afterwards (as ``window.axe``).

axe-core is not a Python package: ``.ci/run`` fetches a pinned version from npm (``npm pack axe-core@VERSION``
into a cache folder) and exports the path of its ``axe.min.js`` as ``CAREERCONV_AXE``. Without that file a test
calling ``violations`` is skipped, unless ``CAREERCONV_BROWSER_TESTS=required`` (as in ``.ci/run``): then it
fails, as the browser tests do without chromium (``tests/test_browser.py``).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["TAGS", "violations"]

TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")

_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(result => result.violations.map(rule => [rule.id, rule.nodes.map(node => node.target.join(" "))]))"""


@functools.cache
def _source(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def script() -> str:
    """The text of axe-core's ``axe.min.js`` named by ``CAREERCONV_AXE``; skips (or fails) the test without it."""
    path = os.environ.get("CAREERCONV_AXE", "")
    if not path or not Path(path).is_file():
        reason = "axe-core is not there: set CAREERCONV_AXE to its axe.min.js (.ci/run fetches it from npm)"
        if os.environ.get("CAREERCONV_BROWSER_TESTS") == "required":
            pytest.fail(f"CAREERCONV_BROWSER_TESTS=required but {reason}")
        pytest.skip(reason)
    return _source(path)


def violations(page: Page) -> list[str]:
    """What axe-core finds on ``page`` against WCAG 2.0/2.1 A and AA: ``"rule-id: selector, selector"`` lines."""
    source = script()
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated by the browser's debugging protocol, not as a <script> element: a page's
        # Content-Security-Policy (the fill-in form allows no script but its own) does not refuse it.
        page.evaluate(f"{source}\n;undefined")
    found: list[tuple[str, list[str]]] = page.evaluate(_RUN, list(TAGS))
    return [f"{rule}: {', '.join(targets)}" for rule, targets in found]
