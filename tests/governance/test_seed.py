"""Governance's demo and scale builders."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from academy.directory.demo import SeedContext
from governance.demo import SCALE_ROLE_PREFIX, build_scale_roles
from governance.models import Action, LeadershipRole, Meeting, Seat


@pytest.mark.django_db
def test_seed_demo_fills_seats_and_roles_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    filled = Seat.objects.filter(holder__isnull=False).count()
    roles = LeadershipRole.objects.count()
    assert Meeting.objects.count() == 2 and Action.objects.filter(completed_at__isnull=True).count() == 2
    assert filled == Seat.objects.count() - 4 and roles == 120
    assert LeadershipRole.objects.filter(holder__isnull=True).count() == 20
    call_command("seed_demo", stdout=StringIO())
    assert Meeting.objects.count() == 2
    assert Seat.objects.filter(holder__isnull=False).count() == filled
    assert LeadershipRole.objects.count() == roles


@pytest.mark.django_db
def test_scale_roles_replace_themselves():
    ctx = SeedContext(password="x")
    build_scale_roles(ctx, 1)
    build_scale_roles(ctx, 1)
    assert LeadershipRole.objects.filter(title__startswith=SCALE_ROLE_PREFIX).count() == 120
    assert LeadershipRole.history.filter(title__startswith=SCALE_ROLE_PREFIX).count() == 120
