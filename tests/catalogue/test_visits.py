"""The minimum number of on-site visits, derived from the materials and the in-person check."""

from dataclasses import dataclass

from onevisit.catalogue.visits import bundle_visits, matter_visits


@dataclass
class M:
    code: str = "DEMO-X"
    name: str = "事项"
    in_person_check: bool = False
    in_person_reason: str = ""


@dataclass
class Mat:
    name: str
    source: str
    required: bool = True
    condition: str = ""
    waivable_by_commitment: bool = False


def test_shared_certificate_form_and_upload_materials_need_no_visit():
    materials = [Mat("户籍", "shared"), Mat("出生医学证明", "certificate"), Mat("姓名", "form"), Mat("照片", "upload")]
    assert matter_visits(M(), materials).count == 0


def test_an_original_to_present_needs_one_visit_naming_it():
    visits = matter_visits(M(), [Mat("结婚证原件", "original"), Mat("户籍", "shared")])
    assert visits.count == 1
    assert visits.reasons == ("须现场出示原件：结婚证原件",)


def test_an_in_person_check_needs_one_visit_with_its_reason():
    visits = matter_visits(M(in_person_check=True, in_person_reason="现场采集指纹"), [])
    assert (visits.count, visits.reasons) == (1, ("须本人到场：现场采集指纹",))


def test_several_reasons_still_make_one_visit():
    visits = matter_visits(M(in_person_check=True, in_person_reason="双方到场"), [Mat("原件", "original")])
    assert visits.count == 1 and len(visits.reasons) == 2


def test_optional_conditional_or_pledged_originals_do_not_raise_the_minimum():
    materials = [Mat("原证", "original", required=False), Mat("原证", "original", condition="换领时"),
                 Mat("原件", "original", waivable_by_commitment=True)]
    assert matter_visits(M(), materials).count == 0


def test_a_bundle_needs_the_most_any_component_needs_not_the_sum():
    one = M(code="A", name="甲", in_person_check=True, in_person_reason="采集指纹")
    other = M(code="B", name="乙", in_person_check=True, in_person_reason="双方到场")
    zero = M(code="C", name="丙")
    visits = bundle_visits([(one, matter_visits(one, [])), (other, matter_visits(other, [])),
                            (zero, matter_visits(zero, []))])
    assert visits.count == 1
    assert visits.reasons == ("甲：须本人到场：采集指纹", "乙：须本人到场：双方到场")


def test_a_bundle_of_zero_visit_matters_needs_no_visit():
    zero = M()
    assert bundle_visits([(zero, matter_visits(zero, []))]).count == 0
