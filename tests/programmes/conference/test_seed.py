"""The conference's demo: next year's edition with its call open, submitted proposals and drafts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.conference import selectors
from programmes.conference.demo import EDITION_NAME
from programmes.conference.models import Proposal, ProposalState, Review, SpeakerState


@pytest.mark.django_db
def test_seed_demo_opens_the_call_with_proposals_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    assert [edition.name for edition in selectors.open_editions()] == [EDITION_NAME]
    proposals = Proposal.objects.filter(edition__name=EDITION_NAME)
    states = sorted(proposals.values_list("state", flat=True))
    assert states.count(ProposalState.SUBMITTED) == 4 and states.count(ProposalState.DRAFT) == 2
    leader_draft = proposals.get(speaker__email="leader@demo.academy.test", state=ProposalState.DRAFT)
    assert leader_draft.co_speakers.get().state == SpeakerState.ACCEPTED
    # Review: reviewer@ has reviewed three, with proposals left for the "next proposal" button.
    reviews = Review.objects.filter(proposal__edition__name=EDITION_NAME)
    assert reviews.filter(reviewer__email="reviewer@demo.academy.test", submitted_at__isnull=False).count() == 3
    assert reviews.filter(conflicted=True).count() == 1
    edition = proposals.first().edition
    assert any(p.flagged for p in selectors.ranked_proposals(edition))
    count, review_count = proposals.count(), reviews.count()
    call_command("seed_demo", stdout=StringIO())
    assert Proposal.objects.filter(edition__name=EDITION_NAME).count() == count
    assert reviews.count() == review_count


@pytest.mark.django_db
def test_seed_demo_has_an_edition_with_decisions_sent_and_speakers_confirmed(monkeypatch):
    from programmes.conference.demo import DECIDED_EDITION_NAME  # noqa: PLC0415
    from programmes.conference.models import DecisionSent, PendingDecision  # noqa: PLC0415

    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    proposals = Proposal.objects.filter(edition__name=DECIDED_EDITION_NAME)
    states = sorted(proposals.values_list("state", flat=True))
    assert states.count(ProposalState.CONFIRMED) == 3
    assert states.count(ProposalState.ACCEPTED) == 1
    assert states.count(ProposalState.REJECTED) == 2
    assert states.count(ProposalState.WAITLISTED) == 1
    assert proposals.get(state=ProposalState.ACCEPTED).speaker.email == "leader@demo.academy.test"
    assert DecisionSent.objects.filter(proposal__in=proposals).count() == 7
    assert PendingDecision.objects.filter(proposal__in=proposals).count() == 2
    call_command("seed_demo", stdout=StringIO())
    assert Proposal.objects.filter(edition__name=DECIDED_EDITION_NAME).count() == 9
