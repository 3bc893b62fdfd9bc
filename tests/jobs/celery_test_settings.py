"""Settings for the Celery worker subprocess of the broker tests: the test settings, plus a queue
of the test run's own, so that concurrent runs (or a real deployment) on the same broker never
take each other's messages."""

import os

from onevisit.conf.test import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["ONEVISIT_TEST_CELERY_QUEUE"]
