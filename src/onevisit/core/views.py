from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """The process is up and answering."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready to serve: the database answers a query and the job queue can take work. 503
    otherwise, with the reason."""
    from onevisit.jobs.selectors import queue_health

    checks = {}
    ready = True
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except DatabaseError as exc:
        ready = False
        checks["database"] = f"unreachable: {exc.__class__.__name__}"
        connections["default"].close_if_unusable_or_obsolete()
    queue_ok, checks["queue"] = queue_health()
    ready = ready and queue_ok
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
