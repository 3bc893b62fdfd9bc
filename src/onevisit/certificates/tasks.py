"""Background tasks of e-certificates."""

from onevisit.jobs import task


@task(name="certificates.issue_for_case", max_attempts=8, backoff_seconds=30)
def issue_for_case(case_id: int) -> str:
    """Issue the result certificate of a decided case; safe to run any number of times."""
    from onevisit.certificates.from_cases import certificate_issue_for_case

    certificate = certificate_issue_for_case(case_id=case_id)
    return certificate.identifier if certificate is not None else "skipped"
