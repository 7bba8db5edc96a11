"""Schemathesis against the live OpenAPI schema: every operation, with generated parameters, answers
without a server error and as its schema says (status codes, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from tests.api.conftest import token_for
from tests.conftest import make_person
from tests.factories.governance import leadership_role, role_type
from tests.factories.programmes import CohortFactory


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go through the WSGI handler, which closes the database connection after each request; the
    test's transaction must outlive them, as Django's test client arranges for its own calls."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(db, settings):
    settings.ACADEMY_API_RATES = {"token": 100000, "anonymous": 100000}
    settings.ALLOWED_HOSTS = ["*"]
    CohortFactory()
    leadership_role(role_type(), holder=make_person("leader"))
    return token_for(make_person("superuser"))


# The API ignores query parameters it does not know (as most APIs do), which schemathesis's negative
# "unknown parameter accepted" check reports; values out of range are refused with 422, tested in
# test_endpoints (page, page_size, status).
LENIENT = [negative_data_rejection]

# Loaded from the running application at collection (the schema view reads no data). Schemathesis's lazy
# ``from_fixture`` loader does not run under pytest 9 (it sets a node attribute pytest 9 renamed).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, api_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"}, excluded_checks=LENIENT)


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_anonymous_callers_as_its_schema_says(case, api_token):
    case.call_and_validate(excluded_checks=LENIENT)


def test_the_schema_is_openapi_3_and_lists_every_endpoint(client):
    body = client.get("/api/v1/schema/").json()
    assert body["openapi"].startswith("3.")
    assert set(body["paths"]) == {
        "/api/v1/programmes/",
        "/api/v1/cohorts/",
        "/api/v1/challenge-fund/projects/",
        "/api/v1/reference/",
        "/api/v1/roles/",
        "/api/v1/ccplg/seats/",
        "/api/v1/dashboard/",
        "/api/v1/evaluation/scorecard/",
    }
    assert "BearerAuth" in str(body["components"]["securitySchemes"]) or body["components"]["securitySchemes"]


def test_the_docs_page_uses_local_assets_under_the_portal_s_csp(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("style-src")[0]
    assert b"cdn" not in response.content.lower()
