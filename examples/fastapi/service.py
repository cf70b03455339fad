"""A FastAPI service for career records: create, validate, fetch for an audience, and a report.

Run it with ``uvicorn service:app`` (``pip install 'careerconv[pydantic]' fastapi uvicorn``). The records are
kept in a dict here; a real service keeps them in its database (see "Keep records as dicts in your own
database") and checks who is asking before it answers.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException
from fastapi.responses import HTMLResponse

import careerconv
from careerconv import Audience, Conversation
from careerconv.pydantic import RecordOf

#: A record of the bundled guide: checked by careerconv, every problem at once (422), its schema in OpenAPI.
StandardRecord = Annotated[Conversation, RecordOf("standard")]
#: The same, read from the request's body (FastAPI reads a type it does not know from the query otherwise).
StandardBody = Annotated[StandardRecord, Body()]

app = FastAPI(title="Career records")
RECORDS: dict[str, Conversation] = {}


@app.post("/records", status_code=201)
def create_record(record: StandardBody) -> StandardRecord:
    """Keep a new record; the same id twice is a conflict."""
    if record.id in RECORDS:
        raise HTTPException(status_code=409, detail="a record with this id exists already")
    RECORDS[record.id] = record
    return record


@app.post("/records/validate")
def validate_record(record: StandardBody) -> dict[str, Any]:
    """Check a record without keeping it: 200 when it is valid, 422 with every problem when not."""
    return {"valid": True, "id": record.id}


def _record(record_id: str) -> Conversation:
    record = RECORDS.get(record_id)
    if record is None:
        raise HTTPException(status_code=404, detail="no such record")
    return record


@app.get("/records/{record_id}")
def fetch_record(record_id: str, audience: Audience = "employee") -> StandardRecord:
    """The record as ``audience`` may see it: private answers and notes left out for employee and hr."""
    return careerconv.redact(_record(record_id), audience)


@app.get("/records/{record_id}/report", response_class=HTMLResponse)
def record_report(record_id: str, audience: Audience = "employee") -> str:
    """The record's report for ``audience``, as an HTML page."""
    return careerconv.render(_record(record_id), format="html", audience=audience)
