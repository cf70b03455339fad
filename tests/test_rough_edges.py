"""The rough edges a new user met, each with its exact expected output."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import careerconv
from careerconv import PluginWarning
from tests.cli_runner import run
from tests.conftest import Site

STANDARD_ES = Path(__file__).parent.parent / "templates" / "standard.es.yaml"


def test_new_takes_a_locale_a_version_and_a_file() -> None:
    code, out, err = run("new", "standard", "--locale", "es-MX", "--version", "1", "--employee", "alex")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "# Career conversation record for template standard 1.0.0 (es)."
    assert "  # Cuéntame en 10 minutos tu carrera hasta hoy." in out.splitlines()
    code, from_file, err = run("new", str(STANDARD_ES), "--employee", "alex")
    assert (code, err) == (0, "")
    assert from_file == out
    assert run("new", str(STANDARD_ES), "--locale", "es") == (
        2,
        "",
        "careerconv: error: --locale and --version choose among a name's templates; a template file is one of them\n",
    )
    assert run("new", "standard", "--version", "2") == (
        2,
        "",
        "careerconv: error: template 'standard' has no version '2'; it has 1.0.0\n",
    )


def test_a_broken_plugins_reason_is_one_line(site: Site) -> None:
    site.install(
        "acme-broken",
        "1.0",
        {"acme-broken": "acme_broken:templates"},
        {
            "acme_broken": """
            import careerconv
            def templates():
                return [careerconv.loads("kind: template\\nschema_version: 1\\nname: acme-broken\\nversion: 1\\n")]
            """
        },
    )
    code, out, err = run("templates")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "acme-broken\tbroken\t\tentry point 'acme-broken' (acme_broken:templates) of acme-broken 1.0: "
        "ValidationError: <string>:1:1: $.title: missing required field [missing-field] (and 2 more)"
        "\tplugin acme-broken 1.0"
    )


def test_warnings_name_the_line_that_asked(tmp_path: Path) -> None:
    registry = careerconv.Registry(paths=[tmp_path / "missing"], environment=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        registry.names()
    assert [(w.category, str(w.message), w.filename) for w in caught] == [
        (PluginWarning, f"template folder {tmp_path / 'missing'} does not exist", __file__)
    ]


def write_to_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before careerconv writes, as after `| head -1`
    try:
        return subprocess.run(
            [sys.executable, "-m", "careerconv", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [("show", "standard"), ("schema", "standard")])
def test_a_closed_pipe_ends_quietly_with_status_0(args: tuple[str, ...]) -> None:
    done = write_to_a_closed_pipe(*args)
    assert (done.returncode, done.stderr) == (0, "")


def test_an_invalid_locale_tag_raises() -> None:
    message = "not a locale (not shown: not an identifier): expected a BCP 47 language tag such as en or es-MX"
    with pytest.raises(careerconv.TemplateNotFoundError) as caught:
        careerconv.get_template("standard", locale="xx-!!")
    assert str(caught.value) == message
    assert run("show", "standard", "--locale", "xx-!!") == (2, "", f"careerconv: error: {message}\n")


def test_a_misspelt_parameter_gets_a_suggestion() -> None:
    assert run("show", "standard", "--param", "compny=Acme") == (
        1,
        "",
        "--param: $.params.compny: template standard 1.0.0 declares no parameter 'compny'; "
        "did you mean 'company'? [unknown-parameter]\n",
    )


def test_a_templates_repr_is_short_and_a_notebook_shows_it_whole(notebook: object) -> None:
    standard = careerconv.get_template("standard")
    assert repr(standard) == (
        "Template(name='standard', version='1.0.0', locale='en', sections=5, questions=27, motivations=7)"
    )
    derived = careerconv.Template(name="acme", version="1.0.0", extends="standard@1", title="Acme")
    assert repr(derived) == (
        "Template(name='acme', version='1.0.0', locale='en', extends='standard@1', changes=0, "
        "sections=0, questions=0, motivations=0)"
    )
    shown = notebook(standard)  # type: ignore[operator]
    assert "Tell me in 10 minutes about your career so far." in shown["text/html"]


def test_a_template_finds_a_question_by_id() -> None:
    standard = careerconv.get_template("standard")
    assert standard.question("dream-role").id == "dream-role"
    with pytest.raises(KeyError) as caught:
        standard.question("dream-rol")
    assert caught.value.args == ("standard 1.0.0 has no question 'dream-rol'; did you mean 'dream-role'?",)
