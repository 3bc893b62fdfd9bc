"""Background tasks of the public data platform."""

import datetime
import logging

from onevisit.exchange.services import access_log_seal, grants_expire
from onevisit.jobs import task

logger = logging.getLogger("onevisit.exchange")


@task(name="exchange.seal_access_log", max_attempts=3, backoff_seconds=5, every=datetime.timedelta(seconds=5))
def seal_access_log() -> int:
    """Chain the access-log rows written since the last run; return how many."""
    return access_log_seal()


@task(name="exchange.expire_grants", max_attempts=3, every=datetime.timedelta(hours=1))
def expire_grants() -> int:
    """Mark grants past their expiry as expired; return how many."""
    expired = grants_expire()
    if expired:
        logger.info("%s access grant(s) expired", expired)
    return expired
