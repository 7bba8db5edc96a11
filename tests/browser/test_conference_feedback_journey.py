"""After the conference in headless Chromium, with axe-core and the layout check on every page: a speaker adds
their session's slides and recording; an attendee gives feedback on the day (a mistake first) and on the
session, and downloads the slides from the session's page; the conference team reads the figures."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.conference.models import DayFeedback, ProposalState, SessionFeedback, SessionMaterial
from programmes.core import uploads
from programmes.core.models import Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, make_registration, make_ticket_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_slides_then_feedback_then_the_figures(visit, client):
    page = visit.page
    edition = make_edition(days_to_deadline=-30, days_to_start=-3)
    speaker = UserFactory(first_name="Amara", last_name="Mensah")
    session = make_proposal(edition, speaker=speaker, state=ProposalState.CONFIRMED,
                            title="Twelve months of the Greenwich front door")
    ticket_type = make_ticket_type(edition, capacity=50)
    attendee = UserFactory(first_name="Sam", last_name="Okoro")
    make_registration(ticket_type, user=attendee)
    for rating in (3, 4, 4, 5, 5):
        person = make_registration(ticket_type).user
        DayFeedback.objects.create(edition=edition, person=person, rating=rating, improve="Longer breaks")
        SessionFeedback.objects.create(proposal=session, person=person, rating=rating, comment="Useful")

    visit.sign_in_as(client, speaker)
    visit.go(f"/conference/proposals/{session.pk}/")
    page.get_by_role("link", name="Add the slides and the link to the recording").click()
    expect(page.get_by_role("heading", name="Slides and recording")).to_be_visible()
    visit.check("material")
    page.get_by_label("The slides file (optional)").set_input_files({
        "name": "Greenwich front door.pdf", "mimeType": "application/pdf",
        "buffer": uploads.simple_pdf("Greenwich front door", ["One number for every referral"]),
    })
    page.get_by_label("Link to the recording (optional)").fill("https://video.example.org/front-door")
    page.get_by_role("button", name="Save the slides and recording").click()
    expect(page.get_by_text("The session's slides and recording are saved")).to_be_visible()
    visit.check("session-speaker")
    assert SessionMaterial.objects.get().original_name == "Greenwich front door.pdf"

    visit.sign_in_as(client, attendee)
    visit.go(f"/conference/{edition.slug}/feedback/")
    visit.check("feedback")
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect_title_starting(page, "Error: ")
    visit.check("feedback-errors")
    page.get_by_label("4", exact=True).check()
    page.get_by_label("What would make the next conference better? (optional)").fill("<b>More</b> time to talk")
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_text("Thank you: your feedback on the conference is saved")).to_be_visible()
    page.get_by_role("link", name=f"give feedback on {session.title}").click()
    expect(page.get_by_role("heading", name=f"Your feedback on {session.title}")).to_be_visible()
    visit.check("session-feedback")
    page.get_by_label("5", exact=True).check()
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_text("feedback given")).to_be_visible()
    page.get_by_role("link", name=session.title).click()
    expect(page.get_by_role("heading", name=session.title)).to_be_visible()
    visit.check("session")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download the slides of {session.title}").click()
    assert download.value.suggested_filename == "Greenwich front door.pdf"
    assert DayFeedback.objects.get(person=attendee).improve == "<b>More</b> time to talk"

    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/")
    page.get_by_role("link", name="Feedback from attendees: the day and each session").click()
    expect(page.get_by_role("heading", name="Feedback", exact=True)).to_be_visible()
    expect(page.get_by_text("<b>More</b> time to talk")).to_be_visible()
    assert "Sam Okoro" not in page.content()
    visit.check("feedback-figures")
