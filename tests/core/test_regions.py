"""GB/T 2260 divisions of Zhejiang kept as versioned data."""

import datetime
import json

import pytest

from onevisit.core.models import Region, RegionLevel
from onevisit.core.regions import DIVISIONS_DIR, regions_in_force, regions_load

pytestmark = pytest.mark.django_db

CITIES = {"330100": "杭州市", "330200": "宁波市", "330300": "温州市", "330400": "嘉兴市", "330500": "湖州市",
          "330600": "绍兴市", "330700": "金华市", "330800": "衢州市", "330900": "舟山市", "331000": "台州市",
          "331100": "丽水市"}


def hangzhou_districts(on: datetime.date) -> set[str]:
    return set(regions_in_force(on=on).filter(parent__code="330100").values_list("code", flat=True))


def test_loading_the_dataset_twice_changes_nothing():
    first = regions_load()
    rows = {r.code: (r.pk, r.name, r.parent_id, r.valid_from, r.valid_until) for r in Region.objects.all()}

    second = regions_load()

    assert first == second == Region.objects.count()
    assert {r.code: (r.pk, r.name, r.parent_id, r.valid_from, r.valid_until) for r in Region.objects.all()} == rows


def test_in_force_today_are_one_province_eleven_cities_and_ninety_county_level_divisions():
    regions_load()
    today = regions_in_force()

    assert list(today.filter(level=RegionLevel.PROVINCE).values_list("code", "name")) == [("330000", "浙江省")]
    assert dict(today.filter(level=RegionLevel.CITY).values_list("code", "name")) == CITIES
    assert today.filter(level=RegionLevel.COUNTY).count() == 90


def test_every_city_belongs_to_the_province_and_every_county_to_a_city():
    regions_load()
    today = regions_in_force()

    assert set(today.filter(level=RegionLevel.CITY).values_list("parent__code", flat=True)) == {"330000"}
    assert set(today.filter(level=RegionLevel.COUNTY).values_list("parent__code", flat=True)) == set(CITIES)


def test_hangzhou_before_the_2021_adjustment_has_xiacheng_and_jianggan_and_not_linping_or_qiantang():
    regions_load()
    districts = hangzhou_districts(datetime.date(2020, 6, 1))

    assert {"330103", "330104"} <= districts
    assert not {"330113", "330114"} & districts


def test_hangzhou_today_has_linping_and_qiantang_and_not_xiacheng_or_jianggan():
    regions_load()
    districts = hangzhou_districts(datetime.date.today())

    assert {"330113", "330114"} <= districts
    assert not {"330103", "330104"} & districts


def test_the_adjustment_takes_effect_on_9_april_2021_and_the_old_codes_end_the_day_before():
    regions_load()

    assert {"330103", "330104"} <= hangzhou_districts(datetime.date(2021, 4, 8))
    assert not {"330113", "330114"} & hangzhou_districts(datetime.date(2021, 4, 8))
    assert {"330113", "330114"} <= hangzhou_districts(datetime.date(2021, 4, 9))
    assert not {"330103", "330104"} & hangzhou_districts(datetime.date(2021, 4, 9))


def test_an_abolished_division_is_kept_for_the_records_that_name_it():
    regions_load()

    xiacheng = Region.objects.get(code="330103")

    assert xiacheng.name == "下城区"
    assert xiacheng.valid_until == datetime.date(2021, 4, 9)


def test_a_new_version_of_the_dataset_closes_a_code_without_deleting_it(tmp_path):
    regions_load()
    doc = json.loads((DIVISIONS_DIR / "zhejiang.json").read_text(encoding="utf-8"))
    doc["version"] = "2030.1"
    for item in doc["divisions"]:
        if item["code"] == "330106":
            item["valid_until"] = "2030-01-01"
    newer = tmp_path / "zhejiang.json"
    newer.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    regions_load(path=newer)

    xihu = Region.objects.get(code="330106")
    assert xihu.dataset_version == "2030.1"
    assert regions_in_force(on=datetime.date(2029, 12, 31)).filter(code="330106").exists()
    assert not regions_in_force(on=datetime.date(2030, 1, 1)).filter(code="330106").exists()
