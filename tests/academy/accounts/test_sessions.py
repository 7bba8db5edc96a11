"""Session limits: 30 minutes idle for staff, 12 hours whatever happens."""

import time

import pytest
from django.urls import reverse

from academy.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED

pytestmark = pytest.mark.django_db


def _age_session(client, **ages):
    session = client.session
    now = int(time.time())
    for key, seconds in ages.items():
        session[key] = now - seconds
    session.save()


def test_staff_are_signed_out_after_30_idle_minutes(client_as):
    client, _ = client_as("governance")
    assert client.get(reverse("accounts:roles")).status_code == 200
    _age_session(client, **{SESSION_LAST_SEEN: 29 * 60})
    assert client.get(reverse("accounts:roles")).status_code == 200
    _age_session(client, **{SESSION_LAST_SEEN: 31 * 60})
    response = client.get(reverse("accounts:roles"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_leaders_are_not_signed_out_when_idle_but_are_after_12_hours(client_as):
    client, _ = client_as("leader")
    client.get(reverse("ui:home"))
    _age_session(client, **{SESSION_LAST_SEEN: 3 * 60 * 60, SESSION_STARTED: 3 * 60 * 60})
    assert client.get(reverse("ui:home")).context["user"].is_authenticated
    _age_session(client, **{SESSION_STARTED: 12 * 60 * 60 + 60})
    response = client.get(reverse("ui:home"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
