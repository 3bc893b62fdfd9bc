"""Existing certificates come from the registries through the gateway: on the first wallet visit,
and in bulk; the same registry record and version never gives a second certificate."""

import pytest
from django.core.management import call_command

from onevisit.certificates.from_registries import PURPOSE, wallet_first_visit
from onevisit.certificates.models import Certificate
from onevisit.certificates.seed import seed_wallet_grants
from onevisit.core.seeding import SeedContext
from onevisit.exchange.models import AccessLog

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


@pytest.fixture
def wallet_grants(apps_world):
    seed_wallet_grants(SeedContext(stdout=lambda line: None))


def test_first_wallet_visit_issues_from_registries_once(wallet_grants, apps_wang):
    issued = wallet_first_visit(user=apps_wang)

    types = set(Certificate.objects.filter(holder_id=apps_wang.id_number).values_list("certificate_type__code",
                                                                                       flat=True))
    assert issued >= 2 and {"marriage_certificate", "hukou_booklet"} <= types
    assert AccessLog.objects.filter(purpose=PURPOSE, acting_user=apps_wang, outcome="allowed").exists()
    marriage = Certificate.objects.get(holder_id=apps_wang.id_number, certificate_type__code="marriage_certificate")
    assert marriage.department.code == "330000-CA" and marriage.source == "registry"
    assert marriage.data["party_a_name"] == "王小明"
    assert wallet_first_visit(user=apps_wang) == 0


def test_bulk_command_is_idempotent_and_shows_progress(wallet_grants, apps_wang, apps_enterprise, capsys):
    call_command("cert", "issue-from-registries", "--limit", "5")
    first = Certificate.objects.count()
    out = capsys.readouterr().out
    assert "[1/" in out and f"issued {first} certificates" in out
    assert Certificate.objects.filter(holder_id=apps_enterprise.uscc, certificate_type__code="business_licence").exists()

    call_command("cert", "issue-from-registries")
    from onevisit.certificates.models import RegistryImport

    RegistryImport.objects.all().delete()  # even forgetting who was imported issues nothing twice
    call_command("cert", "issue-from-registries")
    assert Certificate.objects.count() >= first
    assert Certificate.objects.values("source_reference").distinct().count() == Certificate.objects.count()
    assert Certificate.objects.filter(holder_id=apps_wang.id_number, certificate_type__code="hukou_booklet").count() == 1


def test_spouses_sharing_a_marriage_record_each_get_their_own_certificate(wallet_grants, apps_wang):
    from onevisit.accounts import services as account_services

    wallet_first_visit(user=apps_wang)
    mine = Certificate.objects.get(holder_id=apps_wang.id_number, certificate_type__code="marriage_certificate")
    spouse_id = mine.data["party_b_id_number"]
    spouse = account_services.citizen_register(id_number=spouse_id, full_name=mine.data["party_b_name"],
                                               password="Correct-Horse-9", phone="13800000009")

    wallet_first_visit(user=spouse)

    theirs = Certificate.objects.get(holder_id=spouse_id, certificate_type__code="marriage_certificate")
    assert theirs.pk != mine.pk and theirs.data["certificate_number"] == mine.data["certificate_number"]
