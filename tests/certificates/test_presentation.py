"""Presentations: only the chosen disclosures, bound to the verifier's nonce by the holder key."""

import pytest

from onevisit.certificates.presentation import PresentationError, presentation_make
from onevisit.certificates.sd_jwt_parts import split
from onevisit.certificates.verification import Reason, vc_verify

from .credentials import AUD, issue, jwks_of, new_key, status_lists


@pytest.fixture
def keys():
    return new_key("issuer-1"), new_key("holder-1")


def _present(keys, fields=("name", "uscc"), nonce="n-1", aud=AUD, **issue_kwargs):
    issuer, holder = keys
    return presentation_make(issuance=issue(issuer, holder, **issue_kwargs), disclosed=fields,
                             nonce=nonce, aud=aud, holder_key=holder)


def _verify(keys, presentation, **kwargs):
    kwargs.setdefault("status_lists", status_lists())
    return vc_verify(presentation, jwks=jwks_of(keys[0]), nonce=kwargs.pop("nonce", "n-1"), aud=AUD, **kwargs)


def test_two_of_eight_fields_disclose_exactly_those_two(keys):
    result = _verify(keys, _present(keys))
    assert result.reason is Reason.OK and result.holder_bound
    assert result.claims == {"name": "杭州西湖小馆餐饮有限公司", "uscc": "91330106MA2B3C4D5E"}


def test_presentation_carries_only_chosen_disclosures(keys):
    assert len(split(_present(keys, fields=["address"])).disclosures) == 1


def test_nothing_chosen_discloses_no_field(keys):
    assert _verify(keys, _present(keys, fields=[])).claims == {}


def test_unknown_field_cannot_be_presented(keys):
    with pytest.raises(PresentationError):
        _present(keys, fields=["name", "salary"])


def test_only_the_bound_key_can_present(keys):
    issuer, holder = keys
    with pytest.raises(PresentationError):
        presentation_make(issuance=issue(issuer, holder), disclosed=["name"], nonce="n", aud=AUD,
                          holder_key=new_key("thief"))


def test_wrong_nonce_is_refused(keys):
    assert _verify(keys, _present(keys), nonce="n-2").reason is Reason.WRONG_NONCE


def test_other_audience_is_refused(keys):
    assert _verify(keys, _present(keys, aud="https://elsewhere.example/")).reason is Reason.WRONG_NONCE


def test_presentation_without_key_binding_is_refused_when_a_nonce_is_asked(keys):
    issuer_jwt_and_disclosures = split(_present(keys)).without_kb
    assert _verify(keys, issuer_jwt_and_disclosures).reason is Reason.HOLDER_BINDING_FAILED


def test_kb_jwt_signed_by_another_key_fails_holder_binding(keys):
    issuer, holder = keys
    thief = new_key("thief")
    stolen = issue(issuer, holder)
    # The thief forges a credential-looking KB-JWT by presenting with its own key over the stolen issuance.
    from sd_jwt.holder import SDJWTHolder
    forged = SDJWTHolder(stolen)
    forged.create_presentation({"name": True}, nonce="n-1", aud=AUD, holder_key=thief, sign_alg="ES256")
    assert _verify(keys, forged.sd_jwt_presentation).reason is Reason.HOLDER_BINDING_FAILED


def test_adding_a_disclosure_after_binding_is_tampering(keys):
    issuer, holder = keys
    full = issue(issuer, holder)
    shown = split(_present(keys, fields=["name"]))
    extra = [d for d in split(full).disclosures if d not in shown.disclosures][0]
    grown = "~".join([shown.issuer_jwt, *shown.disclosures, extra, shown.kb_jwt])
    assert _verify(keys, grown).reason is Reason.TAMPERED


def test_changed_disclosure_value_is_tampering(keys):
    import base64
    import json
    shown = split(_present(keys, fields=["name"]))
    salt, name, _value = json.loads(base64.urlsafe_b64decode(shown.disclosures[0] + "=="))
    fake = base64.urlsafe_b64encode(json.dumps([salt, name, "假公司"]).encode()).rstrip(b"=").decode()
    assert _verify(keys, "~".join([shown.issuer_jwt, fake, shown.kb_jwt])).reason is Reason.TAMPERED


def test_expired_certificate_is_refused(keys):
    import time
    assert _verify(keys, _present(keys, exp=int(time.time()) - 1)).reason is Reason.EXPIRED


def test_old_presentation_is_refused_as_expired(keys):
    import time
    result = _verify(keys, _present(keys), max_age=300, now=time.time() + 301)
    assert result.reason is Reason.EXPIRED


@pytest.mark.parametrize(("lists", "reason"), [
    (status_lists(revoked=3), Reason.REVOKED), (status_lists(suspended=3), Reason.SUSPENDED)])
def test_revoked_or_suspended_presentation_is_refused(keys, lists, reason):
    assert _verify(keys, _present(keys), status_lists=lists).reason is reason


@pytest.mark.parametrize("text", ["", "hello", "a.b~", "e30.e30.sig~!!!~", "证照~"])
def test_garbage_is_malformed(keys, text):
    assert _verify(keys, text).reason is Reason.MALFORMED
