"""A reviewer is told, once, when a bid is assigned to them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications import services as notifications
from academy.notifications.models import Notification
from programmes.challenge_fund import services
from programmes.challenge_fund.models import BidState
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.challenge_fund import BidFactory, CriterionFactory, RoundFactory, complete

pytestmark = pytest.mark.django_db


def make_reviewer():
    user = UserFactory(first_name="Zoë")
    grant_role(None, user, Role.REVIEWER)
    give_mfa(user)
    return user


def test_assigning_a_reviewer_tells_them_once_after_commit(fund_admin, django_capture_on_commit_callbacks):
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=1),
                          title="Winter & spring <2026>")
    CriterionFactory(round=round_)
    bid = complete(BidFactory(round=round_, title="Falls & frailty at Guy's"))
    services.transition(bid, BidState.SUBMITTED, bid.lead)
    services.open_review(fund_admin, bid)
    reviewer = make_reviewer()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assignment = services.assign_reviewer(fund_admin, bid, reviewer)
    assert len(callbacks) == 1
    with pytest.raises(Exception):  # noqa: B017 - assigned twice is refused, and nothing more is sent
        services.assign_reviewer(fund_admin, bid, reviewer)
    notification = Notification.objects.get(template="cf_review_assigned")
    assert notification.to_email == reviewer.email and notification.recipient == reviewer
    assert notifications.deliver(notification.pk)
    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    assert message.subject == "You have been asked to review a Challenge Fund bid"
    assert '"Falls & frailty at Guy\'s"' in message.body and "Winter & spring <2026>" in message.body
    assert reverse("challenge_fund:review", args=[assignment.pk]) in message.body
    assert "Falls &amp; frailty at Guy&#x27;s" in html and "&lt;2026&gt;" in html
