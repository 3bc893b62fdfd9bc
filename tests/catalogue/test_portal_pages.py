"""The portal's catalogue pages: search, browse, guides (Django test client)."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_search_finds_matters_by_pinyin_initials(client, catalogue_seeded):
    page = client.get("/", {"q": "csdj"}).content.decode()

    assert "出生登记" in page
    assert "/services/DEMO-M01/" in page


def test_home_search_without_a_match_says_so(client, catalogue_seeded):
    page = client.get("/", {"q": "火星移民"}).content.decode()

    assert "没有找到与“火星移民”相关的服务" in page


def test_home_lists_life_events_and_links_departments_to_their_services(client, catalogue_seeded):
    page = client.get("/").content.decode()

    assert "/life-events/DEMO-B02/" in page and "新生儿出生" in page


def test_services_browse_by_department_is_paginated(client, catalogue_seeded):
    response = client.get("/services/", {"sector": "AMR"})
    page = response.content.decode()

    assert "市场监督管理的服务事项" in page
    assert "企业设立登记" in page and "出生登记" not in page
    assert page.count('data-testid="matter-row"') == response.context["page"].paginator.count


def test_services_list_pages_twenty_at_a_time(client, catalogue_seeded):
    response = client.get("/services/", {"page": 2})

    assert response.context["page"].number == 2
    assert 'page=1' in response.content.decode()


def test_the_matter_guide_shows_every_field_each_material_source_and_visits(client, catalogue_seeded):
    page = client.get("/services/DEMO-M01/").content.decode()

    for text in ("出生登记", "行政确认", "公安", "县级", "即办件", "当场办结", "不收费", "户口登记条例",
                 "电子证照", "出生医学证明", "由部门共享获取（户籍信息，公安）", "在线填写", "新生儿姓名",
                 "0 次", "申请办理"):
        assert text in page, text


def test_the_guide_of_a_matter_with_an_original_gives_the_reason_for_the_visit(client, catalogue_seeded):
    page = client.get("/services/DEMO-M09/").content.decode()

    assert "1 次" in page
    assert "现场出示原件" in page
    assert "须现场出示原件：结婚证原件（登记时收回）" in page


def test_the_bundle_guide_shows_components_dependencies_and_merged_materials(client, catalogue_seeded):
    page = client.get("/life-events/DEMO-B02/").content.decode()

    assert page.count('data-testid="component"') == 6
    assert "需要以下事项的办理结果" in page
    assert "由本事项办理结果自动获取：出生医学证明首次签发" in page
    assert "0 次" in page


def test_an_unknown_guide_is_a_404(client, catalogue_seeded):
    assert client.get("/services/DEMO-M99/").status_code == 404
    assert client.get("/life-events/DEMO-B99/").status_code == 404


def test_the_guide_is_in_english_when_chosen(client, catalogue_seeded):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/services/DEMO-M01/").content.decode()

    assert "Birth hukou registration" in page
    assert "Materials" in page
