"""Joining the open network, applying to an intake with a supporter, and the admins' bulk decisions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy import workflow
from academy.directory.models import PriorityFunction
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.network import services
from programmes.network.models import Membership, MembershipState, Tier
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.network import IntakeFactory

pytestmark = pytest.mark.django_db


def _apply(person, intake, **extra):
    fields = {
        "interests": PriorityFunction.objects.all()[:2],
        "hopes": "To meet people across the system",
        "supporter_role": "line_manager",
        "supporter_name": "Sam O'Manager",
        "supporter_email": "sam.manager@example.nhs.uk",
    } | extra
    return services.apply_to_intake(person, intake, **fields)


def test_joining_the_open_tier_makes_a_member_at_once_with_a_logged_start():
    person = UserFactory()
    membership = services.join_open(person, interests=PriorityFunction.objects.all()[:3])
    assert membership.state == MembershipState.ACCEPTED and membership.tier == Tier.OPEN
    assert membership.interests.count() == 3
    assert list(membership.transitions.values_list("to_state", "actor")) == [("accepted", person.pk)]
    with pytest.raises(ValidationError, match="already a member"):
        services.join_open(person, interests=[])


def test_applying_emails_the_supporter_a_signed_link_they_answer_once():
    person = UserFactory(first_name="Ada", last_name="O'Neill")
    membership = _apply(person, IntakeFactory(name="Spring 2027"))
    assert membership.state == MembershipState.APPLIED
    sent = Notification.objects.get(template="network_supporter_request")
    assert sent.to_email == "sam.manager@example.nhs.uk"
    subject, text, _html = render_email(sent.template, sent.context)
    assert "Ada O'Neill" in subject and "Sam O'Manager" in text and "&#x27;" not in text
    token = services.supporter_token(membership)
    services.supporter_answers(token, supports=True)
    membership.refresh_from_db()
    assert membership.supporter_supports is True and membership.supporter_answered_at is not None
    with pytest.raises(ValidationError, match="already answered"):
        services.supporter_answers(token, supports=False)
    with pytest.raises(ValidationError, match="not valid"):
        services.supporter_answers(token + "x", supports=True)


def test_bad_applications_are_refused_and_nothing_is_saved():
    person = UserFactory(email="me@example.nhs.uk")
    with pytest.raises(ValidationError):
        _apply(person, IntakeFactory(), supporter_email="ME@example.nhs.uk")
    closed = IntakeFactory(closes_on=timezone.localdate() - dt.timedelta(days=1),
                           opens_on=timezone.localdate() - dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="not taking applications"):
        _apply(person, closed)
    assert not Membership.objects.filter(person=person).exists()
    _apply(person, IntakeFactory())
    with pytest.raises(ValidationError, match="already applied"):
        _apply(person, IntakeFactory())


def test_admins_decide_in_bulk_and_an_accepted_open_member_moves_to_the_intake(network_admin):
    intake = IntakeFactory()
    open_member = UserFactory()
    services.join_open(open_member, interests=[])
    first = _apply(open_member, intake)
    second = _apply(UserFactory(), intake)
    assert services.decide(network_admin, [first, second], MembershipState.ACCEPTED) == 2
    assert set(Membership.objects.filter(person=open_member).values_list("tier", "state")) == {
        ("open", "left"), ("intake", "accepted"),
    }
    assert Notification.objects.filter(template="network_membership_decided").count() == 2
    with pytest.raises(ValidationError, match="already been decided"):
        services.decide(network_admin, [first], MembershipState.DECLINED)


def test_only_the_networks_admins_decide(other_admin):
    membership = _apply(UserFactory(), IntakeFactory())
    with pytest.raises(PermissionDenied):
        services.decide(other_admin, [membership], MembershipState.ACCEPTED)
    with pytest.raises(TypeError):
        services.decide(None, [membership], MembershipState.ACCEPTED)
    services.decide(workflow.SYSTEM, [membership], MembershipState.DECLINED)
    membership.refresh_from_db()
    assert membership.state == MembershipState.DECLINED


def test_leaving_is_no_fault_and_someone_else_cannot_end_it():
    person = UserFactory()
    membership = services.join_open(person, interests=[])
    with pytest.raises(PermissionDenied):
        services.leave(UserFactory(), membership)
    services.leave(person, membership)
    membership.refresh_from_db()
    assert membership.state == MembershipState.LEFT
    assert services.join_open(person, interests=[]).state == MembershipState.ACCEPTED


@pytest.mark.django_db(transaction=True)
def test_two_applications_at_the_same_moment_make_one():
    person = UserFactory()
    intake = IntakeFactory()
    outcomes = at_once(lambda: _apply(person, intake), lambda: _apply(person, intake))
    assert len(raised(outcomes, ValidationError)) == 1 and len(raised(outcomes)) == 1
    assert Membership.objects.filter(person=person).count() == 1
