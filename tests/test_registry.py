"""Finding templates: sources, versions, locales, unknown names, conflicts, and every way a plugin can fail.

Plugins here are real distributions: ``*.dist-info`` metadata on ``sys.path`` (see ``conftest.Site``), found by
``importlib.metadata`` the way it finds what pip installed.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

import careerconv
from careerconv import PluginError, PluginWarning, Registry, Template, TemplateNotFoundError, ValidationError
from tests.cli_runner import run
from tests.conftest import Site


def mini(version: str = "1.0.0", locale: str = "en", name: str = "mini") -> Template:
    return Template(name=name, version=version, locale=locale, title=f"Mini {version} {locale}")


# A plugin module: templates read from YAML text, as a real plugin reads its package's files.
PLUGIN = '''
import careerconv

def template(name, version="1.0.0", locale="en"):
    return careerconv.loads(f"""
kind: template
schema_version: 1
name: {name}
version: {version}
locale: {locale}
title: {name} {version} {locale}
sections:
  - id: intro
    title: Intro
    questions: [{{id: hello, text: How are you?}}]
""")

def one():
    return template("acme-one")

def versions():
    return [template("acme-versions", v) for v in ("1.0.0", "1.4.0", "2.0.0")]

def standard():
    return template("standard", "9.0.0")

def raises():
    raise RuntimeError("the plugin's own bug")

def wrong_type():
    return 42

def nothing():
    return []

def wrong_name():
    return template("someone-else")

def invalid():
    return careerconv.Template(name="acme-invalid", version="1", title="T")

def twice():
    return [template("acme-twice"), template("acme-twice")]

INSTANCE = template("acme-instance")
'''


# ----------------------------------------------------------------------------------------- versions, locales


def test_version_selection() -> None:
    registry = Registry(entry_points=False)
    registry.register([mini("1.0.0"), mini("1.10.0"), mini("1.2.0"), mini("2.0.0-rc1"), mini("2.0.0")])
    assert registry.get("mini").version == "2.0.0"
    assert registry.get("mini", version="1").version == "1.10.0"
    assert registry.get("mini", version="1.2").version == "1.2.0"
    assert registry.get("mini", version="1.0.0").version == "1.0.0"
    with pytest.raises(TemplateNotFoundError) as caught:
        registry.get("mini", version="3")
    assert str(caught.value) == "template 'mini' has no version '3'; it has 1.0.0, 1.2.0, 1.10.0, 2.0.0-rc1, 2.0.0"


def test_registering_the_same_version_and_locale_replaces_it() -> None:
    registry = Registry(entry_points=False)
    registry.register(mini())
    registry.register(Template(name="mini", version="1.0.0", title="Replaced"))
    assert registry.get("mini").title == "Replaced"
    with pytest.raises(TypeError, match="expected a Template, got str"):
        registry.register(["mini"])  # type: ignore[list-item]


def test_a_record_pins_its_exact_version_else_the_highest_of_its_major() -> None:
    registry = Registry(entry_points=False)
    registry.register([mini("1.0.0"), mini("1.1.0"), mini("2.0.0")])
    pinned = careerconv.TemplateRef
    assert registry.pinned(pinned(name="mini", version="1.0.0")).version == "1.0.0"
    assert registry.pinned(pinned(name="mini", version="1.0.5")).version == "1.1.0"
    assert registry.pinned(pinned(name="mini")).version == "2.0.0"
    with pytest.raises(TemplateNotFoundError, match=r"has no version '3\.0\.0'"):
        registry.pinned(pinned(name="mini", version="3.0.0"))
    assert registry.pinned(pinned(name="mini", version="1")).version == "1.1.0"


def test_locale_fallback() -> None:
    registry = Registry(entry_points=False)
    registry.register([mini(locale="es"), mini(locale="en"), mini(locale="pt-BR")])
    assert registry.get("mini", locale="es-MX").locale == "es"
    assert registry.get("mini", locale="pt-BR").locale == "pt-BR"
    assert registry.get("mini", locale="PT-br").locale == "pt-BR"
    assert registry.get("mini", locale="de").locale == "en"
    assert registry.get("mini").locale == "en"
    only_spanish = Registry(entry_points=False)
    only_spanish.register(mini(locale="es"))
    assert only_spanish.get("mini", locale="de").locale == "es"


def test_unknown_name_suggests() -> None:
    with pytest.raises(TemplateNotFoundError, match="did you mean 'standard'") as caught:
        careerconv.get_template("standart")
    assert isinstance(caught.value, LookupError)
    with pytest.raises(TemplateNotFoundError) as caught:
        Registry(entry_points=False).get("zzz")
    assert str(caught.value) == "no template named 'zzz'"


def test_the_bundled_templates() -> None:
    assert [(t.name, t.version, t.locale) for t in careerconv.list_templates()] == [
        ("moving-motivators", "1.0.0", "en"),
        ("standard", "1.0.0", "en"),
        ("standard", "1.0.0", "es"),
    ]
    assert Registry().names() == ["moving-motivators", "standard"]
    cards = [m.id for m in careerconv.get_template("moving-motivators").motivations()]
    assert cards == [
        "curiosity",
        "honor",
        "acceptance",
        "mastery",
        "power",
        "freedom",
        "relatedness",
        "order",
        "goal",
        "status",
    ]


def test_the_spanish_standard_is_a_complete_translation() -> None:
    english = careerconv.get_template("standard")
    spanish = careerconv.get_template("standard", locale="es-MX")
    assert spanish.locale == "es"
    assert careerconv.translation_problems(english, spanish) == []
    english_texts = {q.text for q in english.iter_questions()}
    assert not english_texts & {q.text for q in spanish.iter_questions()}  # every question is translated
    assert spanish.parameters["company"].default == "la empresa"


def test_translation_problems_lists_missing_extra_and_moved_ids() -> None:
    import attrs

    english = careerconv.get_template("standard")
    spanish = careerconv.get_template("standard", locale="es")
    first, second, *rest = spanish.sections
    extra = careerconv.Question(id="extra", text="¿Algo más?")
    changed = attrs.evolve(
        spanish,
        version="1.1.0",
        locale="en",
        parameters={},
        sections=(attrs.evolve(first, questions=(extra,)), second, *rest),
    )
    assert [str(p) for p in careerconv.translation_problems(english, changed)] == [
        "<string>: $.version: a translation has the version of its original, 1.0.0 [translation-mismatch]",
        "<string>: $.locale: a translation has a locale of its own, not en [translation-mismatch]",
        "<string>: $.parameters: parameter 'company' is declared in the original [translation-coverage]",
        "<string>: $.sections: question 'career-so-far' of the original is missing [translation-coverage]",
        "<string>: $.sections[0].questions[0]: question 'extra' is not in the original [translation-coverage]",
    ]
    swapped = attrs.evolve(spanish, sections=(second, first, *rest))
    assert [str(p) for p in careerconv.translation_problems(english, swapped)] == [
        "<string>: $.sections[0]: the original has section 'life-story' here; keep the original's order "
        "[translation-order]",
    ]


# ------------------------------------------------------------------------------------------------ plugins


def test_a_plugin_is_found_and_imported_only_when_asked_for(site: Site) -> None:
    site.install(
        "acme-templates",
        "2.1",
        {"acme-one": "acme_plugin:one", "acme-versions": "acme_plugin:versions"},
        {"acme_plugin": PLUGIN},
    )
    site.install("acme-other", "1.0", {"acme-instance": "acme_other:INSTANCE"}, {"acme_other": PLUGIN})
    registry = Registry()
    assert registry.names() == ["acme-instance", "acme-one", "acme-versions", "moving-motivators", "standard"]
    assert "acme_plugin" not in sys.modules
    assert registry.get("acme-versions", version="1").version == "1.4.0"
    assert "acme_plugin" in sys.modules
    assert "acme_other" not in sys.modules
    assert registry.get("acme-instance").title == "acme-instance 1.0.0 en"
    rows = {row.name: (row.source, [t.version for t in row.templates]) for row in registry.catalog()}
    assert rows["acme-versions"] == ("plugin acme-templates 2.1", ["1.0.0", "1.4.0", "2.0.0"])


FAILURES = [
    (
        "no_such_module_xyz:thing",
        "entry point 'acme-broken' (no_such_module_xyz:thing) of acme-broken 1.0: "
        "ModuleNotFoundError: No module named 'no_such_module_xyz'",
    ),
    (
        "acme_plugin:raises",
        "entry point 'acme-broken' (acme_plugin:raises) of acme-broken 1.0: RuntimeError: the plugin's own bug",
    ),
    (
        "acme_plugin:wrong_type",
        "entry point 'acme-broken' (acme_plugin:wrong_type) of acme-broken 1.0: "
        "expected a Template or an iterable of them, got int",
    ),
    (
        "acme_plugin:nothing",
        "entry point 'acme-broken' (acme_plugin:nothing) of acme-broken 1.0: "
        "expected a Template or an iterable of them, got nothing",
    ),
    (
        "acme_plugin:wrong_name",
        "entry point 'acme-broken' (acme_plugin:wrong_name) of acme-broken 1.0: "
        "returned templates named someone-else; the entry point's name is the template's",
    ),
    (
        "acme_plugin:invalid",
        "entry point 'acme-broken' (acme_plugin:invalid) of acme-broken 1.0: returned an invalid template: "
        "<string>: $.version: expected a semantic version such as 1.0.0 [invalid-version]; "
        "<string>: $.sections: a template needs at least one section [empty-template]",
    ),
    (
        "acme_plugin:twice",
        "plugin acme-broken 1.0: template 'acme-broken' version 1.0.0 locale en is defined twice",
    ),
    ("acme_plugin:no_such_attribute", None),
]


@pytest.mark.parametrize(("value", "message"), FAILURES)
def test_a_broken_plugin_is_a_plugin_error_and_breaks_nothing_else(site: Site, value: str, message: str | None) -> None:
    source = PLUGIN.replace('"acme-twice"', '"acme-broken"').replace('"acme-invalid"', '"acme-broken"')
    site.install("acme-broken", "1.0", {"acme-broken": value}, {"acme_plugin": source})
    with pytest.raises(PluginError) as caught:
        careerconv.get_template("acme-broken")
    if message is None:  # the wording of Python's own AttributeError is not ours to freeze
        assert str(caught.value).startswith(
            "entry point 'acme-broken' (acme_plugin:no_such_attribute) of acme-broken 1.0: AttributeError: "
        )
    else:
        assert str(caught.value) == message
    assert careerconv.get_template("standard").name == "standard"
    with pytest.warns(PluginWarning, match="template 'acme-broken' left out: "):
        assert [t.name for t in careerconv.list_templates()] == ["moving-motivators", "standard", "standard"]
    code, out, err = run("templates")
    assert (code, err) == (0, "")
    assert f"acme-broken\tbroken\t\t{caught.value}\tplugin acme-broken 1.0\n" in out
    assert out.startswith("acme-broken\tbroken")
    assert out.endswith("standard\t1.0.0\ten, es\tCareer Conversations\tbundled\n")
    # A record naming the broken template gets a problem, not a crash.
    record = "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: acme-broken}\nemployee: {id: alex}\n"
    with pytest.raises(ValidationError) as invalid:
        careerconv.loads(record)
    assert [p.code for p in invalid.value.problems] == ["broken-template"]


def test_the_bundled_template_wins_over_a_plugin_with_a_warning(site: Site) -> None:
    site.install("rogue-templates", "3.0", {"standard": "acme_plugin:standard"}, {"acme_plugin": PLUGIN})
    registry = Registry()
    # What the plugin holds is unknown until it is imported, and it is not imported for what careerconv bundles.
    with warnings.catch_warnings(record=True) as quiet:
        warnings.simplefilter("always")
        assert registry.names() == ["moving-motivators", "standard"]
        assert careerconv.get_template("standard").version == "1.0.0"
        assert registry.get("standard", locale="es").version == "1.0.0"
    assert [str(w.message) for w in quiet] == []
    assert "acme_plugin" not in sys.modules
    with pytest.warns(PluginWarning) as caught:  # listing every template imports it: its template is left out
        rows = {row.name: row for row in registry.catalog()}
    assert [str(w.message) for w in caught] == [
        "plugin rogue-templates 3.0 defines template 'standard' version 9.0.0 locale en, a version careerconv does "
        "not bundle; another source may add translations, not versions"
    ]
    assert [(t.version, t.locale) for t in rows["standard"].templates] == [("1.0.0", "en"), ("1.0.0", "es")]
    assert rows["standard"].translations == ()


def test_two_plugins_claiming_one_name_is_an_error_naming_both(site: Site) -> None:
    site.install("acme-a", "1.0", {"acme-one": "acme_plugin:one"}, {"acme_plugin": PLUGIN})
    site.install("acme-b", "2.0", {"acme-one": "acme_plugin:one"})
    with pytest.raises(PluginError) as caught:
        careerconv.get_template("acme-one")
    assert (
        str(caught.value)
        == "template 'acme-one' is defined by two plugins, acme-a 1.0 and acme-b 2.0; uninstall or block one"
    )
    assert careerconv.get_template("standard").name == "standard"
    # Blocking one of them by its distribution's name settles it.
    assert Registry(block=["acme-b"]).get("acme-one").name == "acme-one"


def test_plugins_can_be_blocked_by_entry_point_or_distribution(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.install("acme-templates", "2.1", {"acme-one": "acme_plugin:one"}, {"acme_plugin": PLUGIN})
    site.install("acme-other", "1.0", {"acme-instance": "acme_other:INSTANCE"}, {"acme_other": PLUGIN})
    assert Registry(block=["acme-one"]).names() == ["acme-instance", "moving-motivators", "standard"]
    assert Registry(block=["Acme_Templates", "acme-other"]).names() == ["moving-motivators", "standard"]
    monkeypatch.setenv("CAREERCONV_BLOCK_PLUGINS", "acme-one, acme-instance")
    assert Registry().names() == ["moving-motivators", "standard"]
    assert Registry(environment=False).names() == ["acme-instance", "acme-one", "moving-motivators", "standard"]
    careerconv.refresh_templates()
    with pytest.raises(TemplateNotFoundError, match="no template named 'acme-one'"):
        careerconv.get_template("acme-one")
    assert run("templates", "--block", "standard")[1].splitlines()[-1].startswith("standard\t1.0.0")


def test_entry_points_are_read_once_until_refreshed(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    calls = []
    real = importlib.metadata.entry_points

    def counting(**kwargs: str) -> object:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", counting)
    careerconv.refresh_templates()
    assert careerconv.get_template("standard").name == "standard"
    assert Registry().names() == ["moving-motivators", "standard"]
    assert len(calls) == 1
    site.install("acme-templates", "2.1", {"acme-one": "acme_plugin:one"}, {"acme_plugin": PLUGIN})
    assert len(calls) == 1  # install() refreshed, but nothing has asked since
    assert careerconv.get_template("acme-one").name == "acme-one"
    assert len(calls) == 2


# ------------------------------------------------------------------------------------------------ folders


TEMPLATE = """\
kind: template
schema_version: 1
name: {name}
version: {version}
locale: {locale}
title: {name} from a folder
sections:
  - id: intro
    title: Intro
    questions: [{{id: hello, text: How are you?}}]
