"""A correction changes the record in place and raises its version, which evidence then shows."""

import pytest
from django.core.exceptions import FieldDoesNotExist

from onevisit.registries.contract import Query
from onevisit.registries.corrections import record_correct
from onevisit.registries.population.models import Person
from onevisit.registries.population.provider import PROVIDER

from .conftest import REGISTRY_DATABASES, WANG

pytestmark = pytest.mark.django_db(databases=REGISTRY_DATABASES)


def test_a_corrected_record_is_served_with_the_next_version(population):
    before = PROVIDER.query(Query(item="population.person", subject=WANG)).records[0]

    record_correct(Person.objects.get(id_number=WANG), phone="13900000009")
    after = PROVIDER.query(Query(item="population.person", subject=WANG)).records[0]

    assert after.data["phone"] == "13900000009"
    assert after.version == before.version + 1
    assert after.updated_at > before.updated_at


def test_correcting_a_field_the_record_does_not_have_is_refused(population):
    with pytest.raises(FieldDoesNotExist):
        record_correct(Person.objects.get(id_number=WANG), religion="none")
