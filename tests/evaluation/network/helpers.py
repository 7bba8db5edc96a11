"""A small network for the page and service tests: one cohort running across today, with people from
two sectors."""

from datetime import timedelta

from django.utils import timezone

from academy.directory.models import OrganisationType
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.programmes import ApplicationFactory, CohortFactory


def running_cohort(people: int = 8, name: str = "Ada Lovelace"):
    """A cohort that started before today's quarter and runs past it, with ``people`` participants: the first
    half at an acute trust, the rest at a VCSE organisation. The first is called ``name``."""
    today = timezone.localdate()
    cohort = CohortFactory(starts_on=today - timedelta(days=400), ends_on=today + timedelta(days=200))
    trust = OrganisationFactory(name="Test acute trust", org_type=OrganisationType.ACUTE_TRUST)
    charity = OrganisationFactory(name="Test carers charity", org_type=OrganisationType.VCSE)
    profiles = []
    for index in range(people):
        first, last = name.split(" ", 1) if index == 0 else (f"Person{index}", "Tester")
        profile = LeaderProfileFactory(
            organisation=trust if index < people // 2 else charity,
            user__first_name=first, user__last_name=last,
        )
        ApplicationFactory(cohort=cohort, applicant=profile.user, state="accepted")
        profiles.append(profile)
    return cohort, profiles