"""


def write(folder: Path, file: str, name: str, version: str = "1.0.0", locale: str = "en") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / file
    path.write_text(TEMPLATE.format(name=name, version=version, locale=locale))
    return path


def test_folders_from_the_argument_and_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "one", "team.yaml", "team-guide")
    write(tmp_path / "one", "team.es.yaml", "team-guide", locale="es")
    write(tmp_path / "two", "other.yml", "other-guide", version="2.0.0")
    (tmp_path / "two" / "notes.txt").write_text("not a template")
    monkeypatch.setenv("CAREERCONV_TEMPLATE_PATH", str(tmp_path / "two"))
    registry = Registry(paths=[tmp_path / "one"])
    assert registry.names() == ["moving-motivators", "other-guide", "standard", "team-guide"]
    assert registry.get("team-guide", locale="es").source == str(tmp_path / "one" / "team.es.yaml")
    rows = {row.name: row.source for row in registry.catalog()}
    assert rows["other-guide"] == f"folder {tmp_path / 'two'}"
    code, out, err = run("show", "team-guide", "--template-path", str(tmp_path / "one"))
    assert (code, err) == (0, "")
    assert out.startswith("# team-guide from a folder\n")


def test_a_folder_wins_over_a_plugin_and_loses_to_the_bundled(tmp_path: Path, site: Site) -> None:
    site.install("acme-templates", "2.1", {"acme-one": "acme_plugin:one"}, {"acme_plugin": PLUGIN})
    write(tmp_path, "acme.yaml", "acme-one", version="5.0.0")
    write(tmp_path, "standard.yaml", "standard", version="9.0.0")
    registry = Registry(paths=[tmp_path])
    with pytest.warns(PluginWarning) as caught:
        registry.names()
    assert registry.get("acme-one").version == "5.0.0"
    assert registry.get("standard").version == "1.0.0"
    assert [str(w.message) for w in caught] == [
        f"folder {tmp_path} defines template 'standard' version 9.0.0 locale en, a version careerconv does not "
        "bundle; another source may add translations, not versions",
    ]
    assert "acme_plugin" not in sys.modules
    with pytest.warns(PluginWarning) as listed:  # the plugin's template, known once it is imported
        registry.catalog()
    assert [str(w.message) for w in listed] == [
        f"plugin acme-templates 2.1 defines template 'acme-one' version 1.0.0 locale en, a version folder {tmp_path} "
        "does not define; another source may add translations, not versions",
    ]


def test_a_broken_folder_file_is_listed_and_breaks_nothing_else(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", "good-guide")
    (tmp_path / "bad.yaml").write_text("kind: template\nschema_version: 1\nname: bad\n")
    (tmp_path / "record.yaml").write_text(
        "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\nemployee: {id: alex}\n"
    )
    registry = Registry(paths=[tmp_path])
    assert registry.get("good-guide").name == "good-guide"
    rows = {row.name: row.error for row in registry.catalog()}
    assert (
        rows["bad"]
        == f"invalid: {tmp_path / 'bad.yaml'}:1:1: $.version: missing required field [missing-field] (and 2 more)"
    )
    assert rows["record"] == f"{tmp_path / 'record.yaml'}: a template folder holds templates, not conversation records"
    with pytest.raises(ValidationError):
        registry.get("bad")
    with pytest.warns(PluginWarning, match=f"template folder {tmp_path / 'nope'} does not exist"):
        assert Registry(paths=[tmp_path / "nope"], entry_points=False).names() == []


def test_the_same_version_and_locale_twice_in_folders(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "twice-guide")
    write(tmp_path, "b.yaml", "twice-guide")
    with pytest.raises(PluginError) as caught:
        Registry(paths=[tmp_path]).get("twice-guide")
    assert str(caught.value) == f"folder {tmp_path}: template 'twice-guide' version 1.0.0 locale en is defined twice"


def test_refresh_reads_folders_again(tmp_path: Path) -> None:
    registry = Registry(paths=[tmp_path], entry_points=False)
    assert registry.names() == []
    write(tmp_path, "late.yaml", "late-guide")
    assert registry.names() == []
    registry.refresh()
    assert registry.names() == ["late-guide"]


# --------------------------------------------------------------------------------------------- parameters


def test_parameters_given_when_resolving() -> None:
    assert careerconv.get_template("standard", params={"company": "Acme"}).parameters["company"].default == "Acme"
    with pytest.raises(ValidationError) as caught:
        careerconv.get_template("standard", params={"compnay": "Acme"})
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.params.compnay: template standard 1.0.0 declares no parameter 'compnay'; "
        "did you mean 'company'? [unknown-parameter]"
    ]
    needy = Template(
        name="needy",
        version="1.0.0",
        title="For {who}",
        parameters={"who": careerconv.Parameter(description="Whose guide")},
    )
    registry = Registry(entry_points=False)
    registry.register(needy)
    with pytest.raises(ValidationError) as caught:
        registry.get("needy", params={})
    assert [str(p) for p in caught.value.problems] == [
        "<string>: $.params.who: parameter 'who' needs a value [missing-parameter]"
    ]
    assert registry.get("needy", params={"who": "Kim"}).parameters["who"].default == "Kim"
    assert registry.get("needy").parameters["who"].default is None


# ------------------------------------------------------------------------- translations from other sources


def french_standard(version: str = "1.0.0", *, without: str | None = None) -> str:
    """The bundled standard in French (a few texts translated), as a file's text; ``without`` a question id."""
    data = careerconv.to_data(careerconv.get_template("standard"))
    data.update(version=version, locale="fr", title="Conversations de carrière")
    data["sections"][0]["title"] = "Parcours"
    data["sections"][0]["questions"][0]["text"] = "Racontez-moi votre carrière en 10 minutes."
    if without is not None:
        for section in data["sections"]:
            if "questions" in section:
                section["questions"] = [q for q in section["questions"] if q["id"] != without]
    return careerconv.dumps(careerconv.from_data(data))


