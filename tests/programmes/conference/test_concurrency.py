"""Two invitations at the same moment cannot both take a talk's one co-speaker place: the proposal's row is
locked while the places are counted."""

import pytest
from django.core.exceptions import ValidationError

from programmes.conference import services
from programmes.conference.models import ProposalSpeaker
from tests.concurrency import at_once
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_proposal


@pytest.mark.django_db(transaction=True)
def test_two_invitations_at_once_fill_one_place():
    proposal = make_proposal()  # a talk: at most 1 co-speaker
    emails = [UserFactory().email, UserFactory().email]
    outcomes = at_once(*(lambda email=email: services.invite_co_speaker(proposal.speaker, proposal, email)
                         for email in emails))
    assert sum(isinstance(outcome, ProposalSpeaker) for outcome in outcomes) == 1
    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 1
    assert ProposalSpeaker.objects.filter(proposal=proposal).count() == 1
