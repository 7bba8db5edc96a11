"""The communities' demo: members and leads, discussions with replies, one hidden post, a closed network
leader@ has asked to join; running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.community.models import Community, Idea, IdeaChallenge, Membership, MembershipState, Post


@pytest.mark.django_db
def test_seed_demo_builds_communities_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    call_command("seed_demo", stdout=StringIO())
    leader = Membership.objects.filter(person__email="leader@demo.academy.test")
    assert set(leader.values_list("state", flat=True)) == {MembershipState.MEMBER, MembershipState.REQUESTED}
    assert Community.objects.get(slug="urgent-and-emergency-care-clinical-leads").closed
    assert Post.objects.filter(hidden=True).count() == 1
    assert Post.objects.count() >= 8
    assert all(c.leads.exists() for c in Community.objects.filter(kind="professional"))
    evaluating = IdeaChallenge.objects.get(stage="evaluate")
    assert evaluating.ideas.count() == 12 and evaluating.evaluators.filter(email="leader@demo.academy.test").exists()
    assert Idea.objects.filter(challenge=evaluating, support_count__gt=0).exists()
    done = IdeaChallenge.objects.get(stage="done")
    assert not done.ideas.filter(answer="").exists()
    assert done.ideas.filter(answer="taken_forward", system_problem__isnull=False).count() == 1
    counts = (Post.objects.count(), Membership.objects.count(), Idea.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Post.objects.count(), Membership.objects.count(), Idea.objects.count()) == counts
