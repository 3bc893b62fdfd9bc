"""`onevisit audit verify`: recompute the access log's hash chain and name the first broken row."""

from django.core.management.base import BaseCommand, CommandError

from onevisit.exchange.selectors import access_log_verify
from onevisit.exchange.services import access_log_seal

REASONS = {
    "content_mismatch": "its content or row_hash was changed",
    "prev_hash_mismatch": "its prev_hash does not match the row before it",
    "gap": "its chain position does not follow the row before it (a row was removed or moved)",
}


class Command(BaseCommand):
    help = "Audit the append-only logs. `audit verify` checks the access log's hash chain; `audit seal` chains new rows."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="verify the whole access-log chain; exit 1 at the first broken row")
        verify.add_argument("--seal", action="store_true", help="seal pending rows first")
        verify.add_argument("--chunk", type=int, default=5000, help="rows read per query")
        sub.add_parser("seal", help="chain every pending access-log row now")

    def handle(self, *args, **options):
        if options["action"] == "seal":
            sealed = access_log_seal()
            self.stdout.write(f"sealed {sealed} access-log row(s)")
            return
        if options.get("seal"):
            access_log_seal()
        report = access_log_verify(chunk=max(1, options["chunk"]))
        if not report.ok:
            raise CommandError(
                f"access log chain broken at row {report.broken_row_id}: {report.reason} "
                f"({REASONS.get(report.reason, '')}); {report.checked} row(s) before it verified"
            )
        self.stdout.write(self.style.SUCCESS(
            f"access log chain OK: {report.checked} sealed row(s) verified, {report.unsealed} not yet sealed"
        ))
