"""In-process measurements of `bench/scenarios/cases.py`; prints one JSON line.

argv: an officer's API token, a surname to search, how many bundle submissions to time.
- bundle submissions per second: ``cases_open`` for a six-matter bundle (新生儿出生一件事), each
  case's BPMN workflow started, in its own transaction (rolled back, so re-runs stay the same);
- EXPLAIN (ANALYZE) of the queue and search page statements as the API runs them;
- cProfile of queue pages through the WSGI application, own time per bucket.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections import defaultdict

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from onevisit.accounts.models import User, UserKind  # noqa: E402
from onevisit.accounts.services import api_token_authenticate  # noqa: E402
from onevisit.applications.models import Application, ApplicationMatter, ApplicationStatus  # noqa: E402
from onevisit.cases import selectors  # noqa: E402
from onevisit.cases.services import cases_open  # noqa: E402
from onevisit.catalogue.models import Bundle  # noqa: E402

BUNDLE = "DEMO-B02"
BUCKETS = [
    ("database round trips (psycopg)", ("psycopg",)),
    ("Django database layer (ORM, cursor wrapper)", ("django/db/",)),
    ("django-ninja and pydantic (validate, serialise)", ("ninja", "pydantic")),
    ("Django request/response and middleware", ("django/", "whitenoise", "axes", "asgiref")),
    ("warning states and labels (deadlines, workdays, gettext)", ("onevisit/cases/deadlines", "onevisit/core/workdays",
                                                                  "gettext", "translation", "chinese_calendar")),
    ("cases selectors, keyset", ("onevisit/cases", "onevisit/core/keyset")),
    ("auth", ("onevisit/accounts", "onevisit/api")),
    ("JSON encoding", ("json",)),
]


class Rollback(Exception):
    pass


def submissions(n: int) -> dict:
    bundle = Bundle.objects.get(code=BUNDLE)
    components = list(bundle.components.select_related("matter").prefetch_related("depends_on__matter")
                      .order_by("position"))
    applicant = User.objects.filter(kind=UserKind.CITIZEN).order_by("pk").first()
    took = []
    opened = 0
    for i in range(n):
        try:
            with transaction.atomic():
                application = Application.objects.create(reference=f"APP-20990101-BENCH{i % 10}", applicant=applicant,
                                                         bundle=bundle, status=ApplicationStatus.SUBMITTED)
                ApplicationMatter.objects.bulk_create([
                    ApplicationMatter(application=application, matter=c.matter, position=p, optional=c.optional,
                                      depends_on=[d.matter.code for d in c.depends_on.all()])
                    for p, c in enumerate(components)])
                started = time.perf_counter()
                opened += len(cases_open(application=application))
                took.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
    took.sort()
    return {"bundle": BUNDLE, "matters_per_bundle": len(components), "bundles": n, "cases_opened": opened,
            "bundles_per_s": round(n / sum(took), 1), "cases_per_s": round(opened / sum(took), 1),
            "p50_ms_per_bundle": round(took[len(took) // 2] * 1000, 2),
            "note": "cases_open inside the submitting transaction (workflows started, events written); "
                    "one process, rolled back after each bundle"}


def explain(user, surname: str) -> dict[str, dict[str, list[str]]]:
    """EXPLAIN (ANALYZE) of the one statement each page runs (``cases.queue_sql``), prepared as
    the server prepares it: with a custom plan (the first executions) and with the generic plan
    PostgreSQL may keep for the prepared statement after five."""
    import re

    from onevisit.cases import queue_sql

    pages = {
        "queue": dict(queue="todo", keys=selectors.queue_keys("todo"), found=None),
        "search": dict(queue="all", keys=selectors.RECENT_KEYS, found=queue_sql.search(surname)),
    }
    plans = {}
    for name, page in pages.items():
        found = page["found"]
        params = {"department": user.department_id, "me": user.pk, "limit": 101, "offset": 0, "inner_limit": 101,
                  **(found.params if found else {})}
        text = queue_sql.statement(queue=page["queue"], keys=page["keys"], status=False,
                                   search_condition=found.condition if found else None, after=None)
        order = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", text)))
        numbered = re.sub(r"%\((\w+)\)s", lambda m, order=order: f"${order.index(m.group(1)) + 1}", text)
        plans[name] = {}
        with connection.cursor() as cursor:
            cursor.execute(f"PREPARE bench_page AS {numbered}")
            for mode in ("force_custom_plan", "force_generic_plan"):
                cursor.execute(f"SET plan_cache_mode = {mode}")
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) EXECUTE bench_page "
                               f"({', '.join(['%s'] * len(order))})", [params[k] for k in order])
                plans[name][mode.split("_")[1]] = [row[0] for row in cursor.fetchall()]
            cursor.execute("RESET plan_cache_mode")
            cursor.execute("DEALLOCATE bench_page")
    return plans


def profile(token: str, surname: str, calls: int) -> dict:
    app = get_wsgi_application()

    def call(path: str, query: str) -> None:
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
                   "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
                   "wsgi.input": io.BytesIO(b""), "HTTP_AUTHORIZATION": "Bearer " + token, "wsgi.errors": sys.stderr}
        status = []
        b"".join(app(environ, lambda s, h, e=None: status.append(s)))
        assert status[0].startswith("200"), status

    from urllib.parse import quote

    pages = {"queue": ("/api/v1/cases", "queue=todo&limit=100"),
             "search": ("/api/v1/cases/search", f"limit=100&q={quote(surname)}")}
    out = {}
    for name, (path, query) in pages.items():
        for _ in range(20):
            call(path, query)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(calls):
            call(path, query)
        timing = {"unprofiled_wall_ms_per_page": round((time.perf_counter() - wall) / calls * 1000, 3),
                  "unprofiled_cpu_ms_per_page": round((time.process_time() - cpu) / calls * 1000, 3)}
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            call(path, query)
        profiler.disable()
        stats = pstats.Stats(profiler)
        total, buckets, top = 0.0, defaultdict(float), []
        for (filename, line, func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
            total += tottime
            where = f"{filename}:{func}"
            bucket = next((b for b, needles in BUCKETS if any(n in where for n in needles)), "other (stdlib, Python)")
            buckets[bucket] += tottime
            top.append((tottime, f"{os.path.basename(filename)}:{line}({func})"))
        top.sort(reverse=True)
        out[name] = {**timing, "pages": calls,
                     "share_of_profiled_time": {k: round(v / total, 3) for k, v in
                                                sorted(buckets.items(), key=lambda kv: -kv[1])},
                     "top_functions_own_ms_per_page": [{"function": f, "ms": round(t / calls * 1000, 3)}
                                                       for t, f in top[:12]]}
    return out


def main(token: str, surname: str, bundles: int) -> None:
    user = api_token_authenticate(key=token)
    result = {"submissions_in_process": submissions(bundles), "explain": explain(user, surname),
              "profile_in_process": profile(token, surname, max(bundles, 50))}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
