"""Choice options as ``{id, label}``: answers store ids, translations translate labels and are checked by the
registry where it finds them; scale and option labels in drafts and reports."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import careerconv
from careerconv import Choice, PluginWarning, Question, Registry
from tests.cli_runner import run
from tests.test_record_schema import acme_registry

PULSE = """\
kind: template
schema_version: 1
name: pulse
version: 1.0.0
locale: {locale}
title: {title}
sections:
  - id: now
    title: Now
    questions:
      - id: energy
        text: {energy}
        type: scale
        min: 1
        max: 3
        labels: [{labels}]
      - id: mode
        text: {mode}
        type: choice
        options:
{options}
"""
ENGLISH = {
    "locale": "en",
    "title": "Pulse",
    "energy": "How is your energy?",
    "labels": "Light, Steady, Heavy",
    "mode": "Where do you work best?",
    "options": "          - {id: office, label: At the office}\n          - {id: home, label: From home}",
}
SPANISH = {
    "locale": "es",
    "title": "Pulso",
    "energy": "¿Qué tal tu energía?",
    "labels": "Ligera, Estable, Pesada",
    "mode": "¿Dónde trabajas mejor?",
    "options": "          - {id: office, label: En la oficina}\n          - {id: home, label: Desde casa}",
}
RECORD = """\
kind: conversation
schema_version: 1
id: r1
template: {{name: pulse, version: 1.0.0, locale: {locale}}}
employee: {{id: alex}}
answers:
  energy: {{value: 3}}
  mode: {{value: home}}
