"""SIGKILL the server in the middle of case handling: no transition is lost, none is doubled.

Thirty cases are each claimed, accepted, reviewed and decided over HTTP by a pool of clients
against a real gunicorn on the (committed) test database. Midway the server's whole process
group is killed; the clients resend every request that got no answer (same Idempotency-Key,
same version) once a new server is up. Afterwards every case has exactly the events 1..5, one
per intended action and request key, and its status is the one its last event records.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from jobs.conftest import worker_database  # noqa: F401 - the test database other processes can open
from jobs.helpers import subprocess_env, wait_for
from onevisit.accounts import services as account_services
from onevisit.accounts.models import StaffRole
from onevisit.accounts.seed import seed_departments, seed_staff
from onevisit.applications.models import Application, ApplicationMatter, ApplicationStatus
from onevisit.applications.selectors import handling_department
from onevisit.cases.models import Case, CaseEvent, CaseStatus, CaseWorkflow
from onevisit.cases.services import cases_open
from onevisit.catalogue.models import CaseType, Matter
from onevisit.catalogue.seed import seed_catalogue as seed_service_catalogue
from onevisit.core.seeding import SeedContext
from onevisit.exchange.seed import seed_catalogue as seed_data_catalogue

pytestmark = pytest.mark.django_db(transaction=True)

CASES = 30
CLIENTS = 8
KILL_AFTER = 45  # answers received before the kill (of 120 actions)
STEPS = [("claim", {}), ("accept", {}), ("complete-task", {"task": "review", "opinion": "材料齐全"}),
         ("decide", {"decision": "approved"})]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn in a session of its own, so SIGKILL reaches the master and its workers at once."""

    def __init__(self, database_url: str, log_dir: Path):
        self.env = subprocess_env(database_url, LOG_LEVEL="WARNING")
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.up = threading.Event()
        self.starts = 0

    def start(self, port: int) -> None:
        self.starts += 1
        log = (self.log_dir / f"gunicorn-{self.starts}.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "onevisit.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--threads", "4"], env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        wait_for(lambda: self._healthy(port), timeout=30, what=f"the server to start\n{self.output()}", interval=0.1)
        self.up.set()

    def _healthy(self, port: int) -> bool:
        assert self.process is not None and self.process.poll() is None, self.output()
        try:
            return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        self.up.clear()
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def output(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(self.log_dir.glob("gunicorn-*.log")))


@pytest.fixture
def open_cases(regions):
    """Thirty committed cases of one promised-time matter (承诺件: accept, review, decide), the
    handling department's officer and a bearer token for them."""
    ctx = SeedContext(stdout=lambda line: None)
    for step in (seed_departments, seed_staff, seed_data_catalogue, seed_service_catalogue):
        step(ctx)
    applicant = account_services.citizen_register(id_number="330106199003071236", full_name="王小明",
                                                  password="Correct-Horse-9")
    matter = Matter.objects.exclude(case_type=CaseType.IMMEDIATE).order_by("code").first()
    department = handling_department(matter=matter, applicant=applicant)
    officer = account_services.staff_create(username="restart.officer", full_name="周审批", password="Correct-Horse-9",
                                            department=department, roles=[StaffRole.CASE_OFFICER])
    for i in range(CASES):
        application = Application.objects.create(reference=f"APP-20261122-RST{i:03d}", applicant=applicant,
                                                 matter=matter, status=ApplicationStatus.SUBMITTED)
        ApplicationMatter.objects.create(application=application, matter=matter, position=0)
        cases_open(application=application)
    _token, key = account_services.api_token_create(user=officer, name="restart test")
    cases = list(Case.objects.filter(application__reference__startswith="APP-20261122-RST").order_by("reference"))
    assert len(cases) == CASES and all(c.status == CaseStatus.RECEIVED and c.task == "accept" for c in cases)
    return cases, key


def test_sigkill_mid_stream_loses_no_transition_and_doubles_none(open_cases, worker_database, tmp_path):  # noqa: F811
    cases, token = open_cases
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1/cases"
    server = Server(worker_database, tmp_path)
    answered = []   # (case reference, step, status code)
    unanswered = []  # requests that had to be sent again
    lock = threading.Lock()
    kill_now = threading.Event()

    def send(client: httpx.Client, reference: str, action: str, body: dict, key: str) -> httpx.Response:
        while True:
            server.up.wait(timeout=60)
            try:
                response = client.post(f"{base}/{reference}/{action}", json=body, headers={"Idempotency-Key": key})
            except httpx.TransportError:
                with lock:
                    unanswered.append((reference, action))
                time.sleep(0.05)
                continue
            with lock:
                answered.append((reference, action, response.status_code))
                if len(answered) == KILL_AFTER:
                    kill_now.set()
            return response

    def handle(case: Case) -> list[int]:
        codes, version = [], case.version
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            for action, extra in STEPS:
                response = send(client, case.reference, action, {"version": version, **extra},
                                key=f"{case.reference}:{action}:{version}")
                codes.append(response.status_code)
                if response.status_code != 200:
                    break
                version = response.json()["version"]
        return codes

    def killer() -> None:
        kill_now.wait(timeout=120)
        server.kill()
        time.sleep(0.3)
        server.start(port)

    server.start(port)
    try:
        kill_thread = threading.Thread(target=killer)
        kill_thread.start()
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(handle, cases))
        kill_thread.join(timeout=60)

        assert server.starts == 2, "the server was killed and started again"
        assert results == [[200, 200, 200, 200]] * CASES, f"{results}\n{server.output()}"

        # A request replayed after it succeeded is answered without acting again.
        first = cases[0]
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            replay = client.post(f"{base}/{first.reference}/claim", json={"version": first.version},
                                 headers={"Idempotency-Key": f"{first.reference}:claim:{first.version}"})
        assert replay.status_code == 200 and replay.json()["version"] == first.version + 4
    finally:
        server.stop()

    for case in Case.objects.filter(pk__in=[c.pk for c in cases]):
        events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
        assert [e.seq for e in events] == [1, 2, 3, 4, 5], case.reference
        assert [e.action for e in events] == ["opened", "claimed", "accepted", "reviewed", "approved"], case.reference
        keys = [e.request_key for e in events[1:]]
        assert keys == [f"{case.reference}:{a}:{v}" for (a, _x), v in zip(STEPS, range(1, 5), strict=True)]
        assert (case.status, case.version) == (CaseStatus.APPROVED, 5) == (events[-1].status_after, events[-1].seq)
    assert not CaseWorkflow.objects.filter(case_id__in=[c.pk for c in cases]).exists()
    print(f"{len(unanswered)} request(s) resent after the kill")
