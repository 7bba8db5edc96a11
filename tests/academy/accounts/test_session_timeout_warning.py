"""The idle-timeout warning's "Stay signed in" endpoint, and what pages tell the warning (WCAG 2.2.1)."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from academy.accounts.middleware import SESSION_LAST_SEEN
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

EXTEND = "accounts:session_extend"


def _age_session(client, seconds):
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - seconds
    session.save()


def test_stay_signed_in_extends_the_session(client_as):
    client, _ = client_as("governance")
    client.get(reverse("ui:home"))
    _age_session(client, 29 * 60)
    response = client.post(reverse(EXTEND))
    assert response.status_code == 200
    assert response.json() == {"remaining": 30 * 60}
    assert int(time.time()) - client.session[SESSION_LAST_SEEN] <= 1
    # Two more idle minutes would have signed them out without it.
    _age_session(client, 2 * 60)
    assert client.get(reverse("accounts:roles")).status_code == 200


def test_stay_signed_in_needs_sign_in():
    response = Client().post(reverse(EXTEND))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_stay_signed_in_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_person("programme_admin"))
    page = client.get(reverse("ui:home"))
    assert client.post(reverse(EXTEND)).status_code == 403
    token = page.context["csrf_token"]
    response = client.post(reverse(EXTEND), HTTP_X_CSRFTOKEN=str(token))
    assert response.status_code == 200


def test_stay_signed_in_is_post_only(client_as):
    client, _ = client_as("governance")
    assert client.get(reverse(EXTEND)).status_code == 405


def test_too_late_to_stay_signed_in(client_as):
    client, _ = client_as("governance")
    client.get(reverse("ui:home"))
    _age_session(client, 31 * 60)
    response = client.post(reverse(EXTEND))
    assert response.status_code == 302  # signed out by the middleware: the page's script reloads to sign in
    assert "_auth_user_id" not in client.session


def test_staff_pages_carry_the_warning_with_the_time_left(client_as):
    client, _ = client_as("governance")
    client.get(reverse("ui:home"))
    _age_session(client, 50)  # under a minute: the middleware does not record the visit as activity yet
    html = client.get(reverse("accounts:roles")).content.decode()
    assert 'id="session-timeout"' in html
    assert "<dialog" in html
    remaining = int(html.split('data-remaining="', 1)[1].split('"', 1)[0])
    assert 30 * 60 - 52 <= remaining <= 30 * 60 - 50
    assert 'data-warning="120"' in html
    assert f'data-extend-url="{reverse(EXTEND)}"' in html
    assert "Stay signed in" in html
    assert "js/session-timeout.js" in html


def test_leaders_and_visitors_have_no_idle_warning(client, client_as):
    assert 'id="session-timeout"' not in client.get(reverse("ui:home")).content.decode()
    leader, _ = client_as("leader")
    assert 'id="session-timeout"' not in leader.get(reverse("ui:home")).content.decode()
