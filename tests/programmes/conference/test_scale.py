"""The conference at scale (issue 11): seed_scale's edition (proposals, reviews, decisions, a released schedule,
registrations within every ticket type's capacity, favourites; again after --reset), and the pages' query budgets
with an edition built the same way at 10 and at 1,000 proposals: the proposals list, the ranked list, the schedule
editor and the published programme read in the same number of queries at both sizes."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from academy.workflow.models import Transition
from programmes.conference import scale, schedule_selectors
from programmes.conference.models import (
    PLACE_HOLDING_STATES,
    Edition,
    Favourite,
    Placement,
    Proposal,
    ProposalState,
    Review,
    ScheduleVersion,
    TicketType,
)
from tests.factories.accounts import UserFactory
from tests.programmes.conference.test_schedule_views import EDITOR_QUERIES, PROGRAMME_QUERIES

pytestmark = pytest.mark.django_db
# The published programme read by someone not signed in: no session, user, favourites, roles or inbox.
ANONYMOUS_PROGRAMME_QUERIES = 7


def _scale_editions():
    return Edition.objects.filter(name__startswith=scale.SCALE_EDITION_PREFIX)


def test_seed_scale_builds_a_conference_edition_and_builds_it_again_after_reset(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_scale", "--factor", "1")
    edition = _scale_editions().get()
    proposals = Proposal.objects.filter(edition=edition)
    assert proposals.count() == 100
    states = list(proposals.values_list("state", flat=True))
    accepted = sum(s in schedule_selectors.SCHEDULABLE_STATES for s in states)
    assert accepted == 12 and states.count(ProposalState.REJECTED) > 50
    assert Review.objects.filter(proposal__edition=edition, submitted_at__isnull=False).count() > 150
    # Every accepted session but four is placed, and the released version holds them; no room is used twice.
    placements = list(Placement.objects.filter(edition=edition))
    assert len(placements) == accepted - 4
    assert len(ScheduleVersion.objects.get(edition=edition).snapshot) == len(placements)
    warnings = schedule_selectors.editor(edition).warnings
    assert not [w for w in warnings if "is used twice" in w.text or "runs" in w.text]
    # 200 registrations (one per scale leader at factor 1), no ticket type over its capacity.
    assert edition.registrations.count() == 200
    for ticket in TicketType.objects.filter(edition=edition).annotate(
            holding=Count("registrations", filter=Q(registrations__state__in=PLACE_HOLDING_STATES))):
        assert ticket.places_held == ticket.holding <= ticket.capacity
    assert TicketType.objects.get(edition=edition, name="VCSE").places_left == 0
    assert Favourite.objects.filter(proposal__edition=edition).count() == 300
    assert Transition.objects.filter(object_id__in=proposals.values("pk"), machine="conference.proposal").count() \
        >= 100
    call_command("seed_scale", "--factor", "1", "--reset")
    assert _scale_editions().count() == 1
    assert Proposal.objects.filter(edition__in=_scale_editions()).count() == 100


def _edition_of(size: int) -> Edition:
    """An edition built as seed_scale builds it, with ``size`` proposals among five speakers."""
    people = [scale.Person(UserFactory().pk, "Bromley Healthcare", "Nursing") for _ in range(20)]
    return scale.build_scale_edition(
        f"{scale.SCALE_EDITION_PREFIX} budget {size}", people[:5], people, proposals=size,
        accepted=max(size * 12 // 100, 3), reviewer_count=5, unplaced=1,
    )


@pytest.mark.parametrize("size", [10, 1000])
def test_the_schedule_editor_reads_in_a_fixed_number_of_queries_at_10_and_1000_proposals(
        client, conference_admin, size, django_assert_num_queries):
    edition = _edition_of(size)
    assert edition.placements.count() == max(size * 12 // 100, 3) - 1
    client.force_login(conference_admin)
    url = reverse("conference:schedule", args=[edition.pk])
    client.get(url)
    with django_assert_num_queries(EDITOR_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [10, 1000])
def test_the_public_programme_reads_in_a_fixed_number_of_queries_at_10_and_1000_proposals(
        client, size, django_assert_num_queries):
    edition = _edition_of(size)
    person = Favourite.objects.filter(proposal__edition=edition).first().user
    client.force_login(person)
    url = reverse("conference:programme", args=[edition.slug])
    client.get(url)
    with django_assert_num_queries(PROGRAMME_QUERIES):
        assert client.get(url).status_code == 200
    client.logout()
    with django_assert_num_queries(ANONYMOUS_PROGRAMME_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [10, 1000])
def test_the_proposals_list_and_ranking_read_in_a_fixed_number_of_queries_at_10_and_1000_proposals(
        client, conference_admin, size, django_assert_max_num_queries):
    edition = _edition_of(size)
    client.force_login(conference_admin)
    with django_assert_max_num_queries(17):
        assert client.get(reverse("conference:proposals", args=[edition.pk])).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("conference:ranking", args=[edition.pk])).status_code == 200
