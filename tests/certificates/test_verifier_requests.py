"""Verifier requests: a presentation answers one fresh request, once; every check is recorded."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from onevisit.accounts import services as account_services
from onevisit.certificates.errors import (
    CertificateNotFound,
    NotPresentable,
    VerifierRequestNotFound,
)
from onevisit.certificates.models import Verification, VerifierRequest
from onevisit.certificates.presenting import certificate_present, public_verifier_aud
from onevisit.certificates.status_changes import certificate_status_change
from onevisit.certificates.verifying import presentation_verify, verifier_request_create

from .wallet_world import LICENCE_FIELDS, licence_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(citizen, department):
    return licence_for(citizen, department)


def _show(citizen, licence, fields=("name", "legal_person"), code=""):
    return certificate_present(user=citizen, certificate=licence, fields=fields, request_code=code)


def test_two_of_eight_fields_shown_to_anyone_verify_as_exactly_those_two(citizen, licence):
    shown = _show(citizen, licence)
    outcome = presentation_verify(presentation=shown.presentation, channel="public")
    assert outcome.result.code == "ok"
    assert outcome.result.claims == {"name": LICENCE_FIELDS["name"], "legal_person": "王小明"}
    assert outcome.request == shown.request and outcome.request.used_at is not None


def test_a_presentation_cannot_be_verified_twice(citizen, licence):
    shown = _show(citizen, licence)
    presentation_verify(presentation=shown.presentation, channel="public")
    assert presentation_verify(presentation=shown.presentation, channel="public").result.code == "replayed"


def test_a_verifier_request_code_binds_the_presentation(citizen, licence):
    request = verifier_request_create(aud=public_verifier_aud(), verifier_name="西湖区市场监管所", purpose="开业检查")
    shown = _show(citizen, licence, code=request.code.lower())
    outcome = presentation_verify(presentation=shown.presentation, request_code=request.code, channel="public")
    assert outcome.result.valid and outcome.request == request


def test_a_presentation_for_another_request_is_wrong_nonce_and_does_not_use_it(citizen, licence):
    mine = verifier_request_create(aud=public_verifier_aud())
    other = _show(citizen, licence)  # made for a different (open) request
    outcome = presentation_verify(presentation=other.presentation, request_code=mine.code, channel="public")
    assert outcome.result.code == "wrong_nonce"
    mine.refresh_from_db()
    assert mine.used_at is None


def test_an_expired_request_is_refused(citizen, licence):
    shown = _show(citizen, licence)
    VerifierRequest.objects.filter(pk=shown.request.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert presentation_verify(presentation=shown.presentation, channel="public").result.code == "request_expired"


def test_a_used_or_expired_code_cannot_be_presented_to(citizen, licence):
    request = verifier_request_create(aud=public_verifier_aud())
    VerifierRequest.objects.filter(pk=request.pk).update(used_at=timezone.now())
    with pytest.raises(VerifierRequestNotFound):
        _show(citizen, licence, code=request.code)


def test_revoked_by_the_issuing_department_shows_revoked(citizen, licence, officer):
    certificate_status_change(certificate_id=licence.pk, action="revoked", user=officer, reason="以欺骗手段取得")
    licence.refresh_from_db()
    outcome = presentation_verify(presentation=_show(citizen, licence).presentation, channel="public")
    assert outcome.result.code == "revoked" and outcome.result.claims == {}


def test_a_revocation_reaches_the_verifier_at_once_though_it_reuses_the_status_list(citizen, licence, officer):
    assert presentation_verify(presentation=_show(citizen, licence).presentation, channel="public").result.code == "ok"
    shown = _show(citizen, licence)
    with CaptureQueriesContext(connection) as queries:
        assert presentation_verify(presentation=shown.presentation, channel="public").result.code == "ok"
    # The issuer's list is not read again from every certificate row (status_index, status).
    assert not [q for q in queries.captured_queries if '"status_index"' in q["sql"]]

    certificate_status_change(certificate_id=licence.pk, action="revoked", user=officer, reason="以欺骗手段取得")
    licence.refresh_from_db()
    outcome = presentation_verify(presentation=_show(citizen, licence).presentation, channel="public")
    assert outcome.result.code == "revoked"


def test_suspended_shows_suspended(citizen, licence, officer):
    certificate_status_change(certificate_id=licence.pk, action="suspended", user=officer, reason="年报未报")
    outcome = presentation_verify(presentation=_show(citizen, licence).presentation, channel="public")
    assert outcome.result.code == "suspended"


def test_a_presentation_without_a_known_request_is_wrong_nonce(citizen, licence):
    from onevisit.certificates.holders import holder_key
    from onevisit.certificates.presentation import presentation_make
    made_up = presentation_make(issuance=licence.sd_jwt, disclosed=["name"], nonce="made-up", aud="x",
                                holder_key=holder_key(citizen.id_number))
    assert presentation_verify(presentation=made_up, channel="public").result.code == "wrong_nonce"


def test_only_the_holder_can_present(licence):
    stranger = account_services.citizen_register(id_number="110101199001011237", full_name="李四",
                                                 password="Correct-Horse-9", phone="13800000002")
    with pytest.raises(CertificateNotFound):
        _show(stranger, licence)


def test_a_field_the_certificate_lacks_cannot_be_shown(citizen, licence):
    with pytest.raises(NotPresentable):
        _show(citizen, licence, fields=["name", "salary"])


def test_every_verification_is_recorded_with_who_and_the_field_names_only(citizen, licence, officer, department):
    shown = _show(citizen, licence)
    presentation_verify(presentation=shown.presentation, channel="workbench", verified_by=officer,
                        department=department)
    row = Verification.objects.get()
    assert (row.verified_by, row.department, row.result) == (officer, department, "ok")
    assert row.disclosed_fields == ["legal_person", "name"] and "王小明" not in str(row.__dict__)


def test_a_nonce_never_starts_with_a_dash_which_a_command_line_reads_as_an_option():
    """`onevisit cert verify --nonce VALUE` must accept every nonce we hand out (seen once in CI:
    a random base64url nonce began with '-')."""
    requests = [verifier_request_create(aud=f"https://verifier.example/{n}") for n in range(300)]

    assert not any(r.nonce.startswith("-") for r in requests)
    assert len({r.nonce for r in requests}) == 300 and all(len(r.nonce) == 32 for r in requests)
