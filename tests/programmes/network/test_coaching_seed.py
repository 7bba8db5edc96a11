"""The coaching demo: the coaching lead, four coaches (one paused), leader@ coached with sessions logged, and
requests in every state. Running seed_demo twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from academy.accounts.models import User
from programmes.network.models import Coach, CoachingRequest, CoachingSession, CoachingState, CoachStatus
from programmes.network.rules import is_coaching_lead


@pytest.mark.django_db
def test_seed_demo_shows_coaching_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    assert is_coaching_lead(User.objects.get(email="coaching-lead@demo.academy.test"))
    assert Coach.objects.count() == 4 and Coach.objects.filter(status=CoachStatus.PAUSED).count() == 1
    states = set(CoachingRequest.objects.values_list("state", flat=True))
    assert states == set(CoachingState.values)
    mine = CoachingRequest.objects.get(requester__email="leader@demo.academy.test")
    assert mine.state == CoachingState.ACTIVE and mine.sessions.count() == 3
    counts = (Coach.objects.count(), CoachingRequest.objects.count(), CoachingSession.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Coach.objects.count(), CoachingRequest.objects.count(), CoachingSession.objects.count()) == counts
