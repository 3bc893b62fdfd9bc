"""`onevisit cases export --format csv|xes [--out FILE] [--department CODE] [--since YYYY-MM-DD]`."""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from onevisit.cases import export


class Command(BaseCommand):
    help = "Case event log for process mining (CSV or XES)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export", help="write the event log")
        out.add_argument("--format", choices=["csv", "xes"], default="csv")
        out.add_argument("--out", help="file to write (default: standard output)")
        out.add_argument("--department", help="only cases of this department code")
        out.add_argument("--since", help="only cases opened on or after this date (YYYY-MM-DD)")

    def handle(self, *args, **options):
        since = None
        if options["since"]:
            try:
                since = datetime.date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError(f"--since: not a date: {options['since']}") from None
        rows = export.events(department_code=options["department"], since=since)
        write = export.write_xes if options["format"] == "xes" else export.write_csv
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8", newline="") as handle:
                n = write(handle, rows)
            self.stderr.write(f"{n} events written to {options['out']}")
        else:
            n = write(sys.stdout, rows)
            self.stderr.write(f"{n} events")
