"""Shadowing's pages: a leader offers and says they are interested; the shadowing admin matches and
publishes; hostile text is shown escaped; access needs are the shadowing admins' alone; lists keep to a
query budget."""

import datetime as dt

import pytest
from django.urls import reverse

from academy.directory.models import Borough, Profession
from programmes.shadowing.models import DraftChoice, Placement, PlacementOffer, RoundState, Sector, ShadowInterest
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory
from tests.factories.shadowing import InterestFactory, OfferFactory, RoundFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def date_parts(name: str, day: dt.date) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_a_leader_offers_a_placement_through_the_page(client, leader):
    round_ = RoundFactory()
    client.force_login(leader)
    data = {
        "setting": "Frailty unit", "organisation": leader.profile.organisation.pk,
        "borough": Borough.objects.first().pk, "sector": Sector.ACUTE,
        "professions": [Profession.objects.first().pk], "visitor_experience": "Huddles",
        "system_problem": "Discharge", "visits": "3", "capacity": "2", "practical_details": "ID",
        **date_parts("available_from", round_.visits_from), **date_parts("available_until", round_.visits_until),
    }
    response = client.post(reverse("shadowing:offer_create", args=[round_.pk]), data)
    assert response.status_code == 302
    offer = PlacementOffer.objects.get()
    assert "Frailty unit" in client.get(reverse("shadowing:mine")).content.decode()
    # Dates outside the round: a clear message, nothing saved.
    data.update(date_parts("available_from", round_.visits_from - dt.timedelta(days=5)))
    response = client.post(reverse("shadowing:offer_edit", args=[offer.pk]), data)
    assert response.status_code == 400
    assert "within the round&#x27;s visits" in response.content.decode()


def test_interest_through_the_page_with_hostile_text_is_shown_escaped(client, leader):
    round_ = RoundFactory()
    client.force_login(leader)
    data = {
        "sector": Sector.PRIMARY_CARE, "wants_to_learn": HOSTILE, "line_manager_name": "Morgan",
        "line_manager_email": "morgan@example.nhs.uk", "unfamiliar_sectors": [Sector.ACUTE],
        **date_parts("available_from", round_.visits_from), **date_parts("available_until", round_.visits_until),
    }
    assert client.post(reverse("shadowing:interest", args=[round_.pk]), data).status_code == 302
    assert ShadowInterest.objects.get().wants_to_learn == HOSTILE
    admin = make_person("superuser")
    client.force_login(admin)
    page = client.get(reverse("shadowing:round_manage", args=[round_.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_access_needs_are_for_the_shadowing_admins_alone(client, shadowing_admin):
    round_ = RoundFactory()
    InterestFactory(round=round_, access_needs="Step-free access please")
    url = reverse("shadowing:round_manage", args=[round_.pk])
    client.force_login(shadowing_admin)
    assert "Step-free access please" in client.get(url).content.decode()
    client.force_login(make_person("superuser"))
    assert "Step-free access please" not in client.get(url).content.decode()


def test_pinning_a_same_organisation_pair_on_the_page_says_why(client, shadowing_admin):
    round_ = RoundFactory(state=RoundState.MATCHING)
    interest = InterestFactory(round=round_)
    offer = OfferFactory(round=round_, organisation=interest.organisation)
    client.force_login(shadowing_admin)
    response = client.post(reverse("shadowing:round_manage", args=[round_.pk]),
                           {"interest": interest.pk, "offer": offer.pk, "kind": "pin"})
    assert response.status_code == 400
    assert "shadowing is always with another organisation" in response.content.decode()
    assert not DraftChoice.objects.exists()


def test_the_admin_matches_and_publishes_through_the_pages(client, shadowing_admin):
    round_ = RoundFactory()
    for _ in range(3):
        OfferFactory(round=round_)
        InterestFactory(round=round_)
    client.force_login(shadowing_admin)
    assert client.post(reverse("shadowing:round_close", args=[round_.pk])).status_code == 302
    assert client.post(reverse("shadowing:round_match", args=[round_.pk])).status_code == 302
    page = client.get(reverse("shadowing:round_manage", args=[round_.pk])).content.decode()
    assert "Boundaries crossed per pair" in page and "Pairs in the draft" in page
    assert client.post(reverse("shadowing:round_publish", args=[round_.pk])).status_code == 302
    assert Placement.objects.count() == 3
    # Publishing twice is refused on the page (400), and nothing more is made.
    response = client.post(reverse("shadowing:round_publish", args=[round_.pk]))
    assert response.status_code == 400
    assert Placement.objects.count() == 3
    assert "Close the round" in client.get(reverse("shadowing:round_manage", args=[round_.pk])).content.decode()
    assert client.post(reverse("shadowing:round_finish", args=[round_.pk])).status_code == 302
    round_.refresh_from_db()
    assert round_.state == RoundState.CLOSED
    assert [t.to_state for t in round_.transitions.order_by("pk")] == ["matching", "published", "closed"]


def test_the_round_page_keeps_to_a_query_budget(client, shadowing_admin, django_assert_max_num_queries):
    round_ = RoundFactory(state=RoundState.MATCHING)
    for _ in range(8):
        OfferFactory(round=round_)
        InterestFactory(round=round_)
    client.force_login(shadowing_admin)
    client.post(reverse("shadowing:round_match", args=[round_.pk]))
    url = reverse("shadowing:round_manage", args=[round_.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    few = len(captured)
    for _ in range(8):
        OfferFactory(round=round_)
        InterestFactory(round=round_)
    client.post(reverse("shadowing:round_match", args=[round_.pk]))
    with django_assert_max_num_queries(few):
        client.get(url)


def test_my_shadowing_keeps_to_a_query_budget(client, django_assert_max_num_queries):
    leader = LeaderProfileFactory().user
    for _ in range(5):
        OfferFactory(host=leader)
        InterestFactory(shadow=leader)
    client.force_login(leader)
    client.get(reverse("shadowing:mine"))
    with django_assert_max_num_queries(15):
        assert client.get(reverse("shadowing:mine")).status_code == 200

