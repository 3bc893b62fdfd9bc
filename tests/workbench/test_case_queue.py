"""The officer's case queues: tabs, warning labels in words, search and status filter, paging
without counting, the home page's todo rows, and nothing of another department."""

import datetime

import pytest
from django.urls import reverse

from onevisit.cases import services
from onevisit.cases.models import Case, CaseStatus
from onevisit.workbench import case_views

from .conftest import APPS_DATABASES, officer_of

pytestmark = pytest.mark.django_db(databases=APPS_DATABASES)


def _rows(response) -> dict[str, str]:
    """reference -> warning state of each row of the page."""
    html = response.content.decode()
    rows = {}
    for chunk in html.split('data-testid="case-row"')[1:]:
        reference = chunk.split('data-reference="', 1)[1].split('"', 1)[0]
        rows[reference] = chunk.split('data-warning="', 1)[1].split('"', 1)[0]
    return rows


def _queue(client, **params):
    return client.get(reverse("workbench:case_list"), params)


def test_each_tab_lists_the_departments_cases_where_they_belong(newborn_cases, as_officer):
    birth, vaccine = newborn_cases["DEMO-M37"], newborn_cases["DEMO-M38"]  # both 西湖区卫生健康局
    officer = officer_of(birth)
    client = as_officer(officer)
    assert set(_rows(_queue(client))) == {birth.reference}  # 待办 is the default tab
    assert set(_rows(_queue(client, queue="unclaimed"))) == {birth.reference}
    assert set(_rows(_queue(client, queue="waiting"))) == {vaccine.reference}
    assert set(_rows(_queue(client, queue="all"))) == {birth.reference, vaccine.reference}
    assert _rows(_queue(client, queue="mine")) == {}
    assert "这个队列里暂时没有办件" in _queue(client, queue="mine").content.decode()

    services.case_claim(case=birth, actor=officer, version=birth.version)
    assert set(_rows(_queue(client, queue="mine"))) == {birth.reference}
    assert _rows(_queue(client, queue="unclaimed")) == {}
    page = _queue(client, queue="mine").content.decode()
    assert 'aria-current="page" data-queue="mine"' in page


def test_warnings_are_coloured_and_said_in_words(newborn_cases, as_officer):
    birth = newborn_cases["DEMO-M37"]
    client = as_officer(officer_of(birth))
    today = datetime.date.today()

    Case.objects.filter(pk=birth.pk).update(committed_due=today - datetime.timedelta(days=7))
    page = _queue(client)
    assert _rows(page) == {birth.reference: "red"}
    assert "已超期（超期" in page.content.decode()

    Case.objects.filter(pk=birth.pk).update(committed_due=today)
    page = _queue(client)
    assert _rows(page) == {birth.reference: "yellow"} and "即将到期" in page.content.decode()

    Case.objects.filter(pk=birth.pk).update(committed_due=today + datetime.timedelta(days=30))
    page = _queue(client)
    assert _rows(page) == {birth.reference: "green"} and "正常（剩" in page.content.decode()

    birth.refresh_from_db()
    services.case_suspend(case=birth, actor=officer_of(birth), version=birth.version, reason="等待司法鉴定")
    page = _queue(client, queue="paused")
    assert _rows(page) == {birth.reference: "paused"} and "暂停计时" in page.content.decode()


def test_search_by_reference_name_or_matter_code_and_filter_by_status(newborn_cases, as_officer):
    birth, vaccine = newborn_cases["DEMO-M37"], newborn_cases["DEMO-M38"]
    client = as_officer(officer_of(birth))
    assert set(_rows(_queue(client, queue="all", q=birth.reference))) == {birth.reference}
    assert set(_rows(_queue(client, queue="all", q="DEMO-M38"))) == {vaccine.reference}
    assert set(_rows(_queue(client, queue="all", q="王小明"))) == {birth.reference, vaccine.reference}
    assert set(_rows(_queue(client, queue="all", status=CaseStatus.WAITING))) == {vaccine.reference}
    empty = _queue(client, queue="all", q="张三丰")
    assert _rows(empty) == {} and "没有符合条件的办件" in empty.content.decode()
    assert _queue(client, queue="nonsense", status="nonsense", page="x").status_code == 200
    assert _queue(client, queue="all", q="王\x00小明", page="99999").status_code == 200


def test_pages_are_found_by_fetching_one_row_more(newborn_cases, as_officer, monkeypatch):
    birth, vaccine = newborn_cases["DEMO-M37"], newborn_cases["DEMO-M38"]
    client = as_officer(officer_of(birth))
    monkeypatch.setattr(case_views, "PAGE_SIZE", 1)
    first = _queue(client, queue="all")
    assert list(_rows(first)) == [birth.reference]  # due date first; the waiting case has none yet
    assert 'data-testid="next-page"' in first.content.decode()
    second = _queue(client, queue="all", page=2)
    assert list(_rows(second)) == [vaccine.reference]
    assert 'data-testid="next-page"' not in second.content.decode() and 'rel="prev"' in second.content.decode()
    assert "这一页没有办件了" in _queue(client, queue="all", page=3).content.decode()


def test_the_home_page_shows_the_todo_queue(newborn_cases, as_officer):
    birth = newborn_cases["DEMO-M37"]
    page = as_officer(officer_of(birth)).get(reverse("workbench:home")).content.decode()
    assert birth.reference in page and 'data-testid="queue-empty"' not in page
    assert "1 项" in page.split('data-testid="todo-count"', 1)[1][:200]


def test_another_departments_cases_never_show(newborn_cases, as_officer):
    birth = newborn_cases["DEMO-M37"]
    psb = officer_of(newborn_cases["DEMO-M01"])  # 西湖区公安分局
    client = as_officer(psb)
    for queue in ("todo", "all", "waiting", "unclaimed"):
        assert birth.reference not in _rows(_queue(client, queue=queue))
    assert _rows(_queue(client, queue="all", q=birth.reference)) == {}
    assert birth.reference not in client.get(reverse("workbench:home")).content.decode()


def test_the_next_page_link_carries_the_keyset_cursor(newborn_cases, as_officer, monkeypatch):
    birth, vaccine = newborn_cases["DEMO-M37"], newborn_cases["DEMO-M38"]
    client = as_officer(officer_of(birth))
    monkeypatch.setattr(case_views, "PAGE_SIZE", 1)
    first = _queue(client, queue="all", q="王小明").content.decode()
    href = first.split('rel="next"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert "cursor=" in href and "page=2" in href and "q=" in href

    second = client.get(reverse("workbench:case_list") + href)

    assert list(_rows(second)) == [vaccine.reference]
    assert "第 2 页" in second.content.decode()
    edited = client.get(reverse("workbench:case_list"), {"queue": "all", "page": 2, "cursor": "not-a-cursor"})
    assert list(_rows(edited)) == [vaccine.reference]  # a spoiled cursor falls back to the page number
