"""Conference decisions in headless Chromium, with axe-core and the layout check on every page: the team
records decisions on the ranked list (with a mistake first), edits the acceptance email, reads the outbox,
sends through the confirm page, reads the speakers list; the accepted speaker confirms from "My proposals"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.conference.models import ProposalSpeaker, ProposalState, SpeakerState
from programmes.core.models import Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_decides_checks_the_outbox_sends_and_the_speaker_confirms(visit, client):
    page = visit.page
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    leader = UserFactory(first_name="Sam", last_name="Okoro")
    colleague = UserFactory(first_name="Ada", last_name="Mensah")
    edition = make_edition()
    accepted = make_proposal(edition, speaker=leader, state=ProposalState.SUBMITTED,
                             title="Frailty care across Lewisham & Greenwich")
    invitation = ProposalSpeaker.objects.create(proposal=accepted, user=colleague, email=colleague.email)
    workflow.move(invitation, SpeakerState.ACCEPTED, colleague, update_fields=None)
    declined = make_proposal(edition, state=ProposalState.SUBMITTED, title="Falls prevention in care homes")
    make_proposal(edition, state=ProposalState.SUBMITTED, title="Digital inclusion in Bexley")

    # The team ticks nothing first, then records an acceptance and a rejection (pending: nothing is sent).
    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/ranking/")
    visit.check("ranking")
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect_title_starting(page, "Error: ")
    expect(page.get_by_text("Select at least one proposal").first).to_be_visible()
    visit.check("ranking-errors")
    page.get_by_label(f"Select {accepted.title}").check()
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_label(f"Select {declined.title}").check()
    page.get_by_label("Reject", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Nothing has been sent")).to_be_visible()
    visit.check("ranking-pending")
    assert not Notification.objects.filter(template="conf_decision").exists()

    # The decisions page, the acceptance email, the outbox and the confirm page.
    visit.go(f"/conference/manage/editions/{edition.pk}/")
    page.get_by_role("link", name="Decisions: pending, the outbox and the emails").click()
    visit.check("decisions")
    page.get_by_role("link", name="Email for the decision: accept").click()
    page.get_by_label("Subject").fill("Good news about {title}")
    visit.check("email-template")
    page.get_by_role("button", name="Save the email").click()
    page.get_by_role("link", name="Check the outbox").click()
    page.get_by_text("Accept: Frailty care across Lewisham & Greenwich, to Ada Mensah").click()
    expect(page.get_by_text("Good news about Frailty care across Lewisham & Greenwich").last).to_be_visible()
    visit.check("outbox")
    page.get_by_role("link", name="Send 3 emails").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Send 3 decision emails?"
    visit.check("send-confirm")
    page.get_by_role("button", name="Send the emails").click()
    expect(page.get_by_text("3 emails sent")).to_be_visible()
    visit.check("decisions-sent")
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.ACCEPTED
    assert Notification.objects.filter(template="conf_decision").count() == 3
    visit.go(f"/conference/manage/editions/{edition.pk}/speakers/")
    expect(page.get_by_text("Waiting for an answer", exact=True).last).to_be_visible()
    visit.check("speakers")

    # The speaker confirms from "My proposals".
    visit.sign_in_as(client, leader)
    visit.go("/conference/proposals/")
    visit.check("my-proposals-accepted")
    page.get_by_role("link", name="Confirm or withdraw").click()
    visit.check("confirm")
    page.get_by_label("Yes, I confirm I will speak").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Confirmed: you are speaking")).to_be_visible()
    visit.check("my-proposals-confirmed")
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.CONFIRMED
