"""``onevisit cert verify FILE_OR_TEXT --cache DIR``: verify a presentation offline."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onevisit.certificates.offline_cache import cache_read
from onevisit.certificates.verification import vc_verify


class Command(BaseCommand):
    help = "Electronic certificates: verify a presentation offline from cached JWKS and status lists."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify")
        verify.add_argument("presentation", help="a file holding the presentation, or the text itself")
        verify.add_argument("--cache", required=True, type=Path, help="directory written by `cert cache`")

    def handle(self, *args, action, presentation, cache, **options):
        path = Path(presentation)
        text = path.read_text(encoding="utf-8").strip() if "~" not in presentation and path.exists() else presentation
        jwks, status_lists = cache_read(cache)
        result = vc_verify(text, jwks=jwks, status_lists=status_lists)
        self.stdout.write(json.dumps({"valid": result.valid, "reason": result.reason, "issuer": result.issuer,
                                      "claims": result.claims}, ensure_ascii=False))
        if not result.valid:
            raise CommandError(f"invalid: {result.reason}")
