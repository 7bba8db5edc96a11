"""Sending email once. Every notification is recorded under a unique key before it is sent."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from academy.notifications.models import Notification, NotificationStatus

log = logging.getLogger("academy.notifications")


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    """Render ``notifications/email/<template>_subject.txt``, ``.txt`` and ``.html``."""
    base = f"notifications/email/{template}"
    context = {"site_url": settings.ACADEMY_SITE_URL, **context}
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    return subject, text, html


def record(key: str, template: str, to_email: str, context: dict | None = None, recipient=None) -> Notification | None:
    """Record a notification to send. Returns None if one with this key was recorded before."""
    try:
        with transaction.atomic():
            return Notification.objects.create(
                key=key, template=template, to_email=to_email, context=context or {}, recipient=recipient
            )
    except IntegrityError:
        return None


def deliver(notification_id: int) -> bool:
    """Send a recorded notification if it has not been sent. Safe to call twice, or concurrently.

    Returns True if this call sent the email. A failure to send is recorded and re-raised, so that the
    Celery task retries it later.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk=notification_id, status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED])
            .first()
        )
        if notification is None:
            return False  # already sent, or another worker is sending it right now
        subject, text, html = render_email(notification.template, notification.context)
        message = EmailMultiAlternatives(subject, text, to=[notification.to_email])
        message.attach_alternative(html, "text/html")
        # Optional text attachments kept in the context, e.g. a calendar invitation:
        # {"attachments": [{"filename": "session.ics", "content": "...", "mimetype": "text/calendar"}]}
        for attachment in notification.context.get("attachments", []):
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        try:
            message.send()
        except Exception as exc:  # the mail server refused or could not be reached
            error = exc
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.last_error = ""
            notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
            log.info("notification %s sent template=%s", notification.pk, notification.template)
            return True
    Notification.objects.filter(pk=notification_id).update(
        status=NotificationStatus.FAILED, attempts=F("attempts") + 1, last_error=type(error).__name__[:200]
    )
    log.warning("notification %s failed to send (%s)", notification_id, type(error).__name__)
    raise error


def notify(key: str, template: str, to_email: str, context: dict | None = None, recipient=None) -> bool:
    """Record and send straight away (from a Celery task). Returns True if an email went out."""
    notification = record(key, template, to_email, context, recipient)
    if notification is None:
        existing = Notification.objects.filter(key=key).values_list("pk", flat=True).first()
        return deliver(existing) if existing else False
    return deliver(notification.pk)
