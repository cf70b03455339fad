"""An outsider's attacks on the new ways in: the pydantic type and its FastAPI service, PO files, added translations.

A test that fails shows a broken promise (see the review's report); a test that passes keeps an attack that is
already handled from coming back.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
import warnings
from pathlib import Path
from typing import Annotated, Any

# The test extra installs pydantic, FastAPI (with Starlette's httpx2 client) and Babel: no skip hides these.
import pydantic
import pytest
from babel.messages import pofile
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter

import careerconv
from careerconv import Conversation, Registry
from careerconv.pydantic import RecordOf, read_json, record_type
from tests.cli_runner import run
from tests.conftest import Site
from tests.services import fastapi_service

#: What a person wrote: it must never come back in an error, and never reach employee or hr when private.
SECRET = "Qz7 my private worry"
#: A key of identifier characters only, but longer than careerconv ever repeats (64): shown as not an identifier.
LONG_KEY = "Qz7" + "a" * 80

BODY: dict[str, Any] = {
    "kind": "conversation",
    "schema_version": 1,
    "id": "r1",
    "template": {"name": "standard", "version": "1.0.0"},
    "date": "2026-12-08",
    "employee": {"id": "alex"},
    "answers": {"career-so-far": {"text": "Support, then backend."}},
}


@pytest.fixture
def client() -> TestClient:
    return TestClient(fastapi_service("careerconv_attack_service").app, raise_server_exceptions=False)


def raw_post(client: TestClient, text: str, path: str = "/records/validate") -> Any:
    return client.post(path, content=text.encode("utf-8"), headers={"content-type": "application/json"})


def with_answer(answer: str) -> str:
    """BODY as JSON text whose answers are ``answer`` (JSON text, so it may repeat a key)."""
    text = json.dumps({**BODY, "answers": {}})
    return text.replace('"answers": {}', f'"answers": {answer}')


# ------------------------------------------------------------------------------ A. the pydantic type, over HTTP

DUPLICATES = {
    "visibility twice": f'{{"dream-role": {{"text": "{SECRET}", "visibility": "private", "visibility": "shared"}}}}',
    "visibility twice, escaped": (
        f'{{"dream-role": {{"text": "{SECRET}", "visibility": "private", "visibil\\u0069ty": "shared"}}}}'
    ),
    "an answer twice": (
        f'{{"dream-role": {{"text": "{SECRET}", "visibility": "private"}}, "dream-role": {{"text": "{SECRET}"}}}}'
    ),
}


@pytest.mark.parametrize("answers", DUPLICATES.values(), ids=DUPLICATES.keys())
def test_fastapi_a_body_with_a_duplicate_key_is_refused_and_private_stays_private(
    client: TestClient, answers: str
) -> None:
    created = raw_post(client, with_answer(answers), "/records")
    for audience in ("employee", "hr"):
        if created.status_code == 201:
            fetched = client.get("/records/r1", params={"audience": audience})
            report = client.get("/records/r1/report", params={"audience": audience})
            assert SECRET not in fetched.text, f"a private answer reached {audience}"
            assert SECRET not in report.text, f"a private answer reached {audience}"
    assert created.status_code == 422
    assert "duplicate-key" in [e["type"] for e in created.json()["detail"]]


def test_validate_json_keeps_the_last_key_so_the_docs_say_read_json_first() -> None:
    """pydantic's own JSON parser runs before the type and keeps the last of a repeated key: the reason
    ``careerconv.pydantic.read_json`` exists (the docs say so). If this ever fails, pydantic refuses them."""
    record = TypeAdapter(record_type("standard")).validate_json(with_answer(DUPLICATES["visibility twice"]))
    assert record.answers["dream-role"].visibility == "shared"


def test_read_json_then_validate_refuses_a_duplicate_key() -> None:
    adapter = TypeAdapter(record_type("standard"))
    for text in DUPLICATES.values():
        with pytest.raises(pydantic.ValidationError) as caught:
            adapter.validate_python(read_json(with_answer(text)))
        assert "duplicate-key" in [e["type"] for e in caught.value.errors()]
        assert SECRET not in str(caught.value)


class Upload(BaseModel):
    record: Annotated[Conversation, RecordOf("standard")]


def test_a_model_from_read_json_refuses_a_duplicate_key() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        Upload.model_validate(read_json(f'{{"record": {with_answer(DUPLICATES["visibility twice"])}}}'))
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("record", "answers", "dream-role", "visibility"), "duplicate-key")
    ]


NOT_JSON = {
    "cut short": with_answer(f'{{"dream-role": {{"text": "x"}}}}, "notes": [{{"text": "{SECRET}"'),
    "trailing text": with_answer(f'{{"dream-role": {{"text": "{SECRET}"}}}}') + " x",
    "nested too deep for the parser": with_answer(f'{{"dream-role": {{"text": "{SECRET}"}}}}').replace(
        '"alex"', "[" * 3000 + "]" * 3000
    ),
}


@pytest.mark.parametrize("text", NOT_JSON.values(), ids=NOT_JSON.keys())
def test_read_json_of_broken_json_never_holds_what_people_wrote(text: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        read_json(text)
    assert SECRET not in str(caught.value)
    assert SECRET not in json.dumps(caught.value.errors(), default=str)
    assert all(e["input"] is None for e in caught.value.errors())


def test_fastapi_a_long_key_masked_in_the_message_is_masked_in_loc_too(client: TestClient) -> None:
    body = {
        **BODY,
        LONG_KEY: 1,
        "employee": {"id": "alex", LONG_KEY: 1},
        "answers": {LONG_KEY: {"text": "x"}},
        "params": {LONG_KEY: "x"},
        "notes": [{"text": "n", LONG_KEY: "x"}],
    }
    response = client.post("/records/validate", json=body)
    assert response.status_code == 422
    assert "not shown: not an identifier" in response.text  # the message hides it ...
    assert LONG_KEY not in response.text  # ... and so must the place


def nested(depth: int) -> Any:
    """SECRET in ``depth`` lists, one inside the other."""
    value: Any = SECRET
    for _ in range(depth):
        value = [value]
    return value


HOSTILE: dict[str, Any] = {
    "record id": {**BODY, "id": SECRET},
    "employee id": {**BODY, "employee": {"id": SECRET}},
    "manager id": {**BODY, "manager": {"id": SECRET}},
    "action id": {**BODY, "grow": {"will": [{"id": SECRET, "text": "x"}]}},
    "answer key": {**BODY, "answers": {SECRET: {"text": "x"}}},
    "top-level key": {**BODY, SECRET: 1},
    "employee key": {**BODY, "employee": {"id": "alex", SECRET: 1}},
    "note key": {**BODY, "notes": [{"text": "n", SECRET: 1}]},
    "parameter name": {**BODY, "params": {SECRET: "x"}},
    "visibility": {**BODY, "answers": {"team": {"text": "x", "visibility": SECRET}}},
    "note visibility": {**BODY, "notes": [{"text": "x", "visibility": SECRET}]},
    "template name": {**BODY, "template": {"name": SECRET}},
    "template version": {**BODY, "template": {"name": "standard", "version": SECRET}},
    "template locale": {**BODY, "template": {"name": "standard", "locale": SECRET}},
    "kind": {**BODY, "kind": SECRET},
    "schema_version": {**BODY, "schema_version": SECRET},
    "schema_version as text": {**BODY, "schema_version": "1"},
    "date": {**BODY, "date": SECRET},
    "due date": {**BODY, "grow": {"will": [{"id": "a1", "text": "x", "due": SECRET}]}},
    "owner": {**BODY, "grow": {"will": [{"id": "a1", "text": "x", "owner": SECRET}]}},
    "status": {**BODY, "grow": {"will": [{"id": "a1", "text": "x", "status": SECRET}]}},
    "ranking": {**BODY, "motivations": {"ranking": [SECRET]}},
    "value of a text question": {**BODY, "answers": {"team": {"value": SECRET}}},
    "text as a list": {**BODY, "answers": {"team": {"text": [SECRET]}}},
    "text as a number": {**BODY, "answers": {"team": {"text": 1}}},
    "bidi control": {**BODY, "answers": {"team": {"text": f"{SECRET}\u202e"}}},
    "escape character": {**BODY, "answers": {"team": {"text": f"{SECRET}\x1b[2J"}}},
    "control character in a key": {**BODY, "answers": {f"team\x00{SECRET}": {"text": "x"}}},
    "a template": {"kind": "template", "schema_version": 1, "name": "standard", "version": "1.0.0", "title": SECRET},
    "the standard template whole": careerconv.to_data(careerconv.get_template("standard")),
    "another template's record": {**BODY, "template": {"name": "moving-motivators"}, "notes": [{"text": SECRET}]},
    "nested 50 deep": {**BODY, "answers": {"team": {"text": nested(50)}}},
    "a list": [SECRET],
    "a text": SECRET,
    "a number": 3,
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
def test_fastapi_hostile_bodies_are_422_without_what_was_written(client: TestClient, body: Any) -> None:
    response = client.post("/records/validate", json=body)
    assert response.status_code == 422
    assert SECRET not in response.text
    assert all(e["input"] in (None, {}) for e in response.json()["detail"])


RAW: dict[str, str] = {
    "NaN": json.dumps(BODY).replace('"schema_version": 1', '"schema_version": NaN'),
    "Infinity": json.dumps(BODY).replace('"schema_version": 1', '"schema_version": -Infinity'),
    "1e999": json.dumps(BODY).replace('"schema_version": 1', '"schema_version": 1e999'),
    "5000 digits": json.dumps(BODY).replace('"schema_version": 1', '"schema_version": ' + "9" * 5000),
    "lone surrogate escape": with_answer(f'{{"team": {{"text": "{SECRET} \\ud800"}}}}'),
    "lone surrogate escape in a key": with_answer(f'{{"team\\udc00 {SECRET}": {{"text": "x"}}}}'),
    "NUL escape": with_answer(f'{{"team": {{"text": "{SECRET} \\u0000"}}}}'),
    "not JSON": with_answer(f'{{"team": {{"text": "{SECRET}",}}}}'),
    "nested 100000 deep": with_answer("[" * 100_000 + "]" * 100_000),
}


@pytest.mark.parametrize("text", RAW.values(), ids=RAW.keys())
def test_fastapi_hostile_json_text_is_refused_without_a_500_or_an_echo(client: TestClient, text: str) -> None:
    response = raw_post(client, text)
    assert response.status_code in (400, 422)
    assert SECRET not in response.text


def test_fastapi_a_huge_body_costs_bounded_time_and_lists_at_most_101_problems(client: TestClient) -> None:
    started = time.perf_counter()
    response = client.post("/records/validate", json={**BODY, "notes": [1] * 200_000})
    assert time.perf_counter() - started < 10
    assert response.status_code == 422
    assert len(response.json()["detail"]) <= 101
    big = client.post("/records/validate", json={**BODY, "answers": {"team": {"text": SECRET + "a" * (9 << 20)}}})
    assert big.status_code == 422
    assert [e["type"] for e in big.json()["detail"]] == ["too-large"]


def test_fastapi_the_audience_a_reader_may_not_see_private_through_either_endpoint(client: TestClient) -> None:
    body = {
        **BODY,
        "answers": {"dream-role": {"text": SECRET, "visibility": "private"}},
        "notes": [{"text": f"{SECRET} too", "visibility": "private"}],
    }
    assert client.post("/records", json=body).status_code == 201
    for audience in ("employee", "hr"):
        for path in ("/records/r1", "/records/r1/report"):
            response = client.get(path, params={"audience": audience})
            assert response.status_code == 200
            assert SECRET not in response.text
    bad = client.get("/records/r1", params={"audience": SECRET})
    assert bad.status_code == 422
    missing = client.get(f"/records/{SECRET}")
    assert missing.status_code == 404
    assert SECRET not in missing.text


def test_a_plain_model_never_echoes_and_hides_private_text_in_its_repr() -> None:
    body = {**BODY, "answers": {"dream-role": {"text": SECRET, "visibility": SECRET}}, "id": SECRET}
    with pytest.raises(pydantic.ValidationError) as caught:
        Upload.model_validate({"record": body})
    assert SECRET not in str(caught.value)
    assert SECRET not in json.dumps(caught.value.errors(), default=str)
    private = {**BODY, "answers": {"dream-role": {"text": SECRET, "visibility": "private"}}}
    upload = Upload.model_validate({"record": private})
    assert SECRET not in repr(upload)
    assert SECRET not in str(upload)
    adapter = TypeAdapter(record_type("standard"))
    with pytest.raises(pydantic.ValidationError) as json_caught:
        adapter.validate_json(json.dumps(body))
    assert SECRET not in str(json_caught.value)


def test_a_record_pinned_to_another_version_or_template_is_refused() -> None:
    pinned = TypeAdapter(record_type("standard", version="1.0.0"))
    for ref in ({"name": "standard", "version": "1"}, {"name": "moving-motivators"}):
        with pytest.raises(pydantic.ValidationError) as caught:
            pinned.validate_python({**BODY, "template": ref, "answers": {}})
        assert [e["type"] for e in caught.value.errors()] == ["wrong-template"]


# ---------------------------------------------------------------------------------------- B. translators' PO files


def exported(**entries: str) -> str:
    """The bundled standard exported for French, with ``entries`` (place: msgstr) filled in."""
    catalog = pofile.read_po(io.BytesIO(careerconv.export_translation("standard", locale="fr").encode("utf-8")))
    for message in catalog:
        if message.context in entries:
            message.string = entries[message.context]
    out = io.BytesIO()
    pofile.write_po(out, catalog, width=0)
    return str(out.getvalue().decode("utf-8"))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def refused(po_text: str, folder: Path, output: str = "standard.fr.yaml") -> careerconv.ValidationError:
    """Import ``po_text``: it must be refused, and the output left as it was (absent, or byte for byte)."""
    po = folder / "fr.po"
    po.write_text(po_text, encoding="utf-8")
    target = folder / output
    regular = target.is_file()
    before = target.read_bytes() if regular else None
    with pytest.raises(careerconv.ValidationError) as caught:
        careerconv.import_translation(po, target)
    if regular or not target.exists():
        assert (target.read_bytes() if target.exists() else None) == before
    return caught.value


TITLE = 'msgctxt "title"\nmsgid "Career Conversations"\n'


def test_po_the_same_entry_twice_is_refused(tmp_path: Path) -> None:
    po = exported(title="Premier") + f'\n{TITLE}msgstr "Second"\n'
    problems = refused(po, tmp_path).problems
    assert po[: po.rindex(TITLE)].count("\n") + 1 in [p.line for p in problems]


def test_po_two_entries_for_one_place_are_refused(tmp_path: Path) -> None:
    po = exported(title="Premier") + '\nmsgctxt "title"\nmsgid "Career Conversations (old)"\nmsgstr "Second"\n'
    refused(po, tmp_path)


def test_po_a_plural_entry_is_not_dropped_silently(tmp_path: Path) -> None:
    po = exported().replace(
        f'{TITLE}msgstr ""', f'{TITLE}msgid_plural "Careers"\nmsgstr[0] "Conversations"\nmsgstr[1] "Conversations"'
    )
    problems = refused(po, tmp_path).problems
    assert line_of(po, TITLE) in [p.line for p in problems]


def test_po_a_plural_entry_of_no_place_is_refused(tmp_path: Path) -> None:
    po = exported() + '\nmsgctxt "nowhere"\nmsgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    problems = refused(po, tmp_path).problems
    assert [(p.code, p.line) for p in problems] == [("unknown-context", line_of(po, 'msgctxt "nowhere"'))]


BAD_MSGSTR = {
    "escape character": "Conversations \x1b[2J",
    "bidi control": "Conversations \u202e",
    "carriage return": "Conversations\rde carrière",
    "unknown placeholder": "Conversations chez {unknown}",
    "YAML flow in braces": "x: y {a: *b}",
}


@pytest.mark.parametrize("msgstr", BAD_MSGSTR.values(), ids=BAD_MSGSTR.keys())
def test_po_a_bad_msgstr_is_refused_at_its_entrys_line(tmp_path: Path, msgstr: str) -> None:
    po = exported(title=msgstr)
    problems = refused(po, tmp_path).problems
    assert [(p.source, p.line) for p in problems] == [(str(tmp_path / "fr.po"), line_of(po, TITLE))]


def test_po_problems_are_capped_at_max_problems(tmp_path: Path) -> None:
    po = exported() + "".join(f'\nmsgctxt "nowhere-{i}"\nmsgid "a"\nmsgstr "b"\n' for i in range(500))
    problems = refused(po, tmp_path).problems
    assert len(problems) <= 101
    assert problems[-1].code == "too-many-problems"


def test_po_an_output_named_json_is_written_as_json_or_refused(tmp_path: Path) -> None:
    (tmp_path / "fr.po").write_text(exported(title="Conversations de carrière"), encoding="utf-8")
    target = tmp_path / "standard.fr.json"
    try:
        careerconv.import_translation(tmp_path / "fr.po", target)
    except careerconv.ValidationError:
        assert not target.exists()
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the folder's file must not be "left out: invalid"
        french = Registry(paths=[tmp_path], environment=False).get("standard", locale="fr")
    assert french.title == "Conversations de carrière"


def test_po_an_output_file_that_is_not_utf8_is_a_located_problem(tmp_path: Path) -> None:
    target = tmp_path / "standard.fr.yaml"
    target.write_bytes(b"kind: template\ntitle: \xff\xfe\n")
    problems = refused(exported(), tmp_path).problems
    assert [(p.code, p.source) for p in problems] == [("invalid-utf8", str(target))]
    code, _, err = run("translate", "import", str(tmp_path / "fr.po"), "-o", str(target))
    assert code == 1
    assert str(target) in err


def test_po_a_header_without_project_id_version_is_invalid_po(tmp_path: Path) -> None:
    po = exported().replace('"Project-Id-Version: standard 1.0.0\\n"\n', "")
    problems = refused(po, tmp_path).problems
    assert [p.code for p in problems] == ["invalid-po"]


REFUSED_HEADERS = {
    "another template": ("Version: standard 1.0.0", "Version: moving-motivators 1.0.0"),
    "another version": ("Version: standard 1.0.0", "Version: standard 2.0.0"),
    "a short version": ("Version: standard 1.0.0", "Version: standard 1"),
    "the original's language": ("Language: fr", "Language: en"),
    "the original's language in capitals": ("Language: fr", "Language: EN"),
    "a path as language": ("Language: fr", "Language: ../../etc"),
    "a control character as language": ("Language: fr", "Language: fr\x1b[2J"),
    "no template": ("Version: standard 1.0.0", "Version: standard"),
    "an unknown charset": ("charset=utf-8", "charset=nonexistent-zz"),
}


@pytest.mark.parametrize(("old", "new"), REFUSED_HEADERS.values(), ids=REFUSED_HEADERS.keys())
def test_po_a_header_of_something_else_is_refused_and_writes_nothing(tmp_path: Path, old: str, new: str) -> None:
    po = exported(title="Conversations de carrière").replace(old, new, 1)
    refused(po, tmp_path)
    code, out, err = run("translate", "import", str(tmp_path / "fr.po"), "-o", str(tmp_path / "standard.fr.yaml"))
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert not (tmp_path / "standard.fr.yaml").exists()


def test_po_garbage_binary_and_giant_files_are_refused_without_a_traceback(tmp_path: Path) -> None:
    files = {
        "garbage.po": f'{SECRET}\n\x00\x01 "unterminated\nmsgid\n'.encode(),
        "binary.po": b'\xff\xfe\x00msgid ""\n',
        "giant.po": exported().encode() + b'\nmsgctxt "x"\nmsgid "a"\nmsgstr "' + b"b" * (9 << 20) + b'"\n',
        "empty.po": b"",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        code, out, err = run("translate", "import", str(tmp_path / name), "-o", str(tmp_path / "out.yaml"))
        assert (code, out) == (1, ""), name
        assert "Traceback" not in err
        assert SECRET not in err
        assert not (tmp_path / "out.yaml").exists()


def test_po_hostile_locales_are_refused_by_export(tmp_path: Path) -> None:
    for locale in ("../../etc", 'fr"', 'fr\n"Project-Id-Version: moving-motivators 1.0.0', "en", "EN", "a" * 100):
        code, out, err = run("translate", "export", "standard", "--locale", locale, "-o", str(tmp_path / "x.po"))
        assert (code, out) == (2, "")
        assert "Traceback" not in err
        assert not (tmp_path / "x.po").exists()


def test_po_yaml_breaking_texts_are_written_and_read_back_exactly(tmp_path: Path) -> None:
    texts = ["x: y\n- z\n--- !!python/object:os.system # &c *b \"'", "#c", "  lead", "---", "null", "0x1f", "\t", "|"]
    for text in texts:
        (tmp_path / "fr.po").write_text(exported(title=text), encoding="utf-8")
        target = tmp_path / "standard.fr.yaml"
        target.unlink(missing_ok=True)
        careerconv.import_translation(tmp_path / "fr.po", target)
        assert Registry(paths=[tmp_path], environment=False).get("standard", locale="fr").title == text


def test_po_obsolete_entries_are_not_read(tmp_path: Path) -> None:
    po = exported().replace(f'{TITLE}msgstr ""', '#~ msgctxt "title"\n#~ msgid "Career Conversations"\n#~ msgstr "Old"')
    (tmp_path / "fr.po").write_text(po, encoding="utf-8")
    result = careerconv.import_translation(tmp_path / "fr.po", tmp_path / "standard.fr.yaml")
    assert result.translation.title == "Career Conversations"


def test_po_writing_never_widens_a_file_and_follows_a_link(tmp_path: Path) -> None:
    (tmp_path / "fr.po").write_text(exported(title="Conversations de carrière"), encoding="utf-8")
    real = tmp_path / "real.yaml"
    careerconv.import_translation(tmp_path / "fr.po", real)
    for mode in (0o600, 0o400):
        real.chmod(mode)
        careerconv.import_translation(tmp_path / "fr.po", real)
        assert stat.S_IMODE(real.stat().st_mode) == mode
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    real.chmod(0o600)
    careerconv.import_translation(tmp_path / "fr.po", link)
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_po_an_output_that_is_a_record_malformed_or_special_is_left_as_it_was(tmp_path: Path) -> None:
    record = (
        "kind: conversation\nschema_version: 1\nid: r1\ntemplate: {name: standard}\nemployee: {id: alex}\n"
        f"answers:\n  dream-role: {{text: '{SECRET}', visibility: private}}\n"
    )
    for name, text in (("record.yaml", record), ("bad.yaml", f"kind: template\nname: [\n{SECRET}\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        problems = refused(exported(), tmp_path, name).problems
        assert SECRET not in "".join(str(p) for p in problems)
    os.mkfifo(tmp_path / "fifo.yaml")
    assert [p.code for p in refused(exported(), tmp_path, "fifo.yaml").problems] == ["not-a-file"]


# ---------------------------------------------------------------------------- C. translations from other sources


def standard_text(locale: str = "en", version: str = "1.0.0", title: str = "EVIL") -> str:
    """The bundled standard (Spanish for ``es*``) as a file's text, with another locale, version and title."""
    original = careerconv.get_template("standard", locale="es" if locale.lower().startswith("es") else "en")
    text = careerconv.dumps(original)
    head = f"version: 1.0.0\nlocale: {original.locale}\ntitle: {original.title}\n"
    assert head in text
    return text.replace(head, f"version: '{version}'\nlocale: '{locale}'\ntitle: {title}\n", 1)


