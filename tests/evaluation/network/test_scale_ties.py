"""seed_scale's network builder: every scale leader answers this quarter's name-generator survey naming 10
colleagues, no pair twice, so N people make 10 x N distinct ties for the snapshot task; once only."""

import pytest
from django.utils import timezone

from academy.directory.demo import SCALE_DOMAIN, SeedContext
from evaluation.network import demo, selectors, services
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db


def test_every_scale_leader_names_ten_colleagues_and_no_pair_is_named_twice():
    people = [LeaderProfileFactory(user=UserFactory(email=f"scale-{n}@{SCALE_DOMAIN}")).user_id for n in range(60)]
    LeaderProfileFactory()  # not a scale leader: never answers
    ctx = SeedContext(password="unused")
    demo.build_network_scale(ctx, 1)
    assert NameGeneratorAnswer.objects.count() == 60 and NameGeneratorName.objects.count() == 600
    assert ctx.counts["name-generator ties (scale)"] == 600
    quarter = services.recent_quarters(timezone.localdate())[-1]
    ties = {(a, b) for a, b, _kind, _day in selectors.name_generator_ties(quarter.start, timezone.localdate())}
    assert len(ties) == 600 and {person for tie in ties for person in tie} == set(people)
    demo.build_network_scale(ctx, 1)  # a second run adds nothing
    assert NameGeneratorName.objects.count() == 600
