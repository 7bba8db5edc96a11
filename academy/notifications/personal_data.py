"""The notifications part of a person's data download: every email the portal recorded for them."""

from academy.notifications.models import Notification
from academy.privacy.personal_data import PersonalExport, register_exporter, rows


@register_exporter("notifications", title="Emails sent to you", covers=["notifications.Notification.recipient"])
def export(person, out: PersonalExport) -> None:
    out.table(
        "emails",
        rows(
            Notification.objects.filter(recipient=person).order_by("created_at"),
            ["template", "to_email", "status", "created_at", "sent_at"],
        ),
    )
