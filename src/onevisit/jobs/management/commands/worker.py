import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onevisit.jobs.services import job_enqueue_periodic, job_sweep
from onevisit.jobs.worker import Worker


class Command(BaseCommand):
    help = (
        "Run background jobs from the database queue until stopped (SIGTERM finishes the current job). "
        "--burst runs what is due and exits; --sweep enqueues periodic jobs and, in the Celery backend, "
        "republishes jobs whose message was lost, then exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", "--once", action="store_true", dest="burst",
                            help="run every due job, then exit (works in either backend)")
        parser.add_argument("--sweep", action="store_true",
                            help="enqueue due periodic jobs and republish lost Celery messages, then exit")
        parser.add_argument("--poll", type=float, default=1.0, help="seconds between polls when idle")
        parser.add_argument("--lease", type=float, default=None,
                            help="seconds a job stays claimed without renewal (default 60)")
        parser.add_argument("--no-periodic", action="store_true", help="do not enqueue periodic tasks")
        parser.add_argument("--import", action="append", default=[], dest="imports", metavar="MODULE",
                            help="also import this module of tasks (repeatable)")

    def handle(self, *args, **options):
        for module in options["imports"]:
            importlib.import_module(module)
        if options["sweep"]:
            periodic = [] if options["no_periodic"] else job_enqueue_periodic()
            republished = job_sweep()
            self.stdout.write(f"periodic jobs ensured: {len(periodic)}; republished to the broker: {republished}")
            return
        worker = Worker(lease_seconds=options["lease"], poll_seconds=options["poll"],
                        periodic=not options["no_periodic"])
        if options["burst"]:
            with worker.stopping_on_signals():
                ran = worker.run_burst()
            self.stdout.write(f"ran {ran} job(s)")
            return
        if settings.ONEVISIT_TASK_BACKEND != "database":
            raise CommandError(
                "ONEVISIT_TASK_BACKEND is not 'database': run `celery -A onevisit.celery worker` and "
                "`celery -A onevisit.celery beat` instead (see docs/background-jobs.md)."
            )
        with worker.stopping_on_signals():
            worker.run_forever()
