"""``onevisit cert``: verify offline, write the verifier cache, bulk-issue from registries.

- ``cert verify FILE_OR_TEXT --cache DIR [--nonce N --aud A]``: verify an issued VC or a
  presentation with cached JWKS and status lists, no network.
- ``cert cache --out DIR``: write every issuer's JWKS and current status list for ``verify``.
- ``cert issue-from-registries [--limit N]``: issue the existing certificates the registries hold
  for citizens and enterprises not imported yet, through the gateway; prints progress.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onevisit.certificates.offline_cache import cache_read, cache_write
from onevisit.certificates.reasons import reason_messages
from onevisit.certificates.verification import vc_verify


class Command(BaseCommand):
    help = "Electronic certificates: verify offline, write the verifier cache, issue from registries."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify")
        verify.add_argument("presentation", help="a file holding the VC or presentation, or the text itself")
        verify.add_argument("--cache", required=True, type=Path, help="directory written by `cert cache`")
        verify.add_argument("--nonce", help="the verifier request's nonce the presentation must be bound to")
        verify.add_argument("--aud", help="the verifier the presentation must be addressed to")
        cache = sub.add_parser("cache")
        cache.add_argument("--out", required=True, type=Path, help="directory to write jwks.json and status_lists.json")
        issue = sub.add_parser("issue-from-registries")
        issue.add_argument("--limit", type=int, default=None, help="at most this many holders")

    def handle(self, *args, action, **options):
        return getattr(self, "_" + action.replace("-", "_"))(**options)

    def _verify(self, *, presentation, cache, nonce=None, aud=None, **options):
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

    def _cache(self, *, out, **options):
        from onevisit.certificates.publishing import verifier_cache
        from onevisit.certificates.selectors import issuer_departments

        jwks, lists = verifier_cache(list(issuer_departments()))
        cache_write(out, jwks=jwks, status_lists=lists)
        self.stdout.write(f"{len(jwks)} issuers written to {out}")

    def _issue_from_registries(self, *, limit, **options):
        from onevisit.certificates.from_registries import bulk_import

        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1")

        def progress(done: int, total: int, holder_id: str) -> None:
            self.stdout.write(f"[{done}/{total}] {holder_id[:6]}…{holder_id[-2:]}")

        issued = bulk_import(limit=limit, progress=progress)
        self.stdout.write(f"issued {issued} certificates")
