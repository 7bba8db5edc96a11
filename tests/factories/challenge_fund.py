import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from academy.directory.models import Organisation, PriorityFunction
from programmes.challenge_fund.models import Bid, BudgetLine, Criterion, Question, Round
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory


class RoundFactory(factory.django.DjangoModelFactory):
    """An open, published round: opened ten days ago, closes in twenty."""

    class Meta:
        model = Round

    title = factory.Sequence(lambda n: f"Challenge Fund round {n}")
    summary = "Funding for priority system improvement projects."
    guidance = "Projects that improve care across boundaries in south east London."
    eligibility = "The lead is a clinical or care professional working in south east London."
    budget = Decimal("200000")
    min_award = Decimal("5000")
    max_award = Decimal("50000")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    published = True
    min_partner_organisations = 2


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    guidance = "0: no evidence; 5: strong evidence."
    weight = 1


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    round = factory.SubFactory(RoundFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")


class BidFactory(factory.django.DjangoModelFactory):
    """A draft bid whose lead has a leader profile."""

    class Meta:
        model = Bid

    round = factory.SubFactory(RoundFactory)
    lead = factory.LazyFunction(lambda: LeaderProfileFactory().user)
    lead_organisation = factory.LazyAttribute(lambda o: o.lead.profile.organisation)
    title = factory.Sequence(lambda n: f"Frailty pathway project {n}")


def complete(bid: Bid, amount: Decimal = Decimal("20000")) -> Bid:
    """Fill every section so the bid can be submitted."""
    bid.summary = "A shared frailty pathway across two boroughs."
    bid.problem = "Older people bounce between services."
    bid.proposed_change = "One multidisciplinary team."
    bid.ppi = "Co-designed with carers."
    bid.outcomes = "Fewer emergency admissions."
    bid.measures = "Admissions per 1,000 people over 65."
    bid.amount_requested = amount
    bid.save()
    bid.functions.set(PriorityFunction.objects.filter(number__in=[2, 7]))
    partner = OrganisationFactory()
    assert isinstance(partner, Organisation)
    bid.partners.add(partner)
    BudgetLine.objects.create(bid=bid, description="Project manager", amount=amount - Decimal("5000"), position=1)
    BudgetLine.objects.create(bid=bid, description="Backfill", amount=Decimal("5000"), position=2)
    return bid
