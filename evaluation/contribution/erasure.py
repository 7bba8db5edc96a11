"""Erasure step for the contribution log: the innovations are the system's, not the person's, so entries are
kept; who proposed or recorded them is forgotten (the transition log forgets its actor in academy.workflow)."""

from academy.privacy import erasure
from evaluation.contribution.models import Entry


def erase(user, pseudonym: str) -> None:
    Entry.objects.filter(proposed_by=user).update(proposed_by=None)
    Entry.objects.filter(recorded_by=user).update(recorded_by=None)


erasure.register(
    "evaluation_contribution",
    models=["evaluation_contribution.Entry"],
    erase=erase,
    kept=["Innovations you proposed or recorded in the contribution log, without your name"],
)
