"""The register of other leadership development offers: keeping it, full-text search, the catalogue's
section, hostile text and the query budget."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.directory.models import Borough, LeaderGroup, PriorityFunction, Profession
from programmes.core import services
from programmes.core.models import ExternalOffer, ProviderKind
from tests.conftest import make_person
from tests.programmes.core.problems.factories import external_offer

pytestmark = pytest.mark.django_db


def _save(actor, offer=None, **values):
    data = {
        "name": "Mary Seacole Programme", "provider_kind": ProviderKind.PROFESSIONAL_BODY,
        "provider_name": "NHS Leadership Academy", "description": "Leadership for first-time leaders.",
        "url": "https://www.leadershipacademy.nhs.uk/programmes/mary-seacole-programme/", "cost": "Funded",
        "leader_groups": LeaderGroup.objects.all()[:1], "professions": Profession.objects.all()[:2],
        "priority_functions": PriorityFunction.objects.filter(number=5), "boroughs": Borough.objects.all()[:1],
    } | values
    return services.save_external_offer(actor, offer or ExternalOffer(), **data)


def test_programme_admins_keep_the_register_and_the_search_reads_every_field():
    admin = make_person("programme_admin")
    offer = _save(admin)
    assert offer.created_by == admin
    profession = offer.professions.first()
    assert profession.name in offer.search_document
    assert ExternalOffer.objects.filter(search_vector="seacole").exists()


@pytest.mark.parametrize("role", ["leader", "governance", "reviewer"])
def test_others_cannot_change_the_register(role):
    with pytest.raises(PermissionDenied):
        _save(make_person(role))
    assert not ExternalOffer.objects.exists()


def test_bad_input_says_what_to_fix_and_saves_nothing():
    with pytest.raises(ValidationError) as error:
        _save(make_person("programme_admin"), name=" ", url="javascript:alert(1)", provider_kind="cult")
    assert set(error.value.message_dict) == {"name", "url", "provider_kind"}
    assert not ExternalOffer.objects.exists()


def test_search_by_words_and_filters_and_inactive_offers_are_hidden(client):
    admin = make_person("programme_admin")
    _save(admin)
    _save(admin, name="Edward Jenner Programme", description="An online introduction to leading in health care.",
          url="https://www.leadershipacademy.nhs.uk/programmes/the-edward-jenner-programme/",
          priority_functions=PriorityFunction.objects.none(), boroughs=Borough.objects.none())
    _save(admin, name="Retired fellowship", active=False)
    url = reverse("programmes:external_offers")

    def names(**query):
        return [o.name for o in client.get(url, query).context["offers"]]

    assert names() == ["Edward Jenner Programme", "Mary Seacole Programme"]
    assert names(q="jenn") == ["Edward Jenner Programme"]
    assert names(q="first-time leaders") == ["Mary Seacole Programme"]
    assert names(function="5") == ["Mary Seacole Programme"]
    assert names(kind="university") == []
    assert names(q="&|!:*()") == ["Edward Jenner Programme", "Mary Seacole Programme"]
    client.force_login(admin)
    assert "Retired fellowship" in names()


def test_the_catalogue_points_to_the_register(client):
    external_offer()
    page = client.get(reverse("programmes:catalogue")).content.decode()
    assert "Other leadership development in south east London" in page
    assert reverse("programmes:external_offers") in page


def test_hostile_text_is_shown_escaped(client):
    hostile = '<script>alert(1)</script>'
    external_offer(name=hostile, description=hostile, provider_name=hostile)
    page = client.get(reverse("programmes:external_offers")).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_form_creates_an_offer(client):
    admin = make_person("programme_admin")
    client.force_login(admin)
    response = client.post(reverse("programmes:external_offer_create"), {
        "name": "Leadership fellowship", "provider_kind": "university", "provider_name": "King's College London",
        "description": "Part-time.", "url": "https://www.kcl.ac.uk/", "active": "on",
    })
    assert response.status_code == 302
    assert ExternalOffer.objects.get().provider_name == "King's College London"


@pytest.mark.parametrize("count", [10, 1000])
def test_the_register_query_budget_does_not_grow(client, django_assert_max_num_queries, count):
    groups = list(LeaderGroup.objects.all()[:2])
    ExternalOffer.objects.bulk_create(
        ExternalOffer(name=f"Offer {n}", provider_kind="network", provider_name="A network", description="d",
                      url="https://example.org/", search_document=f"Offer {n}") for n in range(count)
    )
    for offer in ExternalOffer.objects.all()[:30]:
        offer.leader_groups.set(groups)
    # the count, the filter form's two lists, the page and its four prefetches (public: no session)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("programmes:external_offers"), {"page": 1, "q": "offer"})
    assert response.status_code == 200
