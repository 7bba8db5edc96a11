"""The who's who of C&CP leadership: what each holder of a role or seat chooses to publish about themselves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class WhosWhoEntry(models.Model):
    """A person's own who's who settings, which only they change. Without a row (the default) nothing is
    published: no contact address for signed-in leaders, and no name on the public who's who.

    The history keeps when the public consent was given or withdrawn (who agreed, and when), but never a
    contact address the person has since changed or removed.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="whoswho_entry")
    contact_email = models.EmailField(
        "Email address to publish",
        max_length=254,
        blank=True,
        help_text="Signed-in leaders see it beside your roles. Leave it empty to publish no address.",
    )
    public_consent = models.BooleanField(
        "Show my name on the public who's who",
        default=False,
        help_text="Anyone, signed in or not, then sees your name beside the roles you hold.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["contact_email", "updated_at"])

    class Meta:
        verbose_name = "who's who entry"
        verbose_name_plural = "who's who entries"

    def __str__(self) -> str:
        return f"Who's who entry of user {self.user_id}"
