"""Erasure step for the transition log: it keeps every move, by the pseudonym."""

from __future__ import annotations

from academy.privacy import erasure
from academy.workflow.models import Transition


def erase(user, pseudonym: str) -> None:
    Transition.objects.filter(actor=user).update(actor_label=pseudonym)


erasure.register(
    "workflow",
    models=["workflow.Transition"],
    erase=erase,
    kept=["The log of what moved when (applications, bids), with the pseudonym as the person who acted"],
)
