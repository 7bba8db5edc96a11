"""How a message looks in the inbox: its subject, date, a short plain-text excerpt and where it leads."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.urls import reverse
from django.utils.text import Truncator

from academy.notifications import kinds
from academy.notifications.models import Notification
from academy.notifications.services import render_subject_and_text

log = logging.getLogger("academy.notifications")

EXCERPT_CHARS = 160


@dataclass(frozen=True)
class InboxEntry:
    pk: int
    subject: str
    text: str
    excerpt: str
    sent_on: datetime
    unread: bool
    kind: str
    link: str
    url: str  # the message's own page

    @property
    def has_link(self) -> bool:
        return bool(self.link)


def excerpt(text: str) -> str:
    """The first words of the message, without the greeting, on one line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and lines[0].startswith("Dear "):
        lines = lines[1:]
    return Truncator(" ".join(lines)).chars(EXCERPT_CHARS)


def entry(notification: Notification) -> InboxEntry:
    try:
        subject, text = render_subject_and_text(notification.template, notification.context)
    except (TemplateDoesNotExist, TemplateSyntaxError):  # a template since removed: the message is still listed
        log.warning("notification %s: template %s cannot be shown", notification.pk, notification.template)
        subject, text = "A message from the SEL Systems Leadership Academy", ""
    return InboxEntry(
        pk=notification.pk,
        subject=subject,
        text=text,
        excerpt=excerpt(text),
        sent_on=notification.created_at,
        unread=notification.read_at is None,
        kind=kinds.kind_of(notification.template).label,
        link=notification.link,
        url=reverse("notifications:message", args=[notification.pk]),
    )


def entries(notifications) -> list[InboxEntry]:
    return [entry(notification) for notification in notifications]


def unread_label(count: int) -> str:
    return "1 unread message" if count == 1 else f"{count} unread messages"
