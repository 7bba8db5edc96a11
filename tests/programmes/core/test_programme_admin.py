"""Programme admins create programmes (becoming their admin, with the role history) and change the ones
they run; bad input and a title clash change nothing; the catalogue shows a programme once it has an
open cohort."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.accounts.models import Role, RoleAssignment
from academy.directory.models import LeaderGroup
from programmes.core import services
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory

pytestmark = pytest.mark.django_db


def programme_post(**overrides):
    groups = list(LeaderGroup.objects.order_by("position").values_list("pk", flat=True)[:2])
    data = {
        "name": "Clinical and care professional leadership network",
        "core_area": "community",
        "summary": "A network for clinical and care professional leaders across south east London.",
        "target_groups": groups,
        "delivery_summary": "In person, with some sessions online",
        "time_commitment": "Two hours a month",
        "position": 7,
    }
    return data | overrides


def test_a_programme_admin_creates_a_programme_and_becomes_its_admin(client_as):
    client, admin = client_as("programme_admin")
    response = client.post(reverse("programmes:programme_create"), programme_post())
    assert response.status_code == 302 and response["Location"] == reverse("programmes:admin_cohorts")
    programme = Programme.objects.get(name="Clinical and care professional leadership network")
    assert programme.slug == "clinical-and-care-professional-leadership-network"
    assert programme.created_by == admin and programme.target_groups.count() == 2
    assignment = RoleAssignment.objects.get(user=admin, role=Role.PROGRAMME_ADMIN, programme=programme)
    assert assignment.granted_by == admin
    assert assignment.history.filter(history_change_reason="created the programme").exists()
    page = client.get(reverse("programmes:admin_cohorts")).content.decode()
    assert "Clinical and care professional leadership network" in page
    assert client.get(reverse("programmes:programme_edit", args=[programme.slug])).status_code == 200
    # not in the catalogue until it has an open cohort
    assert programme.name not in client.get(reverse("programmes:catalogue")).content.decode()
    CohortFactory(programme=programme, offer_type="")
    assert programme.name in client.get(reverse("programmes:catalogue")).content.decode()
    assert "Two hours a month" in client.get(reverse("programmes:programme", args=[programme.slug])).content.decode()


def test_changing_a_programme_keeps_its_address(client_as):
    client, admin = client_as("programme_admin")
    programme = services.save_programme(admin, Programme(), programme_post(target_groups=None), target_groups=[])
    url = reverse("programmes:programme_edit", args=[programme.slug])
    response = client.post(url, programme_post(name="The leadership network", summary="Changed."))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "The leadership network" and programme.summary == "Changed."
    assert programme.slug == "clinical-and-care-professional-leadership-network"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter a title"),
        ({"name": "Systems leadership development curriculum"}, "There is already a programme called"),
        ({"name": "systems LEADERSHIP development curriculum"}, "There is already a programme called"),
        ({"name": "Curriculum!"}, "is taken by another programme"),
        ({"name": "!!!"}, "at least one letter or number"),
        ({"core_area": ""}, "Select the core area"),
        ({"core_area": "sport"}, "Select a valid choice"),
        ({"summary": ""}, "Enter a summary"),
        ({"position": "first"}, "whole number"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client_as, changes, message):
    client, admin = client_as("programme_admin")
    before = Programme.objects.count()
    response = client.post(reverse("programmes:programme_create"), programme_post(**changes))
    page = response.content.decode()
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", page) and message in page
    assert Programme.objects.count() == before
    assert not RoleAssignment.objects.filter(user=admin, programme__isnull=False).exclude(
        programme__slug="curriculum"
    ).exists()


def test_only_programme_admins_create_and_only_their_admins_change():
    leader = UserFactory()
    with pytest.raises(PermissionDenied):
        services.save_programme(leader, Programme(), programme_post(), target_groups=[])
    creator = make_person("programme_admin")
    programme = services.save_programme(creator, Programme(), programme_post(), target_groups=[])
    other_admin = make_person("programme_admin")  # runs the curriculum, not this one
    with pytest.raises(PermissionDenied):
        services.save_programme(other_admin, programme, programme_post(name="Taken over"), target_groups=[])
    programme.refresh_from_db()
    assert programme.name == "Clinical and care professional leadership network"
    with pytest.raises(ValidationError):
        services.save_programme(creator, Programme(), programme_post(), target_groups=[])


@pytest.mark.parametrize("role", ["leader", "reviewer", "governance", "executive", "evaluator"])
def test_other_roles_cannot_create_or_change_programmes(client_as, role):
    client, _ = client_as(role)
    before = Programme.objects.count()
    assert client.post(reverse("programmes:programme_create"), programme_post()).status_code == 403
    assert client.post(reverse("programmes:programme_edit", args=["curriculum"]), programme_post()).status_code == 403
    assert Programme.objects.count() == before
    assert Programme.objects.get(slug="curriculum").name == "Systems leadership development curriculum"


def test_an_admin_of_another_programme_cannot_change_this_one(client_as):
    creator = make_person("programme_admin")
    programme = services.save_programme(creator, Programme(), programme_post(), target_groups=[])
    client, _ = client_as("programme_admin")  # runs only the curriculum
    url = reverse("programmes:programme_edit", args=[programme.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, programme_post(name="Taken over")).status_code == 403
    assert client.get(reverse("programmes:programme_edit", args=["no-such-programme"])).status_code == 404
