"""Every docstring example runs: documented usage keeps working."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import typing
from pathlib import Path

import pytest

import careerconv

MODULES = ["careerconv"] + [
    info.name
    for info in pkgutil.walk_packages(careerconv.__path__, "careerconv.")
    if info.name != "careerconv.__main__"
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failures == 0


def test_every_public_name_has_a_docstring_with_an_example() -> None:
    reference = (Path(__file__).parents[1] / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
    for name in careerconv.__all__:
        value = getattr(careerconv, name)
        if typing.get_origin(value) is not None:  # a type alias (a Literal, a union) holds no docstring
            assert f"`{name}`" in reference, name
            continue
        assert ">>>" in (value.__doc__ or ""), name
