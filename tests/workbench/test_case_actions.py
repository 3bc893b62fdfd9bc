"""Every action of the case page through the HTTP forms (real services): success redirects with
a message, errors re-render the page with the service's words, a stale version says someone
else changed the case, and a double submit acts once."""

import pytest
from django.urls import reverse

from onevisit.accounts.models import User
from onevisit.cases.models import Case, CaseAction, CaseEvent, CaseStatus, Supplement

from .conftest import APPS_DATABASES, act, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def _fresh(case) -> Case:
    return Case.objects.select_related("matter", "department", "assignee").get(pk=case.pk)


def _page(client, case) -> str:
    return client.get(reverse("workbench:case_detail", args=[case.reference])).content.decode()


def _ok(response, case) -> None:
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response.url == reverse("workbench:case_detail", args=[case.reference])


def test_an_immediate_case_is_claimed_then_accepted_and_approved_at_once(birth, as_officer):
    client = as_officer(officer_of(birth))
    page = _page(client, birth)
    assert 'data-testid="action-claim"' in page and 'name="claim-request_key"' in page
    _ok(act(client, birth, "claim"), birth)
    birth = _fresh(birth)
    assert birth.assignee == officer_of(birth)
    page = _page(client, birth)
    assert "已认领该办件" in page and 'data-testid="action-accept_immediate"' in page
    assert 'data-testid="action-decide"' not in page and 'data-testid="action-claim"' not in page
    _ok(act(client, birth, "accept_immediate", decision="approved", delivery="electronic"), birth)
    birth = _fresh(birth)
    assert birth.status == CaseStatus.APPROVED
    page = _page(client, birth)
    assert "已受理并作出决定" in page and "该办件已办结" in page
    assert "准予" in page.split('data-testid="timeline"', 1)[1]


def test_an_immediate_refusal_needs_a_reason(birth, as_officer):
    client = as_officer(officer_of(birth))
    response = act(client, birth, "accept_immediate", decision="rejected", delivery="electronic")
    assert response.status_code == 422 and "请填写理由" in response.content.decode()
    assert _fresh(birth).status == CaseStatus.RECEIVED
    _ok(act(client, birth, "accept_immediate", decision="rejected", reason="出生医学证明信息与分娩记录不符",
            delivery="electronic"), birth)
    assert _fresh(birth).status == CaseStatus.REJECTED


def test_not_accepted_with_a_reason(birth, as_officer):
    client = as_officer(officer_of(birth))
    assert act(client, birth, "not_accept", reason="").status_code == 422
    _ok(act(client, birth, "not_accept", reason="不属于本部门受理范围"), birth)
    birth = _fresh(birth)
    assert birth.status == CaseStatus.REJECTED and birth.decision_reason == "不属于本部门受理范围"


def test_a_reviewed_case_is_accepted_reviewed_and_decided(maternity, as_officer):
    officer = officer_of(maternity)
    client = as_officer(officer)
    _ok(act(client, maternity, "accept"), maternity)
    maternity = _fresh(maternity)
    assert maternity.task == "review" and maternity.assignee == officer  # accepting claims a free case
    page = _page(client, maternity)
    assert 'data-testid="action-complete_task"' in page and f"完成{maternity.task_name}" in page
    _ok(act(client, maternity, "complete_task", opinion="材料齐全，符合条件"), maternity)
    maternity = _fresh(maternity)
    assert maternity.task == "decide"
    assert maternity.events.get(action=CaseAction.REVIEWED).reason == "材料齐全，符合条件"
    response = act(client, maternity, "decide", decision="rejected", delivery="post")
    assert response.status_code == 422 and "请填写理由" in response.content.decode()
    _ok(act(client, maternity, "decide", decision="rejected", reason="未满足生育保险待遇条件", delivery="post"), maternity)
    maternity = _fresh(maternity)
    assert maternity.status == CaseStatus.REJECTED and maternity.delivery == "post"
    timeline = _page(client, maternity).split('data-testid="timeline"', 1)[1]
    assert "未满足生育保险待遇条件" in timeline and "送达方式：邮寄送达" in timeline


def test_one_notice_lists_every_missing_item_and_pauses_the_clock(birth, as_officer):
    client = as_officer(officer_of(birth))
    blank = {"items-TOTAL_FORMS": "5", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
             "items-MAX_NUM_FORMS": "30"}
    response = act(client, birth, "supplement", **blank)
    assert response.status_code == 422 and "请至少列出一项需要补正的材料" in response.content.decode()
    response = act(client, birth, "supplement", **blank, **{"items-0-name": "母亲身份证明"})
    assert response.status_code == 422 and "请写明材料名称和需要补正的原因" in response.content.decode()
    assert 'value="母亲身份证明"' in response.content.decode()  # what was typed stays
    _ok(act(client, birth, "supplement", **blank, note="请在十日内补正", **{
        "items-0-name": "母亲身份证明", "items-0-reason": "照片不清晰",
        "items-2-name": "住院分娩记录", "items-2-reason": "缺少出院小结"}), birth)
    birth = _fresh(birth)
    assert birth.status == CaseStatus.SUPPLEMENT and birth.paused_since is not None
    assert [i["name"] for i in Supplement.objects.get(case=birth).items] == ["母亲身份证明", "住院分娩记录"]
    page = _page(client, birth)
    assert 'data-testid="supplement"' in page and "等待申请人补正" in page and "照片不清晰" in page


