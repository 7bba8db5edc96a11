"""Conference co-speakers as ties for the evaluation's network analysis (issue 15): the speaker and the
co-speakers who accepted, of an accepted or confirmed proposal, dated the edition's first day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from evaluation.network import sources
from programmes.conference import selectors
from programmes.conference.models import EditionState, ProposalSpeaker, ProposalState, SpeakerState
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal

pytestmark = pytest.mark.django_db


def _co_speaker(proposal, state=SpeakerState.ACCEPTED, user=None):
    user = user or UserFactory()
    return ProposalSpeaker.objects.create(proposal=proposal, user=user, email=user.email, state=state)


def test_the_speaker_and_co_speakers_of_a_presented_session_are_tied_on_the_first_day(django_assert_num_queries):
    edition = make_edition(days_to_start=-10)
    first_day = edition.starts_on
    confirmed = make_proposal(edition, state=ProposalState.CONFIRMED)
    one, two = _co_speaker(confirmed).user, _co_speaker(confirmed).user
    _co_speaker(confirmed, state=SpeakerState.INVITED)  # never answered: not a co-speaker
    _co_speaker(confirmed, state=SpeakerState.DECLINED)
    accepted = make_proposal(edition, state=ProposalState.ACCEPTED)
    three = _co_speaker(accepted).user
    for state in (ProposalState.REJECTED, ProposalState.WITHDRAWN, ProposalState.SUBMITTED):
        _co_speaker(make_proposal(edition, state=state))  # never presented
    alone = make_proposal(edition, state=ProposalState.CONFIRMED)  # no co-speaker: no tie
    assert alone.pk

    with django_assert_num_queries(1):
        ties = set(selectors.co_speaker_ties(first_day - dt.timedelta(days=5), first_day))
    pair = sorted([confirmed.speaker_id, one.pk, two.pk])
    assert ties == {
        (pair[0], pair[1], selectors.CO_SPEAKERS, first_day),
        (pair[0], pair[2], selectors.CO_SPEAKERS, first_day),
        (pair[1], pair[2], selectors.CO_SPEAKERS, first_day),
        (min(accepted.speaker_id, three.pk), max(accepted.speaker_id, three.pk), selectors.CO_SPEAKERS, first_day),
    }


def test_an_edition_outside_the_period_or_unpublished_makes_no_tie():
    past = make_edition(days_to_start=-10)
    _co_speaker(make_proposal(past, state=ProposalState.CONFIRMED))
    coming = make_edition(days_to_start=20)
    _co_speaker(make_proposal(coming, state=ProposalState.CONFIRMED))
    today = timezone.localdate()
    assert list(selectors.co_speaker_ties(today - dt.timedelta(days=5), today)) == []  # past is before, coming after
    assert len(list(selectors.co_speaker_ties(today - dt.timedelta(days=30), today))) == 1
    past.state = EditionState.DRAFT
    past.save(update_fields=["state"])
    assert list(selectors.co_speaker_ties(today - dt.timedelta(days=30), today)) == []


def test_co_speakers_are_one_of_the_network_analysis_sources_with_words_for_their_kind():
    assert selectors.co_speaker_ties in sources.TIE_SOURCES
    assert sources.KIND_LABELS[selectors.CO_SPEAKERS] == "Co-speakers of a session at the conference"
