"""Erasure step for stories: a closed account's stories (text and placements) are deleted, as if withdrawn.
The collections an evaluator set up are kept (the foreign key is set to empty by the database)."""

from __future__ import annotations

from academy.privacy import erasure
from evaluation.stories.models import Story


def erase(user, pseudonym: str) -> None:
    erasure.delete_with_history(Story, {"author": user})


erasure.register(
    "evaluation_stories",
    models=["evaluation_stories.Story", "evaluation_stories.StoryCollection"],
    erase=erase,
    erased=["The stories you told and where you placed them"],
    kept=["Story collections you set up for leaders (without your name)"],
)
