"""After a Big Room, in headless Chromium with axe-core and the layout check on every page: the network's
admin takes the register (one person did not come), adds a walk-in, the recording link and the slides; a leader who
came gives feedback (a mistake first); the admin reads the feedback's figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from programmes.network import followup_services, services
from programmes.network.models import Attendance, Event, EventFeedback
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_walk_in_recording_and_feedback(visit, client, tmp_path):
    page = visit.page
    event = EventFactory(title="Big Room: winter pressures", capacity=30, table_size=4)
    organisations = [OrganisationFactory(name=name) for name in (
        "Lewisham and Greenwich NHS Trust", "Royal Borough of Greenwich", "Bromley Healthcare",
        "Age UK Lewisham and Southwark", "Oxleas NHS Foundation Trust")]
    leader = LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor"),
                                  organisation=organisations[0]).user
    others = [LeaderProfileFactory(organisation=organisations[i % 5]).user for i in range(7)]
    for person in [leader, *others]:
        services.rsvp(person, event)
    start = (timezone.now() - dt.timedelta(days=1)).replace(hour=13, minute=30, second=0, microsecond=0)
    Event.objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    walk_in = LeaderProfileFactory(user=UserFactory(first_name="Tomasz", last_name="Nowak")).user

    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go(f"/network/manage/events/{event.pk}/")
    visit.check("after-event-manage")
    page.get_by_role("link", name="Take the register").click()
    visit.check("after-register")
    absent = others[-1]
    page.get_by_label(absent.get_full_name(), exact=False).uncheck()
    page.get_by_role("button", name="Save the register").click()
    expect(page.get_by_text("The register is saved: 7 came, 1 did not come.")).to_be_visible()
    page.get_by_role("link", name="Change the register").click()
    page.get_by_label("Add someone who came without a place").fill("nobody@example.org")
    page.get_by_role("button", name="Add them as came").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("after-register-walk-in-error")
    page.get_by_label("Add someone who came without a place").fill(walk_in.email)
    page.get_by_role("button", name="Add them as came").click()
    expect(page.get_by_text("Tomasz Nowak is on the register as came.")).to_be_visible()
    visit.check("after-register-taken")
    assert Attendance.objects.filter(event=event, attended=True).count() == 8

    visit.go(f"/network/manage/events/{event.pk}/edit/")
    page.get_by_label("Link to the recording").fill("http://example.org/recording")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("after-recording-error")
    page.get_by_label("Link to the recording").fill("https://www.youtube.com/watch?v=sel-big-room")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#organisations-came")).to_be_visible()
    visit.check("after-event-manage-with-register")

    page.get_by_role("link", name="Upload the slides").click()
    visit.check("after-slides")
    slides = tmp_path / "Big Room slides.pdf"
    slides.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    page.get_by_label("The slides file").set_input_files(str(slides))
    page.get_by_role("button", name="Upload the slides").click()
    expect(page.get_by_text("The slides have been uploaded.")).to_be_visible()

    for person in others[:5]:
        followup_services.give_feedback(person, event, rating=4, met_other_organisation=True,
                                        improve="More time at the tables.")

    visit.sign_in_as(client, leader)
    visit.go(f"/network/events/{event.pk}/")
    visit.check("after-event-page")
    expect(page.get_by_role("link", name="Watch the recording")).to_be_visible()
    expect(page.get_by_role("link", name="Download the slides: Big Room slides.pdf", exact=False)).to_be_visible()
    page.get_by_role("link", name="Give your feedback").click()
    visit.check("after-feedback")
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("after-feedback-error")
    page.get_by_label("5", exact=True).check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("What would make the next Big Room better?").fill("<b>A quieter room</b>")
    page.get_by_role("button", name="Send my feedback").click()
    expect(page.get_by_text("Thank you: your feedback is saved.")).to_be_visible()
    visit.check("after-event-page-feedback-given")
    assert EventFeedback.objects.filter(event=event).count() == 6

    visit.sign_in_as(client, admin)
    visit.go(f"/network/manage/events/{event.pk}/feedback/")
    expect(page.get_by_text("<b>A quieter room</b>")).to_be_visible()
    visit.check("after-feedback-figures")
