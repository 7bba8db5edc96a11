"""Decisions (issue 11, third slice): pending decisions seen by the team only, editable emails, the outbox
and its confirm page, sending once, speakers confirming or withdrawing, chasing reminders, the speakers list
and its query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from academy.notifications.services import render_subject_and_text
from programmes.conference import selectors, services
from programmes.conference.models import (
    Decision,
    DecisionSent,
    PendingDecision,
    Proposal,
    ProposalSpeaker,
    ProposalState,
    SpeakerState,
)
from tests.concurrency import at_once
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = pytest.mark.django_db
# The pages' queries, the same at 10 and at 60 rows (sessions, permissions and the access log included).
SPEAKERS_QUERIES = 14
OUTBOX_QUERIES = 14


def _submitted(edition, **kwargs):
    return make_proposal(edition, state=ProposalState.SUBMITTED, **kwargs)


def _with_co_speaker(proposal):
    co = UserFactory(first_name="Amara", last_name="Okafor")
    invitation = ProposalSpeaker.objects.create(proposal=proposal, user=co, email=co.email)
    invitation.answered_at = timezone.now()
    workflow.move(invitation, SpeakerState.ACCEPTED, co, update_fields=None)
    return co


def _decided(admin, edition, decision=Decision.ACCEPT, **kwargs):
    proposal = _submitted(edition, **kwargs)
    services.set_pending_decisions(admin, edition, [proposal], decision)
    return proposal


def _send(admin, edition):
    return services.send_decisions(admin, edition, expected=len(selectors.outbox_messages(edition)))


# --- pending decisions ------------------------------------------------------------------------------------


def test_a_pending_decision_is_the_teams_only(conference_admin, client):
    edition = make_edition()
    proposal = _decided(conference_admin, edition)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.pending_decision.decision == Decision.ACCEPT
    assert not Notification.objects.filter(template="conf_decision").exists()
    client.force_login(proposal.speaker)
    page = client.get(reverse("conference:my_proposals")).content.decode()
    assert "Submitted" in page
    assert "Accept" not in page and "pending" not in page
    assert "pending" not in client.get(reverse("conference:proposal", args=[proposal.pk])).content.decode()


def test_a_decision_on_a_proposal_that_cannot_take_it_saves_nothing(conference_admin):
    edition = make_edition()
    good = _submitted(edition)
    withdrawn = make_proposal(edition, state=ProposalState.WITHDRAWN)
    with pytest.raises(ValidationError, match="has been withdrawn, so it cannot be accepted"):
        services.set_pending_decisions(conference_admin, edition, [good, withdrawn], Decision.ACCEPT)
    assert not PendingDecision.objects.exists()
    waiting = make_proposal(edition, state=ProposalState.WAITLISTED)
    with pytest.raises(ValidationError, match="is on the waiting list, so it cannot go on the waiting list"):
        services.set_pending_decisions(conference_admin, edition, [waiting], Decision.WAITLIST)
    other = _submitted(make_edition())
    with pytest.raises(ValidationError, match="Select proposals of this edition"):
        services.set_pending_decisions(conference_admin, edition, [other], Decision.REJECT)


def test_only_the_conference_team_records_decisions(other_admin):
    edition = make_edition()
    with pytest.raises(PermissionDenied):
        services.set_pending_decisions(other_admin, edition, [_submitted(edition)], Decision.ACCEPT)


def test_a_pending_decision_can_be_changed_and_cleared(conference_admin):
    edition = make_edition()
    proposal = _decided(conference_admin, edition, Decision.REJECT)
    services.set_pending_decisions(conference_admin, edition, [proposal], Decision.WAITLIST)
    assert PendingDecision.objects.get().decision == Decision.WAITLIST
    services.set_pending_decisions(conference_admin, edition, [proposal], "")
    assert not PendingDecision.objects.exists()


# --- templates and the outbox -----------------------------------------------------------------------------


def test_a_template_with_an_unknown_placeholder_is_refused(conference_admin):
    edition = make_edition()
    with pytest.raises(ValidationError, match=r"Remove \{score\}"):
        services.save_decision_template(conference_admin, edition, Decision.ACCEPT, subject="Hi",
                                        body="Your score was {score}")
    assert not edition.decision_templates.exists()


def test_the_outbox_has_one_filled_message_per_speaker_and_co_speaker(conference_admin):
    edition = make_edition()
    lead = UserFactory(first_name="Priya", last_name="Shah")
    proposal = _submitted(edition, speaker=lead, title="Frailty & falls")
    co = _with_co_speaker(proposal)
    services.save_decision_template(conference_admin, edition, Decision.ACCEPT, subject="{title} is in",
                                    body="Dear {first_name}, {speaker_name}: confirm at {confirm_link}")
    services.set_pending_decisions(conference_admin, edition, [proposal], Decision.ACCEPT)
    messages = selectors.outbox_messages(edition)
    assert [m.person for m in messages] == [lead, co]
    assert messages[0].subject == "Frailty & falls is in"
    assert messages[1].body.startswith("Dear Amara, Priya Shah: confirm at http")
    assert messages[1].body.endswith(reverse("conference:proposal_confirm", args=[proposal.pk]))


def test_sending_moves_the_proposals_and_emails_each_speaker_once(conference_admin):
    edition = make_edition()
    accepted = _decided(conference_admin, edition, Decision.ACCEPT, title="Frailty & falls")
    co = _with_co_speaker(accepted)
    rejected = _decided(conference_admin, edition, Decision.REJECT)
    waiting = _decided(conference_admin, edition, Decision.WAITLIST)
    assert _send(conference_admin, edition) == 4
    states = dict(Proposal.objects.values_list("pk", "state"))
    assert states[accepted.pk] == ProposalState.ACCEPTED
    assert states[rejected.pk] == ProposalState.REJECTED
    assert states[waiting.pk] == ProposalState.WAITLISTED
    assert accepted.transitions.filter(to_state=ProposalState.ACCEPTED, actor=conference_admin).exists()
    assert not PendingDecision.objects.exists()
    assert DecisionSent.objects.count() == 3
    sent = Notification.objects.filter(template="conf_decision")
    assert sent.count() == 4
    assert sent.filter(recipient=co).count() == 1
    # The plain-text part is the text as written, never HTML-escaped.
    note = sent.get(recipient=accepted.speaker)
    subject, text = render_subject_and_text("conf_decision", note.context)
    assert "Frailty & falls" in text and "&amp;" not in text
    with pytest.raises(ValidationError, match="no decisions waiting"):
        services.send_decisions(conference_admin, edition, expected=4)
    assert sent.count() == 4


def test_a_changed_outbox_sends_nothing(conference_admin):
    edition = make_edition()
    _decided(conference_admin, edition)
    expected = len(selectors.outbox_messages(edition))
    _decided(conference_admin, edition, Decision.REJECT)
    with pytest.raises(ValidationError, match="The outbox has changed since you checked it"):
        services.send_decisions(conference_admin, edition, expected=expected)
    assert not Notification.objects.filter(template="conf_decision").exists()
    assert not Proposal.objects.exclude(state=ProposalState.SUBMITTED).exists()


def test_a_waiting_list_proposal_can_be_accepted_later(conference_admin):
    edition = make_edition()
    proposal = _decided(conference_admin, edition, Decision.WAITLIST)
    _send(conference_admin, edition)
    services.set_pending_decisions(conference_admin, edition, [proposal], Decision.ACCEPT)
    _send(conference_admin, edition)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert Notification.objects.filter(template="conf_decision", recipient=proposal.speaker).count() == 2
    assert DecisionSent.objects.get(proposal=proposal).decision == Decision.ACCEPT


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_send_once():
    from academy.accounts.models import Role  # noqa: PLC0415
    from academy.accounts.services import grant_role  # noqa: PLC0415
    from programmes.core.models import Programme  # noqa: PLC0415

    admin = UserFactory()
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    edition = make_edition()
    for _ in range(3):
        _decided(admin, edition)
    expected = len(selectors.outbox_messages(edition))
    outcomes = at_once(*(lambda: services.send_decisions(admin, edition, expected=expected) for _ in range(2)))
    assert sorted(type(o).__name__ for o in outcomes) == ["ValidationError", "int"]
    assert Notification.objects.filter(template="conf_decision").count() == 3
    assert Proposal.objects.filter(state=ProposalState.ACCEPTED).count() == 3


# --- speakers confirm -------------------------------------------------------------------------------------


def _accepted(admin, edition=None, **kwargs):
    edition = edition or make_edition()
    proposal = _decided(admin, edition, **kwargs)
    _send(admin, edition)
    proposal.refresh_from_db()
    return proposal


def test_the_speaker_confirms_and_a_co_speaker_cannot(conference_admin):
    proposal = _accepted(conference_admin)
    co = _with_co_speaker(proposal)
    with pytest.raises(PermissionDenied):
        services.confirm_session(co, proposal)
    services.confirm_session(proposal.speaker, proposal)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CONFIRMED
    assert proposal.transitions.filter(to_state=ProposalState.CONFIRMED, actor=proposal.speaker).exists()
    with pytest.raises(ValidationError, match="You have already confirmed this session"):
        services.confirm_session(proposal.speaker, proposal)
    services.decline_session(proposal.speaker, proposal, "A clash with a board meeting")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


def test_a_rejected_speaker_cannot_confirm(conference_admin):
    proposal = _accepted(conference_admin, decision=Decision.REJECT)
    with pytest.raises(ValidationError, match="was not accepted"):
        services.confirm_session(proposal.speaker, proposal)
    with pytest.raises(ValidationError):
        services.decline_session(proposal.speaker, proposal)


def test_reminders_at_7_and_14_days_each_once_until_the_speaker_answers(conference_admin):
    proposal = _accepted(conference_admin)
    confirmed = _accepted(conference_admin)
    services.confirm_session(confirmed.speaker, confirmed)
    sent_at = DecisionSent.objects.get(proposal=proposal).sent_at
    reminders = Notification.objects.filter(template="conf_confirm_reminder")
    assert services.chase_confirmations(sent_at + dt.timedelta(days=6)) == 0
    assert services.chase_confirmations(sent_at + dt.timedelta(days=7, minutes=1)) == 1
    assert services.chase_confirmations(sent_at + dt.timedelta(days=8)) == 0
    assert services.chase_confirmations(sent_at + dt.timedelta(days=14, minutes=1)) == 1
    assert services.chase_confirmations(sent_at + dt.timedelta(days=30)) == 0
    assert list(reminders.values_list("recipient", flat=True)) == [proposal.speaker.pk, proposal.speaker.pk]
    assert not reminders.filter(recipient=confirmed.speaker).exists()
    subject, text = render_subject_and_text("conf_confirm_reminder", reminders.order_by("pk").last().context)
    assert "last reminder" in text
    assert reverse("conference:proposal_confirm", args=[proposal.pk]) in text


def test_a_late_run_sends_one_reminder_not_two(conference_admin):
    proposal = _accepted(conference_admin)
    sent_at = DecisionSent.objects.get(proposal=proposal).sent_at
    assert services.chase_confirmations(sent_at + dt.timedelta(days=15)) == 1
    assert DecisionSent.objects.get(proposal=proposal).reminders_sent == 2
    assert services.chase_confirmations(sent_at + dt.timedelta(days=16)) == 0


def test_a_speaker_who_answered_is_not_chased(conference_admin):
    proposal = _accepted(conference_admin)
    services.decline_session(proposal.speaker, proposal)
    sent_at = DecisionSent.objects.get(proposal=proposal).sent_at
    assert services.chase_confirmations(sent_at + dt.timedelta(days=8)) == 0


def test_chasing_is_on_the_beat_schedule():
    from academy.celery import app_beat_schedules  # noqa: PLC0415

    entry = app_beat_schedules()["conference-chase-confirmations"]
    assert entry["task"] == "programmes.conference.tasks.chase_confirmations"


# --- pages ------------------------------------------------------------------------------------------------


def test_decide_in_bulk_from_the_ranked_list(conference_admin, client):
    edition = make_edition()
    first, second, third = (_submitted(edition, title=f"Proposal {n}") for n in range(3))
    client.force_login(conference_admin)
    url = reverse("conference:ranking", args=[edition.pk])
    page = client.get(url).content.decode()
    assert f'value="{first.pk}"' in page and "Record the decision" in page
    response = client.post(url, {"proposals": [first.pk, second.pk], "decision": "accept"})
    assert response.status_code == 302
    assert set(PendingDecision.objects.values_list("proposal", flat=True)) == {first.pk, second.pk}
    assert "Accept (pending)" in client.get(url).content.decode()
    assert not Notification.objects.filter(template="conf_decision").exists()
    response = client.post(url, {"proposals": [third.pk, "x"], "decision": "reject"})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    response = client.post(url, {"decision": "reject"})
    assert response.status_code == 400
    assert "Select at least one proposal" in response.content.decode()
    response = client.post(url, {"proposals": [first.pk]})
    assert "Choose a decision" in response.content.decode()
    assert PendingDecision.objects.count() == 2


def test_the_email_template_page_refuses_bad_input(conference_admin, client):
    edition = make_edition()
    client.force_login(conference_admin)
    url = reverse("conference:decision_template", args=[edition.pk, "reject"])
    assert "We received many strong proposals" in client.get(url).content.decode()
    response = client.post(url, {"subject": "Sorry", "body": "{nonsense}"})
    assert response.status_code == 400
    assert "Remove {nonsense}" in response.content.decode()
    assert not edition.decision_templates.exists()
    assert client.get(reverse("conference:decision_template", args=[edition.pk, "maybe"])).status_code == 404


def test_the_outbox_shows_what_was_typed_escaped_then_sends_through_the_confirm_page(conference_admin, client):
    edition = make_edition()
    hostile = UserFactory(first_name="<script>alert(1)</script>")
    proposal = _decided(conference_admin, edition, speaker=hostile, title="<b>Bold</b> & brave")
    services.save_decision_template(conference_admin, edition, Decision.ACCEPT, subject="About {title}",
                                    body="Dear {first_name},\n\n<i>Well done</i>")
    client.force_login(conference_admin)
    page = client.get(reverse("conference:decision_outbox", args=[edition.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "&lt;i&gt;Well done&lt;/i&gt;" in page
    assert "About &lt;b&gt;Bold&lt;/b&gt; &amp; brave" in page
    send = reverse("conference:decision_send", args=[edition.pk])
    confirm = client.get(send).content.decode()
    assert "Send 1 decision email?" in confirm
    response = client.post(send, {"expected": "2"})
    assert response.status_code == 400
    assert "The outbox has changed" in response.content.decode()
    response = client.post(send, {"expected": "x"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    response = client.post(send, {"expected": "1"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    overview = client.get(reverse("conference:decisions", args=[edition.pk])).content.decode()
    assert "No decisions are waiting to be sent" in overview


def test_the_confirm_page_is_the_speakers_alone(conference_admin, client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_mfa(superuser)
    proposal = _accepted(conference_admin)
    co = _with_co_speaker(proposal)
    url = reverse("conference:proposal_confirm", args=[proposal.pk])
    for person in (co, superuser, conference_admin):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(proposal.speaker)
    assert "Confirm or withdraw" in client.get(reverse("conference:my_proposals")).content.decode()
    assert "Yes, I confirm I will speak" in client.get(url).content.decode()
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Say whether you will speak" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert client.post(url, {"answer": "confirm"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.CONFIRMED
    assert "Confirmed: you are speaking" in client.get(reverse("conference:my_proposals")).content.decode()


@pytest.mark.parametrize("count", [10, 60])
def test_the_speakers_list_reads_in_a_fixed_number_of_queries(conference_admin, client, count,
                                                             django_assert_num_queries):
    edition = make_edition()
    first = _accepted(conference_admin, edition)
    _with_co_speaker(first)
    proposals = Proposal.objects.bulk_create([
        Proposal(edition=edition, session_type=first.session_type, speaker=UserFactory(), title=f"Talk {n}",
                 state=ProposalState.ACCEPTED if n % 2 else ProposalState.CONFIRMED, submitted_at=timezone.now())
        for n in range(count - 1)
    ])
    DecisionSent.objects.bulk_create([
        DecisionSent(proposal=p, decision=Decision.ACCEPT, sent_at=timezone.now()) for p in proposals
    ])
    client.force_login(conference_admin)
    url = reverse("conference:speakers", args=[edition.pk])
    with django_assert_num_queries(SPEAKERS_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("nhsuk-table__row") == min(count, 25) + 1
    assert client.get(url, {"show": "outstanding"}).status_code == 200


@pytest.mark.parametrize("count", [10, 60])
def test_the_outbox_reads_in_a_fixed_number_of_queries(conference_admin, client, count,
                                                       django_assert_num_queries):
    edition = make_edition()
    for n in range(count):
        _decided(conference_admin, edition, title=f"Talk {n}")
    client.force_login(conference_admin)
    with django_assert_num_queries(OUTBOX_QUERIES):
        assert client.get(reverse("conference:decision_outbox", args=[edition.pk])).status_code == 200


def test_withdrawing_a_proposal_drops_its_pending_decision(conference_admin):
    edition = make_edition()
    proposal = _decided(conference_admin, edition)
    kept = _decided(conference_admin, edition, Decision.REJECT)
    services.withdraw_proposal(proposal.speaker, proposal, "Moved to a new job")
    assert not PendingDecision.objects.filter(proposal=proposal).exists()
    assert [m.proposal for m in selectors.outbox_messages(edition)] == [kept]
    assert _send(conference_admin, edition) == 1
