from django.core.management.base import BaseCommand, CommandError

from onevisit.core.errors import DomainError
from onevisit.jobs import selectors, services
from onevisit.jobs.models import JobStatus


class Command(BaseCommand):
    help = "Inspect background jobs and requeue failed ones."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list jobs, newest first")
        listing.add_argument("--status", choices=JobStatus.values)
        listing.add_argument("--task")
        listing.add_argument("--limit", type=int, default=50)
        requeue = sub.add_parser("requeue", help="put failed jobs back in the queue")
        requeue.add_argument("ids", nargs="*", type=int)
        requeue.add_argument("--all-failed", action="store_true")

    def handle(self, *args, **options):
        if options["action"] == "list":
            jobs = selectors.jobs_list(status=options["status"], task_name=options["task"])[: options["limit"]]
            for job in jobs:
                self.stdout.write(
                    f"{job.pk}\t{job.status}\t{job.task_name}\t{job.attempts}/{job.max_attempts}\t"
                    f"{job.run_after:%Y-%m-%d %H:%M:%S}\t{job.last_error.splitlines()[0] if job.last_error else ''}"
                )
            return
        ids = list(options["ids"])
        if options["all_failed"]:
            ids += list(selectors.jobs_failed().values_list("pk", flat=True))
        if not ids:
            raise CommandError("name job ids or use --all-failed")
        for job_id in ids:
            try:
                services.job_requeue(job_id=job_id, requeued_by="onevisit jobs requeue")
            except DomainError as exc:
                self.stderr.write(f"{job_id}: {exc.message}")
            else:
                self.stdout.write(f"{job_id}: requeued")
