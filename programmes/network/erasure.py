"""Erasure step for the managed network: memberships and Big Room answers are the person's own and go;
events they created as staff stay, without their name."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.network.models import Event, Membership, Rsvp


def erase(user, pseudonym: str) -> None:
    for membership in Membership.objects.filter(person=user):
        membership.interests.clear()
    erasure.delete_with_history(Membership, {"person": user})
    erasure.delete_with_history(Rsvp, {"person": user})
    Rsvp.objects.filter(invited_by=user).update(invited_by=None)
    Event.objects.filter(created_by=user).update(created_by=None)


erasure.register(
    "network",
    models=["network.Membership", "network.Rsvp", "network.Event"],
    erase=erase,
    erased=[
        "Your memberships of the managed network, your interests and the supporter you named",
        "Your answers to Big Room events and your tables",
    ],
    kept=["Big Room events you created as staff, without your name"],
)
