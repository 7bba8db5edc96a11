"""Erasure step for notifications: emails to the person go; other emails that named them are blanked."""

from __future__ import annotations

from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast, Replace

from academy.notifications.models import Notification, NotificationPreference
from academy.privacy import erasure


def erase(user, pseudonym: str) -> None:
    NotificationPreference.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(to_email__iexact=user.email).delete()
    terms = Q(text__icontains=user.email)
    if user.get_full_name():
        terms |= Q(text__icontains=user.get_full_name())
    # Attachments such as .ics files fold their lines at 75 octets (CRLF and a space, stored in the JSON as
    # "\\r\\n "), which can split a name in two: unfold before looking for it.
    unfolded = Replace(Cast("context", TextField()), Value("\\r\\n ", output_field=TextField()),
                       Value("", output_field=TextField()))
    naming = Notification.objects.annotate(text=unfolded).filter(terms)
    Notification.objects.filter(pk__in=naming.values("pk")).update(context={"erased": pseudonym})


erasure.register(
    "notifications",
    models=["notifications.Notification", "notifications.NotificationPreference"],
    erase=erase,
    erased=[
        "Emails we sent you, your notification choices, and the contents of emails to others that named you"
    ],
)
