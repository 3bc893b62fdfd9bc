"""What the verifier pages (public and workbench) show of an outcome."""

from onevisit.certificates.reasons import Reason, reason_message, status_word
from onevisit.certificates.verifier_selectors import certificate_type_for, shown_fields
from onevisit.certificates.verifying import Outcome

TONES = {Reason.OK: "success", Reason.SUSPENDED: "warning", Reason.EXPIRED: "warning"}


def result_context(outcome: Outcome) -> dict:
    result = outcome.result
    return {"result": {
        "valid": result.valid, "code": result.code, "word": status_word(result.reason),
        "message": reason_message(result.reason), "tone": TONES.get(result.reason, "error"),
        "issuer": result.issuer, "certificate_type": certificate_type_for(result.vct),
        "fields": shown_fields(vct=result.vct, claims=result.claims) if result.valid else [],
        "verified_at": outcome.verification.verified_at,
    }}
