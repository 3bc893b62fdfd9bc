"""Settings for `make demo` and local development: SQLite under var/, demo conveniences on."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "onevisit-demo-only-not-secret-" + "x" * 20
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
ONEVISIT_DEMO_MODE = env_bool("ONEVISIT_DEMO_MODE", True)
