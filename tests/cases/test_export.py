"""The event log export: CSV and XES with case id, activity, timestamp, resource, department."""

import csv
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from onevisit.cases import services
from onevisit.cases.models import CaseEvent

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)
XES = "{http://www.xes-standard.org/}"


def test_csv_and_xes_carry_every_event_in_order(newborn_cases, tmp_path):
    case = newborn_cases["DEMO-M37"]
    officer = officer_of(case)
    case = services.case_claim(case=case, actor=officer, version=case.version)
    services.case_accept(case=case, actor=officer, version=case.version, decision="approved")

    call_command("cases", "export", "--format", "csv", "--out", str(tmp_path / "log.csv"))
    rows = list(csv.DictReader((tmp_path / "log.csv").open(encoding="utf-8")))
    assert len(rows) == CaseEvent.objects.count()
    mine = [r for r in rows if r["case_id"] == case.reference]
    assert [r["activity"] for r in mine] == ["opened", "claimed", "approved"]
    assert mine[1]["resource"] == officer.username and mine[1]["department"] == case.department.code
    assert mine[0]["resource"] == "system" and mine[0]["timestamp"] <= mine[2]["timestamp"]

    call_command("cases", "export", "--format", "xes", "--department", case.department.code,
                 "--out", str(tmp_path / "log.xes"))
    traces = ET.parse(tmp_path / "log.xes").getroot().findall(f"{XES}trace")  # noqa: S314 (our own file)
    names = {t.find(f"{XES}string[@key='concept:name']").get("value"): t for t in traces}
    events = names[case.reference].findall(f"{XES}event")
    assert [e.find(f"{XES}string[@key='concept:name']").get("value") for e in events] == [
        "opened", "claimed", "approved"]
    assert all(t.find(f"{XES}event/{XES}string[@key='org:group']").get("value") == case.department.code
               for t in traces)
