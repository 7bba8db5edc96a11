"""Erasure step for questionnaires: a person's invitations and answers go (their line manager's answers
about them too, since they are about them); questionnaires and waves they made stay, without their name."""

from __future__ import annotations

from academy.privacy import erasure
from evaluation.surveys.models import Instrument, Invitation, Wave


def erase(user, pseudonym: str) -> None:
    Invitation.objects.filter(leader=user).delete()
    Instrument.objects.filter(owner=user).update(owner=None)
    Wave.objects.filter(created_by=user).update(created_by=None)


erasure.register(
    "evaluation_surveys",
    models=["evaluation_surveys.Instrument", "evaluation_surveys.Wave", "evaluation_surveys.Invitation"],
    erase=erase,
    erased=[
        "Your questionnaire invitations and answers, and your line manager's answers about you",
    ],
    kept=["Questionnaires and schedules you made as an evaluator, without your name"],
)
