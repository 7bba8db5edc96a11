"""Sign-up, email verification, sign-in, password reset and MFA enrolment, with mail from the outbox."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from academy.accounts.models import Role, User
from academy.accounts.services import grant_role
from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.totp import current_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-different-long-passphrase-77"


def link_in(message) -> str:
    match = re.search(r"https?://[^\s]+", message.body)
    assert match, "the email has no link"
    return match.group(0).replace("http://testserver", "")


def test_sign_up_verify_email_and_reach_home(client):
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Ama",
            "last_name": "Mensah",
            "email": "ama.mensah@example.nhs.uk",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ama.mensah@example.nhs.uk")
    assert (user.first_name, user.last_name) == ("Ama", "Mensah")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "/accounts/confirm-email/" in message.body  # the plain-text part carries the link
    confirm_url = link_in(message)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    home = client.get(reverse("ui:home"))
    assert home.status_code == 200
    assert home.context["user"] == user


def test_sign_in_requires_a_verified_email(client):
    user = UserFactory(verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_wrong_password_gives_a_clear_error(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_through_the_emailed_link(client):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = link_in(mail.outbox[0])
    response = client.get(reset_url)
    assert response.status_code == 302  # allauth moves the key out of the URL into the session
    set_url = response["Location"]
    response = client.post(set_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_sign_out(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_must_set_up_mfa_before_any_staff_page(client, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # so the second sign-in can use the next period's code
    user = UserFactory()
    grant_role(None, user, Role.GOVERNANCE)
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    response = client.get(reverse("accounts:roles"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("ui:home"))["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert secret not in str(authenticator.data), "the TOTP secret must be encrypted at rest"
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert client.get(reverse("accounts:roles")).status_code == 200

    # Next time, signing in asks for a code from the app.
    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret, offset=1)})
    assert response.status_code == 302
    assert client.get(reverse("accounts:roles")).status_code == 200


def test_leaders_are_not_forced_to_set_up_mfa(client):
    client.force_login(UserFactory())
    assert client.get(reverse("ui:home")).status_code == 200


def test_demo_accounts_are_exempt_only_when_the_development_setting_is_on(client, settings):
    user = UserFactory(email="governance@demo.academy.test")
    grant_role(None, user, Role.GOVERNANCE)
    client.force_login(user)
    settings.ACADEMY_DEMO_MFA_EXEMPT = False
    assert client.get(reverse("accounts:roles"))["Location"] == reverse("mfa_activate_totp")
    settings.ACADEMY_DEMO_MFA_EXEMPT = True
    assert client.get(reverse("accounts:roles")).status_code == 200


def test_django_admin_sign_in_goes_through_allauth(client):
    response = client.get("/django-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_first_mfa_set_up_long_after_signing_in_asks_for_the_password_again(client):
    user = UserFactory()
    grant_role(None, user, Role.REVIEWER)
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= 6 * 60
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
