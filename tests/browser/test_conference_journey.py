"""The conference's first slice in headless Chromium, with axe-core on every page: the conference team sets up
an edition and opens its call, a leader proposes a talk with a co-speaker, the co-speaker accepts, and the team
sees the proposal in its list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.conference.models import Proposal, ProposalSpeaker, ProposalState, SpeakerState
from programmes.core.models import Programme
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_opens_a_call_a_leader_proposes_with_a_co_speaker_and_the_team_sees_it(visit, client):
    page = visit.page
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    leader = UserFactory(first_name="Sam", last_name="Okoro")
    colleague = UserFactory(first_name="Ada", last_name="Mensah")
    first_day = timezone.localdate() + dt.timedelta(days=120)

    # The conference team sets up an edition, a room, a session type and the call, and publishes it.
    visit.sign_in_as(client, admin)
    visit.go("/conference/manage/")
    visit.check("manage")
    page.get_by_role("link", name="Create an edition").click()
    page.get_by_label("Name").fill("Innovation in SEL System Leadership 2027")
    fill_date(page, "First day", first_day)
    fill_date(page, "Last day", first_day)
    page.get_by_label("Venue").fill("Guy's Campus, London Bridge")
    page.get_by_role("button", name="Save edition").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Innovation in SEL System Leadership 2027"
    visit.check("edition")
    page.get_by_role("link", name="Add a room").click()
    page.get_by_label("Room name").fill("Great Hall")
    page.get_by_label("Capacity").fill("0")
    page.get_by_role("button", name="Save room").click()
    expect_title_starting(page, "Error: ")
    visit.check("room-errors")
    page.get_by_label("Capacity").fill("400")
    page.get_by_role("button", name="Save room").click()
    page.get_by_role("link", name="Add a session type").click()
    page.get_by_label("Type of session").select_option(label="Talk")
    page.get_by_label("Length in minutes").fill("20")
    deadline = page.get_by_role("group", name=re.compile(r"Proposal deadline"))
    fill_date(page, "Proposal deadline", first_day - dt.timedelta(days=30))
    deadline.get_by_label("Time").fill("5pm")
    page.get_by_label("Most co-speakers").fill("1")
    visit.check("session-type")
    page.get_by_role("button", name="Save session type").click()
    page.get_by_role("link", name="Write the call for proposals").click()
    page.get_by_label("Guidance for speakers").fill("Tell us about change across organisations.")
    page.get_by_label("Ask speakers about their access needs").check()
    page.get_by_role("button", name="Save the call").click()
    page.get_by_role("link", name="Publish the edition").click()
    visit.check("publish")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("its call for proposals is open")).to_be_visible()

    # A leader reads the call and proposes a talk, invites a colleague and submits it.
    visit.sign_in_as(client, leader)
    visit.go("/conference/")
    visit.check("index")
    page.get_by_role("link", name="Innovation in SEL System Leadership 2027").click()
    visit.check("call")
    page.get_by_role("link", name="Propose a session").click()
    page.get_by_label("Talk (20 minutes)").check()
    page.get_by_label("Title").fill("Frailty care across Lewisham and Greenwich")
    page.get_by_label("Abstract").fill("One urgent response for older people, across three organisations.")
    visit.check("propose")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Draft: not sent yet")).to_be_visible()
    visit.check("proposal-draft")
    page.get_by_role("link", name="Invite a co-speaker").click()
    page.get_by_label("Co-speaker's email address").fill(colleague.email)
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_role("link", name="Submit the proposal").click()
    page.get_by_role("button", name="Submit proposal").click()
    proposal = Proposal.objects.get(speaker=leader)
    assert proposal.state == ProposalState.SUBMITTED
    visit.go("/conference/proposals/")
    expect(page.get_by_text("Submitted", exact=True)).to_be_visible()
    visit.check("my-proposals")

    # The colleague accepts the invitation.
    invitation = ProposalSpeaker.objects.get(proposal=proposal)
    visit.sign_in_as(client, colleague)
    visit.go(f"/conference/invitations/{invitation.pk}/")
    visit.check("invitation")
    page.get_by_label("Yes, accept the invitation").check()
    page.get_by_role("button", name="Send your answer").click()
    invitation.refresh_from_db()
    assert invitation.state == SpeakerState.ACCEPTED

    # The team sees the proposal, with both speakers.
    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{proposal.edition_id}/proposals/")
    table = page.locator("table").inner_text()
    assert "Frailty care across Lewisham and Greenwich" in table and "Ada Mensah" in table
    visit.check("proposals")