def english_standard(**changes: str) -> str:
    """The bundled standard, as a file's text, with ``changes`` to its top-level fields."""
    data = careerconv.to_data(careerconv.get_template("standard"))
    data.update(changes)
    return careerconv.dumps(careerconv.from_data(data))


def test_a_folder_adds_a_translation_of_the_bundled_template(tmp_path: Path) -> None:
    (tmp_path / "standard.fr.yaml").write_text(french_standard())
    registry = Registry(paths=[tmp_path], environment=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert registry.names() == ["moving-motivators", "standard"]
        french = registry.get("standard", locale="fr-CA")
        english = registry.get("standard")
        rows = {row.name: row for row in registry.catalog()}
        listed = [(t.name, t.locale) for t in registry.list()]
    assert [str(w.message) for w in caught] == []
    assert (french.locale, french.title, french.source) == (
        "fr",
        "Conversations de carrière",
        str(tmp_path / "standard.fr.yaml"),
    )
    assert french.sections[0].questions[0].text == "Racontez-moi votre carrière en 10 minutes."
    assert (english.locale, english.title) == ("en", "Career Conversations")
    assert rows["standard"].source == "bundled"
    assert [t.locale for t in rows["standard"].templates] == ["en", "es", "fr"]
    assert rows["standard"].translations == (("1.0.0", "fr", f"folder {tmp_path}"),)
    assert rows["standard"].broken == ()
    assert listed == [("moving-motivators", "en"), ("standard", "en"), ("standard", "es"), ("standard", "fr")]
    # refresh() forgets it: the folder is read again.
    (tmp_path / "standard.fr.yaml").unlink()
    registry.refresh()
    assert registry.get("standard", locale="fr").locale == "en"
    assert {row.name: row.translations for row in registry.catalog()}["standard"] == ()


def scan_warnings(registry: Registry) -> list[str]:
    """The warnings of scanning the registry's sources (``names()``): there must be some."""
    with pytest.warns(PluginWarning) as caught:
        registry.names()
    return [str(w.message) for w in caught]


def test_a_folder_cannot_replace_the_bundled_template_or_its_translations(tmp_path: Path) -> None:
    (tmp_path / "standard.fr.yaml").write_text(french_standard())
    (tmp_path / "standard.yaml").write_text(english_standard(title="Our own conversations"))
    (tmp_path / "standard.es.yaml").write_text(english_standard(locale="es", title="Nuestras conversaciones"))
    (tmp_path / "standard.de.yaml").write_text("kind: template\nschema_version: 1\nname: standard\n")
    registry = Registry(paths=[tmp_path], environment=False)
    assert scan_warnings(registry) == [
        f"folder {tmp_path}: template 'standard' left out: invalid: {tmp_path / 'standard.de.yaml'}:1:1: "
        "$.version: missing required field [missing-field] (and 2 more)",
        f"folder {tmp_path} defines template 'standard' version 1.0.0 locale es, which careerconv bundles; "
        "the bundled one wins",
        f"folder {tmp_path} defines template 'standard' version 1.0.0 locale en, which careerconv bundles; "
        "the bundled one wins",
    ]
    with warnings.catch_warnings(record=True) as later:
        warnings.simplefilter("always")
        assert registry.get("standard").title == "Career Conversations"
        assert registry.get("standard", locale="es").title == "Conversaciones de carrera"
        assert registry.get("standard", locale="fr").title == "Conversations de carrière"
        row = {row.name: row for row in registry.catalog()}["standard"]
    assert [str(w.message) for w in later] == []  # warned once, at the scan
    assert row.translations == (("1.0.0", "fr", f"folder {tmp_path}"),)
    assert [t.title for t in row.templates] == [
        "Career Conversations",
        "Conversaciones de carrera",
        "Conversations de carrière",
    ]


def test_another_source_adds_translations_not_versions(tmp_path: Path) -> None:
    (tmp_path / "standard.fr.yaml").write_text(french_standard("9.0.0"))
    registry = Registry(paths=[tmp_path], environment=False)
    assert scan_warnings(registry) == [
        f"folder {tmp_path} defines template 'standard' version 9.0.0 locale fr, a version careerconv does not "
        "bundle; another source may add translations, not versions",
    ]
    picked = registry.get("standard", locale="fr")
    assert (picked.version, picked.locale) == ("1.0.0", "en")
    with pytest.raises(TemplateNotFoundError, match=r"has no version '9'; it has 1\.0\.0$"):
        registry.get("standard", version="9", locale="fr")
    assert {row.name: row.translations for row in registry.catalog()}["standard"] == ()


# A plugin that translates: the bundled standard in French (FRENCH, the file's text), and acme-one in French and German.
TRANSLATING = (
    PLUGIN
    + """
def french():
    return careerconv.loads(FRENCH)

def acme_one():
    return [template("acme-one"), template("acme-one", locale="fr"), template("acme-one", locale="de")]

def other_english():
    return careerconv.loads(careerconv.dumps(template("acme-spanish")).replace("hello", "bonjour"))
"""
)


def translating() -> str:
    """The translating plugin's module."""
    return f"{TRANSLATING}\nFRENCH = {french_standard()!r}\n"


def test_a_plugin_adds_a_translation_and_is_imported_only_for_it(site: Site) -> None:
    site.install(
        "acme-french",
        "1.0",
        {"standard": "acme_french:french"},
        {"acme_french": translating()},
    )
    registry = Registry()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert registry.names() == ["moving-motivators", "standard"]
        assert careerconv.get_template("standard").locale == "en"
        assert registry.get("standard", locale="es").locale == "es"
        assert registry.get("standard").locale == "en"
        assert "acme_french" not in sys.modules  # nothing asked needs it
        french = registry.get("standard", locale="fr")
        assert "acme_french" in sys.modules
        rows = {row.name: row for row in registry.catalog()}
    assert [str(w.message) for w in caught] == []
    assert (french.locale, french.title) == ("fr", "Conversations de carrière")
    assert french.sections[0].questions[0].text == "Racontez-moi votre carrière en 10 minutes."
    assert rows["standard"].source == "bundled"
    assert rows["standard"].translations == (("1.0.0", "fr", "plugin acme-french 1.0"),)


def test_a_folder_translation_wins_over_a_plugin_one(tmp_path: Path, site: Site) -> None:
    site.install(
        "acme-french",
        "1.0",
        {"standard": "acme_french:french", "acme-one": "acme_french:acme_one"},
        {"acme_french": translating()},
    )
    (tmp_path / "standard.fr.yaml").write_text(french_standard().replace("Parcours", "Votre parcours"))
    write(tmp_path, "acme.yaml", "acme-one")
    registry = Registry(paths=[tmp_path], environment=False)
    assert registry.get("acme-one").title == "acme-one from a folder"
    assert registry.get("standard", locale="fr").sections[0].title == "Votre parcours"  # the folder's: no import
    assert "acme_french" not in sys.modules
    with pytest.warns(PluginWarning) as caught:  # acme-one has no German: the plugin is imported for it
        assert registry.get("acme-one", locale="de").locale == "de"
    assert [str(w.message) for w in caught] == [
        f"folder {tmp_path} defines template 'acme-one' version 1.0.0 locale en; it wins over plugin acme-french 1.0",
    ]
    with pytest.warns(PluginWarning) as listed:
        rows = {row.name: row for row in registry.catalog()}
    assert [str(w.message) for w in listed] == [
        f"plugin acme-french 1.0 defines template 'standard' version 1.0.0 locale fr, which folder {tmp_path} adds "
        "too; the one found first wins",
    ]
    assert rows["standard"].translations == (("1.0.0", "fr", f"folder {tmp_path}"),)
    assert rows["acme-one"].source == f"folder {tmp_path}"
    assert rows["acme-one"].translations == (
        ("1.0.0", "de", "plugin acme-french 1.0"),
        ("1.0.0", "fr", "plugin acme-french 1.0"),
    )
    assert registry.get("standard", locale="fr").sections[0].title == "Votre parcours"


def test_a_broken_translating_plugin_breaks_only_itself(site: Site) -> None:
    site.install("acme-broken", "1.0", {"standard": "acme_plugin:raises"}, {"acme_plugin": PLUGIN})
    registry = Registry()
    with pytest.warns(PluginWarning) as caught:
        assert registry.get("standard", locale="fr").locale == "en"
    assert [str(w.message) for w in caught] == [
        "template 'standard' from plugin acme-broken 1.0 left out: entry point 'standard' (acme_plugin:raises) of "
        "acme-broken 1.0: RuntimeError: the plugin's own bug"
    ]
    assert registry.get("standard", locale="fr").locale == "en"  # tried once, until refresh()


def test_a_broken_translation_from_a_folder_is_listed_and_not_used(tmp_path: Path) -> None:
    (tmp_path / "standard.fr.yaml").write_text(french_standard(without="dream-role"))
    registry = Registry(paths=[tmp_path], environment=False)
    with pytest.raises(ValidationError) as caught:
        registry.get("standard", locale="fr")
    assert [p.code for p in caught.value.problems] == ["translation-coverage"]
    assert caught.value.problems[0].source == str(tmp_path / "standard.fr.yaml")
    assert registry.get("standard").locale == "en"
    row = {row.name: row for row in registry.catalog()}["standard"]
    assert [t.locale for t in row.templates] == ["en", "es"]
    assert [(version, locale) for version, locale, _ in row.broken] == [("1.0.0", "fr")]
    assert row.broken[0][2].startswith(f"invalid: {tmp_path / 'standard.fr.yaml'}:")
    assert row.broken[0][2].endswith("question 'dream-role' of the original is missing [translation-coverage]")
    assert row.translations == (("1.0.0", "fr", f"folder {tmp_path}"),)


def test_an_added_translation_is_checked_against_the_owners_original(tmp_path: Path, site: Site) -> None:
    site.install("acme-english", "1.0", {"acme-spanish": "acme_french:other_english"}, {"acme_french": translating()})
    write(tmp_path, "spanish.yaml", "acme-spanish", locale="es")  # the folder has no English: Spanish is the original
    registry = Registry(paths=[tmp_path], environment=False)
    assert registry.get("acme-spanish", locale="es").locale == "es"
    with pytest.raises(ValidationError) as caught:
        registry.get("acme-spanish", locale="en")
    assert [p.code for p in caught.value.problems] == ["translation-coverage", "translation-coverage"]
    row = {row.name: row for row in registry.catalog()}["acme-spanish"]
    assert [t.locale for t in row.templates] == ["es"]
    assert [(version, locale) for version, locale, _ in row.broken] == [("1.0.0", "en")]
    assert row.translations == (("1.0.0", "en", "plugin acme-english 1.0"),)
