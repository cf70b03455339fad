"""The FastAPI how-to's service, loaded from its file for the tests that drive it over HTTP in process."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

#: The how-to's service: ``docs/how-to/fastapi.md`` includes this file.
SERVICE = Path(__file__).parent.parent / "examples" / "fastapi" / "service.py"


def fastapi_service(name: str = "careerconv_fastapi_service") -> ModuleType:
    """The how-to's FastAPI app module, imported from its file afresh (its records start empty)."""
    spec = importlib.util.spec_from_file_location(name, SERVICE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
