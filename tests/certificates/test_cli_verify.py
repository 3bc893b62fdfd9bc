"""`onevisit cert verify` works offline from a cache directory."""

import json

import pytest
from django.core.management import CommandError, call_command
from jwcrypto.jwk import JWK, JWKSet
from sd_jwt.holder import SDJWTHolder

from onevisit.certificates.offline_cache import cache_write
from onevisit.certificates.sd_jwt_vc import vc_issue
from onevisit.certificates.status_list import status_list_encode

ISS = "https://onevisit.example/issuers/X"
URI = ISS + "/status/1"


def _setup(tmp_path, statuses):
    key = JWK.generate(kty="EC", crv="P-256", kid="k1")
    keyset = JWKSet()
    keyset.add(JWK.from_json(key.export_public()))
    cache_write(tmp_path / "cache", jwks={ISS: keyset.export(private_keys=False, as_dict=True)},
                status_lists={URI: status_list_encode(statuses)})
    issuance = vc_issue(key=key, kid="k1", iss=ISS, vct="urn:x", iat=1, exp=None, data={"name": "王小明", "no": "7"},
                        registered={"status": {"status_list": {"idx": 0, "uri": URI}}})
    holder = SDJWTHolder(issuance)
    holder.create_presentation({"name": True})
    (tmp_path / "p.txt").write_text(holder.sd_jwt_presentation)
    return tmp_path / "p.txt", tmp_path / "cache"


def test_verify_from_file_with_cache(tmp_path, capsys):
    file, cache = _setup(tmp_path, [0])
    call_command("cert", "verify", str(file), "--cache", str(cache))
    assert json.loads(capsys.readouterr().out)["claims"] == {"name": "王小明"}


def test_revoked_in_cache_fails(tmp_path):
    file, cache = _setup(tmp_path, [1])
    with pytest.raises(CommandError, match="revoked"):
        call_command("cert", "verify", file.read_text(), "--cache", str(cache))
