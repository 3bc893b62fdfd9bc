"""Public, unauthenticated issuer metadata: the JWKS a verifier needs."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from onevisit.accounts.models import Department
from onevisit.certificates.keys import issuer_jwks
from onevisit.certificates.publishing import STATUS_LIST_TTL, status_list_token_current
from onevisit.certificates.selectors import issuer_departments


@require_GET
def jwks(request: HttpRequest, code: str) -> JsonResponse:
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise Http404
    return JsonResponse(issuer_jwks(department=department))


@require_GET
def issuer_index(request: HttpRequest) -> JsonResponse:
    issuers = [
        {"code": d.code, "name": d.name,
         "jwks_uri": request.build_absolute_uri(reverse("certificates:jwks", args=[d.code]))}
        for d in issuer_departments()
    ]
    return JsonResponse({"issuers": issuers})


@require_GET
def status_list(request: HttpRequest, code: str) -> HttpResponse:
    """The department's Token Status List, from the certificates' current status (reused while
    they are unchanged, ``publishing.status_list_token_current``)."""
    department = Department.objects.filter(code=code).first()
    if department is None:
        raise Http404
    response = HttpResponse(status_list_token_current(department), content_type="application/statuslist+jwt")
    response["Cache-Control"] = f"public, max-age={min(STATUS_LIST_TTL, 60)}"
    return response
