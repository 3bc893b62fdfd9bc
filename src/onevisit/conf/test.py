"""Settings for the test suite: the database comes from DATABASE_URL (SQLite if unset)."""

from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
# Argon2 is what production uses (see test_password_hashing); tests that create many users use
# a fast hasher so the suite stays quick.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ONEVISIT_DEMO_MODE = True

# Whitenoise warns on every request when STATIC_ROOT does not exist; tests serve from the finders.
STATIC_ROOT = VAR_DIR / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
