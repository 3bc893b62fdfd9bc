"""Prepare a seeded database for `bench/scenarios/exchange.py`; prints one JSON line.

A system account of Xihu district's public-security bureau, an approved grant on
`population.person` for birth registration (DEMO-M01), an API token, and a sample of subjects
drawn at random from the population registry.
"""

import json
import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_settings")
django.setup()

from onevisit.accounts.models import Department, User, UserKind  # noqa: E402
from onevisit.accounts.services import api_token_create  # noqa: E402
from onevisit.exchange import services  # noqa: E402
from onevisit.exchange.models import AccessGrant, GrantStatus, PurposeKind  # noqa: E402
from onevisit.registries.population.models import Person  # noqa: E402

CONSUMER, ITEM, PURPOSE = "330106-PSB", "population.person", "DEMO-M01"
FIELDS = ["id_number", "name", "sex", "birth_date", "status"]


def main(sample_size: int) -> None:
    consumer = Department.objects.get(code=CONSUMER)
    system, _ = User.objects.get_or_create(
        username="bench.xihu.psb", defaults={"kind": UserKind.SYSTEM, "department": consumer, "full_name": "压测系统"})
    if not AccessGrant.objects.filter(consumer=consumer, item__code=ITEM, purpose=PURPOSE,
                                      status=GrantStatus.GRANTED).exists():
        officer = User.objects.get(username="xihu.psb.data")
        grant = services.grant_request(
            consumer=consumer, item_code=ITEM, fields=FIELDS, purpose=PURPOSE, purpose_kind=PurposeKind.MATTER,
            purpose_label="出生登记", legal_basis="《中华人民共和国户口登记条例》第七条", requested_by=officer)
        if grant.status == GrantStatus.REQUESTED:
            services.grant_decide(grant_id=grant.pk, decided_by=User.objects.get(username="zj.psb.data"),
                                  approve=True, reason="压测授权")
    _, token = api_token_create(user=system, name="bench")
    people = Person.objects.count()
    # Random subjects spread over the whole registry (not the first rows).
    rng = random.Random(2026)
    ids = list(Person.objects.order_by("id_number").values_list("id_number", flat=True)[::max(1, people // 20000)])
    subjects = rng.sample(ids, min(sample_size, len(ids)))
    print(json.dumps({"token": token, "people": people, "subjects": subjects, "item": ITEM, "purpose": PURPOSE,
                      "fields": FIELDS}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
