"""Prepare the database of `bench/scenarios/cases.py`; prints one JSON line.

Seeds ``N`` cases (default 1,000,000) with PostgreSQL COPY, not the ORM: their applications
and application matters (the cases' foreign keys), spread over the 20 busiest departments,
mostly decided over the last three years, the open ones due around today. Closed cases carry
no workflow row (as in production); open ones are not started here, the queue does not read it.
Skips seeding when the cases are there. Then makes one case officer with an API token in each
of those departments.
"""

import datetime
import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from onevisit.accounts.models import Department, StaffRole, StaffRoleAssignment, User, UserKind  # noqa: E402
from onevisit.accounts.services import api_token_create  # noqa: E402
from onevisit.applications.models import Application, ApplicationMatter  # noqa: E402
from onevisit.cases.models import Case  # noqa: E402
from onevisit.catalogue.models import Matter  # noqa: E402

DEPARTMENTS = 20
# Status mix of a service hall's history: most decided, some open, a few paused or waiting.
STATUS_WEIGHTS = [("approved", 78), ("rejected", 4), ("terminated", 2), ("received", 4), ("in_progress", 7),
                  ("supplement", 2), ("suspended", 1), ("waiting", 2)]
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def base36(n: int, width: int = 6) -> str:
    out = ""
    while n:
        n, r = divmod(n, 36)
        out = BASE36[r] + out
    return out.rjust(width, "0")


def copy(model, columns: list[str], rows) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor, cursor.connection.cursor().copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
        for row in rows:
            out.write_row(row)


def departments() -> list[Department]:
    """The departments with staff, busiest sectors first (every staffed department gets cases)."""
    staffed = (Department.objects.filter(staff__role_assignments__role=StaffRole.CASE_OFFICER)
               .annotate(n=Count("staff")).order_by("code").distinct())
    chosen = list(staffed[:DEPARTMENTS])
    if len(chosen) < DEPARTMENTS:
        chosen += list(Department.objects.exclude(pk__in=[d.pk for d in chosen]).order_by("code")[
            :DEPARTMENTS - len(chosen)])
    return chosen


def seed(total: int) -> float:
    started = time.monotonic()
    rng = random.Random(2026)
    depts = departments()
    matters = list(Matter.objects.values_list("pk", flat=True))
    applicants = list(User.objects.filter(kind=UserKind.CITIZEN).values_list("pk", "full_name")[:20000])
    officers = {d: list(User.objects.filter(department_id=d, kind=UserKind.STAFF).values_list("pk", flat=True))
                for d in [d.pk for d in depts]}
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    today = timezone.localdate()
    now = timezone.now()
    # One id for a case, its application and its application matter: start above all three.
    start_id = max((m.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
                   for m in (Application, ApplicationMatter, Case)) + 1
    plan = []
    for i in range(total):
        status = rng.choice(statuses)
        is_open = status not in ("approved", "rejected", "terminated")
        if is_open:
            opened = today - datetime.timedelta(days=rng.randint(0, 25))
        else:
            opened = today - datetime.timedelta(days=rng.randint(3, 3 * 365))
        dept = depts[i % len(depts)].pk if rng.random() < 0.5 else depts[int(rng.paretovariate(1.2)) % len(depts)].pk
        applicant, name = applicants[rng.randrange(len(applicants))]
        plan.append((start_id + i, status, is_open, opened, dept, applicant, name, rng.choice(matters),
                     rng.randint(5, 20), rng.random()))

    def application_rows():
        for pk, _s, _o, opened, _d, applicant, _n, matter, _l, _r in plan:
            at = datetime.datetime.combine(opened, datetime.time(9), tzinfo=datetime.UTC)
            yield (pk, f"APP-{opened:%Y%m%d}-{base36(pk)}", applicant, matter, "submitted", "web", "{}", at, at, "{}",
                   "[]", "[]", 1, at, at)

    def matter_rows():
        for pk, *_rest in plan:
            yield (pk, pk, plan[pk - start_id][7], 0, "[]", False)

    def case_rows():
        for pk, status, is_open, opened, dept, applicant, name, matter, limit, r in plan:
            at = datetime.datetime.combine(opened, datetime.time(9, int(r * 59)), tzinfo=datetime.UTC)
            waiting = status == "waiting"
            due = None if waiting else opened + datetime.timedelta(days=limit + limit // 2)
            statutory = None if waiting else due + datetime.timedelta(days=limit)
            decided = (at + datetime.timedelta(days=int(limit * r), hours=3)) if status in ("approved", "rejected", "terminated") else None
            handled = status in ("in_progress", "supplement", "suspended") or not is_open
            assignee = officers[dept][pk % len(officers[dept])] if officers[dept] and handled else None
            task = {"received": "accept", "in_progress": "review", "supplement": "accept", "suspended": "review",
                    "waiting": "accept"}.get(status, "")
            yield (pk, f"APP-{opened:%Y%m%d}-{base36(pk)}-01", pk, pk, matter, dept, applicant, name, "web", status,
                   task, {"accept": "受理", "review": "审查"}.get(task, ""), assignee, "[]", False, limit, limit * 2,
                   None if waiting else opened, 0, 0, due, statutory, "", {"approved": "approved", "rejected": "rejected",
                   "terminated": "terminated"}.get(status, ""), "", "", at, at if not waiting else None, decided,
                   assignee if decided else None, 1 if is_open else 5, now)

    with transaction.atomic():
        copy(Application, ["id", "reference", "applicant_id", "matter_id", "status", "channel", "form_data",
                           "evidence_confirmed_at", "submitted_at", "material_summary", "supply_later", "originals_seen", "version",
                           "created_at", "updated_at"], application_rows())
        copy(ApplicationMatter, ["id", "application_id", "matter_id", "position", "depends_on", "optional"],
             matter_rows())
        copy(Case, ["id", "reference", "application_id", "application_matter_id", "matter_id", "department_id",
                    "applicant_id", "applicant_name", "channel", "status", "task", "task_name", "assignee_id",
                    "depends_on", "immediate", "committed_days", "statutory_days", "clock_started_on", "paused_workdays",
                    "extended_workdays", "committed_due", "statutory_due", "resume_status", "decision",
                    "decision_reason", "delivery", "opened_at", "accepted_at", "decided_at", "decided_by_id",
                    "version", "updated_at"], case_rows())
        with connection.cursor() as cursor:
            for model in (Application, ApplicationMatter, Case):
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")  # noqa: S608
    with connection.cursor() as cursor:
        for model in (Application, ApplicationMatter, Case):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return time.monotonic() - started


def main(total: int) -> None:
    have = Case.objects.count()
    seed_s = seed(total - have) if have < total else None
    officers = []
    for dept in departments():
        user, created = User.objects.get_or_create(
            username=f"bench.cases.{dept.code.lower()}",
            defaults={"kind": UserKind.STAFF, "department": dept, "full_name": "压测经办人"})
        if created:
            StaffRoleAssignment.objects.create(user=user, role=StaffRole.CASE_OFFICER)
        _, token = api_token_create(user=user, name="bench cases")
        officers.append({"department": dept.code, "token": token,
                         "open": Case.objects.filter(department=dept, status__in=["received", "in_progress"]).count()})
    names = list(Case.objects.filter(department__code=officers[0]["department"]).values_list(
        "applicant_name", flat=True)[:200])
    print(json.dumps({"cases": Case.objects.count(), "seed_s": seed_s, "officers": officers,
                      "surnames": sorted({n[:1] for n in names})[:20], "names": sorted(set(names))[:50]}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
