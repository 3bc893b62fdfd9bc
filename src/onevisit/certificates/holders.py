"""Holder keys of the custodial web wallet (托管钱包).

Each holder (a person's ID number or an enterprise's USCC) has one P-256 key, made on first use
and kept by the platform. Its public half is the ``cnf.jwk`` of every certificate issued to the
holder, so a presentation can carry a key-binding JWT signed with it. Only code acting for the
logged-in holder may sign with it: see ``holder_signing_key``.
"""

from __future__ import annotations

import json

from django.db import IntegrityError, transaction
from jwcrypto.jwk import JWK

from onevisit.accounts.models import User
from onevisit.certificates.errors import CertificateNotFound
from onevisit.certificates.models import Certificate, HolderKey


def holder_key(holder_id: str) -> JWK:
    """The holder's private key, generated on first use (safe when two requests race for it)."""
    row = HolderKey.objects.filter(holder_id=holder_id).first()
    if row is None:
        jwk = JWK.generate(kty="EC", crv="P-256", alg="ES256", use="sig")
        try:
            with transaction.atomic():
                row = HolderKey.objects.create(holder_id=holder_id, private_jwk=json.loads(jwk.export_private()))
        except IntegrityError:
            row = HolderKey.objects.get(holder_id=holder_id)
    return JWK(**row.private_jwk)


def holder_public_jwk(holder_id: str) -> dict:
    """The public half, as it goes into ``cnf.jwk``."""
    return json.loads(holder_key(holder_id).export_public())


def holder_signing_key(*, user: User, certificate: Certificate) -> JWK:
    """The key that signs a key-binding JWT for ``certificate``, for the logged-in ``user``.

    Raises CertificateNotFound (404, not 403: another holder's certificate is not disclosed)
    when the user is neither the holder nor acting for the holding enterprise.
    """
    from onevisit.certificates.selectors import certificate_visible_to

    if not certificate_visible_to(user=user, certificate=certificate):
        raise CertificateNotFound()
    return holder_key(certificate.holder_id)
