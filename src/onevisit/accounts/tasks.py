"""Background tasks of the accounts app."""

import datetime
import logging

from onevisit.accounts.services import one_time_code_purge_expired
from onevisit.jobs import task

logger = logging.getLogger("onevisit.accounts")


@task(name="accounts.purge_expired_codes", max_attempts=3, every=datetime.timedelta(hours=1))
def purge_expired_codes() -> int:
    """Delete one-time login codes that expired more than a day ago; return how many."""
    deleted = one_time_code_purge_expired()
    if deleted:
        logger.info("purged %s expired one-time code(s)", deleted)
    return deleted
