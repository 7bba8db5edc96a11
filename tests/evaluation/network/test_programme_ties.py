"""Tie sources added after the first four: Big Room table-mates (the managed network) and co-membership of a
community of practice. Each reads a period in one query and dates a tie when it began."""

import datetime as dt

import pytest
from django.utils import timezone

from evaluation.network.sources import KIND_LABELS, TIE_SOURCES
from programmes.community import selectors as community_selectors
from programmes.community.models import Membership, MembershipState
from programmes.network import selectors as network_selectors
from programmes.network.models import Rsvp, RsvpStatus
from tests.factories.accounts import UserFactory
from tests.factories.network import EventFactory
from tests.programmes.community.helpers import add_member, make_community

pytestmark = pytest.mark.django_db


def seat(event, table, person=None, status=RsvpStatus.GOING):
    person = person or UserFactory()
    Rsvp.objects.create(event=event, person=person, status=status, table_number=table)
    return person


def test_table_mates_of_an_event_that_has_ended_are_tied_on_its_day(django_assert_num_queries):
    held = timezone.now() - dt.timedelta(days=10)
    event = EventFactory(starts_at=held, ends_at=held + dt.timedelta(hours=3))
    one = [seat(event, 1) for _ in range(3)]
    two = [seat(event, 2) for _ in range(2)]
    seat(event, 1, status=RsvpStatus.CANCELLED)  # not coming: no ties
    coming = EventFactory()  # not yet held: no ties
    seat(coming, 1)
    seat(coming, 1)
    day = timezone.localdate(held)
    with django_assert_num_queries(1):
        ties = list(network_selectors.table_mate_ties_between(day - dt.timedelta(days=1), day))
    expected = {tuple(sorted(pair)) for pair in [(one[0].pk, one[1].pk), (one[0].pk, one[2].pk),
                                                 (one[1].pk, one[2].pk), (two[0].pk, two[1].pk)]}
    assert {(a, b) for a, b, _, _ in ties} == expected
    assert all(a < b and kind == "big_room_table" and date == day for a, b, kind, date in ties)
    # A period that ends before the event has no ties.
    earlier = day - dt.timedelta(days=1)
    assert list(network_selectors.table_mate_ties_between(earlier - dt.timedelta(days=30), earlier)) == []


def test_community_members_are_tied_from_the_day_the_later_one_joined(django_assert_num_queries):
    community = make_community()
    early, late = add_member(community), add_member(community)
    left = add_member(community)
    Membership.objects.filter(pk=left.pk).update(state=MembershipState.LEFT)
    joined_early = timezone.now() - dt.timedelta(days=90)
    Membership.objects.filter(pk=early.pk).update(created_at=joined_early)
    today = timezone.localdate()
    with django_assert_num_queries(1):
        ties = list(community_selectors.community_ties_between(today - dt.timedelta(days=365), today))
    a, b = sorted([early.person_id, late.person_id])
    assert ties == [(a, b, "community", timezone.localdate(late.created_at))]
    # Before the later one joined, there is no tie yet.
    before = timezone.localdate(joined_early)
    assert list(community_selectors.community_ties_between(before - dt.timedelta(days=5), before)) == []


def test_both_sources_are_read_by_the_network_analysis_with_words_for_their_kinds():
    assert network_selectors.table_mate_ties_between in TIE_SOURCES
    assert community_selectors.community_ties_between in TIE_SOURCES
    assert KIND_LABELS["big_room_table"] and KIND_LABELS["community"]
