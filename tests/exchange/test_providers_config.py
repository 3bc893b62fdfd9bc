"""Which providers exist and how each is reached is configuration; a new transport is one
adapter class registered in the plugin registry."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from onevisit.exchange.providers import (
    ProviderAdapter,
    UnknownProvider,
    all_providers,
    get_provider,
    register_transport,
    reset_providers,
    transports,
)
from onevisit.exchange.providers.config import installed_registries, provider_configs
from onevisit.exchange.providers.http_transport import HttpProvider
from onevisit.exchange.providers.inprocess import InProcessProvider
from onevisit.registries import REGISTRY_CODES
from onevisit.registries.contract import ItemSpec, Query, QueryResult


@pytest.fixture(autouse=True)
def providers_fresh(monkeypatch):
    for name in [k for k in __import__("os").environ if k.startswith("ONEVISIT_PROVIDER_")]:
        monkeypatch.delenv(name)
    reset_providers()
    yield
    reset_providers()


def test_by_default_every_registry_is_reached_in_process():
    assert installed_registries() == sorted(REGISTRY_CODES)
    providers = all_providers()

    assert [p.code for p in providers] == sorted(REGISTRY_CODES)
    assert all(isinstance(p, InProcessProvider) for p in providers)
    assert get_provider("population").registry.code == "population"


def test_a_provider_is_built_once_and_reused():
    assert get_provider("population") is get_provider("population")


def test_an_unknown_code_is_unknown_provider():
    with pytest.raises(UnknownProvider) as caught:
        get_provider("pets")
    assert (caught.value.code, caught.value.provider) == ("unknown_provider", "pets")


def test_a_settings_entry_switches_a_registry_to_http(settings, monkeypatch):
    monkeypatch.setenv("TAX_CLIENT_SECRET", "s3cret-from-env")
    settings.ONEVISIT_PROVIDERS = {"tax": {
        "transport": "http", "base_url": "https://tax.example.gov.cn/registries/tax", "client_id": "zj-platform",
        "client_secret_env": "TAX_CLIENT_SECRET", "timeout": 2.5,
    }}

    tax = get_provider("tax")

    assert isinstance(tax, HttpProvider)
    assert (tax.base_url, tax.client_id, tax.timeout) == ("https://tax.example.gov.cn/registries/tax/", "zj-platform", 2.5)
    assert tax._client.headers["Authorization"] == "Bearer zj-platform:s3cret-from-env"
    assert isinstance(get_provider("population"), InProcessProvider)


def test_the_environment_switches_one_registry_to_http(monkeypatch):
    monkeypatch.setenv("ONEVISIT_PROVIDER_SOCIAL_INSURANCE_URL", "http://10.0.0.7:8080/registries/social_insurance/")
    monkeypatch.setenv("ONEVISIT_PROVIDER_SOCIAL_INSURANCE_SECRET", "from-env")
    monkeypatch.setenv("ONEVISIT_PROVIDER_SOCIAL_INSURANCE_TIMEOUT", "1.5")

    configs = provider_configs()
    provider = get_provider("social_insurance")

    assert configs["social_insurance"] == {
        "transport": "http", "timeout": "1.5", "base_url": "http://10.0.0.7:8080/registries/social_insurance/",
        "client_id": "platform", "client_secret_env": "ONEVISIT_PROVIDER_SOCIAL_INSURANCE_SECRET",
    }
    assert isinstance(provider, HttpProvider) and provider.timeout == 1.5
    assert provider._client.headers["Authorization"] == "Bearer platform:from-env"
    assert isinstance(get_provider("tax"), InProcessProvider)


def test_without_a_secret_outside_the_demo_an_http_provider_is_refused(settings):
    del settings.ONEVISIT_REGISTRY_DEMO_SECRET
    settings.ONEVISIT_PROVIDERS = {"tax": {"transport": "http", "base_url": "https://tax.example.gov.cn/",
                                           "client_id": "platform", "client_secret_env": "NOT_SET_ANYWHERE"}}
    with pytest.raises(ImproperlyConfigured, match="NOT_SET_ANYWHERE"):
        get_provider("tax")


@pytest.mark.parametrize("entry, problem", [
    ({"transport": "carrier-pigeon"}, "unknown transport"),
    ({"transport": "inprocess", "base_url": "http://x/"}, "does not know base_url"),
    ({"transport": "inprocess", "timeout": 0}, "positive"),
    ({"transport": "http", "base_url": "ftp://x/", "client_id": "platform"}, "http"),
])
def test_a_broken_entry_is_improperly_configured(settings, entry, problem):
    settings.ONEVISIT_PROVIDERS = {"tax": entry}
    with pytest.raises(ImproperlyConfigured, match=problem):
        get_provider("tax")


class FixedAnswerProvider(ProviderAdapter):
    """A department endpoint of a new kind: here, a fixed answer (stands for SOAP, SFTP drops ...)."""

    options = frozenset({"answer"})

    def items(self) -> tuple[ItemSpec, ...]:
        return ()

    def query(self, query: Query, *, timeout: float | None = None) -> QueryResult:
        return self.caller.call(lambda: QueryResult(records=(), retrieved_at=self.config["answer"]),
                                timeout=self.effective_timeout(timeout))


def test_a_new_external_provider_is_a_settings_entry_and_a_registered_adapter(settings):
    register_transport("fixed-answer")(FixedAnswerProvider)
    try:
        settings.ONEVISIT_PROVIDERS = {"customs": {"transport": "fixed-answer", "answer": "2026-01-01", "timeout": 1}}

        customs = get_provider("customs")

        assert isinstance(customs, FixedAnswerProvider) and customs.transport == "fixed-answer"
        assert customs.query(Query(item="customs.declarations", subject="x"), timeout=1).retrieved_at == "2026-01-01"
        assert "customs" in [p.code for p in all_providers()]
    finally:
        transports.unregister("fixed-answer")


def test_a_transport_name_cannot_be_taken_twice():
    with pytest.raises(ValueError, match="already registered"):
        register_transport("http")(FixedAnswerProvider)
