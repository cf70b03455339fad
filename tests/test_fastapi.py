"""careerconv in a web service: ``careerconv.pydantic`` types a real FastAPI app, tested over HTTP in process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient  # the test extra installs FastAPI and httpx2: never skipped

import careerconv
from tests.services import SERVICE, fastapi_service

SECRET = "Qz7 my private worry"

BODY: dict[str, Any] = {
    "kind": "conversation",
    "schema_version": 1,
    "id": "2026-12-08-alex",
    "template": {"name": "standard", "version": "1.0.0"},
    "date": "2026-12-08",
    "employee": {"id": "alex", "name": "Alex"},
    "answers": {
        "career-so-far": {"text": "Support, then backend."},
        "dream-role": {"text": SECRET, "visibility": "private"},
    },
    "motivations": {
        "ranking": ["mastery", "autonomy", "meaning", "influence", "compensation", "prestige", "authority"]
    },
    "grow": {"will": [{"id": "a1", "text": "Pair with Kim", "due": "2027-01-31"}]},
    "notes": [{"text": f"{SECRET} too", "visibility": "private"}],
}


@pytest.fixture
def client() -> TestClient:
    return TestClient(fastapi_service().app)


def test_a_good_record_is_created_and_comes_back_equal(client: TestClient) -> None:
    created = client.post("/records", json=BODY)
    assert created.status_code == 201
    assert careerconv.from_data(created.json()) == careerconv.from_data(BODY)
    fetched = client.get(f"/records/{BODY['id']}", params={"audience": "manager"})
    assert fetched.status_code == 200
    assert fetched.json() == created.json()
    assert client.post("/records", json=BODY).status_code == 409
    assert client.post("/records/validate", json=BODY).json() == {"valid": True, "id": BODY["id"]}


def test_a_bad_body_is_422_listing_every_problem_with_its_place_and_code(client: TestClient) -> None:
    answers = {**BODY["answers"], "dream-rol": {"text": SECRET}, "team": {"text": SECRET, "visibility": "privat"}}
    response = client.post("/records", json={**BODY, "answers": answers})
    assert response.status_code == 422
    got = sorted((tuple(e["loc"]), e["type"], e["msg"]) for e in response.json()["detail"])
    assert got == [
        (
            ("body", "answers", "dream-rol"),
            "unknown-question",
            "no question 'dream-rol' in template standard 1.0.0; did you mean 'dream-role'?",
        ),
        (("body", "answers", "team", "visibility"), "invalid-choice", "expected one of: shared, private"),
    ]
    assert SECRET not in response.text  # error responses never echo what people wrote
    assert client.get(f"/records/{BODY['id']}").status_code == 404  # nothing was kept


def test_a_record_of_another_template_is_refused(client: TestClient) -> None:
    other = {**BODY, "template": {"name": "moving-motivators"}, "answers": {}, "motivations": None, "grow": None}
    response = client.post("/records/validate", json=other)
    assert response.status_code == 422
    assert [(e["loc"], e["type"]) for e in response.json()["detail"]] == [(["body", "template"], "wrong-template")]


def test_what_is_not_a_record_is_refused_without_a_traceback(client: TestClient) -> None:
    bodies: list[object] = [[], "text", 3, {"kind": "template"}]
    for body in bodies:
        response = client.post("/records/validate", json=body)
        assert response.status_code == 422, body
        assert response.json()["detail"]


def test_openapi_shows_the_templates_question_ids_and_options(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    text = json.dumps(schema)
    template = careerconv.get_template("standard")
    ids = [question.id for question in template.iter_questions()]
    assert ids
    assert all(f'"{question}"' in text for question in ids)
    assert "#/$defs/" not in text  # every reference of careerconv's schema written in place
    body = schema["paths"]["/records"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert sorted(body["properties"]["answers"]["properties"]) == sorted(ids)
    ranking = body["properties"]["motivations"]["anyOf"][0]["properties"]["ranking"]["items"]["oneOf"]
    assert [option["const"] for option in ranking] == [m.id for m in template.motivations()]
    assert body["properties"]["motivations"]["anyOf"][0]["allOf"][0]["additionalProperties"] is False


def test_employees_and_hr_never_get_private_content(client: TestClient) -> None:
    assert client.post("/records", json=BODY).status_code == 201
    for audience in ("employee", "hr"):
        record = client.get(f"/records/{BODY['id']}", params={"audience": audience})
        report = client.get(f"/records/{BODY['id']}/report", params={"audience": audience})
        assert record.status_code == report.status_code == 200
        assert SECRET not in record.text
        assert SECRET not in report.text
        assert "Support, then backend." in record.text
        assert "Support, then backend." in report.text
    # The check can fail: the manager's report carries it.
    assert SECRET in client.get(f"/records/{BODY['id']}/report", params={"audience": "manager"}).text


def test_mypy_accepts_the_service(tmp_path: Path) -> None:
    """The endpoints are declared with ``Annotated[Conversation, RecordOf(...)]``: mypy --strict takes them."""
    command = [sys.executable, "-m", "mypy", "--strict", f"--cache-dir={tmp_path}", "--config-file=", str(SERVICE)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
