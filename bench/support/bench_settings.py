"""Settings for `bench/scenarios/exchange.py`: the demo settings plus the bare-baseline lane route.

Only the benchmark puts this directory on PYTHONPATH; the shipped package never serves the
ungoverned lookup of `bench_lane.py`.
"""

from onevisit.conf.dev import *  # noqa: F403

DEBUG = False
ONEVISIT_DEMO_MODE = False
ONEVISIT_EXCHANGE_LANE_ROUTES = "bench_lane.ROUTES"
