"""The sharing gateway under load, over real HTTP, against a registry of at least 1,000,000 people.

One run measures, on PostgreSQL:
- governed: ``POST /api/v1/exchange/fetch`` (token auth, grant check, provider lookup, masking,
  evidence hashing, one durable access-log row per call);
- bare: ``POST /bench/bare/fetch`` (``bench/support/bench_lane.py``): the same lookup through the
  same server, exchange lane (``onevisit.exchange.lane``), token auth, body schema and provider
  transport, with no grant check and no log;
- ``pgbench -S`` (select-only, 1,000,000 accounts) for the database's own ceiling;
at 1, 16 and 64 concurrent connections, with wrk choosing a random subject for every request.
It then checks that every governed call left its row in the access log, and profiles governed
calls in-process to say where the time goes. Beside every wrk run it records the load average
and the CPU seconds per call of the server processes and of this database's PostgreSQL backends:
on a shared machine requests per second wobble with other work, CPU per call much less.

Environment: BENCH_DATABASE_URL (default ``postgres://postgres@127.0.0.1:5432/onevisit_bench``;
seeded on first use, about 5-10 minutes), BENCH_PEOPLE (1000000), BENCH_WEB_WORKERS (2, one per
core), BENCH_WEB_THREADS (8 per worker: calls waiting on PostgreSQL overlap), BENCH_PORT,
BENCH_DURATION (seconds per run, 15; 5 with --quick).
"""

from __future__ import annotations

import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from cpu_meter import CpuMeter  # noqa: E402 - bench/support is not a package

NAME = "exchange"
DESCRIPTION = ("sharing gateway over HTTP (granian + Django) on PostgreSQL with >=1M people: governed vs bare "
               "lookups and pgbench -S at 1/16/64 connections; every call logged; profile")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/onevisit_bench"
CLIENTS = (1, 16, 64)
BODY = ('{"item": "population.person", "purpose": "DEMO-M01", "subject": "%s", "reference": "%s", '
        '"fields": ["id_number", "name", "sex", "birth_date", "status"]}')
ENDPOINTS = {"governed": "/api/v1/exchange/fetch", "bare": "/bench/bare/fetch"}


def _env(ctx, url: str) -> dict:
    support = ctx.root / "bench" / "support"
    return dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench_settings",
                ONEVISIT_VAR_DIR=str(ctx.scratch), PYTHONPATH=f"{support}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")


