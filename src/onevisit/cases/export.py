"""The case event log for process mining: CSV (one row per event) or XES 1849-2016 (IEEE
standard XML: one trace per case). Columns: case id, activity, timestamp, resource, department,
plus the matter and the status after the event. Streams: a million events never sit in memory."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from typing import TextIO
from xml.sax.saxutils import quoteattr

from onevisit.cases.models import CaseEvent

COLUMNS = ("case_id", "activity", "timestamp", "resource", "department", "matter", "status")
SYSTEM = "system"


def events(*, department_code: str | None = None, since: datetime.date | None = None) -> Iterator[dict]:
    rows = CaseEvent.objects.order_by("case_id", "seq")
    if department_code:
        rows = rows.filter(case__department__code=department_code)
    if since:
        rows = rows.filter(case__opened_at__date__gte=since)
    for r in rows.values_list("case__reference", "action", "at", "actor__username", "department__code",
                              "case__matter__code", "status_after").iterator(chunk_size=2000):
        yield {"case_id": r[0], "activity": r[1], "timestamp": r[2].isoformat(), "resource": r[3] or SYSTEM,
               "department": r[4] or "", "matter": r[5], "status": r[6]}


def write_csv(out: TextIO, rows: Iterator[dict]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_xes(out: TextIO, rows: Iterator[dict]) -> int:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<log xes.version="1849-2016" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">\n')
    for prefix, name, uri in (("concept", "Concept", "http://www.xes-standard.org/concept.xesext"),
                              ("time", "Time", "http://www.xes-standard.org/time.xesext"),
                              ("org", "Organizational", "http://www.xes-standard.org/org.xesext"),
                              ("lifecycle", "Lifecycle", "http://www.xes-standard.org/lifecycle.xesext")):
        out.write(f'  <extension name="{name}" prefix="{prefix}" uri="{uri}"/>\n')
    out.write('  <classifier name="Activity" keys="concept:name"/>\n')
    n, current = 0, None
    for row in rows:
        if row["case_id"] != current:
            if current is not None:
                out.write("  </trace>\n")
            current = row["case_id"]
            out.write(f'  <trace>\n    <string key="concept:name" value={quoteattr(current)}/>\n'
                      f'    <string key="matter" value={quoteattr(row["matter"])}/>\n')
        out.write("    <event>\n"
                  f'      <string key="concept:name" value={quoteattr(row["activity"])}/>\n'
                  f'      <date key="time:timestamp" value={quoteattr(row["timestamp"])}/>\n'
                  f'      <string key="org:resource" value={quoteattr(row["resource"])}/>\n'
                  f'      <string key="org:group" value={quoteattr(row["department"])}/>\n'
                  f'      <string key="lifecycle:transition" value="complete"/>\n'
                  f'      <string key="status" value={quoteattr(row["status"])}/>\n'
                  "    </event>\n")
        n += 1
    if current is not None:
        out.write("  </trace>\n")
    out.write("</log>\n")
    return n
