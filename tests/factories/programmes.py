from datetime import timedelta

import factory
from django.utils import timezone

from programmes.core.models import Application, Cohort, DeliveryFormat, Programme, SelectionMethod, Session
from tests.factories.accounts import UserFactory


def curriculum() -> Programme:
    return Programme.objects.get(slug="curriculum")


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    programme = factory.LazyFunction(curriculum)
    title = factory.Sequence(lambda n: f"Systems leadership cohort {n}")
    offer_type = "core"
    delivery_format = DeliveryFormat.HYBRID
    summary = "A shorter, intense core programme for existing system leaders."
    time_commitment = "Six full days over four months"
    capacity = 20
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=120))
    selection_method = SelectionMethod.SELECTION
    applications_open = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))
    applications_close = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    criteria = "Holds or is entering a system leadership role."
    questions = factory.LazyFunction(lambda: ["Why do you want to join this cohort?"])
    offer_days = 7
    cpd_hours = 36
    published = True


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=61))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    delivery_format = DeliveryFormat.IN_PERSON
    venue = "Guy's Hospital, London SE1 9RT"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application row in a given state. Tests move states through services.transition; this
    only makes the starting row (state draft unless told)."""

    class Meta:
        model = Application

    cohort = factory.SubFactory(CohortFactory)
    applicant = factory.SubFactory(UserFactory)
    applied_problem = "Discharge delays between the acute trust and community services in Lewisham."
    line_manager_name = "Helen Whitfield"
    line_manager_email = factory.Sequence(lambda n: f"manager{n}@example.nhs.uk")
