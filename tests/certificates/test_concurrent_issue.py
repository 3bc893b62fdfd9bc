"""Concurrent issues by one department get distinct status-list indexes (PostgreSQL: real
concurrent transactions; the row lock on the department's StatusList serialises allocation)."""

import threading

import pytest
from django.db import connection, connections

from onevisit.accounts import services as account_services
from onevisit.certificates.issuing import certificate_issue
from onevisit.certificates.models import Certificate

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers (PostgreSQL)")
def test_parallel_issues_never_share_an_index_and_one_source_issues_once(department, passport_type):
    holder = account_services.citizen_register(id_number="330106199003071236", full_name="王小明",
                                               password="Correct-Horse-9", phone="13800000001")
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def issue(n: int) -> None:
        try:
            barrier.wait()
            for reference in (f"registry:test:{n}:1", "registry:test:shared:1"):
                certificate_issue(
                    certificate_type=passport_type, department=department, holder_kind="person",
                    holder_id=holder.id_number, holder_name=holder.full_name, source="registry",
                    source_reference=reference, data={"passport_number": f"E{n:08d}"})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    indexes = list(Certificate.objects.values_list("status_index", flat=True))
    assert len(indexes) == len(set(indexes)) == WORKERS + 1
    assert Certificate.objects.filter(source_reference="registry:test:shared:1").count() == 1
