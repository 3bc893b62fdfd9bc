"""Background tasks of case handling."""

from onevisit.jobs import task


@task(name="cases.decision_document", max_attempts=5, backoff_seconds=30)
def decision_document(case_id: int) -> str:
    """Render the decision letter (PDF) of a decided case; safe to run twice."""
    from onevisit.cases.services.documents import decision_document_make

    document = decision_document_make(case_id=case_id)
    return document.number if document is not None else "skipped"
