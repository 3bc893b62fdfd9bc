"""Schemathesis over the whole OpenAPI document, through WSGI, anonymously and with a bearer token.

Schemathesis' default checks: no server error, only documented status codes, responses and
content types that conform to the document, schema-violating input rejected, schema-valid input
accepted. Deterministic (derandomize) and small (25 examples per operation), inside
pytest-django's transaction, on a little reference data.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from onevisit.accounts import services

# JSON Schema cannot say "the check character must be right" or "the agent must have an
# account", so for the operations that take identifiers a 422 is a correct answer even to data
# the document calls valid. The same holds for starting an application (the enterprise's USCC;
# whether the matter takes this kind of applicant). Everywhere else the default expectation stands.
IDENTIFIER_OPERATIONS = ["/api/v1/identifiers/check", "/api/v1/enterprises/{uscc}/agents", "/api/v1/applications"]
CONFIG = schemathesis.Config.from_dict({
    "operations": [
        {"include-path": path,
         "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "422"]}}}
        for path in IDENTIFIER_OPERATIONS
    ],
})
HYPOTHESIS = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture
def keep_test_connection():
    """Requests through the raw WSGI handler end with close_old_connections(), which closes a
    connection inside a transaction (pytest-django's). Django's test Client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def reference_data(keep_test_connection, regions, department, citizen):
    """The examples in the document name real things: enterprise 91350100M000100Y43, whose legal
    representative is the token holder, and a registered agent 11010519491231002X."""
    services.enterprise_register(
        uscc="91350100M000100Y43", name="福州示范商贸有限公司", region=regions["330106"],
        legal_representative_name=citizen.full_name, legal_representative_id_number=citizen.id_number,
    )
    services.citizen_register(id_number="11010519491231002X", full_name="张桂英", password="Correct-Horse-9")


@pytest.fixture
def citizen_token(citizen):
    _token, key = services.api_token_create(user=citizen, name="浙里办 App")
    return key


# Loaded when the module is collected (the document needs no database). Not through
# schemathesis.pytest.from_fixture: its lazy loader breaks on pytest 9 (Node._nodeid is gone).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)


@schema.parametrize()
@HYPOTHESIS
def test_every_operation_answers_anonymous_callers_as_documented(case, reference_data):
    case.call_and_validate()


@schema.parametrize()
@HYPOTHESIS
def test_every_operation_answers_a_token_holder_as_documented(case, reference_data, citizen_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {citizen_token}"})
