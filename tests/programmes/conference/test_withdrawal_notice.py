"""When an accepted or confirmed speaker withdraws, the conference team is told once, after commit (issue 11)."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from academy.notifications.services import render_subject_and_text
from programmes.conference import selectors, services
from programmes.conference.models import Decision, ProposalState
from programmes.conference.services import proposals
from programmes.core.models import Programme
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = pytest.mark.django_db
HOSTILE = 'Frailty & "falls" <b>across</b> boroughs'


def _accepted(admin, edition, **kwargs):
    proposal = make_proposal(edition, state=ProposalState.SUBMITTED, **kwargs)
    services.set_pending_decisions(admin, edition, [proposal], Decision.ACCEPT)
    services.send_decisions(admin, edition, expected=len(selectors.outbox_messages(edition)))
    proposal.refresh_from_db()
    return proposal


def _waitlisted(admin, edition, count):
    proposals = [make_proposal(edition, state=ProposalState.SUBMITTED, title=f"Reserve {n}") for n in range(count)]
    services.set_pending_decisions(admin, edition, proposals, Decision.WAITLIST)


def test_a_confirmed_speaker_withdrawing_tells_every_team_member_once_after_commit(
    conference_admin, other_admin, client, django_capture_on_commit_callbacks
):
    second_admin = UserFactory(first_name="Priya")
    grant_role(None, second_admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    edition = make_edition()
    _waitlisted(conference_admin, edition, 2)
    speaker = UserFactory(first_name="Grace", last_name="Adeyemi")
    proposal = _accepted(conference_admin, edition, speaker=speaker, title=HOSTILE)
    services.confirm_session(speaker, proposal)
    Notification.objects.filter(template="conf_speaker_withdrew").delete()
    client.force_login(speaker)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("conference:proposal_confirm", args=[proposal.pk]),
                                {"answer": "withdraw", "reason": "A clash with a board meeting"})
    assert response.status_code == 302
    notes = Notification.objects.filter(template="conf_speaker_withdrew").order_by("recipient_id")
    assert {note.recipient for note in notes} == {conference_admin, second_admin}  # not another programme's admin
    assert len(callbacks) >= 2  # each email goes once the transaction commits
    subject, text = render_subject_and_text("conf_speaker_withdrew", notes.get(recipient=second_admin).context)
    assert subject == f'A speaker has withdrawn from {edition.name}: "{HOSTILE}"'
    assert "Dear Priya," in text
    assert f'Grace Adeyemi has withdrawn their talk "{HOSTILE}" from {edition.name}.' in text  # never escaped
    assert "they had confirmed they would speak" in text
    assert "The reason they gave: A clash with a board meeting" in text
    assert f"2 proposals are on the waiting list for {edition.name}." in text
    assert reverse("conference:ranking", args=[edition.pk]) in text
    assert reverse("conference:admin_proposal", args=[proposal.pk]) in text


def test_an_accepted_speaker_who_withdraws_is_reported_and_only_once(conference_admin):
    edition = make_edition()
    proposal = _accepted(conference_admin, edition)
    services.withdraw_proposal(proposal.speaker, proposal)  # from the proposal's page, not yet confirmed
    note = Notification.objects.get(template="conf_speaker_withdrew")
    assert note.recipient == conference_admin and note.link == reverse("conference:ranking", args=[edition.pk])
    _, text = render_subject_and_text("conf_speaker_withdrew", note.context)
    assert "they had not confirmed yet" in text and "No proposals are on the waiting list" in text
    assert "The reason they gave" not in text
    # The same key again (a retried task, a second click) records nothing more.
    proposals._tell_team_of_withdrawal(proposal, ProposalState.ACCEPTED)
    assert Notification.objects.filter(template="conf_speaker_withdrew").count() == 1


def test_withdrawing_a_proposal_not_accepted_tells_nobody(conference_admin):
    edition = make_edition()
    submitted = make_proposal(edition, state=ProposalState.SUBMITTED)
    services.withdraw_proposal(submitted.speaker, submitted)
    _waitlisted(conference_admin, edition, 1)
    assert not Notification.objects.filter(template="conf_speaker_withdrew").exists()


def test_a_withdrawal_rolled_back_sends_nothing(conference_admin):
    proposal = _accepted(conference_admin, make_edition())
    with pytest.raises(RuntimeError), transaction.atomic():
        services.decline_session(proposal.speaker, proposal)
        raise RuntimeError("the request failed after the withdrawal")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert not Notification.objects.filter(template="conf_speaker_withdrew").exists()
