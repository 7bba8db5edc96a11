"""Issue 10 in the browser: a bid's lead invites a colleague, who is not a co-applicant until they accept; the
colleague finds the invitation on their home page, reads what accepting means, accepts, and then sees the bid."""

from __future__ import annotations

import pytest

from programmes.challenge_fund.models import CoApplicantState
from tests.browser.titles import expect_title_starting
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_invites_a_colleague_who_accepts_and_then_sees_the_bid(visit, client):
    page = visit.page
    bid = BidFactory(
        title="Frailty & falls at Guy's",
        lead=LeaderProfileFactory(user__first_name="Amara", user__last_name="Okafor").user,
    )
    colleague = LeaderProfileFactory(user__first_name="Tom", user__last_name="O'Neill").user

    # The lead invites the colleague.
    visit.sign_in_as(client, bid.lead)
    visit.go(f"/challenge-fund/bids/{bid.pk}/partners/")
    page.get_by_role("button", name="Invite co-applicant").click()
    expect_title_starting(page, "Error: ")
    visit.check("invite-error")
    page.get_by_label("Co-applicant's email address").fill(colleague.email)
    page.get_by_role("button", name="Invite co-applicant").click()
    assert page.get_by_text(f"We have emailed an invitation to {colleague.email}").count() == 1
    assert page.get_by_text("Invited: waiting for an answer").count() == 1
    visit.check("partners-with-invitation")
    invitation = bid.coapplicants.get()
    assert invitation.state == CoApplicantState.INVITED

    # Until they accept, the bid is not theirs.
    page.context.clear_cookies()
    visit.sign_in_as(client, colleague)
    response = visit.go(f"/challenge-fund/bids/{bid.pk}/")
    assert response.status == 404
    visit.console_errors.clear()  # Chromium reports the 404 we asked for as a console error

    # Their home page shows the invitation; they open it, accept, and see the bid.
    visit.go("/")
    page.get_by_role("link", name=f"Invitation to be a co-applicant: {bid.title}").click()
    assert page.get_by_role("heading", name="Invitation to be a co-applicant").count() == 1
    assert page.get_by_text("What accepting means").count() == 1
    visit.check("invitation")
    page.get_by_role("button", name="Send your answer").click()
    expect_title_starting(page, "Error: ")
    visit.check("invitation-error")
    page.get_by_label("Yes, accept the invitation").check()
    page.get_by_role("button", name="Send your answer").click()
    assert page.get_by_text(f"You are now a co-applicant on '{bid.title}'").count() == 1
    assert page.get_by_role("heading", name=bid.title).count() >= 1
    visit.check("bid-after-accepting")
    invitation.refresh_from_db()
    assert invitation.state == CoApplicantState.ACCEPTED

    # The lead sees that they accepted.
    page.context.clear_cookies()
    visit.sign_in_as(client, bid.lead)
    visit.go(f"/challenge-fund/bids/{bid.pk}/partners/")
    assert page.get_by_text("Tom O'Neill").count() >= 1
    assert page.locator(".nhsuk-tag", has_text="Co-applicant").count() == 1
