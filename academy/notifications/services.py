"""Sending email once. Every notification is recorded under a unique key before it is sent."""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone

from academy import queueing
from academy.notifications.models import Notification, NotificationStatus

log = logging.getLogger("academy.notifications")


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template with autoescaping off: "Falls & frailty" stays "Falls & frailty", not
    "Falls &amp; frailty". Every subject and plain-text part is rendered here, so no template has to
    remember ``{% autoescape off %}``. Values must be passed raw (never escaped beforehand)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_email(template: str, context: dict) -> tuple[str, str, str]:
    """Render ``notifications/email/<template>_subject.txt`` and ``.txt`` as plain text (unescaped), and
    ``.html`` with autoescaping on (each value escaped once)."""
    base = f"notifications/email/{template}"
    context = {"site_url": settings.ACADEMY_SITE_URL, "site_name": settings.ACADEMY_SITE_NAME, **context}
    subject = " ".join(render_text(f"{base}_subject.txt", context).split())
    text = render_text(f"{base}.txt", context)
    html = get_template(f"{base}.html").render(context)
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


def send_after_commit(
    key: str, template: str, to_email: str, context: dict | None = None, recipient=None
) -> Notification | None:
    """Record a notification now and hand it to Celery once the transaction commits, so work that is rolled
    back sends nothing. Returns None if one with this key was recorded before (nothing more is sent). If the
    broker cannot take the task, the page still succeeds and the notification waits for :func:`resend_unsent`."""
    notification = record(key, template, to_email, context, recipient)
    if notification is not None:
        transaction.on_commit(partial(_queue, notification.pk))
    return notification


def email_user_after_commit(key: str, template: str, user, context: dict) -> bool:
    """:func:`send_after_commit` to a portal user, greeting them by first name. True if newly recorded."""
    context = {"first_name": user.first_name, **context}
    return send_after_commit(key, template, user.email, context, recipient=user) is not None


def _queue(notification_id: int) -> None:
    """Publish once, without waiting on the broker (academy/queueing.py). If the broker is down the
    notification stays pending and :func:`resend_unsent` sends it later."""
    # The task module imports this one to do the work, so the task is looked up when queueing.
    from academy.notifications.tasks import deliver_notification  # noqa: PLC0415

    queueing.publish(deliver_notification, notification_id)


RESEND_AFTER = timedelta(minutes=10)  # longer than a queued email normally waits for a worker
MAX_ATTEMPTS = 8  # the task's own retries, then the resend task's
RESEND_BATCH = 200


def resend_unsent(now=None) -> int:
    """Send what is still waiting: notifications pending for longer than ``RESEND_AFTER`` (the broker was
    down when they were recorded, or a worker stopped) and failed ones tried fewer than ``MAX_ATTEMPTS``
    times. Oldest first, at most ``RESEND_BATCH`` a run. Returns how many went out."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.filter(
            Q(status=NotificationStatus.PENDING, created_at__lte=now - RESEND_AFTER)
            | Q(status=NotificationStatus.FAILED, attempts__lt=MAX_ATTEMPTS)
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:RESEND_BATCH]
    )
    sent = 0
    for notification_id in list(waiting):
        with suppress(Exception):  # deliver recorded the failure; the next run tries again
            sent += deliver(notification_id)
    if sent:
        log.info("resent %s waiting notifications", sent)
    return sent
