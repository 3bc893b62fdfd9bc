"""The officer's task queue. Cases arrive with the case-handling issue; until then the queue is
real and empty: a list the template renders with its empty state."""

from onevisit.accounts.models import User


def task_queue(*, user: User) -> list:
    return []
