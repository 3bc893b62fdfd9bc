"""Case queues at scale, over real HTTP: 1,000,000 cases on PostgreSQL behind granian.

Measures, with wrk and token auth against the real ``/api/v1/cases``:
- queue: a page of 100 of a department's to-do queue (keyset pagination, no COUNT);
- search: a page of 100 of a department's cases whose applicant name starts with a surname;
at 1 connection (sequential) and 16 connections, each request as the officer of one of 20
departments. Then: bundle submissions per second (``cases_open`` of a six-matter bundle with
every workflow started, in-process), EXPLAIN of the queue query, and an in-process profile of
one page saying where the time goes.

Environment: BENCH_CASES_DATABASE_URL (default ``postgres://postgres@127.0.0.1:5432/onevisit_bench_cases``;
seeded on first use), BENCH_CASES (1000000), BENCH_WEB_WORKERS (4), BENCH_DURATION (seconds per
run, 10; 3 with --quick), BENCH_PORT (the server's port; a free one by default).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote


def _sibling(name: str):
    """Scenarios are loaded from their files, not as a package: reuse the exchange helpers so."""
    spec = importlib.util.spec_from_file_location(f"bench_scenario_{name}_helpers", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_exchange = _sibling("exchange")
_psql, _start_server = _exchange._psql, _exchange._start_server

NAME = "cases"
DESCRIPTION = ("case queues and search over HTTP (granian + Django) on PostgreSQL with 1M cases: a page of 100 "
               "at 1 and 16 connections; bundle submissions per second; EXPLAIN; profile")
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/onevisit_bench_cases"
CLIENTS = (1, 16)
SUPPORT = "bench/support"


def _env(ctx, url: str) -> dict:
    support = ctx.root / "bench" / "support"
    return dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench_settings",
                ONEVISIT_VAR_DIR=str(ctx.scratch), PYTHONPATH=f"{support}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")


def _ensure_database(url: str) -> None:
    base, name = url.rsplit("/", 1)
    exists = _psql(f"{base}/postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'")  # noqa: S608 - our own setting
    if not exists:
        _psql(f"{base}/postgres", f'CREATE DATABASE "{name}"')


def _setup(ctx, env: dict, url: str, total: int) -> dict:
    python = sys.executable
    _ensure_database(url)
    subprocess.run([python, "-m", "onevisit", "migrate_all", "-v0"], env=env, check=True)
    if not int(_psql(url, "SELECT count(*) FROM accounts_user WHERE kind = 'citizen'") or 0):
        ctx.log("   seeding the demo province (departments, staff, catalogue, 20,000 citizens) ...")
        subprocess.run([python, "-m", "onevisit", "seed", "--citizens", "30000", "--enterprises", "50"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
    if int(_psql(url, "SELECT count(*) FROM cases_case")) < total:
        ctx.log(f"   seeding {total:,} cases with COPY (once per database) ...")
    out = subprocess.run([python, str(ctx.root / SUPPORT / "cases_setup.py"), str(total)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _requests_file(ctx, state: dict, kind: str) -> str:
    lines = []
    for officer in state["officers"]:
        if kind == "queue":
            lines.append(f"{officer['token']} /api/v1/cases?queue=todo&limit=100")
        else:
            for surname in state["surnames"]:
                lines.append(f"{officer['token']} /api/v1/cases/search?limit=100&q={quote(surname)}")
    path = ctx.scratch / f"requests-{kind}.txt"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def _wrk(ctx, port: int, requests: str, clients: int, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(ctx.root / SUPPORT / "get.lua"), f"http://127.0.0.1:{port}"],
        env=dict(os.environ, BENCH_REQUESTS=requests), check=True, capture_output=True, text=True).stdout
    raw = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    return {"clients": clients, "requests": raw["requests"],
            "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
            "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
            "max_ms": raw["max_us"] / 1000, "errors": sum(v for k, v in raw.items() if k.startswith("errors_"))}


def _measured(url: str, server_pid: int, run) -> dict:
    """``run()``'s result with the CPU it cost per page: the server's processes and the database
    backends serving this database (a steadier number than wrk's on a shared machine), sampled
    so that a backend closed mid-run keeps its share (``bench/support/cpu_meter.py``), and the
    machine's load average beside it."""
    with _exchange._cpu_meter(server_pid, url.rsplit("/", 1)[1]) as meter:
        result = run()
    app, db, wrk = meter.seconds["server"], meter.seconds["postgres"], meter.seconds["wrk"]
    pages = max(result["requests"], 1)
    return {**result, "cpu_ms_per_page": {"server": round(app / pages * 1000, 2), "postgres": round(db / pages * 1000, 2),
                                          "total": round((app + db) / pages * 1000, 2),
                                          "wrk": round(wrk / pages * 1000, 2)},
            # What the cores could serve if nothing else ran: an estimate, not a measurement.
            "pages_per_s_if_alone_estimate": round((os.cpu_count() or 1) / ((app + db + wrk) / pages), 1) if app + db else None,
            "load_average_1_5_15": [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]}


def _child(ctx, env: dict, script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(ctx.root / SUPPORT / script), *args], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run(ctx) -> dict:
    if shutil.which("wrk") is None or shutil.which("psql") is None:
        raise RuntimeError("the cases benchmark needs wrk and psql (apt-get install wrk postgresql-client)")
    url = os.environ.get("BENCH_CASES_DATABASE_URL", DEFAULT_URL)
    total = int(os.environ.get("BENCH_CASES", "1000000"))
    workers = int(os.environ.get("BENCH_WEB_WORKERS", "4"))
    seconds = int(os.environ.get("BENCH_DURATION", "3" if ctx.quick else "10"))
    env = _env(ctx, url)
    started = time.monotonic()
    state = _setup(ctx, env, url, total)
    ctx.log(f"   {state['cases']:,} cases ready in {time.monotonic() - started:.1f} s")

    port = int(os.environ.get("BENCH_PORT", 19000 + os.getpid() % 1000))
    server = _start_server(ctx, env, port, workers, threads=1)
    runs: dict[str, list[dict]] = {"queue": [], "search": []}
    try:
        files = {kind: _requests_file(ctx, state, kind) for kind in runs}
        for requests in files.values():  # warm every worker: imports, connections, caches
            _wrk(ctx, port, requests, 16, 2)
        for clients in CLIENTS:
            for kind, requests in files.items():
                result = _measured(url, server.pid, lambda r=requests, c=clients: _wrk(ctx, port, r, c, seconds))
                runs[kind].append(result)
                ctx.log(f"   {kind:6s} {clients:3d} clients: {result['requests_per_s']:8.1f}/s  "
                        f"p50 {result['p50_ms']:.2f} ms  p95 {result['p95_ms']:.2f} ms  errors {result['errors']}  "
                        f"CPU/page {result['cpu_ms_per_page']['total']:.2f} ms  load {result['load_average_1_5_15'][0]}")
    finally:
        server.terminate()
        server.wait(timeout=30)

    inside = _child(ctx, env, "cases_inside.py", state["officers"][0]["token"], state["surnames"][0],
                    "20" if ctx.quick else "100")
    seq = {kind: next(r for r in results if r["clients"] == 1) for kind, results in runs.items()}
    at16 = {kind: next(r for r in results if r["clients"] == 16) for kind, results in runs.items()}
    return {
        "cases": state["cases"],
        "departments": len(state["officers"]),
        "open_cases_per_department_todo": sorted(o["open"] for o in state["officers"]),
        **({"seed_s": round(state["seed_s"], 1)} if state.get("seed_s") else {}),
        "server": f"granian (WSGI) {workers} worker processes x 1 thread, Django, django-ninja",
        "database": f"PostgreSQL {_psql(url, 'SHOW server_version')}",
        "page": "100 cases; keyset pagination on (committed_due, id) for the queue, (opened_at desc, id desc) for search",
        "load_generator": "wrk; each request as the officer of one of the departments (random), search by a surname",
        "duration_s_per_run": seconds,
        "queue": runs["queue"],
        "search": runs["search"],
        "targets": {
            "sequential_p50_ms": {k: v["p50_ms"] for k, v in seq.items()}, "target_sequential_p50_ms": 20,
            "pages_per_s_at_16": {k: v["requests_per_s"] for k, v in at16.items()}, "target_pages_per_s": 300,
            "p50_ms_at_16": {k: v["p50_ms"] for k, v in at16.items()}, "target_p50_ms_at_16": 60,
            "met": all(v["p50_ms"] <= 20 for v in seq.values())
            and all(v["requests_per_s"] >= 300 and v["p50_ms"] <= 60 for v in at16.values()),
        },
        **inside,
    }
