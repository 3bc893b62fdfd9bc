"""Acceptance, issue 5: a citizen submits 新生儿出生 (DEMO-B02) on a phone; officers of each
department, each in their own login, handle their cases in the workbench; the hukou case waits
for the birth certificate and resumes by itself; one supplement notice lists two missing items at
once and pauses the clock; the citizen supplies them; everything completes and the citizen sees
one combined "done"."""

import pytest
from django.core.management import call_command

from onevisit.accounts.models import User
from onevisit.applications.models import Application
from onevisit.cases.models import Case, CaseAction, CaseStatus

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]

WANG = "330106199003071236"
DEMO_PASSWORD = "Demo@2026!"
TYPED = {"新生儿姓名": "王小宝", "民族": "汉族", "联系电话": "13800000001", "居住地址": "浙江省杭州市西湖区文三路90号",
         "开户银行": "中国工商银行", "银行账号": "6222021202000000001", "邮寄地址": "浙江省杭州市西湖区文三路90号"}
CHOSEN = {"随父或随母落户": "随父", "缴费方式": "银行代扣"}
BIRTH, HUKOU = "DEMO-M37", "DEMO-M01"


@pytest.fixture
def demo_province(pages, access_log_flushable):
    call_command("seed", citizens=40, enterprises=4, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return User.objects.get(id_number=WANG)


def submit_newborn(page) -> str:
    page.goto("/life-events/DEMO-B02/")
    page.get_by_test_id("apply-start").click()
    page.wait_for_url("**/evidence/")
    page.get_by_test_id("confirm-evidence").click()
    page.wait_for_url("**/form/")
    form = page.get_by_test_id("application-form")
    for label, value in TYPED.items():
        form.get_by_label(label).fill(value)
    for label, value in CHOSEN.items():
        form.get_by_label(label).select_option(value)
    form.get_by_label("同意使用户籍照片制卡").check()
    page.get_by_test_id("save-form").click()
    page.wait_for_url("**/materials/")
    page.get_by_test_id("to-review").click()
    page.wait_for_url("**/review/")
    page.get_by_test_id("submit-application").click()
    page.wait_for_url("**/my/applications/APP-*/")
    return page.get_by_test_id("application-reference").inner_text()


def officer_page(pages, login_officer, case: Case):
    """A phone of its own for the officer of ``case``'s department, logged in, on the case."""
    officer = User.objects.get(department=case.department, username__endswith=".officer")
    page = pages.open(PHONE)
    login_officer(page, officer, password=DEMO_PASSWORD)
    page.goto(f"/workbench/cases/{case.reference}/")
    return page


def submit(page, form) -> None:
    with page.expect_navigation():
        form.get_by_role("button").last.click()


def handle(page, reference: str) -> None:
    """Claim, accept and decide (approve) the case on the page, whatever its process asks next."""
    page.goto(f"/workbench/cases/{reference}/")
    for _ in range(6):
        if page.get_by_test_id("action-claim").count():
            submit(page, page.get_by_test_id("action-claim"))
        elif page.get_by_test_id("action-accept_immediate").count():
            form = page.get_by_test_id("action-accept_immediate")
            form.get_by_label("受理并准予", exact=True).check()
            submit(page, form)
        elif page.get_by_test_id("action-accept").count():
            submit(page, page.get_by_test_id("action-accept"))
        elif page.get_by_test_id("action-complete_task").count():
            submit(page, page.get_by_test_id("action-complete_task"))
        elif page.get_by_test_id("action-decide").count():
            form = page.get_by_test_id("action-decide")
            form.get_by_label("准予", exact=True).check()
            submit(page, form)
        else:
            return


def test_the_newborn_bundle_is_handled_by_every_department_and_the_citizen_sees_one_done(
        page, pages, demo_province, login_citizen, login_officer):
    login_citizen(page, demo_province, password=DEMO_PASSWORD)
    reference = submit_newborn(page)
    cases = {c.matter.code: c for c in Case.objects.filter(application__reference=reference).select_related(
        "matter", "department")}
    assert len(cases) == 6 and len({c.department_id for c in cases.values()}) >= 4

    # The hukou officer sees the case waiting for the birth certificate, with nothing to do yet.
    hukou_page = officer_page(pages, login_officer, cases[HUKOU])
    assert hukou_page.get_by_test_id("case-status").inner_text() == "等待前置结果"
    assert hukou_page.get_by_test_id("action-accept_immediate").count() == 0

    # The birth certificate officer lists two missing items in one notice; the clock stops.
    birth_page = officer_page(pages, login_officer, cases[BIRTH])
    submit(birth_page, birth_page.get_by_test_id("action-claim"))
    birth_page.get_by_text("一次性告知补正").click()
    notice = birth_page.get_by_test_id("action-supplement")
    notice.get_by_label("材料名称").nth(0).fill("母亲身份证明")
    notice.get_by_label("需要补正的原因").nth(0).fill("照片不清晰")
    notice.get_by_label("材料名称").nth(1).fill("住院分娩记录")
    notice.get_by_label("需要补正的原因").nth(1).fill("缺少出院小结")
    with birth_page.expect_navigation():
        notice.get_by_role("button", name="发出补正告知").click()
    assert birth_page.get_by_test_id("case-status").inner_text() == "待补正"
    assert "暂停计时" in birth_page.get_by_test_id("deadline").inner_text()
    birth = Case.objects.get(pk=cases[BIRTH].pk)
    assert birth.status == CaseStatus.SUPPLEMENT and birth.paused_since is not None
    assert len(birth.supplements.get().items) == 2

    # The citizen answers both items at once: a note and a file.
    page.goto(f"/my/applications/{reference}/")
    assert page.get_by_test_id("combined-status").get_attribute("data-code") == "supplement"
    supplement = page.get_by_test_id("supplement-form")
    assert supplement.get_by_test_id("supplement-item").count() == 2
    supplement.get_by_label("母亲身份证明：补正说明").fill("已重新拍照上传")
    supplement.get_by_label("住院分娩记录：上传文件（PDF、JPG、PNG，10 MB 以内）").set_input_files(
        files=[{"name": "出院小结.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n% discharge\n"}])
    supplement.get_by_test_id("supplement-submit").click()
    page.get_by_text("补正材料已提交，办理继续进行。").wait_for()
    birth = Case.objects.get(pk=birth.pk)
    assert birth.status == CaseStatus.RECEIVED and birth.paused_since is None

    # The birth certificate is issued; the hukou case resumes by itself.
    handle(birth_page, birth.reference)
    assert Case.objects.get(pk=birth.pk).status == CaseStatus.APPROVED
    hukou = Case.objects.get(pk=cases[HUKOU].pk)
    assert hukou.status == CaseStatus.RECEIVED and hukou.events.filter(action=CaseAction.READY).exists()
    handle(hukou_page, hukou.reference)

    # Every other department, each with its own login, in dependency order.
    for code in ("DEMO-M38", "DEMO-M20", "DEMO-M19", "DEMO-M17"):
        case = Case.objects.get(pk=cases[code].pk)
        assert case.status == CaseStatus.RECEIVED, code
        handle(officer_page(pages, login_officer, case), case.reference)

    assert set(Case.objects.filter(application__reference=reference).values_list("status", flat=True)) == {
        CaseStatus.APPROVED}
    page.goto(f"/my/applications/{reference}/")
    assert page.get_by_test_id("combined-status").get_attribute("data-code") == "done"
    assert page.get_by_test_id("combined-status").inner_text() == "已办结"
    timeline = page.get_by_test_id("plain-timeline").inner_text()
    assert "需要您补正材料" in timeline and "已办结：准予" in timeline
    assert Application.objects.get(reference=reference).cases.count() == 6
