"""Erasure step for the scorecard: the figures are the Academy's, not the person's, so they are kept; who
recorded them is forgotten."""

from academy.privacy import erasure
from evaluation.scorecard.models import IndicatorValue


def erase(user, pseudonym: str) -> None:
    IndicatorValue.objects.filter(recorded_by=user).update(recorded_by=None)


erasure.register(
    "evaluation_scorecard",
    models=["evaluation_scorecard.IndicatorValue"],
    erase=erase,
    kept=["Scorecard values you recorded as an evaluator, without your name"],
)
