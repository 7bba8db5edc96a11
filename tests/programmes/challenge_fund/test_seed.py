"""The Challenge Fund's demo: a closed round with decisions of every kind, so the investment dashboard's
awards table and the portfolio have more than one award to show."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.challenge_fund.models import Bid, Outcome


@pytest.mark.django_db
def test_seed_demo_decides_the_closed_round_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    closed = Bid.objects.filter(round__title="SEL Challenge Fund 2025/26")
    outcomes = sorted(closed.exclude(outcome="").values_list("outcome", flat=True))
    # The fourth bid waits for its review; leader@'s revised bid is back in review with no decision yet.
    assert outcomes == sorted([Outcome.FUNDED, Outcome.FUNDED_CONDITIONS, Outcome.DECLINED])
    partial = closed.get(outcome=Outcome.FUNDED_CONDITIONS)
    assert partial.awarded_amount < partial.amount_requested and partial.conditions
    functions = set(closed.filter(awarded_amount__isnull=False).values_list("functions", flat=True))
    assert len(functions) >= 2, "the awards should reach more than one priority function"
    awards = list(Bid.objects.filter(awarded_amount__isnull=False).values_list("pk", "awarded_amount"))
    call_command("seed_demo", stdout=StringIO())
    assert list(Bid.objects.filter(awarded_amount__isnull=False).values_list("pk", "awarded_amount")) == awards
