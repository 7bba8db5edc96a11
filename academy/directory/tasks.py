"""Reminders about leader profiles, started by Celery beat."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from academy.notifications import services as notifications

PROFILE_REMINDER_AFTER = timedelta(days=3)


def people_without_profile(now=None):
    """Active people with a verified email who joined over 3 days ago, have no leader profile and
    have not been reminded."""
    now = now or timezone.now()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            profile__isnull=True,
            date_joined__lte=now - PROFILE_REMINDER_AFTER,
            emailaddress__verified=True,
            emailaddress__primary=True,
        )
        .exclude(notifications__template="profile_reminder")
        .only("pk", "email", "first_name")
        .distinct()
    )


@shared_task(acks_late=True)
def send_profile_reminders() -> int:
    """Remind each person once (the key is per person); returns how many emails this run sent."""
    sent = 0
    path = reverse("directory:profile_edit")
    for user in people_without_profile().iterator():
        if notifications.notify(
            key=f"profile-incomplete:{user.pk}",
            template="profile_reminder",
            to_email=user.email,
            context={"first_name": user.first_name, "profile_path": path},
            recipient=user,
            link=path,
        ):
            sent += 1
    return sent
