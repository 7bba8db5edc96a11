"""Network coaching, pull not push, in headless Chromium with axe-core and the layout check on every page:
the coaching lead adds a coach to the pool, a member asks for coaching for their team, the lead offers it
to the coach, the coach accepts and logs a session (a date and a count), the coachee sees it and ends the
coaching; the network's admins see only the anonymised figures."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from programmes.network.models import CoachingRequest, CoachingSession, CoachingState
from tests.conftest import give_mfa
from tests.factories import coaching
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_assign_accept_log_and_end_coaching(visit, client):
    page = visit.page
    lead = UserFactory(first_name="Nadia", last_name="Hussain")
    grant_role(None, lead, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(lead)
    coach_person = LeaderProfileFactory(user=UserFactory(first_name="Grace", last_name="Oduya")).user
    coachee = coaching.member(user__first_name="Amara", user__last_name="Okafor")
    for _ in range(2):
        coaching.request()  # others waiting, so the lead's list has rows

    # The coaching lead adds a coach to the pool.
    visit.sign_in_as(client, lead)
    visit.go("/network/manage/")
    page.get_by_role("link", name="Coaching requests and coaches").click()
    visit.check("coaching-requests")
    page.get_by_role("link", name="The pool of coaches").click()
    visit.check("coaching-pool-empty")
    page.get_by_role("link", name="Add a coach").click()
    page.get_by_role("button", name="Add the coach").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("coaching-add-coach-errors")
    page.get_by_label("The coach's email address").fill(coach_person.email)
    page.get_by_label("International Coaching Federation (ICF)").check()
    page.get_by_label("Level of accreditation").fill("Professional Certified Coach (PCC)")
    page.get_by_label("Specialisms").fill("Team coaching; leading across organisations")
    page.get_by_label("How many coachees at once").fill("3")
    page.get_by_role("button", name="Add the coach").click()
    expect(page.get_by_text("The coach has been added to the pool.")).to_be_visible()
    visit.check("coaching-pool")

    # A member asks for coaching for their team.
    visit.sign_in_as(client, coachee)
    visit.go("/network/membership/")
    page.get_by_role("link", name="Coaching", exact=True).click()
    visit.check("coaching-index")
    page.get_by_role("link", name="Ask for coaching").click()
    visit.check("coaching-request")
    page.get_by_label("My team").check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("coaching-request-errors")
    page.get_by_label("If it is for your team, how many people are in it?").fill("6")
    page.get_by_label("What would you like coaching for?").fill(
        "Our discharge team has people from four organisations: we want to work as one team."
    )
    page.get_by_label("Within a month").check()
    page.get_by_label("Online", exact=True).check()
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request has been sent")).to_be_visible()
    visit.check("coaching-requested")
    request = CoachingRequest.objects.get(requester=coachee)

    # The lead offers it to the coach.
    visit.sign_in_as(client, lead)
    visit.go("/network/manage/coaching/")
    page.get_by_role("link", name="Assign a coach to Amara Okafor").click()
    visit.check("coaching-assign")
    page.get_by_label("Grace Oduya", exact=False).check()
    page.get_by_role("button", name="Offer to this coach").click()
    expect(page.get_by_text("The request has been offered to the coach")).to_be_visible()

    # The coach accepts and logs a session.
    visit.sign_in_as(client, coach_person)
    visit.go("/network/coaching/coach/")
    visit.check("coach-page-offered")
    page.get_by_role("link", name="Accept coaching Amara Okafor").click()
    visit.check("coaching-accept")
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("You have accepted")).to_be_visible()
    visit.check("coaching-relationship-coach")
    today = timezone.localdate()
    page.get_by_label("Day", exact=True).fill(str(today.day))
    page.get_by_label("Month", exact=True).fill(str(today.month))
    page.get_by_label("Year", exact=True).fill(str(today.year))
    page.get_by_role("button", name="Log the session").click()
    expect(page.get_by_text("The session has been logged.")).to_be_visible()
    visit.check("coaching-session-logged")
    assert CoachingSession.objects.get(request=request).count == 1

    # The coachee sees their coach and the session count, and ends the coaching.
    visit.sign_in_as(client, coachee)
    visit.go(f"/network/coaching/{request.pk}/")
    expect(page.get_by_text(coach_person.email)).to_be_visible()
    visit.check("coaching-relationship-coachee")
    page.get_by_role("link", name="End the coaching").click()
    visit.check("coaching-end")
    page.get_by_role("button", name="End the coaching").click()
    expect(page.get_by_text("The coaching has ended.")).to_be_visible()
    request.refresh_from_db()
    assert request.state == CoachingState.ENDED

    # The network's admin (a superuser) sees counts only, and not the relationship.
    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_mfa(superuser)
    visit.sign_in_as(client, superuser)
    visit.go("/network/manage/coaching/figures/")
    visit.check("coaching-figures")
    assert "Amara" not in page.content()
    assert page.goto(visit.url(f"/network/coaching/{request.pk}/")).status == 404