"""


def folder(tmp_path: Path, **spanish: str) -> Path:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "pulse.yaml").write_text(PULSE.format(**ENGLISH), encoding="utf-8")
    (templates / "pulse.es.yaml").write_text(PULSE.format(**{**SPANISH, **spanish}), encoding="utf-8")
    return templates


def test_an_option_is_an_id_and_a_label_and_plain_text_is_both() -> None:
    question = Question(id="q", text="?", type="choice", options=(Choice(id="office", label="At the office"), "home"))
    assert question.options == (Choice(id="office", label="At the office"), Choice(id="home", label="home"))
    assert question.option_ids() == ("office", "home")
    assert (question.describe("office"), question.describe("home"), question.describe("gone")) == (
        "At the office",
        "home",
        "gone",
    )


def test_options_are_written_as_they_were_given(tmp_path: Path) -> None:
    template = careerconv.load(folder(tmp_path) / "pulse.yaml", resolve=False)
    assert isinstance(template, careerconv.Template)
    text = careerconv.dumps(template)
    assert "          - id: office\n            label: At the office\n          - id: home\n" in text
    plain = Question(id="q", text="?", type="choice", options=("yes", "no"))
    data = careerconv.to_data(
        careerconv.Template(
            name="t", version="1.0.0", title="T", sections=(careerconv.Section(id="s", title="S", questions=(plain,)),)
        )
    )
    assert data["sections"][0]["questions"][0]["options"] == ["yes", "no"]
    every = careerconv.to_data(careerconv.loads(text), defaults=True)
    assert every["sections"][0]["questions"][1]["options"] == [
        {"id": "office", "label": "At the office"},
        {"id": "home", "label": "From home"},
    ]


def test_a_translated_record_stores_ids_and_is_valid_in_every_locale(tmp_path: Path) -> None:
    registry = Registry(paths=[folder(tmp_path)], environment=False)
    for locale in ("en", "es"):
        record = careerconv.loads(RECORD.format(locale=locale), registry=registry)
        assert isinstance(record, careerconv.Conversation)
        assert record.answers["mode"].value == "home"
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.loads(RECORD.format(locale="es").replace("value: home", "value: Desde casa"), registry=registry)
    assert [str(p) for p in caught.value.problems] == [
        "<string>:8:17: $.answers.mode.value: expected one of the options: office, home [answer-not-an-option]"
    ]


def test_labels_show_in_drafts_and_reports(tmp_path: Path) -> None:
    templates = folder(tmp_path)
    code, out, err = run("new", "pulse", "--locale", "es", "--employee", "alex", "--template-path", str(templates))
    assert (code, err) == (0, "")
    assert (
        "    # value: a whole number from 1 to 3 (1 \N{EN DASH} Ligera, 2 \N{EN DASH} Estable, 3 \N{EN DASH} Pesada)\n"
        in out
    )
    assert "    # value: one of: office (En la oficina), home (Desde casa)\n" in out
    record = tmp_path / "r1.yaml"
    record.write_text(RECORD.format(locale="es"), encoding="utf-8")
    code, out, err = run("report", str(record), "--template-path", str(templates))
    assert (code, err) == (0, "")
    assert "Respuesta: 3 \N{EN DASH} Pesada" in out
    assert "Respuesta: Desde casa" in out
    code, out, err = run("show", "pulse", "--template-path", str(templates))
    assert "(scale 1 to 3; Light, Steady, Heavy)" in out
    assert "At the office, From home" in out


# ------------------------------------------------------------------------------- translations checked


def test_a_translation_that_changes_option_ids_is_listed_as_broken(tmp_path: Path) -> None:
    options = "          - {id: oficina, label: En la oficina}\n          - {id: casa, label: Desde casa}"
    templates = folder(tmp_path, options=options)
    spanish = templates / "pulse.es.yaml"
    code, out, err = run("templates", "--template-path", str(templates))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:3] == [
        f"pulse\t1.0.0\ten\tPulse\tfolder {templates}",
        f"pulse\t1.0.0\tes\tbroken: invalid: {spanish}:21:11: $.sections[0].questions[1].options: question 'mode' "
        f"keeps the original's option ids, in order: office, home [translation-coverage]\tfolder {templates}",
    ]
    registry = Registry(paths=[templates], environment=False)
    assert registry.get("pulse").locale == "en"  # the original stays usable
    with pytest.raises(careerconv.ValidationError) as caught:
        registry.get("pulse", locale="es-MX")
    assert [p.code for p in caught.value.problems] == ["translation-coverage"]
    with pytest.raises(careerconv.ValidationError) as refused:
        careerconv.loads(RECORD.format(locale="es"), registry=registry)
    assert [str(p) for p in refused.value.problems] == [
        f"<string>:4:11: $.template: template 'pulse' cannot be used: {spanish}:21:11: "
        "$.sections[0].questions[1].options: question 'mode' keeps the original's option ids, in order: "
        "office, home [translation-coverage] [broken-template]"
    ]
    with warnings.catch_warnings(record=True) as caught_warnings:
        warnings.simplefilter("always")
        listed = registry.list()
    assert [(t.name, t.locale) for t in listed if t.name == "pulse"] == [("pulse", "en")]
    assert [str(w.message)[:52] for w in caught_warnings] == ["template 'pulse' 1.0.0 locale es left out: invalid: "]
    assert caught_warnings[0].category is PluginWarning
    assert caught_warnings[0].filename == __file__  # attributed to the caller, not to careerconv


def test_a_translation_changing_what_a_question_takes_is_broken(tmp_path: Path) -> None:
    templates = folder(tmp_path, energy="¿Energía?\n        required: true", mode="¿Dónde?\n        multiple: true")
    registry = Registry(paths=[templates], environment=False)
    with pytest.raises(careerconv.ValidationError) as caught:
        registry.get("pulse", locale="es")
    assert [str(p) for p in caught.value.problems] == [
        f"{templates / 'pulse.es.yaml'}:13:19: $.sections[0].questions[0].required: question 'energy' has required "
        "False in the original [translation-mismatch]",
        f"{templates / 'pulse.es.yaml'}:20:19: $.sections[0].questions[1].multiple: question 'mode' has multiple "
        "False in the original [translation-mismatch]",
    ]


def test_the_example_plugins_options_translate(tmp_path: Path) -> None:
    registry = acme_registry()
    english, spanish = (registry.get("acme-career", locale=locale) for locale in ("en", "es"))
    assert [(o.id, o.label) for o in english.question("work-mode").options] == [
        ("office", "At the {site} office"),
        ("hybrid", "Some days at home"),
        ("remote", "From home"),
    ]
    assert [(o.id, o.label) for o in spanish.question("work-mode").options] == [
        ("office", "En la oficina de {site}"),
        ("hybrid", "Algunos días en casa"),
        ("remote", "Desde casa"),
    ]
    assert careerconv.translation_problems(english, spanish) == []
    french = next(t for t in registry._templates("acme-career") if t.locale == "fr")
    assert [p.message for p in careerconv.translation_problems(english, registry.resolve(french))] == [
        "questions 'on-call', 'work-mode', 'energy' of the original are missing"
    ]


OFTEN = """\
kind: template
schema_version: 1
name: often
version: 1.0.0
title: Often
sections:
  - id: s
    title: S
    questions:
      - id: how
        text: How often?
        type: choice
        options:
          # the usual answers
          - Often
          - Rarely   # or never
"""


def test_migrate_writes_plain_options_as_id_and_label_keeping_records_valid(tmp_path: Path) -> None:
    path = tmp_path / "often.yaml"
    path.write_text(OFTEN, encoding="utf-8")
    assert run("migrate", str(path), "--in-place") == (0, "", "")
    migrated = path.read_text(encoding="utf-8")
    assert migrated == OFTEN.replace("          - Often\n          - Rarely   # or never\n", (
        "          - {id: Often, label: Often}\n          - {id: Rarely, label: Rarely} # or never\n"
    ))  # fmt: skip
    assert run("migrate", str(path)) == (0, migrated, "")  # the current form comes back byte for byte
    spanish = migrated.replace("title: Often", "title: A menudo").replace("label: Often", "label: A menudo")
    (tmp_path / "often.es.yaml").write_text(spanish.replace("name: often\n", "name: often\nlocale: es\n"))
    registry = Registry(paths=[tmp_path], environment=False)
    assert registry.get("often", locale="es").question("how").describe("Often") == "A menudo"
    for locale in ("en", "es"):
        record = f"kind: conversation\nschema_version: 1\nid: r1\ntemplate: {{name: often, locale: {locale}}}\n"
        record += "employee: {id: a}\nanswers: {how: {value: Often}}\n"
        assert isinstance(careerconv.loads(record, registry=registry), careerconv.Conversation)
