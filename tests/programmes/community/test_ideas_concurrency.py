"""Supports at the same moment: the challenge's row lock (taken before the idea's) counts them one after the
other, so nobody gets more than the challenge's number of supports and every count is exact."""

import pytest
from django.core.exceptions import ValidationError

from programmes.community import services
from programmes.community.models import Idea, IdeaSupport
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_person_supporting_several_ideas_at_once_stays_within_the_limit():
    challenge = make_challenge(supports_per_person=2)
    ideas = [services.submit_idea(UserFactory(), challenge, title=f"Idea {n}", body="B") for n in range(4)]
    leader = UserFactory()
    outcomes = at_once(*[(lambda idea=idea: services.support_idea(leader, idea)) for idea in ideas])
    assert len(raised(outcomes, ValidationError)) == 2 and len(raised(outcomes)) == 2
    assert IdeaSupport.objects.filter(person=leader, challenge=challenge).count() == 2
    assert sum(Idea.objects.filter(challenge=challenge).values_list("support_count", flat=True)) == 2


def test_a_double_click_on_support_counts_once():
    challenge = make_challenge()
    idea = services.submit_idea(UserFactory(), challenge, title="Idea", body="B")
    leader = UserFactory()
    outcomes = at_once(lambda: services.support_idea(leader, idea), lambda: services.support_idea(leader, idea))
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    idea.refresh_from_db()
    assert idea.support_count == 1 == IdeaSupport.objects.filter(idea=idea).count()


def test_many_people_supporting_one_idea_at_once_are_all_counted():
    challenge = make_challenge()
    idea = services.submit_idea(UserFactory(), challenge, title="Idea", body="B")
    people = [UserFactory() for _ in range(5)]
    outcomes = at_once(*[(lambda person=person: services.support_idea(person, idea)) for person in people])
    assert not raised(outcomes)
    idea.refresh_from_db()
    assert idea.support_count == 5 == IdeaSupport.objects.filter(idea=idea).count()
