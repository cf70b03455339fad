"""Derived templates: ``extends`` plus ``changes``, resolved recursively, cycles found, origins kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import careerconv
from careerconv import Registry, Template, ValidationError
from careerconv.cli import main

DERIVED = Path(__file__).parent / "data" / "derived"


def ids(template: Template) -> list[tuple[str, list[str]]]:
    found = []
    for section in template.sections:
        items = [q.id for q in section.questions] + [m.id for m in section.motivations]
        items += [f"{stage.id}:{q.id}" for stage in section.stages for q in stage.questions]
        found.append((section.id, items))
    return found


def registry() -> Registry:
    return Registry(paths=[DERIVED])


def test_every_kind_of_change_lands_where_it_says() -> None:
    acme = registry().get("acme-career")
    assert ids(acme) == [
        ("life-story", ["career-so-far"]),
        (
            "what-you-seek",
            ["influence", "authority", "prestige", "mastery", "autonomy", "meaning", "compensation", "learning"],
        ),
        (
            "short-term",
            [
                "company-appeal",
                "on-call",
                "role-excitement",
                "role-and-goals",
                "new-skills",
                "known-opportunities",
                "pairing",
                "team",
                "still-learning",
                "more-interesting",
                "best-help",
            ],
        ),
        ("acme-values", ["values-lived"]),
        ("long-term", ["later"]),
        (
            "one-thing",
            [
                "goal:goal-horizons",
                "goal:goal-interests",
                "reality:reality-aspects",
                "reality:reality-challenge",
                "reality:reality-feedback",
                "options:options-develop",
                "options:options-stretch",
                "options:options-network",
                "will:will-first",
                "will:will-steps",
                "will:will-resources",
            ],
        ),
    ]
    assert (acme.name, acme.version, acme.locale, acme.extends, acme.changes) == (
        "acme-career",
        "1.0.0",
        "en",
        None,
        (),
    )
    assert acme.description == careerconv.get_template("standard").description  # inherited
    assert acme.parameters == {
        "company": careerconv.Parameter(description="Name of the company", default="Acme"),
        "site": careerconv.Parameter(description="Office", default="Berlin"),
    }
    assert acme.source == str(DERIVED / "acme.yaml")


def test_each_resolved_item_knows_its_template() -> None:
    plus = registry().get("acme-plus")
    assert plus.description == "Acme's guide, one question more."
    origins = {q.id: plus.origin(q.id) for q in plus.iter_questions()}
    assert origins["plus"] == "acme-plus@2.0.0"
    assert origins["on-call"] == origins["company-appeal"] == origins["later"] == "acme-career@1.0.0"
    assert origins["career-so-far"] == origins["team"] == "standard@1.0.0"
    assert plus.origin("acme-values") == plus.origin("learning") == "acme-career@1.0.0"
    assert plus.origin("mastery") == "standard@1.0.0"
    assert sorted(set(origins.values())) == ["acme-career@1.0.0", "acme-plus@2.0.0", "standard@1.0.0"]


def test_a_derived_translation_resolves_against_the_translated_base() -> None:
    acme = registry().get("acme-career", locale="es-MX")
    assert acme.locale == "es"
    assert acme.sections[0].title == "Tu historia"  # from the Spanish standard
    english = registry().get("acme-career")
    assert careerconv.translation_problems(english, acme) == []


def test_a_record_of_a_derived_template_is_checked_against_the_whole(tmp_path: Path) -> None:
    record = tmp_path / "r.yaml"
    record.write_text(
        "kind: conversation\nschema_version: 1\nid: r1\n"
        "template: {name: acme-plus, version: 2.0.0}\nemployee: {id: alex}\n"
        "answers:\n  plus: {text: yes}\n  on-call: {text: fine}\n  dream-role: {text: astronaut}\n"
        "motivations: {ranking: [learning, influence, authority, prestige, mastery, autonomy, meaning]}\n"
    )
    with pytest.raises(ValidationError) as caught:
        careerconv.load(record, registry=registry())
    assert [str(p) for p in caught.value.problems] == [
        f"{record}:9:15: $.answers.dream-role: no question 'dream-role' in template acme-plus 2.0.0 [unknown-question]",
        f"{record}:10:24: $.motivations.ranking: a ranking lists every motivation once; missing: compensation "
        "[invalid-ranking]",
    ]


def test_cycles_are_found(tmp_path: Path) -> None:
    for name, base in (("cyc-a", "cyc-b"), ("cyc-b", "cyc-c@1"), ("cyc-c", "cyc-a@1.0.0")):
        (tmp_path / f"{name}.yaml").write_text(
            f"kind: template\nschema_version: 1\nname: {name}\nversion: 1.0.0\nextends: {base}\ntitle: {name}\n"
        )
    (tmp_path / "self.yaml").write_text(
        "kind: template\nschema_version: 1\nname: self-ref\nversion: 1.0.0\nextends: self-ref@1\ntitle: Me\n"
    )
    cycles = Registry(paths=[tmp_path], entry_points=False)
    with pytest.raises(ValidationError) as caught:
        cycles.get("cyc-a")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'cyc-a.yaml'}:5:10: $.extends: the base template 'cyc-b' cannot be used: the base template "
        "'cyc-c' cannot be used: templates extend each other in a cycle: cyc-a@1.0.0 → cyc-b@1.0.0 → cyc-c@1.0.0 "
        "→ cyc-a@1.0.0 [extends-cycle]"
    ]
    with pytest.raises(ValidationError) as caught:
        cycles.get("self-ref")
    assert [p.message for p in caught.value.problems] == [
        "a template cannot extend itself: self-ref@1.0.0 extends self-ref@1"
    ]
    rows = {row.name: row.error for row in cycles.catalog()}
    assert all(error is not None and "[extends-cycle]" in error for error in rows.values())


def test_a_newer_version_may_extend_an_older_one_of_its_name() -> None:
    registry = Registry(entry_points=False)
    base = careerconv.get_template("standard")
    registry.register(Template(name="mine", version="1.0.0", title="Mine", sections=base.sections[:1]))
    newer = careerconv.loads(
        "kind: template\nschema_version: 1\nname: mine\nversion: 2.0.0\nextends: mine@1\ntitle: Mine 2\n"
        "changes: [{add: {section: life-story, question: {id: extra, text: 'More?'}}}]\n",
        registry=registry,
    )
    assert isinstance(newer, Template)
    registry.register(newer)
    assert ids(registry.get("mine")) == [("life-story", ["career-so-far", "extra"])]
    assert registry.get("mine").origin("career-so-far") == "mine@1.0.0"


def test_resolve_template_and_show_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    loaded = careerconv.load(DERIVED / "acme.yaml")
    assert isinstance(loaded, Template)
    assert loaded.extends == "standard@1"
    assert careerconv.loads(careerconv.dumps(loaded)) == loaded  # the file's form round-trips
    whole = careerconv.resolve_template(loaded, params={"site": "Lisbon"})
    assert whole.parameters["site"].default == "Lisbon"
    assert main(["show", str(DERIVED / "acme.yaml"), "--param", "site=Lisbon"]) == 0
    out = capsys.readouterr().out
    assert "- **Which value did you live in Lisbon?**" in out
    assert "- **What keeps you at Acme?**" in out
    assert "dream role" not in out
    assert main(["show", str(DERIVED / "acme-plus.yaml"), "--template-path", str(DERIVED)]) == 0
    assert "- **One more?**" in capsys.readouterr().out
