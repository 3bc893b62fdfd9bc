"""Queue and search pages written straight to JSON.

A page holds up to 100 rows that ``queue_rows.rows_out`` already built as plain dicts under the
output names; validating each through pydantic again cost a quarter of the request. The output is
exactly ``schemas.CasePageOut`` (the endpoints still declare it for the OpenAPI document, and a
test checks the two agree). orjson writes it: dates as ISO dates, times are text already
(``queue_rows.api_time``), as the rest of the API writes them.
"""

from __future__ import annotations

import orjson
from django.http import HttpResponse

from onevisit.core import keyset


def page_response(page: keyset.Page) -> HttpResponse:
    body = orjson.dumps({"items": page.rows, "next_cursor": page.next_cursor})
    return HttpResponse(body, content_type="application/json; charset=utf-8")
