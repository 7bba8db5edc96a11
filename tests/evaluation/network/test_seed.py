"""The network demo: name-generator answers for the last four quarters (leader@ among this quarter's), ties
of that kind in the snapshots, nothing added by a second run; and the demo's Executive still reads the
stories in aggregate, without a density choice that would do nothing for them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName, NetworkSnapshot
from evaluation.network.services import recent_quarters
from evaluation.stories.models import StoryCollection
from governance.investment.quarters import quarter_of
from tests.conftest import give_mfa

pytestmark = pytest.mark.django_db


def test_seed_demo_answers_the_name_generator_once_and_the_executive_keeps_their_view(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    today = timezone.localdate()
    for quarter in recent_quarters(today):
        assert NameGeneratorAnswer.objects.filter(year=quarter.year, quarter=quarter.number).count() >= 20
    current = quarter_of(today)
    assert NameGeneratorAnswer.objects.filter(respondent__email="leader@demo.academy.test", year=current.year,
                                              quarter=current.number).exists()
    snapshot = NetworkSnapshot.objects.get(year=current.year, quarter=current.number)
    assert snapshot.figures["ties_by_kind"].get("name_generator", 0) > 0
    answers, names = NameGeneratorAnswer.objects.count(), NameGeneratorName.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (NameGeneratorAnswer.objects.count(), NameGeneratorName.objects.count()) == (answers, names)

    executive = User.objects.get(email="exec@demo.academy.test")
    give_mfa(executive)
    client.force_login(executive)
    collection = StoryCollection.objects.order_by("pk").first()
    response = client.get(reverse("evaluation_stories:collection", args=[collection.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Darker areas hold more stories" in page and 'name="density"' not in page
    assert "As a programme admin" not in page
