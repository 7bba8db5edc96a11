"""The leaders directory: full-text search, filters, who appears, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.directory.models import Borough, PriorityFunction, Profession
from academy.directory.selectors import DirectoryFilters, search_directory
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    optometry = Profession.objects.get(slug="optometry")
    social_work = Profession.objects.get(slug="social-work")
    bexley = Borough.objects.get(slug="bexley")
    southwark = Borough.objects.get(slug="southwark")
    quay = OrganisationFactory(name="Quay Health Solutions")
    oxleas = OrganisationFactory(name="Oxleas NHS Foundation Trust")
    research = PriorityFunction.objects.get(number=9)
    return {
        "wanjiru": LeaderProfileFactory(
            user=UserFactory(first_name="Wanjiru", last_name="Kamau"),
            profession=optometry,
            borough=bexley,
            organisation=oxleas,
            job_title="Optometric adviser",
            interests=[research],
        ),
        "declan": LeaderProfileFactory(
            user=UserFactory(first_name="Declan", last_name="Fitzgerald"),
            profession=social_work,
            borough=southwark,
            organisation=quay,
            job_title="Principal social worker",
        ),
        "hidden": LeaderProfileFactory(
            user=UserFactory(first_name="Wanjiru", last_name="Hidden"),
            profession=optometry,
            borough=bexley,
            organisation=oxleas,
            listed_in_directory=False,
            interests=[research],
        ),
        "gone": LeaderProfileFactory(
            user=UserFactory(first_name="Wanjiru", last_name="Gone", is_active=False),
            profession=optometry,
            borough=bexley,
            organisation=oxleas,
            interests=[research],
        ),
    }


def found(**filters):
    return {profile.user.last_name for profile in search_directory(DirectoryFilters(**filters))}


def test_search_by_name_job_and_prefix(people):
    assert found(q="Kamau") == {"Kamau"}
    assert found(q="wanjiru") == {"Kamau"}
    assert found(q="Fitzger") == {"Fitzgerald"}  # prefix
    assert found(q="social worker") == {"Fitzgerald"}
    assert found(q="optom") == {"Kamau"}
    assert found(q="Principal social workers") == {"Fitzgerald"}  # stemmed
    assert found(q="nobody-matches-this") == set()


def test_search_by_profession_organisation_borough_interest(people):
    assert found(profession=Profession.objects.get(slug="optometry")) == {"Kamau"}
    assert found(q="Optometry") == {"Kamau"}
    assert found(organisation=people["declan"].organisation) == {"Fitzgerald"}
    assert found(q="Quay") == {"Fitzgerald"}
    assert found(borough=Borough.objects.get(slug="bexley")) == {"Kamau"}
    assert found(q="Southwark") == {"Fitzgerald"}
    assert found(interest=PriorityFunction.objects.get(number=9)) == {"Kamau"}
    assert found(q="research evidence") == {"Kamau"}


def test_odd_search_input_never_errors(people):
    for text in ["'", "&|!:*()", "a:* & b", "  ", "\\", "<script>", "the and of", "ü"]:
        search_directory(DirectoryFilters(q=text)).count()


def test_opted_out_and_deactivated_people_never_appear(client_as, people):
    client, _ = client_as("leader")
    body = client.get(reverse("directory:search"), {"q": "Wanjiru"}).content.decode()
    assert "Kamau" in body
    assert "Hidden" not in body and "Gone" not in body
    body = client.get(reverse("directory:search")).content.decode()
    assert "Hidden" not in body and "Gone" not in body
    assert "2 leaders found" in body


def test_search_page_filters_through_the_url(client_as, people):
    client, _ = client_as("leader")
    response = client.get(reverse("directory:search"), {"borough": "southwark", "profession": "social-work"})
    body = response.content.decode()
    assert "1 leader found" in body and "Fitzgerald" in body and "Kamau" not in body
    response = client.get(reverse("directory:search"), {"interest": "9"})
    assert "Kamau" in response.content.decode()


def test_bad_filter_values_give_a_message_not_an_error(client_as, people):
    client, _ = client_as("leader")
    response = client.get(
        reverse("directory:search"), {"borough": "atlantis", "interest": "abc", "page": "zz"}
    )
    assert response.status_code == 200
    assert "Select a borough from the list" in response.content.decode()
    assert "2 leaders found" in response.content.decode()


def test_pagination_20_per_page(client_as):
    client, _ = client_as("leader")
    organisation = OrganisationFactory()
    for _ in range(45):
        LeaderProfileFactory(organisation=organisation)
    response = client.get(reverse("directory:search"))
    assert "45 leaders found" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 20
    page3 = client.get(reverse("directory:search"), {"page": "3"})
    assert len(page3.context["page_obj"].object_list) == 5
    assert 'aria-current="page"' in page3.content.decode()


def _queries_for_directory(client, count, organisation, interests):
    for _ in range(count):
        LeaderProfileFactory(organisation=organisation, interests=interests)
    client.get(reverse("directory:search"))  # the first request after sign-in also updates the session
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("directory:search"), {"page": "2", "q": "clinical"})
    assert response.status_code == 200
    return len(context.captured_queries)


def test_directory_queries_do_not_grow_with_leaders(client_as):
    client, _ = client_as("leader")
    organisation = OrganisationFactory()
    interests = list(PriorityFunction.objects.filter(number__in=[1, 2, 3]))
    small = _queries_for_directory(client, 40, organisation, interests)
    large = _queries_for_directory(client, 200, organisation, interests)
    assert small == large
    assert large <= 12


def test_organisation_is_a_text_box_the_server_matches(client_as, people):
    """No list of every organisation on the page: the name (or part of it) typed is matched by the server,
    so the filter works with scripts off."""
    client, _ = client_as("leader")
    declan_org = people["declan"].organisation
    body = client.get(reverse("directory:search")).content.decode()
    assert 'name="organisation" ' in body and "<select name=\"organisation\"" not in body
    assert f'<option value="{declan_org.pk}"' not in body
    exact = client.get(reverse("directory:search"), {"organisation": declan_org.name.upper()}).content.decode()
    assert "1 leader found" in exact and "Fitzgerald" in exact
    part = client.get(reverse("directory:search"), {"organisation": declan_org.name[2:8]}).content.decode()
    assert "Fitzgerald" in part
    unknown = client.get(reverse("directory:search"), {"organisation": "Atlantis Trust"}).content.decode()
    assert "No organisation has a name like that" in unknown and "2 leaders found" in unknown


def test_organisation_suggestions_for_the_autocomplete(client_as, django_assert_max_num_queries):
    client, _ = client_as("leader")
    for name in ["Lewisham and Zedwick NHS Trust", "Zedwick Council", "Quayside Zed Trust"]:
        OrganisationFactory(name=name)
    url = reverse("directory:organisation_suggestions")
    with django_assert_max_num_queries(8):
        results = client.get(url, {"q": "zedw"}).json()["results"]
    assert results == ["Zedwick Council", "Lewisham and Zedwick NHS Trust"]  # names starting with it first
    assert client.get(url, {"q": "g"}).json()["results"] == []  # one letter: too short to suggest
    assert client.get(url, {"q": "<script>'%_"}).json()["results"] == []
    for number in range(15):
        OrganisationFactory(name=f"Zedwick practice {number}")
    assert len(client.get(url, {"q": "zedwick"}).json()["results"]) == 10
