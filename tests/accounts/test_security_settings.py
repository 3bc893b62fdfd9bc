"""Deployment settings: Argon2 for passwords, and Django's deployment checklist passes."""

import importlib.util
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

import onevisit.conf.base as base_settings

REPO = Path(__file__).resolve().parents[2]
PRODUCTION_FILE = Path(base_settings.__file__).with_name("production.py")


def production_env() -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "onevisit.conf.production",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "ALLOWED_HOSTS": "gov.example.cn",
    })
    return env


def load_production_settings(monkeypatch, **environ):
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    spec = importlib.util.spec_from_file_location("onevisit.conf.production", PRODUCTION_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_base_settings_hash_passwords_with_argon2_first():
    assert base_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_settings_hash_passwords_with_argon2_first(monkeypatch):
    production = load_production_settings(monkeypatch, SECRET_KEY="k" * 60, ALLOWED_HOSTS="gov.example.cn")

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert production.DEBUG is False
    assert production.ONEVISIT_DEMO_MODE is False


def test_production_refuses_to_start_without_a_long_secret_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        load_production_settings(monkeypatch, SECRET_KEY="short", ALLOWED_HOSTS="gov.example.cn")


def test_production_refuses_to_start_without_allowed_hosts(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        load_production_settings(monkeypatch, SECRET_KEY="k" * 60, ALLOWED_HOSTS="")


def test_the_deployment_checklist_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "-m", "onevisit", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=production_env(), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_password_stored_under_production_settings_is_an_argon2_hash():
    script = "import django; django.setup(); from django.contrib.auth.hashers import make_password; " \
             "print(make_password('Correct-Horse-9').split('$')[0])"
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=production_env(),
                            capture_output=True, text=True, timeout=120)

    assert result.stdout.strip() == "argon2", result.stderr
