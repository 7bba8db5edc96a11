"""The stories demo: about 60 stories in one open collection, leader@ among the tellers, some not
consented; a second run adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from evaluation.stories.demo import TITLE
from evaluation.stories.models import Story, TriadPlacement

pytestmark = pytest.mark.django_db


def test_seed_demo_tells_about_sixty_stories_once(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    stories = Story.objects.filter(collection__title=TITLE)
    assert 50 <= stories.count() <= 60
    assert stories.filter(author__email="leader@demo.academy.test").exists()
    assert stories.filter(consent_to_quote=False).exists() and stories.filter(consent_to_quote=True).exists()
    for a, b, c in TriadPlacement.objects.values_list("a", "b", "c"):
        assert a + b + c == pytest.approx(1)
    count = stories.count()
    call_command("seed_demo", stdout=StringIO())
    assert Story.objects.count() == count
