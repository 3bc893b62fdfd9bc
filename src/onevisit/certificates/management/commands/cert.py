"""``onevisit cert verify FILE_OR_TEXT --cache DIR``: verify an issued VC or a presentation offline."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onevisit.certificates.offline_cache import cache_read
from onevisit.certificates.reasons import reason_messages
from onevisit.certificates.verification import vc_verify


class Command(BaseCommand):
    help = "Electronic certificates: verify a VC or presentation offline from cached JWKS and status lists."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify")
        verify.add_argument("presentation", help="a file holding the VC or presentation, or the text itself")
        verify.add_argument("--cache", required=True, type=Path, help="directory written by `cert cache`")
        verify.add_argument("--nonce", help="the verifier request's nonce the presentation must be bound to")
        verify.add_argument("--aud", help="the verifier the presentation must be addressed to")

    def handle(self, *args, action, presentation, cache, nonce=None, aud=None, **options):
        path = Path(presentation)
        text = path.read_text(encoding="utf-8").strip() if "~" not in presentation and path.exists() else presentation
        jwks, status_lists = cache_read(cache)
        # A key-binding JWT, when present, is always checked against cnf.jwk; the nonce and
        # aud only when given, as an offline verifier may not have issued the request.
        result = vc_verify(text, jwks=jwks, status_lists=status_lists, nonce=nonce, aud=aud)
        self.stdout.write(json.dumps({
            "valid": result.valid, "code": result.code, "reason": result.code if not result.valid else None,
            "message": reason_messages(result.reason), "issuer": result.issuer, "vct": result.vct,
            "holder_bound": result.holder_bound, "claims": result.claims, "detail": result.detail,
        }, ensure_ascii=False))
        if not result.valid:
            raise CommandError(f"invalid: {result.code}")
