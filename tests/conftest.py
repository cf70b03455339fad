"""Shared fixtures: real plugin distributions on ``sys.path``, a clean environment, and the Hypothesis profiles.

Two profiles run the same properties: ``everyday`` (the default) with a tenth of the examples, and ``thorough``
(``CAREERCONV_PROFILE=thorough``, or ``--hypothesis-profile=thorough``; what CI runs) with all of them. A test
that sets its own count writes it as ``examples(n)``, ``n`` being its count in the thorough profile.
"""

from __future__ import annotations

import importlib
import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import careerconv
from careerconv.defaults import DEFAULT
from careerconv.registry import BLOCK_VARIABLE, PATH_VARIABLE
from careerconv.rendering.notebook import register

#: The environment variable that names the Hypothesis profile: ``everyday`` (the default) or ``thorough``.
PROFILE_VARIABLE = "CAREERCONV_PROFILE"
#: A property's examples in the thorough profile when its test sets none: Hypothesis' own default.
THOROUGH_EXAMPLES = 100
# Both profiles start from the settings Hypothesis chose (its "ci" profile on a CI machine: derandomized, no
# deadline, no example database) and differ only in the number of examples.
settings.register_profile("thorough", settings(), max_examples=THOROUGH_EXAMPLES)
settings.register_profile("everyday", settings(), max_examples=THOROUGH_EXAMPLES // 10)
settings.load_profile(os.environ.get(PROFILE_VARIABLE) or "everyday")


def examples(thorough: int) -> int:
    """How many examples a property that tries ``thorough`` of them in the thorough profile tries now.

    All of them in the thorough profile, a tenth in the everyday one but at least three: the property runs every
    time. Called as the test module is imported, after ``--hypothesis-profile`` has loaded its profile; for
    example ``@settings(max_examples=examples(150))``: 150 examples in the thorough profile, 15 every day.
    """
    return max(min(thorough, 3), thorough * settings().max_examples // THOROUGH_EXAMPLES)


class Site:
    """A folder on ``sys.path`` where tests install plugin distributions as ``*.dist-info`` metadata.

    ``importlib.metadata`` finds them exactly as it finds a distribution pip installed.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.modules: list[str] = []

    def install(
        self,
        dist: str,
        version: str,
        entry_points: dict[str, str],
        modules: dict[str, str] | None = None,
    ) -> None:
        info = self.root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
        lines = [f"{name} = {value}" for name, value in entry_points.items()]
        (info / "entry_points.txt").write_text("[careerconv.templates]\n" + "\n".join(lines) + "\n")
        for module, source in (modules or {}).items():
            (self.root / f"{module}.py").write_text(textwrap.dedent(source))
            self.modules.append(module)
        importlib.invalidate_caches()
        careerconv.refresh_templates()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No template folders or blocked plugins from the machine running the tests."""
    monkeypatch.delenv(PATH_VARIABLE, raising=False)
    monkeypatch.delenv(BLOCK_VARIABLE, raising=False)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    made = Site(root)
    yield made
    for module in made.modules:
        sys.modules.pop(module, None)
    monkeypatch.undo()
    importlib.invalidate_caches()
    careerconv.refresh_templates()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """On a pytest-xdist worker: hand the hardening figures it counted to the controller, which prints them."""
    from tests.figures import FIGURES

    output: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["figures"] = dict(FIGURES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """On the pytest-xdist controller: add up the figures of each worker as it finishes."""
    from tests.figures import FIGURES

    FIGURES.update(getattr(node, "workeroutput", {}).get("figures", {}))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The hardening figures: documents tried, fuzz examples run, kills survived, private-marker leaks."""
    from tests.figures import FIGURES

    if FIGURES:
        terminalreporter.section("hardening figures")
        for name, count in sorted(FIGURES.items()):
            terminalreporter.write_line(f"{name}: {count}")


@pytest.fixture(scope="session")
def notebook() -> Callable[[object], dict[str, str]]:
    """What a Jupyter notebook shows of an object: IPython's own formatters, with careerconv registered."""
    from IPython.core.formatters import DisplayFormatter

    class Shell:
        display_formatter = DisplayFormatter()

    assert register(Shell(), registry=DEFAULT)  # as careerconv registers itself in IPython

    def shown(obj: object) -> dict[str, str]:
        data, _ = Shell.display_formatter.format(obj)  # type: ignore[no-untyped-call]
        return {str(mime): str(text) for mime, text in data.items()}

    return shown
