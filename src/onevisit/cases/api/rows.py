"""Queue and search pages written straight to JSON.

A page holds up to 100 rows that ``queue_rows.rows_out`` already built as plain dicts under the
output names; validating each through pydantic again cost a quarter of the request. The output is
exactly ``schemas.CasePageOut`` (the endpoints still declare it for the OpenAPI document, and a
test checks the two agree). orjson writes it; dates and times are written as the rest of the API
writes them (Django's JSON encoder: milliseconds, ``Z`` for UTC).
"""

from __future__ import annotations

import datetime
from typing import Any

import orjson
from django.http import HttpResponse

from onevisit.core import keyset


def _when(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        text = value.isoformat(timespec="milliseconds" if value.microsecond else "seconds")
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def page_response(page: keyset.Page) -> HttpResponse:
    body = orjson.dumps({"items": page.rows, "next_cursor": page.next_cursor}, default=_when,
                        option=orjson.OPT_PASSTHROUGH_DATETIME)
    return HttpResponse(body, content_type="application/json; charset=utf-8")
