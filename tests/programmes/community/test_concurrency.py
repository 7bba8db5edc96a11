"""Joining and moderating at the same moment: the community's row lock (parent first) keeps one membership
per person and one answer per request, with a readable refusal instead of a database error."""

import pytest
from django.core.exceptions import ValidationError

from programmes.community import services
from programmes.community.models import Membership, MembershipState, ModerationAction
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_click_on_join_makes_one_membership():
    community = make_community()
    person = UserFactory()
    outcomes = at_once(lambda: services.join(person, community), lambda: services.join(person, community))
    assert len(raised(outcomes, ValidationError)) == 1
    assert len(raised(outcomes)) == 1  # nothing but the readable refusal
    membership = Membership.objects.get(community=community, person=person)
    assert membership.state == MembershipState.MEMBER
    assert membership.transitions.count() == 1


def test_two_leads_answering_one_request_at_once_give_one_answer(django_capture_on_commit_callbacks):
    first, second = UserFactory(), UserFactory()
    community = make_community(closed=True, leads=[first, second])
    request = add_member(community, state=MembershipState.REQUESTED)
    outcomes = at_once(
        lambda: services.decide_request(first, request, approve=True),
        lambda: services.decide_request(second, request, approve=False),
    )
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    request.refresh_from_db()
    assert request.state in {MembershipState.MEMBER, MembershipState.DECLINED}
    assert request.transitions.count() == 2  # the start, then one answer


def test_two_leads_hiding_one_post_at_once_log_it_once():
    first, second = UserFactory(), UserFactory()
    community = make_community(leads=[first, second])
    post = services.start_thread(add_member(community).person, community, title="T", body="B").posts.get()
    outcomes = at_once(
        lambda: services.hide_post(first, post, reason="One"), lambda: services.hide_post(second, post, reason="Two")
    )
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    assert ModerationAction.objects.filter(post=post).count() == 1
