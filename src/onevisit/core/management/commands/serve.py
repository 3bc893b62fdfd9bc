import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve OneVisit with gunicorn and, for the database task backend, a background worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument("--no-worker", action="store_true", help="do not start the background worker")

    def handle(self, *args, **options):
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", os.environ.get("DJANGO_SETTINGS_MODULE", "onevisit.conf.dev"))
        children: list[subprocess.Popen] = []
        if settings.ONEVISIT_TASK_BACKEND == "database" and not options["no_worker"]:
            children.append(subprocess.Popen([sys.executable, "-m", "onevisit", "worker"], env=env))
        web = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "onevisit.wsgi:application",
                "--bind", f"{options['host']}:{options['port']}",
                "--workers", str(options["workers"]),
                "--threads", str(options["threads"]),
                "--access-logfile", "-",
                "--graceful-timeout", "10",
            ],
            env=env,
        )
        children.append(web)
        self.stdout.write(f"OneVisit at http://{options['host']}:{options['port']}/  (Ctrl+C stops)")

        def stop(signum, frame):
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        code = web.wait()
        stop(None, None)
        for child in children:
            try:
                # The worker finishes the job in hand after SIGTERM; a job that will not end in
                # time is interrupted and, its lease lapsing, taken up again by the next worker.
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        sys.exit(code if code > 0 else 0)
