"""Test data for the inclusion measures: applications at a chosen step, with consented equality answers."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.models import Profession
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.programmes import ApplicationFactory, CohortFactory

_people = itertools.count(1)
STATE_OF_STEP = {"applied": "unsuccessful", "offered": "accepted", "completed": "completed"}


def applications(count: int, step: str, *, cohort=None, ethnicity="white_british", sex="female",
                 disability="no", profession="Nursing", answered=True, sent: datetime | None = None):
    """``count`` applications that reached ``step`` (applied only, offered, completed), each by a new person."""
    cohort = cohort or CohortFactory()
    sent = sent or timezone.now() - timedelta(days=1)
    made = []
    for _ in range(count):
        # Without a password: hashing one for every applicant would make these tests crawl.
        user = User.objects.create(email=f"applicant{next(_people)}@inclusion.example.nhs.uk",
                                   first_name="Sam", last_name="Okafor")
        profile = LeaderProfileFactory(user=user, profession=Profession.objects.get(name=profession))
        if answered:
            EqualityMonitoringFactory(user=profile.user, ethnicity=ethnicity, sex=sex, disability=disability)
        made.append(ApplicationFactory(cohort=cohort, applicant=profile.user, state=STATE_OF_STEP[step],
                                       submitted_at=sent))
    return made


def one_application_each_step():
    cohort = CohortFactory()
    for step in STATE_OF_STEP:
        applications(1, step, cohort=cohort)
    return cohort
