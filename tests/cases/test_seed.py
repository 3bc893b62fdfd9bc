"""The demo seed leaves cases in every state, moved by the real services."""

import pytest

from onevisit.accounts.seed import seed_citizens
from onevisit.cases.models import Case, CaseStatus
from onevisit.cases.seed import seed_cases

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def test_the_seed_leaves_cases_in_every_state_and_runs_once(apps_world):
    seed_citizens(apps_world)
    seed_cases(apps_world)

    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(CaseStatus.values)
    for case in Case.objects.all():
        seqs = list(case.events.values_list("seq", flat=True))
        assert seqs == list(range(1, case.version + 1))
    count = Case.objects.count()
    seed_cases(apps_world)
    assert Case.objects.count() == count
