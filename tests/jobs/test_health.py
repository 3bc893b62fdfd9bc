"""The queue's part of /readyz."""

import pytest

from jobs.conftest import DEAD_BROKERS, celery_app_pointed_at
from onevisit.jobs.selectors import queue_health


@pytest.mark.django_db
def test_database_backend_queue_is_healthy_when_the_jobs_table_answers(client):
    assert queue_health() == (True, "ok")
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_naming_the_broker_when_the_celery_broker_is_down(client, settings):
    settings.ONEVISIT_TASK_BACKEND = "celery"

    with celery_app_pointed_at(DEAD_BROKERS["rabbitmq"], "unused"):
        healthy, detail = queue_health()
        response = client.get("/readyz")

    assert not healthy and detail.startswith("broker unreachable")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "queue": detail}
