"""Every email the portal sends on its own (reminders, notices) is recorded here first, under a
unique key, so a second run of the same beat task, or a retry, finds the row and sends nothing."""

from django.conf import settings
from django.db import models


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Notification(models.Model):
    key = models.CharField(
        max_length=200,
        unique=True,
        help_text="What this notification is about, for example 'profile-incomplete:42'. One email per key.",
    )
    template = models.CharField(max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    to_email = models.EmailField()
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="notification_status_idx")]

    def __str__(self) -> str:
        return self.key
