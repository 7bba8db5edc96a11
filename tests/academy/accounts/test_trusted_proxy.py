"""Behind a proxy, allauth's rate limits count each client by X-Forwarded-For, not the proxy's address."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"  # a request's REMOTE_ADDR behind the load balancer


def reset_twice(client, client_ip):
    """Two password-reset requests from one client through our proxy (the limit below is one a minute per
    address)."""
    statuses = []
    for _ in range(2):
        response = client.post(
            reverse("account_reset_password"), {"email": "someone@example.nhs.uk"},
            REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip,  # what the proxy adds: the address it saw
        )
        statuses.append(response.status_code)
    return statuses


@pytest.fixture
def one_reset_a_minute(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}


def test_with_one_trusted_proxy_each_client_has_its_own_limit(client, settings, one_reset_a_minute):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert reset_twice(client, "198.51.100.7")[1] == 429
    # Another person behind the same proxy is not locked out by the first.
    assert reset_twice(client, "198.51.100.8")[0] != 429


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(client, settings, one_reset_a_minute):
    """X-Forwarded-For is not trusted unless configured: a client cannot dodge the limit by inventing one."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert reset_twice(client, "198.51.100.7")[1] == 429
    assert reset_twice(client, "198.51.100.8")[0] == 429
