"""Page titles that say "Error: " on every error page, and autocomplete on a person's own details."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def _input(html: str, name: str) -> str:
    return re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', html).group(0)


class _Named(forms.Form):
    title = forms.CharField()


def test_not_found_and_forbidden_pages_start_with_error(client_as):
    client, _ = client_as("leader")
    assert _title(client.get("/no-such-page/")).startswith("Error: Page not found")
    assert _title(client.get(reverse("accounts:roles"))).startswith("Error: You do not have permission")


def test_server_error_and_throttle_templates_start_with_error():
    assert "<title>Error: Sorry, there is a problem" in render_to_string("500.html")
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert "<title>Error: Too many attempts" in render_to_string("429.html", request=request)


def test_csrf_failure_page_starts_with_error(client_as):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.com", "password": "x"})
    assert response.status_code == 403
    assert _title(response).startswith("Error: Your form could not be sent")


def test_a_form_with_errors_makes_the_title_start_with_error(client_as):
    client, _ = client_as("governance")
    assert not _title(client.get(reverse("accounts:roles"))).startswith("Error: ")
    response = client.post(reverse("accounts:roles"), {"email": "not an email"})
    assert _title(response).startswith("Error: ")


def test_any_form_in_the_context_counts_whatever_its_name():
    template = Template("{% load nhsuk %}{% page_has_errors as bad %}{{ bad }}")
    assert template.render(Context({"bid_form": _Named({})})) == "True"
    assert template.render(Context({"bid_form": _Named({"title": "Falls"})})) == "False"
    assert template.render(Context({"bid_form": _Named()})) == "False"  # not sent yet: no errors to show
    formset = forms.formset_factory(_Named, extra=0)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-title": ""}
    )
    assert template.render(Context({"rows": formset})) == "True"


def test_sign_up_names_have_autocomplete(client):
    html = client.get(reverse("account_signup")).content.decode()
    assert 'autocomplete="given-name"' in _input(html, "first_name")
    assert 'autocomplete="family-name"' in _input(html, "last_name")
    assert 'autocomplete="email"' in _input(html, "email")


def test_profile_own_details_have_autocomplete(client_as):
    client, _ = client_as("leader")
    html = client.get(reverse("directory:profile_edit")).content.decode()
    assert 'autocomplete="given-name"' in _input(html, "first_name")
    assert 'autocomplete="family-name"' in _input(html, "last_name")
    assert 'autocomplete="organization-title"' in _input(html, "job_title")
    assert 'autocomplete="organization"' in _input(html, "organisation")
    # The line manager's address is someone else's: no autofill of the person's own email there.
    assert "autocomplete" not in _input(html, "line_manager_email")
