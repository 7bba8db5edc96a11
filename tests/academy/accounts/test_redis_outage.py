"""Sign-in and password reset while Redis (the cache that holds allauth's rate limits) is down.

allauth locks a rate-limit key with ``cache.add`` before it counts an attempt. With django-redis set to
ignore errors, that add fails, allauth reads it as "locked", waits a second and answers 429: nobody could
sign in during a Redis outage. The cache now fails over to a per-process local cache instead.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.cache import reset_failover_state
from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.totp import current_code

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connections are refused


@pytest.fixture
def redis_down(settings):
    reset_failover_state()
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": DEAD_REDIS}}
    cache.clear()  # the local stand-in starts empty
    yield
    reset_failover_state()


def test_a_leader_can_sign_in_while_redis_is_down(client, redis_down):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_staff_can_sign_in_with_their_code_while_redis_is_down(client, redis_down):
    user = UserFactory()
    grant_role(None, user, Role.GOVERNANCE)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("accounts:roles")).status_code == 200


def test_a_leader_can_reset_their_password_while_redis_is_down(client, redis_down):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_failed_sign_ins_are_still_limited_while_redis_is_down(client, redis_down):
    """The stand-in keeps the limits in each process: an outage is no open door for guessing."""
    user = UserFactory()
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_failed_sign_ins_are_limited_with_redis_up(client):
    user = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()
    # The attempts were counted in Redis, shared by every web process.
    assert cache.keys("allauth:rl:*")


def test_the_too_many_requests_page_uses_the_nhs_layout(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/m/ip"}
    client.post(reverse("account_reset_password"), {"email": "someone@example.nhs.uk"})
    response = client.post(reverse("account_reset_password"), {"email": "someone@example.nhs.uk"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "nhsuk-header" in page
    assert "<title>Error: Too many attempts" in page
