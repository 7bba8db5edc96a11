"""A host's capacity is never exceeded, even when the admin publishes while the host lowers it; two admins
chasing at once email each person once; the last reflections written at once complete a placement once."""

import pytest
from django.core.exceptions import ValidationError

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from academy.workflow.models import Transition
from programmes.core.models import Programme
from programmes.shadowing import services
from programmes.shadowing.models import (
    ACTIVE_PLACEMENT_STATES,
    Chase,
    Placement,
    PlacementOffer,
    PlacementState,
    RoundState,
)
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.shadowing import InterestFactory, OfferFactory, RoundFactory, make_placement
from tests.programmes.shadowing.test_followup import SHADOW_WORDS, agreed
from tests.programmes.shadowing.test_services import offer_data


def admin():
    user = UserFactory()
    grant_role(None, user, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="shadowing"))
    return user


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_publishing_while_the_host_lowers_capacity_never_overfills(attempt):
    person = admin()
    round_ = RoundFactory(state=RoundState.MATCHING)
    offer = OfferFactory(round=round_, capacity=2)
    InterestFactory(round=round_)
    InterestFactory(round=round_)
    draft = services.run_draft(person, round_)
    assert len(draft.pairs) == 2
    lowered = offer_data(round_, capacity=1, organisation=offer.organisation, professions=list(offer.professions.all()))

    outcomes = at_once(
        lambda: services.publish(person, round_),
        lambda: services.update_offer(offer.host, PlacementOffer.objects.get(pk=offer.pk), lowered),
    )
    assert len(raised(outcomes, ValidationError)) == 1  # one of the two waits, then is refused
    offer.refresh_from_db()
    placed = Placement.objects.filter(offer=offer, state__in=ACTIVE_PLACEMENT_STATES).count()
    assert placed <= offer.capacity
    assert (placed, offer.capacity) in {(2, 2), (0, 1)}


@pytest.mark.django_db(transaction=True)
def test_two_publishes_at_once_publish_once():
    person = admin()
    round_ = RoundFactory(state=RoundState.MATCHING)
    OfferFactory(round=round_, capacity=1)
    InterestFactory(round=round_)
    services.run_draft(person, round_)
    outcomes = at_once(lambda: services.publish(person, round_), lambda: services.publish(person, round_))
    assert len(raised(outcomes, ValidationError)) == 1
    assert Placement.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_admins_chasing_at_once_email_each_person_once():
    placement = make_placement()  # proposed, no agreement: the shadow and the host are stuck
    one, two = admin(), admin()
    outcomes = at_once(lambda: services.chase(one, placement.round), lambda: services.chase(two, placement.round))
    assert len(raised(outcomes, ValidationError)) == 1  # the second waits, then finds everyone chased
    assert Chase.objects.count() == 2
    assert Notification.objects.filter(template="shadowing_chase").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_last_two_reflections_at_once_complete_the_placement_once():
    placement = agreed(days=(-6, -2), state=PlacementState.IN_PROGRESS)
    first, second = placement.visits.order_by("number")
    at_once(lambda: services.save_reflection(placement.shadow, first, SHADOW_WORDS),
            lambda: services.save_reflection(placement.shadow, second, SHADOW_WORDS))
    placement.refresh_from_db()
    assert placement.state == PlacementState.COMPLETED
    assert Transition.objects.filter(object_id=placement.pk, machine="shadowing.placement",
                                     to_state="completed").count() == 1
