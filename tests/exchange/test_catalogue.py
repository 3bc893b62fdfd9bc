"""The data catalogue (资源目录): items and fields from the providers, terms from catalogue.json."""

from onevisit.exchange import selectors, services
from onevisit.exchange.catalogue import catalogue_terms
from onevisit.exchange.models import DataField, DataItem, SharingClass


def test_sync_catalogues_every_item_the_providers_publish_with_its_owner_department(exchange_catalogue):
    hukou = DataItem.objects.get(code="population.hukou")

    assert "population.hukou" in exchange_catalogue.created
    assert hukou.owner_department.code == "330000-PSB"
    assert DataItem.objects.get(code="marriage.status").owner_department.code == "330000-CA"
    assert DataItem.objects.get(code="enterprise.registration").owner_department.code == "330000-AMR"
    assert hukou.registry == "population"
    assert hukou.subject_type == "person"
    assert hukou.update_frequency == "realtime"


def test_fields_keep_the_providers_types_sensitivity_and_order(exchange_catalogue):
    fields = list(DataField.objects.filter(item__code="population.hukou").order_by("position"))

    assert [f.name for f in fields] == ["household_number", "head_name", "relation", "address", "police_station"]
    assert {f.name: f.sensitivity for f in fields}["head_name"] == "sensitive_personal"
    assert {f.name: f.sensitivity for f in fields}["police_station"] == "public"
    assert {f.name: f.label for f in fields}["household_number"] == "户号"


def test_sharing_class_and_legal_basis_come_from_the_versioned_terms(exchange_catalogue):
    terms = catalogue_terms()
    registration = DataItem.objects.get(code="enterprise.registration")

    assert DataItem.objects.get(code="population.hukou").sharing_class == SharingClass.CONDITIONAL
    assert registration.sharing_class == SharingClass.UNCONDITIONAL
    assert DataItem.objects.get(code="health.vaccination").sharing_class == SharingClass.NOT_SHARED
    assert "《浙江省公共数据条例》" in registration.legal_basis
    assert registration.catalogue_version == terms["version"]


def test_a_field_can_be_more_restricted_than_its_item(exchange_catalogue):
    item = DataItem.objects.get(code="population.person")
    ethnicity = item.fields.get(name="ethnicity")

    assert item.sharing_class == SharingClass.CONDITIONAL
    assert ethnicity.effective_sharing_class(item) == SharingClass.NOT_SHARED
    assert item.fields.get(name="sex").effective_sharing_class(item) == SharingClass.CONDITIONAL


def test_an_item_the_terms_do_not_name_gets_the_default_terms(exchange_registries, exchange_departments):
    terms = {"version": "test", "defaults": {"sharing_class": "conditional", "legal_basis": "默认依据"}, "items": {}}

    services.catalogue_sync_from_providers(terms=terms)

    registration = DataItem.objects.get(code="enterprise.registration")
    assert registration.sharing_class == SharingClass.CONDITIONAL
    assert registration.legal_basis == "默认依据"


def test_syncing_again_changes_nothing_and_keeps_the_revision(exchange_catalogue):
    revision = DataItem.objects.get(code="population.hukou").revision

    report = services.catalogue_sync_from_providers()

    assert "population.hukou" in report.unchanged
    assert not report.created and not report.updated
    assert DataItem.objects.get(code="population.hukou").revision == revision


def test_changed_terms_update_the_item_and_bump_its_revision(exchange_catalogue):
    terms = catalogue_terms()
    changed = {**terms, "items": {**terms["items"], "population.hukou": {"sharing_class": "not_shared",
                                                                          "legal_basis": "暂停共享"}}}
    before = DataItem.objects.get(code="population.hukou").revision

    report = services.catalogue_sync_from_providers(terms=changed)

    hukou = DataItem.objects.get(code="population.hukou")
    assert "population.hukou" in report.updated
    assert hukou.sharing_class == SharingClass.NOT_SHARED
    assert hukou.revision == before + 1


def test_an_item_no_provider_publishes_any_more_is_deactivated_not_deleted(exchange_catalogue, settings):
    settings.ONEVISIT_PROVIDERS = {**settings.ONEVISIT_PROVIDERS, "health": {
        "transport": "inprocess", "registry": "exchange.exchange_registries.HEALTH_WITHOUT_VACCINATION"}}

    report = services.catalogue_sync_from_providers()

    assert "health.vaccination" in report.deactivated
    assert DataItem.objects.get(code="health.vaccination").is_active is False


def test_the_catalogue_can_be_browsed_by_owner_sector_and_sharing_class(exchange_catalogue):
    psb_codes = {i.code for i in selectors.catalogue_items_list(sector="PSB")}
    unconditional = {i.code for i in selectors.catalogue_items_list(sharing_class=SharingClass.UNCONDITIONAL)}

    assert {"population.person", "population.hukou"} <= psb_codes
    assert "marriage.status" not in psb_codes
    assert "enterprise.registration" in unconditional
    assert "population.hukou" not in unconditional
