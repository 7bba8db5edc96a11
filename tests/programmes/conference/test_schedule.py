"""The schedule (issue 11, schedule slice): placing, moving and unplacing accepted sessions; input refused
outside the days and hours or in another edition's room; clash warnings; releasing numbered versions with a
changelog and one email (with .ics) per speaker whose slot changed; unavailability; favourites and the feed."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from academy import workflow
from academy.notifications.models import Notification
from academy.notifications.services import render_subject_and_text
from programmes.conference import schedule_selectors, schedule_services
from programmes.conference.models import (
    Favourite,
    Placement,
    ProposalSpeaker,
    ProposalState,
    Room,
    ScheduleVersion,
    SpeakerState,
)
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal
from tests.programmes.conference.schedule_helpers import at, released_edition, scheduled_edition

pytestmark = pytest.mark.django_db


def _accepted(edition, **values):
    return make_proposal(edition, state=ProposalState.ACCEPTED, **values)


def _hall(edition):
    return edition.rooms.get(name="Great Hall")


def _warnings(edition):
    return [w.text for w in schedule_selectors.editor(edition).warnings]


# --- placing ------------------------------------------------------------------------------------------------


def test_the_team_places_moves_and_unplaces_a_session(conference_admin):
    edition = make_edition()
    proposal = _accepted(edition, title="Virtual wards that GPs trust")
    placement = schedule_services.place_session(conference_admin, proposal, room=_hall(edition),
                                                starts_at=at(edition, 10))
    assert placement.ends_at == at(edition, 10, 20)  # a talk: 20 minutes
    assert schedule_selectors.editor(edition).unplaced == []
    seminar = Room.objects.create(edition=edition, name="Seminar room 1", capacity=40)
    schedule_services.place_session(conference_admin, proposal, room=seminar, starts_at=at(edition, 11),
                                    length_minutes=30)
    placement = Placement.objects.get(proposal=proposal)
    assert (placement.room, placement.starts_at, placement.minutes) == (seminar, at(edition, 11), 30)
    assert schedule_services.unplace_session(conference_admin, proposal) is True
    assert [p.pk for p in schedule_selectors.editor(edition).unplaced] == [proposal.pk]


@pytest.mark.parametrize("when, message", [
    ((8, 30), "must fit in the day"),           # before the day starts (9am)
    ((17, 20), "must fit in the day"),          # runs past the day's end (5:30pm)
    ((10, 0, 1), "on the edition's days"),      # the day after the (one-day) edition
])
def test_a_session_outside_the_days_or_hours_is_refused_and_nothing_saved(conference_admin, when, message):
    edition = make_edition()
    proposal = _accepted(edition)
    hour, minute, *day = when
    with pytest.raises(ValidationError, match=message):
        schedule_services.place_session(conference_admin, proposal, room=_hall(edition),
                                        starts_at=at(edition, hour, minute, day=day[0] if day else 0))
    assert not Placement.objects.exists()


def test_another_editions_room_or_a_proposal_not_accepted_is_refused(conference_admin):
    edition, other = make_edition(), make_edition()
    with pytest.raises(ValidationError, match="this edition's rooms"):
        schedule_services.place_session(conference_admin, _accepted(edition), room=_hall(other),
                                        starts_at=at(edition, 10))
    with pytest.raises(ValidationError, match="not accepted"):
        schedule_services.place_session(conference_admin, make_proposal(edition, state=ProposalState.SUBMITTED),
                                        room=_hall(edition), starts_at=at(edition, 10))
    assert not Placement.objects.exists()


def test_only_the_conference_team_places_sessions(other_admin):
    edition = make_edition()
    proposal = _accepted(edition)
    for actor in (other_admin, proposal.speaker):
        with pytest.raises(PermissionDenied):
            schedule_services.place_session(actor, proposal, room=_hall(edition), starts_at=at(edition, 10))
    assert not Placement.objects.exists()


def test_the_hours_cannot_shrink_past_a_placed_session(conference_admin):
    edition, _placements = scheduled_edition(2)  # 9am and 9:30am
    with pytest.raises(ValidationError, match="outside those hours"):
        schedule_services.save_hours(conference_admin, edition, day_starts=dt.time(9, 30), day_ends=dt.time(17),
                                     slot_minutes=30)
    schedule_services.save_hours(conference_admin, edition, day_starts=dt.time(8), day_ends=dt.time(18),
                                 slot_minutes=15)
    hours = schedule_selectors.hours_of(edition)
    assert (hours.day_starts, hours.slot_minutes) == (dt.time(8), 15)
    assert schedule_selectors.start_times(edition, hours)[0] == at(edition, 8)


# --- warnings -----------------------------------------------------------------------------------------------


def test_a_room_used_twice_and_a_session_overrunning_the_next_are_warned(conference_admin):
    edition = make_edition()
    hall = _hall(edition)
    first, second, third = (_accepted(edition, title=t) for t in ("Frailty", "Huddles", "Records"))
    schedule_services.place_session(conference_admin, first, room=hall, starts_at=at(edition, 10))
    schedule_services.place_session(conference_admin, second, room=hall, starts_at=at(edition, 10))
    schedule_services.place_session(conference_admin, third, room=hall, starts_at=at(edition, 11))
    assert _warnings(edition) == ["Great Hall is used twice at 10am: “Frailty” and “Huddles”."]
    schedule_services.place_session(conference_admin, second, room=hall, starts_at=at(edition, 10, 30),
                                    length_minutes=45)
    assert _warnings(edition) == ["“Huddles” runs 15 minutes into “Records” in Great Hall."]


def test_a_speaker_in_two_places_at_once_is_warned_co_speakers_included(conference_admin):
    edition = make_edition()
    seminar = Room.objects.create(edition=edition, name="Seminar room 1", capacity=40)
    speaker = UserFactory(first_name="Grace", last_name="Adeyemi")
    talk = _accepted(edition, speaker=speaker, title="Talk")
    panel = _accepted(edition, title="Panel")
    schedule_services.place_session(conference_admin, talk, room=_hall(edition), starts_at=at(edition, 10))
    schedule_services.place_session(conference_admin, panel, room=seminar, starts_at=at(edition, 10))
    assert _warnings(edition) == []
    ProposalSpeaker.objects.create(proposal=panel, user=speaker, state=SpeakerState.ACCEPTED)
    assert _warnings(edition) == [
        "Grace Adeyemi is in two places at 10am: “Talk” (Great Hall) and “Panel” (Seminar room 1)."]


def test_a_session_longer_than_its_slot_and_a_speakers_unavailability_are_warned(conference_admin):
    edition = make_edition()
    proposal = _accepted(edition, title="Frailty", speaker=UserFactory(first_name="Ola", last_name="Bello"))
    schedule_services.place_session(conference_admin, proposal, room=_hall(edition), starts_at=at(edition, 14),
                                    length_minutes=15)
    assert _warnings(edition) == ["“Frailty” needs 20 minutes but its slot is 15."]
    schedule_services.save_unavailability(proposal.speaker, proposal, [f"{edition.starts_on.isoformat()} pm"])
    assert _warnings(edition)[1] == "Ola Bello said they cannot speak then: “Frailty” at 2pm."
    schedule_services.place_session(conference_admin, proposal, room=_hall(edition), starts_at=at(edition, 10))
    assert _warnings(edition) == []


def test_unavailability_is_the_speakers_alone_and_only_from_the_days_listed(conference_admin):
    edition = make_edition()
    proposal = _accepted(edition)
    with pytest.raises(PermissionDenied):
        schedule_services.save_unavailability(conference_admin, proposal, [])
    with pytest.raises(ValidationError, match="listed"):
        schedule_services.save_unavailability(proposal.speaker, proposal, ["2001-01-01 am"])
    day = edition.starts_on.isoformat()
    with pytest.raises(ValidationError, match="whole conference"):
        schedule_services.save_unavailability(proposal.speaker, proposal, [f"{day} am", f"{day} pm"])


# --- releasing ----------------------------------------------------------------------------------------------


def test_releasing_numbers_versions_with_a_changelog_and_emails_each_changed_speaker_once(
        conference_admin, django_capture_on_commit_callbacks):
    edition, placements = scheduled_edition(3)
    first, second, third = (p.proposal for p in placements)
    co = UserFactory()
    ProposalSpeaker.objects.create(proposal=first, user=co, state=SpeakerState.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        version = schedule_services.release_schedule(conference_admin, edition, expected_number=1)
    assert version.number == 1 and len(version.changelog["added"]) == 3
    assert Notification.objects.filter(template="conf_schedule_changed").count() == 4  # 3 speakers and 1 co
    # Move one, remove one, leave one: only the moved session's speaker and co-speaker, and the removed one's, hear.
    schedule_services.place_session(conference_admin, first, room=_hall(edition), starts_at=at(edition, 15))
    schedule_services.unplace_session(conference_admin, second)
    with pytest.raises(ValidationError, match="meanwhile"):
        schedule_services.release_schedule(conference_admin, edition, expected_number=1)
    with django_capture_on_commit_callbacks(execute=True):
        version = schedule_services.release_schedule(conference_admin, edition, expected_number=2, note="Room swap")
    assert [e["title"] for e in version.changelog["moved"]] == [first.title]
    assert [e["title"] for e in version.changelog["removed"]] == [second.title]
    assert version.changelog["added"] == []
    assert "3pm" in version.changelog["moved"][0]["now"]
    told = Notification.objects.filter(template="conf_schedule_changed", key__startswith=f"conf-schedule:{version.pk}:")
    assert sorted(n.recipient_id for n in told) == sorted([first.speaker_id, co.pk, second.speaker_id])
    mail = told.get(recipient=first.speaker)
    calendar = icalendar.Calendar.from_ical(mail.context["attachments"][0]["content"])
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]).startswith(first.title) and int(event["sequence"]) == 2
    assert event.decoded("dtstart") == at(edition, 15)
    assert third.speaker_id not in {n.recipient_id for n in told}
    with pytest.raises(ValidationError, match="Nothing has changed since version 2"):
        schedule_services.release_schedule(conference_admin, edition, expected_number=3)
    assert ScheduleVersion.objects.filter(edition=edition).count() == 2


def test_the_schedule_email_plain_text_is_never_html_escaped(conference_admin, django_capture_on_commit_callbacks):
    edition = make_edition()
    proposal = _accepted(edition, title="Fish & chips <b>for all</b>")
    schedule_services.place_session(conference_admin, proposal, room=_hall(edition), starts_at=at(edition, 10, 30))
    schedule_services.release_schedule(conference_admin, edition, expected_number=1)
    notification = Notification.objects.get(template="conf_schedule_changed")
    _subject, text = render_subject_and_text("conf_schedule_changed", notification.context)
    assert "Fish & chips <b>for all</b>" in text and "&amp;" not in text
    assert "10:30am to 10:50am" in text and "Great Hall" in text


def test_an_empty_schedule_cannot_be_released(conference_admin):
    edition = make_edition()
    with pytest.raises(ValidationError, match="Place at least one session"):
        schedule_services.release_schedule(conference_admin, edition, expected_number=1)
    assert not ScheduleVersion.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_releases_at_once_make_one_version():
    edition, _placements = scheduled_edition(2)
    outcomes = at_once(*[lambda: schedule_services.release_schedule(workflow.SYSTEM, edition, expected_number=1)
                         for _ in range(4)])
    assert len(raised(outcomes, ValidationError)) == 3
    assert list(ScheduleVersion.objects.filter(edition=edition).values_list("number", flat=True)) == [1]


def test_a_withdrawn_session_leaves_the_editor_and_the_next_version(conference_admin):
    edition, placements = released_edition(2)
    gone = placements[0].proposal
    workflow.move(gone, ProposalState.WITHDRAWN, gone.speaker, update_fields=None)
    assert len(schedule_selectors.editor(edition).placements) == 1
    version = schedule_services.release_schedule(conference_admin, edition, expected_number=2)
    assert [e["proposal"] for e in version.changelog["removed"]] == [gone.pk]


# --- favourites and the feed --------------------------------------------------------------------------------


def test_favourites_only_of_released_sessions_and_the_feed_lists_them_until_renewed(conference_admin):
    edition, placements = released_edition(2)
    person = UserFactory()
    unreleased = _accepted(edition)
    with pytest.raises(ValidationError, match="not in the programme"):
        schedule_services.add_favourite(person, unreleased)
    schedule_services.add_favourite(person, placements[1].proposal)
    schedule_services.add_favourite(person, placements[1].proposal)  # once only
    assert Favourite.objects.filter(user=person).count() == 1
    feed = schedule_services.programme_feed(person)
    sessions = schedule_selectors.feed_sessions(feed.token)
    assert [s.proposal.pk for s in sessions] == [placements[1].proposal.pk]
    old = feed.token
    schedule_services.renew_programme_feed(person)
    with pytest.raises(Http404):
        schedule_selectors.feed_sessions(old)
    schedule_services.stop_programme_feed(person)
    assert schedule_selectors.feed_of(person) is None
    assert schedule_services.remove_favourite(person, placements[1].proposal) is True
