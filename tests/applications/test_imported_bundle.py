"""Acceptance, issue 4: a bundle imported from a YAML file appears in the portal and can be applied
for with no code change."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from onevisit.applications import selectors, services
from onevisit.applications.models import Application, ApplicationStatus

from .conftest import APPS_DATABASES

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)

# A new matter (its purpose has no grant yet) bundled with a seeded one (which has).
BUNDLE = """
form_fields:
- {key: pet_name, label: 犬只名称, label_en: Dog's name, schema: {type: string, maxLength: 20}}
matters:
- code: LOCAL-DOG1
  name: 犬只登记
  name_en: Dog registration
  type: public_service
  department: UMB
  level: county
  applicant: person
  case_type: immediate
  committed_days: 0
  materials:
  - {name: 犬主身份信息, shared: population.person, fields: [name, id_number]}
  - {name: 犬只信息, form: [pet_name, applicant_phone]}
  - {name: 犬只免疫证明, upload: [pdf, jpg], required: true}
bundles:
- code: LOCAL-B1
  name: 养犬一件事
  name_en: Dog ownership
  audience: person
  lead: UMB
  description: 犬只登记和居住证明一次办理。
  components:
  - matter: LOCAL-DOG1
"""
PDF = b"%PDF-1.7\n% vaccination\n"


def test_an_imported_bundle_is_offered_and_applied_for(tmp_path, client, apps_wang):
    path = tmp_path / "dog.yaml"
    path.write_text(BUNDLE, encoding="utf-8")
    call_command("catalogue", "import", str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115

    guide = client.get(reverse("portal:bundle_guide", args=["LOCAL-B1"])).content.decode()
    assert "养犬一件事" in guide and "犬只名称" in guide

    client.force_login(apps_wang)
    client.post(reverse("portal:application_start", args=["bundle", "LOCAL-B1"]))
    application = Application.objects.get(bundle__code="LOCAL-B1")
    # No grant exists for the new purpose: the gateway refuses, and the applicant uploads instead.
    states = {s.requirement.key: s for s in selectors.application_state(application=application)}
    assert application.evidence.get(requirement_key="population.person").status == "refused"

    application = services.application_confirm_evidence(application=application)
    application = services.application_save_form(
        application=application, data={"pet_name": "旺财", "applicant_phone": "13800000001"},
        version=application.version)
    for key, state in states.items():
        if state.state == "to_do" and state.requirement.kind == "upload" or key == "population.person":
            services.application_upload(application=application, requirement_key=key, content=PDF,
                                        original_name="proof.pdf")
    response = client.post(reverse("portal:application_review", args=[application.reference]),
                           {"idempotency_key": "dog-1"})

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.status == ApplicationStatus.SUBMITTED
    assert [m.matter.code for m in application.matters.all()] == ["LOCAL-DOG1"]
