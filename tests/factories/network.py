import datetime as dt

import factory
from django.utils import timezone

from programmes.network.models import Event, Intake, Membership, MembershipState, Tier
from tests.factories.accounts import UserFactory


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    name = factory.Sequence(lambda n: f"Intake {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=21))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    tier = Tier.OPEN
    state = MembershipState.ACCEPTED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Big Room {n}")
    summary = "People from across south east London, round tables."
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    venue = "Guy's Hospital, Great Maze Pond"
    capacity = 50
    table_size = 8


def alumnus(person=None, *, cohort=None, profile: bool = True):
    """A person who completed a cohort (a past one unless given): an alumnus. With a directory profile
    unless ``profile=False``."""
    from programmes.core.models import ApplicationState  # noqa: PLC0415
    from tests.factories.directory import LeaderProfileFactory  # noqa: PLC0415
    from tests.factories.programmes import ApplicationFactory, CohortFactory  # noqa: PLC0415

    if person is None:
        person = LeaderProfileFactory().user if profile else UserFactory()
    if cohort is None:
        today = timezone.localdate()
        cohort = CohortFactory(starts_on=today - dt.timedelta(days=400), ends_on=today - dt.timedelta(days=200),
                               applications_open=timezone.now() - dt.timedelta(days=500),
                               applications_close=timezone.now() - dt.timedelta(days=450))
    ApplicationFactory(cohort=cohort, applicant=person, state=ApplicationState.COMPLETED)
    return person
