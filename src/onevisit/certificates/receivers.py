"""Listens to hooks: a decided case with a certificate result queues its issue; a certificate
changed or deleted moves its department's status list to a new version."""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from onevisit.cases.signals import case_decided
from onevisit.certificates.models import Certificate, StatusList


@receiver(post_save, sender=Certificate, dispatch_uid="certificates.status_list_version.save")
@receiver(post_delete, sender=Certificate, dispatch_uid="certificates.status_list_version.delete")
def status_list_changed(sender, *, instance: Certificate, created: bool = False, **kwargs) -> None:
    # In the saving transaction: a list built from the old statuses is not reused once it commits.
    # A new certificate took its index from ``next_index``, which names the list already.
    if not created:
        StatusList.objects.filter(department_id=instance.department_id).update(version=F("version") + 1)


@receiver(case_decided, dispatch_uid="certificates.issue_on_decision")
def issue_on_decision(sender, *, case, certificate_type, **kwargs) -> None:
    from onevisit.cases.models import CaseStatus
    from onevisit.certificates.tasks import issue_for_case
    from onevisit.jobs.services import job_enqueue

    if certificate_type and case.status == CaseStatus.APPROVED:
        # One job per case ever: a second signal (a replayed decision) finds the first job.
        job_enqueue(task=issue_for_case, kwargs={"case_id": case.pk}, dedup_key=f"certificates.issue_for_case:{case.pk}")
