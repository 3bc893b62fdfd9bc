"""Settings shared by every environment. Everything deploy-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from onevisit.registries import REGISTRY_CODES

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# var/ holds the SQLite database, uploaded files and collected static files of a checkout.
VAR_DIR = Path(os.environ.get("ONEVISIT_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "onevisit.core",
    "onevisit.accounts",
    "onevisit.notifications",
    "onevisit.jobs",
    "onevisit.exchange",
    "onevisit.catalogue",
    "onevisit.applications",
    "onevisit.cases",
    "onevisit.certificates",
    "onevisit.api",
    "onevisit.portal",
    "onevisit.workbench",
    "onevisit.documents",
    # Reference department registries: each app lives in its own database (see DATABASES below).
    "onevisit.registries",
    *[f"onevisit.registries.{code}" for code in REGISTRY_CODES],
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "onevisit.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Flash messages live in the session: nothing personal in a cookie, and no cookie signer built
# for every request (the cookie backend's constructor does that even when there is no message).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

ROOT_URLCONF = "onevisit.urls"
WSGI_APPLICATION = "onevisit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onevisit.core.context_processors.platform",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path, env: str = "DATABASE_URL") -> dict:
    url = os.environ.get(env) or f"sqlite:///{default_sqlite}"
    config = dj_database_url.parse(url, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers and one writer work at once; IMMEDIATE avoids "database is locked"
        # when a read transaction later tries to write.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
            "transaction_mode": "IMMEDIATE",
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["connect_timeout"] = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
        # Lets core/sql.py prepare the gateway's hot statements. The ORM's client-side cursors
        # never prepare, whatever this says. (Behind PgBouncer in transaction mode, use
        # PgBouncer >= 1.21 with max_prepared_statements set.)
        config["OPTIONS"]["prepare_threshold"] = 5
    return config


DATABASES = {"default": database_from_env(VAR_DIR / "onevisit.sqlite3")}


def registry_databases(default: dict) -> dict:
    """One database per registry, alias ``registry_<code>``: a separate SQLite file in var/, or a
    separate database ``<default NAME>_registry_<code>`` on the default PostgreSQL server;
    ``REGISTRY_<CODE>_DATABASE_URL`` points one registry elsewhere."""
    databases = {}
    for code in REGISTRY_CODES:
        alias, env = f"registry_{code}", f"REGISTRY_{code.upper()}_DATABASE_URL"
        if os.environ.get(env):
            databases[alias] = database_from_env(VAR_DIR / f"{alias}.sqlite3", env=env)
        elif default["ENGINE"] == "django.db.backends.sqlite3":
            databases[alias] = {**default, "NAME": VAR_DIR / f"{alias}.sqlite3", "OPTIONS": dict(default["OPTIONS"]),
                                "TEST": {}}
        else:
            databases[alias] = {**default, "NAME": f"{default['NAME']}_{alias}",
                                "OPTIONS": dict(default.get("OPTIONS", {})), "TEST": {}}
    return databases


DATABASES.update(registry_databases(DATABASES["default"]))
DATABASE_ROUTERS = ["onevisit.registries.router.RegistryRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "onevisit.accounts.backends.CitizenBackend",
    "onevisit.accounts.backends.StaffBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"

# Where the client's address is read for budgets on anonymous endpoints (core/throttle.py): behind
# a proxy, the META key of a header that proxy sets itself, e.g. HTTP_X_REAL_IP.
ONEVISIT_CLIENT_ADDRESS_HEADER = os.environ.get("ONEVISIT_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")

# Lockout after repeated failures (django-axes): per account name, so an attacker rotating
# addresses cannot keep guessing one citizen's password.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "onevisit.accounts.lockout.locked_out_response"
AXES_VERBOSE = False
# Lockout is per account name on purpose (see above); per-address throttling belongs to the
# reverse proxy, where a whole office behind one NAT address is not locked out by one typo-prone clerk.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One INFO line per state change of every workflow task.
        "spiff": {"level": "WARNING"},
        # One INFO line per rendering step of every PDF.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# --- OneVisit ---------------------------------------------------------------------------------
# Demo mode shows delivered one-time codes on the verification page, so that someone trying the
# demo without a phone can log in. Never on in production settings.
ONEVISIT_DEMO_MODE = env_bool("ONEVISIT_DEMO_MODE", False)
ONEVISIT_PLATFORM_NAME = _("浙里办 · 最多跑一次")
# Where verifiers reach this platform: the issuer URL (``iss``) and status list URL written into
# every e-certificate start with it, so it must be the public address, not the bind address.
ONEVISIT_PUBLIC_URL = os.environ.get("ONEVISIT_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# Where citizen one-time login codes are delivered: "console" (the server log), "inapp", "sms"
# or "email" (see docs/notifications.md).
ONEVISIT_OTP_CHANNEL = os.environ.get("ONEVISIT_OTP_CHANNEL", "console")
ONEVISIT_OTP_TTL_SECONDS = 300
ONEVISIT_OTP_MAX_ATTEMPTS = 5
ONEVISIT_OTP_RESEND_SECONDS = 60
ONEVISIT_OTP_MAX_PER_HOUR = 10

# Background work. "database": durable queue in our own tables, worked by `onevisit worker`.
# "celery": the same job rows, dispatched to Celery workers over CELERY_BROKER_URL.
ONEVISIT_TASK_BACKEND = os.environ.get("ONEVISIT_TASK_BACKEND", "database")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")

# Data providers the exchange calls (docs/providers.md): code -> {"transport": "inprocess" | "http",
# "base_url", "client_id", "client_secret_env", "timeout"}. Installed registries not listed are
# called in-process; ONEVISIT_PROVIDER_<CODE>_URL in the environment switches one to HTTP.
ONEVISIT_PROVIDERS: dict = {}
ONEVISIT_PROVIDER_TIMEOUT = float(os.environ.get("ONEVISIT_PROVIDER_TIMEOUT_SECONDS", "3"))
# Clients of the registries' own HTTP APIs (/registries/<code>/v1/): client id -> SHA-256 hex of
# its secret, from "id=hex,id=hex". Empty refuses every call; dev settings add the demo client.
ONEVISIT_REGISTRY_CLIENTS = dict(p.split("=", 1) for p in env_list("ONEVISIT_REGISTRY_CLIENTS") if "=" in p)
# Working days a source department has to check a reported data error (数据纠错).
ONEVISIT_DATA_ERROR_DAYS = int(os.environ.get("ONEVISIT_DATA_ERROR_DAYS", "5"))

# Notifications (docs/notifications.md). Channel -> provider class (dotted path); a provider has
# one method, send(message) -> provider message id. The in-app channel needs none.
ONEVISIT_NOTIFICATION_PROVIDERS = {
    "console": "onevisit.notifications.providers.console.ConsoleProvider",
    "email": os.environ.get("ONEVISIT_EMAIL_PROVIDER", "onevisit.notifications.providers.email.SmtpEmailProvider"),
    "sms": os.environ.get("ONEVISIT_SMS_PROVIDER", "onevisit.notifications.providers.sms.LogSmsProvider"),
}
# Tries per notification before it is marked failed, and the first retry delay (doubling, with jitter).
ONEVISIT_NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("ONEVISIT_NOTIFICATION_MAX_ATTEMPTS", "5"))
ONEVISIT_NOTIFICATION_BACKOFF_SECONDS = float(os.environ.get("ONEVISIT_NOTIFICATION_BACKOFF_SECONDS", "30"))
# Channels also sent right after commit in the process that stored them (the rest wait for a worker).
ONEVISIT_NOTIFICATION_IMMEDIATE_CHANNELS = env_list("ONEVISIT_NOTIFICATION_IMMEDIATE_CHANNELS", "console")

# Email over SMTP (Django's SMTP backend), all from the environment.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465
EMAIL_TIMEOUT = float(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "OneVisit <noreply@onevisit.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
