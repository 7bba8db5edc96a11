"""The questionnaires' demo: waves for the demo cohorts with answers, none dated in the future, leader@
with a questionnaire waiting, and a second run changing nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluation.surveys import selectors
from evaluation.surveys.models import Response, Wave


@pytest.mark.django_db
def test_seed_demo_gives_a_year_of_answers_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    assert Wave.objects.count() >= 3
    assert Response.objects.count() >= 10
    assert not Response.objects.filter(submitted_at__gt=timezone.now()).exists()
    from academy.accounts.models import User  # noqa: PLC0415

    leader = User.objects.get(email="leader@demo.academy.test")
    assert selectors.own_open_invitations(leader)
    counts = (Wave.objects.count(), Response.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Wave.objects.count(), Response.objects.count()) == counts
