"""The cases API: staff queues, search, detail and actions under /cases; the applicant's view
of their cases under /applications/{reference}/cases (and /cases/{reference}/supply)."""

from onevisit.cases.api.applicant import router as applicant_router
from onevisit.cases.api.staff import router

__all__ = ["applicant_router", "router"]
