"""`onevisit bench`: run the scenarios in bench/scenarios/ and write JSON results."""

import datetime
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarise_ms(samples_s: list[float]) -> dict:
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else None,
        "max_ms": round(max(ms), 3) if ms else None,
    }


@dataclass
class BenchContext:
    root: Path
    scratch: Path
    quick: bool
    log: object
    extra: dict = field(default_factory=dict)

    percentile = staticmethod(percentile)
    summarise_ms = staticmethod(summarise_ms)


def machine_info() -> dict:
    try:
        mem_kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                          if line.startswith("MemTotal")).split()[1])
    except (OSError, StopIteration, ValueError):
        mem_kb = 0
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }


class Command(BaseCommand):
    help = "Run benchmark scenarios from bench/scenarios/ and write bench/results/<scenario>.json."

    def add_arguments(self, parser):
        parser.add_argument("scenarios", nargs="*", help="scenario names (default: all)")
        parser.add_argument("--root", default=os.environ.get("ONEVISIT_ROOT", "."), help="repository root")
        parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
        parser.add_argument("--list", action="store_true")

    def handle(self, *args, **options):
        root = Path(options["root"]).resolve()
        scenario_dir = root / "bench" / "scenarios"
        if not scenario_dir.is_dir():
            raise CommandError(f"no bench/scenarios under {root}; run from the repository root or pass --root")
        available = {p.stem: p for p in sorted(scenario_dir.glob("*.py")) if not p.stem.startswith("_")}
        if options["list"]:
            for name in available:
                self.stdout.write(name)
            return
        wanted = options["scenarios"] or list(available)
        unknown = [name for name in wanted if name not in available]
        if unknown:
            raise CommandError(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(available)}")
        results_dir = root / "bench" / "results"
        results_dir.mkdir(parents=True, exist_ok=True)
        for name in wanted:
            spec = importlib.util.spec_from_file_location(f"bench_scenario_{name}", available[name])
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            with tempfile.TemporaryDirectory(prefix=f"onevisit-bench-{name}-") as scratch:
                ctx = BenchContext(root=root, scratch=Path(scratch), quick=options["quick"], log=self.stdout.write)
                self.stdout.write(f"== {name}: {module.DESCRIPTION}")
                started = time.monotonic()
                measurements = module.run(ctx)
                elapsed = time.monotonic() - started
            result = {
                "scenario": name,
                "description": module.DESCRIPTION,
                "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "quick": options["quick"],
                # A scenario that runs on its own database (PostgreSQL) names it in its results.
                "machine": {**machine_info(), **({"database": measurements["database"]}
                                                 if "database" in measurements else {})},
                "elapsed_s": round(elapsed, 2),
                "results": measurements,
            }
            out = results_dir / f"{name}.json"
            out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(json.dumps(measurements, ensure_ascii=False, indent=2))
            self.stdout.write(self.style.SUCCESS(f"   wrote {out.relative_to(root)} ({elapsed:.1f}s)"))
