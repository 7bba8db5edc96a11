"""The conference schedule in headless Chromium, with axe-core and the layout check on every page (1280 and 320
px): the team places a session by keyboard (room and time lists, no dragging; htmx swaps the editor), makes a
mistake first (a room already used: a warning; a time outside the day: refused), releases version 1 through the
confirm page; a leader reads the programme, filters it, opens a speaker's page and adds a favourite."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.conference.models import Favourite, Placement, ProposalState, Room, ScheduleVersion, SpeakerProfile
from programmes.core.models import Programme
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_places_by_keyboard_releases_and_a_leader_reads_the_programme(visit, client):
    page = visit.page
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    edition = make_edition()
    Room.objects.create(edition=edition, name="Seminar room 1", capacity=40)
    speaker = UserFactory(first_name="Ola", last_name="Bello")
    SpeakerProfile.objects.create(user=speaker, role="District nurse", organisation="Bromley Healthcare",
                                  bio="Twenty years in district nursing.", public_bio=True)
    frailty = make_proposal(edition, state=ProposalState.ACCEPTED, title="Frailty at home", speaker=speaker)
    make_proposal(edition, state=ProposalState.CONFIRMED, title="Virtual wards that GPs trust")

    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/schedule/")
    visit.check("editor")
    # By keyboard: focus the room list, choose with the arrow keys, then the time, then press Enter on "Place".
    room = page.get_by_label("Room for Frailty at home")
    room.focus()
    room.select_option(label="Great Hall")
    page.get_by_label("Starts at for Frailty at home").select_option(label="10am")
    page.get_by_role("button", name="Place Frailty at home").press("Enter")
    expect(page.get_by_text("“Frailty at home” is placed in Great Hall")).to_be_visible()
    visit.check("placed")
    # The other session in the same room at the same time: placed, with a warning.
    page.get_by_label("Room for Virtual wards that GPs trust").select_option(label="Great Hall")
    page.get_by_label("Starts at for Virtual wards that GPs trust").select_option(label="10am")
    page.get_by_role("button", name="Place Virtual wards that GPs trust").click()
    expect(page.get_by_text("Great Hall is used twice at 10am")).to_be_visible()
    visit.check("warning")
    # Move it to the seminar room with too long a length for the day's end: refused, the editor shows why.
    page.get_by_label("Room for Virtual wards that GPs trust").select_option(label="Seminar room 1")
    page.get_by_label("Starts at for Virtual wards that GPs trust").select_option(label="5pm")
    page.get_by_label("Length in minutes (optional) for Virtual wards that GPs trust").fill("60")
    page.get_by_role("button", name="Move Virtual wards that GPs trust").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    visit.check("refused")
    page.get_by_label("Starts at for Virtual wards that GPs trust").select_option(label="11am")
    page.get_by_role("button", name="Move Virtual wards that GPs trust").click()
    expect(page.get_by_text("“Virtual wards that GPs trust” is placed in Seminar room 1")).to_be_visible()
    expect(page.get_by_text("Great Hall is used twice")).to_have_count(0)
    assert Placement.objects.count() == 2

    page.get_by_role("link", name="Release the schedule").click()
    expect(page.get_by_role("heading", name="Release version 1 of the schedule?")).to_be_visible()
    visit.check("release")
    page.get_by_role("button", name="Release version 1").click()
    page.wait_for_url(re.compile(r"/schedule/versions/$"))
    expect(page.get_by_role("heading", name="Version 1")).to_be_visible()
    visit.check("versions")
    assert ScheduleVersion.objects.get(edition=edition).number == 1
    assert Notification.objects.filter(template="conf_schedule_changed", recipient=speaker).count() == 1

    leader = UserFactory(first_name="Sam", last_name="Okoro")
    visit.sign_in_as(client, leader)
    visit.go(f"/conference/{edition.slug}/programme/")
    expect(page.get_by_role("heading", name=f"Programme: {edition.name}")).to_be_visible()
    visit.check("programme")
    page.get_by_label("Room").select_option(label="Seminar room 1")
    page.get_by_role("button", name="Show sessions").click()
    page.wait_for_url(re.compile(r"room="))
    expect(page.get_by_text("1 session.")).to_be_visible()
    page.get_by_role("link", name="Show every session").click()
    page.wait_for_url(re.compile(r"/programme/$"))
    page.get_by_role("button", name="Add to favourites Frailty at home").click()
    expect(page.get_by_text("“Frailty at home” is one of your favourites.")).to_be_visible()
    visit.check("favourite")
    assert Favourite.objects.filter(user=leader, proposal=frailty).exists()
    page.get_by_role("link", name="Ola Bello").click()
    expect(page.get_by_text("District nurse, Bromley Healthcare")).to_be_visible()
    visit.check("speaker")
    visit.go("/conference/programme/calendar-feed/")
    page.get_by_role("button", name="Set up your calendar feed").click()
    expect(page.get_by_text("Your feed address")).to_be_visible()
    visit.check("feed")