def what_users_get(registry: Registry) -> list[tuple[str, str, str]]:
    """What a reader asking for English or Spanish, or a version, gets of ``standard``."""
    asked: list[tuple[str | None, str | None]] = [(None, None), (None, "en"), (None, "EN"), (None, "es")]
    asked += [(None, "ES"), ("1", None), ("1.0.0", None)]
    found = [registry.get("standard", version=version, locale=locale) for version, locale in asked]
    return [(t.version, t.locale, t.title) for t in found]


BUNDLED = [("1.0.0", "en", "Career Conversations")] * 3 + [("1.0.0", "es", "Conversaciones de carrera")] * 2
BUNDLED += [("1.0.0", "en", "Career Conversations")] * 2

FOLDER_FILES = {
    "English": ("en", "1.0.0"),
    "EN": ("EN", "1.0.0"),
    "en_US": ("en_US", "1.0.0"),
    "en-US": ("en-US", "1.0.0"),
    "en-us": ("en-us", "1.0.0"),
    "Spanish": ("es", "1.0.0"),
    "ES": ("ES", "1.0.0"),
    "es-ES": ("es-ES", "1.0.0"),
    "a new version": ("en", "2.0.0"),
    "a build of the version": ("en", "1.0.0+evil"),
    "a pre-release": ("en", "1.0.0-rc1"),
    "a French new patch": ("fr", "1.0.1"),
}