def test_suspend_and_resume(birth, as_officer):
    client = as_officer(officer_of(birth))
    assert act(client, birth, "suspend", reason=" ").status_code == 422
    _ok(act(client, birth, "suspend", reason="等待司法鉴定结论"), birth)
    birth = _fresh(birth)
    assert birth.status == CaseStatus.SUSPENDED
    page = _page(client, birth)
    assert 'data-testid="action-resume"' in page and 'data-testid="action-suspend"' not in page
    _ok(act(client, birth, "resume"), birth)
    assert _fresh(birth).status == CaseStatus.RECEIVED


def test_only_the_department_head_extends(birth, as_officer):
    officer, head = officer_of(birth), officer_of(birth, "head")
    client = as_officer(officer)
    assert 'data-testid="action-extend"' not in _page(client, birth)
    response = act(client, birth, "extend", days=3, reason="需要现场核查")
    assert response.status_code == 403 and "您的角色不能执行此操作" in response.content.decode()
    client = as_officer(head)
    assert 'data-testid="action-extend"' in _page(client, birth)
    assert act(client, birth, "extend", days=31, reason="太长").status_code == 422
    due = birth.committed_due
    _ok(act(client, birth, "extend", days=3, reason="需要现场核查"), birth)
    birth = _fresh(birth)
    assert birth.extended_workdays == 3 and birth.committed_due > due


def test_transfer_to_a_colleague_then_to_another_department(birth, as_officer):
    officer, head = officer_of(birth), officer_of(birth, "head")
    client = as_officer(officer)
    assert f'value="user:{head.pk}"' in _page(client, birth)
    assert act(client, birth, "transfer", to="", reason="请假").status_code == 422
    _ok(act(client, birth, "transfer", to=f"user:{head.pk}", reason="本人休假"), birth)
    birth = _fresh(birth)
    assert birth.assignee == head

    city = User.objects.get(username="hz.hc.officer").department
    client = as_officer(head)
    _ok(act(client, birth, "transfer", to=f"dept:{city.pk}", reason="应由市级受理"), birth)
    assert _fresh(birth).department == city
    assert client.get(reverse("workbench:case_detail", args=[birth.reference])).status_code == 404
    assert as_officer(User.objects.get(username="hz.hc.officer")).get(
        reverse("workbench:case_detail", args=[birth.reference])).status_code == 200


def test_release_back_to_the_queue(birth, as_officer):
    client = as_officer(officer_of(birth))
    _ok(act(client, birth, "claim"), birth)
    birth = _fresh(birth)
    _ok(act(client, birth, "release"), birth)
    assert _fresh(birth).assignee is None


def test_a_stale_version_says_someone_else_changed_the_case(birth, as_officer):
    officer, head = officer_of(birth), officer_of(birth, "head")
    seen = birth.version
    _ok(act(as_officer(head), birth, "extend", days=2, reason="需要现场核查"), birth)  # meanwhile, the head
    client = as_officer(officer)
    response = act(client, birth, "suspend", version=seen, reason="等待鉴定")
    assert response.status_code == 409
    page = response.content.decode()
    assert "刚刚被其他人修改过" in page
    assert f'name="suspend-version" value="{seen + 1}"' in page  # the fresh state, ready to retry
    assert _fresh(birth).status == CaseStatus.RECEIVED


def test_an_action_no_longer_offered_explains_why(birth, as_officer):
    officer, head = officer_of(birth), officer_of(birth, "head")
    seen = birth.version
    _ok(act(as_officer(head), birth, "claim"), birth)
    response = act(as_officer(officer), birth, "suspend", version=seen, reason="等待鉴定")
    assert response.status_code == 409 and "该办件已由其他经办人认领" in response.content.decode()


def test_a_double_submit_acts_once(birth, as_officer):
    client = as_officer(officer_of(birth))
    version = birth.version
    _ok(act(client, birth, "suspend", version=version, key="k-1", reason="等待鉴定"), birth)
    _ok(act(client, birth, "suspend", version=version, key="k-1", reason="等待鉴定"), birth)
    assert CaseEvent.objects.filter(case=birth, action=CaseAction.SUSPENDED).count() == 1
    assert _fresh(birth).version == version + 1


def test_someone_elses_claimed_case_offers_no_actions(birth, as_officer):
    head = officer_of(birth, "head")
    act(as_officer(head), birth, "claim")
    page = _page(as_officer(officer_of(birth)), birth)
    assert 'data-testid="action-' not in page and "办理。" in page


def test_unknown_actions_and_gets_are_refused(birth, as_officer):
    client = as_officer(officer_of(birth))
    assert client.post(reverse("workbench:case_act", args=[birth.reference, "explode"])).status_code == 404
    assert client.get(reverse("workbench:case_act", args=[birth.reference, "claim"])).status_code == 405
    assert act(client, birth, "claim", version="x").status_code == 422
