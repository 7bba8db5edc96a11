"""The base layout's contract, the security headers, and the ui app's pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def parse_csp(header: str) -> dict[str, str]:
    """Directive -> sources, with any per-request nonce replaced by NONCE (django-csp orders freely)."""
    header = re.sub(r"'nonce-[^']+'", "'nonce-NONCE'", header)
    directives = {}
    for part in header.split(";"):
        name, _, sources = part.strip().partition(" ")
        directives[name] = " ".join(sorted(sources.split()))
    return directives


def title_of(response) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).split())


def test_content_security_policy_is_pinned(client):
    response = client.get(reverse("ui:privacy"))
    directives = parse_csp(response["Content-Security-Policy"])
    # Pages carry no inline script, so django-csp adds no nonce; if one is ever used it must be the only
    # extra source allowed for scripts.
    if "'nonce-NONCE'" in directives["script-src"]:
        directives["script-src"] = (
            directives["script-src"].replace(" 'nonce-NONCE'", "").replace("'nonce-NONCE' ", "")
        )
    assert directives == {k: " ".join(sorted(v.split())) for k, v in EXPECTED_CSP.items()}
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_csp_nonce_is_added_when_a_template_uses_it(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    directives = parse_csp(response["Content-Security-Policy"])
    assert directives["script-src"] == "'nonce-NONCE' 'self'"


def test_pages_have_no_inline_script_or_style(client_as):
    client, _ = client_as("leader")
    html = client.get(reverse("ui:home")).content.decode()
    assert "style=" not in html and "<style" not in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in tag for tag in scripts)
    assert '<script type="module" src="/static/js/academy.js"></script>' in html
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html


def test_signed_in_pages_are_not_stored(client_as):
    client, _ = client_as("leader")
    response = client.get(reverse("ui:home"))
    assert "no-store" in response["Cache-Control"]


def test_anonymous_home_introduces_the_academy(client):
    response = client.get(reverse("ui:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert title_of(response).endswith(" - SEL Systems Leadership Academy")
    assert html.count("<h1") == 1
    for words in [
        "Systems leadership development curriculum",
        "Managed network for next-generation system leaders",
        "SEL Challenge Fund",
        "Walking in each other's shoes",
        "Entering ICS leadership roles",
        "Frontline clinicians and care professionals",
    ]:
        assert words.replace("'", "&#x27;") in html or words in html
    assert f'href="{reverse("account_signup")}"' in html and f'href="{reverse("account_login")}"' in html
    assert 'href="#maincontent"' in html and 'id="maincontent"' in html
    assert "© NHS South East London ICB" in html or "&copy; NHS South East London ICB" in html
    assert "nhsuk-header__navigation" not in html  # no primary navigation for anonymous people


def test_leader_without_profile_is_prompted(client_as):
    client, user = client_as("leader", first_name="Mary")
    response = client.get(reverse("ui:home"))
    html = response.content.decode()
    assert title_of(response) == "Your Academy - SEL Systems Leadership Academy"
    assert "Hello Mary" in html
    assert "Complete your leader profile" in html
    assert "Manage roles" not in html
    # The header shows who is signed in and a sign-out form that posts.
    assert user.get_full_name() in html
    assert re.search(
        rf'<form class="nhsuk-header__account-form" action="{reverse("account_logout")}" method="post"', html
    )
    assert f'href="{reverse("mfa_index")}">Sign-in and security<' in html


def test_governance_sees_manage_roles_card(client_as):
    client, _ = client_as("governance")
    html = client.get(reverse("ui:home")).content.decode()
    assert "Manage roles" in html and f'href="{reverse("accounts:roles")}"' in html


@pytest.mark.parametrize("name", ["ui:privacy", "ui:accessibility"])
def test_statements_are_public(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<nav class="nhsuk-breadcrumb" aria-label="Breadcrumb">' in html
    assert (
        f'<a class="nhsuk-back-link" href="{reverse("ui:home")}">'
        '<span class="nhsuk-u-visually-hidden">Back to </span>Home</a>' in html
    )


def test_privacy_notice_explains_equality_monitoring(client):
    html = client.get(reverse("ui:privacy")).content.decode()
    for words in [
        "Article 9(2)(g)",
        "Schedule 1, paragraph 8",
        "fewer than 5",
        "never used to make decisions about you",
    ]:
        assert words in html
    assert "WCAG" in client.get(reverse("ui:accessibility")).content.decode()


def nav_labels(html: str) -> list[str]:
    nav = re.search(r'<nav class="nhsuk-header__navigation".*?</nav>', html, re.S)
    if not nav:
        return []
    return [
        re.sub(r"<[^>]+>", "", label).strip()
        for label in re.findall(
            r'class="nhsuk-header__navigation-link" href="[^"]*"[^>]*>(.*?)</a>', nav.group(0), re.S
        )
    ]


@pytest.mark.parametrize(
    ("role", "sees_roles"),
    [
        ("leader", False),
        ("governance", True),
        ("superuser", True),
        ("programme_admin", False),
        ("evaluator", False),
    ],
)
def test_navigation_shows_roles_only_to_those_who_manage_them(client_as, role, sees_roles):
    client, _ = client_as(role)
    labels = nav_labels(client.get(reverse("ui:home")).content.decode())
    assert labels[0] == "Programmes"  # the NHS logo links home, so the bar keeps its room for work
    assert ("Roles" in labels) is sees_roles


def test_navigation_marks_the_current_page(client_as):
    client, _ = client_as("leader")
    html = client.get(reverse("programmes:my_academy")).content.decode()
    assert f'href="{reverse("programmes:my_academy")}" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1


def test_navigation_costs_no_queries_beyond_the_role_lookup(rf, person, django_assert_num_queries):
    from academy.ui.context_processors import navigation

    user = person("governance")
    user = type(user).objects.get(pk=user.pk)  # fresh: nothing cached yet
    request = rf.get("/")
    request.user = user
    with django_assert_num_queries(1):
        items = navigation(request)["nav_items"]
    assert "Roles" in [item["label"] for item in items]


def test_navigation_is_empty_for_anonymous_people(rf):
    from django.contrib.auth.models import AnonymousUser

    from academy.ui.context_processors import navigation

    request = rf.get("/")
    request.user = AnonymousUser()
    assert navigation(request) == {"nav_items": []}


def test_invalid_form_page_has_error_title_and_summary(client):
    response = client.post(reverse("account_signup"), {"email": "not an email"})
    assert response.status_code == 200
    html = response.content.decode()
    assert title_of(response).startswith("Error: ")
    summary = re.search(r'<div class="nhsuk-error-summary".*?</ul>', html, re.S).group(0)
    assert 'tabindex="-1"' in summary and 'role="alert"' in summary
    for field in ["first_name", "last_name", "email", "password1", "password2"]:
        assert f'href="#id_{field}"' in summary
    # The summary comes before the page's heading, and the message is repeated beside the field.
    assert html.index("nhsuk-error-summary") < html.index("<h1")
    assert 'id="id_email-error"' in html


def test_error_summary_links_radios_to_the_first_option():
    from django import forms
    from django.template.loader import render_to_string

    class RoleForm(forms.Form):
        role = forms.ChoiceField(label="Role", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    form = RoleForm(data={})
    form.is_valid()
    html = render_to_string("ui/error_summary.html", {"form": form})
    assert '<a href="#id_role_0">Select role</a>' in html


def test_messages_are_shown_as_notification_banners(client_as):
    client, _ = client_as("leader")
    response = client.post(reverse("account_logout"), follow=True)
    html = response.content.decode()
    assert "nhsuk-notification-banner" in html
    assert 'role="alert"' in html or 'role="status"' in html


def test_not_found_page_uses_nhs_wording(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "If you typed the web address, check it was correct." in html


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "/static/vendor/nhsuk-frontend-10.6.1/css/nhsuk-frontend.min.css" in html


def test_permission_denied_page_uses_nhs_wording(client_as):
    client, _ = client_as("leader")
    response = client.get(reverse("accounts:roles"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have permission to view this page" in html
    assert (
        title_of(response) == "Error: You do not have permission to view this page - SEL Systems Leadership Academy"
    )


def test_a_name_with_an_apostrophe_is_shown_escaped_once(client):
    """The factories avoid O'Brien-style names so tests can look for names in a page; this test keeps them
    covered: the header shows the name as text, escaped once, never doubled or raw."""
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(first_name="Siobhan", last_name="O'Neill"))
    page = client.get(reverse("ui:home")).content.decode()
    assert "Siobhan O&#x27;Neill" in page
    assert "O'Neill" not in page and "&amp;#x27;" not in page
