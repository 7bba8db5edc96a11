"""API tokens: made by a person for themselves, shown once, hashed at rest, revocable, expiring."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiToken
from tests.api.conftest import bearer, token_for
from tests.conftest import make_person
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _make(user, **overrides):
    data = {"name": "Board spreadsheet", "scopes": ["public"], "expires_on": timezone.localdate() + timedelta(days=30)}
    return services.create_token(user, **(data | overrides))


def test_a_token_is_stored_only_as_its_prefix_and_sha256():
    user = UserFactory()
    new = _make(user)
    token = ApiToken.objects.get(pk=new.token.pk)
    assert new.plaintext.startswith(f"sela_{token.prefix}_")
    assert len(new.plaintext) > 50
    assert token.secret_hash == hashlib.sha256(new.plaintext.encode()).hexdigest()
    secret = new.plaintext.split("_", 2)[2]
    for value in (token.name, token.prefix, token.secret_hash, *token.scopes):
        assert secret not in value
    assert services.authenticate(new.plaintext).pk == token.pk


def test_every_token_is_different():
    user = UserFactory()
    assert _make(user).plaintext != _make(user).plaintext


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "   "}, "name", "Enter a name for the token"),
        ({"scopes": []}, "scopes", "Select what the token may read"),
        ({"scopes": ["everything"]}, "scopes", "Select what the token may read"),
        ({"expires_on": timezone.localdate()}, "expires_on", "must be in the future"),
        ({"expires_on": timezone.localdate() + timedelta(days=400)}, "expires_on", "at most a year"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(overrides, field, message):
    with pytest.raises(ValidationError) as error:
        _make(UserFactory(), **overrides)
    assert message in " ".join(error.value.message_dict[field])
    assert not ApiToken.objects.exists()


def test_a_year_is_the_longest_life():
    new = _make(UserFactory(), expires_on=services.latest_expiry())
    assert new.token.expires_at.date() == services.latest_expiry()


def test_anonymous_cannot_make_a_token():
    with pytest.raises(PermissionDenied):
        _make(None)


def test_wrong_secret_and_malformed_tokens_do_not_authenticate():
    new = _make(UserFactory())
    prefix = new.token.prefix
    for bad in (
        "",
        "nonsense",
        f"sela_{prefix}_",
        f"sela_{prefix}_wrong-secret",
        new.plaintext + "x",
        new.plaintext.replace("sela_", "selb_"),
    ):
        assert services.authenticate(bad) is None


def test_a_revoked_token_stops_working_and_only_its_owner_may_revoke_it():
    owner = UserFactory()
    new = _make(owner)
    for other in (UserFactory(), make_person("superuser"), make_person("governance")):
        with pytest.raises(PermissionDenied):
            services.revoke_token(other, new.token)
    assert services.authenticate(new.plaintext) is not None
    services.revoke_token(owner, new.token)
    assert services.authenticate(new.plaintext) is None
    new.token.refresh_from_db()
    assert new.token.revoked_at is not None


def test_a_token_expires_at_the_end_of_its_last_day():
    new = _make(UserFactory(), expires_on=timezone.localdate() + timedelta(days=2))
    last_day = timezone.localtime() + timedelta(days=2)
    with time_machine.travel(last_day.replace(hour=23, minute=59), tick=False):
        assert services.authenticate(new.plaintext) is not None
    with time_machine.travel(last_day + timedelta(days=1), tick=False):
        assert services.authenticate(new.plaintext) is None


def test_a_deactivated_person_s_token_stops_working():
    user = UserFactory()
    new = _make(user)
    user.is_active = False
    user.save()
    assert services.authenticate(new.plaintext) is None


def test_last_used_is_recorded_at_most_once_a_minute(django_assert_num_queries):
    new = _make(UserFactory())
    now = timezone.now()
    with django_assert_num_queries(2):
        services.authenticate(new.plaintext, now=now)
    with django_assert_num_queries(1):
        services.authenticate(new.plaintext, now=now + timedelta(seconds=30))
    new.token.refresh_from_db()
    assert new.token.last_used_at == now


def test_the_api_records_last_used(client):
    user = UserFactory()
    plaintext = token_for(user)
    assert client.get("/api/v1/reference/", **bearer(plaintext)).status_code == 200
    assert ApiToken.objects.get(user=user).last_used_at is not None


# --- the page -------------------------------------------------------------------------------------


def _form(name="Board spreadsheet", scopes=("public", "governance"), days=30):
    day = timezone.localdate() + timedelta(days=days)
    return {
        "name": name,
        "scopes": list(scopes),
        "expires_on_0": str(day.day),
        "expires_on_1": str(day.month),
        "expires_on_2": str(day.year),
    }


def test_the_page_shows_a_new_token_once_and_then_only_its_prefix(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("api:tokens"), _form())
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    plaintext = response.context["new"].plaintext
    assert plaintext.encode() in response.content
    assert "no-store" in response["Cache-Control"]
    listing = client.get(reverse("api:tokens"))
    assert plaintext.encode() not in listing.content
    assert f"sela_{token.prefix}".encode() in listing.content
    assert token.scopes == ["public", "governance"]


def test_the_page_refuses_bad_input_with_an_error_summary(client):
    client.force_login(UserFactory())
    response = client.post(reverse("api:tokens"), _form(name="", scopes=(), days=500))
    assert response.status_code == 400
    content = response.content.decode()
    assert "<title>Error: API tokens" in content
    assert "Enter a name for the token" in content
    assert "Select what the token may read" in content
    assert not ApiToken.objects.exists()


def test_a_token_s_name_is_escaped(client):
    client.force_login(UserFactory())
    hostile = '<script>alert("x")</script>'
    response = client.post(reverse("api:tokens"), _form(name=hostile))
    assert hostile.encode() not in response.content
    assert b"&lt;script&gt;" in response.content
    assert hostile.encode() not in client.get(reverse("api:tokens")).content


def test_a_person_revokes_their_token_from_the_page(client):
    user = UserFactory()
    new = _make(user)
    client.force_login(user)
    url = reverse("api:token_revoke", args=[new.token.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert services.authenticate(new.plaintext) is None


def test_nobody_else_can_revoke_a_token_from_the_page(client):
    new = _make(UserFactory())
    client.force_login(make_person("superuser"))
    assert client.post(reverse("api:token_revoke", args=[new.token.pk])).status_code == 404
    assert services.authenticate(new.plaintext) is not None