def _setup(ctx, env: dict, people: int) -> dict:
    python = sys.executable
    subprocess.run([python, "-m", "onevisit", "migrate_all", "-v0"], env=env, check=True)
    setup_script = str(ctx.root / "bench" / "support" / "bench_setup.py")
    state = json.loads(subprocess.run([python, setup_script, "5000"], env=env, check=True, capture_output=True,
                                      text=True).stdout)
    if state["people"] < people:
        ctx.log(f"   seeding {people:,} people (once per database) ...")
        started = time.monotonic()
        subprocess.run([python, "-m", "onevisit", "seed", "--citizens", str(people)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        ctx.extra["seed_s"] = round(time.monotonic() - started, 1)
        state = json.loads(subprocess.run([python, setup_script, "5000"], env=env, check=True,
                                          capture_output=True, text=True).stdout)
    return state


def _start_server(ctx, env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "wsgi", "--workers", str(workers),
         "--blocking-threads", str(threads), "--host", "127.0.0.1", "--port", str(port), "--no-log",
         "onevisit.wsgi:application"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(f"granian did not start: {server.stderr.read().decode()[-2000:]}")
        time.sleep(0.3)


def _backend_title(database: str) -> re.Pattern:
    """A PostgreSQL backend's process title: ``postgres: [cluster: ]user database client ...``
    (Debian's clusters put ``15/main:`` in it), for ``database`` or one of its registries'."""
    return re.compile(rf"^postgres: (?:\S+: )?\S+ {re.escape(database)}(?:_registry_\w+)? ")


# PostgreSQL's own background work (WAL written and flushed, checkpoints, autovacuum): shared by
# every database on the server, so reported apart from the per-call CPU.
_BACKGROUND_TITLE = re.compile(r"^postgres: (?:\S+: )?(?:walwriter|checkpointer|background writer|autovacuum)")


def _cpu_meter(server_pid: int, database: str) -> CpuMeter:
    """CPU of the server (granian and its workers), of the PostgreSQL backends serving this
    database and its registries, of PostgreSQL's background processes, and of wrk."""
    backend = _backend_title(database)
    return CpuMeter({
        "server": lambda pid, parent, cmdline: server_pid in (pid, parent),
        "postgres": lambda pid, parent, cmdline: bool(backend.match(cmdline)),
        "pg_background": lambda pid, parent, cmdline: bool(_BACKGROUND_TITLE.match(cmdline)),
        "wrk": lambda pid, parent, cmdline: cmdline.startswith("wrk "),
    }, interval=0.5)


def _wrk(ctx, port: int, path: str, clients: int, seconds: int, state: dict) -> dict:
    env = dict(os.environ, BENCH_SUBJECTS=str(ctx.scratch / "subjects.txt"), BENCH_TOKEN=state["token"],
               BENCH_PATH=path, BENCH_BODY=BODY)
    threads = min(clients, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(ctx.root / "bench" / "support" / "fetch.lua"), f"http://127.0.0.1:{port}"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("{"))
    raw = json.loads(line)
    errors = sum(v for k, v in raw.items() if k.startswith("errors_"))
    return {
        "clients": clients,
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": raw["p50_us"] / 1000, "p90_ms": raw["p90_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": errors,
    }


def _psql(url: str, query: str) -> str:
    return subprocess.run(["psql", url, "-Atc", query], check=True, capture_output=True, text=True).stdout.strip()


def _pgbench(url: str, seconds: int) -> list[dict]:
    base = url.rsplit("/", 1)[0]
    subprocess.run(["psql", f"{base}/postgres", "-qc", "DROP DATABASE IF EXISTS onevisit_pgbench"], check=True,
                   capture_output=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", "CREATE DATABASE onevisit_pgbench"], check=True,
                   capture_output=True)
    pg_url = f"{base}/onevisit_pgbench"
    subprocess.run(["pgbench", "-i", "-q", "-s", "10", pg_url], check=True, capture_output=True)  # 1,000,000 rows
    runs = []
    for clients in CLIENTS:
        out = subprocess.run(["pgbench", "-S", "-n", "-c", str(clients), "-j", str(min(clients, 2)), "-T", str(seconds),
                              pg_url], check=True, capture_output=True, text=True).stdout
        tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
        latency = float(re.search(r"latency average = ([\d.]+) ms", out).group(1))
        runs.append({"clients": clients, "transactions_per_s": round(tps, 1), "latency_avg_ms": latency})
    subprocess.run(["psql", f"{base}/postgres", "-qc", "DROP DATABASE onevisit_pgbench"], check=True,
                   capture_output=True)
    return runs


# Where a profiled function's own time is counted.
BUCKETS = [
    ("database round trips (psycopg)", ("psycopg",)),
    ("exchange lane (HTTP in, JSON out)", ("onevisit/exchange/lane", "pydantic")),
    ("threads: locks and hand-offs (group commit)", ("threading.py", "{method 'acquire'")),
    ("hand-written SQL helpers (core/sql.py)", ("onevisit/core/sql.py",)),
    ("Django ORM", ("django/db/",)),
    ("Django request/response and middleware", ("django/", "whitenoise", "axes", "asgiref")),
    ("django-ninja", ("ninja",)),
    ("gateway: checks, masking, evidence, hashing", ("onevisit/exchange", "hashlib", "hmac", "json")),
    ("auth and identifiers", ("onevisit/accounts", "onevisit/api", "onevisit/core", "stdnum")),
]


def _profile(ctx, env: dict, state: dict, calls: int) -> dict:
    """Profile governed calls through the WSGI application in a child process (no HTTP server)."""
    script = ctx.scratch / "profile_calls.py"
    script.write_text(PROFILE_SCRIPT)
    out = ctx.scratch / "profile.pstats"
    subprocess.run([sys.executable, str(script), str(out), str(calls)], env=dict(env, BENCH_TOKEN=state["token"],
                   BENCH_SUBJECTS=str(ctx.scratch / "subjects.txt")), check=True)
    stats = pstats.Stats(str(out))
    total = 0.0
    buckets: dict[str, float] = defaultdict(float)
    top = []
    for (filename, line, func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        total += tottime
        where = f"{filename}:{func}"
        bucket = next((name for name, needles in BUCKETS if any(n in where for n in needles)), "other (stdlib, Python)")
        buckets[bucket] += tottime
        top.append((tottime, f"{Path(filename).name}:{line}({func})"))
    top.sort(reverse=True)
    cpu = json.loads((ctx.scratch / "profile.json").read_text())
    return {
        "calls": calls,
        "unprofiled_wall_ms_per_call": cpu["wall_ms"],
        "unprofiled_cpu_ms_per_call": cpu["cpu_ms"],
        "bare_unprofiled_cpu_ms_per_call": cpu["bare_cpu_ms"],
        "profile_clock": "this process's CPU time (time spent waiting for PostgreSQL is not in the shares)",
        "share_of_profiled_time": {k: round(v / total, 3) for k, v in sorted(buckets.items(), key=lambda kv: -kv[1])},
        "top_functions_own_ms_per_call": [{"function": name, "ms": round(t / calls * 1000, 3)} for t, name in top[:15]],
    }


PROFILE_SCRIPT = r'''
import cProfile, io, json, os, sys, time
import django
django.setup()
from onevisit.wsgi import application as app  # the exchange lane in front of Django, as served
token = os.environ["BENCH_TOKEN"]
subjects = open(os.environ["BENCH_SUBJECTS"]).read().split()
out, calls = sys.argv[1], int(sys.argv[2])
FIELDS = ["id_number", "name", "sex", "birth_date", "status"]

def call(i, path="/api/v1/exchange/fetch"):
    body = json.dumps({"item": "population.person", "purpose": "DEMO-M01", "subject": subjects[i % len(subjects)],
                       "reference": f"PROFILE-{i}", "fields": FIELDS}).encode()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": path, "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http",
               "CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body),
               "HTTP_AUTHORIZATION": "Bearer " + token, "wsgi.errors": sys.stderr}
    status = []
    b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    assert status[0].startswith("200"), status

for i in range(100):
    call(i)
    call(i, "/bench/bare/fetch")
wall, cpu = time.perf_counter(), time.process_time()
for i in range(calls):
    call(i)
timing = {"wall_ms": round((time.perf_counter() - wall) / calls * 1000, 3),
          "cpu_ms": round((time.process_time() - cpu) / calls * 1000, 3)}
cpu = time.process_time()
for i in range(calls):
    call(i, "/bench/bare/fetch")
timing["bare_cpu_ms"] = round((time.process_time() - cpu) / calls * 1000, 3)
json.dump(timing, open(os.path.join(os.path.dirname(out), "profile.json"), "w"))
profiler = cProfile.Profile(time.process_time)  # where the CPU goes (waits for PostgreSQL excluded)
profiler.enable()
for i in range(calls):
    call(i)
profiler.disable()
profiler.dump_stats(out)
'''


def run(ctx) -> dict:
    for tool in ("wrk", "pgbench", "psql"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed (make bench installs wrk; pgbench and psql come with "
                               "postgresql-client)")
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise RuntimeError("the exchange benchmark runs on PostgreSQL: set BENCH_DATABASE_URL")
    people = int(os.environ.get("BENCH_PEOPLE", "1000000"))
    workers = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
    threads = int(os.environ.get("BENCH_WEB_THREADS", "8"))
    seconds = int(os.environ.get("BENCH_DURATION", "5" if ctx.quick else "15"))
    env = _env(ctx, url)
    state = _setup(ctx, env, people)
    (ctx.scratch / "subjects.txt").write_text("\n".join(state["subjects"]) + "\n")
    log_rows = "SELECT count(*) FROM exchange_accesslog WHERE reference LIKE 'BENCH-%'"

    port = int(os.environ.get("BENCH_PORT", 18000 + os.getpid() % 1000))
    server = _start_server(ctx, env, port, workers, threads)
    database = url.rsplit("/", 1)[1]
    runs: dict[str, list[dict]] = {"governed": [], "bare": []}
    logged = {}
    try:
        for path in ENDPOINTS.values():  # warm every worker: imports, connections, caches
            _wrk(ctx, port, path, 16, 3, state)
        for clients in CLIENTS:
            for name, path in ENDPOINTS.items():
                before = int(_psql(url, log_rows)) if name == "governed" else 0
                load_before = os.getloadavg()[0]
                with _cpu_meter(server.pid, database) as meter:
                    result = _wrk(ctx, port, path, clients, seconds, state)
                calls = max(1, result["requests"])
                cpu = meter.seconds
                result["cpu_ms_per_call"] = round((cpu["server"] + cpu["postgres"]) / calls * 1000, 3)
                result["cpu_ms_per_call_parts"] = {part: round(value / calls * 1000, 3) for part, value in cpu.items()}
                result["load_average_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
                if name == "governed":
                    time.sleep(0.5)  # the last responses wrk did not wait for
                    result["access_log_rows_written"] = int(_psql(url, log_rows)) - before
                    logged[clients] = result["access_log_rows_written"] >= result["requests"]
                runs[name].append(result)
                ctx.log(f"   {name:8s} {clients:3d} clients: {result['requests_per_s']:8.1f}/s  "
                        f"p50 {result['p50_ms']:.2f} ms  p99 {result['p99_ms']:.2f} ms  errors {result['errors']}  "
                        f"cpu {result['cpu_ms_per_call']:.2f} ms/call  load {result['load_average_1m']}")
    finally:
        server.terminate()
        server.wait(timeout=30)

    pgbench = _pgbench(url, seconds)
    profile = _profile(ctx, env, state, 300 if ctx.quick else 1000)
    at16 = {name: next(r for r in results if r["clients"] == 16) for name, results in runs.items()}
    ratio = at16["governed"]["requests_per_s"] / at16["bare"]["requests_per_s"]
    pg_version = _psql(url, "SHOW server_version")
    return {
        "population": state["people"],
        "server": (f"granian (WSGI) {workers} worker processes x {threads} threads; gateway calls answered by the "
                   "exchange lane (onevisit.exchange.lane) in front of Django"),
        "database": f"PostgreSQL {pg_version}",
        "provider_transport": ("in-process (the demo default), in the calling thread, bounded by the registry "
                               "connection's statement_timeout"),
        "load_generator": "wrk, random subject per request from 5,000 drawn across the registry",
        "cpu_per_call": ("CPU seconds of the server processes and of this database's PostgreSQL backends during "
                         "a run, over its requests, sampled every 0.5 s so that a backend closed at CONN_MAX_AGE "
                         "keeps its share; cpu_ms_per_call_parts adds PostgreSQL's background processes (WAL "
                         "writer, checkpointer, autovacuum; every database's) and wrk"),
        "load_average_1m": "the machine's 1-minute load average before and after each run",
        "duration_s_per_run": seconds,
        **({"seed_s": ctx.extra["seed_s"]} if "seed_s" in ctx.extra else {}),
        "governed": runs["governed"],
        "bare": runs["bare"],
        "pgbench_select_only": pgbench,
        "every_governed_call_logged": all(logged.values()),
        "targets_at_16_clients": {
            "governed_calls_per_s": at16["governed"]["requests_per_s"], "target_calls_per_s": 2000,
            "governed_p99_ms": at16["governed"]["p99_ms"], "target_p99_ms": 30,
            "governed_over_bare": round(ratio, 3), "target_ratio": 0.7,
            "met": at16["governed"]["requests_per_s"] >= 2000 and at16["governed"]["p99_ms"] < 30 and ratio >= 0.7,
        },
        "profile_governed_in_process": profile,
    }
