"""allauth adapters: emails that carry the portal's name (templates/account/email), and TOTP secrets encrypted
at rest."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def context_request():
    """The request allauth is handling (it keeps it in its own context)."""
    return context.request


@dataclass(frozen=True)
class PortalSite:
    """What allauth calls the current site: the portal's name and host from settings, never the host name a
    request happened to come in on ("Hello from 127.0.0.1:8101!")."""

    name: str
    domain: str

    @classmethod
    def from_settings(cls) -> PortalSite:
        return cls(settings.ACADEMY_SITE_NAME, urlsplit(settings.ACADEMY_SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def email_context(self, request, email: str, context: dict) -> dict:
        """The context every allauth email is rendered with: the portal's name and address from settings."""
        return {
            "request": request, "email": email, "current_site": PortalSite.from_settings(),
            "site_name": settings.ACADEMY_SITE_NAME, "site_url": settings.ACADEMY_SITE_URL, **context,
        }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, self.email_context(context_request(), email, context))
        message.send()

    def is_open_for_signup(self, request) -> bool:
        return True

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """allauth asks for the password again before any MFA change. A staff member sent to set up
        their first authenticator straight after signing in (RequireStaffMFAMiddleware) has just typed
        it, so within allauth's own reauthentication window (5 minutes) of a sign-in, and only while
        they have no authenticator at all, the first set-up goes ahead without asking twice."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        if not required or app != "allauth.mfa" or request is None or not request.user.is_authenticated:
            return required
        if Authenticator.objects.filter(user=request.user).exists():
            return required
        records = get_authentication_records(request, request.user)
        signed_in_at = max((record.get("at", 0) for record in records), default=0)
        return time.time() - signed_in_at >= account_settings.REAUTHENTICATION_TIMEOUT


class MFAAdapter(DefaultMFAAdapter):
    """Encrypts TOTP secrets with the Fernet key from ``ACADEMY_MFA_ENCRYPTION_KEY``."""

    PREFIX = "fernet:"

    def _fernet(self) -> Fernet:
        return Fernet(settings.MFA_ENCRYPTION_KEY.encode())

    def encrypt(self, text: str) -> str:
        return self.PREFIX + self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(self.PREFIX):
            raise ValueError("A TOTP secret was stored without encryption.")
        try:
            return self._fernet().decrypt(encrypted_text[len(self.PREFIX):].encode()).decode()
        except InvalidToken as exc:
            raise ValueError("The TOTP secret cannot be decrypted with ACADEMY_MFA_ENCRYPTION_KEY.") from exc
