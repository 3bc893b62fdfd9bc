"""A page of 100 departments over real HTTP from a gunicorn server on a seeded database.

The template for later HTTP scenarios (case queues, search): the server runs as it does in
`make demo`, the client is a separate process section with keep-alive connections.
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time

NAME = "http_api"
DESCRIPTION = "GET /api/v1/departments?limit=100 over HTTP: p50/p95 sequential and at 16 connections"
PATH = "/api/v1/departments?limit=100&offset=200"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(conn: http.client.HTTPConnection) -> float:
    started = time.perf_counter()
    conn.request("GET", PATH)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {PATH} answered {response.status}")
    return time.perf_counter() - started


def run(ctx) -> dict:
    env = dict(os.environ, ONEVISIT_VAR_DIR=str(ctx.scratch), DJANGO_SETTINGS_MODULE="onevisit.conf.dev")
    env.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    python = sys.executable
    subprocess.run([python, "-m", "onevisit", "migrate_all", "-v0"], env=env, check=True)
    subprocess.run([python, "-m", "onevisit", "collectstatic", "--no-input", "-v0"], env=env, check=True)
    subprocess.run([python, "-m", "onevisit", "seed", "--citizens", "50", "--enterprises", "5"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    workers = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "onevisit.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", "8", "--log-level", "warning"],
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                _get(conn)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        for _ in range(50):  # warm up every worker
            _get(conn)
        sequential_n = 200 if ctx.quick else 1000
        sequential = [_get(conn) for _ in range(sequential_n)]
        conn.close()

        concurrency = 16
        per_client = 25 if ctx.quick else 120
        samples: list[float] = []
        lock = threading.Lock()

        def client() -> None:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine = [_get(c) for _ in range(per_client)]
            c.close()
            with lock:
                samples.extend(mine)

        threads = [threading.Thread(target=client) for _ in range(concurrency)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=15)
    return {
        "path": PATH,
        "server": f"gunicorn {workers} workers x 8 threads",
        "database": "PostgreSQL" if os.environ.get("BENCH_DATABASE_URL") else "SQLite (WAL)",
        "sequential": ctx.summarise_ms(sequential),
        "concurrent_16": {**ctx.summarise_ms(samples), "requests_per_s": round(len(samples) / wall, 1)},
    }
