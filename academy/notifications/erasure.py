"""Erasure step for notifications: emails to the person go; other emails that named them are blanked."""

from __future__ import annotations

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from academy.notifications.models import Notification, NotificationPreference
from academy.privacy import erasure


def erase(user, pseudonym: str) -> None:
    NotificationPreference.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(to_email__iexact=user.email).delete()
    terms = Q(text__icontains=user.email)
    if user.get_full_name():
        terms |= Q(text__icontains=user.get_full_name())
    naming = Notification.objects.annotate(text=Cast("context", TextField())).filter(terms)
    Notification.objects.filter(pk__in=naming.values("pk")).update(context={"erased": pseudonym})


erasure.register(
    "notifications",
    models=["notifications.Notification", "notifications.NotificationPreference"],
    erase=erase,
    erased=[
        "Emails we sent you, your notification choices, and the contents of emails to others that named you"
    ],
)
