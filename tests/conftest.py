"""Shared fixtures: real plugin distributions on ``sys.path``, and a clean environment."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import careerconv
from careerconv.registry import BLOCK_VARIABLE, PATH_VARIABLE
from careerconv.rendering.notebook import register


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

    assert register(Shell())

    def shown(obj: object) -> dict[str, str]:
        data, _ = Shell.display_formatter.format(obj)  # type: ignore[no-untyped-call]
        return {str(mime): str(text) for mime, text in data.items()}

    return shown
