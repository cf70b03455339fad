"""A FastAPI service for career records: create, validate, fetch for an audience, and a report.

Run it with ``uvicorn service:app`` (``pip install 'careerconv[pydantic]' fastapi uvicorn``). The records are
kept in a dict here; a real service keeps them in its database (see "Keep records as dicts in your own
database") and checks who is asking before it answers.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import pydantic
from fastapi import Body, FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

import careerconv
from careerconv import Audience, Conversation
from careerconv.pydantic import RecordOf, read_json

#: A record of the bundled guide: checked by careerconv, every problem at once (422), its schema in OpenAPI.
StandardRecord = Annotated[Conversation, RecordOf("standard")]
#: The same, read from the request's body (FastAPI reads a type it does not know from the query otherwise).
StandardBody = Annotated[StandardRecord, Body()]


class CareerconvJSONRoute(APIRoute):
    """A route whose JSON body careerconv reads first, as it reads files.

    A key written twice (``"visibility"`` private, then shared), ``NaN`` or a lone surrogate is a 422 with its
    place, where the framework's own parser would keep the last key and go on.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The framework's handler, after careerconv's reader has accepted the body."""
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            body = await request.body()  # kept by the request: the framework reads it again
            if body:
                try:
                    read_json(body)
                except pydantic.ValidationError as error:
                    lines = [{**line, "loc": ("body", *line["loc"]), "input": None} for line in error.errors()]
                    raise RequestValidationError(lines) from None
            return await handler(request)

        return checked


app = FastAPI(title="Career records")
app.router.route_class = CareerconvJSONRoute  # before the routes below are declared
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
