"""Security events, logged with the user id only (never an email address or a name)."""

import logging

from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

security_log = logging.getLogger("academy.security")


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    security_log.info("sign-in user=%s", user.pk)


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    security_log.info("sign-out user=%s", getattr(user, "pk", None))


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # The credentials hold the email address typed: it is personal data and is never logged.
    security_log.warning("failed sign-in")


@receiver(mfa_signals.authenticator_added)
def log_mfa_added(sender, request, user, authenticator, **kwargs):
    security_log.info("mfa added user=%s type=%s", user.pk, authenticator.type)


@receiver(mfa_signals.authenticator_removed)
def log_mfa_removed(sender, request, user, authenticator, **kwargs):
    security_log.info("mfa removed user=%s type=%s", user.pk, authenticator.type)


@receiver(mfa_signals.authenticator_reset)
def log_mfa_reset(sender, request, user, authenticator, **kwargs):
    security_log.info("mfa recovery codes reset user=%s", user.pk)


@receiver(mfa_signals.authentication_failed)
def log_mfa_failed(sender, request, user, **kwargs):
    security_log.warning("mfa code rejected user=%s", user.pk)
