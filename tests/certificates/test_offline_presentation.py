"""`onevisit cert verify` checks a presentation with the network off, from the cache alone.

The command runs as its own process in which opening any network connection (or even a DNS
lookup) raises, and inside a fresh network namespace with no interfaces when ``unshare`` allows
it. The issuer's JWKS and status list come from the cache directory written beforehand.
"""

import json
import shutil
import subprocess
import sys

import pytest

from onevisit.certificates.offline_cache import cache_write
from onevisit.certificates.presenting import certificate_present
from onevisit.certificates.publishing import verifier_cache
from onevisit.certificates.status_changes import certificate_status_change

from .wallet_world import licence_for

pytestmark = pytest.mark.django_db

NO_NETWORK = """
import sys
def refuse(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        raise OSError("network is off in this test: " + event)
sys.addaudithook(refuse)
from onevisit.cli import main
main(["onevisit", *sys.argv[1:]])
"""


def _no_network_prefix() -> list[str]:
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-rn"]
    return []


def _verify_offline(tmp_path, presentation: str, *extra: str) -> subprocess.CompletedProcess:
    (tmp_path / "shown.txt").write_text(presentation, encoding="utf-8")
    command = [*_no_network_prefix(), sys.executable, "-c", NO_NETWORK,
               "cert", "verify", str(tmp_path / "shown.txt"), "--cache", str(tmp_path / "cache"), *extra]
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "onevisit.conf.test",
           "ONEVISIT_PUBLIC_URL": "http://192.0.2.1:9", "HOME": str(tmp_path)}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def _cache(tmp_path, department):
    jwks, lists = verifier_cache([department])
    cache_write(tmp_path / "cache", jwks=jwks, status_lists=lists)


def test_a_presentation_verifies_offline_with_its_nonce(tmp_path, citizen, department):
    licence = licence_for(citizen, department)
    shown = certificate_present(user=citizen, certificate=licence, fields=["name", "uscc"])
    _cache(tmp_path, department)
    run = _verify_offline(tmp_path, shown.presentation, f"--nonce={shown.request.nonce}", f"--aud={shown.request.aud}")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert out["code"] == "ok" and out["holder_bound"] and set(out["claims"]) == {"name", "uscc"}


def test_offline_check_refuses_a_wrong_nonce(tmp_path, citizen, department):
    licence = licence_for(citizen, department)
    shown = certificate_present(user=citizen, certificate=licence, fields=["name"])
    _cache(tmp_path, department)
    run = _verify_offline(tmp_path, shown.presentation, "--nonce", "someone-elses")
    assert run.returncode != 0 and json.loads(run.stdout)["code"] == "wrong_nonce"


def test_offline_check_sees_a_revocation_in_the_cached_status_list(tmp_path, citizen, department, officer):
    licence = licence_for(citizen, department)
    shown = certificate_present(user=citizen, certificate=licence, fields=["name"])
    certificate_status_change(certificate_id=licence.pk, action="revoked", user=officer, reason="吊销")
    _cache(tmp_path, department)
    run = _verify_offline(tmp_path, shown.presentation)
    assert run.returncode != 0 and json.loads(run.stdout)["code"] == "revoked"


def test_the_network_really_is_off_in_that_process(tmp_path):
    command = [*_no_network_prefix(), sys.executable, "-c",
               NO_NETWORK.replace("from onevisit.cli import main\nmain([\"onevisit\", *sys.argv[1:]])",
                                  "import urllib.request\nurllib.request.urlopen('http://192.0.2.1:9/', timeout=3)")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and ("network is off" in run.stderr or "unreachable" in run.stderr)
