"""The access log: each time a member of staff reads another person's personal page or export."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessLogEntry(models.Model):
    """One person's data read by someone else. An export listing many people writes one row per person in a
    single insert, so each person can see it on their own page."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="data_reads"
    )
    reader_label = models.CharField(max_length=200, help_text="The reader's name and email when they read.")
    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_read_by")
    what = models.CharField(max_length=200, help_text="The page or export, in words.")
    path = models.CharField(max_length=300, blank=True)
    people_in_export = models.PositiveIntegerField(
        default=1, help_text="How many people the page or export listed (1 for a person's own page)."
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "access log entries"
        indexes = [
            models.Index(fields=["subject", "-at"], name="privacy_access_subject_at"),
            models.Index(fields=["reader", "-at"], name="privacy_access_reader_at"),
        ]

    def __str__(self) -> str:
        return f"{self.reader_label} read {self.what}"
