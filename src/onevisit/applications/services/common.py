"""Helpers shared by the application services."""

from __future__ import annotations

from onevisit.applications.errors import ApplicationNotFound, NotDraft
from onevisit.applications.models import Application, ApplicationStatus


def locked_draft(pk: int) -> Application:
    """The application row locked for update (call inside a transaction); NotDraft if submitted."""
    application = Application.objects.select_for_update().filter(pk=pk).first()
    if application is None:
        raise ApplicationNotFound()
    if application.status != ApplicationStatus.DRAFT:
        raise NotDraft(details={"reference": application.reference})
    return application


def bump(application: Application) -> None:
    Application.objects.filter(pk=application.pk).update(version=application.version + 1)
    application.version += 1
