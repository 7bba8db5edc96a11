"""The communities' demo: members and leads, discussions with replies, one hidden post, a closed network
leader@ has asked to join; running it twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from programmes.community.models import Community, Membership, MembershipState, Post


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
    counts = (Post.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Post.objects.count(), Membership.objects.count()) == counts
