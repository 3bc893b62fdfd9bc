"""Settings for `bench/scenarios/exchange.py`: the demo settings plus the bare-baseline route.

Only the benchmark puts this directory on PYTHONPATH; the shipped package never serves the
ungoverned lookup below.
"""

from onevisit.conf.dev import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
DEBUG = False
ONEVISIT_DEMO_MODE = False
