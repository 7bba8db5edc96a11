"""Sending email once. Every notification is recorded under a unique key before it is sent.

A notification to a person with an account is also their inbox entry. How it reaches them follows their
preference for its kind (``kinds.py``): emailed now, held for the daily digest, or kept in the inbox only;
essential kinds are always emailed. Callers need not know: they call :func:`send_after_commit`,
:func:`email_user_after_commit` or :func:`notify` as before, with an optional ``link`` to the thing."""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from academy import queueing
from academy.notifications import kinds
from academy.notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus

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


def safe_link(link: str) -> str:
    """A portal path to keep as the inbox entry's link: a full address on this site becomes its path; anything
    that is not a path on this site (another host, ``javascript:``...) is dropped."""
    link = (link or "").strip()
    if link.startswith(settings.ACADEMY_SITE_URL + "/"):
        link = link[len(settings.ACADEMY_SITE_URL) :]
    if not link.startswith("/") or link.startswith("//") or "\\" in link or len(link) > 300:
        return ""
    return link


def delivery_for(user, kind: kinds.Kind) -> str:
    """How ``user`` gets messages of ``kind``: essential and unchoosable kinds are always emailed."""
    if not kind.choosable:
        return Delivery.EMAIL
    chosen = NotificationPreference.objects.filter(user=user, kind=kind.slug).values_list("delivery", flat=True)
    return next(iter(chosen), Delivery.EMAIL)


STATUS_FOR_DELIVERY = {
    Delivery.EMAIL: NotificationStatus.PENDING,
    Delivery.DIGEST: NotificationStatus.DIGEST,
    Delivery.INBOX: NotificationStatus.INBOX,
}


def record(
    key: str, template: str, to_email: str, context: dict | None = None, recipient=None, link: str = ""
) -> Notification | None:
    """Record a notification to send. Returns None if one with this key was recorded before.

    To a person with an account it is also an inbox entry, and is held for the digest or kept in the inbox
    only when that is what they chose for its kind; only ``PENDING`` notifications are emailed."""
    kind = kinds.kind_of(template)
    status = NotificationStatus.PENDING
    if recipient is not None:
        status = STATUS_FOR_DELIVERY[delivery_for(recipient, kind)]
    try:
        with transaction.atomic():
            return Notification.objects.create(
                key=key,
                template=template,
                kind=kind.slug,
                to_email=to_email,
                context=context or {},
                recipient=recipient,
                link=safe_link(link),
                status=status,
            )
    except IntegrityError:
        return None


# --- one-click unsubscribe (RFC 8058) ----------------------------------------------------------------

UNSUBSCRIBE_SALT = "academy.notifications.unsubscribe"


def unsubscribe_token(user_id: int, kind_slug: str) -> str:
    """A signed token naming the person and the kind: it works without signing in and cannot be altered."""
    return signing.dumps([user_id, kind_slug], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, kinds.Kind] | None:
    """The person and kind a token names, or None if it was altered or names a kind that cannot be stopped."""
    try:
        user_id, slug = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    kind = kinds.BY_SLUG.get(slug)
    if not isinstance(user_id, int) or kind is None or not kind.unsubscribable:
        return None
    return user_id, kind


def unsubscribe_url(user_id: int, kind: kinds.Kind) -> str:
    return settings.ACADEMY_SITE_URL + reverse(
        "notifications:unsubscribe", args=[unsubscribe_token(user_id, kind.slug)]
    )


def unsubscribe(token: str) -> kinds.Kind | None:
    """Stop emails of the token's kind: that kind goes to the inbox only (the daily digest's link moves every
    kind the person gets in the digest to the inbox only). Safe to repeat. None if the token is refused."""
    found = read_unsubscribe_token(token)
    if found is None:
        return None
    user_id, kind = found
    with transaction.atomic():
        if kind.slug == "daily_digest":
            NotificationPreference.objects.filter(user_id=user_id, delivery=Delivery.DIGEST).update(
                delivery=Delivery.INBOX, updated_at=timezone.now()
            )
        else:
            NotificationPreference.objects.update_or_create(
                user_id=user_id, kind=kind.slug, defaults={"delivery": Delivery.INBOX}
            )
    log.info("unsubscribed user=%s kind=%s", user_id, kind.slug)
    return kind


