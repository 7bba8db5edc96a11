"""Erasure step for the network: a closed account's name-generator answers are deleted, and so is every
mention of them in other people's answers (the ties go with them). Snapshots hold user ids only for the top
brokers, and the evaluators' page looks names up, so a closed account drops out of it by itself."""

from __future__ import annotations

from academy.privacy import erasure
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName


def erase(user, pseudonym: str) -> None:
    erasure.delete_with_history(NameGeneratorName, {"person": user})
    erasure.delete_with_history(NameGeneratorAnswer, {"respondent": user})


erasure.register(
    "evaluation_network",
    models=["evaluation_network.NameGeneratorAnswer", "evaluation_network.NameGeneratorName"],
    erase=erase,
    erased=["Your answers to the quarterly survey “who did you work with across boundaries?”, and your name "
            "in other people's answers"],
)
