"""Case services: every write to a case goes through one of these."""

from onevisit.cases.services.handling import (
    case_accept,
    case_claim,
    case_complete_task,
    case_decide,
    case_not_accept,
    case_release,
)
from onevisit.cases.services.opening import cases_open
from onevisit.cases.services.pauses import (
    case_extend,
    case_request_supplement,
    case_resume,
    case_supply,
    case_suspend,
)
from onevisit.cases.services.transfer import case_transfer

__all__ = ["case_accept", "case_claim", "case_complete_task", "case_decide", "case_extend", "case_not_accept",
           "case_release", "case_request_supplement", "case_resume", "case_supply", "case_suspend", "case_transfer",
           "cases_open"]
