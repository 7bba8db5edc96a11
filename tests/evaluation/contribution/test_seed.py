"""The contribution log demo: ten innovations across every stage, leader@'s proposals among them, each
with its history; a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from academy.workflow.models import Transition
from evaluation.contribution.models import Entry, Stage

pytestmark = pytest.mark.django_db


def test_seed_demo_logs_ten_innovations_across_the_stages_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    assert Entry.objects.count() == 10
    assert {e.stage for e in Entry.objects.all()} == set(Stage.values)
    assert Entry.objects.filter(proposed_by__email="leader@demo.academy.test").count() == 3
    assert Transition.objects.filter(machine="evaluation.contribution").count() >= 10
    call_command("seed_demo", stdout=StringIO())
    assert Entry.objects.count() == 10
