"""Reads for the inbox, each in a fixed number of queries."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404

from academy.notifications.models import Notification, NotificationPreference

INBOX_PAGE_SIZE = 20
# The daily digest gathers messages that are in the inbox already, so it is not listed itself.
NOT_IN_INBOX = ("daily_digest",)


def inbox(user):
    return (
        Notification.objects.filter(recipient=user)
        .exclude(template__in=NOT_IN_INBOX)
        .only("pk", "template", "context", "link", "created_at", "read_at", "recipient_id")
        .order_by("-created_at", "-pk")
    )


def inbox_page(user, page_number) -> Page:
    """One page of the person's messages, newest first: two queries (the count and the page)."""
    return Paginator(inbox(user), INBOX_PAGE_SIZE).get_page(page_number)


def unread_count(user) -> int:
    """How many of the person's messages are unread: one query on a partial index."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).exclude(template__in=NOT_IN_INBOX).count()


def own_message(user, pk: int) -> Notification:
    """The person's own message, or 404 for anyone else's (superusers included)."""
    message = inbox(user).filter(pk=pk).first()
    if message is None:
        raise Http404("No such message")
    return message


def preferences(user) -> dict[str, str]:
    """Kind slug to how the person gets it (kinds without a row are emailed straight away)."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
