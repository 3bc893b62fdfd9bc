"""Fixtures of the catalogue tests (prefix ``catalogue_``): the data catalogue the demo
registries publish, the demo seed files imported, and helpers to import a YAML text."""

import textwrap

import pytest

from onevisit.accounts.models import Department, Sector
from onevisit.catalogue import fileformat, seed, services
from onevisit.exchange import services as exchange_services
from onevisit.exchange.catalogue import REGISTRY_SECTORS


@pytest.fixture
def catalogue_data_items(regions):
    """The exchange catalogue (data items and fields) of the demo registries, with the
    province departments that own them."""
    for sector in sorted(set(REGISTRY_SECTORS.values())):
        Department.objects.get_or_create(code=f"330000-{sector}", defaults={
            "name": f"浙江省{Sector(sector).label}部门", "sector": sector, "level": "province",
            "region": regions["330000"]})
    return exchange_services.catalogue_sync_from_providers()


@pytest.fixture
def catalogue_seeded(catalogue_data_items):
    """The demo catalogue, imported from ``catalogue/data/*.yaml`` as the seed does it."""
    return services.catalogue_import_files(paths=seed.seed_files())


def yaml_document(text: str, name: str = "") -> fileformat.Document:
    import yaml

    return fileformat.Document(name=name, data=yaml.safe_load(textwrap.dedent(text)))


@pytest.fixture
def catalogue_import_yaml(catalogue_data_items):
    """Import YAML texts (one document each) together."""
    def run(*texts: str, names: tuple[str, ...] = ()):
        documents = [yaml_document(t, names[i] if i < len(names) else "") for i, t in enumerate(texts)]
        return services.catalogue_import(documents=documents)
    return run
