"""Emails are recorded under a unique key before sending: a second run or a retry sends nothing twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from academy.directory.tasks import send_profile_reminders
from academy.notifications import services
from academy.notifications.models import Notification, NotificationStatus
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_twice_with_the_same_key_sends_one_email():
    user = UserFactory()
    context = {"first_name": "Sam", "profile_path": "/directory/profile/edit/"}
    assert services.notify("profile-incomplete:test", "profile_reminder", user.email, context, recipient=user)
    assert not services.notify("profile-incomplete:test", "profile_reminder", user.email, context, recipient=user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Complete your leader profile"
    assert "Dear Sam" in message.body and "/directory/profile/edit/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert Notification.objects.get().status == NotificationStatus.SENT


def test_a_failed_send_is_kept_and_retried_once_delivered():
    user = UserFactory()
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        services.notify("k:1", "profile_reminder", user.email, {"profile_path": "/"}, recipient=user)
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.FAILED and notification.last_error == "OSError"
    assert services.deliver(notification.pk) is True
    assert services.deliver(notification.pk) is False
    assert len(mail.outbox) == 1


def test_profile_reminder_task_run_twice_sends_one_email_per_person():
    old = timezone.now() - timedelta(days=4)
    waiting = UserFactory(date_joined=old)
    UserFactory(date_joined=timezone.now())  # joined today: not yet
    UserFactory(date_joined=old, verified=False)  # email never verified: never
    assert send_profile_reminders() == 1
    assert send_profile_reminders() == 0
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert Notification.objects.filter(key=f"profile-incomplete:{waiting.pk}").count() == 1


# --- sending after commit, and resending what waits -------------------------------------------------


def test_send_after_commit_queues_delivery_only_when_the_work_commits(django_capture_on_commit_callbacks):
    user = UserFactory(first_name="Kemi")
    with mock.patch("academy.notifications.tasks.deliver_notification.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            assert services.email_user_after_commit("k:commit", "profile_reminder", user, {"profile_path": "/"})
        notification = Notification.objects.get(key="k:commit")
        delay.assert_called_once_with(notification.pk)
        assert notification.context["first_name"] == "Kemi" and notification.recipient == user
        # The same key again records and queues nothing.
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert not services.email_user_after_commit("k:commit", "profile_reminder", user, {"profile_path": "/"})
        assert callbacks == [] and delay.call_count == 1


def test_send_after_commit_sends_nothing_for_work_that_is_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    user = UserFactory()
    with (
        mock.patch("academy.notifications.tasks.deliver_notification.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.send_after_commit("k:rollback", "profile_reminder", user.email, {"profile_path": "/"})
        raise RuntimeError("the service failed after recording")
    assert callbacks == [] and not delay.called
    assert not Notification.objects.filter(key="k:rollback").exists()


def test_a_broker_that_is_down_leaves_the_email_waiting_for_the_resend_task(django_capture_on_commit_callbacks):
    user = UserFactory()
    with (
        mock.patch("academy.notifications.tasks.deliver_notification.delay", side_effect=ConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.send_after_commit("k:broker", "profile_reminder", user.email, {"profile_path": "/"})
    notification = Notification.objects.get(key="k:broker")
    assert notification.status == NotificationStatus.PENDING and mail.outbox == []
    # Too soon for the resend task: a worker may still be about to send it.
    assert services.resend_unsent() == 0
    later = timezone.now() + services.RESEND_AFTER + timedelta(seconds=1)
    assert services.resend_unsent(now=later) == 1
    assert services.resend_unsent(now=later) == 0
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_resend_retries_failed_emails_until_the_last_attempt():
    user = UserFactory()
    tried = services.record("k:failed", "profile_reminder", user.email, {"profile_path": "/"}, user)
    given_up = services.record("k:given-up", "profile_reminder", user.email, {"profile_path": "/"}, user)
    Notification.objects.filter(pk=tried.pk).update(status=NotificationStatus.FAILED, attempts=2)
    Notification.objects.filter(pk=given_up.pk).update(
        status=NotificationStatus.FAILED, attempts=services.MAX_ATTEMPTS
    )
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        assert services.resend_unsent() == 0  # still down: recorded again, nothing raised
    tried.refresh_from_db()
    assert tried.status == NotificationStatus.FAILED and tried.attempts == 3
    assert services.resend_unsent() == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert Notification.objects.get(pk=given_up.pk).status == NotificationStatus.FAILED


def test_the_resend_task_is_on_the_beat_schedule():
    from academy.celery import app_beat_schedules

    entry = app_beat_schedules()["notifications-resend-unsent"]
    assert entry["task"] == "academy.notifications.tasks.resend_unsent_notifications"
