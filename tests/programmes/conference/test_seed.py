"""The conference's demo: next year's edition with its call open, submitted proposals and drafts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.conference import selectors
from programmes.conference.demo import EDITION_NAME
from programmes.conference.models import Proposal, ProposalState, SpeakerState


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
    count = proposals.count()
    call_command("seed_demo", stdout=StringIO())
    assert Proposal.objects.filter(edition__name=EDITION_NAME).count() == count
