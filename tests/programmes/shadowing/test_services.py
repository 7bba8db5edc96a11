"""Shadowing's services: rounds, offers, interest, pins and exclusions, the draft and publishing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from academy.directory.models import Borough, Profession
from academy.notifications.models import Notification
from academy.workflow.machine import force_state_for_tests
from programmes.shadowing import selectors, services
from programmes.shadowing.models import (
    DraftChoice,
    DraftMatch,
    PairChoice,
    Placement,
    PlacementOffer,
    PlacementState,
    RoundState,
    Sector,
    ShadowInterest,
)
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.shadowing import InterestFactory, OfferFactory, RoundFactory

pytestmark = pytest.mark.django_db


def offer_data(round_, **overrides):
    data = {
        "setting": "Same-day emergency care", "organisation": OrganisationFactory(),
        "borough": Borough.objects.first(), "sector": Sector.ACUTE, "care_pathway": "Frailty",
        "visitor_experience": "Huddles and ward rounds", "system_problem": "Delayed discharges", "visits": 3,
        "available_from": round_.visits_from, "available_until": round_.visits_until, "available_dates": "",
        "capacity": 2, "practical_details": "Bring ID", "professions": list(Profession.objects.all()[:2]),
    }
    return data | overrides


def interest_data(round_, **overrides):
    data = {
        "sector": Sector.PRIMARY_CARE, "wants_to_learn": "Discharge", "unfamiliar_sectors": [Sector.ACUTE],
        "unfamiliar_professions": [], "unfamiliar_boroughs": [], "available_from": round_.visits_from,
        "available_until": round_.visits_until, "availability": "", "access_needs": "",
        "line_manager_name": "Morgan Line", "line_manager_email": "morgan@example.nhs.uk", "reciprocal": False,
        "own_offer": None,
    }
    return data | overrides


def matching_round(**kwargs):
    round_ = RoundFactory(state=RoundState.MATCHING, **kwargs)
    return round_


def test_only_the_shadowing_programme_admins_open_a_round(shadowing_admin, other_admin):
    today = dt.date.today()
    dates = {"interest_closes_on": today + dt.timedelta(days=5), "visits_from": today + dt.timedelta(days=10),
             "visits_until": today + dt.timedelta(days=60)}
    with pytest.raises(PermissionDenied):
        services.open_round(other_admin, name="Spring", **dates)
    round_ = services.open_round(shadowing_admin, name="Spring", **dates)
    assert round_.state == RoundState.OPEN
    assert round_.transitions.count() == 1


def test_round_dates_in_the_wrong_order_are_refused(shadowing_admin):
    today = dt.date.today()
    with pytest.raises(ValidationError) as caught:
        services.open_round(shadowing_admin, name="x", interest_closes_on=today, visits_from=today + dt.timedelta(5),
                            visits_until=today + dt.timedelta(2))
    assert "on or after" in str(caught.value)


def test_a_leader_offers_a_placement(leader):
    round_ = RoundFactory()
    offer = services.offer_placement(leader, round_, offer_data(round_))
    assert offer.host == leader and offer.professions.count() == 2


@pytest.mark.parametrize(("overrides", "message"), [
    ({"visits": 1}, "at least 2 visits"),
    ({"available_from_shift": -40}, "within the round's visits"),
])
def test_bad_offers_are_refused_and_nothing_is_saved(leader, overrides, message):
    round_ = RoundFactory()
    shift = overrides.pop("available_from_shift", None)
    if shift is not None:
        overrides["available_from"] = round_.visits_from + dt.timedelta(days=shift)
    with pytest.raises(ValidationError) as caught:
        services.offer_placement(leader, round_, offer_data(round_, **overrides))
    assert message in " ".join(caught.value.messages)
    assert not PlacementOffer.objects.exists()


def test_interest_takes_the_profile_and_can_be_changed(leader):
    round_ = RoundFactory()
    interest = services.express_interest(leader, round_, interest_data(round_))
    assert interest.organisation == leader.profile.organisation
    services.express_interest(leader, round_, interest_data(round_, wants_to_learn="Something else"))
    assert ShadowInterest.objects.get().wants_to_learn == "Something else"


def test_a_reciprocal_exchange_needs_your_own_offer(leader):
    round_ = RoundFactory()
    with pytest.raises(ValidationError) as caught:
        services.express_interest(leader, round_, interest_data(round_, reciprocal=True))
    assert "offer one first" in str(caught.value)
    someone_elses = OfferFactory(round=round_)
    with pytest.raises(ValidationError):
        services.express_interest(leader, round_, interest_data(round_, reciprocal=True, own_offer=someone_elses))
    mine = OfferFactory(round=round_, host=leader)
    interest = services.express_interest(leader, round_, interest_data(round_, reciprocal=True, own_offer=mine))
    assert interest.own_offer == mine


def test_interest_without_a_profile_is_refused():
    from tests.factories.accounts import UserFactory

    round_ = RoundFactory()
    with pytest.raises(ValidationError, match="profile"):
        services.express_interest(UserFactory(), round_, interest_data(round_))


def test_a_closed_round_takes_no_interest(leader, shadowing_admin):
    round_ = RoundFactory()
    services.close_for_matching(shadowing_admin, round_)
    with pytest.raises(ValidationError, match="no longer"):
        services.express_interest(leader, round_, interest_data(round_))


def test_pinning_a_pair_from_the_same_organisation_is_refused_in_words(shadowing_admin):
    round_ = matching_round()
    interest = InterestFactory(round=round_)
    offer = OfferFactory(round=round_, organisation=interest.organisation)
    with pytest.raises(ValidationError) as caught:
        services.choose_pair(shadowing_admin, round_, interest, offer, PairChoice.PIN)
    assert "another organisation" in str(caught.value)
    assert not DraftChoice.objects.exists()
    # Excluding it is fine (it could never happen anyway).
    services.choose_pair(shadowing_admin, round_, interest, offer, PairChoice.EXCLUDE)


def test_pinning_more_than_a_placement_takes_is_refused(shadowing_admin):
    round_ = matching_round()
    offer = OfferFactory(round=round_, capacity=1)
    services.choose_pair(shadowing_admin, round_, InterestFactory(round=round_), offer, PairChoice.PIN)
    with pytest.raises(ValidationError, match="takes 1 at once"):
        services.choose_pair(shadowing_admin, round_, InterestFactory(round=round_), offer, PairChoice.PIN)


def test_the_draft_respects_pins_and_exclusions_and_sends_nothing(shadowing_admin):
    round_ = matching_round()
    a, b = InterestFactory(round=round_), InterestFactory(round=round_)
    x, y = OfferFactory(round=round_), OfferFactory(round=round_)
    services.choose_pair(shadowing_admin, round_, a, y, PairChoice.PIN)
    services.choose_pair(shadowing_admin, round_, b, y, PairChoice.EXCLUDE)
    draft = services.run_draft(shadowing_admin, round_)
    assert sorted(map(tuple, draft.pairs)) == sorted([(a.pk, y.pk), (b.pk, x.pk)])
    assert draft.figures["pairs"] == 2 and "mean_boundaries" in draft.random_figures
    assert not Notification.objects.exists()


def test_publishing_makes_proposed_placements_and_tells_both_sides(shadowing_admin, django_capture_on_commit_callbacks):
    round_ = matching_round()
    interest = InterestFactory(round=round_)
    offer = OfferFactory(round=round_)
    services.run_draft(shadowing_admin, round_)
    with django_capture_on_commit_callbacks():
        placements = services.publish(shadowing_admin, round_)
    placement = Placement.objects.get()
    assert placements == [placement]
    assert placement.state == PlacementState.PROPOSED and placement.shadow == interest.shadow
    assert placement.transitions.count() == 1
    round_.refresh_from_db()
    assert round_.state == RoundState.PUBLISHED
    assert set(Notification.objects.values_list("template", flat=True)) == {
        "shadowing_proposed_shadow", "shadowing_proposed_host"}
    assert set(Notification.objects.values_list("recipient", flat=True)) == {interest.shadow_id, offer.host_id}
    mine = selectors.my_shadowing(offer.host)
    assert mine.placements_as_host == [placement]


def test_publishing_refuses_a_draft_that_no_longer_fits_and_saves_nothing(shadowing_admin):
    round_ = matching_round()
    offer = OfferFactory(round=round_, capacity=2)
    InterestFactory(round=round_)
    InterestFactory(round=round_)
    services.run_draft(shadowing_admin, round_)
    PlacementOffer.objects.filter(pk=offer.pk).update(capacity=1)
    with pytest.raises(ValidationError, match="now takes 1 at once"):
        services.publish(shadowing_admin, round_)
    assert not Placement.objects.exists()
    round_.refresh_from_db()
    assert round_.state == RoundState.MATCHING


def test_publishing_needs_a_fresh_draft(shadowing_admin):
    round_ = matching_round()
    with pytest.raises(ValidationError, match="Run the matching first"):
        services.publish(shadowing_admin, round_)
    a = InterestFactory(round=round_)
    x = OfferFactory(round=round_)
    services.run_draft(shadowing_admin, round_)
    services.choose_pair(shadowing_admin, round_, a, x, PairChoice.EXCLUDE)
    with pytest.raises(ValidationError, match="since the last run"):
        services.publish(shadowing_admin, round_)


def test_a_host_cannot_lower_capacity_below_those_placed(shadowing_admin):
    round_ = matching_round()
    offer = OfferFactory(round=round_, capacity=2)
    InterestFactory(round=round_)
    InterestFactory(round=round_)
    services.run_draft(shadowing_admin, round_)
    services.publish(shadowing_admin, round_)
    data = offer_data(round_, capacity=1, organisation=offer.organisation)
    with pytest.raises(ValidationError, match="already placed"):
        services.update_offer(offer.host, offer, data)


def test_a_reciprocal_pair_is_preferred(shadowing_admin):
    round_ = matching_round()
    ann, ben = LeaderProfileFactory().user, LeaderProfileFactory().user
    ann_offer, ben_offer = OfferFactory(round=round_, host=ann), OfferFactory(round=round_, host=ben)
    OfferFactory(round=round_)  # a third offer just as good for both, without the bonus
    a = InterestFactory(round=round_, shadow=ann, reciprocal=True, own_offer=ann_offer)
    b = InterestFactory(round=round_, shadow=ben, reciprocal=True, own_offer=ben_offer)
    draft = services.run_draft(shadowing_admin, round_)
    assert sorted(map(tuple, draft.pairs)) == sorted([(a.pk, ben_offer.pk), (b.pk, ann_offer.pk)])
    assert draft.figures["reciprocal_pairs"] == 1


def test_completed_placements_are_ties():
    round_ = RoundFactory(state=RoundState.PUBLISHED)
    interest = InterestFactory(round=round_)
    offer = OfferFactory(round=round_)
    placement = Placement.objects.create(round=round_, offer=offer, interest=interest, shadow=interest.shadow)
    assert selectors.completed_placement_ties() == []
    force_state_for_tests(placement, PlacementState.COMPLETED)
    (tie,) = selectors.completed_placement_ties()
    assert (tie.shadow_organisation_id, tie.host_organisation_id) == (interest.organisation_id, offer.organisation_id)
    assert DraftMatch.objects.count() == 0
