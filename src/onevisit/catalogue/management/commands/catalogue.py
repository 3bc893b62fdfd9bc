"""`onevisit catalogue import FILE...` and `onevisit catalogue export [--output FILE]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onevisit.catalogue import fileformat, services
from onevisit.catalogue.export import catalogue_export
from onevisit.core.errors import ValidationFailed


class Command(BaseCommand):
    help = "Import or export the service catalogue (matters, bundles, certificate types, form fields)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="import YAML or JSON files together; nothing is written on any error")
        load.add_argument("files", nargs="+", type=Path)
        dump = sub.add_parser("export", help="write the whole catalogue in the import format")
        dump.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
        dump.add_argument("--format", choices=["yaml", "json"], default=None,
                          help="default: from the output file's suffix, else yaml")

    def handle(self, *args, **options):
        if options["action"] == "import":
            try:
                report = services.catalogue_import_files(paths=options["files"])
            except ValidationFailed as exc:
                lines = [f"  {d['field']}: {d['message']}" for d in exc.details]
                raise CommandError("\n".join([str(exc.message), *lines])) from exc
            self.stdout.write(self.style.SUCCESS(f"catalogue imported: {report.summary()}"))
            return
        output: Path | None = options["output"]
        fmt = options["format"] or ("json" if output and output.suffix == ".json" else "yaml")
        text = fileformat.dump(catalogue_export(), fmt=fmt)
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"catalogue exported to {output}")
        else:
            self.stdout.write(text, ending="")
