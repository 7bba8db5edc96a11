"""The overdue-report reminder through a real Celery worker on the real Redis broker: sent twice (beat
firing twice, or a retry), it records one notification and sends one email."""

import datetime as dt
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification, NotificationStatus
from programmes.challenge_fund import services
from programmes.challenge_fund.models import BidState, Outcome
from programmes.challenge_fund.tasks import chase_overdue_reports
from tests.factories.challenge_fund import BidFactory, RoundFactory, complete


def overdue_project():
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=90), closes_at=now - dt.timedelta(days=60))
    bid = complete(BidFactory(
        round=round_, state=BidState.DETERMINED, outcome=Outcome.FUNDED, awarded_amount=Decimal("20000")
    ))
    services.add_milestone(workflow.SYSTEM, bid, title="Pilot live",
                           due_date=timezone.localdate() - dt.timedelta(days=3), payment_amount=Decimal("5000"))
    return services.start_project(workflow.SYSTEM, bid)


def wait_until_delivered(notification_key: str, seconds: int = 30) -> Notification:
    """The reminder's email is delivered by a second task the worker picks up after the first: wait for it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        notification = Notification.objects.filter(key=notification_key).first()
        if notification is not None and notification.status == NotificationStatus.SENT:
            return notification
        time.sleep(0.2)
    raise AssertionError("The reminder email was not delivered by the worker")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_overdue_reminder_through_a_real_worker_is_sent_once_when_the_task_runs_twice(celery_worker):
    bid = overdue_project()
    milestone = bid.milestones.get()
    first, second = (chase_overdue_reports.apply_async(ignore_result=False) for _ in range(2))
    assert first.get(timeout=30) == 1
    assert second.get(timeout=30) == 0  # the notification key makes the second run send nothing
    key = f"cf-report-overdue-{milestone.pk}"
    wait_until_delivered(key)
    assert Notification.objects.filter(template="cf_report_overdue").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [bid.lead.email]
    assert "Pilot live" in mail.outbox[0].body
    bid.refresh_from_db()
    assert bid.state == BidState.OVERDUE
    assert bid.transitions.filter(to_state=BidState.OVERDUE).count() == 1
