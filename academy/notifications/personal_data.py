"""The notifications part of a person's data download: every email the portal recorded for them."""

from academy.notifications.models import Notification, NotificationPreference
from academy.privacy.personal_data import PersonalExport, register_exporter, rows


@register_exporter(
    "notifications",
    title="Emails sent to you, and how you chose to get them",
    covers=["notifications.Notification.recipient", "notifications.NotificationPreference.user"],
)
def export(person, out: PersonalExport) -> None:
    out.table(
        "emails",
        rows(
            Notification.objects.filter(recipient=person).order_by("created_at"),
            ["template", "to_email", "status", "created_at", "sent_at"],
        ),
    )
    out.table(
        "notification_choices",
        rows(NotificationPreference.objects.filter(user=person).order_by("kind"), ["kind", "delivery", "updated_at"]),
    )
