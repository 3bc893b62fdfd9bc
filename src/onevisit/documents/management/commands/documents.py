"""`onevisit documents sample --out FILE.pdf`: print a sample decision to check a server's fonts."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onevisit.documents.decision import render_decision_pdf
from onevisit.documents.fonts import DocumentFontMissing, cjk_fonts_ensure, cjk_fonts_found
from onevisit.documents.samples import sample_decision


class Command(BaseCommand):
    help = "Official documents. `documents sample --out FILE.pdf` renders a sample decision document."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sample = sub.add_parser(
            "sample", help="render a sample decision document, to check the CJK fonts on this server"
        )
        sample.add_argument("--out", "-o", type=Path, required=True, help="PDF file to write")
        sample.add_argument("--outcome", choices=["approved", "rejected"], default="approved")

    def handle(self, *args, **options):
        try:
            cjk_fonts_ensure()
        except DocumentFontMissing as exc:
            raise CommandError(str(exc)) from exc
        for family, path in cjk_fonts_found().items():
            self.stdout.write(f"{family}: {path}")
        out: Path = options["out"]
        pdf = render_decision_pdf(sample_decision(outcome=options["outcome"]))
        try:
            out.write_bytes(pdf)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"wrote {out} ({len(pdf)} bytes): open it and check that the Chinese text and the red "
            f"seal show, with no empty boxes"
        ))
