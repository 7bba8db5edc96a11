"""Accounts pages and emails carry the portal's name (from settings), in sentence case: not allauth's
"Hello from testserver!" or "Verify Your Email Address"."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def page_title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_the_confirmation_email_names_the_portal_not_the_host(client):
    response = client.post(reverse("account_signup"), {
        "first_name": "D'Arcy", "last_name": "Mensah & Co", "email": "darcy@example.nhs.uk",
        "password1": TEST_PASSWORD, "password2": TEST_PASSWORD,
    }, follow=True)
    assert page_title(response) == f"Check your email - {settings.ACADEMY_SITE_NAME}"
    assert "Verify Your Email Address" not in response.content.decode()
    message = mail.outbox[0]
    assert message.subject == "SEL Systems Leadership Academy: Confirm your email address"
    assert message.body.startswith("Dear D'Arcy,")
    assert "testserver" not in message.body.split("http://testserver/accounts/confirm-email/")[0]  # not the host
    assert "Hello from" not in message.body and settings.ACADEMY_SITE_NAME in message.body
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert "Dear D&#x27;Arcy," in html and "Confirm your email address</a>" in html


def test_password_reset_pages_and_email_are_in_sentence_case(client):
    user = UserFactory(first_name="Kemi")
    page = client.get(reverse("account_reset_password"))
    assert page_title(page) == f"Reset your password - {settings.ACADEMY_SITE_NAME}"
    response = client.post(reverse("account_reset_password"), {"email": user.email}, follow=True)
    assert page_title(response) == f"Check your email - {settings.ACADEMY_SITE_NAME}"
    message = mail.outbox[0]
    assert message.subject == "SEL Systems Leadership Academy: Reset your password"
    assert message.body.startswith("Dear Kemi,") and "Password Reset" not in message.body


def test_a_reset_for_an_unknown_address_says_so_without_an_account_footer(client):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.nhs.uk"})
    message = mail.outbox[0]
    assert message.subject == "SEL Systems Leadership Academy: There is no account with this email address"
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert "because you have an account" not in html