@pytest.mark.parametrize(("locale", "version"), FOLDER_FILES.values(), ids=FOLDER_FILES.keys())
def test_a_folder_never_changes_what_en_and_es_readers_get(tmp_path: Path, locale: str, version: str) -> None:
    (tmp_path / "standard.x.yaml").write_text(standard_text(locale, version), encoding="utf-8")
    registry = Registry(paths=[tmp_path], environment=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert what_users_get(registry) == BUNDLED
        listed = [(t.name, t.version, t.locale) for t in registry.list()]
    assert ("standard", "1.0.0", "en") in listed
    assert ("standard", "1.0.0", "es") in listed
    assert all(v == "1.0.0" for name, v, _ in listed if name == "standard")


BAD_EXTENDS = {"itself": "standard@1.0.0", "its own name": "standard", "nothing": "nope"}


@pytest.mark.parametrize("extends", BAD_EXTENDS.values(), ids=BAD_EXTENDS.keys())
def test_a_folder_translation_that_extends_badly_does_not_hide_the_bundled_standard(
    tmp_path: Path, extends: str
) -> None:
    head = "kind: template\nschema_version: 1\nname: standard\nversion: 1.0.0\nlocale: fr\n"
    (tmp_path / "standard.fr.yaml").write_text(f"{head}extends: {extends}\ntitle: T\n", encoding="utf-8")
    registry = Registry(paths=[tmp_path], environment=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert what_users_get(registry) == BUNDLED
        row = {row.name: row for row in registry.catalog()}["standard"]
        listed = [(t.name, t.locale) for t in registry.list()]
    assert (row.source, row.error) == ("bundled", None)
    assert [t.locale for t in row.templates] == ["en", "es"]
    assert ("standard", "en") in listed
    assert ("standard", "es") in listed
    code, out, _ = run("templates", "--template-path", str(tmp_path))
    assert code == 0
    assert "standard\t1.0.0\ten, es\tCareer Conversations\tbundled" in out


ROGUE = """
import pathlib
import careerconv

pathlib.Path(__file__).with_name("IMPORTED").write_text("yes")

def everything():
    return [careerconv.loads(text) for text in TEXTS]

def derived():
    return careerconv.Template(name="standard", version="1.0.0", locale="de", title="T", extends="nope")
"""


def rogue_module() -> str:
    texts = [
        standard_text("en", title="EVIL EN"),
        standard_text("es", title="EVIL ES"),
        standard_text("en-US", title="EVIL en-US"),
        standard_text("es-ES", title="EVIL es-ES"),
        standard_text("en", "2.0.0", title="EVIL 2"),
        standard_text("fr", "1.0.1", title="EVIL 1.0.1"),
        standard_text("fr", title='"Tab\\there\\nstandard\\t9.9.9\\ten\\tFAKE\\tbundled"'),
    ]
    return f"{ROGUE}\nTEXTS = {texts!r}\n"


def test_a_plugin_named_standard_is_not_imported_for_english_or_spanish(site: Site) -> None:
    site.install("rogue", "1.0", {"standard": "rogue_mod:everything"}, {"rogue_mod": rogue_module()})
    flag = site.root / "IMPORTED"
    registry = Registry()
    record = {**BODY, "template": {"name": "standard"}}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert what_users_get(registry) == BUNDLED
        assert careerconv.get_template("standard").title == "Career Conversations"
        for locale in (None, "en", "EN", "es", "ES"):
            ref = {"name": "standard"} | ({"locale": locale} if locale else {})
            careerconv.from_data({**record, "template": ref})
        TypeAdapter(record_type("standard")).validate_python(record)
        careerconv.json_schema("standard")
        assert run("show", "standard")[0] == 0
        assert run("show", "standard", "--locale", "es")[0] == 0
        assert run("translate", "export", "standard", "--locale", "es")[0] == 0
    assert [str(w.message) for w in caught] == []
    assert not flag.exists()
    assert "rogue_mod" not in sys.modules


def test_a_plugin_named_standard_only_adds_translations(site: Site) -> None:
    site.install("rogue", "1.0", {"standard": "rogue_mod:everything"}, {"rogue_mod": rogue_module()})
    registry = Registry()
    with pytest.warns(careerconv.PluginWarning):
        french = registry.get("standard", locale="fr")
    assert (site.root / "IMPORTED").exists()
    assert (french.version, french.locale) == ("1.0.0", "fr")
    assert what_users_get(registry) == BUNDLED
    row = {row.name: row for row in registry.catalog()}["standard"]
    assert [(t.version, t.locale) for t in row.templates] == [
        ("1.0.0", "en"),
        ("1.0.0", "en-US"),
        ("1.0.0", "es"),
        ("1.0.0", "es-ES"),
        ("1.0.0", "fr"),
    ]
    assert [t.title for t in row.templates if t.locale in ("en", "es")] == [
        "Career Conversations",
        "Conversaciones de carrera",
    ]
    code, out, _ = run("templates")
    assert code == 0
    assert "standard\t1.0.0\ten, es\tCareer Conversations\tbundled" in out
    assert all(line.count("\t") == 4 for line in out.splitlines()), out


def test_a_plugin_translation_that_extends_badly_does_not_hide_the_bundled_standard(site: Site) -> None:
    site.install("rogue", "1.0", {"standard": "rogue_mod:derived"}, {"rogue_mod": rogue_module()})
    registry = Registry()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert what_users_get(registry) == BUNDLED
        row = {row.name: row for row in registry.catalog()}["standard"]
        listed = [(t.name, t.locale) for t in registry.list()]
    assert (row.source, row.error) == ("bundled", None)
    assert ("standard", "en") in listed
    assert ("standard", "es") in listed
