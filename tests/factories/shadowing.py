import datetime as dt

import factory
from django.utils import timezone

from academy import workflow
from academy.directory.models import Borough, Profession
from programmes.shadowing.models import Placement, PlacementOffer, Round, RoundState, Sector, ShadowInterest
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Shadowing round {n}")
    interest_closes_on = factory.LazyFunction(lambda: _in(14))
    visits_from = factory.LazyFunction(lambda: _in(30))
    visits_until = factory.LazyFunction(lambda: _in(120))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementOffer
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    host = factory.LazyFunction(lambda: LeaderProfileFactory().user)
    setting = factory.Sequence(lambda n: f"Team {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    borough = factory.LazyFunction(lambda: Borough.objects.order_by("-name").first())
    sector = Sector.ACUTE
    visitor_experience = "Ward rounds and the discharge huddle."
    system_problem = "Delayed discharges."
    visits = 3
    available_from = factory.LazyAttribute(lambda o: o.round.visits_from)
    available_until = factory.LazyAttribute(lambda o: o.round.visits_until)
    capacity = 1
    practical_details = "Bring ID."

    @factory.post_generation
    def professions(obj, create, extracted, **kwargs):
        if create:
            obj.professions.set(extracted or [Profession.objects.order_by("-position").first()])


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShadowInterest

    round = factory.SubFactory(RoundFactory)
    shadow = factory.LazyFunction(lambda: LeaderProfileFactory().user)
    organisation = factory.LazyAttribute(lambda o: o.shadow.profile.organisation)
    borough = factory.LazyAttribute(lambda o: o.shadow.profile.borough)
    profession = factory.LazyAttribute(lambda o: o.shadow.profile.profession)
    sector = Sector.PRIMARY_CARE
    wants_to_learn = "How discharge works from the inside."
    available_from = factory.LazyAttribute(lambda o: o.round.visits_from)
    available_until = factory.LazyAttribute(lambda o: o.round.visits_until)
    line_manager_name = "Morgan Line"
    line_manager_email = factory.Sequence(lambda n: f"lm{n}@example.nhs.uk")


def make_placement(**round_kwargs) -> Placement:
    """A published (proposed) placement: a shadow from one organisation with a host from another."""
    round_ = RoundFactory(state=RoundState.PUBLISHED, **round_kwargs)
    offer = OfferFactory(round=round_)
    interest = InterestFactory(round=round_)
    placement = Placement.objects.create(round=round_, offer=offer, interest=interest, shadow=interest.shadow)
    workflow.start(placement, workflow.SYSTEM, note="Published from the draft match")
    return placement


__all__ = ["InterestFactory", "OfferFactory", "RoundFactory", "UserFactory", "make_placement"]
