"""The public surface: every documented name imports from ``careerconv``, typed, and nothing else shows.

``__init__.py`` loads most names on first use; type checkers read ``__init__.pyi``. These tests keep the two in
step, and run mypy on consumer scripts: one using every public name passes, misspellings and misuse fail.
"""

from __future__ import annotations

import ast
import fcntl
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import careerconv

PACKAGE = Path(careerconv.__file__).parent

#: The types the docs name that were not importable before (issue 11).
NAMED_IN_DOCS = [
    "Progress", "SectionProgress", "MotivationShift", "Move", "OverdueAction", "Listing", "Audience",
    "RecordEditor", "TemplateDiff", "Orphan", "Change", "Addition", "Replacement",
]  # fmt: skip


def stub_imports() -> dict[str, str]:
    """Each name the stub re-exports, and the module it comes from."""
    tree = ast.parse((PACKAGE / "__init__.pyi").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                assert alias.asname == alias.name, f"{alias.name}: a stub re-export is written 'X as X'"
                found[alias.name] = str(node.module)
    return found


def test_the_named_types_import() -> None:
    for name in NAMED_IN_DOCS:
        assert name in careerconv.__all__
        assert getattr(careerconv, name) is not None
    from careerconv import Audience, Progress, RecordEditor  # noqa: F401 - the import itself is the test


def test_the_stub_and_the_module_name_the_same_api_from_the_same_modules() -> None:
    stub = stub_imports()
    assert stub == careerconv._API  # type: ignore[attr-defined]  # the one list: each name from the same module
    assert sorted(stub) == sorted(careerconv.__all__)
    for name, module in stub.items():
        assert getattr(careerconv, name) is getattr(sys.modules[module], name), name


def test_dir_shows_the_api_only() -> None:
    assert dir(careerconv) == sorted([*careerconv.__all__, "__version__"])
    for leaked in ("Any", "TYPE_CHECKING", "annotations", "importlib", "logging"):
        assert leaked not in dir(careerconv)
    with pytest.raises(AttributeError, match="no attribute 'get_templat'"):
        careerconv.get_templat  # type: ignore[attr-defined]  # noqa: B018


def test_import_careerconv_stays_light() -> None:
    code = "import sys, careerconv; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    heavy = [
        "careerconv.registry",
        "careerconv.documents.core",
        "cattrs",
        "ruamel.yaml",
        "jinja2",
        "pandas",
        "msgspec",
        "pyarrow",
    ]
    assert [name for name in heavy if name in loaded] == []
    assert "careerconv.model" in loaded


CONSUMER = textwrap.dedent(
    """
    import datetime as dt

    import careerconv
    from careerconv import {names}

    my_template: careerconv.Template = careerconv.get_template("standard")
    my_session: careerconv.Session = careerconv.start_conversation(my_template, employee="alex")
    my_record: careerconv.Conversation = my_session.record
    my_progress: careerconv.Progress = careerconv.progress(my_template, my_record)
    my_sections: tuple[careerconv.SectionProgress, ...] = my_progress.sections
    my_document: careerconv.Document = careerconv.loads("kind: conversation")
    my_data: dict[str, object] = careerconv.to_data(my_record, defaults=True)
    my_text: str = careerconv.dumps(my_record, format="json")
    my_audience: careerconv.Audience = "hr"
    my_ranking = careerconv.MotivationRanking(ranking=("mastery", "autonomy"))
    my_shift: careerconv.MotivationShift = careerconv.motivation_shift(my_ranking, my_ranking)
    my_moves: tuple[careerconv.Move, ...] = my_shift.moves
    my_listing: list[careerconv.Listing] = careerconv.Registry().catalog()
    my_diff: careerconv.TemplateDiff = careerconv.diff_templates(my_template, my_template)
    my_orphans: tuple[careerconv.Orphan, ...] = my_diff.orphans
    my_history: careerconv.History = careerconv.History([my_record])
    my_overdue: list[careerconv.OverdueAction] = my_history.overdue(dt.date(2027, 1, 1))
    my_kind: careerconv.DocumentKind = "conversation"
    my_body: careerconv.Conversation = careerconv.from_data({{"kind": "conversation"}}, kind="conversation")
    my_file: careerconv.Conversation = careerconv.load("a.yaml", kind="conversation")
    my_guide: careerconv.Template = careerconv.loads("kind: template", kind="template")
    every = [{names}]
    """
)


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the run, shared by the pytest-xdist workers (their temporary folders are siblings).

    The first consumer checked has mypy analyse careerconv and the typed packages its stub names (pandas-stubs,
    numpy, pyarrow-stubs, icalendar: some 700 modules, 8 s); the next reads them from the cache (half a second).
    The cache is new each run: nothing an older careerconv left is read.
    """
    base = tmp_path_factory.getbasetemp()
    return (base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "mypy-cache"


def run_mypy(tmp_path: Path, cache: Path, source: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "consumer.py"
    script.write_text(source, encoding="utf-8")
    command = [sys.executable, "-m", "mypy", "--strict", f"--cache-dir={cache}", "--config-file=", str(script)]
    with cache.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one mypy at a time: the second waits for the cache the first writes
        return subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)


def test_mypy_accepts_a_consumer_of_every_public_name(tmp_path: Path, mypy_cache: Path) -> None:
    result = run_mypy(tmp_path, mypy_cache, CONSUMER.format(names=", ".join(careerconv.__all__)))
    assert result.returncode == 0, result.stdout


def test_mypy_refuses_a_misspelt_name_and_a_misused_result(tmp_path: Path, mypy_cache: Path) -> None:
    source = textwrap.dedent(
        """
        import careerconv
        from careerconv import Progres

        careerconv.get_templat("standard")
        count: int = careerconv.load("a.yaml")
        guide: careerconv.Template = careerconv.load("a.yaml", kind="conversation")
        """
    )
    result = run_mypy(tmp_path, mypy_cache, source)
    errors = [line.split(": error: ")[1] for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == [
        'Module "careerconv" has no attribute "Progres"; maybe "Progress" or "progress"?  [attr-defined]',
        'Module has no attribute "get_templat"; maybe "get_template"?  [attr-defined]',
        'Incompatible types in assignment (expression has type "Template | Conversation", '
        'variable has type "int")  [assignment]',
        'Incompatible types in assignment (expression has type "Conversation", variable has type "Template")  '
        "[assignment]",
    ]
