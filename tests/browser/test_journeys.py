"""Journeys a real person takes, in headless Chromium, with axe-core on every page they see."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from academy.accounts.models import Role, RoleAssignment, User
from academy.accounts.services import grant_role
from academy.directory.models import EqualityMonitoring, LeaderProfile
from tests.browser.titles import expect_title_starting
from tests.factories.accounts import TEST_PASSWORD, UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.totp import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def test_sign_up_verify_and_complete_a_profile(visit, settings):
    page = visit.page
    colleague = LeaderProfileFactory(listed_in_directory=True)

    visit.go("/")
    visit.check("home-anonymous")
    page.get_by_role("link", name="Create an account").first.click()
    visit.check("sign-up")

    submit(page)
    expect_title_starting(page, "Error: ")
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("sign-up-errors")

    page.get_by_label("First name", exact=True).fill("Adaeze")
    page.get_by_label("Last name", exact=True).fill("Okafor")
    page.get_by_label("Email", exact=False).first.fill("adaeze.okafor@example.nhs.uk")
    page.locator("input[name=password1]").fill(TEST_PASSWORD)
    page.locator("input[name=password2]").fill(TEST_PASSWORD)
    submit(page)
    visit.check("verify-email-sent")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    visit.go(link[link.index("/accounts/") :])
    visit.check("confirm-email")
    submit(page)
    visit.check("home-signed-in")

    page.get_by_role("link", name=re.compile("Complete your leader profile")).first.click()
    visit.check("profile-form")
    page.get_by_role("group", name="Do you have a line manager?").get_by_label("Yes", exact=True).check()
    manager_email = page.get_by_label("If you have one: your line manager's email address", exact=True)
    manager_email.fill("adaeze.okafor@example.nhs.uk")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("profile-form-errors")

    page.get_by_label("Profession", exact=True).select_option(label="Nursing")
    page.get_by_label("Organisation you work for", exact=True).select_option(index=1)
    page.get_by_label("Borough (optional)", exact=True).select_option(label="Lewisham")
    page.get_by_label("Frontline clinicians and care professionals", exact=True).check()
    page.get_by_label("Established practitioner", exact=True).check()
    page.get_by_label("Job title", exact=True).fill("Ward manager, older people's services")
    page.get_by_label("Care standards", exact=True).check()
    page.get_by_label("If you have one: your line manager's full name", exact=True).fill("Grace Mensah")
    manager_email.fill("grace.mensah@example.nhs.uk")
    page.get_by_label("Show me in the leaders directory", exact=True).check()
    submit(page)
    visit.check("profile")
    profile = LeaderProfile.objects.get(user__email="adaeze.okafor@example.nhs.uk")
    assert profile.profession.name == "Nursing" and profile.listed_in_directory
    assert list(profile.interests.values_list("name", flat=True)) == ["Care standards"]

    visit.go("/directory/profile/equality/")
    visit.check("equality-form")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("equality-errors")
    for question in page.locator("fieldset.nhsuk-fieldset").all():
        radio = question.get_by_label("Prefer not to say")
        if radio.count():
            radio.first.check()
    page.locator("input[name=consent]").check()
    submit(page)
    visit.check("profile-after-equality")
    assert EqualityMonitoring.objects.filter(user=profile.user).exists()

    visit.go("/directory/")
    visit.check("directory")
    page.get_by_label(re.compile("Search by name")).fill(colleague.user.last_name)
    page.locator("main form[method=get] button").first.click()
    visit.check("directory-search")
    assert page.get_by_role("link", name=str(colleague.user)).count() >= 1

    # The organisation box suggests names as the person types (accessible-autocomplete) and keeps its label.
    organisation = colleague.organisation.name
    page.get_by_label("Search by name", exact=False).fill("")
    box = page.get_by_role("combobox", name="Organisation")
    box.fill(organisation[:5])
    page.get_by_role("option", name=organisation).click()
    assert box.input_value() == organisation
    visit.check("directory-organisation-suggestions")
    page.locator("main form[method=get] button").first.click()
    assert page.get_by_role("link", name=str(colleague.user)).count() >= 1
    assert "organisation=" in page.url

    # A name is text: a hostile one is suggested as written, never run as HTML.
    OrganisationFactory(name='<img src=x onerror="window.pwned=1">Hostile Trust')
    box = page.get_by_role("combobox", name="Organisation")
    box.fill("Hostile")
    option = page.get_by_role("option", name=re.compile("Hostile Trust"))
    option.wait_for()
    assert '<img src=x onerror="window.pwned=1">Hostile Trust' in option.inner_text()
    assert page.locator("[role=listbox] img").count() == 0
    assert page.evaluate("window.pwned === undefined")


def test_governance_sets_up_mfa_and_grants_a_role(visit, client):
    page = visit.page
    staff = UserFactory(first_name="Priya", last_name="Shah")
    grant_role(None, staff, Role.GOVERNANCE)
    newcomer = UserFactory(first_name="Tom", last_name="Adeyemi")

    visit.go("/accounts/login/")
    visit.check("sign-in")
    page.get_by_label("Email", exact=False).first.fill(staff.email)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    submit(page)
    assert "/accounts/2fa/totp/activate/" in page.url
    visit.check("mfa-set-up")

    secret = page.locator("#authenticator_secret").input_value().strip()
    page.locator("input[name=code]").fill(current_code(secret))
    submit(page)
    assert "/accounts/2fa/totp/activate/" not in page.url, "the authenticator code was refused"
    visit.check("after-mfa-set-up")

    visit.go("/account/roles/")
    visit.check("roles")
    page.get_by_label("Email address of the person", exact=True).fill(newcomer.email)
    page.get_by_label("Evaluator", exact=True).check()
    submit(page)
    visit.check("roles-after-grant")
    assert RoleAssignment.objects.filter(user=newcomer, role=Role.EVALUATOR).exists()

    visit.go("/account/roles/history/")
    visit.check("role-history")
    assert page.get_by_text("Tom Adeyemi").count() >= 1
    assert User.objects.get(pk=staff.pk).authenticator_set.exists()
