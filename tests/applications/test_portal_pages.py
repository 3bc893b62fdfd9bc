"""The portal's apply pages (Django test client): who may see what, what is asked, what errors say."""

import pytest
from django.urls import reverse

from onevisit.applications import services
from onevisit.applications.models import Application, ApplicationStatus

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


@pytest.fixture
def wang_client(client, apps_wang):
    client.force_login(apps_wang)
    return client


def _start(client, code="DEMO-B02"):
    response = client.post(reverse("portal:application_start", args=["bundle", code]))
    application = Application.objects.latest("id")
    return response, application


def test_the_guide_offers_login_then_apply(client, apps_wang):
    page = client.get(reverse("portal:bundle_guide", args=["DEMO-B02"])).content.decode()
    assert "登录后申请" in page

    client.force_login(apps_wang)
    page = client.get(reverse("portal:bundle_guide", args=["DEMO-B02"])).content.decode()
    assert 'data-testid="apply-start"' in page


def test_starting_prefills_and_shows_the_evidence_with_labels_and_sources(wang_client):
    response, application = _start(wang_client)

    assert response.status_code == 302 and response.url.endswith("/evidence/")
    page = wang_client.get(response.url).content.decode()
    assert "户籍信息" in page and "浙江省公安厅" in page
    assert "公民身份号码" in page and "330106********1236" in page  # labelled and masked
    assert "330106199003071236" not in page


def test_someone_elses_application_is_not_found(wang_client, apps_li):
    _, application = _start(wang_client)
    wang_client.logout()
    wang_client.force_login(apps_li)
    for name in ("application_evidence", "application_form", "application_review", "application_detail"):
        assert wang_client.get(reverse(f"portal:{name}", args=[application.reference])).status_code == 404


def test_a_wrong_value_is_named_on_the_form_and_nothing_is_saved(wang_client):
    _, application = _start(wang_client)
    url = reverse("portal:application_form", args=[application.reference])

    response = wang_client.post(url, {"version": application.version, "baby_name": "王小宝",
                                      "applicant_phone": "12345", "bank_account": "abc"})

    assert response.status_code == 422
    page = response.content.decode()
    assert page.count('data-testid="field-error"') == 2
    assert "格式不正确，请检查后重新填写" in page  # a sentence, not the JSON-Schema rule's name
    application.refresh_from_db()
    assert "baby_name" not in application.form_data


def test_a_person_cannot_apply_for_an_enterprise_bundle_without_a_mandate(wang_client):
    response = wang_client.post(reverse("portal:application_start", args=["bundle", "DEMO-B04"]), follow=True)

    assert not Application.objects.exists()
    assert "企业" in response.content.decode()


def test_the_review_refuses_to_submit_an_incomplete_application(wang_client):
    _, application = _start(wang_client)

    response = wang_client.post(reverse("portal:application_review", args=[application.reference]),
                                {"idempotency_key": "k1"}, follow=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    assert 'data-testid="review-missing"' in response.content.decode()


def test_my_applications_lists_only_mine(wang_client, apps_li):
    _, mine = _start(wang_client)
    theirs = services.application_start(applicant=apps_li, bundle_code="DEMO-B01")

    page = wang_client.get(reverse("portal:applications")).content.decode()

    assert mine.reference in page and theirs.reference not in page


def test_pages_need_a_citizen_login(client, apps_wang):
    response = client.get(reverse("portal:applications"))
    assert response.status_code == 302 and "/login/" in response.url
    assert client.post(reverse("portal:application_start", args=["bundle", "DEMO-B02"])).status_code == 302
    assert not Application.objects.exists()


def test_a_submitted_application_shows_its_matters_and_material_counts(wang_client, apps_wang):
    from .test_newborn_and_startup import NEWBORN_FORM

    _, application = _start(wang_client)
    application = services.application_confirm_evidence(application=application)
    application = services.application_save_form(application=application, data=NEWBORN_FORM,
                                                 version=application.version)
    services.application_submit(application=application, idempotency_key="k-detail")

    page = wang_client.get(reverse("portal:application_detail", args=[application.reference])).content.decode()

    summary = page[page.index('data-testid="material-summary"'):]
    counts = application.__class__.objects.get(pk=application.pk).material_summary["counts"]
    assert f"<dd>{counts['fetched']}</dd>" in summary and counts["fetched"] == 5
    assert "出生登记" in page
