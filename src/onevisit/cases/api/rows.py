"""Queue and search pages written straight to JSON.

A page holds up to 100 rows that the selectors already built as plain dicts with the right
types; validating each through pydantic again cost a quarter of the request. The output is
exactly ``schemas.CasePageOut`` (the endpoints still declare it for the OpenAPI document, and a
test checks the two agree)."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

from onevisit.core import keyset

# Output name -> row key (the schema's aliases).
FIELDS = (("reference", "reference"), ("matter_code", "matter__code"), ("matter_name", "matter__name"),
          ("applicant_name", "applicant_name"), ("channel", "channel"), ("status", "status"),
          ("status_label", "status_label"), ("task", "task"), ("task_name", "task_name"),
          ("assignee", "assignee__full_name"), ("immediate", "immediate"), ("committed_due", "committed_due"),
          ("statutory_due", "statutory_due"), ("opened_at", "opened_at"), ("decided_at", "decided_at"),
          ("warning", "warning"), ("warning_label", "warning_label"), ("days_left", "days_left"),
          ("version", "version"))


def row_out(row: dict[str, Any]) -> dict[str, Any]:
    return {name: row[key] for name, key in FIELDS}


def page_response(page: keyset.Page) -> HttpResponse:
    body = {"items": [row_out(r) for r in page.rows], "next_cursor": page.next_cursor}
    return HttpResponse(json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")),
                        content_type="application/json; charset=utf-8")
