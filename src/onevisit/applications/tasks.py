"""Background tasks of applications."""

from onevisit.jobs import task


# Our own counter (services.prefill.MAX_FETCH_ATTEMPTS) decides when to give up; the job's
# limit is only a backstop.
@task(name="applications.evidence_fetch", max_attempts=8, backoff_seconds=30, max_backoff_seconds=1800)
def evidence_fetch(evidence_id: int) -> str:
    """Retry fetching a pending evidence and attach it; see services.prefill.evidence_retry."""
    from onevisit.applications.services.prefill import evidence_retry

    return evidence_retry(evidence_id=evidence_id)