def _unsubscribe_context(notification: Notification) -> tuple[dict, dict]:
    """The unsubscribe link for the email's footer and the List-Unsubscribe headers, for a non-essential
    email to a person with an account; nothing for the rest."""
    kind = kinds.kind_of(notification.template)
    if notification.recipient_id is None or not kind.unsubscribable:
        return {}, {}
    url = unsubscribe_url(notification.recipient_id, kind)
    context = {
        "unsubscribe_url": url,
        "unsubscribe_kind": kind.label,
        "preferences_url": settings.ACADEMY_SITE_URL + reverse("notifications:preferences"),
    }
    headers = {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return context, headers


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
        footer, headers = _unsubscribe_context(notification)
        subject, text, html = render_email(notification.template, {**notification.context, **footer})
        if footer:
            text = text.rstrip("\n") + "\n\n" + render_text("notifications/email/unsubscribe_footer.txt", footer)
        message = EmailMultiAlternatives(subject, text, to=[notification.to_email], headers=headers)
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


def notify(key: str, template: str, to_email: str, context: dict | None = None, recipient=None, link: str = "") -> bool:
    """Record and send straight away (from a Celery task). Returns True if an email went out (False when it
    was sent before, or the person chose the digest or the inbox only for its kind)."""
    notification = record(key, template, to_email, context, recipient, link)
    if notification is None:
        existing = Notification.objects.filter(key=key).values_list("pk", flat=True).first()
        return deliver(existing) if existing else False
    return deliver(notification.pk)


def send_after_commit(
    key: str, template: str, to_email: str, context: dict | None = None, recipient=None, link: str = ""
) -> Notification | None:
    """Record a notification now and hand it to Celery once the transaction commits, so work that is rolled
    back sends nothing. Returns None if one with this key was recorded before (nothing more is sent). If the
    broker cannot take the task, the page still succeeds and the notification waits for :func:`resend_unsent`."""
    notification = record(key, template, to_email, context, recipient, link)
    if notification is not None and notification.status == NotificationStatus.PENDING:
        transaction.on_commit(partial(_queue, notification.pk))
    return notification


def email_user_after_commit(key: str, template: str, user, context: dict, link: str = "") -> bool:
    """:func:`send_after_commit` to a portal user, greeting them by first name. True if newly recorded."""
    context = {"first_name": user.first_name, **context}
    return send_after_commit(key, template, user.email, context, recipient=user, link=link) is not None


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


def forget_details(keys: list[str], *, context_fields: tuple[str, ...], recipient: bool = False) -> int:
    """Blank the named context values (and, with ``recipient``, the address) of the notifications with these
    keys, for the retention schedule. The rows and keys stay, so nothing is sent twice; one left unsent with
    no address is never tried again. Returns how many rows changed."""
    changed = 0
    for notification in Notification.objects.filter(key__in=keys).order_by("pk"):
        fields = []
        if any(notification.context.get(name) for name in context_fields):
            notification.context = {**notification.context, **dict.fromkeys(context_fields, "")}
            fields.append("context")
        if recipient and notification.to_email:
            notification.to_email = ""
            fields.append("to_email")
            if notification.status != NotificationStatus.SENT:
                notification.status, notification.attempts = NotificationStatus.FAILED, MAX_ATTEMPTS
                notification.last_error = "The address was removed by the retention schedule"
                fields += ["status", "attempts", "last_error"]
        if fields:
            notification.save(update_fields=fields)
            changed += 1
    return changed


# --- the inbox ------------------------------------------------------------------------------------------


def _own(actor, notification: Notification) -> None:
    if actor is None or notification.recipient_id != actor.pk:
        raise PermissionDenied("Only the person a message was sent to can mark it as read.")


def mark_read(actor, notification: Notification, now=None) -> bool:
    """Mark one message as read. True if it was unread."""
    _own(actor, notification)
    now = now or timezone.now()
    changed = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    notification.read_at = notification.read_at or now
    return bool(changed)


def mark_all_read(actor, now=None) -> int:
    """Mark every unread message of the person as read. Returns how many."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=now or timezone.now())


def save_preferences(actor, user, choices: dict[str, str]) -> None:
    """Save how ``user`` gets each choosable kind (kind slug to a :class:`Delivery`). Only the person
    themselves may change them; essential kinds cannot be changed (they are always emailed)."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied("Only the person themselves can change how they get messages.")
    allowed = {kind.slug for kind in kinds.choosable()}
    with transaction.atomic():
        for slug, delivery in choices.items():
            if slug not in allowed:
                raise ValueError(f"'{slug}' is not a kind of message a person can choose for")
            if delivery not in Delivery.values:
                raise ValueError(f"'{delivery}' is not a way to get messages")
            NotificationPreference.objects.update_or_create(user=user, kind=slug, defaults={"delivery": delivery})


# --- the daily digest -------------------------------------------------------------------------------------

DIGEST_HOUR = 7  # local time: the digest goes out with the first run at or after 7am


def send_daily_digests(now=None) -> int:
    """Send each person who has messages waiting for the digest one email with all of them, once a day.

    Beat runs this every hour; before ``DIGEST_HOUR`` (local time) it does nothing. The digest is recorded
    under ``digest:<person>:<date>``, so a second run that day sends nothing more (what arrives later waits for
    tomorrow's), and a missed run is caught up by the next one. Returns how many digests were recorded."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return 0
    day = local.date()
    people = (
        Notification.objects.filter(status=NotificationStatus.DIGEST, recipient__isnull=False)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    recorded = 0
    for person_id in list(people):
        with transaction.atomic():
            items = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(recipient_id=person_id, status=NotificationStatus.DIGEST, created_at__lte=now)
                .select_related("recipient")
                .order_by("created_at", "pk")
            )
            if not items:
                continue
            person = items[0].recipient
            digest = record(
                f"digest:{person_id}:{day.isoformat()}",
                "daily_digest",
                person.email,
                {
                    "first_name": person.first_name,
                    "items": [_digest_item(item) for item in items],
                    "inbox_path": reverse("notifications:inbox"),
                },
                recipient=person,
                link=reverse("notifications:inbox"),
            )
            if digest is None:
                continue  # today's digest has gone: these wait for tomorrow's
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(
                status=NotificationStatus.DIGESTED, sent_at=now
            )
            transaction.on_commit(partial(_queue, digest.pk))
            recorded += 1
    return recorded


def _digest_item(notification: Notification) -> dict:
    subject, _ = render_subject_and_text(notification.template, notification.context)
    link = notification.link or reverse("notifications:message", args=[notification.pk])
    return {"subject": subject, "url": settings.ACADEMY_SITE_URL + link}


def render_subject_and_text(template: str, context: dict) -> tuple[str, str]:
    """The subject and plain text of a recorded message, as the email had them (without the HTML part)."""
    base = f"notifications/email/{template}"
    context = {"site_url": settings.ACADEMY_SITE_URL, "site_name": settings.ACADEMY_SITE_NAME, **context}
    subject = " ".join(render_text(f"{base}_subject.txt", context).split())
    # A rendered template is marked safe; this text is what people typed, to be escaped wherever it is shown.
    return subject, str(render_text(f"{base}.txt", context)).encode().decode()
