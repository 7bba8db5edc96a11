"""The communities' demo: members and leads, discussions with replies, one hidden post, a closed network
leader@ has asked to join; running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.community.models import (
    Community,
    CommunityEvent,
    Idea,
    IdeaChallenge,
    Membership,
    MembershipState,
    Post,
    Resource,
    TaskGroup,
)


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
    # One challenge in each stage: gathering ideas (open now), discussing, evaluating, developing and done.
    demo_stages = IdeaChallenge.objects.exclude(title__startswith="Scale test").values_list("stage", flat=True)
    assert sorted(demo_stages) == sorted(["gather", "discuss", "evaluate", "develop", "done"])
    assert IdeaChallenge.objects.get(stage="develop").ideas.filter(answer="taken_forward").count() == 1
    evaluating = IdeaChallenge.objects.get(stage="evaluate")
    assert evaluating.ideas.count() == 12 and evaluating.evaluators.filter(email="leader@demo.academy.test").exists()
    assert Idea.objects.filter(challenge=evaluating, support_count__gt=0).exists()
    done = IdeaChallenge.objects.get(stage="done")
    assert not done.ideas.filter(answer="").exists()
    assert done.ideas.filter(answer="taken_forward", system_problem__isnull=False).count() == 1
    closed_file = Resource.objects.get(community__closed=True, kind="file")
    assert closed_file.visibility == "community" and closed_file.file.read(5) == b"%PDF-"
    assert Resource.objects.filter(kind="link", visibility="everyone", url__startswith="https://").count() >= 2
    assert Resource.objects.filter(priority_functions__isnull=False, professions__isnull=False).exists()
    group_files = Resource.objects.filter(task_group__name="Common AHP lead role description")
    assert group_files.count() == 2 and set(group_files.values_list("visibility", flat=True)) == {"community"}
    assert not Idea.objects.filter(challenge=evaluating, priority_functions__isnull=True).exists()
    open_group = TaskGroup.objects.get(state="open")
    assert open_group.members.filter(email="leader@demo.academy.test").exists() and open_group.posts.exists()
    closed_group = TaskGroup.objects.get(state="closed")
    assert closed_group.outcome_note and closed_group.members.exists()
    admin_made = Community.objects.get(name="South East London Diabetes Clinical Network")
    assert admin_made.kind == "clinical" and admin_made.leads.count() == 2
    log = set(admin_made.moderation_actions.values_list("kind", "actor__email"))
    assert ("create", "programme-admin@demo.academy.test") in log
    assert admin_made.moderation_actions.filter(kind="pin", thread__pinned=True).count() == 1
    assert admin_made.threads.filter(pinned=True).count() == 1
    assert admin_made.moderation_actions.filter(kind="lead_named").count() == 2
    # The communities programme's inspiration session is shown on the AHP network's page and the diabetes network's.
    shown = CommunityEvent.objects.filter(cohort__title__startswith="Inspiration session",
                                          cohort__programme__slug="community")
    assert set(shown.values_list("community__slug", flat=True)) == {"allied-health-professionals", admin_made.slug}
    counts = (Post.objects.count(), Membership.objects.count(), Idea.objects.count(), Resource.objects.count(),
              TaskGroup.objects.count(), CommunityEvent.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Post.objects.count(), Membership.objects.count(), Idea.objects.count(), Resource.objects.count(),
            TaskGroup.objects.count(), CommunityEvent.objects.count()) == counts
