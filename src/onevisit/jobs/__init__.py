"""Background work (后台任务): one task interface for the whole project.

Declare a task with ``@task(name=...)`` in an app's ``tasks.py``; enqueue it with
``some_task.enqueue(**kwargs)`` or ``onevisit.jobs.services.job_enqueue(...)``. The ``Job`` table is
the source of truth whichever backend moves the work (see docs/background-jobs.md).
"""

from onevisit.jobs.registry import task

__all__ = ["task"]
