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
