"""The conference's pages for its own team, speakers and co-speakers: set-up forms with bad input, the
proposal journey, privacy of drafts and invitations, the proposal list's query budget and the CSV export."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.conference.models import (
    Proposal,
    ProposalSpeaker,
    ProposalState,
    Room,
    SessionKind,
    SessionType,
    SpeakerState,
)
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, talk_of

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =cmd|" /C calc"!A0'
FORMULA = '=cmd|" /C calc"!A0'


def test_conference_admin_opens_every_team_page(client, conference_admin):
    edition = make_edition()
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED)
    client.force_login(conference_admin)
    talk = talk_of(edition)
    for name, args in [
        ("manage", []), ("edition_create", []), ("edition", [edition.pk]), ("edition_edit", [edition.pk]),
        ("call_edit", [edition.pk]), ("room_add", [edition.pk]), ("theme_add", [edition.pk]),
        ("session_type_add", [edition.pk]), ("session_type_edit", [talk.pk]), ("question_add", [talk.pk]),
        ("proposals", [edition.pk]), ("admin_proposal", [proposal.pk]),
    ]:
        assert client.get(reverse(f"conference:{name}", args=args)).status_code == 200, name


def test_another_programmes_admin_is_refused(client, other_admin):
    client.force_login(other_admin)
    assert client.get(reverse("conference:manage")).status_code == 403


def test_a_room_of_no_capacity_is_refused_with_a_clear_message(client, conference_admin):
    edition = make_edition()
    client.force_login(conference_admin)
    response = client.post(reverse("conference:room_add", args=[edition.pk]), {"name": "Annexe", "capacity": "0"})
    assert response.status_code == 400
    assert "The capacity must be 1 or more" in response.content.decode()
    assert not Room.objects.filter(name="Annexe").exists()


def test_a_session_type_deadline_after_the_edition_is_refused(client, conference_admin):
    edition = make_edition()
    client.force_login(conference_admin)
    late = edition.ends_on + dt.timedelta(days=3)
    response = client.post(
        reverse("conference:session_type_add", args=[edition.pk]),
        {"kind": SessionKind.POSTER, "length_minutes": "30", "max_co_speakers": "0",
         "deadline_0": late.day, "deadline_1": late.month, "deadline_2": late.year, "deadline_3": "5pm"},
    )
    assert response.status_code == 400
    assert "before the conference&#x27;s first day" in response.content.decode()
    assert not SessionType.objects.filter(edition=edition, kind=SessionKind.POSTER).exists()


def test_admin_sets_a_deadline_in_london_time(client, conference_admin):
    edition = make_edition(days_to_start=400)
    client.force_login(conference_admin)
    day = timezone.localdate() + dt.timedelta(days=200)
    response = client.post(
        reverse("conference:session_type_add", args=[edition.pk]),
        {"kind": SessionKind.LIGHTNING, "length_minutes": "5", "max_co_speakers": "0",
         "deadline_0": day.day, "deadline_1": day.month, "deadline_2": day.year, "deadline_3": "5pm"},
    )
    assert response.status_code == 302
    deadline = SessionType.objects.get(edition=edition, kind=SessionKind.LIGHTNING).deadline
    assert timezone.localtime(deadline).hour == 17 and timezone.localtime(deadline).date() == day


def _proposal_post(edition, **extra):
    talk = talk_of(edition)
    return {"session_type": talk.pk, "title": "Frailty across Bexley", "abstract": "What we learned.",
            "themes": [edition.themes.get().pk], f"question_{talk.questions.get().pk}": "A way to start.", **extra}


def test_leader_proposes_invites_and_the_co_speaker_accepts(client):
    edition, leader, colleague = make_edition(), UserFactory(), UserFactory()
    client.force_login(leader)
    response = client.post(reverse("conference:propose", args=[edition.slug]), _proposal_post(edition))
    proposal = Proposal.objects.get(speaker=leader)
    assert response.status_code == 302 and proposal.state == ProposalState.DRAFT
    client.post(reverse("conference:proposal_invite", args=[proposal.pk]), {"email": colleague.email})
    client.post(reverse("conference:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    page = client.get(reverse("conference:my_proposals")).content.decode()
    assert "Frailty across Bexley" in page and "Submitted" in page
    invitation = ProposalSpeaker.objects.get(proposal=proposal)
    client.force_login(colleague)
    response = client.post(reverse("conference:invitation", args=[invitation.pk]), {"answer": "accept"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == SpeakerState.ACCEPTED
    assert client.get(reverse("conference:proposal", args=[proposal.pk])).status_code == 200


def test_an_edit_after_the_deadline_saves_nothing(client):
    edition = make_edition()
    proposal = make_proposal(edition)
    SessionType.objects.filter(pk=proposal.session_type_id).update(deadline=timezone.now() - dt.timedelta(hours=1))
    client.force_login(proposal.speaker)
    response = client.post(
        reverse("conference:proposal_edit", args=[proposal.pk]), _proposal_post(edition, title="Too late")
    )
    assert response.status_code == 400
    assert "so nothing was saved" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title != "Too late"


@pytest.mark.parametrize("role", ["superuser", "programme_admin", "leader"])
def test_an_invitation_is_not_found_for_anyone_but_the_invitee(client, role):
    invitation = ProposalSpeaker.objects.create(proposal=make_proposal(), user=UserFactory())
    client.force_login(make_person(role))
    assert client.get(reverse("conference:invitation", args=[invitation.pk])).status_code == 404
    response = client.post(reverse("conference:invitation", args=[invitation.pk]), {"answer": "accept"})
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.state == SpeakerState.INVITED


def test_a_draft_is_not_found_for_the_conference_team(client, conference_admin):
    proposal = make_proposal()
    client.force_login(conference_admin)
    assert client.get(reverse("conference:admin_proposal", args=[proposal.pk])).status_code == 404
    assert client.get(reverse("conference:proposal", args=[proposal.pk])).status_code == 404
    page = client.get(reverse("conference:proposals", args=[proposal.edition_id])).content.decode()
    assert proposal.title not in page


def test_the_list_filters_by_type_theme_and_state(client, conference_admin):
    edition = make_edition()
    workshop = edition.session_types.get(kind=SessionKind.WORKSHOP)
    make_proposal(edition, state=ProposalState.SUBMITTED, title="A talk about talks")
    make_proposal(edition, state=ProposalState.SUBMITTED, title="A workshop on workshops", session_type=workshop)
    make_proposal(edition, state=ProposalState.WITHDRAWN, title="A withdrawn talk")
    client.force_login(conference_admin)
    url = reverse("conference:proposals", args=[edition.pk])
    page = client.get(url, {"type": workshop.pk}).content.decode()
    assert "A workshop on workshops" in page and "A talk about talks" not in page
    page = client.get(url, {"state": "withdrawn"}).content.decode()
    assert "A withdrawn talk" in page and "A talk about talks" not in page
    page = client.get(url, {"theme": edition.themes.get().pk}).content.decode()
    assert "No proposals match" in page
    page = client.get(url, {"order": "title"}).content.decode()
    assert page.index("A talk about talks") < page.index("A withdrawn talk") < page.index("A workshop on workshops")


def _many(edition, count):
    talk, theme = talk_of(edition), edition.themes.get()
    speakers = UserFactory.create_batch(3)
    proposals = Proposal.objects.bulk_create(
        Proposal(edition=edition, session_type=talk, speaker=speakers[n % 3], title=f"Proposal {n}",
                 state=ProposalState.SUBMITTED, submitted_at=timezone.now())
        for n in range(count)
    )
    Proposal.themes.through.objects.bulk_create(
        Proposal.themes.through(proposal_id=p.pk, theme_id=theme.pk) for p in proposals
    )
    ProposalSpeaker.objects.bulk_create(
        ProposalSpeaker(proposal=p, user=speakers[(n + 1) % 3], email=speakers[(n + 1) % 3].email,
                        state=SpeakerState.ACCEPTED)
        for n, p in enumerate(proposals[:50])
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_proposal_list_reads_in_a_fixed_number_of_queries(client, conference_admin, count,
                                                              django_assert_max_num_queries):
    edition = make_edition()
    _many(edition, count)
    client.force_login(conference_admin)
    # Sign-in and header (session, user, roles, MFA, the unread count), the edition, the count, the page, its
    # themes and co-speakers,
    # the filters' types and themes, and the access log's insert.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("conference:proposals", args=[edition.pk]), {"order": "speaker"})
    assert response.status_code == 200


def test_hostile_text_is_escaped_on_pages_and_neutralised_in_the_export(client, conference_admin):
    edition = make_edition()
    make_proposal(edition, state=ProposalState.SUBMITTED, title=HOSTILE, abstract=FORMULA)
    client.force_login(conference_admin)
    page = client.get(reverse("conference:proposals", args=[edition.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    export = client.get(reverse("conference:proposals_export", args=[edition.pk]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[1][0] == HOSTILE and rows[1][-1] == "'" + FORMULA


def test_a_closed_call_sends_a_leader_back_to_the_call(client):
    edition = make_edition()
    SessionType.objects.filter(edition=edition).update(deadline=timezone.now() - dt.timedelta(minutes=5))
    client.force_login(UserFactory())
    response = client.post(reverse("conference:propose", args=[edition.slug]), _proposal_post(edition))
    assert response.status_code == 302 and response["Location"] == reverse("conference:call", args=[edition.slug])
    assert not Proposal.objects.filter(edition=edition).exists()
    assert "This call for proposals has closed." in client.get(response["Location"]).content.decode()


def test_the_team_reads_a_speakers_biography_only_when_shared(client, conference_admin):
    proposal = make_proposal(state=ProposalState.SUBMITTED)
    client.force_login(proposal.speaker)
    client.post(reverse("conference:speaker_profile"), {"bio": "Frailty GP in Lewisham <b>since</b> 2015."})
    client.force_login(conference_admin)
    url = reverse("conference:admin_proposal", args=[proposal.pk])
    assert "Frailty GP in Lewisham" not in client.get(url).content.decode()
    client.force_login(proposal.speaker)
    client.post(reverse("conference:speaker_profile"), {"bio": "Frailty GP in Lewisham <b>since</b> 2015.",
                                                        "share_bio": "on"})
    client.force_login(conference_admin)
    page = client.get(url).content.decode()
    assert "Frailty GP in Lewisham &lt;b&gt;since&lt;/b&gt; 2015." in page
