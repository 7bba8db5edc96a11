"""API tokens: made by a person for themselves, stored hashed, with scopes and an expiry."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Scope(models.TextChoices):
    """What a token may read. A token never reads more than its person may; scopes narrow it further."""

    PUBLIC = "public", "Public information: programmes, open cohorts, funded projects and reference data"
    GOVERNANCE = "governance", "Governance: leadership roles with WTE and C&CPLG seats"
    DASHBOARD = "dashboard", "Investment dashboard figures by quarter"
    EVALUATION = "evaluation", "Evaluation: the success-measures scorecard by quarter"


SCOPE_NAMES = {
    Scope.PUBLIC: "Public information",
    Scope.GOVERNANCE: "Governance",
    Scope.DASHBOARD: "Investment dashboard",
    Scope.EVALUATION: "Evaluation scorecard",
}


class ApiToken(models.Model):
    """A person's API token. Only the lookup prefix and the SHA-256 of the secret are kept: the token itself
    is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, so you can recognise it later.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = ArrayField(models.CharField(max_length=20, choices=Scope.choices))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="api_token_expires_later"),
            models.CheckConstraint(condition=~Q(scopes=[]), name="api_token_has_a_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def scope_names(self) -> list[str]:
        return [SCOPE_NAMES.get(scope, scope) for scope in self.scopes]

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
