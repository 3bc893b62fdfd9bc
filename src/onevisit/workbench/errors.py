from django.shortcuts import render

from onevisit.core.errors import DomainError


def render_domain_error(request, exc: DomainError):
    """A domain error as a workbench page with its status: the officer sees what to do next."""
    return render(request, "workbench/error.html", {"error": exc}, status=exc.status)
