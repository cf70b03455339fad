"""Template parameters: the values a record or a guide gives them, and the text they fill in."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from careerconv.errors import ValidationError
from careerconv.formats.plain import problem
from careerconv.model import Template
from careerconv.rules.text import check_text, fill
from careerconv.rules.validation import unknown_parameter

__all__ = ["fill", "parameter_values", "with_params"]


def parameter_values(template: Template, params: Mapping[str, str] | None = None) -> dict[str, str]:
    """The value of each parameter: the one given, else the template's default.

    Raises [`ValidationError`][careerconv.ValidationError] for a parameter the template does not declare, one that
    has no default and no value, or a value with a character no text may hold (a control character).

    Examples:
        >>> import careerconv
        >>> parameter_values(careerconv.get_template("standard"), {"company": "Acme"})
        {'company': 'Acme'}
    """
    given = dict(params or {})
    problems = [
        problem(("params", key), unknown_parameter(template, key), "unknown-parameter")
        for key in given
        if key not in template.parameters
    ]
    problems += [problem(f.path, f.message, f.code) for f in check_text(given, ("params",))]
    values: dict[str, str] = {}
    for name, parameter in template.parameters.items():
        value = given.get(name, parameter.default)
        if value is None:
            problems.append(problem(("params", name), f"parameter '{name}' needs a value", "missing-parameter"))
        else:
            values[name] = value
    if problems:
        raise ValidationError(problems)
    return values


def with_params(template: Template, params: Mapping[str, str]) -> Template:
    """``template`` with ``params`` as its parameters' values (their new defaults).

    Examples:
        >>> import careerconv
        >>> t = with_params(careerconv.get_template("standard"), {"company": "Acme"})
        >>> t.parameters["company"].default
        'Acme'
    """
    values = parameter_values(template, params)
    parameters = {name: attrs.evolve(p, default=values[name]) for name, p in template.parameters.items()}
    return attrs.evolve(template, parameters=parameters)
