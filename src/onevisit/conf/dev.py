"""Settings for `make demo` and local development: SQLite under var/, demo conveniences on."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "onevisit-demo-only-not-secret-" + "x" * 20
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
ONEVISIT_DEMO_MODE = env_bool("ONEVISIT_DEMO_MODE", True)
# Demo client "platform" of the registries' HTTP APIs (docs/providers.md); never in production.
ONEVISIT_REGISTRY_DEMO_SECRET = "onevisit-demo-registry-secret"  # noqa: S105 - published demo value
ONEVISIT_REGISTRY_CLIENTS = ONEVISIT_REGISTRY_CLIENTS or {  # noqa: F405
    "platform": "d84aaffa87541a9122b57458b244d1b618afccd0ff603472d63e16d363f6ca96",  # sha256 of the above
}
