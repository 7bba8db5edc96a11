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
    # one cohort still to start has the whole standard schedule
    standard = {(k, a) for k, a, _ in selectors.STANDARD_WAVES}
    by_cohort = {}
    for kind, audience, cohort_id in Wave.objects.values_list("kind", "audience", "cohort_id"):
        by_cohort.setdefault(cohort_id, set()).add((kind, audience))
    assert any(kinds >= standard for kinds in by_cohort.values())
    # last year's conference edition has its waves, with answers, and line managers asked
    edition_waves = Wave.objects.filter(edition__isnull=False)
    assert edition_waves.count() == 5
    assert Response.objects.filter(invitation__wave__edition__isnull=False).count() >= 10
    assert edition_waves.filter(audience="line_managers").get().invitations.exists()
    assert not Response.objects.filter(submitted_at__gt=timezone.now()).exists()
    counts = (Wave.objects.count(), Response.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Wave.objects.count(), Response.objects.count()) == counts
