"""Starting (person or enterprise agent), the form validated per field, uploads checked by
content and size, commitments signed with the applicant's name."""

import pytest

from onevisit.accounts import services as account_services
from onevisit.applications import errors, selectors, services
from onevisit.applications.models import Application, Channel
from onevisit.core.errors import ValidationFailed

from .conftest import APPS_DATABASES, DEMO_USCC, WANG

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

PDF = b"%PDF-1.7\n% test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_citizen_applies_for_a_person_matter_with_a_reference(apps_wang):
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01", channel=Channel.MOBILE)

    assert application.reference.startswith("APP-") and len(application.reference) == 19
    assert (application.status, application.channel, application.enterprise) == ("draft", "mobile", None)


def test_an_enterprise_matter_needs_an_enterprise_the_user_holds_a_mandate_for(apps_wang, apps_li, apps_enterprise):
    with pytest.raises(errors.ApplicantTypeMismatch):
        services.application_start(applicant=apps_li, matter_code="DEMO-M23")
    with pytest.raises(errors.NoMandate):
        services.application_start(applicant=apps_wang, matter_code="DEMO-M23", enterprise_uscc=DEMO_USCC)

    as_agent = services.application_start(applicant=apps_li, matter_code="DEMO-M23", enterprise_uscc=DEMO_USCC)

    assert as_agent.enterprise == apps_enterprise


def test_an_agent_with_a_mandate_applies_and_the_enterprise_data_is_prefilled_by_uscc(apps_wang, apps_li,
                                                                                   apps_enterprise):
    account_services.mandate_grant_agent(enterprise=apps_enterprise, granted_by=apps_li, agent_id_number=WANG)
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M23", enterprise_uscc=DEMO_USCC)

    evidence = {e.requirement_key: e for e in services.application_prefill(application=application)}

    registration = evidence["enterprise.registration"]
    assert registration.status == "fetched", registration.last_error_code
    assert registration.subject == DEMO_USCC
    assert registration.data[0]["data"]["name"]


def test_a_person_cannot_apply_for_an_enterprise_matter_for_a_person_bundle(apps_li, apps_enterprise):
    with pytest.raises(errors.ApplicantTypeMismatch):
        services.application_start(applicant=apps_li, bundle_code="DEMO-B02", enterprise_uscc=DEMO_USCC)
    with pytest.raises(ValidationFailed):
        services.application_start(applicant=apps_li, bundle_code="DEMO-B02", matter_code="DEMO-M01")


def test_staff_cannot_apply(apps_world):
    from onevisit.accounts.models import User

    officer = User.objects.get(username="hz.psb.officer")
    with pytest.raises(errors.NotACitizen):
        services.application_start(applicant=officer, matter_code="DEMO-M01")


def test_the_form_is_validated_per_field_and_nothing_is_saved_when_a_field_is_wrong(apps_wang):
    application = services.application_start(applicant=apps_wang, matter_code="DEMO-M01")
    schema = services.form_schema(keys=["baby_name", "follow_parent"])
    assert schema["properties"]["follow_parent"]["enum"] == ["随父", "随母"]

    with pytest.raises(ValidationFailed) as error:
        services.application_save_form(application=application, version=application.version, data={
            "baby_name": "王小宝", "follow_parent": "随舅", "applicant_phone": "12345", "shoe_size": 42})

    assert {d["field"] for d in error.value.details} == {"follow_parent", "applicant_phone", "shoe_size"}
    assert Application.objects.get(pk=application.pk).form_data == {}

    saved = services.application_save_form(application=application, version=1, data={"baby_name": "王小宝"})
    saved = services.application_save_form(application=saved, version=2, data={"follow_parent": "随父"})
    assert saved.form_data == {"baby_name": "王小宝", "follow_parent": "随父"}
    with pytest.raises(errors.StaleVersion) as stale:
        services.application_save_form(application=saved, version=2, data={"baby_name": "王大宝"})
    assert stale.value.status == 409


def test_uploads_are_checked_by_content_and_size(apps_world, apps_li, settings):
    application = services.application_start(applicant=apps_li, bundle_code="DEMO-B01")

    with pytest.raises(ValidationFailed) as wrong_type:  # a PNG named .pdf, where only PDF is accepted
        services.application_upload(application=application, requirement_key="自定义公司章程", content=PNG,
                                    original_name="articles.pdf")
    assert wrong_type.value.details[0]["code"] == "file_type"
    with pytest.raises(ValidationFailed) as too_big:
        services.application_upload(application=application, requirement_key="自定义公司章程",
                                    content=PDF + b"0" * (10 * 1024 * 1024), original_name="articles.pdf")
    assert too_big.value.details[0]["code"] == "file_size"
    with pytest.raises(ValidationFailed):
        services.application_upload(application=application, requirement_key="no such material", content=PDF,
                                    original_name="x.pdf")

    upload = services.application_upload(application=application, requirement_key="自定义公司章程", content=PDF,
                                         original_name="articles.pdf")

    assert (upload.content_type, upload.size) == ("application/pdf", len(PDF))
    assert upload.file.read() == PDF
    assert str(settings.MEDIA_ROOT) in upload.file.path
    assert upload.file.name == f"applications/{application.reference}/{upload.sha256[:16]}.pdf"


def test_a_commitment_is_signed_with_the_applicants_name_where_allowed(apps_li):
    application = services.application_start(applicant=apps_li, bundle_code="DEMO-B01")

    with pytest.raises(ValidationFailed) as wrong_name:
        services.application_commit(application=application, requirement_key="address_pledge", signed_name="王小明")
    assert wrong_name.value.details[0]["field"] == "signed_name"
    with pytest.raises(ValidationFailed):
        services.application_commit(application=application, requirement_key="company_name", signed_name="李华")

    commitment = services.application_commit(application=application, requirement_key="address_pledge",
                                             signed_name="李华")

    assert commitment.text.startswith("本人承诺") and commitment.text.endswith("如有不实，愿意承担相应法律责任。")
    assert "住所信息申报承诺" in commitment.text or "address_pledge" not in commitment.text
    assert commitment.signed_at is not None
    states = {s.requirement.key: s.how for s in selectors.application_state(application=application)}
    assert states["address_pledge"] == "committed"
