"""What every page needs to warn people before they are signed out (WCAG 2.2.1): staff after 30 minutes
without activity, with a way to stay signed in; everyone 12 hours after signing in, which nothing puts off,
with the time it happens and a way to sign in again."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from academy.accounts.middleware import absolute_seconds_left, idle_seconds_left
from academy.ui.formats import nhs_time


def duration_words(seconds: int) -> str:
    """ "12 hours", "90 minutes", "20 seconds": how long the sign-in lasts, in the dialog's words."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def session_timeout(request):
    ends_in = absolute_seconds_left(request)
    if ends_in is None:
        return {}
    limit = settings.ACADEMY_SESSION_ABSOLUTE_TIMEOUT
    warning = min(settings.ACADEMY_SESSION_ABSOLUTE_WARNING, limit)
    context = {
        "session_ending": {
            "remaining": ends_in,
            "warning": warning,
            "warning_words": duration_words(warning),
            "at": nhs_time(timezone.now() + timedelta(seconds=ends_in)),
            "limit_words": duration_words(limit),
        }
    }
    idle = idle_seconds_left(request)
    if idle is not None:
        context["session_timeout"] = {
            # the idle warning never counts past the 12-hour sign-out: that one has its own warning
            "remaining": min(idle, ends_in),
            "limit": settings.ACADEMY_STAFF_IDLE_TIMEOUT,
            "warning": min(settings.ACADEMY_STAFF_IDLE_WARNING, settings.ACADEMY_STAFF_IDLE_TIMEOUT),
        }
    return context
