"""Shadowing's demo: a round open for offers and interest, and a round with published placements that keep
every hard rule; programme-admin@ runs shadowing. seed_scale's round is matched within the rules too."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import SCALE_BUILDERS, SeedContext
from programmes.core import matching
from programmes.shadowing import selectors, services
from programmes.shadowing.demo import FINISHED_ROUND, OPEN_ROUND, PUBLISHED_ROUND
from programmes.shadowing.models import (
    FollowUp,
    Placement,
    PlacementOffer,
    PlacementState,
    Reflection,
    Round,
    RoundState,
    ShadowInterest,
)
from programmes.shadowing.rules import is_shadowing_admin


@pytest.mark.django_db
def test_seed_demo_builds_an_open_and_a_published_round_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    open_round = Round.objects.get(name=OPEN_ROUND)
    assert open_round.state == RoundState.OPEN
    assert open_round.offers.count() == 6 and open_round.interests.filter(reciprocal=True).count() == 2
    published = Round.objects.get(name=PUBLISHED_ROUND)
    placements = list(Placement.objects.filter(round=published).select_related("offer", "interest"))
    assert placements
    for placement in placements:
        assert placement.interest.organisation_id != placement.offer.organisation_id
    cancelled = [p for p in placements if p.state == PlacementState.CANCELLED]
    assert len(cancelled) == 1 and cancelled[0].cancel_reason and cancelled[0].cancelled_by == cancelled[0].offer.host
    assert not cancelled[0].visits.filter(cancelled_at__isnull=True).exists()
    under_way = next(p for p in placements if p.state == PlacementState.IN_PROGRESS)
    assert selectors.owed_to_home(under_way.shadow, timezone.localdate())  # the home page's prompt
    assert is_shadowing_admin(User.objects.get(email="programme-admin@demo.academy.test"))
    finished = Round.objects.get(name=FINISHED_ROUND)
    done = Placement.objects.filter(round=finished)
    assert done.exists() and not done.exclude(state=PlacementState.COMPLETED).exists()
    assert Reflection.objects.filter(visit__placement__round=finished, side="shadow").count() >= done.count() * 2
    assert FollowUp.objects.filter(placement__round=finished, answered_at__isnull=False).exists()
    counts = (PlacementOffer.objects.count(), ShadowInterest.objects.count(), Placement.objects.count(),
              Reflection.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (PlacementOffer.objects.count(), ShadowInterest.objects.count(), Placement.objects.count(),
            Reflection.objects.count()) == counts


@pytest.mark.django_db
def test_the_scale_round_is_matched_within_the_rules(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    # The demo's leaders stand in for the scale leaders (a small factor keeps the test quick).
    monkeypatch.setattr("programmes.shadowing.demo.SCALE_DOMAIN", "demo.academy.test")
    builder = dict(SCALE_BUILDERS)["shadowing"]
    builder(SeedContext(password="x"), 1)
    round_ = Round.objects.get(name__startswith="Scale test shadowing round")
    _interests, _offers, problem = services.round_problem(round_)
    assert matching.violations(problem, matching.solve(problem)) == []
