"""Finding templates: versions, locales, unknown names, and plugin failures."""

from __future__ import annotations

import importlib.metadata

import pytest

import careerconv
from careerconv import Registry, Template
from careerconv.registry import GROUP


def mini(version: str = "1.0.0", locale: str = "en", name: str = "mini") -> Template:
    return Template(name=name, version=version, locale=locale, title=f"Mini {version} {locale}")


def test_version_selection() -> None:
    registry = Registry(entry_points=False)
    registry.register([mini("1.0.0"), mini("1.10.0"), mini("1.2.0"), mini("2.0.0-rc1"), mini("2.0.0")])
    assert registry.get("mini").version == "2.0.0"
    assert registry.get("mini", version="1").version == "1.10.0"
    assert registry.get("mini", version="1.2").version == "1.2.0"
    assert registry.get("mini", version="1.0.0").version == "1.0.0"
    with pytest.raises(careerconv.TemplateNotFoundError) as caught:
        registry.get("mini", version="3")
    assert str(caught.value) == "template 'mini' has no version 3; it has 1.0.0, 1.2.0, 1.10.0, 2.0.0-rc1, 2.0.0"


def test_locale_fallback() -> None:
    registry = Registry(entry_points=False)
    registry.register([mini(locale="es"), mini(locale="en"), mini(locale="pt-BR")])
    assert registry.get("mini", locale="es-MX").locale == "es"
    assert registry.get("mini", locale="pt-BR").locale == "pt-BR"
    assert registry.get("mini", locale="de").locale == "en"
    assert registry.get("mini").locale == "en"


def test_unknown_name_suggests() -> None:
    with pytest.raises(careerconv.TemplateNotFoundError, match="did you mean 'standard'") as caught:
        careerconv.get_template("standart")
    assert isinstance(caught.value, LookupError)
    with pytest.raises(careerconv.TemplateNotFoundError) as caught:
        Registry(entry_points=False).get("zzz")
    assert str(caught.value) == "no template named 'zzz'"


def test_list_templates_and_names() -> None:
    assert [(t.name, t.version, t.locale) for t in careerconv.list_templates()] == [("standard", "1.0.0", "en")]
    assert Registry().names() == ["standard"]


def fake_entry_point(name: str, value: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name=name, value=value, group=GROUP)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "no_such_module_xyz:thing",
            "entry point 'broken' (no_such_module_xyz:thing): ModuleNotFoundError: "
            "No module named 'no_such_module_xyz'",
        ),
        ("builtins:int", "entry point 'broken' (builtins:int): expected a Template or templates, got int"),
        (
            "tests.test_registry:wrong_name",
            "entry point 'broken' (tests.test_registry:wrong_name): returned templates named mini",
        ),
    ],
)
def test_plugin_failures_are_plugin_errors(monkeypatch: pytest.MonkeyPatch, value: str, message: str) -> None:
    registry = Registry()
    monkeypatch.setattr(registry, "_entry_points", {"broken": fake_entry_point("broken", value)})
    with pytest.raises(careerconv.PluginError) as caught:
        registry.get("broken")
    assert str(caught.value) == message


def wrong_name() -> list[Template]:
    return [mini()]
