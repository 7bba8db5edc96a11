"""What every page needs to warn staff before they are signed out for being idle (WCAG 2.2.1)."""

from __future__ import annotations

from django.conf import settings

from academy.accounts.middleware import idle_seconds_left


def session_timeout(request):
    remaining = idle_seconds_left(request)
    if remaining is None:
        return {}
    return {
        "session_timeout": {
            "remaining": remaining,
            "limit": settings.ACADEMY_STAFF_IDLE_TIMEOUT,
            "warning": min(settings.ACADEMY_STAFF_IDLE_WARNING, settings.ACADEMY_STAFF_IDLE_TIMEOUT),
        }
    }
