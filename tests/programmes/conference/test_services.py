"""The conference's services: setting up an edition, proposals, deadlines (London time) and co-speakers."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from programmes.conference import services
from programmes.conference.models import (
    Edition,
    ProposalSpeaker,
    ProposalState,
    Room,
    SessionKind,
    SessionType,
    SpeakerState,
)
from programmes.conference.presenters import ProposalDisplay
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, talk_of

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_admin_creates_an_edition_with_rooms_and_session_types(conference_admin):
    start = timezone.localdate() + dt.timedelta(days=90)
    edition = services.save_edition(
        conference_admin, name="Innovation 2027", starts_on=start, ends_on=start, venue_name="Guy's Campus"
    )
    assert edition.slug == "innovation-2027"
    services.save_room(conference_admin, edition, name="Great Hall", capacity=400)
    deadline = timezone.now() + dt.timedelta(days=30)
    services.save_session_type(
        conference_admin, edition, kind=SessionKind.TALK, length_minutes=20, deadline=deadline, max_co_speakers=2
    )
    assert services.publish_problems(edition) == ["Write the call for proposals."]
    services.save_call(conference_admin, edition, guidance="Propose.", ask_accessibility=True, ask_av=False)
    services.publish_edition(conference_admin, edition)
    assert Edition.objects.get(pk=edition.pk).is_published


def test_only_conference_admins_set_up_editions(other_admin):
    start = timezone.localdate() + dt.timedelta(days=90)
    with pytest.raises(PermissionDenied):
        services.save_edition(other_admin, name="X", starts_on=start, ends_on=start, venue_name="Y")
    with pytest.raises(TypeError):
        services.save_room(None, make_edition(), name="Room", capacity=10)


@pytest.mark.parametrize("capacity", [0, -5])
def test_a_room_needs_a_capacity_above_zero(conference_admin, capacity):
    edition = make_edition()
    with pytest.raises(ValidationError) as refused:
        services.save_room(conference_admin, edition, name="Small room", capacity=capacity)
    assert refused.value.message_dict == {"capacity": ["The capacity must be 1 or more"]}
    assert not Room.objects.filter(name="Small room").exists()


def test_a_deadline_on_or_after_the_first_day_is_refused(conference_admin):
    edition = make_edition()
    first_day_london = dt.datetime.combine(edition.starts_on, dt.time(9), tzinfo=LONDON)
    with pytest.raises(ValidationError) as refused:
        services.save_session_type(
            conference_admin, edition, kind=SessionKind.PANEL, length_minutes=45, deadline=first_day_london,
            max_co_speakers=3,
        )
    assert "before the conference's first day" in refused.value.message_dict["deadline"][0]
    assert not SessionType.objects.filter(edition=edition, kind=SessionKind.PANEL).exists()


def test_moving_the_first_day_before_a_deadline_is_refused(conference_admin):
    edition = make_edition(days_to_deadline=30, days_to_start=60)
    early = timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ValidationError) as refused:
        services.save_edition(conference_admin, edition, name=edition.name, starts_on=early, ends_on=early,
                              venue_name=edition.venue_name)
    assert "after every proposal deadline" in refused.value.message_dict["starts_on"][0]
    assert Edition.objects.get(pk=edition.pk).starts_on != early


def _values(edition, **extra):
    talk = talk_of(edition)
    return {"session_type": talk, "title": "Joining up frailty care", "abstract": "What we did.",
            "themes": list(edition.themes.all()), "answers": {talk.questions.get().pk: "A plan."}, **extra}


def test_a_leader_drafts_submits_and_withdraws_a_proposal():
    edition, leader = make_edition(), UserFactory()
    proposal = services.create_proposal(leader, edition, **_values(edition))
    assert proposal.state == ProposalState.DRAFT
    services.submit_proposal(leader, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED and proposal.submitted_at
    assert Notification.objects.filter(template="conf_proposal_submitted", recipient=leader).count() == 1
    services.withdraw_proposal(leader, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN
    moves = [(t.from_state, t.to_state, t.actor_id) for t in proposal.transitions.order_by("at", "pk")]
    assert moves == [("", "draft", leader.pk), ("draft", "submitted", leader.pk), ("submitted", "withdrawn", leader.pk)]


def test_an_incomplete_proposal_cannot_be_submitted():
    edition, leader = make_edition(), UserFactory()
    proposal = services.create_proposal(leader, edition, **_values(edition, abstract="", answers={}))
    with pytest.raises(ValidationError) as refused:
        services.submit_proposal(leader, proposal)
    assert "Enter the abstract" in refused.value.messages
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT


def test_after_the_deadline_nothing_is_saved():
    edition, leader = make_edition(), UserFactory()
    proposal = services.create_proposal(leader, edition, **_values(edition))
    talk = talk_of(edition)
    SessionType.objects.filter(pk=talk.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError) as refused:
        services.update_proposal(leader, proposal, **_values(edition, title="Changed"))
    assert "(London time), so nothing was saved" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        services.submit_proposal(leader, proposal)
    with pytest.raises(ValidationError):
        services.create_proposal(leader, edition, **_values(edition))
    proposal.refresh_from_db()
    assert (proposal.title, proposal.state) == ("Joining up frailty care", ProposalState.DRAFT)


def test_the_deadline_is_read_in_london_time(monkeypatch):
    """A deadline of 5pm London time in summer is 4pm UTC: at 4:30pm UTC it has passed."""
    deadline = dt.datetime(2027, 6, 1, 17, 0, tzinfo=LONDON)
    session_type = SessionType(deadline=deadline)
    assert services.deadline_passed(session_type, now=dt.datetime(2027, 6, 1, 15, 59, tzinfo=dt.UTC)) is False
    assert services.deadline_passed(session_type, now=dt.datetime(2027, 6, 1, 16, 30, tzinfo=dt.UTC)) is True


def test_only_the_speaker_changes_their_proposal():
    proposal = make_proposal()
    with pytest.raises(PermissionDenied):
        services.update_proposal(UserFactory(), proposal, **_values(proposal.edition))
    with pytest.raises(PermissionDenied):
        services.withdraw_proposal(UserFactory(), proposal)


def test_a_draft_edition_takes_no_proposals():
    edition = make_edition(published=False)
    with pytest.raises(ValidationError):
        services.create_proposal(UserFactory(), edition, **_values(edition))


def test_co_speakers_are_invited_accept_and_are_capped():
    proposal = make_proposal()  # a talk: at most 1 co-speaker
    colleague, other = UserFactory(), UserFactory()
    invitation = services.invite_co_speaker(proposal.speaker, proposal, colleague.email.upper())
    assert invitation.user == colleague and invitation.state == SpeakerState.INVITED
    assert Notification.objects.filter(template="conf_co_speaker_invited", recipient=colleague).exists()
    with pytest.raises(ValidationError) as refused:
        services.invite_co_speaker(proposal.speaker, proposal, other.email)
    assert "at most 1 co-speakers" in refused.value.message_dict["email"][0]
    with pytest.raises(PermissionDenied):
        services.accept_invitation(other, invitation)
    services.accept_invitation(colleague, invitation)
    invitation.refresh_from_db()
    assert invitation.state == SpeakerState.ACCEPTED
    with pytest.raises(workflow.NotAllowed):
        services.accept_invitation(colleague, invitation)


def test_an_invitation_to_an_address_without_an_account_is_answered_by_who_verifies_it():
    proposal = make_proposal()
    invitation = services.invite_co_speaker(proposal.speaker, proposal, "new.person@example.nhs.uk")
    assert invitation.user is None
    newcomer = UserFactory(email="new.person@example.nhs.uk")
    services.decline_invitation(newcomer, invitation)
    invitation.refresh_from_db()
    assert invitation.state == SpeakerState.DECLINED


def test_a_withdrawn_invitation_frees_the_place():
    proposal = make_proposal()
    first = services.invite_co_speaker(proposal.speaker, proposal, UserFactory().email)
    services.withdraw_invitation(proposal.speaker, first)
    services.invite_co_speaker(proposal.speaker, proposal, UserFactory().email)
    assert ProposalSpeaker.objects.filter(proposal=proposal, state=SpeakerState.INVITED).count() == 1


def test_the_speaker_cannot_invite_themself():
    proposal = make_proposal()
    with pytest.raises(ValidationError):
        services.invite_co_speaker(proposal.speaker, proposal, proposal.speaker.email)


def test_speakers_read_their_own_words_for_each_state():
    class Row:
        def __init__(self, state):
            self.state = state

    assert ProposalDisplay(Row(ProposalState.DRAFT)).speaker_state == "Draft: not sent yet"
    assert ProposalDisplay(Row(ProposalState.WAITLISTED)).speaker_state == "On the reserve list"
    assert ProposalDisplay(Row(ProposalState.REJECTED)).speaker_state == "Not accepted this time"
    assert ProposalDisplay(Row(ProposalState.WITHDRAWN)).can_withdraw is False


def test_an_invitation_cannot_be_accepted_once_the_places_are_taken():
    proposal = make_proposal()
    first = UserFactory()
    early = services.invite_co_speaker(proposal.speaker, proposal, first.email)
    # The talk's limit went down to none after the invitation was sent.
    SessionType.objects.filter(pk=proposal.session_type_id).update(max_co_speakers=0)
    with pytest.raises(ValidationError):
        services.accept_invitation(first, early)
    early.refresh_from_db()
    assert early.state == SpeakerState.INVITED
