"""seed_demo fills both registers: problems in several states with report-backs and a Challenge Fund bid
attached, and real offers from outside the Academy; running it again adds nothing."""

import pytest
from django.core.management import call_command

from programmes.core import selectors
from programmes.core.models import ExternalOffer, ReportBack, SystemProblem

pytestmark = pytest.mark.django_db


def test_the_registers_demo_is_complete_and_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_demo")
    counts = [Model.objects.count() for Model in (SystemProblem, ReportBack, ExternalOffer)]
    call_command("seed_demo")
    assert [Model.objects.count() for Model in (SystemProblem, ReportBack, ExternalOffer)] == counts
    assert {p.state for p in SystemProblem.objects.all()} >= {"proposed", "open", "being_worked_on", "adopted"}
    assert selectors.adoptions().exists()
    assert all(offer.url.startswith("https://") for offer in ExternalOffer.objects.all())
    frailty = SystemProblem.objects.get(title__startswith="Older people with frailty")
    assert frailty.cf_bids.exists()
    assert ExternalOffer.objects.filter(search_vector="seacole").exists()
