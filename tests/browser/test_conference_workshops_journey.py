"""Workshop choices in headless Chromium, with axe-core and the layout check on every page (1280 and 320 px): a
leader with a confirmed registration takes a place at one workshop, joins the waiting list of a full one, then
leaves the first; the team sees the places, the waiting list and the names."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.conference import workshops
from programmes.conference.models import WorkshopChoice
from programmes.core.models import Programme
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.workshop_helpers import attendee, workshop_edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOMY, FULL = "Mapping the frailty pathway together", "Coaching conversations for system leaders"


def test_a_leader_chooses_joins_a_waiting_list_and_leaves_and_the_team_sees_the_names(visit, client):
    page = visit.page
    edition, (roomy, full) = workshop_edition(titles=[ROOMY, FULL], seats=3)
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    workshops.set_workshop_capacity(admin, edition, full, 1)
    workshops.choose_workshop(attendee(edition, first_name="Tendai", last_name="Mukasa"), edition, full)
    leader = attendee(edition, first_name="Imogen", last_name="Quartey")

    visit.sign_in_as(client, leader)
    visit.go(f"/conference/{edition.slug}/workshops/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Choose your workshops")).to_be_visible()
    visit.check("choices")
    main.get_by_role("button", name=f"Take a place for {ROOMY}").click()
    expect(main.get_by_text(f"You have a place at “{ROOMY}”")).to_be_visible()
    expect(main.get_by_text("You have a place", exact=True)).to_be_visible()
    main.get_by_role("button", name=f"Join the waiting list for {FULL}").click()
    expect(main.get_by_text("you are on its waiting list")).to_be_visible()
    expect(main.get_by_text("Waiting list: number 1")).to_be_visible()
    visit.check("waiting")
    main.get_by_role("button", name=f"Give up my place for {ROOMY}").click()
    expect(main.get_by_text(f"You are no longer down for “{ROOMY}”")).to_be_visible()
    expect(main.get_by_role("button", name=f"Take a place for {ROOMY}")).to_be_visible()
    states = dict(WorkshopChoice.objects.filter(user=leader).values_list("workshop__proposal__title", "state"))
    assert states == {ROOMY: "left", FULL: "waiting"}

    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/workshops/")
    expect(main.get_by_role("link", name=FULL)).to_be_visible()
    visit.check("team-list")
    main.get_by_role("link", name=FULL).click()
    expect(main.get_by_text("Tendai Mukasa")).to_be_visible()
    expect(main.get_by_text("Imogen Quartey")).to_be_visible()
    visit.check("team-names")


def test_the_team_releases_moves_and_sees_a_workshop_over_its_room_and_a_person_down_for_two(visit, client):
    from programmes.conference import schedule_services  # noqa: PLC0415
    from programmes.conference.models import Room  # noqa: PLC0415
    from tests.programmes.conference.schedule_helpers import at  # noqa: PLC0415

    page = visit.page
    edition, (roomy, full) = workshop_edition(titles=[ROOMY, FULL], seats=30)
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    people = [attendee(edition) for _ in range(2)]
    for person in people:
        workshops.choose_workshop(person, edition, roomy)
    both = attendee(edition, first_name="Ada", last_name="Okafor")
    workshops.choose_workshop(both, edition, roomy)
    workshops.choose_workshop(both, edition, full)  # at 10am, so no clash yet
    quiet = Room.objects.create(edition=edition, name="Quiet room", capacity=2)
    schedule_services.place_session(admin, roomy, room=quiet, starts_at=at(edition, 9))
    annexe = Room.objects.create(edition=edition, name="Annexe", capacity=30)
    schedule_services.place_session(admin, full, room=annexe, starts_at=at(edition, 9))

    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/schedule/release/")
    main = page.locator("main")
    main.get_by_role("button", name="Release version 2").click()
    expect(page.get_by_text(f"“{ROOMY}” now has 3 places taken and its room, Quiet room, seats 2")).to_be_visible()
    expect(page.get_by_text("1 person is now down for two workshops at the same time")).to_be_visible()
    visit.check("released-over-room")
    visit.go(f"/conference/manage/editions/{edition.pk}/workshops/")
    expect(main.get_by_text("Over the room's 2 seats")).to_be_visible()
    expect(main.get_by_role("heading", name="Down for two workshops at the same time")).to_be_visible()
    expect(main.get_by_text("Ada Okafor")).to_be_visible()
    visit.check("team-list-over-room")
