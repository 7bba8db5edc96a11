"""The schedule's pages: the editor (htmx and plain posts, 400 with nothing saved), the release confirm page,
the published programme (filters, favourites, speaker pages, the feed), hostile input and query budgets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from academy import workflow
from programmes.conference import schedule_services
from programmes.conference.models import (
    Favourite,
    Placement,
    ProposalState,
    ScheduleVersion,
    SessionKind,
    SpeakerProfile,
)
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal
from tests.programmes.conference.schedule_helpers import at, released_edition, scheduled_edition

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert(1)</script> =HYPERLINK()"


def _place_data(proposal, room, starts_at, length=""):
    prefix = f"s{proposal.pk}"
    return {f"{prefix}-room": room, f"{prefix}-starts_at": starts_at, f"{prefix}-length_minutes": length}


def test_the_editor_places_a_session_by_plain_post_and_by_htmx(client, conference_admin):
    edition = make_edition()
    proposal = make_proposal(edition, state=ProposalState.ACCEPTED, title="Frailty at home")
    hall = edition.rooms.get()
    client.force_login(conference_admin)
    page = client.get(reverse("conference:schedule", args=[edition.pk]))
    assert page.status_code == 200 and "Sessions to place" in page.content.decode()
    url = reverse("conference:schedule_place", args=[proposal.pk])
    response = client.post(url, _place_data(proposal, hall.pk, at(edition, 10).isoformat()))
    assert response.status_code == 302 and response["Location"].endswith(f"#session-{proposal.pk}")
    assert Placement.objects.get(proposal=proposal).starts_at == at(edition, 10)
    response = client.post(url, _place_data(proposal, hall.pk, at(edition, 11).isoformat(), "30"),
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith("<div id=\"schedule-editor\"") and "is placed in Great Hall" in body
    assert Placement.objects.get(proposal=proposal).minutes == 30
    response = client.post(reverse("conference:schedule_unplace", args=[proposal.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not Placement.objects.exists()


@pytest.mark.parametrize("room, when, message", [
    ("999999", "10:00", "Choose one of this edition&#x27;s rooms"),
    ("", "10:00", "Choose a room"),
    ("hall", "07:00", "must fit in the day"),
    ("hall", "not a time", "Choose a start time from the list"),
])
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_placements_answer_400_with_the_error_summary_and_save_nothing(client, conference_admin, room, when,
                                                                         message, htmx):
    edition = make_edition()
    proposal = make_proposal(edition, state=ProposalState.ACCEPTED)
    hall = edition.rooms.get()
    starts = at(edition, *map(int, when.split(":"))).isoformat() if ":" in when else when
    client.force_login(conference_admin)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(reverse("conference:schedule_place", args=[proposal.pk]),
                           _place_data(proposal, hall.pk if room == "hall" else room, starts), **headers)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert not Placement.objects.exists()


def test_hostile_titles_are_escaped_in_the_editor_the_programme_and_the_speaker_page(client, conference_admin):
    edition = make_edition()
    speaker = UserFactory(first_name="<b>Bold</b>")
    proposal = make_proposal(edition, state=ProposalState.ACCEPTED, title=HOSTILE, abstract=HOSTILE, speaker=speaker)
    SpeakerProfile.objects.create(user=speaker, bio=HOSTILE, public_bio=True, role=HOSTILE)
    schedule_services.place_session(conference_admin, proposal, room=edition.rooms.get(), starts_at=at(edition, 10))
    schedule_services.release_schedule(conference_admin, edition, expected_number=1)
    client.force_login(conference_admin)
    for url in (reverse("conference:schedule", args=[edition.pk]),
                reverse("conference:schedule_versions", args=[edition.pk]),
                reverse("conference:programme", args=[edition.slug]),
                reverse("conference:programme_session", args=[edition.slug, proposal.pk]),
                reverse("conference:programme_speaker", args=[edition.slug, speaker.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body and "<b>Bold</b>" not in body, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url
    # The programme's session page leads to the page with the session's slides, recording and feedback.
    session_page = client.get(reverse("conference:programme_session", args=[edition.slug, proposal.pk]))
    assert reverse("conference:session", args=[proposal.pk]) in session_page.content.decode()


def test_the_release_confirm_page_releases_once(client, conference_admin):
    edition, _placements = scheduled_edition(2)
    client.force_login(conference_admin)
    url = reverse("conference:schedule_release", args=[edition.pk])
    page = client.get(url).content.decode()
    assert "Release version 1 of the schedule?" in page and "Added (2)" in page
    response = client.post(url, {"expected_number": "1", "note": "First"})
    assert response.status_code == 302
    assert client.post(url, {"expected_number": "1"}).status_code == 400  # nothing changed, and already released
    assert ScheduleVersion.objects.filter(edition=edition).count() == 1
    assert "Nothing to release" in client.get(url).content.decode()


def test_the_programme_reads_without_signing_in_and_filters(client):
    edition, placements = released_edition(2)
    workshop = make_proposal(edition, state=ProposalState.ACCEPTED, title="Huddles workshop",
                             session_type=edition.session_types.get(kind=SessionKind.WORKSHOP))
    schedule_services.place_session(workflow.SYSTEM, workshop, room=edition.rooms.get(name="Seminar room 1"),
                                    starts_at=at(edition, 14))
    url = reverse("conference:programme", args=[edition.slug])
    body = client.get(url).content.decode()
    assert "Session 1" in body and "Session 2" in body
    assert "Huddles workshop" not in body  # placed after the release: not published yet
    schedule_services.release_schedule(workflow.SYSTEM, edition, expected_number=2)
    body = client.get(url, {"type": "workshop"}).content.decode()
    assert "Huddles workshop" in body and "Session 1" not in body
    seminar = edition.rooms.get(name="Seminar room 1")
    assert "Session 1" not in client.get(url, {"room": seminar.pk}).content.decode()
    assert "Add to favourites" not in body  # anonymous


def test_favourites_and_the_feed_for_a_signed_in_person(client):
    edition, placements = released_edition(2)
    person = UserFactory()
    client.force_login(person)
    proposal = placements[0].proposal
    response = client.post(reverse("conference:programme_favourite", args=[edition.slug, proposal.pk]),
                           {"favourite": "yes", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("conference:programme",
                                                                            args=[edition.slug])
    assert Favourite.objects.filter(user=person, proposal=proposal).exists()
    body = client.get(reverse("conference:programme", args=[edition.slug]), {"mine": "1"}).content.decode()
    assert "Session 1" in body and "Session 2" not in body
    client.post(reverse("conference:programme_feed_manage"), {"action": "start"})
    token = person.conf_feed.token
    client.logout()
    feed = client.get(reverse("conference:programme_feed", args=[token]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert "Session 1" in feed.content.decode() and "Session 2" not in feed.content.decode()
    client.force_login(person)
    client.post(reverse("conference:programme_feed_manage"), {"action": "renew"})
    client.logout()
    assert client.get(reverse("conference:programme_feed", args=[token])).status_code == 404


def test_a_speaker_page_shows_the_biography_only_when_chosen(client):
    edition, placements = released_edition(1)
    speaker = placements[0].proposal.speaker
    profile = SpeakerProfile.objects.create(user=speaker, bio="Twenty years in district nursing.", share_bio=True,
                                            role="Clinical lead", organisation="Bromley Healthcare")
    url = reverse("conference:programme_speaker", args=[edition.slug, speaker.pk])
    body = client.get(url).content.decode()
    assert "Clinical lead, Bromley Healthcare" in body and "district nursing" not in body
    profile.public_bio = True
    profile.save()
    assert "district nursing" in client.get(url).content.decode()
    assert client.get(reverse("conference:programme_speaker", args=[edition.slug, UserFactory().pk])).status_code == 404


def test_confirming_a_session_records_the_times_the_speaker_cannot_do(client):
    edition = make_edition()
    proposal = make_proposal(edition, state=ProposalState.ACCEPTED)
    client.force_login(proposal.speaker)
    url = reverse("conference:proposal_confirm", args=[proposal.pk])
    assert "Are there times you cannot speak?" in client.get(url).content.decode()
    day = edition.starts_on.isoformat()
    response = client.post(url, {"answer": "confirm", "unavailable": [f"{day} am"]})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CONFIRMED and proposal.availability.unavailable == [f"{day} am"]


# The pages' queries, the same at 3 and at 40 sessions (sessions, permissions and messages included).
@pytest.mark.parametrize("count", [3, 40])
def test_the_editor_reads_in_a_fixed_number_of_queries(client, conference_admin, count, django_assert_num_queries):
    edition, _placements = scheduled_edition(count)
    make_proposal(edition, state=ProposalState.ACCEPTED, title="To place")
    client.force_login(conference_admin)
    url = reverse("conference:schedule", args=[edition.pk])
    client.get(url)
    with django_assert_num_queries(EDITOR_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 40])
def test_the_programme_reads_in_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    edition, placements = released_edition(count)
    person = UserFactory()
    Favourite.objects.create(user=person, proposal=placements[0].proposal)
    client.force_login(person)
    url = reverse("conference:programme", args=[edition.slug])
    client.get(url)
    with django_assert_num_queries(PROGRAMME_QUERIES):
        assert client.get(url).status_code == 200


# Session, user, permissions and messages, then the editor's own reads (hours, rooms, placements with their
# speakers, sessions to place, the latest version); the programme's (edition, version, sessions, themes,
# co-speakers, filters, favourites).
EDITOR_QUERIES = 13
PROGRAMME_QUERIES = 12
