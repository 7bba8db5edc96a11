"""The idle-timeout warning's "Stay signed in" endpoint, and what pages tell the warning (WCAG 2.2.1)."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.accounts.context_processors import duration_words
from academy.accounts.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from academy.ui.formats import nhs_time
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
    assert response.json()["remaining"] == 30 * 60
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


# --- the 12-hour sign-out, which nothing puts off ----------------------------------------------------


def _signed_in_ago(client, seconds):
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - seconds
    session[SESSION_LAST_SEEN] = int(time.time())
    session.save()


def _attribute(html, dialog, name):
    return html.split(f'id="{dialog}"', 1)[1].split(f'{name}="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("role", ["leader", "governance"])
def test_every_signed_in_page_says_when_the_12_hour_sign_out_comes(client_as, role, settings):
    settings.TIME_ZONE = "Europe/London"
    client, _ = client_as(role)
    client.get(reverse("ui:home"))
    _signed_in_ago(client, 12 * 60 * 60 - 15 * 60)  # signed in 11 hours 45 minutes ago
    before = time.time()
    html = client.get(reverse("ui:home")).content.decode()
    assert 'id="session-ending"' in html
    remaining = int(_attribute(html, "session-ending", "data-remaining"))
    assert 15 * 60 - 2 <= remaining <= 15 * 60
    assert _attribute(html, "session-ending", "data-warning") == "600"
    at = nhs_time(timezone.datetime.fromtimestamp(before + remaining, tz=timezone.get_current_timezone()))
    assert _attribute(html, "session-ending", "data-at") == at
    assert f"You will be signed out at {at}: save your work" in html
    assert "everyone is signed out 12 hours after signing in" in html
    # "Sign in again" signs out, then goes to sign in, then back to this page
    assert 'name="next" value="/accounts/login/?next=/"' in html and "Sign in again" in html


def test_sign_in_again_keeps_the_pages_address(client_as):
    client, _ = client_as("leader")
    page = reverse("programmes:catalogue") + "?group=frontline&offer=core"
    html = client.get(page).content.decode()
    next_value = _attribute(html, "session-ending", 'name="next" value')
    assert next_value == "/accounts/login/?next=/programmes/%3Fgroup%3Dfrontline%26offer%3Dcore"
    response = client.post(reverse("account_logout"), {"next": next_value.replace("&amp;", "&")})
    assert response.status_code == 302 and response["Location"] == next_value
    assert "_auth_user_id" not in client.session


def test_stay_signed_in_never_counts_past_the_12_hour_sign_out(client_as):
    client, _ = client_as("governance")
    client.get(reverse("ui:home"))
    _signed_in_ago(client, 12 * 60 * 60 - 5 * 60)  # five minutes left of the twelve hours
    answer = client.post(reverse(EXTEND)).json()
    assert 5 * 60 - 2 <= answer["remaining"] <= 5 * 60 and answer["remaining"] == answer["ends_in"]
    html = client.get(reverse("accounts:roles")).content.decode()
    assert int(_attribute(html, "session-timeout", "data-remaining")) <= 5 * 60


def test_far_from_the_12_hours_stay_signed_in_gives_the_full_30_minutes(client_as):
    client, _ = client_as("governance")
    client.get(reverse("ui:home"))
    answer = client.post(reverse(EXTEND)).json()
    assert answer["remaining"] == 30 * 60 and answer["ends_in"] > 11 * 60 * 60


def test_visitors_are_told_nothing():
    assert 'id="session-ending"' not in Client().get(reverse("ui:home")).content.decode()


def test_durations_in_words():
    assert duration_words(12 * 60 * 60) == "12 hours"
    assert duration_words(3600) == "1 hour"
    assert duration_words(90 * 60) == "90 minutes"
    assert duration_words(20) == "20 seconds"
