"""What each programme tells the evaluation layer about a thing it ran (a cohort, a conference edition, a
shadowing placement): its dates, and who took part with their line manager. Plain data, so the evaluation
app's questionnaires (Kirkpatrick waves) can be scheduled for any of them without reading programme models."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class EvaluationSubject:
    """Something a programme ran, as the evaluation app schedules questionnaires for it. ``last_day`` is
    the day a level 1 reaction questionnaire opens (the last day it met)."""

    pk: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    last_day: dt.date


@dataclass(frozen=True)
class Participant:
    """One person who took part, with the line manager they named ("" when they named none)."""

    user_id: int
    line_manager_name: str = ""
    line_manager_email: str = ""
