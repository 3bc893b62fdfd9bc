"""core.sql: hand-written hot-path SQL gives the same rows and instances as the ORM."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from onevisit.accounts.models import ApiToken, User, UserKind
from onevisit.core import sql


@pytest.fixture
def system_user(db, department):
    return User.objects.create(username="sys.sql", kind=UserKind.SYSTEM, department=department, full_name="系统")


def test_insert_sets_the_primary_key_and_the_orm_reads_the_same_row(system_user):
    expires = timezone.now() + datetime.timedelta(days=3)
    token = sql.insert(ApiToken(user=system_user, name="接口", prefix="abcdef0123", key_hash="x" * 64,
                                expires_at=expires))

    assert token.pk is not None and not token._state.adding
    stored = ApiToken.objects.get(pk=token.pk)
    assert (stored.name, stored.prefix, stored.expires_at, stored.revoked_at) == ("接口", "abcdef0123", expires, None)
    assert stored.created_at == token.created_at  # the field default, applied as Model.save would


def test_select_where_builds_instances_like_the_orm(system_user):
    created = ApiToken.objects.create(user=system_user, name="接口", prefix="feedbeef01", key_hash="y" * 64)

    (found,) = sql.select_where(ApiToken, "prefix", "feedbeef01")

    assert isinstance(found, ApiToken) and not found._state.adding
    assert [getattr(found, f.attname) for f in ApiToken._meta.concrete_fields] == \
        [getattr(created, f.attname) for f in ApiToken._meta.concrete_fields]
    assert found.created_at.tzinfo is not None
    assert sql.select_where(ApiToken, "prefix", "nothing") == []


def test_a_joined_row_splits_into_one_instance_per_model(system_user):
    ApiToken.objects.create(user=system_user, name="接口", prefix="0011223344", key_hash="z" * 64)
    rows = sql.fetch(f"SELECT {sql.columns(ApiToken, 't')}, {sql.columns(User, 'u')} FROM {sql.table(ApiToken)} t "
                     f"JOIN {sql.table(User)} u ON u.id = t.user_id WHERE t.prefix = %s", ["0011223344"])

    token = sql.instance(ApiToken, rows[0])
    user = sql.instance(User, rows[0], sql.width(ApiToken))
    assert token.user_id == user.pk == system_user.pk
    assert user.username == "sys.sql" and user.kind == UserKind.SYSTEM


@pytest.mark.skipif(connection.vendor != "postgresql", reason="jsonb_populate_recordset is PostgreSQL's")
def test_insert_many_json_writes_what_insert_values_writes_and_returns_ids_in_order(system_user):
    from onevisit.exchange.models import AccessLog

    base = {
        "created_at": datetime.datetime(2026, 2, 17, 8, 30, 1, 123456, tzinfo=datetime.UTC),
        "consumer_id": system_user.department_id, "acting_user_id": system_user.pk, "subject": "330106199003071236",
        "item": "population.person", "fields": ["name", "birth_date"], "purpose": "DEMO-M01",
        "outcome": "allowed", "latency_ms": 3, "record_count": 1, "grant_id": None, "request_hash": "a" * 64,
        "content_hash": "b" * 64, "response_id": "c" * 64,
    }
    rows = [{**base, "reference": f"JSON-{n}", "error_code": "引号\"和\\反斜杠" if n == 1 else ""} for n in range(5)]
    ids = sql.insert_many_json(AccessLog, rows)
    reference_id = sql.insert_values(AccessLog, {**base, "reference": "VALUES-0", "error_code": ""})

    assert ids == sorted(ids) and len(set(ids)) == 5
    written = {row.pk: row for row in AccessLog.objects.filter(pk__in=ids)}
    assert [written[pk].reference for pk in ids] == [f"JSON-{n}" for n in range(5)]
    assert written[ids[1]].error_code == "引号\"和\\反斜杠"
    columns = [f.attname for f in AccessLog._meta.concrete_fields if f.attname not in ("id", "reference", "error_code")]
    by_values = AccessLog.objects.values(*columns).get(pk=reference_id)
    assert AccessLog.objects.values(*columns).get(pk=ids[0]) == by_values
    assert by_values["chain_seq"] is None and by_values["created_at"] == base["created_at"]
