"""Account security middleware: MFA enrolment for staff, session time limits, logging of refusals."""

from __future__ import annotations

import logging
import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

security_log = logging.getLogger("academy.security")

SESSION_STARTED = "academy_session_started"
SESSION_LAST_SEEN = "academy_last_seen"


def is_demo_mfa_exempt(user) -> bool:
    """Demo accounts may skip MFA enrolment in development only (production refuses the setting)."""
    return bool(
        settings.ACADEMY_DEMO_MFA_EXEMPT
        and user.email.endswith("@" + settings.ACADEMY_DEMO_EMAIL_DOMAIN)
    )


class RequireStaffMFAMiddleware:
    """allauth has no setting that forces MFA enrolment, so a staff member (any role, or a superuser)
    without an authenticator app is sent to set one up before they reach any other page."""

    ALLOWED_PREFIXES = (
        "/accounts/2fa/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/confirm-email/",
        "/accounts/password/",
        "/static/",
        "/healthz",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.has_staff_role
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not is_demo_mfa_exempt(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.info(
                request,
                "Your role needs two-factor authentication. Set up an authenticator app to continue.",
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def idle_seconds_left(request) -> int | None:
    """Seconds before a signed-in staff member is signed out for being idle (None: no idle limit for them).

    The page's timeout warning (static/js/session-timeout.js) counts down from this, so it matches the
    server's own clock: the middleware below records activity at most once a minute."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_staff_role:
        return None
    last_seen = request.session.get(SESSION_LAST_SEEN, int(time.time()))
    return max(0, settings.ACADEMY_STAFF_IDLE_TIMEOUT - (int(time.time()) - last_seen))


def absolute_seconds_left(request) -> int | None:
    """Seconds before a signed-in person is signed out whatever they do (12 hours after signing in; None:
    not signed in). Nothing puts it off: "Stay signed in" answers with no more than this."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None or not user.is_authenticated:
        return None  # an email rendered with a bare request (allauth's adapter) has no session
    now = int(time.time())
    started = session.get(SESSION_STARTED, now)
    return max(0, settings.ACADEMY_SESSION_ABSOLUTE_TIMEOUT - (now - started))


class SessionTimeoutMiddleware:
    """Signs people out after 12 hours whatever they do, and staff after 30 minutes without activity."""

    TOUCH_EVERY = 60  # seconds: do not write the session on every request

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(SESSION_STARTED, now)
            last_seen = session.get(SESSION_LAST_SEEN, now)
            expired_absolute = now - started > settings.ACADEMY_SESSION_ABSOLUTE_TIMEOUT
            expired_idle = user.has_staff_role and now - last_seen > settings.ACADEMY_STAFF_IDLE_TIMEOUT
            if expired_absolute or expired_idle:
                security_log.info(
                    "session ended user=%s reason=%s", user.pk, "absolute" if expired_absolute else "idle"
                )
                logout(request)
                messages.info(request, "You were signed out to keep your account safe. Sign in again to continue.")
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - last_seen >= self.TOUCH_EVERY or SESSION_LAST_SEEN not in session:
                session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class PermissionDeniedLogMiddleware:
    """Logs every refusal (403) with the user id and path only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            security_log.warning(
                "permission denied user=%s path=%s", getattr(user, "pk", None), request.path
            )
        return None
