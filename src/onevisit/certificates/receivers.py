"""Listens to other apps' hooks: a decided case with a certificate result queues its issue."""

from __future__ import annotations

from django.dispatch import receiver

from onevisit.cases.signals import case_decided


@receiver(case_decided, dispatch_uid="certificates.issue_on_decision")
def issue_on_decision(sender, *, case, certificate_type, **kwargs) -> None:
    from onevisit.cases.models import CaseStatus
    from onevisit.certificates.tasks import issue_for_case
    from onevisit.jobs.services import job_enqueue

    if certificate_type and case.status == CaseStatus.APPROVED:
        # One job per case ever: a second signal (a replayed decision) finds the first job.
        job_enqueue(task=issue_for_case, kwargs={"case_id": case.pk}, dedup_key=f"certificates.issue_for_case:{case.pk}")
