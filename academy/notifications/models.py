"""Every email the portal sends on its own (reminders, notices) is recorded here first, under a
unique key, so a second run of the same beat task, or a retry, finds the row and sends nothing.

A notification to a person with an account is also their inbox entry (``read_at``, ``link``), and how it
reached them follows their :class:`NotificationPreference` for its kind (see ``kinds.py``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    DIGEST = "digest", "Waiting for the daily digest"
    DIGESTED = "digested", "Sent in a daily digest"
    INBOX = "inbox", "Shown in the inbox only"


class Delivery(models.TextChoices):
    EMAIL = "email", "Email me straight away"
    DIGEST = "digest", "One email a day with all of them (a daily digest)"
    INBOX = "inbox", "Do not email me: show them in my notifications only"


class Notification(models.Model):
    key = models.CharField(
        max_length=200,
        unique=True,
        help_text="What this notification is about, for example 'profile-incomplete:42'. One email per key.",
    )
    template = models.CharField(max_length=100)
    kind = models.CharField(max_length=40, blank=True, help_text="The kind of message (notifications/kinds.py).")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    to_email = models.EmailField()
    context = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=300, blank=True, help_text="The portal page the message is about (a path).")
    status = models.CharField(max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="notification_status_idx"),
            # The header's unread count on every page reads only this small index.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class NotificationPreference(models.Model):
    """How a person gets one kind of message. No row: email straight away."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EMAIL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once_per_kind"),
            models.CheckConstraint(
                condition=Q(delivery__in=["email", "digest", "inbox"]), name="notification_preference_delivery"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"
