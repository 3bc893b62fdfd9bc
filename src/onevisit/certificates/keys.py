"""Issuer keys per department: first-use generation, rotation, published JWKS."""

from __future__ import annotations

import json
import secrets

from django.db import transaction
from django.utils import timezone
from jwcrypto.jwk import JWK, JWKSet

from onevisit.accounts.models import Department
from onevisit.certificates.models import IssuerKey


def _new_key(department: Department) -> IssuerKey:
    kid = f"{department.code}-{timezone.now():%Y%m%d}-{secrets.token_hex(4)}"
    jwk = JWK.generate(kty="EC", crv="P-256", kid=kid, use="sig", alg="ES256")
    return IssuerKey.objects.create(department=department, kid=kid, private_jwk=json.loads(jwk.export_private()))


def issuer_key_active(*, department: Department) -> IssuerKey:
    """The department's signing key, generated on first use."""
    with transaction.atomic():
        Department.objects.select_for_update().filter(pk=department.pk).first()
        key = IssuerKey.objects.filter(department=department, retired_at=None).order_by("-created_at", "-id").first()
        return key or _new_key(department)


def issuer_key_rotate(*, department: Department) -> IssuerKey:
    """Make a new key the signing key; older keys stay published until retired."""
    with transaction.atomic():
        Department.objects.select_for_update().filter(pk=department.pk).first()
        return _new_key(department)


def issuer_key_retire(*, key: IssuerKey) -> None:
    """Stop publishing ``key``: certificates it signed no longer verify."""
    IssuerKey.objects.filter(pk=key.pk, retired_at=None).update(retired_at=timezone.now())


def signing_jwk(key: IssuerKey) -> JWK:
    return JWK(**key.private_jwk)


def issuer_jwks(*, department: Department) -> dict:
    """Public keys only, newest first, of every unretired key."""
    keyset = JWKSet()
    for key in IssuerKey.objects.filter(department=department, retired_at=None):
        keyset.add(JWK.from_json(signing_jwk(key).export_public()))
    return keyset.export(private_keys=False, as_dict=True)
